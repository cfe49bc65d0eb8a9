/**
 * What the page says when a run has ended: the console's notice (finished, the exception and its
 * line, a deadlock, a budget) and the editor's error line. One function for a live run (the
 * controller, from the worker's result) and a replayed one (share/TraceReplay.tsx, from the
 * trace's meta and recorded stderr), so a recorded run reads exactly as it did live.
 */
import { t } from '../i18n';
import { Outcome } from '../trace/schema';
import type { PlaygroundState } from '../store/types';
import type { Translate } from '../viz/english';
import { exceptionSummary, userErrorLine } from './traceback';
import { outcomeDetailText, runEndNotice } from './outcome-text';

/** How a run ended, as both a live result and a recorded trace can tell it. */
export interface RunEndFacts {
  /** The trace's `Outcome` code. */
  outcome: number;
  /** The engine's outcomeDetail (the trace's RUN_END string). */
  detail: string;
  /** What the program wrote to stderr; the traceback's last line is the exception's summary. */
  stderr: string;
  /** The user's file name as tracebacks show it. */
  filename: string;
  wallMs: number;
  /** Whether the editor still holds the program that ran: only then is its error line marked. */
  codeUnchanged: boolean;
}

/** What input() raises when stdin is empty, as it always is in the page's worker. */
const EOF_ON_INPUT = 'EOFError: EOF when reading a line';

/** `t` in the form outcome-text.ts and the panels take: a key, its English, parameters. */
export const translate: Translate = (key, english, params) =>
  t(key, { defaultValue: english, ...params });

/**
 * Sets a notice from an i18n key: the text now, and the key and params so the console header
 * shows it again in another language after a switch.
 */
export function say(
  state: Pick<PlaygroundState, 'setNotice'>,
  level: 'info' | 'warning' | 'error',
  key: string,
  params: Record<string, string | number> = {},
): void {
  state.setNotice(level, t(key, params), { key, params });
}

/** The outcomes after which the engine writes a closing line (`_STOPPED` in _runner.py). */
const CLOSING_LINE_OUTCOMES: readonly number[] = [
  Outcome.DEADLOCK,
  Outcome.LIMIT_EVENTS,
  Outcome.LIMIT_VIRTUAL_TIME,
  Outcome.LIMIT_WALL_TIME,
  Outcome.INTERRUPTED,
];

/**
 * `signal.strsignal` in the engine's Python (Pyodide's C library), by signal name: the words in
 * brackets of a signal's closing line. tests/py/signals.test.mjs checks them against the engine.
 */
export const SIGNAL_WORDS: Readonly<Record<string, string>> = {
  SIGHUP: 'Hangup',
  SIGINT: 'Interrupt',
  SIGQUIT: 'Quit',
  SIGILL: 'Illegal instruction',
  SIGTRAP: 'Trace/breakpoint trap',
  SIGABRT: 'Aborted',
  SIGBUS: 'Bus error',
  SIGFPE: 'Arithmetic exception',
  SIGKILL: 'Killed',
  SIGUSR1: 'User defined signal 1',
  SIGSEGV: 'Segmentation fault',
  SIGUSR2: 'User defined signal 2',
  SIGPIPE: 'Broken pipe',
  SIGALRM: 'Alarm clock',
  SIGTERM: 'Terminated',
  SIGSTKFLT: 'Stack fault',
  SIGCHLD: 'Child process status',
  SIGCONT: 'Continued',
  SIGSTOP: 'Stopped (signal)',
  SIGTSTP: 'Stopped',
  SIGTTIN: 'Stopped (tty input)',
  SIGTTOU: 'Stopped (tty output)',
  SIGURG: 'Urgent I/O condition',
  SIGXCPU: 'CPU time limit exceeded',
  SIGXFSZ: 'File size limit exceeded',
  SIGVTALRM: 'Virtual timer expired',
  SIGPROF: 'Profiling timer expired',
  SIGWINCH: 'Window changed',
  SIGIO: 'I/O possible',
  SIGPWR: 'Power failure',
  SIGSYS: 'Bad system call',
  SIGRTMIN: 'RT35',
  SIGRTMAX: 'RT64',
};

