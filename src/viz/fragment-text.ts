/**
 * The trace model's English fragments in the reader's language. src/trace/normalize.ts words
 * what a task awaits ("sleep until t=0.30 s", "Lock `db`", "task `download-BR`"), resources and
 * futures in English, and the explainer fills them into its sentences; that English stays the
 * default (tests and links rely on it). The shapes are few and fixed, so the page translates them
 * here, as ./loop/handle-text.ts does for handle labels, instead of the model carrying a key for
 * every fragment of a seek. Names between backticks and code (reprs, qualnames, `sleep(0.1)`)
 * are kept as they are, and text of any other shape passes through unchanged.
 */
import type { Translate } from './english';
import { handleText } from './loop/handle-text';

/** normalize.ts RESOURCE_TITLES, English word → key under `fragment.resource`. */
const RESOURCE_KEYS: Record<string, string> = {
  Lock: 'lock',
  Event: 'event',
  Condition: 'condition',
  Semaphore: 'semaphore',
  BoundedSemaphore: 'boundedSemaphore',
  Barrier: 'barrier',
  Queue: 'queue',
  server: 'server',
  connection: 'connection',
  worker: 'worker',
  resource: 'other',
};

/**
 * Whole texts the model and the explainer use when they have nothing better: the subject of a
 * sentence outside any task, and the fallbacks of a missing string.
 */
const WORDS: Record<string, string> = {
  'The program': 'theProgram',
  'The loop': 'theLoopSubject',
  'the loop': 'theLoop',
  'the server': 'theServer',
  'the next loop iteration': 'nextIteration',
  'a call': 'aCall',
  'a coroutine': 'aCoroutine',
  'its coroutine': 'itsCoroutine',
  'an exception': 'anException',
  exception: 'exception',
  'a callback': 'aCallback',
  'A job': 'aJob',
  'executor job': 'executorJob',
  'the tasks of its TaskGroup': 'taskGroupTasks',
};

/**
 * Marks around each string parameter while a text is filled in, so the spacing rule below knows
 * which characters are the template's and which the parameter's. Noncharacters (U+FDD0, U+FDD1):
 * Unicode keeps them for a program's own use, and text never carries them.
 */
const OPEN = '\uFDD0';
const CLOSE = '\uFDD1';
const MARKS = /[\uFDD0\uFDD1]/g;
/** Chinese characters and CJK punctuation (、。「」…, and the full-width forms ：，（）). */
const CJK = '[\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef]';
/** A space at a parameter's edge with Chinese on both sides of it. */
const CJK_GAP = new RegExp(
  `(?<=${CJK}[${OPEN}${CLOSE}]*${CLOSE}) (?=[${OPEN}${CLOSE}]*${CJK})|(?<=${CJK}) (?=${OPEN}+${CJK})`,
  'gu',
);

const spacedTranslators = new WeakMap<Translate, Translate>();
const spacedSet = new WeakSet<Translate>();

/**
 * `t` with Chinese spacing at the parameters. Chinese sets no space between Chinese words but one
 * between Chinese and Latin text, numbers or code ("在第 5 行", "向 stderr 写入"), so the Chinese
 * templates put a space around each placeholder: right for the names and code most parameters
 * hold, one too many when the parameter is Chinese itself ("主程序 向 stderr", "等待 队列 `q`").
 * This drops such a space where both its sides are Chinese; the parameters' own text, a task's
 * name or what the program printed, is kept as it is. English has no Chinese on both sides of a
 * space, so it reads exactly as `t` gives it. The explanation bar fills its sentence and its
 * warnings through it, and hands it to explainParams and warningText so their fragments are
 * spaced too. (A placeholder with a format that reads the value's end, `{{reason, period}}`,
 * would see the marks: no text filled through here has one.)
 */
export function spaced(t: Translate): Translate {
  if (spacedSet.has(t)) return t;
  let out = spacedTranslators.get(t);
  if (!out) {
    out = (key, english, params) => {
      if (!params) return t(key, english);
      let marked: Record<string, string | number> | null = null;
      for (const name in params) {
        const value = params[name];
        if (typeof value === 'string') (marked ??= { ...params })[name] = OPEN + value + CLOSE;
      }
      if (!marked) return t(key, english, params);
      return t(key, english, marked).replace(CJK_GAP, '').replace(MARKS, '');
    };
    spacedTranslators.set(t, out);
    spacedSet.add(out);
  }
  return out;
}

