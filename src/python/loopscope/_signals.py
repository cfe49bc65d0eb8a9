"""Signals and the end of the process, simulated for the length of a run.

In Pyodide a real signal the program sends itself (`os.kill(os.getpid(), SIGUSR1)`,
`signal.raise_signal`) and `os._exit` or `os.abort` end the whole interpreter, page worker or
CLI alike, with nothing to show for the run.  And asyncio's `loop.add_signal_handler`, which
servers use for a graceful shutdown and PyMOTW shows with `os.kill`, is only in the Unix loop.

So during a run the program's signals stay inside the run:

- `signal.signal` and `signal.getsignal` read and write a table of the run's own; the real
  handlers (the runner's SIGINT handler, which is how the page's Stop button works) are not
  touched;
- `os.kill` and `os.killpg` aimed at this process, `signal.raise_signal` and `signal.pthread_kill`
  aimed at this thread deliver a signal as a Unix process would: a handler set with
  `signal.signal` runs at once (CPython runs it before the next bytecode), a handler added with
  `loop.add_signal_handler` runs on its loop as with the Unix loop's self-pipe: the pipe's
  reader at the loop's next iteration, after what was queued, schedules the handler
  (`call_soon_threadsafe`) for the iteration after that; SIG_IGN and the signals ignored by
  default do nothing, and the rest end the process;
- ending the process (a fatal signal, `os._exit`, `os.abort`) ends the run, silently, as a
  killed process says nothing; the page and the CLI report how it ended.

Other processes do not exist: a signal to another pid raises ProcessLookupError, and subprocesses
raise NotImplementedError with the reason.
"""

import os
import signal
import sys
import threading

from . import schema as S

# Captured before any run patches the modules.
real_signal = signal.signal
real_getsignal = signal.getsignal

# What a host's wall-time watchdog raises through Pyodide's interrupt buffer (the CLI's, see
# src/runtime/watchdog.node.ts): "CPU time limit exceeded", set apart from SIGINT, which is the
# page's Stop button.  The program's own SIGXCPU stays in the run's table like any other.
WATCHDOG_SIGNAL = signal.SIGXCPU

# Signals whose default action is to do nothing.
_IGNORED_BY_DEFAULT = frozenset(
    getattr(signal, name)
    for name in ('SIGCHLD', 'SIGURG', 'SIGWINCH', 'SIGCONT')
    if hasattr(signal, name)
)
_UNCATCHABLE = frozenset(
    getattr(signal, name) for name in ('SIGKILL', 'SIGSTOP') if hasattr(signal, name)
)

NO_SUBPROCESSES = (
    'Loopscope runs your program in a browser, where there are no other processes: '
    'asyncio subprocesses are not available. Simulate the work with asyncio.sleep, or run a '
    'function in a thread with asyncio.to_thread.'
)


class ProcessEnded(SystemExit):
    """The program ended its own process (os._exit, os.abort, a fatal signal).  A SystemExit so
    that user code's `except Exception` does not catch it."""


def _sighandler_noop(signum, frame):
    """What signal.getsignal shows for a signal with a loop handler (as in asyncio's Unix loop)."""


def _signame(signum):
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f'signal {signum}'


def _check(signum):
    """CPython's checks on a signal number: an int in range (ValueError otherwise)."""
    if not isinstance(signum, int):
        raise TypeError(f"'{type(signum).__name__}' object cannot be interpreted as an integer")
    if not 1 <= signum < signal.NSIG:
        raise ValueError('signal number out of range')


