/**
 * The gallery's texts: for each program in ./programs, a title, a one-paragraph explanation and a
 * "what to watch" hint pointing at the moment that matters, in English and Simplified Chinese.
 * The Chinese is written for Chinese readers, not translated word for word.
 * Order here is the order the gallery shows.
 */

export type ExampleLang = 'en' | 'zh-CN';
export type Localized = Record<ExampleLang, string>;

export const GROUP_IDS = [
  'basics',
  'callbacks',
  'tasks',
  'gathering',
  'cancellation',
  'taskgroup',
  'sync',
  'iteration',
  'streams',
  'downloads',
  'blocking',
  'legacy',
] as const;
export type GroupId = (typeof GROUP_IDS)[number];

export const GROUP_TITLES: Record<GroupId, Localized> = {
  basics: { en: 'Coroutine basics', 'zh-CN': '协程入门' },
  callbacks: { en: 'Scheduling callbacks', 'zh-CN': '调度回调' },
  tasks: { en: 'Tasks and futures', 'zh-CN': '任务与 Future' },
  gathering: { en: 'Gathering results', 'zh-CN': '汇总结果' },
  cancellation: { en: 'Cancellation and timeouts', 'zh-CN': '取消与超时' },
  taskgroup: { en: 'TaskGroup', 'zh-CN': 'TaskGroup 任务组' },
  sync: { en: 'Synchronisation', 'zh-CN': '同步原语' },
  iteration: { en: 'Async iteration', 'zh-CN': '异步迭代与上下文' },
  streams: { en: 'Streams', 'zh-CN': '流（Streams）' },
  downloads: { en: 'Downloads', 'zh-CN': '并发下载' },
  blocking: { en: 'Blocking the loop', 'zh-CN': '阻塞事件循环' },
  legacy: { en: 'Legacy code and deadlock', 'zh-CN': '旧式写法与死锁' },
};

export interface ExampleText {
  /** Also the program's file name: ./programs/<id>.py. */
  id: string;
  group: GroupId;
  title: Localized;
  explanation: Localized;
  watch: Localized;
}