const ENDS_CJK = new RegExp(`${CJK}$`, 'u');
const STARTS_CJK = new RegExp(`^${CJK}`, 'u');

/**
 * The space between a word and the fragment that follows it when markup sets the two apart, so
 * no template can hold them (the task card's "awaits <b>queue `q`.get()</b>"): none where Chinese
 * meets Chinese ("等待队列 `q` 的 get()"), one elsewhere ("等待 sleep(0.1)", every English pair),
 * the rule `spaced` applies to a parameter filled into a text.
 */
export function gapBetween(before: string, after: string): string {
  return ENDS_CJK.test(before) && STARTS_CJK.test(after) ? '' : ' ';
}

const RESOURCE = /^(\w+) `(.*)`$/s;
const TASK = /^task `(.*)`$/s;
const FUTURE = /^future `(.*)`$/s;
const FUTURE_N = /^future #(\d+)$/;
/** normalize.ts plainFutureText: a plain asyncio.Future, by the line that made it. */
const FUTURE_AT = /^a Future created at line (\d+)$/;
const QUEUE_OP = /^queue `(.*)`\.(get|put|join)\(\)$/s;
/** normalize.ts callText: a wait in a method of a connection or a server. */
const CALL_ON = /^(\w+)\(\) on (\w+ `.*`)$/s;
/** _describe.py stream_wait: a deadlocked task parked in a stream's read or drain. */
const ON_STREAM = /^(\w+)\(\) on a stream$/;
const SLEEP_UNTIL = /^sleep until t=(\S+) s$/;
const GATHER_OF = /^gather of (\d+)$/;
const EXECUTOR_JOB = /^executor job (.+)$/s;
const IN_WORKER = /^(.+) in a worker thread$/s;

/**
 * Translates one of the fixed words of WORDS (a name that happens to equal one is shown
 * translated, which reads the same). For parameters that hold a task's name or a fallback.
 */
export function wordText(text: string, t: Translate): string {
  const key = WORDS[text];
  return key ? t(`fragment.word.${key}`, text) : text;
}

/**
 * Translates a fragment of the trace model: what a task awaits (normalize.ts `awaitingText`), a
 * resource (`resourceTitle`) or a future (`futureLabel`). Unknown text comes back unchanged.
 */
export function fragmentText(text: string, t: Translate): string {
  let m: RegExpExecArray | null;
  if (text in WORDS) return wordText(text, t);
  if ((m = SLEEP_UNTIL.exec(text)))
    return t('fragment.sleepUntil', 'sleep until t={{time}} s', { time: m[1] });
  if ((m = QUEUE_OP.exec(text)))
    return m[2] === 'get'
      ? t('fragment.queueGet', 'queue `{{name}}`.get()', { name: m[1] })
      : m[2] === 'put'
        ? t('fragment.queuePut', 'queue `{{name}}`.put()', { name: m[1] })
        : t('fragment.queueJoin', 'queue `{{name}}`.join()', { name: m[1] });
  if ((m = ON_STREAM.exec(text)))
    return t('fragment.onStream', '{{call}}() on a stream', { call: m[1] });
  if ((m = CALL_ON.exec(text)))
    return t('fragment.callOn', '{{call}}() on {{resource}}', {
      call: m[1],
      resource: fragmentText(m[2], t),
    });
  if ((m = TASK.exec(text))) return t('fragment.task', 'task `{{name}}`', { name: m[1] });
  if ((m = FUTURE.exec(text))) return t('fragment.future', 'future `{{name}}`', { name: m[1] });
  if ((m = FUTURE_N.exec(text))) return t('fragment.futureN', 'future #{{n}}', { n: Number(m[1]) });
  if ((m = FUTURE_AT.exec(text)))
    return t('fragment.futureAt', 'a Future created at line {{line}}', { line: Number(m[1]) });
  if ((m = RESOURCE.exec(text)) && m[1] in RESOURCE_KEYS)
    return t(`fragment.resource.${RESOURCE_KEYS[m[1]]}`, `${m[1]} \`{{name}}\``, { name: m[2] });
  if ((m = GATHER_OF.exec(text)))
    return t('fragment.gatherOf', 'gather of {{n}}', { n: Number(m[1]) });
  if ((m = EXECUTOR_JOB.exec(text)))
    return t('fragment.executorJobOf', 'executor job {{job}}', { job: m[1] });
  if ((m = IN_WORKER.exec(text)))
    return t('fragment.inWorker', '{{job}} in a worker thread', { job: m[1] });
  return text;
}

