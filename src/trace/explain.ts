/**
 * One plain-language sentence per event: the sentence a teacher would say. The result is a
 * message key plus parameters so the i18n layer can translate it; `renderExplanation` fills the
 * English templates (i18next-style `{{name}}` placeholders, `_one` / `_other` plural forms and
 * `$t(key, {"count": n})` nesting, so EXPLAIN_EN can be registered as an i18next resource as is
 * and other languages supply the same keys).
 */
import { lastAtOrBefore } from './csr';
import { OUTCOME_NAMES, kindName, str } from './decode';
import {
  TS_READY,
  TS_SUSPENDED,
  acceptOf,
  awaitingText,
  formatTime,
  futureLabel,
  handleLabel,
  resourceName,
  resourceTitle,
  taskName,
  timeAt,
} from './normalize';
import type { Normalized } from './normalize';
import {
  Done,
  Dropped,
  EventKind as K,
  FutureKind,
  HandleKind,
  ResourceKind,
  Step,
  Wake,
} from './schema';

export interface ExplainMessage {
  /** i18n key, e.g. "explain.resumedTimer". */
  key: string;
  params: Record<string, string | number>;
}

/**
 * Why a task parked in a method (a FUTURE_CALL, labelled with the method) was woken, by method:
 * the key of the sentence. Other methods of a resource say the resource let it through; the
 * calls with no resource, as_completed's and asyncio.wait's (see waitWake), have their own.
 */
const CALL_WAKES: Record<string, string> = {
  as_completed: 'resumedAsCompleted',
  join: 'resumedJoin',
  read: 'resumedData',
  readline: 'resumedData',
  readexactly: 'resumedData',
  readuntil: 'resumedData',
  drain: 'resumedDrain',
  wait_closed: 'resumedClosed',
};

/** The FUTURE_CALL label of asyncio.wait's waiter, followed by what ends the wait (_futures.py). */
const WAIT_CALL = 'asyncio.wait';

/**
 * Why asyncio.wait woke its caller, from its label ("asyncio.wait FIRST_COMPLETED timeout") and
 * the handle running when its waiter completed (event `done`): a timer there is the timeout
 * (asyncio's _release_waiter), a callback of the awaitables otherwise.
 */
function waitWake(nz: Normalized, label: string, done: number): string {
  const words = label.split(' ');
  if (done >= 0 && words.includes('timeout')) {
    const k = lastAtOrBefore(nz.startEv, done);
    const h = k >= 0 ? nz.trace.events.a[nz.startEv[k]] : -1;
    const kind = h >= 0 && nz.hEnd[h] > done ? nz.trace.handles.kind[h] : -1;
    if (kind === HandleKind.LATER || kind === HandleKind.AT) return 'resumedWaitTimeout';
  }
  if (words.includes('FIRST_COMPLETED')) return 'resumedWaitFirst';
  if (words.includes('FIRST_EXCEPTION')) return 'resumedWaitException';
  return 'resumedWaitAll';
}

/**
 * The sentences whose subject can be the callback the loop is running (a sleep's timer, a network
 * delivery): `explain` gives such a sentence the key with "ByHandle" before any `NoLine` or plural
 * suffix ("explain.netRecvByHandle_one"), whose English starts "The sleep(0.1) timer of Task-2
 * receives ...", since a handle's label starts lowercase where a task's name is a name. The
 * subject is `{{who}}`, or `{{task}}` for the resource sentences (see handleSubjectParam).
 */
const HANDLE_SUBJECT_KEYS = [
  'scheduledSoon',
  'scheduledSoonStep',
  'scheduledTimer',
  'taskCreated',
  'taskCreatedNoLine',
  'futureCreated',
  'futureCreatedAt',
  'futureCreatedSleep',
  'stdout',
  'stderr',
  'netConnect',
  'netSend_one',
  'netSend_other',
  'netRecv_one',
  'netRecv_other',
  'acquired',
  'released',
  'wait',
];

const BY_HANDLE = 'ByHandle';
const KEY_SUFFIX = /(NoLine)?(_one|_other)?$/;

/**
 * The templates with the variants for a handle as the subject added, each worded by `variant`
 * from its template (English adds "The"; Chinese needs no article). For EXPLAIN_EN and the other
 * languages' tables alike, so their keys stay the same.
 */
export function withHandleSubjects(
  templates: Record<string, string>,
  variant: (template: string) => string,
): Record<string, string> {
  const out = { ...templates };
  for (const name of HANDLE_SUBJECT_KEYS) {
    const key = `explain.${name}`;
    if (key in templates) out[key.replace(KEY_SUFFIX, `${BY_HANDLE}$&`)] = variant(templates[key]);
  }
  return out;
}

/** The parameter naming a running handle in a "ByHandle" sentence, null for other keys. */
export function handleSubjectParam(key: string): string | null {
  const base = key.replace(KEY_SUFFIX, '');
  if (!base.endsWith(BY_HANDLE)) return null;
  return /^explain\.(acquired|released|wait)ByHandle$/.test(base) ? 'task' : 'who';
}

