import type { BootPhase } from '../../runtime/protocol';
import type { ReadyInfo, RuntimeStatus } from '../../runtime/runtime-client';
import type { SliceCreator } from '../types';

export interface Notice {
  level: 'info' | 'warning' | 'error';
  /** The sentence in the language of the moment it was set (also the fallback). */
  text: string;
  /** i18n key and params, so the console header re-translates on a language switch. */
  key?: string;
  params?: Record<string, string | number>;
  /** Increases with each notice so the UI can tell a repeated sentence from an old one. */
  seq: number;
}

/** A translatable sentence: an i18n key and its parameters. */
export interface NoticeMessage {
  key: string;
  params?: Record<string, string | number>;
}

export interface RuntimeSlice {
  runtimeStatus: RuntimeStatus;
  /** Boot progress of the current worker: phase and bytes (total 0 when unknown). */
  bootPhase: BootPhase;
  bootLoaded: number;
  bootTotal: number;
  /** Set once a worker is ready; cleared when it is replaced. */
  runtimeInfo: ReadyInfo | null;
  /** The latest thing the runtime or the last run wants the person to know. */
  notice: Notice | null;
  setRuntimeStatus(status: RuntimeStatus): void;
  setBootProgress(phase: BootPhase, loaded: number, total: number): void;
  setRuntimeInfo(info: ReadyInfo | null): void;
  setNotice(level: Notice['level'], text: string, message?: NoticeMessage): void;
  clearNotice(): void;
}

export const createRuntimeSlice: SliceCreator<RuntimeSlice> = () => (set, get) => ({
  runtimeStatus: 'booting',
  bootPhase: 'fetch-runtime',
  bootLoaded: 0,
  bootTotal: 0,
  runtimeInfo: null,
  notice: null,
  setRuntimeStatus: (runtimeStatus) =>
    set(runtimeStatus === 'booting' ? { runtimeStatus, runtimeInfo: null } : { runtimeStatus }),
  setBootProgress: (bootPhase, bootLoaded, bootTotal) => set({ bootPhase, bootLoaded, bootTotal }),
  setRuntimeInfo: (runtimeInfo) => set({ runtimeInfo }),
  setNotice: (level, text, message) =>
    set({ notice: { level, text, ...message, seq: (get().notice?.seq ?? 0) + 1 } }),
  clearNotice: () => set({ notice: null }),
});