/** Parameters holding a fragment of the model (see fragmentText). */
const FRAGMENT_PARAMS = new Set(['awaiting', 'resource', 'future', 'waiter', 'awaited', 'server']);
/** Parameters holding a task's name, or code with an English fallback when it is missing. */
const WORD_PARAMS = new Set([
  'who',
  'task',
  'other',
  'call',
  'coro',
  'error',
  'callback',
  'type',
  'job',
]);

/**
 * The parameters of an explanation (src/trace/explain.ts) in the reader's language: every
 * English fragment translated, names and code kept. With the English translator the result
 * equals the input.
 */
export function explainParams(
  key: string,
  params: Record<string, string | number>,
  t: Translate,
): Record<string, string | number> {
  let out: Record<string, string | number> | null = null;
  for (const name in params) {
    const value = params[name];
    if (typeof value !== 'string') continue;
    let text = value;
    // `label` is always a handle's card label.
    if (name === 'label') text = handleText(value, t);
    else if (FRAGMENT_PARAMS.has(name)) text = fragmentText(value, t);
    else if (WORD_PARAMS.has(name)) text = wordText(value, t);
    // A cancel made outside any task names the callback that made it (explain.ts runningLabel):
    // a handle label, never a task's step.
    if (name === 'who' && text === value && key.startsWith('explain.cancel'))
      text = handleText(value, t, -1);
    // The tracer's own English sentences: a deadlock's description and its warnings.
    if (name === 'detail' && key === 'explain.runEnd.deadlock') text = deadlockText(value, t);
    // The one-sentence deadlock keys hold the description without its "deadlock: ".
    else if (name === 'detail' && key.startsWith('explain.runEnd.deadlock'))
      text = deadlockDetail(value, t);
    if (name === 'message' && key === 'explain.warning') text = warningText(value, t);
    if (text !== value) (out ??= { ...params })[name] = text;
  }
  return out ?? params;
}

// The tracer's own warnings (src/python/loopscope: _describe.py describe_deadlock, the blocking
// time.sleep in _runner.py, the output cap, world/legacy.py's notes). Python's and asyncio's own messages (never awaited,
// exception never retrieved, other warnings) are Python's words and stay as they are.
const DEADLOCK = /^deadlock: (.*)$/s;
const DEADLOCK_PART = /^(.+?) waits for (.+?)(?: at line (\d+))?$/s;
const D_TASK = /^task (.+)$/s;
const D_GATHER = /^gather of (.+?)(?: and (\d+) more)?$/s;
const D_HELD = /^(\w+ `.*`) held by (.+)$/s;
const D_EVENT = /^(Event `.*`) to be set$/s;
const D_CONDITION = /^(Condition `.*`) to be notified$/s;
const D_CONDITION_LOCK = /^the lock of (Condition `.*`)$/s;
const D_BARRIER = /^(Barrier `.*`) \((\d+) of (\d+) arrived\)$/s;
const D_QUEUE = /^Queue `(.*)`\.(get|put)\(\) \(the queue is (?:empty|full)\)$/s;
const D_QUEUE_JOIN = /^Queue `(.*)`\.join\(\) \((\d+) unfinished\)$/s;
const BLOCKING =
  /^(.+) blocked the event loop for (\S+) s: no other task ran meanwhile \(use await asyncio\.sleep\)$/s;
const OUTPUT_CAP = /^output past (\d+) characters was dropped; the program kept running$/;
/** _blocking.py: a thread-blocking wait in a one-thread run (queue.Queue.get(), Event.wait()). */
const BLOCKING_WAIT =
  /^(.+?)(?: at line (\d+))? waits for another thread, and there is none: Loopscope runs the program in one thread, so nothing can end the wait\. In async code use asyncio's own \(asyncio\.Queue, asyncio\.Event, await the future\) or give the wait a timeout\.$/s;