/** English templates for every key `explain` can return. */
export const EXPLAIN_EN: Record<string, string> = withHandleSubjects(
  {
    'explain.none': 'Nothing has happened yet.',
    // Two counts in one sentence: i18next chooses a plural form by `count` alone, so each count is
    // a nested text with its own plural forms ("1 callback ready", "2 callbacks ready").
    'explain.loopIter':
      'The loop starts iteration {{iteration}}: $t(explain.readyCallbacks, {"count": {{ready}} }), $t(explain.pendingTimers, {"count": {{timers}} }).',
    'explain.readyCallbacks_one': '{{count}} callback ready',
    'explain.readyCallbacks_other': '{{count}} callbacks ready',
    'explain.pendingTimers_one': '{{count}} timer pending',
    'explain.pendingTimers_other': '{{count}} timers pending',
    'explain.clockAdvance':
      'Nothing is ready, so the virtual clock jumps to t={{time}} s, when the next timer is due.',
    'explain.scheduledSoon': '{{who}} schedules {{label}} to run soon: it joins the ready queue.',
    // A task's step: "Task-2 step" is the handle's card label, a sentence says "Task-2's next step".
    'explain.scheduledSoonStep':
      "{{who}} schedules {{task}}'s next step to run soon: it joins the ready queue.",
    'explain.scheduledSoonOwnStep':
      '{{task}} schedules its own next step to run soon: it joins the ready queue.',
    'explain.scheduledTimer': '{{who}} sets a timer: {{label}} will run at t={{when}} s.',
    'explain.timerDue': 'At t={{when}} s, {{label}} is due: it moves to the ready queue.',
    'explain.timerDueSleep': 'At t={{when}} s, the {{label}} is due: it moves to the ready queue.',
    'explain.handleStart': 'The loop takes {{label}} from the ready queue and runs it.',
    'explain.handleStartStep':
      "The loop takes {{task}}'s next step from the ready queue and runs it.",
    'explain.handleEnd': 'Control goes back to the loop: {{label}} has finished.',
    // A sleep's timer, named in words ("sleep(0.1) timer of Task-4"), which take "the".
    'explain.handleStartTimer': 'The loop takes the {{label}} from the ready queue and runs it.',
    'explain.handleEndTimer': 'Control goes back to the loop: the {{label}} has finished.',
    'explain.handleCancelledTimer': 'The loop will not run the {{label}}: it was cancelled.',
    'explain.handleEndStep': 'This step of {{task}} is over; control goes back to the loop.',
    'explain.handleCancelled': 'The loop will not run {{label}}: it was cancelled.',
    'explain.handleCancelledStep': "The loop will not run {{task}}'s next step: it was cancelled.",
    // HANDLE_DROPPED: BaseEventLoop.close() empties the heap and the queue, running and cancelling
    // nothing (asyncio.run ends with it, so a call_later still pending is dropped here).
    'explain.handleDroppedTimer':
      'loop.close() drops the timer {{label}}, due at t={{when}} s, without running it: closing a loop empties its timer heap, neither running nor cancelling what is left.',
    'explain.handleDroppedSleep':
      'loop.close() drops the {{label}}, due at t={{when}} s, without running it: closing a loop empties its timer heap, neither running nor cancelling what is left.',
    'explain.handleDropped':
      'loop.close() drops {{label}} from the ready queue without running it: closing a loop empties its ready queue, neither running nor cancelling what is left.',
    'explain.handleDroppedSleepReady':
      'loop.close() drops the {{label}} from the ready queue without running it: closing a loop empties its ready queue, neither running nor cancelling what is left.',
    'explain.handleDroppedStep':
      "loop.close() drops {{task}}'s next step from the ready queue: {{task}} will never run again, since closing a loop neither runs nor cancels what is left.",
    'explain.blocked':
      'A blocking call, {{call}}, stalled the whole loop for {{ms}} ms: no other task could run.',
    'explain.taskCreated':
      '{{who}} created task {{task}} for {{coro}} at line {{line}}; it will start when the loop gets to it.',
    'explain.taskCreatedForConnection':
      'start_server (line {{line}}) created task {{task}} for {{coro}} to serve a new connection to {{server}}; it will start when the loop gets to it.',
    'explain.startFirst': '{{task}} starts running {{coro}}.',
    'explain.resumedTimer': '{{task}} resumed because its {{sleep}} timer fired at t={{time}} s.',
    'explain.resumedTask': '{{task}} resumed because task {{other}} finished.',
    'explain.resumedResource': '{{task}} resumed because {{resource}} let it through.',
    'explain.resumedFuture': '{{task}} resumed because {{future}} is done.',
    'explain.resumedTaskGroup':
      '{{task}} resumed because every task of its TaskGroup has finished.',
    'explain.resumedAsCompleted':
      '{{task}} resumed because the next of the awaitables given to as_completed() finished.',
    'explain.resumedWaitAll':
      '{{task}} resumed because every awaitable given to asyncio.wait() has finished.',
    'explain.resumedWaitFirst':
      '{{task}} resumed because one of the awaitables given to asyncio.wait() finished.',
    'explain.resumedWaitException':
      '{{task}} resumed because an awaitable given to asyncio.wait() raised an exception, or all of them finished (FIRST_EXCEPTION).',
    'explain.resumedWaitTimeout':
      '{{task}} resumed because the timeout given to asyncio.wait() ran out; the awaitables not done yet come back as pending.',
    'explain.resumedJoin':
      '{{task}} resumed because every item put in {{resource}} was marked done.',
    'explain.resumedData': '{{task}} resumed because {{resource}} received data or end of file.',
    'explain.resumedDrain': '{{task}} resumed because the write buffer of {{resource}} drained.',
    'explain.resumedClosed': '{{task}} resumed because {{resource}} is closed.',
    'explain.resumedCancel':
      'CancelledError is thrown into {{task}} at its await on line {{line}}.',
    // The task was not cancelled itself: what it awaited was (`await spinner` on a cancelled task).
    'explain.resumedAwaitedCancelled':
      '{{task}} resumed because {{future}} was cancelled: its await on line {{line}} raises CancelledError.',
    'explain.resumedAwaitedTaskCancelled':
      '{{task}} resumed because task {{other}} was cancelled: its await on line {{line}} raises CancelledError.',
    'explain.resumedYield': '{{task}} resumes after letting the other ready callbacks run.',
    'explain.suspended':
      '{{task}} suspends at line {{line}}, waiting for {{awaiting}}; the loop can run something else.',
    'explain.yielded':
      '{{task}} yields to the loop at line {{line}} and goes to the back of the ready queue.',
    'explain.returned': '{{task}} finished and returned {{value}}.',
    'explain.raised': '{{task}} failed with {{error}}.',
    'explain.cancelled': '{{task}} was cancelled.',
    'explain.chain_one': "{{task}}'s await chain is {{count}} frame deep.",
    'explain.chain_other': "{{task}}'s await chain is {{count}} frames deep.",
    'explain.futureCreated': '{{who}} creates {{future}}.',
    // QA: "Task-2 creates sleep(0.3)." read oddly: the sleep is a call, its future what is made.
    'explain.futureCreatedSleep': '{{who}} calls {{future}}, which makes a future to wait on.',
    // A plain Future, named by the line that made it ("a Future created at line 4") elsewhere.
    'explain.futureCreatedAt': '{{who}} creates a Future at line {{line}}.',
    // "Now": the future's words start lowercase ("a Future created at line 4", "task `x`").
    'explain.futureResult':
      'Now {{future}} is done with the result {{value}}; its callbacks are scheduled.',
    'explain.futureException':
      'Now {{future}} is done with the exception {{value}}; its callbacks are scheduled.',
    'explain.futureCancelled': 'Now {{future}} is cancelled; its callbacks are scheduled.',
    'explain.callbackWaiter': '{{task}} will be woken when {{future}} is done.',
    'explain.callbackAdded': "{{callback}} is added to {{future}}'s done callbacks.",
    'explain.callbackRemoved': "{{callback}} is removed from {{future}}'s done callbacks.",
    'explain.awaitEdge': 'Now {{waiter}} waits for {{awaited}} ({{edge}}).',
    'explain.cancelTask':
      '{{who}} called {{task}}.cancel({{msg}}) at line {{line}}: CancelledError will be thrown into {{task}} at its await on line {{awaitLine}}.',
    'explain.cancelTaskNotStarted':
      '{{who}} called {{task}}.cancel({{msg}}) at line {{line}}: {{task}} is cancelled before it runs its first step.',
    'explain.cancelTaskRunning':
      '{{who}} called {{task}}.cancel({{msg}}) at line {{line}}: CancelledError will be thrown into {{task}} at its next await.',
    'explain.cancelFuture': '{{who}} cancelled {{future}} at line {{line}}.',
    'explain.cancelDelivered': 'CancelledError is raised inside {{task}} at line {{line}}.',
    // Variants for events with no user line (asyncio's own tasks and callbacks).
    'explain.taskCreatedNoLine':
      '{{who}} created task {{task}} for {{coro}}; it will start when the loop gets to it.',
    'explain.taskCreatedForConnectionNoLine':
      'start_server created task {{task}} for {{coro}} to serve a new connection to {{server}}; it will start when the loop gets to it.',
    'explain.resumedCancelNoLine': 'CancelledError is thrown into {{task}} at its await.',
    'explain.suspendedNoLine':
      '{{task}} suspends, waiting for {{awaiting}}; the loop can run something else.',
    'explain.yieldedNoLine': '{{task}} yields to the loop and goes to the back of the ready queue.',
    'explain.cancelTaskNoLine':
      '{{who}} called {{task}}.cancel({{msg}}): CancelledError will be thrown into {{task}} at its await on line {{awaitLine}}.',
    'explain.cancelTaskNotStartedNoLine':
      '{{who}} called {{task}}.cancel({{msg}}): {{task}} is cancelled before it runs its first step.',
    'explain.cancelTaskRunningNoLine':
      '{{who}} called {{task}}.cancel({{msg}}): CancelledError will be thrown into {{task}} at its next await.',
    'explain.cancelFutureNoLine': '{{who}} cancelled {{future}}.',
    'explain.cancelDeliveredNoLine': 'CancelledError is raised inside {{task}}.',
    'explain.resourceCreatedNoLine': 'The {{resource}} is created.',
    'explain.uncancel': '{{task}}.uncancel(): its pending cancellation count is now {{count}}.',
    'explain.resourceCreated': 'Line {{line}} creates {{resource}}.',
    'explain.acquired': '{{task}} acquires {{resource}}.',
    'explain.released': '{{task}} releases {{resource}}.',
    'explain.wait': '{{task}} has to wait for {{resource}}.',
    'explain.wake': 'The {{resource}} wakes {{task}}.',
    'explain.valueQueue_one': '{{resource}} now holds {{count}} item.',
    'explain.valueQueue_other': '{{resource}} now holds {{count}} items.',
    'explain.valueEventSet': '{{resource}} is set: its waiters can go on.',
    'explain.valueEventClear': '{{resource}} is cleared.',
    'explain.value': 'The {{resource}} now has the value {{value}}.',
    // A barrier's value is the number of tasks waiting at it; the last arrival releases them.
    'explain.valueBarrier': '{{resource}} now has {{value}} of its {{parties}} tasks waiting.',
    'explain.releasedBarrier':
      '{{task}} arrives last at {{resource}} and releases it: every task waiting there can go on.',
    'explain.line': '{{task}} runs line {{line}}.',
    'explain.lineMain': 'The program runs line {{line}}.',
    'explain.lineByHandle': 'The {{who}} runs line {{line}}.',
    // The language puts the quotation marks; `text` is what the program wrote, as it reads (quote).
    'explain.stdout': '{{who}} prints “{{text}}”.',
    'explain.stderr': '{{who}} writes “{{text}}” to stderr.',
    'explain.exception': 'Uncaught {{type}}: the program stops with a traceback.',
    'explain.warning': 'Warning: {{message}}',
    'explain.netListen': 'The {{resource}} starts listening.',
    'explain.netConnect': '{{who}} connects to {{peer}}.',
    'explain.netAccept': 'The {{server}} accepts a connection: {{resource}}.',
    'explain.netAcceptNoServer': 'The server accepts a connection: {{resource}}.',
    'explain.netSend_one': '{{who}} sends {{count}} byte on {{resource}}.',
    'explain.netSend_other': '{{who}} sends {{count}} bytes on {{resource}}.',
    'explain.netRecv_one': '{{who}} receives {{count}} byte on {{resource}}.',
    'explain.netRecv_other': '{{who}} receives {{count}} bytes on {{resource}}.',
    // A read of 0 bytes: the peer closed its side.
    'explain.netEof':
      'The {{resource}} reaches end of file (EOF): the other side will send no more data.',
    'explain.netClose': 'The {{resource}} is closed.',
    'explain.workerStart': '{{job}} starts in a worker thread; the loop keeps running meanwhile.',
    'explain.workerEnd': 'The worker thread finished its job; the waiting future completes.',
    'explain.runEnd.ok': 'The program finished normally.',
    'explain.runEnd.exception': 'The program ended with an uncaught exception.',
    // The program ended its own process (see PROCESS_ENDS).
    'explain.runEnd.killedBySignal': 'The program was killed by signal {{signal}}.',
    'explain.runEnd.stoppedBySignal':
      'The program was stopped by signal {{signal}}, so the run ends here.',
    'explain.runEnd.aborted': 'The program aborted: signal {{signal}} ended its process.',
    'explain.runEnd.osExit': 'The program exited through os._exit({{code}}), ending its process.',
    'explain.runEnd.systemExit': 'The program exited with SystemExit: {{code}}.',
    'explain.runEnd.deadlock':
      'Deadlock: nothing is ready and no timer is pending, yet tasks are still waiting. {{detail}}',
    'explain.runEnd.deadlockWaits':
      'Deadlock: nothing is ready and no timer is pending, yet {{detail}}.',
    'explain.runEnd.deadlockThread': 'Deadlock: {{detail}}',
    'explain.runEnd.deadlockNothingLeft':
      'Deadlock: the loop has nothing left to run and nothing will ever wake it.',
    'explain.runEnd.limit-events': 'The run stopped at its event budget: {{detail}}.',
    'explain.runEnd.limit-virtual-time': 'The run stopped at its virtual-time budget: {{detail}}.',
    'explain.runEnd.limit-wall-time': 'The run stopped at its wall-time budget: {{detail}}.',
    'explain.runEnd.interrupted': 'The run was interrupted: {{detail}}.',
    'explain.runEnd.syntax-error': 'The program has a syntax error. {{detail}}',
    'explain.event': '{{name}}.',
    'explain.unknownEvent':
      'An event this Loopscope does not know (kind {{kind}}), recorded by a newer one: nothing shown here changes.',
  },
  (template) => `The ${template}`,
);

