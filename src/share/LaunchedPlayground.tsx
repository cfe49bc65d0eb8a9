/**
 * The entry points' playground: reads the link once, sets the language, asks before a shared
 * program replaces saved work, then renders <Playground> with the course layer in its toolbar.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { CSSProperties } from 'react';
import { DEFAULT_EXAMPLE } from '../app/default-example';
import { keepDraft, loadSavedCode, saveCode } from '../app/storage';
import { Playground } from '../app/Playground';
import type { PlaygroundProps } from '../app/Playground';
import { detectLanguage, initI18n, useT } from '../i18n/index';
import { CourseLayer } from './CourseLayer';
import { DEFAULT_EMBED_PANELS, STACKED_QUERY, embedGrid } from './embed-layout';
import { withoutLinkProgram } from './link';
import { trapTab, useModalFocus } from '../viz/playback/focus-trap';
import {
  KEPT_CODE_SLOT,
  SAVED_CODE_KEY,
  bringsProgram,
  pageRunOptions,
  resolveLaunch,
} from './launch';
import type { Launch, LaunchInput } from './launch';
import { loadRecordedRun } from './TraceReplay';
import './course.css';

/** Where the chosen language is remembered (i18n reads it). */
function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * Works out the launch and the language: before the first render, and again whenever the tab
 * navigates to another link within the same document (see LaunchedPlayground).
 */
function start(entry: 'page' | 'embed', notWork: readonly string[] = []): Opening {
  const input: LaunchInput = {
    location: { search: window.location.search, hash: window.location.hash },
    entry,
    // This tab's draft (app/storage.ts); a tab with none yet falls back to the last edit made in
    // any tab, which a link opened here then asks about like any saved work.
    saved: entry === 'page' ? loadSavedCode(SAVED_CODE_KEY) : null,
    defaultCode: DEFAULT_EXAMPLE,
    notWork,
  };
  const launch = resolveLaunch(input);
  initI18n(
    detectLanguage({
      linkLang: launch.options.lang,
      storage: storage(),
      browserLanguages: navigator.languages ?? [navigator.language],
    }),
  );
  // As on a fresh load: a link without a theme gets the default one, not the previous link's.
  if (launch.options.theme) document.documentElement.dataset.theme = launch.options.theme;
  else delete document.documentElement.dataset.theme;
  return { launch, input };
}

/** A link being opened: how it resolved so far, and what it was resolved from. */
interface Opening {
  launch: Launch;
  /** Resolved again with the recorded run once a replay link's file is here. */
  input: LaunchInput;
}

/**
 * What identifies the link a location opens: its query, and its hash when that carries a program.
 * An in-page anchor (`#notes`) is not a new link.
 */
function linkKey(location: { search: string; hash: string }): string {
  const codeHash = /^#(code\/|src=)/.test(location.hash) ? location.hash : '';
  return location.search + codeHash;
}

/** Whether an address opens no program of its own (then the page opens the saved one). */
function hasNoProgram(location: Location): boolean {
  return !bringsProgram(resolveLaunch({ location, entry: 'page', saved: null, defaultCode: '' }));
}

/**
 * Asked before a link's program replaces edited work. Modal for the keyboard too: it opens with
 * the focus on its first answer (so Enter opens the link), and Tab stays among its answers.
 */
function ConflictQuestion({ onOpenLink, onKeepMine }: { onOpenLink(): void; onKeepMine(): void }) {
  const { t } = useT();
  const box = useRef<HTMLDivElement>(null);
  const answers = useRef<HTMLDivElement>(null);
  useModalFocus(true, box, answers);
  return (
    <div className="ls-course-backdrop ls-course-conflict">
      <div
        ref={box}
        className="ls-course-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="ls-conflict-title"
        tabIndex={-1}
        onKeyDown={(e) => trapTab(e.currentTarget, e)}
      >
        <header className="ls-course-dialog-header">
          <h2 id="ls-conflict-title">{t('share.overwrite.title')}</h2>
        </header>
        <div className="ls-course-dialog-body">
          <p>{t('share.overwrite.body')}</p>
          <div ref={answers} className="ls-course-actions">
            <button type="button" className="ls-button ls-button-run" onClick={onOpenLink}>
              {t('share.overwrite.openLinkKeep')}
            </button>
            <button type="button" className="ls-button" onClick={onKeepMine}>
              {t('share.overwrite.keepMine')}
            </button>
          </div>
        </div>
      </div>
    </div>
  );
}