const BLOCKING_WAIT_EN =
  "{{call}} waits for another thread, and there is none: Loopscope runs the program in one thread, so nothing can end the wait. In async code use asyncio's own (asyncio.Queue, asyncio.Event, await the future) or give the wait a timeout.";
const BLOCKING_WAIT_AT_EN = BLOCKING_WAIT_EN.replace(' waits', ' at line {{line}} waits');

/** What a deadlocked task waits for, as describe_future words it. */
function deadlockWhat(text: string, t: Translate): string {
  let m: RegExpExecArray | null;
  if (text === 'nothing (never resumed)')
    return t('fragment.deadlock.neverResumed', 'nothing (never resumed)');
  if (text === 'a future nobody will complete')
    return t('fragment.deadlock.orphanFuture', 'a future nobody will complete');
  if ((m = D_QUEUE.exec(text)))
    return m[2] === 'get'
      ? t('fragment.deadlock.queueGet', 'Queue `{{name}}`.get() (the queue is empty)', {
          name: m[1],
        })
      : t('fragment.deadlock.queuePut', 'Queue `{{name}}`.put() (the queue is full)', {
          name: m[1],
        });
  if ((m = D_QUEUE_JOIN.exec(text)))
    return t('fragment.deadlock.queueJoin', 'Queue `{{name}}`.join() ({{n}} unfinished)', {
      name: m[1],
      n: Number(m[2]),
    });
  if ((m = D_HELD.exec(text)))
    return t('fragment.deadlock.heldBy', '{{what}} held by {{holders}}', {
      what: fragmentText(m[1], t),
      holders: m[2],
    });
  if ((m = D_EVENT.exec(text)))
    return t('fragment.deadlock.eventSet', '{{what}} to be set', { what: fragmentText(m[1], t) });
  if ((m = D_CONDITION.exec(text)))
    return t('fragment.deadlock.notified', '{{what}} to be notified', {
      what: fragmentText(m[1], t),
    });
  if ((m = D_CONDITION_LOCK.exec(text)))
    return t('fragment.deadlock.conditionLock', 'the lock of {{what}}', {
      what: fragmentText(m[1], t),
    });
  if ((m = D_BARRIER.exec(text)))
    return t('fragment.deadlock.barrier', '{{what}} ({{arrived}} of {{parties}} arrived)', {
      what: fragmentText(m[1], t),
      arrived: Number(m[2]),
      parties: Number(m[3]),
    });
  if ((m = D_GATHER.exec(text))) {
    // The children are joined with ", "; a name containing one only splits a label in two.
    const list = m[1]
      .split(', ')
      .map((child) => deadlockWhat(child, t))
      .join(t('fragment.deadlock.listSeparator', ', '));
    return m[2]
      ? t('fragment.deadlock.gatherMore', 'gather of {{list}} and {{n}} more', {
          list,
          n: Number(m[2]),
        })
      : t('fragment.deadlock.gather', 'gather of {{list}}', { list });
  }
  if ((m = D_TASK.exec(text))) return t('fragment.deadlock.task', 'task {{name}}', { name: m[1] });
  return fragmentText(text, t);
}

/**
 * A deadlock description ("deadlock: main waits for Lock `a` held by w at line 5; ...") in the
 * reader's language. Parts of another shape are kept as they are.
 */
export function deadlockText(text: string, translate: Translate): string {
  // Spaced wherever it is shown (the notice, the console's closing line, the warnings, the
  // explanation), so the same deadlock reads the same in each.
  const t = spaced(translate);
  const m = DEADLOCK.exec(text);
  if (!m) return text;
  const body = m[1];
  if (body === 'the loop has nothing left to run and nothing will ever wake it')
    return t('fragment.deadlock.nothingLeft', text);
  const w = BLOCKING_WAIT.exec(body);
  if (w) {
    const params = { call: w[1], line: Number(w[2]) };
    const parts = w[2]
      ? t('fragment.deadlock.blockingWaitAt', BLOCKING_WAIT_AT_EN, params)
      : t('fragment.deadlock.blockingWait', BLOCKING_WAIT_EN, params);
    return t('fragment.deadlock.text', 'deadlock: {{parts}}', { parts });
  }
  const parts = body.split('; ').map((part) => {
    const p = DEADLOCK_PART.exec(part);
    if (!p) return part;
    const params = { who: p[1], what: deadlockWhat(p[2], t) };
    return p[3]
      ? t('fragment.deadlock.waitsAt', '{{who}} waits for {{what}} at line {{line}}', {
          ...params,
          line: Number(p[3]),
        })
      : t('fragment.deadlock.waits', '{{who}} waits for {{what}}', params);
  });
  return t('fragment.deadlock.text', 'deadlock: {{parts}}', {
    parts: parts.join(t('fragment.deadlock.partSeparator', '; ')),
  });
}