/**
 * Fills `{{name}}` placeholders and `$t(key, {"count": n})` nested texts, as i18next renders the
 * same resource in English; unknown keys fall back to the key itself.
 */
export function renderExplanation(
  msg: ExplainMessage,
  templates: Record<string, string> = EXPLAIN_EN,
): string {
  return fill(pluralTemplate(msg.key, msg.params.count, templates), msg.params, templates).trim();
}

/**
 * A key's English template, in the plural form i18next picks for "en" when the key has them:
 * `_one` for a count of 1, `_other` otherwise.
 */
function pluralTemplate(
  key: string,
  count: string | number | undefined,
  templates: Record<string, string>,
): string {
  const plural =
    typeof count === 'number' ? templates[`${key}_${count === 1 ? 'one' : 'other'}`] : undefined;
  return plural ?? templates[key] ?? key;
}

/** i18next's nesting syntax, with the options as JSON (after the placeholders are filled). */
const NESTED = /\$t\(([\w.-]+), (\{[^()]*\})\)/g;

function fill(
  template: string,
  params: Record<string, string | number>,
  templates: Record<string, string>,
): string {
  const text = template.replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
    name in params ? String(params[name]) : '',
  );
  return text.replace(NESTED, (whole, key: string, json: string) => {
    let options: Record<string, string | number>;
    try {
      options = JSON.parse(json) as Record<string, string | number>;
    } catch {
      return whole;
    }
    return fill(pluralTemplate(key, options.count, templates), options, templates);
  });
}

