/**
 * A handle's card label in the reader's language. The trace model (src/trace/normalize.ts,
 * `handleLabel`) words handles in English, and that text stays the default; the shapes it
 * produces are few and fixed, so the panels translate them here rather than the model carrying
 * a key for every handle of a seek. Anything else (a callback's qualified name) is code and is
 * shown as it is.
 */
import type { Translate } from '../english';

const TASK_STEP = /^(.+) step$/s;
const TIMER_OF = /^(.+) timer of (.+)$/s;
const TIMER = /^(.+) timer$/s;
const CALLBACK_N = /^callback #(\d+)$/;

/**
 * The simulated network's timers (src/python/loopscope/world/net.py), which a learner sees in
 * every networked program: their qualified names are the engine's, not the program's code.
 */
const NETWORK: Record<string, [key: string, english: string]> = {
  'virtual_network.deliver': [
    'loop.handle.netDeliver',
    'network delivery (data in flight arrives)',
  ],
  'virtual_network.connect': [
    'loop.handle.netConnect',
    'network connection (the handshake arrives)',
  ],
  'virtual_network.refuse': ['loop.handle.netRefuse', 'network refusal (nobody listens)'],
  // A connecting client's transport starts reading once connection_made has run.
  'virtual_network.start_reading': [
    'loop.handle.netStartReading',
    'network: the connection starts reading',
  ],
  // The simulated self-pipe a signal wakes the loop through (src/python/loopscope/_signals.py).
  'self_pipe.read_signals': [
    'loop.handle.signalWakeup',
    'signal wake-up (the loop reads a signal)',
  ],
};

/**
 * Translates a handle label. `task` is the handle's task (HandleView.task): only a task's own
 * step reads "<name> step", so a callback whose name happens to end in " step" is left alone;
 * pass undefined where the task is not known (the explanation sentences).
 */
export function handleText(label: string, t: Translate, task?: number): string {
  let m: RegExpExecArray | null;
  if (task === undefined || task >= 0) {
    m = TASK_STEP.exec(label);
    if (m) return t('loop.handle.taskStep', '{{task}} step', { task: m[1] });
    if (task !== undefined) return label;
  }
  if ((m = TIMER_OF.exec(label)))
    return t('loop.handle.timerOf', '{{sleep}} timer of {{task}}', { sleep: m[1], task: m[2] });
  if ((m = TIMER.exec(label))) return t('loop.handle.timer', '{{sleep}} timer', { sleep: m[1] });
  if ((m = CALLBACK_N.exec(label)))
    return t('loop.handle.callbackN', 'callback #{{n}}', { n: Number(m[1]) });
  const net = NETWORK[label];
  if (net) return t(net[0], net[1]);
  return label;
}