class Signals:
    """The run's signal dispositions and the loops' signal handlers."""

    def __init__(self, st):
        self.st = st
        self.handlers = {signal.SIGINT: signal.default_int_handler}
        self.loops = {}  # signum -> the loop whose add_signal_handler owns it
        self.pipes = {}  # loop -> signal numbers written to its self-pipe, not yet read

    # --- the signal module ------------------------------------------------------------------------

    def signal(self, signum, handler):
        _check(signum)
        if handler not in (signal.SIG_IGN, signal.SIG_DFL) and not callable(handler):
            raise TypeError(
                'signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object'
            )
        if signum in _UNCATCHABLE:
            raise OSError(22, 'Invalid argument')
        old = self.handlers.get(signum, signal.SIG_DFL)
        self.handlers[signum] = handler
        if handler is not _sighandler_noop:
            self.loops.pop(signum, None)
        return old

    def getsignal(self, signum):
        _check(signum)
        return self.handlers.get(signum, signal.SIG_DFL)

    def deliver(self, signum, frame):
        """What the process does when `signum` arrives."""
        _check(signum)
        handler = self.handlers.get(signum, signal.SIG_DFL)
        if signum in _UNCATCHABLE:
            handler = signal.SIG_DFL
        if handler is _sighandler_noop:
            loop = self.loops.get(signum)
            if loop is not None:
                self.write_to_self(loop, signum)
        elif handler is signal.SIG_IGN:
            pass
        elif handler is signal.SIG_DFL:
            if signum not in _IGNORED_BY_DEFAULT:
                self.kill(signum)
        else:
            handler(signum, frame)

    def kill(self, signum):
        name = _signame(signum)
        try:
            words = signal.strsignal(signum) or name
        except ValueError:
            words = name
        verb = 'stopped' if name == 'SIGSTOP' else 'killed'
        text = f'loopscope: the program was {verb} by {name} ({words})\n'
        self.end(1, f'{verb} by signal {name}', text)

    def end(self, code, detail, text=''):
        """The process ends now: the run stops with the program's exit status."""
        st = self.st
        st.ended = (code, text)
        st.halt(S.OUTCOME_OK if code == 0 else S.OUTCOME_EXCEPTION, detail)
        raise ProcessEnded(code)

    # --- the os module --------------------------------------------------------------------------

    def os_kill(self, pid, signum):
        if pid not in (os.getpid(), 0, -os.getpgrp()):
            raise ProcessLookupError(3, 'No such process')
        if signum == 0:  # signal 0 only asks whether the process exists
            return
        self.deliver(signum, sys._getframe(1))

    def os_killpg(self, pgid, signum):
        if pgid not in (os.getpgrp(), 0):
            raise ProcessLookupError(3, 'No such process')
        if signum == 0:
            return
        self.deliver(signum, sys._getframe(1))

    def raise_signal(self, signum):
        self.deliver(signum, sys._getframe(1))

    def pthread_kill(self, thread_id, signum):
        if thread_id != threading.main_thread().ident:
            raise ProcessLookupError(3, 'No such process')
        if signum == 0:
            return
        self.deliver(signum, sys._getframe(1))

    def os_exit(self, code):
        self.end(code, f'os._exit({code})')

    def abort(self):
        self.kill(signal.SIGABRT)

    # --- the loop -------------------------------------------------------------------------------

    def add_loop_handler(self, loop, signum):
        """asyncio's Unix loop: the signal's handler becomes a no-op and the loop is woken."""
        try:
            self.signal(signum, _sighandler_noop)
        except OSError:
            raise RuntimeError(f'sig {signum:d} cannot be caught') from None
        self.loops[signum] = loop

    def write_to_self(self, loop, signum):
        """What the C signal handler does for a loop's signal: write its number to the loop's
        self-pipe.  The loop finds the pipe readable at its next iteration, whose ready queue
        gets the pipe's reader after what was already queued (a timer due now stands for that
        wakeup); the reader passes each signal to `loop._handle_signal`, which schedules the
        program's handler for the iteration after, as asyncio's Unix loop does."""
        if loop.is_closed():
            return
        pending = self.pipes.get(loop)
        if pending is None:
            pending = self.pipes[loop] = []
            loop.call_at(loop.time(), self.read_from_self, loop)
        pending.append(signum)

    def read_from_self(self, loop):
        for signum in self.pipes.pop(loop, ()):
            loop._handle_signal(signum)

    # The loop panel, the explanations and the timeline name a callback by its __qualname__:
    # asyncio's own is BaseSelectorEventLoop._read_from_self.
    read_from_self.__qualname__ = 'self_pipe.read_signals'

    def remove_loop_handler(self, signum):
        handler = signal.default_int_handler if signum == signal.SIGINT else signal.SIG_DFL
        self.handlers[signum] = handler
        self.loops.pop(signum, None)


def install(p, st):
    """Patch the signal and os modules for this run (`p` undoes it afterwards)."""
    sigs = st.signals = Signals(st)
    p.set(signal, 'signal', sigs.signal)
    p.set(signal, 'getsignal', sigs.getsignal)
    p.set(signal, 'raise_signal', sigs.raise_signal)
    if hasattr(signal, 'pthread_kill'):
        p.set(signal, 'pthread_kill', sigs.pthread_kill)
    p.set(os, 'kill', sigs.os_kill)
    if hasattr(os, 'killpg'):
        p.set(os, 'killpg', sigs.os_killpg)
    p.set(os, '_exit', sigs.os_exit)
    p.set(os, 'abort', sigs.abort)