/** A str as Python's repr writes it (the quotes it picks, escaped backslashes and newlines). */
function pyStr(text: string): string {
  const body = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  if (text.includes("'") && !text.includes('"')) return `"${body}"`;
  return `'${body.replace(/'/g, "\\'")}'`;
}

const MAX_QUOTE = 60;

/** Escapes of the control characters a spinner writes to redraw its line. */
const CONTROL_ESCAPES: Record<string, string> = { '\r': '\\r', '\b': '\\b', '\t': '\\t' };

/**
 * A write with nothing to read but blanks: '' for line ends alone (an empty print()), else the
 * write with its control characters escaped, so a spinner's "\r          \r" or a row of
 * backspaces (Fluent Python's spinner) is seen for what it is, not as "".
 */
function controlOnly(text: string): string {
  if (/^[\r\n]*$/.test(text) && !/\r(?!\n)/.test(text)) return '';
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const shown = escapeControls(text, /[\x00-\x1f\x7f]/g);
  return shown.length > MAX_QUOTE ? `${shown.slice(0, MAX_QUOTE - 1)}…` : shown;
}

/** `text` with the control characters `pattern` finds (by default all but tab and line feed)
 * written as escapes: \r, \b, \t, else \xNN. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
function escapeControls(text: string, pattern = /[\x00-\x08\x0b-\x1f\x7f]/g): string {
  return text.replace(
    pattern,
    (c) => CONTROL_ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/**
 * What a program wrote, for a sentence that quotes it (the template puts the quotation marks):
 * its first line that is not blank, as the console shows it, with no escapes (a traceback's
 * `File "main.py"` stays as written) but for the control characters the console does not show
 * (a backspace is \b), and without the indentation around it; "…" marks what is left out, a
 * long line's end or the lines after it. A write of blanks alone is shown by its escapes.
 */
function quote(text: string | null): string {
  const lines = (text ?? '').split(/\r?\n/).map((line) => line.trim());
  const first = lines.findIndex((line) => line !== '');
  if (first < 0) return controlOnly(text ?? '');
  // Characters the console does not show as text (a backspace, a carriage return inside the
  // line, an escape sequence's ESC) are written as escapes.
  const shown = escapeControls(lines[first]);
  if (shown.length > MAX_QUOTE) return `${shown.slice(0, MAX_QUOTE - 1)}…`;
  return lines.slice(first + 1).some((line) => line !== '') ? `${shown} …` : shown;
}

function who(nz: Normalized, t: number): string {
  return t < 0 ? 'The program' : taskName(nz.trace, t);
}

/** The handle the loop is running at step s, -1 between handles. */
function runningHandle(nz: Normalized, s: number): number {
  const k = lastAtOrBefore(nz.startEv, s);
  if (k < 0) return -1;
  const h = nz.trace.events.a[nz.startEv[k]];
  return nz.hEnd[h] > s ? h : -1;
}

