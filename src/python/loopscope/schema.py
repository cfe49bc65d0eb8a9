"""The trace schema, Python side.

This file and src/trace/schema.ts describe one format; a test reads both and fails if they
drift (same names, same numbers).  docs/trace-format.md explains every field.

A trace is a table of events in columns, plus a string table and entity tables:

    events   kind u8 | time f64 | task i32 | line i32 | a i32 | b i32 | c i32
    strings  list of str; string-valued arguments are indexes into it (-1 = none)
    handles  kind u8 | when f64 | descr i32 | task i32 | line i32
    futures  kind u8 | label i32 | owner i32 | line i32 | task i32
    tasks    future i32 | name i32 | coro i32 | parent i32 | line i32
    resources kind u8 | name i32 | line i32 | capacity i32

`time` is the virtual clock when the event happened; `task` is the task whose code was running
(-1 outside any task); `line` is the user-code line the event is attributed to (0 = none).
The meaning of a, b and c depends on the kind, as listed below.
"""

SCHEMA_VERSION = 1

# Event kinds.  Arguments are (a, b, c); "str" means an index into the string table.
LOOP_ITER = 1  # a=iteration number, b=ready-queue length, c=timers pending
CLOCK_ADVANCE = 2  # the clock jumped to `time`; a=0
HANDLE_SCHEDULED = 3  # a=handle id (see handles table)
HANDLE_READY = 4  # a=handle id: a due timer moved into the ready queue
HANDLE_START = 5  # a=handle id: the loop began running this callback
HANDLE_END = 6  # a=handle id
HANDLE_CANCELLED = 7  # a=handle id
LOOP_BLOCKED = 8  # a blocking call stalled the loop; a=duration in microseconds, b=str call
HANDLE_DROPPED = 9  # loop.close() discarded a pending handle unrun; a=handle id, b=DROPPED_*
TASK_CREATED = 10  # a=task id
TASK_STEP_START = 11  # a=task id, b=WAKE_* reason, c=event index of the cause (-1 = none)
TASK_STEP_END = 12  # a=task id, b=STEP_* outcome, c=awaited future id or str of result/error
AWAIT_CHAIN = 13  # a=task id, b=str JSON [[func, line, {name: repr}], ...] outermost first
FUTURE_CREATED = 20  # a=future id (see futures table)
FUTURE_DONE = 21  # a=future id, b=DONE_* outcome, c=str repr of the result or exception
FUTURE_CALLBACK_ADDED = 22  # a=future id, b=str callback description, c=waiting task id or -1
FUTURE_CALLBACK_REMOVED = 23  # a=future id, b=str callback description, c=task id or -1
AWAIT_EDGE = 24  # a=waiter future id, b=awaited future id, c=EDGE_* kind
CANCEL_REQUESTED = 30  # a=target future id, b=str message, c=cancelling count after
CANCEL_DELIVERED = 31  # a=task id: CancelledError thrown into it at `line`
UNCANCEL = 32  # a=task id, b=cancelling count after
RESOURCE_CREATED = 40  # a=resource id (see resources table)
RESOURCE_ACQUIRED = 41  # a=resource id, b=holder task id, c=value after (semaphore value)
RESOURCE_RELEASED = 42  # a=resource id, b=task id, c=value after
RESOURCE_WAIT = 43  # a=resource id, b=waiting task id, c=future id it waits on
RESOURCE_WAKE = 44  # a=resource id, b=task id woken
RESOURCE_VALUE = 45  # a=resource id, b=new value (queue size, event set 0/1, barrier count)
LINE = 50  # user code executed `line` in `task`
STDOUT = 60  # a=str text written
STDERR = 61  # a=str text written
EXCEPTION = 62  # uncaught exception; a=str traceback (user frames only), b=str type name
WARNING = 63  # a=WARN_* kind, b=str message; line = where
NET_LISTEN = 70  # a=resource id of the server
NET_CONNECT = 71  # a=connection resource id, b=str peer "host:port"
NET_ACCEPT = 72  # a=connection resource id, b=server resource id, c=1 start_server's (else 0)
NET_SEND = 73  # a=connection id, b=byte count, c=str preview
NET_RECV = 74  # a=connection id, b=byte count, c=str preview
NET_CLOSE = 75  # a=connection id
WORKER_START = 80  # a=worker resource id, b=str job description, c=future id completed by it
WORKER_END = 81  # a=worker resource id, c=future id
RUN_END = 90  # a=OUTCOME_*, b=str detail

# Why a task step started (TASK_STEP_START.b).
WAKE_FIRST = 0
WAKE_FUTURE = 1  # the future it awaited is done; c points at that FUTURE_DONE event
WAKE_CANCEL = 2  # a cancellation is being delivered
WAKE_YIELD = 3  # it yielded with a bare `yield` / sleep(0) and is simply rescheduled

# How a task step ended (TASK_STEP_END.b).
STEP_SUSPENDED = 0  # c = future id it now awaits (-1 for a bare yield)
STEP_RETURNED = 1  # c = str repr of the value
STEP_RAISED = 2  # c = str "Type: message"
STEP_CANCELLED = 3  # c = str message or -1

# FUTURE_DONE.b
DONE_RESULT = 0
DONE_EXCEPTION = 1
DONE_CANCELLED = 2

# AWAIT_EDGE.c
EDGE_AWAIT = 0
EDGE_GATHER = 1
EDGE_TASKGROUP = 2
EDGE_SHIELD = 3
EDGE_WAIT = 4

# HANDLE_DROPPED.b: where the handle was waiting when the loop was closed.
DROPPED_TIMER = 0  # in the timer heap
DROPPED_READY = 1  # in the ready queue

# handles.kind
HANDLE_SOON = 0
HANDLE_LATER = 1
HANDLE_AT = 2
HANDLE_THREADSAFE = 3

# futures.kind
FUTURE_PLAIN = 0
FUTURE_TASK = 1
FUTURE_GATHER = 2
FUTURE_SHIELD = 3
FUTURE_SLEEP = 4
FUTURE_EXECUTOR = 5
FUTURE_TASKGROUP = 6  # what the task owning a TaskGroup awaits at the end of `async with`
FUTURE_CALL = 7  # parked on in a resource's method (join, readline...); label = the method

# resources.kind
RES_LOCK = 0
RES_EVENT = 1
RES_CONDITION = 2
RES_SEMAPHORE = 3
RES_BOUNDED_SEMAPHORE = 4
RES_BARRIER = 5
RES_QUEUE = 6
RES_SERVER = 7
RES_CONNECTION = 8
RES_WORKER = 9

# WARNING.a
WARN_NEVER_AWAITED = 0
WARN_EXCEPTION_NOT_RETRIEVED = 1
WARN_TASK_DESTROYED_PENDING = 2
WARN_BLOCKING_CALL = 3
WARN_DEADLOCK = 4
WARN_LEGACY = 5
WARN_OUTPUT_TRUNCATED = 6
WARN_PYTHON = 7  # any other Python warning (warnings module, asyncio's exception handler)

# RUN_END.a
OUTCOME_OK = 0
OUTCOME_EXCEPTION = 1
OUTCOME_DEADLOCK = 2
OUTCOME_LIMIT_EVENTS = 3
OUTCOME_LIMIT_VIRTUAL_TIME = 4
OUTCOME_LIMIT_WALL_TIME = 5
OUTCOME_INTERRUPTED = 6
OUTCOME_SYNTAX_ERROR = 7