const DEADLOCK_PREFIX = 'deadlock: ';

/**
 * The status line's deadlock detail: a deadlock description without its leading "deadlock: "
 * (the status sentence says "Deadlock: {{detail}}."), in the reader's language. Text of another
 * shape is kept as it is.
 */
export function deadlockDetail(detail: string, t: Translate): string {
  const text = deadlockText(`deadlock: ${detail}`, t);
  const prefix = t('fragment.deadlock.text', 'deadlock: {{parts}}', { parts: '' });
  return text.startsWith(prefix) ? text.slice(prefix.length) : detail;
}

const LEGACY = /^Legacy asyncio: (.+)\. Modern equivalent: (.+)$/s;
/**
 * The prose parts of the legacy notes (world/legacy.py `_note`, MODERN), English → key under
 * `fragment.legacy`; the other constructs and equivalents are code.
 */
const LEGACY_WORDS: Record<string, string> = {
  '@asyncio.coroutine generator coroutine': 'generatorCoroutine',
  'bare coroutines passed to asyncio.wait': 'bareCoroutines',
  '`async def` with `await` instead of `yield from`': 'asyncDef',
  '`asyncio.ensure_future(...)` or `asyncio.create_task(...)`': 'ensureFuture',
  'the same call without `loop=` (removed in Python 3.10; the running loop is used)': 'noLoop',
  'pass tasks: `asyncio.wait([asyncio.create_task(c) for c in coros])`': 'passTasks',
};

function legacyWords(text: string, t: Translate): string {
  const key = LEGACY_WORDS[text];
  return key ? t(`fragment.legacy.${key}`, text) : text;
}

/** One of the tracer's warnings in the reader's language; other text is kept as it is. */
export function warningText(text: string, t: Translate): string {
  let m: RegExpExecArray | null;
  if ((m = BLOCKING.exec(text)))
    return t(
      'fragment.warning.blocking',
      '{{call}} blocked the event loop for {{seconds}} s: no other task ran meanwhile (use await asyncio.sleep)',
      { call: m[1], seconds: m[2] },
    );
  if ((m = OUTPUT_CAP.exec(text)))
    return t(
      'fragment.warning.outputCap',
      'output past {{chars}} characters was dropped; the program kept running',
      { chars: Number(m[1]) },
    );
  if ((m = LEGACY.exec(text)))
    return t(
      'fragment.legacy.note',
      'Legacy asyncio: {{construct}}. Modern equivalent: {{modern}}',
      {
        construct: legacyWords(m[1], t),
        modern: legacyWords(m[2], t),
      },
    );
  return deadlockText(text, t);
}

/**
 * A warning as the warnings list words it, after the label of its kind ("Legacy asyncio",
 * "Deadlock"): a legacy note without the "Legacy asyncio: " it starts with and a deadlock
 * without its "deadlock: ", which the label has just said; any other warning as warningText.
 * Elsewhere (the timeline, the explanation's "Warning: …") there is no such label and the text
 * is shown whole.
 */
export function listedWarningText(text: string, t: Translate): string {
  // A deadlock after its label: the description without the "deadlock: " it starts with.
  if (text.startsWith(DEADLOCK_PREFIX))
    return deadlockDetail(text.slice(DEADLOCK_PREFIX.length), t);
  const m = LEGACY.exec(text);
  if (!m) return warningText(text, t);
  return t('warnings.body.legacy', '{{construct}}. Modern equivalent: {{modern}}', {
    construct: legacyWords(m[1], t),
    modern: legacyWords(m[2], t),
  });
}