/** The simulated network's timers (world/net.py), which the page words as network events. */
const NETWORK_HANDLE = /^virtual_network\.\w+$/;

/**
 * Whether a handle's label is words rather than code: a sleep's timer ("sleep(0.1) timer of
 * Task-2"), a network timer, "callback #3". As a sentence's subject those take "The"; a callback
 * named by its qualified name (Timeout._on_timeout) is code and starts the sentence as written.
 */
function describedHandle(nz: Normalized, h: number): boolean {
  if (nz.hSleep[h] >= 0) return true;
  const descr = str(nz.trace, nz.trace.handles.descr[h]);
  return descr === null || NETWORK_HANDLE.test(descr);
}

/**
 * Who does what at step s, when task t (-1 for none) is current: the task; else the callback the
 * loop is running (a loop callback's doing is not the program's: the sleep's timer sets the
 * future's result, a network delivery receives the data), with `byHandle` when its label is
 * words, so the sentence takes its "ByHandle" key; else "The program", module-level code outside
 * any handle.
 */
function subject(nz: Normalized, t: number, s: number): { who: string; byHandle: boolean } {
  if (t >= 0) return { who: taskName(nz.trace, t), byHandle: false };
  const h = runningHandle(nz, s);
  if (h < 0) return { who: who(nz, t), byHandle: false };
  return { who: handleLabel(nz, h), byHandle: describedHandle(nz, h) };
}

/** Label of the callback running at step s ("Timeout._on_timeout"), or "The loop". */
function runningLabel(nz: Normalized, s: number): string {
  const h = runningHandle(nz, s);
  return h >= 0 ? handleLabel(nz, h) : 'The loop';
}

/** The user line that scheduled the callback running at step s, 0 if none. */
function runningLine(nz: Normalized, s: number): number {
  const h = runningHandle(nz, s);
  return h >= 0 ? nz.trace.handles.line[h] : 0;
}

/** The line a task last suspended at, as of step s (0 if it never suspended). */
export function lastSuspendLine(nz: Normalized, t: number, s: number): number {
  const e = nz.trace.events;
  const { off, ev } = nz.tState;
  for (let k = lastAtOrBefore(ev, s, off[t], off[t + 1]); k >= off[t]; k--) {
    const i = ev[k];
    if (e.kind[i] === K.TASK_STEP_END) return e.b[i] === Step.SUSPENDED ? e.line[i] : 0;
    if (e.kind[i] === K.TASK_STEP_START) return 0;
  }
  return 0;
}

/**
 * A task resumed with CancelledError at step s: cancelled itself (a cancel() since it suspended),
 * or woken because what it awaited was cancelled by someone else, which then raises in it.
 */
function cancelWake(nz: Normalized, t: number, s: number, line: number): ExplainMessage {
  const msg = (key: string, params: Record<string, string | number>): ExplainMessage => ({
    key: `explain.${key}`,
    params,
  });
  const e = nz.trace.events;
  const at = lastSuspendLine(nz, t, s - 1) || line;
  const task = taskName(nz.trace, t);
  const { off, ev } = nz.tState;
  let suspended = -1;
  for (let k = lastAtOrBefore(ev, s - 1, off[t], off[t + 1]); k >= off[t]; k--) {
    const i = ev[k];
    if (e.kind[i] === K.TASK_STEP_END && e.b[i] === Step.SUSPENDED) {
      suspended = i;
      break;
    }
  }
  const f = suspended >= 0 ? e.c[suspended] : -1;
  if (f < 0) return msg('resumedCancel', { task, line: at });
  const c = nz.tCancel;
  for (let k = lastAtOrBefore(c.ev, s, c.off[t], c.off[t + 1]); k >= c.off[t]; k--) {
    if (c.ev[k] <= suspended) break;
    if (e.kind[c.ev[k]] === K.CANCEL_REQUESTED) return msg('resumedCancel', { task, line: at });
  }
  const other = nz.trace.futures.task[f];
  if (nz.trace.futures.kind[f] === FutureKind.TASK && other >= 0) {
    return msg('resumedAwaitedTaskCancelled', { task, other: taskName(nz.trace, other), line: at });
  }
  return msg('resumedAwaitedCancelled', { task, future: futureLabel(nz, f), line: at });
}

/** The future a task last suspended on, as of step s (-1 if none). */
function lastAwaited(nz: Normalized, t: number, s: number): number {
  const e = nz.trace.events;
  const { off, ev } = nz.tState;
  for (let k = lastAtOrBefore(ev, s, off[t], off[t + 1]); k >= off[t]; k--) {
    const i = ev[k];
    if (e.kind[i] === K.TASK_STEP_END && e.b[i] === Step.SUSPENDED) return e.c[i];
  }
  return -1;
}

function hasStarted(nz: Normalized, t: number, s: number): boolean {
  const e = nz.trace.events;
  const { off, ev } = nz.tState;
  for (let k = off[t]; k < off[t + 1] && ev[k] <= s; k++) {
    if (e.kind[ev[k]] === K.TASK_STEP_START) return true;
  }
  return false;
}

function taskStateCode(nz: Normalized, t: number, s: number): number {
  const { off, ev, val } = nz.tState;
  const k = lastAtOrBefore(ev, s, off[t], off[t + 1]);
  return k >= off[t] ? val![k] : -1;
}

/** The explanation of event `s`. */
export function explain(nz: Normalized, s: number): ExplainMessage {
  const msg = explainEvent(nz, s);
  // "at line 0" would be wrong: events outside user code have line-less variants.
  if (msg.params.line === 0 && `${msg.key}NoLine` in EXPLAIN_EN) msg.key = `${msg.key}NoLine`;
  return msg;
}

