# The baseline loop of the run-latency benchmark (bench/browser/bare-worker.js): the smallest
# virtual-clock event loop that runs asyncio programs in Pyodide, with no tracing at all.
import asyncio
import asyncio.base_events


class _NoSelector:
    def select(self, timeout=None):
        return []

    def close(self):
        pass


class BareLoop(asyncio.base_events.BaseEventLoop):
    def __init__(self):
        super().__init__()
        self._clock = 0.0
        self._selector = _NoSelector()

    def time(self):
        return self._clock

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass

    def _run_once(self):
        # Nothing ready: jump the virtual clock to the earliest timer instead of waiting.
        if not self._ready and self._scheduled:
            self._clock = max(self._clock, self._scheduled[0]._when)
        super()._run_once()


def run_bare(source):
    # Pyodide marks its WebLoop as running; asyncio.run refuses to start inside it.
    asyncio.events._set_running_loop(None)
    real_run = asyncio.run
    asyncio.run = lambda main, **kw: real_run(main, loop_factory=BareLoop)
    try:
        exec(compile(source, 'main.py', 'exec'), {'__name__': '__main__'})
    finally:
        asyncio.run = real_run
