/**
 * The course-material layer of a playground: the Share, Embed and Examples buttons, the language
 * switcher, "Open in Loopscope" in embeds, the messages about the link that opened the page, and
 * the link's step and granularity applied to the debugger. It lives inside the playground's store
 * and controller contexts (Playground renders it in the toolbar).
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { Gallery } from '../examples/Gallery';
import { EXAMPLES, localized } from '../examples/index';
import type { Example } from '../examples/index';
import { LanguageSwitcher } from '../i18n/LanguageSwitcher';
import { t as translate, tMessage, useT } from '../i18n/index';
import { usePlaygroundController } from '../app/controller-context';
import { DEFAULT_EXAMPLE } from '../app/default-example';
import { forgetKeptDraft, isKeptDraftsKey, keepDraft, loadKeptDrafts } from '../app/storage';
import type { KeptDraft } from '../app/storage';
import { usePlaygroundStore, usePlaygroundStoreApi } from '../store/context';
import { formatCount } from '../viz/format';
import { trapTab, useModalFocus } from '../viz/playback/focus-trap';
import { DEFAULT_EMBED_PANELS, embedSnippet } from './embed-layout';
import { EmbedBridge } from './EmbedBridge';
import { TraceReplay } from './TraceReplay';
import { keptLabels, keptProgramName } from './kept-names';
import { KEPT_CODE_SLOT, pageRunOptions } from './launch';
import type { Launch } from './launch';
import {
  PANEL_IDS,
  encodeLink,
  networkFromRunOptions,
  shareActionFor,
  unusableRecordedSeed,
} from './link';
import type { LinkOptions, NetworkOptions, PanelId } from './link';
import './course.css';

/** URL of the full page and of the embed entry, for links this deployment writes. */
function appUrl(path = ''): string {
  return new URL(import.meta.env.BASE_URL + path, location.href).href;
}

