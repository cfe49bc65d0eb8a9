# signal.signal handlers run at once, SIG_IGN and default-ignored signals do nothing.
import signal, os
def h(signum, frame):
    print('handler', signal.Signals(signum).name, frame.f_code.co_name, frame.f_lineno)
old = signal.signal(signal.SIGUSR2, h)
print(old, signal.getsignal(signal.SIGUSR2) is h)
def f():
    os.kill(os.getpid(), signal.SIGUSR2)
    print('after kill')
f()
signal.signal(signal.SIGUSR2, signal.SIG_IGN)
os.kill(os.getpid(), signal.SIGUSR2)
print('ignored')
os.kill(os.getpid(), signal.SIGCHLD)
print('chld default ignored')
try:
    signal.signal(signal.SIGKILL, h)
except OSError as e:
    print('OSError', e)
try:
    os.kill(99999, signal.SIGTERM)
except ProcessLookupError as e:
    print('ProcessLookupError', e)
