/**
 * How a run ended, in the reader's language. The engine says it in English, once: the result's
 * `outcomeDetail` (also the trace's RUN_END string and the CLI's text), and a closing stderr line
 * ("loopscope: run stopped: event limit of 2000000 reached"). Those stay English data; the page
 * recognises their few fixed shapes here and renders each through an `outcome.*` key whose
 * English is the engine's text byte for byte, so English readers see exactly what they saw
 * before. Deadlock descriptions are words of the trace model and go through
 * ../viz/fragment-text.ts like the deadlock warnings do. Text of any other shape (an exception's
 * own message, a newer engine's wording) comes back unchanged.
 *
 * The engine's formats are in src/python/loopscope: _loop.py (budgets, RunInterrupted), _runner.py
 * (`_conclude`, the Stop handler), _signals.py (signals, os._exit), _blocking.py and
 * _describe.py (deadlocks). tests/py/outcome-text.test.mjs runs programs that end each way on the
 * real engine and checks that every detail they produce is recognised here.
 */
import type { Translate } from '../viz/english';
import { PROCESS_END_WORDS } from '../trace/explain';
import { deadlockText } from '../viz/fragment-text';

/** A recognised text as a key, its English template and parameters that need no translating. */
export interface OutcomeMessage {
  key: string;
  english: string;
  params: Record<string, string | number>;
}

type Shape = [RegExp, string, string, (m: RegExpExecArray) => Record<string, string | number>];

/** The numbers stay as the engine formatted them (`{:g}`: 3600, 0.5, 1e+06). */
const DETAILS: Shape[] = [
  [
    /^event limit of (\d+) reached$/,
    'outcome.eventLimit',
    'event limit of {{limit}} reached',
    (m) => ({ limit: m[1] }),
  ],
  [
    /^virtual-time limit of (\S+) s reached$/,
    'outcome.virtualTimeLimit',
    'virtual-time limit of {{seconds}} s reached',
    (m) => ({ seconds: m[1] }),
  ],
  // _loop.py `_wait_for_clients`: nothing left but a server waiting for connections.
  [
    /^virtual-time limit of (\S+) s reached while the server on (.+) waited for a client$/,
    'outcome.virtualTimeLimitServer',
    'virtual-time limit of {{seconds}} s reached while the server on {{address}} waited for a client',
    (m) => ({ seconds: m[1], address: m[2] }),
  ],
  [
    /^wall-time limit of (\S+) s reached$/,
    'outcome.wallTimeLimit',
    'wall-time limit of {{seconds}} s reached',
    (m) => ({ seconds: m[1] }),
  ],
  [/^interrupted$/, 'outcome.interrupted', 'interrupted', () => ({})],
  [/^stopped by the user$/, 'outcome.stoppedByUser', 'stopped by the user', () => ({})],
  // A program that ended its own process: the same words the explanation reads.
  [
    PROCESS_END_WORDS.killedBySignal,
    'outcome.killedBySignal',
    'killed by signal {{signal}}',
    (m) => ({ signal: m[1] }),
  ],
  [
    PROCESS_END_WORDS.stoppedBySignal,
    'outcome.stoppedBySignal',
    'stopped by signal {{signal}}',
    (m) => ({ signal: m[1] }),
  ],
  [PROCESS_END_WORDS.osExit, 'outcome.osExit', 'os._exit({{code}})', (m) => ({ code: m[1] })],
  [
    PROCESS_END_WORDS.systemExit,
    'outcome.systemExit',
    'SystemExit: {{code}}',
    (m) => ({ code: m[1] }),
  ],
];

/** The closing stderr lines of a run whose process ended on a signal (_signals.py `kill`). */
const SIGNAL_LINES: Shape[] = [
  [
    /^loopscope: the program was killed by (SIG\w+|signal \d+) \((.*)\)$/,
    'outcome.line.killedBy',
    'loopscope: the program was killed by {{signal}} ({{description}})',
    // The description is strsignal's English ("Terminated"): only the English text shows it.
    (m) => ({ signal: m[1], description: m[2] }),
  ],
  [
    /^loopscope: the program was stopped by (SIG\w+|signal \d+) \((.*)\)$/,
    'outcome.line.stoppedBy',
    'loopscope: the program was stopped by {{signal}} ({{description}})',
    (m) => ({ signal: m[1], description: m[2] }),
  ],
];

function match(shapes: Shape[], text: string): OutcomeMessage | null {
  for (const [pattern, key, english, params] of shapes) {
    const m = pattern.exec(text);
    if (m) return { key, english, params: params(m) };
  }
  return null;
}

const DEADLOCK_PREFIX = 'deadlock: ';

/**
 * A run-end detail whose parameters are names, numbers and code only, so the message can be
 * kept (a notice) and shown again in another language. Deadlocks are not among them: their
 * description is the trace model's English (see outcomeDetailText).
 */
export function outcomeMessage(detail: string): OutcomeMessage | null {
  return match(DETAILS, detail);
}

/** Whether the text has one of the engine's run-end shapes (a deadlock included). */
export function isOutcomeDetail(detail: string): boolean {
  return detail.startsWith(DEADLOCK_PREFIX) || outcomeMessage(detail) !== null;
}

/** A run-end detail in the reader's language; text of an unknown shape comes back unchanged. */
export function outcomeDetailText(detail: string, t: Translate): string {
  if (detail.startsWith(DEADLOCK_PREFIX)) return deadlockText(detail, t);
  const m = outcomeMessage(detail);
  return m ? t(m.key, m.english, m.params) : detail;
}

/**
 * What the status line says when a run ended with an exception but no line of the program to
 * point at: its summary, either the engine's closing line for a signal or the detail itself
 * (os._exit(3), SystemExit: 3). Null for any other text, which the caller shows as it is.
 */
export function runEndNotice(summary: string): OutcomeMessage | null {
  return match(SIGNAL_LINES, summary) ?? outcomeMessage(summary);
}

const ENGINE_LINE = /^loopscope: (.*)$/gm;
const RUN_STOPPED = 'run stopped: ';

/** One of the engine's "loopscope: ..." lines in the reader's language, or null if unknown. */
function engineLineText(line: string, t: Translate): string | null {
  const signal = match(SIGNAL_LINES, line);
  if (signal) return t(signal.key, signal.english, signal.params);
  const words = line.slice('loopscope: '.length);
  if (words.startsWith(RUN_STOPPED)) {
    const detail = words.slice(RUN_STOPPED.length);
    if (!outcomeMessage(detail)) return null;
    return t('outcome.line.runStopped', 'loopscope: run stopped: {{detail}}', {
      detail: outcomeDetailText(detail, t),
    });
  }
  if (words.startsWith(DEADLOCK_PREFIX))
    return t('outcome.line.deadlock', 'loopscope: {{detail}}', { detail: deadlockText(words, t) });
  return null;
}

/**
 * Live stderr with the engine's closing line in the reader's language. The engine writes that
 * line after everything the trace records, so the console's step cut (src/viz/debugger
 * console-cut.ts) is not moved by a change in its length. Anything else is left as written.
 */
export function engineStderrText(text: string, t: Translate): string {
  if (!text.includes('loopscope: ')) return text;
  return text.replace(ENGINE_LINE, (line) => engineLineText(line, t) ?? line);
}
