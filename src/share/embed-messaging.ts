/**
 * The postMessage API between an embedded Loopscope (an iframe) and the page that hosts it.
 * docs/embedding.md is the user-facing description; keep the two in step.
 *
 * Every message, both ways, is an envelope:
 *   { source: 'loopscope', version: 1, type, id?, embedId?, payload }
 *
 * The embed posts `ready`, `run-finished`, `step-changed`, and a `response` to every host
 * command that carried an `id`. The host may send `set-code`, `run` and `seek`.
 *
 * Trust rules (issue 8):
 * - A message is accepted only when its `source` is the embed's parent window and its origin is
 *   the parent's origin or one listed in the embed's configured allowlist. Anything else is
 *   dropped without an answer, so a page cannot probe an embed it does not host.
 * - The embed posts only to the parent, with an explicit target origin, never '*'.
 * - `run` is refused unless the embed was opened with autorun, or the person has pressed the
 *   embed's own visible Run button at least once in this page view. A host can change the code
 *   with `set-code`, but cannot make a visitor's browser run it unseen.
 */

export const EMBED_PROTOCOL_VERSION = 1;

/** A command's `id`, echoed unchanged in its `response`. */
export type MessageId = string | number;

/** Longest string `id` a command may carry. */
export const MAX_ID_CHARS = 200;

/** Longest program `set-code` accepts (characters), the same bound as share links. */
export const MAX_EMBED_CODE_CHARS = 1024 * 1024;

interface EnvelopeBase<T extends string, P> {
  source: 'loopscope';
  version: typeof EMBED_PROTOCOL_VERSION;
  type: T;
  /**
   * Set by the host on a command that wants a `response`; echoed in the response. A string of
   * up to 200 characters or a finite number (MessageId).
   */
  id?: MessageId;
  /** The embed's `embedId` link parameter, repeated in every message the embed posts. */
  embedId?: string;
  payload: P;
}

/** Messages the embed posts to its host. */
export type EmbedMessage =
  | EnvelopeBase<'ready', { autorun: boolean; readonly: boolean }>
  | EnvelopeBase<
      'run-finished',
      {
        /** 'ok' | 'error' | 'cancelled' | 'stopped' | a budget name, as the runtime reports it. */
        outcome: string;
        events: number;
        virtualTime: number;
        /** Last step index of the trace (events - 1), or -1 for an empty trace. */
        lastStep: number;
      }
    >
  | EnvelopeBase<'step-changed', { step: number; time: number }>
  | EnvelopeBase<'response', EmbedResponse>;

export type EmbedResponse =
  | { ok: true }
  | {
      ok: false;
      error: EmbedErrorCode;
      /** English text for the host's developer console; not shown to visitors. */
      message: string;
    };

export type EmbedErrorCode =
  | 'run-not-allowed'
  | 'bad-message'
  | 'unsupported-version'
  | 'unknown-type'
  | 'no-trace'
  | 'step-out-of-range'
  | 'failed';

/** Commands a host may send. */
export type HostCommand =
  | EnvelopeBase<'set-code', { code: string }>
  | EnvelopeBase<'run', Record<string, never> | undefined>
  | EnvelopeBase<'seek', { step: number }>;

/** What the embed does with each command. Each may refuse by returning an error code. */
export interface EmbedHandlers {
  setCode(code: string): void | EmbedErrorCode;
  run(): void | EmbedErrorCode;
  seek(step: number): void | EmbedErrorCode;
}

/** The part of `window` the messenger uses, so tests can pass fakes. */
export interface MessageWindow {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}
export interface PostTarget {
  postMessage(message: unknown, targetOrigin: string): void;
}

export interface EmbedMessengerOptions {
  /** The embed's own window, where host messages arrive. */
  self: MessageWindow;
  /** The host window (`window.parent`), or null when the page is not embedded. */
  parent: PostTarget | null;
  /** The parent's origin, from {@link detectParentOrigin}; null when it cannot be known. */
  parentOrigin: string | null;
  /**
   * Extra origins trusted to drive the embed, from the deployment's PlaygroundConfig (never from
   * the URL, which anyone can write). Needed when the parent origin cannot be detected.
   */
  allowedOrigins?: readonly string[];
  /** Whether the embed was opened with autorun (link parameter `autorun=1`). */
  autorun: boolean;
  readonly?: boolean;
  embedId?: string;
  handlers: EmbedHandlers;
}

