"""A drop-in stand-in for tqdm's progress bar, on the run's clock.

Enough of tqdm 4 for the classic download examples (Fluent Python's flags2 programs wrap
`as_completed` or a futures iterator in `tqdm.tqdm(..., total=n)`) to run unchanged: `tqdm` as an
iterable wrapper or a manual counter (`update`, `close`, a context manager), `desc`, `total`,
`leave`, `file`, `disable`, `unit`, `mininterval`, `initial`; `set_description`, `set_postfix`,
`refresh`, `tqdm.write`, and `trange`.

The bar is tqdm's default layout on a stream that is not a terminal, written to stderr with a
carriage return before each redraw:
`' 45%|████▌     | 9/20 [00:01<00:01,  7.50it/s]'`, or `'9it [00:01,  7.50it/s]'` with no
total. Times are the run's virtual clock, so a bar over downloads shows the simulated network's
time. The rate is the mean since the start (tqdm's `smoothing=0`); tqdm's default smooths it.
"""

import sys
import time

__version__ = '4.67.1+loopscope'
__all__ = ['tqdm', 'trange']

_BAR_WIDTH = 10
# Eighths of a cell, as tqdm's Unicode bar draws a partial cell.
_CELLS = ' ' + ''.join(chr(0x258F - i) for i in range(7)) + '\u2588'


def _interval(seconds):
    minutes, s = divmod(int(seconds), 60)
    h, m = divmod(minutes, 60)
    return f'{h:d}:{m:02d}:{s:02d}' if h else f'{m:02d}:{s:02d}'


def _bar(fraction):
    steps = len(_CELLS) - 1
    full, part = divmod(int(fraction * _BAR_WIDTH * steps), steps)
    if full >= _BAR_WIDTH:
        return _CELLS[-1] * _BAR_WIDTH
    return _CELLS[-1] * full + _CELLS[part] + ' ' * (_BAR_WIDTH - full - 1)


class tqdm:
    """A progress bar over an iterable, or a counter moved by `update()`."""

    def __init__(self, iterable=None, desc=None, total=None, leave=True, file=None,
                 ncols=None, mininterval=0.1, maxinterval=10.0, miniters=None, ascii=None,
                 disable=False, unit='it', unit_scale=False, dynamic_ncols=False,
                 smoothing=0.3, bar_format=None, initial=0, position=None, postfix=None,
                 unit_divisor=1000, write_bytes=False, lock_args=None, nrows=None,
                 colour=None, delay=0.0, gui=False, **kwargs):
        if total is None and iterable is not None:
            try:
                total = len(iterable)
            except (TypeError, AttributeError):
                total = None
        self.iterable = iterable
        self.desc = desc or ''
        self.total = total
        self.leave = leave
        self.fp = file
        self.mininterval = mininterval
        self.disable = disable
        self.unit = unit
        self.n = initial
        self.postfix = None
        self.start_t = time.monotonic()
        self.last_print_t = self.start_t
        self._width = 0
        self._closed = False
        if postfix:
            self.set_postfix(postfix, refresh=False)
        if not disable:
            self.refresh()

    @property
    def format_dict(self):
        return {'n': self.n, 'total': self.total, 'elapsed': self._elapsed(), 'unit': self.unit,
                'prefix': self.desc, 'postfix': self.postfix}

    def _elapsed(self):
        return time.monotonic() - self.start_t

    def __str__(self):
        elapsed = self._elapsed()
        rate = self.n / elapsed if elapsed > 0 else None
        if not rate:
            speed = f'?{self.unit}/s'
        elif 1 / rate > 1:
            speed = f'{1 / rate:5.2f}s/{self.unit}'
        else:
            speed = f'{rate:5.2f}{self.unit}/s'
        postfix = f', {self.postfix}' if self.postfix else ''
        prefix = f'{self.desc}: ' if self.desc else ''
        if self.total:
            fraction = min(max(self.n / self.total, 0.0), 1.0)
            left = _interval((self.total - self.n) / rate) if rate else '?'
            return (f'{prefix}{fraction * 100:3.0f}%|{_bar(fraction)}| {self.n}/{self.total} '
                    f'[{_interval(elapsed)}<{left}, {speed}{postfix}]')
        return f'{prefix}{self.n}{self.unit} [{_interval(elapsed)}, {speed}{postfix}]'

    def _stream(self):
        return self.fp if self.fp is not None else sys.stderr

    def refresh(self):
        """Redraw the bar now."""
        if self.disable:
            return
        text = str(self)
        pad = ' ' * max(0, self._width - len(text))
        self._width = len(text)
        stream = self._stream()
        stream.write('\r' + text + pad)
        flush = getattr(stream, 'flush', None)
        if flush is not None:
            flush()
        self.last_print_t = time.monotonic()

    def update(self, n=1):
        """Move the counter by `n`; the bar redraws at most every `mininterval` seconds."""
        self.n += n
        if not self.disable and time.monotonic() - self.last_print_t >= self.mininterval:
            self.refresh()

    def close(self):
        """Draw the bar a last time and end its line (or clear it, with leave=False)."""
        if self._closed:
            return
        self._closed = True
        if self.disable:
            return
        if self.leave:
            self.refresh()
            self._stream().write('\n')
        else:
            self._stream().write('\r' + ' ' * self._width + '\r')

    def __iter__(self):
        if self.disable:
            yield from self.iterable
            return
        try:
            for item in self.iterable:
                yield item
                self.update()
        finally:
            self.close()

    def __len__(self):
        return self.total if self.total is not None else len(self.iterable)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def set_description(self, desc=None, refresh=True):
        self.desc = desc or ''
        if refresh:
            self.refresh()

    def set_description_str(self, desc=None, refresh=True):
        self.set_description(desc, refresh)

    def set_postfix(self, ordered_dict=None, refresh=True, **kwargs):
        items = dict(ordered_dict or {}, **kwargs)
        self.postfix = ', '.join(f'{key}={value}' for key, value in items.items())
        if refresh:
            self.refresh()

    def set_postfix_str(self, s='', refresh=True):
        self.postfix = str(s)
        if refresh:
            self.refresh()

    @classmethod
    def write(cls, s, file=None, end='\n'):
        """Print a line (to stdout by default) as tqdm does, without breaking a bar."""
        (file if file is not None else sys.stdout).write(s + end)


def trange(*args, **kwargs):
    """`tqdm(range(*args), **kwargs)`."""
    return tqdm(range(*args), **kwargs)
