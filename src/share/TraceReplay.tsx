/**
 * Replays a trace exported as JSON (link parameter `trace=`): `loadRecordedRun` fetches it from
 * this deployment and validates it with the trace decoder (before the page opens: the recorded
 * program is the link's program, which may have to be asked about, LaunchedPlayground), and
 * <TraceReplay> hands it to the debugger as if it had just run. Pages that only show a prepared
 * run need no Python for this. The console ends, and its notice says how the run ended, as it
 * did live (../app/run-end.ts). Failures are thrown as errors whose message is in the reader's
 * language where the page words it (the decoder's own reasons about the file's contents stay
 * English).
 */
import { useEffect } from 'react';
import { announceRunEnd, closingStderrLine, translate } from '../app/run-end';
import { engineStderrText } from '../app/outcome-text';
import { t } from '../i18n';
import { usePlaygroundStoreApi } from '../store/context';
import { traceFromJson } from '../trace/json';
import { EventKind } from '../trace/schema';
import type { TraceColumns } from '../trace/schema';
import type { PlaygroundState } from '../store/types';

/** Largest trace file fetched, in characters (the decoder has its own limits as well). */
const MAX_TRACE_CHARS = 64 * 1024 * 1024;

/** Fetches and decodes the recorded run at `path` (relative to the page, same origin only). */
export async function loadRecordedRun(path: string, signal?: AbortSignal): Promise<TraceColumns> {
  const url = new URL(path, location.href);
  // link.ts only lets relative paths through; check again where the request is made.
  if (url.origin !== location.origin) throw new Error(t('replay.error.otherSite'));
  const response = await fetch(url, { signal, credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`.trim());
  // A single-page host answers a path it does not have with its index page and a 200, which
  // the JSON decoder would report as "Unexpected token '<'".
  if (/\btext\/html\b/i.test(response.headers.get('content-type') ?? '')) {
    throw new Error(t('replay.error.notFound', { path }));
  }
  const text = await response.text();
  if (text.length > MAX_TRACE_CHARS) throw new Error(t('replay.error.tooLarge'));
  return traceFromJson(text);
}

/** Shows a recorded run once, when mounted, at `step` (the end of the run when absent). */
export function TraceReplay({
  trace,
  step,
  onStepPastEnd,
}: {
  trace: TraceColumns;
  /** Step to show; the end of the run when absent. */
  step?: number;
  /** `step` is past the recorded run's end (`steps` long): the last step is shown instead. */
  onStepPastEnd?(steps: number): void;
}) {
  const store = usePlaygroundStoreApi();
  useEffect(() => {
    showRecordedRun(store.getState(), trace);
    if (step === undefined) return;
    // The debugger moves to the end of a new trace in an effect; go to the step after it.
    const timer = setTimeout(() => store.getState().seek(step), 0);
    if (step >= trace.events.kind.length) onStepPastEnd?.(trace.events.kind.length);
    return () => clearTimeout(timer);
  }, [trace, step, store, onStepPastEnd]);
  return null;
}

/**
 * Puts a recorded run in the playground as if it had just run: its program, its output with the
 * engine's closing line, the trace and the notice the live run showed (finished, the exception
 * and its line, a deadlock, a budget).
 */
export function showRecordedRun(
  state: Pick<
    PlaygroundState,
    | 'setCode'
    | 'setFilename'
    | 'clearConsole'
    | 'appendOutput'
    | 'endRun'
    | 'setNotice'
    | 'setErrorLine'
  >,
  trace: TraceColumns,
): void {
  // The editor shows the program the trace was recorded from, so the trace is not stale, and
  // running it again runs it as the same file (its tracebacks name it as the recording does).
  state.setCode(trace.meta.source);
  state.setFilename(trace.meta.filename);
  // The console as the run left it; the debugger dims what comes after the cursor. Stderr reads
  // as it did live (the controller's output listener): the engine's "loopscope: ..." lines in
  // the reader's language.
  state.clearConsole();
  const output = recordedOutput(trace);
  const { outcome, outcomeDetail: detail } = trace.meta;
  // The engine's closing stderr line (a deadlock, a budget, an interrupt, a fatal signal) comes
  // after everything the trace records and is not in it: written here from the outcome, as the
  // engine words it.
  const recordedStderr = stderrOf(output);
  const closing = closingStderrLine(outcome, detail);
  if (closing !== null && !recordedStderr.endsWith(closing)) output.push(['stderr', closing]);
  for (const [stream, text] of output) {
    state.appendOutput(stream, stream === 'stderr' ? engineStderrText(text, translate) : text);
  }
  state.endRun({ kind: 'done', outcome, detail, stats: null }, trace);
  // The notice, from the same stderr a live run has (a signal's is its closing line).
  announceRunEnd(state, {
    outcome,
    detail,
    stderr: stderrOf(output),
    filename: trace.meta.filename,
    wallMs: trace.meta.wallMs,
    codeUnchanged: true,
  });
}

function stderrOf(output: ['stdout' | 'stderr', string][]): string {
  return output.flatMap(([stream, text]) => (stream === 'stderr' ? [text] : [])).join('');
}

/** The program's output, in order, as recorded in the trace. */
function recordedOutput(trace: TraceColumns): ['stdout' | 'stderr', string][] {
  const { kind, a } = trace.events;
  const out: ['stdout' | 'stderr', string][] = [];
  for (let i = 0; i < kind.length; i++) {
    if (kind[i] !== EventKind.STDOUT && kind[i] !== EventKind.STDERR) continue;
    const text = trace.strings[a[i]];
    if (text !== undefined) out.push([kind[i] === EventKind.STDOUT ? 'stdout' : 'stderr', text]);
  }
  return out;
}