const ERROR_TEXT: Record<EmbedErrorCode, string> = {
  'run-not-allowed':
    'run refused: the embed runs only after its own Run button was pressed, or when opened with autorun=1',
  'bad-message': 'malformed message payload',
  'unsupported-version': `unsupported protocol version; this embed speaks version ${EMBED_PROTOCOL_VERSION}`,
  'unknown-type': 'unknown message type',
  'no-trace': 'nothing to seek in yet: run the program first',
  'step-out-of-range': 'step is outside the trace',
  failed: 'the embed could not carry out the command',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Said in the `response` to a command whose `id` cannot be echoed. */
export const BAD_ID_TEXT = `malformed message: id must be a string of up to ${MAX_ID_CHARS} characters or a finite number`;

/**
 * Checks a received message. Returns null when it is not a Loopscope envelope at all (other
 * scripts on the host page use postMessage too; those are ignored silently), or an error code
 * with the id to answer. A command whose `id` is neither a string (up to MAX_ID_CHARS) nor a
 * finite number is not carried out: it is answered with `bad-message` and no id, since that id
 * cannot be echoed (`null` counts as no id).
 */
export function parseHostMessage(
  data: unknown,
): null | { command: HostCommand } | { error: EmbedErrorCode; id?: MessageId; message?: string } {
  if (!isRecord(data) || data.source !== 'loopscope') return null;
  const raw = data.id;
  let id: MessageId | undefined;
  if ((typeof raw === 'string' && raw.length <= MAX_ID_CHARS) || Number.isFinite(raw))
    id = raw as MessageId;
  else if (raw !== undefined && raw !== null) return { error: 'bad-message', message: BAD_ID_TEXT };
  if (data.version !== EMBED_PROTOCOL_VERSION) return { error: 'unsupported-version', id };
  const payload = data.payload;
  switch (data.type) {
    case 'set-code':
      if (
        !isRecord(payload) ||
        typeof payload.code !== 'string' ||
        payload.code.length > MAX_EMBED_CODE_CHARS
      )
        return { error: 'bad-message', id };
      return {
        command: {
          source: 'loopscope',
          version: 1,
          type: 'set-code',
          id,
          payload: { code: payload.code },
        },
      };
    case 'run':
      if (payload !== undefined && !isRecord(payload)) return { error: 'bad-message', id };
      return { command: { source: 'loopscope', version: 1, type: 'run', id, payload: {} } };
    case 'seek':
      if (
        !isRecord(payload) ||
        typeof payload.step !== 'number' ||
        !Number.isInteger(payload.step) ||
        payload.step < 0
      )
        return { error: 'bad-message', id };
      return {
        command: {
          source: 'loopscope',
          version: 1,
          type: 'seek',
          id,
          payload: { step: payload.step },
        },
      };
    default:
      return { error: 'unknown-type', id };
  }
}

/**
 * The origin of the page that embeds this one, or null. Chromium and Safari expose
 * `location.ancestorOrigins`; elsewhere the referrer is the best available answer (absent when
 * the host sends no referrer, in which case the deployment's allowlist must name the host).
 */
export function detectParentOrigin(win: {
  parent: unknown;
  location: { ancestorOrigins?: { length: number; [i: number]: string } };
  document?: { referrer: string };
}): string | null {
  if (win.parent === win || win.parent === null || win.parent === undefined) return null;
  const ancestors = win.location.ancestorOrigins;
  if (ancestors && ancestors.length > 0 && ancestors[0] && ancestors[0] !== 'null')
    return ancestors[0];
  const referrer = win.document?.referrer;
  if (referrer) {
    try {
      const origin = new URL(referrer).origin;
      return origin === 'null' ? null : origin;
    } catch {
      return null;
    }
  }
  return null;
}

/** One embed's end of the API. Create one per playground instance. */
export class EmbedMessenger {
  private readonly options: EmbedMessengerOptions;
  private userHasRun = false;
  private started = false;
  private readonly listener = (event: MessageEvent) => this.onMessage(event);

  constructor(options: EmbedMessengerOptions) {
    this.options = options;
  }

  /** Starts listening and announces `ready`. Safe to call more than once. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.options.self.addEventListener('message', this.listener);
    this.post({
      type: 'ready',
      payload: { autorun: this.options.autorun, readonly: this.options.readonly ?? false },
    });
  }

  stop(): void {
    if (!this.started) return;
    this.started = false;
    this.options.self.removeEventListener('message', this.listener);
  }

  /** Call when the person presses the embed's visible Run button (or its keyboard shortcut). */
  markUserRun(): void {
    this.userHasRun = true;
  }

  /** Whether a host `run` would be obeyed now. */
  get runAllowed(): boolean {
    return this.options.autorun || this.userHasRun;
  }

  notifyRunFinished(payload: Extract<EmbedMessage, { type: 'run-finished' }>['payload']): void {
    this.post({ type: 'run-finished', payload });
  }

  notifyStepChanged(step: number, time: number): void {
    this.post({ type: 'step-changed', payload: { step, time } });
  }

  private trusted(event: MessageEvent): boolean {
    const { parent, parentOrigin, allowedOrigins = [] } = this.options;
    if (parent === null || event.source !== (parent as unknown)) return false;
    return event.origin === parentOrigin || allowedOrigins.includes(event.origin);
  }

  private onMessage(event: MessageEvent): void {
    if (!this.trusted(event)) return;
    const parsed = parseHostMessage(event.data);
    if (parsed === null) return;
    if ('error' in parsed) {
      // A bad id is answered without one: it is the only way the host hears why.
      if (parsed.message !== undefined)
        this.answer(undefined, event.origin, parsed.error, parsed.message);
      else this.respond(parsed.id, event.origin, parsed.error);
      return;
    }
    const { command } = parsed;
    let error: void | EmbedErrorCode;
    try {
      switch (command.type) {
        case 'set-code':
          error = this.options.handlers.setCode(command.payload.code);
          break;
        case 'run':
          error = this.runAllowed ? this.options.handlers.run() : 'run-not-allowed';
          break;
        case 'seek':
          error = this.options.handlers.seek(command.payload.step);
          break;
      }
    } catch {
      error = 'failed';
    }
    this.respond(command.id, event.origin, error ?? undefined);
  }

  /** Answers a command that asked for it (carried an id); commands without one get no answer. */
  private respond(id: MessageId | undefined, origin: string, error?: EmbedErrorCode): void {
    if (id !== undefined) this.answer(id, origin, error);
  }

  private answer(
    id: MessageId | undefined,
    origin: string,
    error?: EmbedErrorCode,
    message: string = error === undefined ? '' : ERROR_TEXT[error],
  ): void {
    const payload: EmbedResponse =
      error === undefined ? { ok: true } : { ok: false, error, message };
    this.post({ type: 'response', id, payload }, origin);
  }

  private post(
    message: { type: EmbedMessage['type']; id?: MessageId; payload: EmbedMessage['payload'] },
    origin?: string,
  ): void {
    const { parent, parentOrigin, allowedOrigins = [], embedId } = this.options;
    // Replies go to the origin that asked. Announcements go to the parent's origin or, when it is
    // unknown, to each allowlisted origin: the browser delivers a message only if the target
    // origin matches the window's, so this can never leak to another site. Never '*'.
    const targets =
      origin !== undefined ? [origin] : parentOrigin !== null ? [parentOrigin] : allowedOrigins;
    if (parent === null) return;
    const envelope = {
      source: 'loopscope',
      version: EMBED_PROTOCOL_VERSION,
      type: message.type,
      ...(message.id !== undefined ? { id: message.id } : {}),
      ...(embedId !== undefined ? { embedId } : {}),
      payload: message.payload,
    };
    for (const target of targets) parent.postMessage(envelope, target);
  }
}