/**
 * The page reads its link on load, and again when the tab moves to another link without loading
 * a new document: a second share link pasted into the address bar (only the hash differs), or
 * Back and Forward between such links. Each time the playground starts over exactly as a fresh
 * load would (same question before replacing edited work, same Restore), with a new key so
 * nothing of the previous link's state, trace or options survives.
 */
export function LaunchedPlayground({
  entry,
  panels,
}: {
  entry: 'page' | 'embed';
  panels?: PlaygroundProps['panels'];
}) {
  const [opened, setOpened] = useState(() => ({ seq: 0, opening: start(entry) }));
  /** The launch on screen (a replay link's once its recording has been read: onResolved). */
  const current = useRef(opened.opening.launch);
  // The link the playground shows, to tell a navigation to another link from a repeated event.
  const shownKey = useRef<string | null>(null);
  /**
   * The program saved before a navigation (Back, Forward) opened a link's program over it: the
   * page writes a link's program to storage to open it (accept), and a navigation on to an
   * address without a program must find what was saved before, as a fresh load of that address
   * would, not the link's program it only showed on the way.
   */
  const savedBeforeLink = useRef<string | null>(null);
  useEffect(() => {
    current.current = opened.opening.launch;
  }, [opened]);
  const onResolved = useCallback((launch: Launch) => {
    current.current = launch;
  }, []);
  useEffect(() => {
    shownKey.current = linkKey(window.location);
    const onNavigate = () => {
      const next = linkKey(window.location);
      if (next === shownKey.current) return;
      shownKey.current = next;
      const previous = current.current;
      // The previous link's own program is not work to ask about: Back opens it again.
      const notWork = bringsProgram(previous) ? [previous.code] : [];
      const saved = entry === 'page' ? loadSavedCode(SAVED_CODE_KEY) : null;
      const restore = savedBeforeLink.current;
      savedBeforeLink.current = null;
      // Still the link's program as it was opened (unedited): put back what it was saved over,
      // before reading the new address, so an address without a program opens that.
      if (restore !== null && saved === previous.code && hasNoProgram(window.location)) {
        saveCode(SAVED_CODE_KEY, restore);
      }
      const opening = start(entry, notWork);
      if (bringsProgram(opening.launch)) savedBeforeLink.current = saved;
      setOpened((o) => ({ seq: o.seq + 1, opening }));
    };
    // Chromium fires both for a hash navigation; the key makes the second a no-op.
    window.addEventListener('hashchange', onNavigate);
    window.addEventListener('popstate', onNavigate);
    return () => {
      window.removeEventListener('hashchange', onNavigate);
      window.removeEventListener('popstate', onNavigate);
    };
  }, [entry]);
  /**
   * The program on screen no longer comes from the link (an example was picked, a kept program
   * restored): the address stops naming it, so a reload opens what is on screen. It is a new
   * history entry, so Back opens the link's program again (onNavigate above); no navigation
   * event fires for it. The link counts as left, so opening the same link again (pasting it,
   * following it from elsewhere) opens it anew.
   */
  const leaveLink = useCallback(() => {
    const href = withoutLinkProgram(window.location.href);
    if (href === window.location.href) return;
    history.pushState(history.state, '', href);
    shownKey.current = linkKey(window.location);
  }, []);
  return (
    <OpenedLink
      key={opened.seq}
      opening={opened.opening}
      panels={panels}
      onLeaveLink={leaveLink}
      onResolved={onResolved}
    />
  );
}

interface OpenedProps {
  launch: Launch;
  panels?: PlaygroundProps['panels'];
  /** See LaunchedPlayground's leaveLink. */
  onLeaveLink(): void;
}

/**
 * One link's playground. A replay link's program is its recorded run's, so the file is read
 * first (it is small, and needs no Python); then the link opens as one with that program would.
 */
function OpenedLink({
  opening,
  onResolved,
  ...props
}: Omit<OpenedProps, 'launch'> & { opening: Opening; onResolved(launch: Launch): void }) {
  const [launch, setLaunch] = useState<Launch | null>(() =>
    opening.launch.recording === 'pending' ? null : opening.launch,
  );
  useEffect(() => {
    const { launch: first, input } = opening;
    if (first.recording !== 'pending' || first.options.trace === undefined) return;
    const abort = new AbortController();
    const resolved = (recorded: LaunchInput['recorded']) => {
      if (abort.signal.aborted) return;
      const launch = resolveLaunch({ ...input, recorded });
      onResolved(launch);
      setLaunch(launch);
    };
    loadRecordedRun(first.options.trace, abort.signal).then(resolved, (err: unknown) =>
      resolved({ error: err instanceof Error ? err.message : String(err) }),
    );
    return () => abort.abort();
  }, [opening, onResolved]);
  if (launch === null) return <RecordingLoading />;
  return <AskedLink launch={launch} {...props} />;
}

