/**
 * 讲解句子的中文版本：键与 src/trace/explain.ts 中的 EXPLAIN_EN 一一对应（i18n.test.ts 会检查）。
 * These are what a teacher would say in class, so they favour natural phrasing over mirroring the
 * English sentence structure.
 *
 * A space around a placeholder is the gap between Chinese and the name or code most parameters
 * hold ("main 向 stderr 写入了"); where a parameter is Chinese itself (主程序, 队列 `q`) the page
 * drops it, since Chinese sets no space between Chinese words (src/viz/fragment-text.ts, spaced).
 */
import { withHandleSubjects } from '../trace/explain';

export const EXPLAIN_ZH: Record<string, string> = withHandleSubjects(
  {
    'explain.none': '还什么都没有发生。',
    // Chinese has no plural: i18next uses only `_other` for zh, and `_one` reads the same (the keys
    // match EXPLAIN_EN's).
    'explain.loopIter':
      '事件循环开始第 {{iteration}} 轮：有 $t(explain.readyCallbacks, {"count": {{ready}} })，$t(explain.pendingTimers, {"count": {{timers}} })。',
    'explain.readyCallbacks_one': '{{count}} 个回调就绪',
    'explain.readyCallbacks_other': '{{count}} 个回调就绪',
    'explain.pendingTimers_one': '{{count}} 个定时器待触发',
    'explain.pendingTimers_other': '{{count}} 个定时器待触发',
    'explain.clockAdvance':
      '没有就绪的回调，于是虚拟时钟直接跳到 t={{time}} 秒，也就是下一个定时器到期的时刻。',
    'explain.scheduledSoon': '{{who}} 安排 {{label}} 尽快运行：它被加入就绪队列。',
    // A task's step: its card label (Task-2 执行一步) would say 执行 twice in these sentences.
    'explain.scheduledSoonStep': '{{who}} 安排 {{task}} 的下一步尽快运行：它被加入就绪队列。',
    'explain.scheduledSoonOwnStep': '{{task}} 安排自己的下一步尽快运行：它被加入就绪队列。',
    'explain.scheduledTimer': '{{who}} 设置了一个定时器：{{label}} 将在 t={{when}} 秒运行。',
    'explain.timerDue': '{{label}} 在 t={{when}} 秒到期：它被移入就绪队列。',
    'explain.timerDueSleep': '{{label}} 在 t={{when}} 秒到期：它被移入就绪队列。',
    'explain.handleStart': '事件循环从就绪队列中取出 {{label}} 并执行。',
    'explain.handleStartStep': '事件循环从就绪队列中取出 {{task}} 的下一步并执行。',
    'explain.handleEnd': '{{label}} 执行完毕，控制权交还给事件循环。',
    'explain.handleStartTimer': '事件循环从就绪队列中取出 {{label}} 并执行。',
    'explain.handleEndTimer': '{{label}} 执行完毕，控制权交还给事件循环。',
    'explain.handleCancelledTimer': '{{label}} 已被取消，不会再执行。',
    'explain.handleEndStep': '{{task}} 的这一步执行完毕，控制权交还给事件循环。',
    'explain.handleCancelled': '{{label}} 已被取消，不会再执行。',
    'explain.handleCancelledStep': '{{task}} 的下一步已被取消，不会再执行。',
    'explain.handleDroppedTimer':
      'loop.close() 丢弃了定时器 {{label}}（原定 t={{when}} 秒到期），它不会再执行：关闭事件循环会清空定时器堆，剩下的回调既不执行也不取消。',
    'explain.handleDroppedSleep':
      'loop.close() 丢弃了 {{label}}（原定 t={{when}} 秒到期），它不会再执行：关闭事件循环会清空定时器堆，剩下的回调既不执行也不取消。',
    'explain.handleDropped':
      'loop.close() 把 {{label}} 从就绪队列中丢弃，它不会再执行：关闭事件循环会清空就绪队列，剩下的回调既不执行也不取消。',
    'explain.handleDroppedSleepReady':
      'loop.close() 把 {{label}} 从就绪队列中丢弃，它不会再执行：关闭事件循环会清空就绪队列，剩下的回调既不执行也不取消。',
    'explain.handleDroppedStep':
      'loop.close() 把 {{task}} 的下一步从就绪队列中丢弃：{{task}} 再也不会运行，因为关闭事件循环时剩下的回调既不执行也不取消。',
    'explain.blocked':
      '阻塞调用 {{call}} 让整个事件循环停顿了 {{ms}} 毫秒：这期间其他任务都无法运行。',
    'explain.taskCreated':
      '{{who}} 在第 {{line}} 行为 {{coro}} 创建了任务 {{task}}；等事件循环轮到它时才会开始执行。',
    'explain.taskCreatedForConnection':
      'start_server（第 {{line}} 行）为 {{server}} 上的一个新连接创建了任务 {{task}}，运行 {{coro}}；等事件循环轮到它时才会开始执行。',
    'explain.startFirst': '{{task}} 开始执行 {{coro}}。',
    'explain.resumedTimer': '{{task}} 被唤醒，因为它的 {{sleep}} 定时器在 t={{time}} 秒触发了。',
    'explain.resumedTask': '{{task}} 被唤醒，因为任务 {{other}} 已经结束。',
    'explain.resumedResource': '{{task}} 被唤醒，因为 {{resource}} 放行了它。',
    'explain.resumedFuture': '{{task}} 被唤醒，因为 {{future}} 已经完成。',
    'explain.resumedTaskGroup': '{{task}} 被唤醒，因为它的 TaskGroup 里的任务都已结束。',
    'explain.resumedAsCompleted':
      '{{task}} 被唤醒，因为交给 as_completed() 的可等待对象中又有一个完成了。',
    'explain.resumedWaitAll': '{{task}} 被唤醒，因为交给 asyncio.wait() 的可等待对象全部完成了。',
    'explain.resumedWaitFirst':
      '{{task}} 被唤醒，因为交给 asyncio.wait() 的可等待对象中有一个完成了。',
    'explain.resumedWaitException':
      '{{task}} 被唤醒，因为交给 asyncio.wait() 的可等待对象中有一个抛出了异常，或者它们全部完成了（FIRST_EXCEPTION）。',
    'explain.resumedWaitTimeout':
      '{{task}} 被唤醒，因为交给 asyncio.wait() 的超时时间到了；还没完成的可等待对象会作为 pending 返回。',
    'explain.resumedJoin': '{{task}} 被唤醒，因为放入 {{resource}} 的每一项都已标记完成。',
    'explain.resumedData': '{{task}} 被唤醒，因为 {{resource}} 收到了数据或文件结束符（EOF）。',
    'explain.resumedDrain': '{{task}} 被唤醒，因为 {{resource}} 的写缓冲区已经排空。',
    'explain.resumedClosed': '{{task}} 被唤醒，因为 {{resource}} 已经关闭。',
    'explain.resumedCancel': 'CancelledError 在第 {{line}} 行的 await 处被抛入 {{task}}。',
    'explain.resumedAwaitedCancelled':
      '{{task}} 被唤醒，因为 {{future}} 被取消了：它在第 {{line}} 行的 await 抛出 CancelledError。',
    'explain.resumedAwaitedTaskCancelled':
      '{{task}} 被唤醒，因为任务 {{other}} 被取消了：它在第 {{line}} 行的 await 抛出 CancelledError。',
    'explain.resumedYield': '{{task}} 让其他就绪回调先运行之后，重新继续执行。',
    'explain.suspended':
      '{{task}} 在第 {{line}} 行挂起，等待 {{awaiting}}；事件循环可以先去运行别的代码。',
    'explain.yielded': '{{task}} 在第 {{line}} 行把控制权交还给事件循环，自己排到就绪队列末尾。',
    'explain.returned': '{{task}} 执行完毕，返回 {{value}}。',
    'explain.raised': '{{task}} 因 {{error}} 而失败。',
    'explain.cancelled': '{{task}} 已被取消。',
    'explain.chain_one': '{{task}} 的 await 调用链有 {{count}} 层。',
    'explain.chain_other': '{{task}} 的 await 调用链有 {{count}} 层。',
    'explain.futureCreated': '{{who}} 创建了 {{future}}。',
    'explain.futureCreatedSleep': '{{who}} 调用 {{future}}，它创建一个 future 用来等待。',
    'explain.futureCreatedAt': '{{who}} 在第 {{line}} 行创建了一个 Future。',
    'explain.futureResult': '{{future}} 得到结果 {{value}}；它的回调被安排执行。',
    'explain.futureException': '{{future}} 得到异常 {{value}}；它的回调被安排执行。',
    'explain.futureCancelled': '{{future}} 被取消；它的回调被安排执行。',
    'explain.callbackWaiter': '{{future}} 完成时会唤醒 {{task}}。',
    'explain.callbackAdded': '{{callback}} 被登记为 {{future}} 的完成回调。',
    'explain.callbackRemoved': '{{callback}} 从 {{future}} 的完成回调中移除。',
    'explain.awaitEdge': '{{waiter}} 现在等待 {{awaited}}（{{edge}}）。',
    'explain.cancelTask':
      '{{who}} 在第 {{line}} 行调用了 {{task}}.cancel({{msg}})：CancelledError 将在 {{task}} 第 {{awaitLine}} 行的 await 处抛出。',
    'explain.cancelTaskNotStarted':
      '{{who}} 在第 {{line}} 行调用了 {{task}}.cancel({{msg}})：{{task}} 还没执行第一步就被取消了。',
    'explain.cancelTaskRunning':
      '{{who}} 在第 {{line}} 行调用了 {{task}}.cancel({{msg}})：CancelledError 将在 {{task}} 的下一个 await 处抛出。',
    'explain.cancelFuture': '{{who}} 在第 {{line}} 行取消了 {{future}}。',
    'explain.cancelDelivered': 'CancelledError 在 {{task}} 的第 {{line}} 行被抛出。',
    'explain.uncancel': '{{task}}.uncancel()：待处理的取消请求数现在是 {{count}}。',
    'explain.resourceCreated': '第 {{line}} 行创建了 {{resource}}。',
    'explain.acquired': '{{task}} 获得了 {{resource}}。',
    'explain.released': '{{task}} 释放了 {{resource}}。',
    'explain.wait': '{{task}} 必须等待 {{resource}}。',
    'explain.wake': '{{resource}} 唤醒了 {{task}}。',
    'explain.valueQueue_one': '{{resource}} 中现在有 {{count}} 个元素。',
    'explain.valueQueue_other': '{{resource}} 中现在有 {{count}} 个元素。',
    'explain.valueEventSet': '{{resource}} 被设置：等待它的任务可以继续了。',
    'explain.valueEventClear': '{{resource}} 被清除。',
    'explain.value': '{{resource}} 的值现在是 {{value}}。',
    'explain.valueBarrier': '{{resource}} 处现在有 {{value}} 个任务在等待（共需 {{parties}} 个）。',
    'explain.releasedBarrier':
      '{{task}} 最后一个到达 {{resource}}，释放了它：在那里等待的所有任务都可以继续了。',
    'explain.line': '{{task}} 执行第 {{line}} 行。',
    'explain.lineMain': '程序执行第 {{line}} 行。',
    'explain.lineByHandle': '{{who}} 执行第 {{line}} 行。',
    'explain.stdout': '{{who}} 打印了“{{text}}”。',
    'explain.stderr': '{{who}} 向 stderr 写入了“{{text}}”。',
    'explain.exception': '未捕获的 {{type}}：程序停止并给出回溯信息。',
    'explain.warning': '警告：{{message}}',
    'explain.netListen': '{{resource}} 开始监听。',
    'explain.netConnect': '{{who}} 连接到 {{peer}}。',
    'explain.netAccept': '{{server}} 接受了一个连接：{{resource}}。',
    'explain.netAcceptNoServer': '服务器接受了一个连接：{{resource}}。',
    'explain.netSend_one': '{{who}} 通过 {{resource}} 发送了 {{count}} 字节。',
    'explain.netSend_other': '{{who}} 通过 {{resource}} 发送了 {{count}} 字节。',
    'explain.netRecv_one': '{{who}} 从 {{resource}} 收到了 {{count}} 字节。',
    'explain.netRecv_other': '{{who}} 从 {{resource}} 收到了 {{count}} 字节。',
    'explain.netEof': '{{resource}} 读到了文件结束符（EOF）：对方不会再发送数据了。',
    'explain.netClose': '{{resource}} 已关闭。',
    'explain.workerStart': '{{job}} 在工作线程中开始执行；与此同时事件循环照常运行。',
    'explain.workerEnd': '工作线程完成了任务；等待它的 Future 随之完成。',
    'explain.runEnd.ok': '程序正常结束。',
    'explain.runEnd.exception': '程序因未捕获的异常而结束。',
    'explain.runEnd.killedBySignal': '程序被信号 {{signal}} 终止。',
    'explain.runEnd.stoppedBySignal': '程序被信号 {{signal}} 停止，运行到此结束。',
    'explain.runEnd.aborted': '程序异常中止：信号 {{signal}} 结束了它的进程。',
    'explain.runEnd.osExit': '程序通过 os._exit({{code}}) 退出，结束了自己的进程。',
    'explain.runEnd.systemExit': '程序以 SystemExit 退出：{{code}}。',
    'explain.runEnd.deadlock':
      '没有就绪的回调，也没有待触发的定时器，但仍有任务在等待。{{detail}}。',
    'explain.runEnd.deadlockWaits': '死锁：没有就绪的回调，也没有待触发的定时器，但 {{detail}}。',
    'explain.runEnd.deadlockThread': '死锁：{{detail}}。',
    'explain.runEnd.deadlockNothingLeft': '死锁：事件循环已经无事可做，也不会再有任何东西唤醒它。',
    'explain.runEnd.limit-events': '运行在事件数上限处停止：{{detail}}。',
    'explain.runEnd.limit-virtual-time': '运行在虚拟时间上限处停止：{{detail}}。',
    'explain.runEnd.limit-wall-time': '运行在实际运行时间上限处停止：{{detail}}。',
    'explain.runEnd.interrupted': '运行被中断：{{detail}}。',
    'explain.runEnd.syntax-error': '程序有语法错误。{{detail}}',
    'explain.event': '{{name}}。',
    'explain.unknownEvent':
      '这是这个版本的 Loopscope 不认识的事件（种类 {{kind}}），由更新的版本记录：这里显示的内容都不变。',
    'explain.taskCreatedNoLine':
      '{{who}} 为 {{coro}} 创建了任务 {{task}}；等事件循环轮到它时才会开始执行。',
    'explain.taskCreatedForConnectionNoLine':
      'start_server 为 {{server}} 上的一个新连接创建了任务 {{task}}，运行 {{coro}}；等事件循环轮到它时才会开始执行。',
    'explain.resumedCancelNoLine': 'CancelledError 在 await 处被抛入 {{task}}。',
    'explain.suspendedNoLine': '{{task}} 挂起，等待 {{awaiting}}；事件循环可以先去运行别的代码。',
    'explain.yieldedNoLine': '{{task}} 把控制权交还给事件循环，自己排到就绪队列末尾。',
    'explain.cancelTaskNoLine':
      '{{who}} 调用了 {{task}}.cancel({{msg}})：CancelledError 将在 {{task}} 第 {{awaitLine}} 行的 await 处抛出。',
    'explain.cancelTaskNotStartedNoLine':
      '{{who}} 调用了 {{task}}.cancel({{msg}})：{{task}} 还没执行第一步就被取消了。',
    'explain.cancelTaskRunningNoLine':
      '{{who}} 调用了 {{task}}.cancel({{msg}})：CancelledError 将在 {{task}} 的下一个 await 处抛出。',
    'explain.cancelFutureNoLine': '{{who}} 取消了 {{future}}。',
    'explain.cancelDeliveredNoLine': 'CancelledError 在 {{task}} 内部被抛出。',
    'explain.resourceCreatedNoLine': '创建了 {{resource}}。',
    // Chinese needs no article before a running handle as the subject: the same sentences.
  },
  (template) => template,
);