function explainEvent(nz: Normalized, s: number): ExplainMessage {
  const trace = nz.trace;
  const e = trace.events;
  if (s < 0 || s >= nz.eventCount) return { key: 'explain.none', params: {} };
  const kind = e.kind[s];
  const a = e.a[s];
  const b = e.b[s];
  const c = e.c[s];
  const cur = e.task[s];
  const line = e.line[s];
  const time = formatTime(timeAt(nz, s));
  const m = (key: string, params: Record<string, string | number> = {}): ExplainMessage => ({
    key: `explain.${key}`,
    params,
  });
  /** A sentence whose subject is `who` (or `as`): task t, or else what runs at this step. */
  const by = (
    key: string,
    t: number,
    params: Record<string, string | number>,
    as = 'who',
  ): ExplainMessage => {
    const { who, byHandle } = subject(nz, t, s);
    return m(byHandle ? `${key}${BY_HANDLE}` : key, { [as]: who, ...params });
  };
  switch (kind) {
    case K.LOOP_ITER:
      return m('loopIter', { iteration: a, ready: b, timers: c });
    case K.CLOCK_ADVANCE:
      return m('clockAdvance', { time });
    case K.HANDLE_SCHEDULED: {
      const label = handleLabel(nz, a);
      const hk = trace.handles.kind[a];
      if (hk === HandleKind.LATER || hk === HandleKind.AT) {
        return by('scheduledTimer', cur, { label, when: formatTime(trace.handles.when[a]) });
      }
      const stepOf = trace.handles.task[a];
      if (stepOf >= 0 && stepOf === cur) {
        return m('scheduledSoonOwnStep', { task: taskName(trace, cur) });
      }
      if (stepOf >= 0) return by('scheduledSoonStep', cur, { task: taskName(trace, stepOf) });
      return by('scheduledSoon', cur, { label });
    }
    case K.HANDLE_READY:
      return m(nz.hSleep[a] >= 0 ? 'timerDueSleep' : 'timerDue', {
        label: handleLabel(nz, a),
        when: formatTime(trace.handles.when[a]),
      });
    // A task's step reads "Task-2's next step" in a sentence (its label, "Task-2 step", is the
    // card's), so no language says "step" twice ("执行一步并执行").
    case K.HANDLE_START:
      if (trace.handles.task[a] >= 0) {
        return m('handleStartStep', { task: taskName(trace, trace.handles.task[a]) });
      }
      return m(nz.hSleep[a] >= 0 ? 'handleStartTimer' : 'handleStart', {
        label: handleLabel(nz, a),
      });
    case K.HANDLE_END:
      if (trace.handles.task[a] >= 0) {
        return m('handleEndStep', { task: taskName(trace, trace.handles.task[a]) });
      }
      return m(nz.hSleep[a] >= 0 ? 'handleEndTimer' : 'handleEnd', { label: handleLabel(nz, a) });
    case K.HANDLE_CANCELLED:
      if (trace.handles.task[a] >= 0) {
        return m('handleCancelledStep', { task: taskName(trace, trace.handles.task[a]) });
      }
      return m(nz.hSleep[a] >= 0 ? 'handleCancelledTimer' : 'handleCancelled', {
        label: handleLabel(nz, a),
      });
    case K.HANDLE_DROPPED: {
      if (trace.handles.task[a] >= 0) {
        return m('handleDroppedStep', { task: taskName(trace, trace.handles.task[a]) });
      }
      const label = handleLabel(nz, a);
      const sleep = nz.hSleep[a] >= 0;
      if (b === Dropped.READY)
        return m(sleep ? 'handleDroppedSleepReady' : 'handleDropped', { label });
      return m(sleep ? 'handleDroppedSleep' : 'handleDroppedTimer', {
        label,
        when: formatTime(trace.handles.when[a]),
      });
    }
    case K.LOOP_BLOCKED:
      return m('blocked', { call: str(trace, b) ?? 'a call', ms: Math.round(a / 1000) });
    case K.TASK_CREATED: {
      const accept = acceptOf(nz, a);
      if (accept >= 0) {
        // Named after the call the program made; `line` is that call's (the server's creation).
        const server = e.b[accept];
        return m('taskCreatedForConnection', {
          task: taskName(trace, a),
          coro: str(trace, trace.tasks.coro[a]) ?? 'a coroutine',
          server: resourceTitle(trace, server),
          line: trace.resources.line[server],
        });
      }
      return by('taskCreated', trace.tasks.parent[a] >= 0 ? trace.tasks.parent[a] : cur, {
        task: taskName(trace, a),
        coro: str(trace, trace.tasks.coro[a]) ?? 'a coroutine',
        line: trace.tasks.line[a] || line,
      });
    }
    case K.TASK_STEP_START: {
      const task = taskName(trace, a);
      if (b === Wake.FIRST) {
        return m('startFirst', { task, coro: str(trace, trace.tasks.coro[a]) ?? 'its coroutine' });
      }
      if (b === Wake.CANCEL) return cancelWake(nz, a, s, line);
      if (b === Wake.YIELD) return m('resumedYield', { task });
      const f = c >= 0 && e.kind[c] === K.FUTURE_DONE ? e.a[c] : lastAwaited(nz, a, s);
      if (f < 0) return m('resumedYield', { task });
      if (c >= 0 && e.kind[c] === K.FUTURE_DONE && e.b[c] === Done.CANCELLED) {
        return cancelWake(nz, a, s, line);
      }
      const fk = trace.futures.kind[f];
      if (fk === FutureKind.SLEEP) {
        const fired = timeAt(nz, c >= 0 ? c : s);
        return m('resumedTimer', {
          task,
          sleep: str(trace, trace.futures.label[f]) ?? 'sleep',
          time: formatTime(fired),
        });
      }
      if (fk === FutureKind.TASK && trace.futures.task[f] >= 0) {
        return m('resumedTask', { task, other: taskName(trace, trace.futures.task[f]) });
      }
      if (fk === FutureKind.TASKGROUP) return m('resumedTaskGroup', { task });
      const r = nz.fResource[f];
      const called = fk === FutureKind.CALL ? (str(trace, trace.futures.label[f]) ?? '') : '';
      if (called.startsWith(WAIT_CALL)) {
        return m(waitWake(nz, called, c >= 0 && e.kind[c] === K.FUTURE_DONE ? c : -1), { task });
      }
      const call = called ? CALL_WAKES[called] : '';
      if (call) return m(call, { task, resource: r >= 0 ? resourceTitle(trace, r) : '' });
      if (r >= 0) return m('resumedResource', { task, resource: resourceTitle(trace, r) });
      return m('resumedFuture', { task, future: futureLabel(nz, f) });
    }
    case K.TASK_STEP_END: {
      const task = taskName(trace, a);
      if (b === Step.SUSPENDED) {
        if (c < 0) return m('yielded', { task, line });
        return m('suspended', { task, line, awaiting: awaitingText(nz, c) });
      }
      if (b === Step.RETURNED) return m('returned', { task, value: str(trace, c) ?? 'None' });
      if (b === Step.RAISED) return m('raised', { task, error: str(trace, c) ?? 'an exception' });
      return m('cancelled', { task });
    }
    case K.AWAIT_CHAIN: {
      let depth = 0;
      const text = str(trace, b);
      if (text) depth = parseChain(text).length;
      return m('chain', { task: taskName(trace, a), count: depth });
    }
    case K.FUTURE_CREATED: {
      // "creates a Future created at line 4" would say it twice.
      const future = futureLabel(nz, a);
      const at = trace.futures.line[a];
      if (at > 0 && future === `a Future created at line ${at}`) {
        return by('futureCreatedAt', cur, { line: at });
      }
      if (trace.futures.kind[a] === FutureKind.SLEEP)
        return by('futureCreatedSleep', cur, { future });
      return by('futureCreated', cur, { future });
    }
    case K.FUTURE_DONE: {
      const future = futureLabel(nz, a);
      if (b === Done.RESULT) return m('futureResult', { future, value: str(trace, c) ?? 'None' });
      if (b === Done.EXCEPTION) {
        return m('futureException', { future, value: str(trace, c) ?? 'an exception' });
      }
      return m('futureCancelled', { future });
    }
    case K.FUTURE_CALLBACK_ADDED:
      if (c >= 0)
        return m('callbackWaiter', { task: taskName(trace, c), future: futureLabel(nz, a) });
      return m('callbackAdded', {
        callback: str(trace, b) ?? 'a callback',
        future: futureLabel(nz, a),
      });
    case K.FUTURE_CALLBACK_REMOVED:
      return m('callbackRemoved', {
        callback: str(trace, b) ?? 'a callback',
        future: futureLabel(nz, a),
      });
    case K.AWAIT_EDGE:
      return m('awaitEdge', {
        waiter: futureLabel(nz, a),
        awaited: futureLabel(nz, b),
        edge: ['await', 'gather', 'TaskGroup', 'shield', 'wait'][c] ?? 'await',
      });
    case K.CANCEL_REQUESTED: {
      const t = trace.futures.task[a];
      // Outside any task the caller is a callback, such as asyncio.timeout's Timeout._on_timeout;
      // its line is then the user line that scheduled that callback.
      const caller = cur >= 0 ? taskName(trace, cur) : runningLabel(nz, s);
      const where = line || runningLine(nz, s);
      if (t < 0) return m('cancelFuture', { who: caller, future: futureLabel(nz, a), line: where });
      // cancel('why'): the message, as the program wrote it (the engine keeps str(msg)).
      const text = b >= 0 ? trace.strings[b] : null;
      const msg = text === null ? '' : pyStr(text);
      const params = { who: caller, task: taskName(trace, t), line: where, msg };
      if (!hasStarted(nz, t, s)) return m('cancelTaskNotStarted', params);
      const code = taskStateCode(nz, t, s);
      const awaitLine = lastSuspendLine(nz, t, s);
      if (t === cur || awaitLine === 0 || (code !== TS_SUSPENDED && code !== TS_READY)) {
        return m('cancelTaskRunning', params);
      }
      return m('cancelTask', { ...params, awaitLine });
    }
    case K.CANCEL_DELIVERED:
      return m('cancelDelivered', { task: taskName(trace, a), line });
    case K.UNCANCEL:
      return m('uncancel', { task: taskName(trace, a), count: b });
    case K.RESOURCE_CREATED:
      return m('resourceCreated', {
        resource: resourceTitle(trace, a),
        line: trace.resources.line[a] || line,
      });
    case K.RESOURCE_ACQUIRED:
      return by('acquired', b, { resource: resourceTitle(trace, a) }, 'task');
    case K.RESOURCE_RELEASED:
      if (trace.resources.kind[a] === ResourceKind.BARRIER)
        return m('releasedBarrier', { task: who(nz, b), resource: resourceTitle(trace, a) });
      return by('released', b, { resource: resourceTitle(trace, a) }, 'task');
    case K.RESOURCE_WAIT:
      return by('wait', b, { resource: resourceTitle(trace, a) }, 'task');
    case K.RESOURCE_WAKE:
      return m('wake', { task: who(nz, b), resource: resourceTitle(trace, a) });
    case K.RESOURCE_VALUE: {
      const resource = resourceTitle(trace, a);
      const rk = trace.resources.kind[a];
      if (rk === ResourceKind.QUEUE) return m('valueQueue', { resource, count: b });
      if (rk === ResourceKind.EVENT)
        return m(b ? 'valueEventSet' : 'valueEventClear', { resource });
      if (rk === ResourceKind.BARRIER)
        return m('valueBarrier', { resource, value: b, parties: trace.resources.capacity[a] });
      return m('value', { resource, value: b });
    }
    case K.LINE: {
      // A callback of the program's own (loop.call_soon(f)) runs its lines outside any task.
      const { who: runner, byHandle } = subject(nz, cur, s);
      if (cur < 0 && runningHandle(nz, s) < 0) return m('lineMain', { line });
      return byHandle
        ? m('lineByHandle', { who: runner, line })
        : m('line', { task: runner, line });
    }
    case K.STDOUT:
      return by('stdout', cur, { text: quote(str(trace, a)) });
    case K.STDERR:
      return by('stderr', cur, { text: quote(str(trace, a)) });
    case K.EXCEPTION:
      return m('exception', { type: str(trace, b) ?? 'exception' });
    case K.WARNING:
      return m('warning', { message: str(trace, b) ?? '' });
    case K.NET_LISTEN:
      return m('netListen', { resource: resourceTitle(trace, a) });
    case K.NET_CONNECT:
      return by('netConnect', cur, { peer: str(trace, b) ?? resourceName(trace, a) });
    case K.NET_ACCEPT:
      if (b < 0) return m('netAcceptNoServer', { resource: resourceTitle(trace, a) });
      return m('netAccept', { server: resourceTitle(trace, b), resource: resourceTitle(trace, a) });
    case K.NET_SEND:
      return by('netSend', cur, { count: b, resource: resourceTitle(trace, a) });
    case K.NET_RECV:
      // Reading 0 bytes is how a socket reports that the other side closed: end of file.
      if (b === 0) return m('netEof', { resource: resourceTitle(trace, a) });
      return by('netRecv', cur, { count: b, resource: resourceTitle(trace, a) });
    case K.NET_CLOSE:
      return m('netClose', { resource: resourceTitle(trace, a) });
    case K.WORKER_START:
      return m('workerStart', { job: str(trace, b) ?? 'A job' });
    case K.WORKER_END:
      return m('workerEnd');
    case K.RUN_END: {
      const outcome = OUTCOME_NAMES[a] ?? 'ok';
      const detail = str(trace, b) ?? '';
      const ended = outcome === 'exception' ? processEnd(detail) : null;
      if (ended) return m(`runEnd.${ended.key}`, ended.params);
      if (outcome === 'deadlock') return deadlockEnd(detail);
      return m(`runEnd.${outcome}`, { detail });
    }
    default:
      // A kind from a newer engine (readers ignore those, docs/trace-format.md).
      if (kindName(kind).startsWith('UNKNOWN_')) return m('unknownEvent', { kind });
      return m('event', { name: String(kind) });
  }
}