/** What a replay link shows while its recorded run is on the way (usually a moment). */
function RecordingLoading() {
  const { t } = useT();
  return (
    <div className="ls-course-root" data-recording="loading">
      <p role="status" className="ls-course-recording-loading">
        {t('replay.loading')}
      </p>
    </div>
  );
}

/** One link's playground, after asking whether it may replace edited work. */
function AskedLink({ launch, panels, onLeaveLink }: OpenedProps) {
  const [decision, setDecision] = useState<Launch | null>(() =>
    launch.conflict ? null : accept(launch),
  );

  if (decision === null) {
    return (
      <ConflictQuestion
        onOpenLink={() => {
          // Keep the saved work where "Restore my previous code" finds it, beside any program
          // kept before (never over it), then open the link. Should storage refuse, the course
          // layer still offers it back for as long as this page is open.
          keepDraft(KEPT_CODE_SLOT, launch.conflict!.saved);
          setDecision(accept(launch));
        }}
        onKeepMine={() =>
          setDecision({
            ...launch,
            code: launch.conflict!.saved,
            source: 'saved',
            exampleId: null,
            conflict: null,
            // The link's step, autorun and recorded run belong to the link's program, not to
            // this one.
            options: { ...launch.options, step: undefined, autorun: undefined, trace: undefined },
            recording: null,
          })
        }
      />
    );
  }
  return <Launched launch={decision} panels={panels} onLeaveLink={onLeaveLink} />;
}

/**
 * The playground loads saved work before its initial code, so a link's program (once the person
 * agreed, or when there was nothing to lose) is written to storage first.
 */
function accept(launch: Launch): Launch {
  if (!launch.embedded && bringsProgram(launch)) {
    saveCode(SAVED_CODE_KEY, launch.code);
  }
  return launch;
}

/** Whether the window (an embed's frame) is narrower than STACK_BELOW_PX, as it changes. */
function useStackedEmbed(enabled: boolean): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!enabled || typeof matchMedia !== 'function') return () => {};
      const query = matchMedia(STACKED_QUERY);
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    [enabled],
  );
  return useSyncExternalStore(
    subscribe,
    () => enabled && typeof matchMedia === 'function' && matchMedia(STACKED_QUERY).matches,
    () => false,
  );
}

function Launched({ launch, panels, onLeaveLink }: OpenedProps) {
  // A recorded run needs no Python: it starts only when the reader asks (CourseLayer's button).
  const [runtimeDeferred, setRuntimeDeferred] = useState(
    () => launch.recording !== null && launch.options.autorun !== true,
  );
  const storageKey = launch.embedded ? null : SAVED_CODE_KEY;
  const stacked = useStackedEmbed(launch.embedded);
  const grid = launch.embedded
    ? embedGrid(launch.options.panels ?? DEFAULT_EMBED_PANELS, { stacked })
    : null;
  const style = grid
    ? ({
        '--ls-embed-areas': grid.areas,
        '--ls-embed-rows': grid.rows,
        '--ls-embed-columns': grid.columns,
      } as CSSProperties)
    : undefined;
  const className = [
    'ls-course-root',
    grid ? 'ls-course-panels' : '',
    ...(grid?.hidden ?? []).map((r) => `ls-course-hide-${r}`),
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={className}
      style={style}
      data-embed={launch.embedded ? 'true' : undefined}
      data-embed-stacked={stacked ? 'true' : undefined}
      data-runtime-deferred={runtimeDeferred ? 'true' : undefined}
    >
      <Playground
        config={{
          initialCode: launch.code,
          storageKey,
          embedded: launch.embedded,
          autorun: launch.options.autorun === true,
          readOnly: launch.options.readonly === true,
          startRuntime: !runtimeDeferred,
          runOptions: pageRunOptions(launch),
        }}
        panels={panels}
        // Run (the toolbar's, the stale banner's or Ctrl+Enter) starts Python too.
        onRuntimeStart={() => setRuntimeDeferred(false)}
        toolbarExtras={
          <CourseLayer
            launch={launch}
            storageKey={storageKey}
            runtimeDeferred={runtimeDeferred}
            onRuntimeStarted={() => setRuntimeDeferred(false)}
            onLeaveLink={onLeaveLink}
          />
        }
      />
    </div>
  );
}