export const CATALOG: ExampleText[] = [
  {
    id: 'hello-coroutine',
    group: 'basics',
    title: { en: 'Start a coroutine', 'zh-CN': '启动一个协程' },
    explanation: {
      en: 'Calling an async function does not run it: it returns a coroutine object and nothing else happens. The body only starts when something awaits the coroutine, here main, which asyncio.run drives on the event loop.',
      'zh-CN':
        '调用一个 async 函数并不会执行它，只会得到一个协程对象，此外什么也没发生。只有当有人 await 这个协程时，函数体才真正开始运行；这里负责 await 的是 main，而 main 由 asyncio.run 放到事件循环上执行。',
    },
    watch: {
      en: 'The first line printed comes from main, before "hello": greet() created the coroutine but the task only enters greet at the await.',
      'zh-CN':
        '注意第一行输出来自 main，出现在 "hello" 之前：greet() 只是创建了协程，任务要到 await 那一行才真正进入 greet。',
    },
  },
  {
    id: 'return-values',
    group: 'basics',
    title: { en: 'Return values', 'zh-CN': '协程的返回值' },
    explanation: {
      en: 'A coroutine hands back its result through await, just like a function call returns a value. Awaiting two coroutines one after the other runs them one after the other, so their waiting times add up.',
      'zh-CN':
        '协程通过 await 把结果交回调用者，和普通函数调用返回值一样自然。依次 await 两个协程，它们就依次执行，等待时间也随之累加。',
    },
    watch: {
      en: 'The clock reaches 0.4 s before the total is printed: the second fetch only starts after the first has returned.',
      'zh-CN': '看时钟：打印总价时已经是 0.4 秒，因为第二次查询要等第一次返回后才开始。',
    },
  },
  {
    id: 'chaining',
    group: 'basics',
    title: { en: 'Chaining coroutines', 'zh-CN': '协程的链式调用' },
    explanation: {
      en: 'main awaits print_sum, which awaits compute, which awaits a sleep. There is still only one task: each await passes control down the chain, and when the sleep ends the result travels back up the same chain.',
      'zh-CN':
        'main 等待 print_sum，print_sum 等待 compute，compute 又等待 sleep。自始至终只有一个任务：每个 await 把控制权沿着调用链往下传，sleep 结束后，结果再沿着同一条链逐层返回。',
    },
    watch: {
      en: "While compute sleeps, open the task's await chain: three stacked frames, main, print_sum and compute, all suspended.",
      'zh-CN':
        'compute 休眠时，展开任务的 await 调用链：main、print_sum、compute 三层帧叠在一起，全部处于挂起状态。',
    },
  },
  {
    id: 'call-soon',
    group: 'callbacks',
    title: { en: 'call_soon and the ready queue', 'zh-CN': 'call_soon 与就绪队列' },
    explanation: {
      en: 'loop.call_soon puts a plain function into the ready queue. The loop runs ready callbacks in the order they were added, but only once the code running now gives up control, here at the await asyncio.sleep(0).',
      'zh-CN':
        'loop.call_soon 把一个普通函数放进就绪队列。事件循环会按加入的先后顺序执行这些回调，但前提是当前正在运行的代码先交出控制权，在这里就是 await asyncio.sleep(0) 那一刻。',
    },
    watch: {
      en: "Step through the ready queue after the three call_soon lines: three cards in FIFO order, then main's own wake-up card behind them.",
      'zh-CN':
        '执行完三次 call_soon 后查看就绪队列：三张回调卡片按先进先出排好，main 自己的唤醒卡片排在它们后面。',
    },
  },
  {
    id: 'call-later-at',
    group: 'callbacks',
    title: { en: 'call_later and call_at', 'zh-CN': 'call_later 与 call_at' },
    explanation: {
      en: 'call_later schedules a callback after a delay and call_at at an absolute loop time; both go into the timer heap, sorted by due time rather than by when they were scheduled. A timer handle can be cancelled before it fires.',
      'zh-CN':
        'call_later 在一段延迟之后调度回调，call_at 则指定事件循环上的绝对时间。两者都进入定时器堆，按到期时间排序，而不是按调度的先后。定时器句柄在触发前还可以取消。',
    },
    watch: {
      en: 'Watch the timer heap: the 0.1 s timer jumps ahead of the 0.3 s one, and the cancelled 0.2 s timer disappears without ever running.',
      'zh-CN':
        '盯住定时器堆：0.1 秒的定时器排到了 0.3 秒的前面，而被取消的 0.2 秒定时器直接消失，从未执行。',
    },
  },
  {
    id: 'callbacks-vs-coroutines',
    group: 'callbacks',
    title: { en: 'Callback chain against a coroutine', 'zh-CN': '回调链与协程对比' },
    explanation: {
      en: 'The same three-stage job written twice: as callbacks that each schedule the next one, and as a coroutine with two awaits. Both run on the same loop and interleave; the coroutine reads top to bottom, while the callback version scatters its state across functions.',
      'zh-CN':
        '同一个三步流程写了两遍：一遍是回调，每一步负责调度下一步；另一遍是带两个 await 的协程。二者在同一个事件循环上交替运行。协程版本从上往下读就能看懂，回调版本的状态则分散在好几个函数里。',
    },
    watch: {
      en: 'Compare the ready queue entries: the callback stages appear as "user callback" cards, the coroutine as the step of the main task.',
      'zh-CN':
        '对比就绪队列里的卡片：回调的每一步显示为"用户回调"，协程则显示为 main 任务的一个执行步。',
    },
  },
  {
    id: 'manual-future',
    group: 'tasks',
    title: { en: 'A Future by hand', 'zh-CN': '手动创建 Future' },
    explanation: {
      en: "A Future is a box for a result that does not exist yet. main creates one and awaits it; a timer callback fills it with set_result half a second later. Setting the result does not resume anyone directly: it schedules the Future's done callbacks, and the waiting task is one of them.",
      'zh-CN':
        'Future 是一个"以后才会有结果"的盒子。main 创建一个 Future 并等待它，半秒后由定时器回调调用 set_result 把结果放进去。设置结果并不会直接唤醒谁，而是调度 Future 上登记的完成回调，等待中的任务正是其中之一。',
    },
    watch: {
      en: 'Right after set_result, the ready queue holds two callbacks: the lambda added first, then the wake-up of main. That is why "done callback saw" prints first.',
      'zh-CN':
        'set_result 之后，就绪队列里有两个回调：先登记的 lambda 和 main 的唤醒。这就是 "done callback saw" 先打印的原因。',
    },
  },
  {
    id: 'create-task',
    group: 'tasks',
    title: { en: 'create_task and ensure_future', 'zh-CN': 'create_task 与 ensure_future' },
    explanation: {
      en: 'Awaiting a coroutine directly runs it inside the current task. Wrapping it in a Task with create_task (or the older ensure_future) lets the loop run it alongside the current task, so two waits overlap instead of adding up.',
      'zh-CN':
        '直接 await 一个协程，它就在当前任务里执行。用 create_task（或更早的 ensure_future）把它包装成任务后，事件循环可以让它与当前任务并发运行，两段等待因此相互重叠，而不是简单相加。',
    },
    watch: {
      en: 'The first half takes 0.5 s with one task; the second half takes 0.3 s with three task lanes on the timeline, and coffee finishes before tea.',
      'zh-CN':
        '前半段只有一个任务，用时 0.5 秒；后半段时间线上出现三条任务泳道，只用 0.3 秒，而且咖啡比茶先好。',
    },
  },
  {
    id: 'task-names',
    group: 'tasks',
    title: { en: 'Naming tasks', 'zh-CN': '给任务命名' },
    explanation: {
      en: 'Every task has a name. Unnamed tasks get "Task-N"; giving them real names (name= or set_name) makes logs, tracebacks and this debugger far easier to read. current_task and all_tasks let code find out who is running.',
      'zh-CN':
        '每个任务都有名字。不指定时默认叫 "Task-N"；用 name= 参数或 set_name 起个有意义的名字，日志、回溯信息以及这个调试器都会清楚得多。current_task 和 all_tasks 可以查出当前是谁在运行。',
    },
    watch: {
      en: 'In the Tasks panel the card titled Task-N changes to fetch-orders at the set_name line.',
      'zh-CN':
        '在任务面板里观察：执行到 set_name 那一行时，标题为 Task-N 的卡片改名为 fetch-orders。',
    },
  },
  {
    id: 'gather',
    group: 'gathering',
    title: { en: 'gather', 'zh-CN': 'gather 并发汇总' },
    explanation: {
      en: 'asyncio.gather wraps each coroutine in a task, runs them all at once and waits for every one. The results come back in the order you passed them in, whatever order they finished in.',
      'zh-CN':
        'asyncio.gather 把每个协程包装成任务，同时运行，并等待它们全部完成。无论谁先结束，结果列表的顺序都与传入参数的顺序一致。',
    },
    watch: {
      en: "south finishes first at 0.1 s, yet the list printed at 0.3 s starts with north's reading.",
      'zh-CN': 'south 在 0.1 秒最先完成，但 0.3 秒打印出来的列表仍以 north 的读数开头。',
    },
  },
  {
    id: 'wait-first-completed',
    group: 'gathering',
    title: { en: 'wait with FIRST_COMPLETED', 'zh-CN': 'wait 与 FIRST_COMPLETED' },
    explanation: {
      en: 'asyncio.wait returns two sets, done and pending, as soon as its condition holds. With FIRST_COMPLETED that is the moment the fastest mirror answers; the others are still running, and it is up to you to cancel them.',
      'zh-CN':
        'asyncio.wait 在条件满足时立即返回两个集合：已完成的 done 和未完成的 pending。使用 FIRST_COMPLETED 时，最快的镜像一响应就返回；其余任务仍在运行，需要你自己去取消。',
    },
    watch: {
      en: 'At 0.15 s main wakes while berlin and lima are still suspended; follow their cards from cancelling to cancelled.',
      'zh-CN':
        '0.15 秒时 main 被唤醒，而 berlin 和 lima 仍处于挂起状态；跟着它们的卡片看状态从"取消中"变为"已取消"。',
    },
  },
  {
    id: 'as-completed',
    group: 'gathering',
    title: { en: 'as_completed', 'zh-CN': 'as_completed 按完成顺序处理' },
    explanation: {
      en: 'as_completed hands you the results in the order they finish, so you can act on each one as soon as it is ready instead of waiting for the slowest.',
      'zh-CN': 'as_completed 按完成的先后顺序把结果交给你，谁先好就先处理谁，不必等最慢的那个。',
    },
    watch: {
      en: 'ben is second in the list but is printed first, at 0.1 s.',
      'zh-CN': 'ben 在列表里排在中间，却在 0.1 秒第一个被打印出来。',
    },
  },
  {
    id: 'spinner-cancel',
    group: 'cancellation',
    title: { en: 'A spinner cancelled by its supervisor', 'zh-CN': '被监督者取消的旋转指示器' },
    explanation: {
      en: 'The supervisor starts a spinner task, does its slow work, then calls spinner.cancel(). Cancelling only requests it: the CancelledError is thrown into the spinner at its await the next time it runs, where it can clean up before re-raising.',
      'zh-CN':
        'supervisor 先启动一个旋转指示器任务，再去做耗时的工作，完成后调用 spinner.cancel()。cancel 只是发出请求：等指示器下一次运行时，CancelledError 会在它的 await 处被抛出，它可以先做清理再把异常重新抛出。',
    },
    watch: {
      en: 'Find the step where cancel() is called: the spinner turns "cancelling", and only on its next step does the except block run.',
      'zh-CN':
        '找到调用 cancel() 的那一步：指示器先变成"取消中"，要到它的下一步 except 块才真正执行。',
    },
  },
  {
    id: 'wait-for',
    group: 'cancellation',
    title: { en: 'wait_for with a timeout', 'zh-CN': '带超时的 wait_for' },
    explanation: {
      en: "wait_for runs a coroutine with a deadline. Since Python 3.12 it runs it in the calling task itself, inside an asyncio.timeout: when the deadline passes, that task is cancelled at its await in the coroutine, the coroutine's except block runs, and the timeout turns the cancellation into TimeoutError for the caller.",
      'zh-CN':
        'wait_for 给协程设定一个截止时间。从 Python 3.12 起，它就在调用方自己的任务里、在一个 asyncio.timeout 之内运行这个协程：截止时间一到，这个任务在协程里的 await 处被取消，协程的 except 块随之执行，timeout 再把这次取消转换成调用方收到的 TimeoutError。',
    },
    watch: {
      en: "There is only one task of the program: main runs slow_query itself. At 0.5 s the timeout timer fires and cancels that task at slow_query's sleep, so slow_query prints its message before main does.",
      'zh-CN':
        '程序只有一个任务：main 自己运行 slow_query。0.5 秒时超时定时器触发，在 slow_query 的 sleep 处取消这个任务，所以 slow_query 的提示信息比 main 的更早出现。',
    },
  },
  {
    id: 'timeout-block',
    group: 'cancellation',
    title: { en: 'asyncio.timeout for a whole block', 'zh-CN': '用 asyncio.timeout 限制整段代码' },
    explanation: {
      en: 'async with asyncio.timeout(1.0) puts one deadline on everything inside the block. Each step alone is quick, but together they overrun, so the third step is cancelled and the block turns the cancellation into TimeoutError.',
      'zh-CN':
        'async with asyncio.timeout(1.0) 为整个代码块设定一个总的截止时间。每一步单独看都不慢，加起来却超时了，于是第三步被取消，代码块再把这次取消转换成 TimeoutError。',
    },
    watch: {
      en: 'At t = 1.0 s the deadline timer fires in the middle of "verify"; step back from there to see the cancellation delivered at its sleep.',
      'zh-CN':
        '1.0 秒时截止定时器在 "verify" 执行过程中触发；从这里往回单步，可以看到取消是在它的 sleep 处送达的。',
    },
  },
  {
    id: 'shield',
    group: 'cancellation',
    title: { en: 'shield', 'zh-CN': '用 shield 保护操作' },
    explanation: {
      en: 'asyncio.shield protects an inner operation from the cancellation of whoever awaits it. The request task is cancelled when the client hangs up, but the save it started keeps running in its own task and finishes.',
      'zh-CN':
        'asyncio.shield 让内部操作不受外层等待者被取消的影响。客户端断开时请求任务被取消了，但它启动的保存操作在自己的任务里继续运行，直到完成。',
    },
    watch: {
      en: 'After "request cancelled", the save_to_disk task is still suspended on its sleep and prints "saved" at 0.5 s.',
      'zh-CN':
        '"request cancelled" 之后，save_to_disk 任务仍挂起在 sleep 上，并在 0.5 秒打印 "saved"。',
    },
  },
  {
    id: 'uncancel',
    group: 'cancellation',
    title: { en: 'cancelling and uncancel', 'zh-CN': 'cancelling 与 uncancel' },
    explanation: {
      en: 'A task counts the cancellation requests made against it; cancelling() reads the count. Code that deliberately swallows a CancelledError should call uncancel() so that structured tools such as timeout and TaskGroup still see the right state.',
      'zh-CN':
        '任务会记录针对它的取消请求次数，cancelling() 可以读出这个计数。如果代码有意吞掉 CancelledError，就应当调用 uncancel()，这样 timeout、TaskGroup 之类的结构化工具才能看到正确的状态。',
    },
    watch: {
      en: 'After cancel() the worker\'s card reads "cancelling" until its next step throws CancelledError in at the sleep. Its except block prints cancelling() = 1; after uncancel() the card\'s "cancel requested" line is gone and cancelling() is 0, so the worker can sleep again and return normally.',
      'zh-CN':
        'cancel() 之后，worker 的卡片显示"取消中"，直到它的下一步在 sleep 处抛入 CancelledError。它的 except 块打印 cancelling() = 1；调用 uncancel() 后，卡片上的"已请求取消"一行消失，cancelling() 变为 0，于是 worker 可以再次 sleep 并正常返回。',
    },
  },
  {
    id: 'taskgroup',
    group: 'taskgroup',
    title: { en: 'TaskGroup and failure', 'zh-CN': 'TaskGroup 与失败传播' },
    explanation: {
      en: 'A TaskGroup owns the tasks created in it and waits for all of them when the block ends. If one fails, the group cancels the others and raises an ExceptionGroup, which except* unpacks.',
      'zh-CN':
        'TaskGroup 管理在其中创建的所有任务，代码块结束时会等它们全部完成。只要有一个失败，任务组就会取消其余任务，并抛出 ExceptionGroup，再由 except* 拆开处理。',
    },
    watch: {
      en: 'At 0.2 s orders fails; on the next steps reviews is cancelled long before its 0.5 s timer.',
      'zh-CN': '0.2 秒时 orders 失败；紧接着 reviews 被取消，远早于它 0.5 秒的定时器到期。',
    },
  },
  {
    id: 'lock-race',
    group: 'sync',
    title: { en: 'Lock, and the race without it', 'zh-CN': 'Lock，以及没有锁时的竞态' },
    explanation: {
      en: 'There are no threads here, yet there is a race: each withdrawal reads the balance, awaits, then writes. Any await is a point where another task may run. With an asyncio.Lock around the read-await-write, the second withdrawal sees the updated balance.',
      'zh-CN':
        '这里没有线程，却照样有竞态：每次取款先读余额，再 await，最后写回。每个 await 都是其他任务可能插进来运行的地方。用 asyncio.Lock 把"读取、等待、写回"包起来之后，第二次取款就能看到更新后的余额。',
    },
    watch: {
      en: "Without the lock both tasks read 100 before either writes. With it, bob waits in the Lock's waiter list until alice releases it.",
      'zh-CN':
        '没有锁时，两个任务都在对方写回之前读到了 100。加锁之后，bob 排在锁的等待队列里，直到 alice 释放。',
    },
  },
  {
    id: 'event',
    group: 'sync',
    title: { en: 'Event', 'zh-CN': 'Event 事件' },
    explanation: {
      en: 'An Event is a flag that tasks can wait for. Each runner blocks on start.wait(); one set() wakes all of them at once.',
      'zh-CN':
        'Event 是一个可以被等待的标志。每个选手都阻塞在 start.wait() 上，一次 set() 就能同时唤醒所有人。',
    },
    watch: {
      en: 'Before "go!" the Event shows three waiters; right after set(), three wake-ups enter the ready queue together.',
      'zh-CN': '"go!" 之前，Event 上有三个等待者；set() 之后，三个唤醒回调一起进入就绪队列。',
    },
  },
  {
    id: 'condition',
    group: 'sync',
    title: { en: 'Condition', 'zh-CN': 'Condition 条件变量' },
    explanation: {
      en: 'A Condition combines a lock with a way to wait until something is true. The diners wait_for a plate; the kitchen adds one and notify() wakes exactly one diner, who re-checks the condition while holding the lock.',
      'zh-CN':
        'Condition 把一把锁和"等待某个条件成立"结合在一起。食客用 wait_for 等待有菜可取；厨房每上一道菜就调用 notify()，只唤醒一位食客，他会在持有锁的情况下重新检查条件。',
    },
    watch: {
      en: 'Each notify() moves one waiter out; ben keeps waiting until the second dish.',
      'zh-CN': '每次 notify() 只放出一个等待者；ben 要一直等到第二道菜。',
    },
  },
  {
    id: 'semaphore',
    group: 'sync',
    title: { en: 'Semaphore', 'zh-CN': 'Semaphore 信号量' },
    explanation: {
      en: 'A Semaphore lets a limited number of tasks in at once, here two printers for five students. The others wait in line and enter as soon as someone leaves.',
      'zh-CN':
        'Semaphore 限制同一时刻能进入的任务数量，这里是五个学生共用两台打印机。其余的人排队等候，有人离开就放下一个进来。',
    },
    watch: {
      en: 'The semaphore value drops to 0 and three students queue as waiters; every 0.3 s two of them get through.',
      'zh-CN': '信号量的值降到 0，三位学生进入等待队列；每隔 0.3 秒放行两位。',
    },
  },
  {
    id: 'queue-producer-consumer',
    group: 'sync',
    title: { en: 'Queue: producer and consumers', 'zh-CN': 'Queue：生产者与消费者' },
    explanation: {
      en: 'A bounded asyncio.Queue connects one producer to two packers. put waits when the queue is full, get waits when it is empty, and join waits until every item has been marked done with task_done.',
      'zh-CN':
        '一个有容量上限的 asyncio.Queue 把一个生产者和两个打包员连接起来。队列满时 put 会等待，队列空时 get 会等待，而 join 要等到每件货物都用 task_done 标记完成。',
    },
    watch: {
      en: 'The queue never holds more than two orders. Follow put and get handing orders across, and see join() wake main only after the last task_done().',
      'zh-CN':
        '队列里最多只有两件货。跟着 put 和 get 看货物如何交接，并注意 join() 要等最后一次 task_done() 之后才唤醒 main。',
    },
  },
  {
    id: 'async-generator',
    group: 'iteration',
    title: { en: 'Async generators', 'zh-CN': '异步生成器' },
    explanation: {
      en: 'An async generator can await between the values it yields. async for pulls the values one at a time, suspending the loop body while the generator sleeps; async comprehensions work the same way.',
      'zh-CN':
        '异步生成器可以在每次 yield 之间 await。async for 逐个取值，生成器休眠时循环体也随之挂起；异步推导式的原理完全相同。',
    },
    watch: {
      en: 'No new task appears: every tick is another step of main, which is suspended inside ticker while it sleeps.',
      'zh-CN':
        '任务面板里没有出现新任务：每个 tick 都是 main 的又一步，生成器休眠时 main 就挂起在 ticker 里面。',
    },
  },
  {
    id: 'async-context-manager',
    group: 'iteration',
    title: { en: 'Async context managers', 'zh-CN': '异步上下文管理器' },
    explanation: {
      en: 'async with calls __aenter__ and __aexit__, which may await, for example to open and close a connection. contextlib.asynccontextmanager builds one from an async generator, which makes commit-or-rollback logic short.',
      'zh-CN':
        'async with 会调用可以 await 的 __aenter__ 和 __aexit__，比如用来建立和关闭连接。contextlib.asynccontextmanager 能把一个异步生成器变成上下文管理器，写"提交或回滚"的逻辑非常简洁。',
    },
    watch: {
      en: 'The ValueError raised inside t2 is thrown into the generator at its yield, so "rollback t2" prints before "caught".',
      'zh-CN':
        't2 里抛出的 ValueError 会在生成器的 yield 处被抛入，所以 "rollback t2" 先于 "caught" 打印。',
    },
  },
  {
    id: 'echo-server',
    group: 'streams',
    title: { en: 'Echo server and client', 'zh-CN': '回显服务器与客户端' },
    explanation: {
      en: 'start_server calls handle in a new task for each connection; open_connection gives the client a reader and a writer. Lines travel over a simulated network with a small latency, so both sides spend most of their time suspended on readline.',
      'zh-CN':
        'start_server 为每个连接创建一个新任务来运行 handle；open_connection 给客户端一对 reader 和 writer。每行数据都经过带少量延迟的模拟网络传输，所以两端大部分时间都挂起在 readline 上。',
    },
    watch: {
      en: 'Watch the connection: after each write the line spends the network latency in flight, and the server task wakes only when it arrives.',
      'zh-CN':
        '观察这条连接：每次 write 之后，数据要在网络上"飞"一段延迟时间，到达之后服务器任务才被唤醒。',
    },
  },
  {
    id: 'guess-game',
    group: 'streams',
    title: { en: 'A line-protocol game', 'zh-CN': '基于行协议的猜数字游戏' },
    explanation: {
      en: 'A tiny protocol over streams: the server picks a number and answers each guess with higher, lower or yes. The client plays by binary search. Every exchange is one write and one readline on each side.',
      'zh-CN':
        '一个基于流的小协议：服务器选定一个数，对每次猜测回答 higher、lower 或 yes；客户端用二分查找来猜。每一轮交互在两端各是一次 write 和一次 readline。',
    },
    watch: {
      en: 'Each round the two tasks hand control back and forth through the network; the timeline shows them alternating.',
      'zh-CN': '每一轮两个任务都通过网络来回交接控制权，时间线上可以看到它们交替运行。',
    },
  },
  {
    id: 'downloads',
    group: 'downloads',
    title: { en: 'Concurrent downloads with a semaphore', 'zh-CN': '用信号量限流的并发下载' },
    explanation: {
      en: 'Eight flags are fetched with aiohttp (simulated here), but a Semaphore lets only three requests be in flight at once. as_completed reports each download as it finishes, which drives a progress bar.',
      'zh-CN':
        '用 aiohttp（这里是模拟的）下载八面国旗，但 Semaphore 只允许同时有三个请求在途。as_completed 每完成一个下载就汇报一次，用来驱动进度条。',
    },
    watch: {
      en: 'The semaphore never goes below 0 and five tasks wait on it at first; the progress bar grows in batches of three.',
      'zh-CN': '信号量从不低于 0，开始时有五个任务在等待它；进度条以三个为一批增长。',
    },
  },
  {
    id: 'blocking-sleep',
    group: 'blocking',
    title: { en: 'Blocking the loop with time.sleep', 'zh-CN': '用 time.sleep 阻塞事件循环' },
    explanation: {
      en: 'time.sleep does not await: it stops the whole thread, and with it the event loop. While the thumbnail is being made no other task can run, so the heartbeat that should tick every 0.1 s falls silent for 0.3 s.',
      'zh-CN':
        'time.sleep 不会 await，它会让整个线程停下来，事件循环也一起停了。生成缩略图期间其他任务都无法运行，本应每 0.1 秒跳动一次的心跳整整沉默了 0.3 秒。',
    },
    watch: {
      en: 'A warning marks the time.sleep line, and heartbeat 1 arrives at 0.3 s instead of 0.1 s.',
      'zh-CN': 'time.sleep 那一行会出现警告，而 heartbeat 1 直到 0.3 秒才出现，而不是 0.1 秒。',
    },
  },
  {
    id: 'to-thread',
    group: 'blocking',
    title: { en: 'Fixing it with to_thread', 'zh-CN': '用 to_thread 解决阻塞' },
    explanation: {
      en: 'The same program with the blocking work moved into asyncio.to_thread. It runs on a worker thread from the default executor, and the loop keeps serving the heartbeat meanwhile.',
      'zh-CN':
        '同一个程序，只是把阻塞的工作交给 asyncio.to_thread。它在默认线程池的工作线程中运行，事件循环则继续照常驱动心跳。',
    },
    watch: {
      en: 'A worker lane appears on the timeline from 0 to 0.3 s while the heartbeat keeps its 0.1 s rhythm.',
      'zh-CN':
        '时间线上出现一条从 0 到 0.3 秒的工作线程泳道，同时心跳依旧保持每 0.1 秒一次的节奏。',
    },
  },
  {
    id: 'legacy-generators',
    group: 'legacy',
    title: { en: '2015-style generator coroutines', 'zh-CN': '2015 年风格的生成器协程' },
    explanation: {
      en: 'Before async and await, coroutines were generators decorated with @asyncio.coroutine that used yield from, and tasks were started with asyncio.async. Current Python removed all of it; Loopscope rewrites these forms so books from that era still run, and names each one with its modern equivalent.',
      'zh-CN':
        '在 async/await 出现之前，协程是用 @asyncio.coroutine 装饰、内部使用 yield from 的生成器，任务则用 asyncio.async 启动。新版 Python 已经移除了这些写法；Loopscope 会自动改写它们，让那个年代的书中示例仍能运行，并逐一指出对应的现代写法。',
    },
    watch: {
      en: 'Read the legacy notes above the run: each names a construct and the line it was found on.',
      'zh-CN': '看运行结果上方的旧式写法提示：每条都指出了用到的写法以及所在的行。',
    },
  },
  {
    id: 'deadlock',
    group: 'legacy',
    title: { en: 'A deadlock', 'zh-CN': '死锁' },
    explanation: {
      en: 'Two tasks take two locks in opposite orders. Each ends up holding one lock and waiting for the other, and with nothing else to run and no timer pending the loop has nothing left to do. Real asyncio would hang forever; Loopscope detects it and shows the waiters.',
      'zh-CN':
        '两个任务以相反的顺序获取两把锁，结果各自拿着一把、等着另一把。此时既没有可运行的回调，也没有待触发的定时器，事件循环无事可做。真实的 asyncio 会就此永远卡住；Loopscope 能检测出来，并列出互相等待的任务。',
    },
    watch: {
      en: 'At the end, each lock lists one holder and one waiter, crossed: left holds a and waits for b, right holds b and waits for a.',
      'zh-CN':
        '运行结束时，每把锁都有一个持有者和一个等待者，而且是交叉的：left 持有 a 等 b，right 持有 b 等 a。',
    },
  },
];