/** How the tracer starts a deadlock's description (_describe.py, _blocking.py). */
const DEADLOCK_PREFIX = 'deadlock: ';
const NOTHING_LEFT = 'the loop has nothing left to run and nothing will ever wake it';

/**
 * A deadlock in one sentence: the description's own "deadlock: " would say it twice, so the
 * sentence takes what follows. Tasks waiting on each other ("main (main) waits for Lock `a` held
 * by w at line 5; ...") end the sentence; a thread wait nothing can end is the tracer's own
 * sentences, after "Deadlock:"; a detail of another shape keeps the older sentence.
 */
function deadlockEnd(detail: string): ExplainMessage {
  const msg = (key: string, params: Record<string, string>) => ({
    key: `explain.runEnd.${key}`,
    params,
  });
  if (!detail.startsWith(DEADLOCK_PREFIX)) return msg('deadlock', { detail });
  const body = detail.slice(DEADLOCK_PREFIX.length);
  if (body === NOTHING_LEFT) return msg('deadlockNothingLeft', {});
  if (body.endsWith('.')) return msg('deadlockThread', { detail: body });
  return msg('deadlockWaits', { detail: body });
}

/**
 * A program that ends its own process (a fatal signal, os._exit, os.abort, sys.exit(3)) ends the
 * run with the EXCEPTION outcome, since the engine unwinds it with a SystemExit, yet nothing was
 * left uncaught: the detail says what happened, in the engine's fixed words (_signals.py, and
 * _runner.py `_conclude` for SystemExit; src/app/outcome-text.ts reads the same shapes). os.abort
 * is SIGABRT there, as in CPython. Null for any other detail (an exception's own summary).
 */