/** A run-end detail of a process ended by a signal (_signals.py `kill`): verb and name. */
const SIGNAL_END = /^(killed|stopped) by signal (SIG\w+|signal \d+)$/;

/**
 * The line the engine writes on stderr last, after a run it stopped ("loopscope: deadlock: ...",
 * "loopscope: run stopped: event limit of 2000000 reached") or that a signal ended ("loopscope:
 * the program was killed by SIGTERM (Terminated)"), in its English, as
 * src/python/loopscope/_runner.py `_conclude` and _signals.py `kill` write it; null when it
 * writes none. A live run's console gets it from the worker; a trace does not record it, so a
 * replay adds it from here.
 */
export function closingStderrLine(outcome: number, detail: string): string | null {
  if (outcome === Outcome.EXCEPTION) {
    const m = SIGNAL_END.exec(detail);
    if (!m) return null;
    // A real-time signal with no name of its own ("signal 40") reads "RT40".
    const words = SIGNAL_WORDS[m[2]] ?? m[2].replace(/^signal /, 'RT');
    return `loopscope: the program was ${m[1]} by ${m[2]} (${words})\n`;
  }
  if (!CLOSING_LINE_OUTCOMES.includes(outcome)) return null;
  return `loopscope: ${outcome === Outcome.DEADLOCK ? detail : `run stopped: ${detail}`}\n`;
}

/** Sets the notice (and the error line) for a run that ended as `facts` says. */
export function announceRunEnd(
  s: Pick<PlaygroundState, 'setNotice' | 'setErrorLine'>,
  facts: RunEndFacts,
): void {
  const { outcome, detail, stderr, filename, codeUnchanged } = facts;
  const line = userErrorLine(stderr, filename);
  const summary = exceptionSummary(stderr) || detail;
  const ms = `${Math.round(facts.wallMs)} ms`;
  switch (outcome) {
    case Outcome.OK:
      say(s, 'info', 'status.finished', { ms });
      break;
    case Outcome.EXCEPTION:
      if (line && codeUnchanged) s.setErrorLine({ line, message: summary });
      // input() in a playground is a common first program; say why it cannot read a line.
      if (line && summary === EOF_ON_INPUT) say(s, 'error', 'errors.noInput', { line });
      else if (line) say(s, 'error', 'errors.exceptionAt', { summary, line });
      else {
        // No line to point at: a signal, os._exit(3), sys.exit(3). The engine's words, kept as
        // a key so the notice follows a language switch.
        const notice = runEndNotice(summary);
        if (notice) say(s, 'error', notice.key, notice.params);
        else s.setNotice('error', summary);
      }
      break;
    case Outcome.SYNTAX_ERROR:
      if (line && codeUnchanged) s.setErrorLine({ line, message: summary });
      if (line) say(s, 'error', 'errors.syntax', { line, message: summary });
      else say(s, 'error', 'errors.syntaxNoLine', { message: summary });
      break;
    case Outcome.INTERRUPTED:
      say(s, 'warning', 'status.stoppedInterrupted');
      break;
    case Outcome.DEADLOCK:
      // The headline only: who waits for what is the engine's closing line on stderr just below
      // (and the debugger's sentence at the run's end), not repeated, cut short, in the header.
      say(s, 'warning', 'status.deadlock');
      break;
    case Outcome.LIMIT_EVENTS:
      say(s, 'warning', 'status.stoppedEvents');
      break;
    case Outcome.LIMIT_VIRTUAL_TIME:
      say(s, 'warning', 'status.stoppedVirtualTime');
      break;
    case Outcome.LIMIT_WALL_TIME:
      say(s, 'warning', 'status.stoppedWallTime');
      break;
    default:
      if (detail) s.setNotice('warning', outcomeDetailText(detail, translate));
      else say(s, 'warning', 'status.outcome', { outcome });
  }
}