/** Programs that are not the person's work: the gallery's and the page's default program. */
const BUILT_INS = new Set([DEFAULT_EXAMPLE, ...EXAMPLES.map((e) => e.code)].map((c) => c.trim()));
function isBuiltIn(code: string): boolean {
  return code.trim() === '' || BUILT_INS.has(code.trim());
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/x-python' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * A dialog shell: labelled, closes on Escape and on a click outside. It is modal for the keyboard
 * too (../viz/playback/focus-trap): it opens with the focus on its body's first control, Tab stays
 * inside it, and closing gives the focus back to the control that opened it.
 */
function Dialog({
  title,
  onClose,
  children,
  className = '',
}: {
  title: string;
  onClose(): void;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  const { t } = useT();
  const box = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  useModalFocus(true, box, body);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="ls-course-backdrop" onClick={onClose}>
      <div
        ref={box}
        className={`ls-course-dialog ${className}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={id}
        tabIndex={-1}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => trapTab(e.currentTarget, e)}
      >
        <header className="ls-course-dialog-header">
          <h2 id={id}>{title}</h2>
          <button
            type="button"
            className="ls-button"
            onClick={onClose}
            aria-label={t('share.close')}
          >
            ✕
          </button>
        </header>
        <div ref={body} className="ls-course-dialog-body">
          {children}
        </div>
      </div>
    </div>
  );
}

/** The link Share writes for the playground's current state. */
function shareLink(
  state: { code: string; step: number; granularity: LinkOptions['granularity']; hasTrace: boolean },
  choices: { withStep: boolean; autorun: boolean },
  network: NetworkOptions | undefined,
): string {
  const options: LinkOptions = { granularity: state.granularity, ...withNetwork(network) };
  if (choices.withStep && state.hasTrace) options.step = state.step;
  if (choices.autorun) options.autorun = true;
  return encodeLink(appUrl(), { code: state.code, options });
}

/**
 * The page's simulated-network settings (latency, jitter, seed: the link that opened it, and a
 * recorded run's it shows), for the links it makes. Every run on this page used them, so a step in a shared link only points at the
 * same moment, and `random` only gives the same numbers, if the reopened run uses them too.
 */
function withNetwork(network: NetworkOptions | undefined): Pick<LinkOptions, 'network'> {
  return network && Object.keys(network).length > 0 ? { network: { ...network } } : {};
}

function ShareDialog({
  onClose,
  copied,
  onCopied,
  network,
}: {
  onClose(): void;
  /** The page's network settings, kept in the link (see withNetwork). */
  network: NetworkOptions | undefined;
  /** Whether the last copy worked; null before any. Share's click already copied once. */
  copied: boolean | null;
  onCopied(ok: boolean): void;
}) {
  const { t } = useT();
  const store = usePlaygroundStoreApi();
  const code = usePlaygroundStore((s) => s.code);
  const filename = usePlaygroundStore((s) => s.filename);
  const hasTrace = usePlaygroundStore((s) => s.trace !== null && s.trace.meta.source === s.code);
  const step = usePlaygroundStore((s) => s.step);
  const granularity = usePlaygroundStore((s) => s.granularity);
  const [withStep, setWithStep] = useState(true);
  const [autorun, setAutorun] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const link = shareLink({ code, step, granularity, hasTrace }, { withStep, autorun }, network);
  const action = shareActionFor(link);

  const copy = async () => {
    const ok = await copyText(link);
    onCopied(ok);
    if (!ok) field.current?.select();
  };

  return (
    <Dialog title={t('share.title')} onClose={onClose} className="ls-share-dialog">
      {action.kind === 'download' && (
        <div className="ls-course-warning" role="alert">
          <p>{t('share.tooLarge', { size: action.size })}</p>
          <button
            type="button"
            className="ls-button"
            onClick={() => download(filename, store.getState().code)}
          >
            {t('share.download', { filename })}
          </button>{' '}
          <button type="button" className="ls-button" onClick={() => void copy()}>
            {t('share.copyAnyway')}
          </button>
        </div>
      )}
      <label className="ls-course-field">
        <span>{t('share.linkLabel')}</span>
        <input
          ref={field}
          readOnly
          value={link}
          aria-label={t('share.linkLabel')}
          onFocus={(e) => e.target.select()}
        />
      </label>
      <div className="ls-course-options">
        {hasTrace && (
          <label>
            <input
              type="checkbox"
              checked={withStep}
              onChange={(e) => setWithStep(e.target.checked)}
            />{' '}
            {t('share.includeStep', { step: formatCount(step + 1) })}
          </label>
        )}
        <label>
          <input type="checkbox" checked={autorun} onChange={(e) => setAutorun(e.target.checked)} />{' '}
          {t('embed.autorun')}
        </label>
      </div>
      <div className="ls-course-actions">
        <button type="button" className="ls-button ls-button-run" onClick={() => void copy()}>
          {t('share.copyLink')}
        </button>
        <span role="status" className="ls-course-confirm">
          {copied === true ? t('share.copied') : copied === false ? t('share.copyFailed') : ''}
        </span>
      </div>
    </Dialog>
  );
}

/**
 * The panels the Embed dialog offers. `futures` stands for the futures and resources tabs under
 * the Tasks panel (either id shows both; embed-layout.ts), labelled as the tabs' strip is.
 */
const EMBED_PANEL_CHOICES: PanelId[] = [
  'editor',
  'loop',
  'tasks',
  'futures',
  'console',
  'timeline',
];

function EmbedDialog({
  onClose,
  network,
}: {
  onClose(): void;
  network: NetworkOptions | undefined;
}) {
  const { t, i18n } = useT();
  const code = usePlaygroundStore((s) => s.code);
  const hasTrace = usePlaygroundStore((s) => s.trace !== null && s.trace.meta.source === s.code);
  const step = usePlaygroundStore((s) => s.step);
  const granularity = usePlaygroundStore((s) => s.granularity);
  const [readonly, setReadonly] = useState(true);
  const [autorun, setAutorun] = useState(false);
  const [withStep, setWithStep] = useState(false);
  const [panels, setPanels] = useState<PanelId[]>(() => [...DEFAULT_EMBED_PANELS]);
  const [copied, setCopied] = useState<boolean | null>(null);

  // The stepping granularity goes with the snippet as with Share: a step taken at Iteration
  // reopened at Line would not step the way the author showed it.
  const options: LinkOptions = {
    granularity,
    panels: PANEL_IDS.filter((p) => panels.includes(p)),
    ...withNetwork(network),
  };
  if (readonly) options.readonly = true;
  if (autorun) options.autorun = true;
  if (withStep && hasTrace) options.step = step;
  const snippet = embedSnippet({
    embedUrl: appUrl('embed.html'),
    code,
    options,
    // Named as the kept-programs notice names programs: its comment or docstring, else its first
    // definition, else its first line of code; an unedited gallery example by its title.
    title: t('embed.iframeTitle', {
      title: galleryTitle(code, i18n.language) ?? (keptProgramName(code) || 'asyncio'),
    }),
  });

  return (
    <Dialog title={t('embed.title')} onClose={onClose} className="ls-embed-dialog">
      <p>{t('embed.intro')}</p>
      <div className="ls-course-options">
        <label>
          <input
            type="checkbox"
            checked={readonly}
            onChange={(e) => setReadonly(e.target.checked)}
          />{' '}
          {t('embed.readonly')}
        </label>
        <label>
          <input type="checkbox" checked={autorun} onChange={(e) => setAutorun(e.target.checked)} />{' '}
          {t('embed.autorun')}
        </label>
        {hasTrace && (
          <label>
            <input
              type="checkbox"
              checked={withStep}
              onChange={(e) => setWithStep(e.target.checked)}
            />{' '}
            {t('embed.includeStep')}
          </label>
        )}
      </div>
      <fieldset className="ls-course-options">
        <legend>{t('embed.panels')}</legend>
        {EMBED_PANEL_CHOICES.map((p) => (
          <label key={p}>
            <input
              type="checkbox"
              checked={panels.includes(p)}
              onChange={(e) =>
                setPanels((list) => (e.target.checked ? [...list, p] : list.filter((x) => x !== p)))
              }
            />{' '}
            {t(p === 'futures' ? 'panels.inspector' : `panels.${p}`)}
          </label>
        ))}
      </fieldset>
      <label className="ls-course-field">
        <span>{t('embed.snippetLabel')}</span>
        <textarea readOnly rows={8} value={snippet} aria-label={t('embed.snippetLabel')} />
      </label>
      <div className="ls-course-actions">
        <button
          type="button"
          className="ls-button ls-button-run"
          onClick={() => void copyText(snippet).then(setCopied)}
        >
          {t('embed.copy')}
        </button>
        <span role="status" className="ls-course-confirm">
          {copied === true ? t('embed.copied') : copied === false ? t('share.copyFailed') : ''}
        </span>
      </div>
    </Dialog>
  );
}

/** The title of the gallery example whose program `code` is, unedited; else null. */
function galleryTitle(code: string, lang: string): string | null {
  const example = EXAMPLES.find((e) => e.code === code);
  return example ? localized(example.title, lang) : null;
}

/** A message shown over the page until dismissed. */
interface Toast {
  id: string;
  level: 'info' | 'warning' | 'error';
  text: string;
  /** Extra line, e.g. an example's "what to watch". */
  detail?: string;
}

function initialToasts(launch: Launch): Toast[] {
  const toasts: Toast[] = [];
  // What the page opened instead of the link's program: saved work when there is some.
  const instead = (problem: string) =>
    translate('share.problemThen', {
      problem,
      instead: translate(
        launch.source === 'saved' ? 'share.shownInstead.saved' : 'share.shownInstead.default',
      ),
    });
  if (launch.error)
    toasts.push({
      id: 'link-error',
      level: 'error',
      text: instead(tMessage(launch.error)),
    });
  if (launch.unknownExample)
    toasts.push({
      id: 'unknown-example',
      level: 'warning',
      text: instead(translate('share.unknownExample', { id: launch.unknownExample })),
    });
  if (launch.recordingError !== null)
    toasts.push({
      id: 'trace-error',
      level: 'error',
      text: instead(translate('errors.traceFile', { reason: launch.recordingError })),
    });
  // Several settings the page does not know make one notice, not a stack of them over the page.
  const bad = launch.warnings.filter((w) => w.messageKey === 'share.warning.badParam');
  for (const w of launch.warnings) {
    if (bad.length > 1 && w.messageKey === 'share.warning.badParam') continue;
    toasts.push({ id: `warn-${w.param}-${w.params.value}`, level: 'warning', text: tMessage(w) });
  }
  if (bad.length > 1)
    toasts.push({
      id: 'warn-params',
      level: 'warning',
      text: translate('share.warning.badParams', {
        settings: bad.map((w) => `${w.params.param}=${w.params.value}`).join(', '),
      }),
    });
  // A recorded seed the page cannot pass on: its runs (and its links) use another one.
  const recording = launch.recording;
  const seed =
    recording !== null && recording !== 'pending' && launch.options.network?.seed === undefined
      ? unusableRecordedSeed(recording.meta.options)
      : null;
  if (seed !== null)
    toasts.push({
      id: 'seed-not-carried',
      level: 'warning',
      text: translate('replay.seedNotCarried', { seed }),
    });
  return toasts;
}

export interface CourseLayerProps {
  launch: Launch;
  /** The playground's storage key; null in embeds. */
  storageKey: string | null;
  /** Python has not been started (a recorded run); show the button that starts it. */
  runtimeDeferred?: boolean;
  onRuntimeStarted?(): void;
  /**
   * The program on screen no longer comes from the page's link (an example picked, a kept
   * program restored): the page stops naming it in its address (LaunchedPlayground).
   */
  onLeaveLink?(): void;
}

/**
 * The programs kept for the person to restore (app/storage.ts, loadKeptDrafts), read again when
 * another tab changes them (the `storage` event: every tab's notice shows the same list). A
 * program storage refused to keep is still offered for as long as this page is open: the program
 * a link replaced (LaunchedPlayground keeps it before opening the link), or one kept here.
 * Nothing on the page without storage (embeds) keeps programs.
 */
function useKeptPrograms(launch: Launch, storageKey: string | null) {
  const enabled = storageKey !== null;
  const load = useCallback(() => (enabled ? loadKeptDrafts(KEPT_CODE_SLOT) : []), [enabled]);
  // `unstored`: kept only in memory, newest first.
  const [kept, setKept] = useState(() => {
    const stored = load();
    const replaced = enabled ? launch.conflict?.saved : undefined;
    return {
      stored,
      unstored:
        replaced !== undefined && !stored.some((d) => d.code === replaced)
          ? [{ code: replaced, keptAt: Date.now() }]
          : [],
    };
  });
  useEffect(() => {
    if (!enabled) return;
    const onStorage = (e: StorageEvent) => {
      if (!isKeptDraftsKey(KEPT_CODE_SLOT, e.key)) return;
      const stored = load();
      setKept((k) => ({ stored, unstored: k.unstored }));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [enabled, load]);
  const keep = useCallback(
    (code: string) => {
      if (!enabled) return;
      const ok = keepDraft(KEPT_CODE_SLOT, code);
      const stored = load();
      setKept((k) => {
        const others = k.unstored.filter((d) => d.code !== code);
        return { stored, unstored: ok ? others : [{ code, keptAt: Date.now() }, ...others] };
      });
    },
    [enabled, load],
  );
  const forget = useCallback(
    (code: string) => {
      if (enabled) forgetKeptDraft(KEPT_CODE_SLOT, code);
      const stored = load();
      setKept((k) => ({ stored, unstored: k.unstored.filter((d) => d.code !== code) }));
    },
    [enabled, load],
  );
  const list = useMemo<KeptDraft[]>(
    () => [
      ...kept.unstored.filter((d) => !kept.stored.some((s) => s.code === d.code)),
      ...kept.stored,
    ],
    [kept],
  );
  return { list, keep, forget };
}

/**
 * The kept programs' notice: a line saying how many, which opens the list (open from the start
 * only when this page has just put a program aside, so that the person sees where it went; a
 * list left from before stays one line until asked for). Each row names its program so that
 * rows, and their buttons, can be told apart (kept-names.ts).
 */
function KeptNotice({
  list,
  open,
  onToggle,
  onRestore,
  onDiscard,
}: {
  list: readonly KeptDraft[];
  open: boolean;
  onToggle(): void;
  onRestore(code: string): void;
  onDiscard(code: string): void;
}) {
  const { t, i18n } = useT();
  const bodyId = useId();
  const lang = i18n.language;
  const labels = useMemo(
    () =>
      keptLabels(list, {
        keptAt: (when) => t('share.notice.keptAt', { when }),
        lines: (count) => t('share.notice.lines', { count }),
        lang,
      }),
    [list, t, lang],
  );
  return (
    <div
      className="ls-course-toast ls-course-toast-info ls-course-kept"
      role="group"
      aria-label={t('share.notice.keptLabel')}
    >
      <button
        type="button"
        className="ls-course-kept-summary"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={onToggle}
      >
        <span aria-hidden="true">{open ? '▾' : '▸'}</span>{' '}
        {t('share.notice.summary', { count: list.length })}
      </button>
      <div id={bodyId} className="ls-course-kept-body" hidden={!open}>
        <span>{t('share.notice.kept', { count: list.length })}</span>
        <ul>
          {list.map((draft, i) => {
            const { name, detail, label } = labels[i];
            return (
              <li key={draft.code}>
                <span className="ls-course-kept-name" title={draft.code.slice(0, 400)}>
                  <code>{name}</code>
                  {detail !== '' && <span className="ls-course-kept-detail">{detail}</span>}
                </span>
                <button
                  type="button"
                  className="ls-button"
                  aria-label={`${t('share.overwrite.restore')}: ${label}`}
                  onClick={() => onRestore(draft.code)}
                >
                  {t('share.notice.restore')}
                </button>
                <button
                  type="button"
                  className="ls-button"
                  aria-label={t('share.notice.discard', { preview: label })}
                  title={t('share.notice.discard', { preview: label })}
                  onClick={() => onDiscard(draft.code)}
                >
                  ✕
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}

/** Everything this module adds to a playground; render it in the toolbar. */
export function CourseLayer({
  launch,
  storageKey,
  runtimeDeferred = false,
  onRuntimeStarted,
  onLeaveLink,
}: CourseLayerProps) {
  const { t, i18n } = useT();
  const store = usePlaygroundStoreApi();
  const controller = usePlaygroundController();
  const embedded = launch.embedded;
  const code = usePlaygroundStore((s) => s.code);
  // Only an embed shows the step (its "Open in Loopscope" link): the page's layer must not
  // render again on every debugger step.
  const step = usePlaygroundStore((s) => (embedded ? s.step : 0));
  const granularity = usePlaygroundStore((s) => (embedded ? s.granularity : 'line'));
  const hasTrace = usePlaygroundStore((s) => s.trace !== null);
  // A trace of the program on screen: a step only means something in a run of that program.
  const hasTraceOfCode = usePlaygroundStore(
    (s) => embedded && s.trace !== null && s.trace.meta.source === s.code,
  );
  const [dialog, setDialog] = useState<'share' | 'embed' | 'gallery' | null>(null);
  const [toasts, setToasts] = useState<Toast[]>(() => initialToasts(launch));
  const kept = useKeptPrograms(launch, storageKey);
  // Open when the page opened by putting the person's program aside (they answered the link's
  // question just now); a list kept from an earlier visit starts as one line.
  const [keptOpen, setKeptOpen] = useState(() => launch.conflict !== null);
  const [shareCopied, setShareCopied] = useState<boolean | null>(null);
  /**
   * The page's world (seed, latency, jitter) for the links it makes, as every run here uses it
   * (pageRunOptions): the link's or, on a page showing a recorded run (`trace=`), the
   * recording's with the link's own settings winning, so Share keeps it.
   */
  const network = useMemo(
    () =>
      launch.recording === null || launch.recording === 'pending'
        ? launch.options.network
        : networkFromRunOptions(pageRunOptions(launch) ?? {}),
    [launch],
  );
  const [example, setExample] = useState<Example | null>(() =>
    // Embeds stay uncluttered: the host page around them carries the prose.
    !launch.embedded && launch.exampleId && launch.source === 'example'
      ? (EXAMPLES.find((e) => e.id === launch.exampleId) ?? null)
      : null,
  );
  // The example's "what to watch" folds to its title once a run has arrived: it sits in the
  // bottom right corner, over the timeline's end, where the run's last steps are (QA).
  const [watchFolded, setWatchFolded] = useState(false);
  useEffect(() => {
    if (example === null) return;
    return store.subscribe((state, prev) => {
      if (state.trace !== null && state.trace !== prev.trace) setWatchFolded(true);
    });
  }, [example, store]);
  const lang = i18n.language;
  const pendingStep = launch.options.step;
  const close = useCallback(() => setDialog(null), []);
  const recording =
    launch.recording !== null && launch.recording !== 'pending' ? launch.recording : null;
  const dismiss = (id: string) => setToasts((list) => list.filter((x) => x.id !== id));
  // A link's step past the end of its run opens at the last step, and says so (as a step that is
  // not a number is ignored with a notice): the author's run and this one differ.
  const onStepPastEnd = useCallback(
    (steps: number) =>
      setToasts((list) => [
        ...list.filter((x) => x.id !== 'step-past-end'),
        {
          id: 'step-past-end',
          level: 'warning',
          text: translate('share.notice.stepPastEnd', {
            step: formatCount((pendingStep ?? 0) + 1),
            last: formatCount(steps),
          }),
        },
      ]),
    [pendingStep],
  );

  // The link's granularity, once.
  useEffect(() => {
    if (launch.options.granularity) store.getState().setGranularity(launch.options.granularity);
  }, [launch, store]);

  // The link's step, after the first run of the linked program. The debugger resets its cursor
  // when a trace arrives (in an effect), so the seek waits for the next task. A replay link
  // shows its step in the recorded run (TraceReplay) and again after the first live run of the
  // recorded program (its autorun's, or the reader's first Run), as a code link would.
  useEffect(() => {
    if (pendingStep === undefined || (launch.source !== 'link' && launch.source !== 'example'))
      return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = store.subscribe((state, prev) => {
      if (state.trace === null || state.trace === prev.trace || state.trace === recording) return;
      unsubscribe();
      if (state.trace.meta.source !== launch.code) return; // edited before running: not the link's run
      const steps = state.trace.events.kind.length;
      timer = setTimeout(() => store.getState().seek(pendingStep), 0);
      if (pendingStep >= steps) onStepPastEnd(steps);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [launch, recording, pendingStep, store, onStepPastEnd]);

  /**
   * Whether the editor's program is the person's work, to keep before something replaces it: not
   * a gallery program, and not the link's own program unedited (the link still opens it).
   */
  const isWork = useCallback(
    (code: string) =>
      !isBuiltIn(code) &&
      !((launch.source === 'link' || launch.source === 'example') && code === launch.code),
    [launch],
  );
  const { keep } = kept;

  const openExample = useCallback(
    (chosen: Example) => {
      const current = store.getState().code;
      // Kept beside any program kept before, never over it; the list opens to show where.
      if (storageKey !== null && isWork(current) && current !== chosen.code) {
        keep(current);
        setKeptOpen(true);
      }
      store.getState().setCode(chosen.code);
      setExample(chosen);
      setWatchFolded(false);
      setDialog(null);
      if (!embedded) onLeaveLink?.();
    },
    [store, storageKey, isWork, keep, embedded, onLeaveLink],
  );

  const restore = (previous: string) => {
    const current = store.getState().code;
    kept.forget(previous);
    // Swap, so that restoring is itself undoable.
    if (isWork(current) && current !== previous) kept.keep(current);
    store.getState().setCode(previous);
    setExample(null);
    if (!embedded) onLeaveLink?.();
  };

  const share = () => {
    const state = store.getState();
    const link = shareLink(
      {
        code: state.code,
        step: state.step,
        granularity: state.granularity,
        hasTrace: state.trace !== null && state.trace.meta.source === state.code,
      },
      { withStep: true, autorun: false },
      network,
    );
    setShareCopied(null);
    // Copy inside the click, where the browser grants clipboard access; long links wait for the
    // person to choose between downloading and copying anyway.
    if (shareActionFor(link).kind === 'copy') void copyText(link).then(setShareCopied);
    setDialog('share');
  };

  // "Open in Loopscope": the same program, step and granularity on the full page, in the embed's
  // language and with its network settings (the step belongs to a run made with them).
  const { lang: linkLang } = launch.options;
  const openFullHref = useMemo(
    () =>
      embedded
        ? encodeLink(appUrl(), {
            code,
            options: {
              ...(hasTraceOfCode ? { step } : {}),
              granularity,
              ...withNetwork(network),
              ...(linkLang ? { lang: linkLang } : {}),
            },
          })
        : null,
    [embedded, code, step, granularity, hasTraceOfCode, network, linkLang],
  );

  const showStepHint =
    pendingStep !== undefined &&
    launch.recording === null &&
    !hasTrace &&
    !launch.options.autorun &&
    launch.source !== 'saved';

  return (
    <>
      <div className="ls-course-toolbar">
        {runtimeDeferred && (
          <button
            type="button"
            className="ls-button"
            title={t('replay.loadPythonTitle')}
            onClick={() => {
              controller.start();
              onRuntimeStarted?.();
            }}
          >
            {t('replay.loadPython')}
          </button>
        )}
        {!embedded && (
          <>
            <button
              type="button"
              className="ls-button"
              title={t('toolbar.examplesTitle')}
              onClick={() => setDialog('gallery')}
            >
              {t('toolbar.examples')}
            </button>
            <button
              type="button"
              className="ls-button"
              title={t('toolbar.shareTitle')}
              onClick={share}
            >
              {t('toolbar.share')}
            </button>
            <button
              type="button"
              className="ls-button"
              title={t('toolbar.embedTitle')}
              onClick={() => setDialog('embed')}
            >
              {t('toolbar.embed')}
            </button>
          </>
        )}
        {openFullHref && (
          <a
            className="ls-button ls-open-full"
            href={openFullHref}
            target="_blank"
            rel="noopener"
            title={t('app.openFullTitle')}
          >
            {t('app.openFull')} ↗
          </a>
        )}
        <LanguageSwitcher />
      </div>

      {(toasts.length > 0 || example || showStepHint || kept.list.length > 0) && (
        <div className="ls-course-toasts">
          {kept.list.length > 0 && (
            <KeptNotice
              list={kept.list}
              open={keptOpen}
              onToggle={() => setKeptOpen((o) => !o)}
              onRestore={restore}
              onDiscard={kept.forget}
            />
          )}
          {showStepHint && (
            <div className="ls-course-toast ls-course-toast-info" role="status">
              <span>{t('share.pressRun', { step: formatCount(pendingStep + 1) })}</span>
            </div>
          )}
          {example && (
            <div
              className="ls-course-toast ls-course-toast-info"
              role="note"
              aria-label={t('gallery.watch')}
            >
              <strong>{localized(example.title, lang)}</strong>
              {watchFolded ? (
                <button
                  type="button"
                  className="ls-button ls-course-unfold"
                  aria-expanded="false"
                  onClick={() => setWatchFolded(false)}
                >
                  {t('gallery.watch')}
                </button>
              ) : (
                <span className="ls-course-toast-detail">
                  {t('gallery.watch')}: {localized(example.watch, lang)}
                </span>
              )}
              <button
                type="button"
                className="ls-button"
                aria-label={t('share.close')}
                onClick={() => setExample(null)}
              >
                ✕
              </button>
            </div>
          )}
          {toasts.map((toast) => (
            <div
              key={toast.id}
              className={`ls-course-toast ls-course-toast-${toast.level}`}
              role={toast.level === 'error' ? 'alert' : 'status'}
              data-testid={toast.id === 'link-error' ? 'link-error' : undefined}
            >
              <span>{toast.text}</span>
              <button
                type="button"
                className="ls-button"
                aria-label={t('share.close')}
                onClick={() => dismiss(toast.id)}
              >
                ✕
              </button>
            </div>
          ))}
        </div>
      )}

      {dialog === 'share' && (
        <ShareDialog
          onClose={close}
          copied={shareCopied}
          onCopied={setShareCopied}
          network={network}
        />
      )}
      {dialog === 'embed' && <EmbedDialog onClose={close} network={network} />}
      {dialog === 'gallery' && <Gallery onOpen={openExample} onClose={close} />}
      {recording !== null && (
        <TraceReplay trace={recording} step={pendingStep} onStepPastEnd={onStepPastEnd} />
      )}
      {embedded && (
        <EmbedBridge
          autorun={launch.options.autorun === true}
          readonly={launch.options.readonly === true}
          embedId={launch.options.embedId}
        />
      )}
    </>
  );
}