export function processEnd(
  detail: string,
): { key: string; params: Record<string, string | number> } | null {
  let m: RegExpExecArray | null;
  if ((m = PROCESS_END_WORDS.killedBySignal.exec(detail)))
    return { key: m[1] === 'SIGABRT' ? 'aborted' : 'killedBySignal', params: { signal: m[1] } };
  if ((m = PROCESS_END_WORDS.stoppedBySignal.exec(detail)))
    return { key: 'stoppedBySignal', params: { signal: m[1] } };
  if ((m = PROCESS_END_WORDS.osExit.exec(detail))) return { key: 'osExit', params: { code: m[1] } };
  if ((m = PROCESS_END_WORDS.systemExit.exec(detail)))
    return { key: 'systemExit', params: { code: m[1] } };
  return null;
}

/**
 * The engine's fixed words for a program that ended its own process (_signals.py names a signal
 * Python has no name for "signal 40"; SystemExit's code is the program's own value). One table
 * for the explanation above and src/app/outcome-text.ts.
 */
export const PROCESS_END_WORDS = {
  killedBySignal: /^killed by signal (SIG\w+|signal \d+)$/,
  stoppedBySignal: /^stopped by signal (SIG\w+|signal \d+)$/,
  osExit: /^os\._exit\((-?\d+)\)$/,
  systemExit: /^SystemExit: (.+)$/s,
} as const;

/** A parsed await-chain frame. */
export interface ParsedFrame {
  func: string;
  line: number;
  locals: Record<string, string>;
}

const MAX_FRAMES = 64;
const MAX_LOCALS = 32;

/**
 * Parses an AWAIT_CHAIN string `[[func, line, {name: repr}], ...]`. The string may come from an
 * imported file, so anything malformed yields the frames that parse and drops the rest.
 */
export function parseChain(text: string): ParsedFrame[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const out: ParsedFrame[] = [];
  for (const item of raw.slice(0, MAX_FRAMES)) {
    if (!Array.isArray(item)) continue;
    const [func, ln, locals] = item as unknown[];
    const frame: ParsedFrame = {
      func: typeof func === 'string' ? func : '?',
      line: typeof ln === 'number' && Number.isFinite(ln) ? ln : 0,
      locals: Object.create(null) as Record<string, string>,
    };
    if (locals && typeof locals === 'object' && !Array.isArray(locals)) {
      let count = 0;
      for (const [k, v] of Object.entries(locals as Record<string, unknown>)) {
        if (count++ >= MAX_LOCALS) break;
        frame.locals[k] = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
      }
    }
    out.push(frame);
  }
  return out;
}
