"""How an httpx request reaches the simulated world.

Async requests go through `loopscope.world.http.fetch`, the same path as the aiohttp drop-in:
the program's own servers over virtual TCP, a refused loopback port, or the simulated internet,
with the same trace events.

A synchronous request blocks its thread, so it takes virtual time the way `time.sleep` does:
- outside any event loop (a plain script), the run's clock moves on;
- inside a simulated pool worker (`run_in_executor`, `asyncio.to_thread`), the worker's own
  clock moves on (`world.executor.worker_sleep`), so requests in several workers overlap;
- on the event loop itself it stalls the loop: LOOP_BLOCKED and a blocking-call WARNING, as
  for `time.sleep`, but naming the request.
Its answer is the simulated internet's (same latency, same bytes as an async request). The
program's own servers cannot answer a blocking call made on the loop's thread, as in real
asyncio: the call waits until its timeout.
"""

import asyncio
import socket
import time

from loopscope import _loop as _engine
from loopscope import schema as S
from loopscope.world import executor as _executor
from loopscope.world import http as _http
from loopscope.world.net import VirtualNetwork

from ._exceptions import (
    ConnectError,
    ReadTimeout,
    RemoteProtocolError,
    UnsupportedProtocol,
)

# What a blocked call with no timeout waits for when nothing will ever answer: long enough to
# reach any virtual-time budget, finite so that the trace can still record the duration.
_FOREVER = 1e9


def check_scheme(request):
    scheme = request.url.scheme
    if not scheme:
        raise UnsupportedProtocol(
            "Request URL is missing an 'http://' or 'https://' protocol.", request=request
        )
    if scheme not in ('http', 'https'):
        raise UnsupportedProtocol(
            f"Request URL has an unsupported protocol '{scheme}://'.", request=request
        )
    if not request.url.host:
        raise UnsupportedProtocol('Request URL has no host.', request=request)


def _wire_headers(request):
    # http.py writes Host (and Connection: close) itself for the program's own servers.
    return [(name, value) for name, low, value in request.headers._list if low != 'host']


# -- async ---------------------------------------------------------------------------------------
async def send_async(request, read_timeout):
    """The world's answer (world.http.Answer) to `request`, or an httpx exception."""
    check_scheme(request)
    try:
        async with asyncio.timeout(read_timeout):
            return await _http.fetch(
                request.method, str(request.url), _wire_headers(request), request.content
            )
    except TimeoutError:
        # httpx over anyio gives ReadTimeout with an empty message here.
        raise ReadTimeout('', request=request) from None
    except ConnectionRefusedError:
        raise ConnectError('All connection attempts failed', request=request) from None
    except socket.gaierror as exc:
        # httpcore turns the lookup's OSError into ConnectError with its text.
        raise ConnectError(str(exc), request=request) from None
    except (ConnectionResetError, asyncio.IncompleteReadError):
        raise RemoteProtocolError(
            'Server disconnected without sending a response.', request=request
        ) from None


# -- sync ----------------------------------------------------------------------------------------
def _recorder(loop):
    if loop is not None:
        return getattr(loop, '_recorder', None)
    st = _engine.current_run
    return st.rec if st is not None else None


def block(seconds, label, loop):
    """Let `seconds` of virtual time pass in a blocking call."""
    if seconds <= 0:
        return
    st = _engine.current_run
    if loop is None or _executor.current_worker() is not None or st is None:
        # No loop to stall (or a worker's own clock): exactly what time.sleep does.
        time.sleep(seconds)
        return
    rec = st.rec
    if rec is not None:
        rec.emit(S.LOOP_BLOCKED, min(int(round(seconds * 1e6)), 2**31 - 1), rec.string(label))
        rec.emit(
            S.WARNING,
            S.WARN_BLOCKING_CALL,
            rec.string(
                f'{label} blocked the event loop for {seconds:g} s: no other task ran '
                'meanwhile (use httpx.AsyncClient and await the request)'
            ),
        )
    # The engine's time.sleep would record the block as a sleep; the clock moves the same way.
    st.advance(seconds)
    if st.now > st.max_virtual_time:
        st.stop(S.OUTCOME_LIMIT_VIRTUAL_TIME,
                f'virtual-time limit of {st.max_virtual_time:g} s reached')


def _timed_out(request, read_timeout, label, loop):
    block(_FOREVER if read_timeout is None else read_timeout, label, loop)
    # The sync transport's socket timeout says 'timed out'.
    return ReadTimeout('timed out', request=request)


def send_sync(request, read_timeout):
    """Blocking counterpart of send_async."""
    check_scheme(request)
    method, url = request.method, str(request.url)
    _parts, host, port, path = _http.split_url(url)
    loop = asyncio.events._get_running_loop()
    label = f'httpx {method} {url}'
    net = getattr(loop, '_world_net', None) if loop is not None else None
    if net is None:
        net = VirtualNetwork(None)  # addresses and latencies only: no loop, no listeners
    try:
        ip = net.resolve(host)
    except socket.gaierror as exc:
        raise ConnectError(str(exc), request=request) from None
    if net.has_listener(host, port):
        if _executor.current_worker() is not None:
            raise RuntimeError(
                f'{label}: a synchronous request from a simulated worker thread cannot reach '
                "the program's own server, because the server's loop waits while the worker "
                'runs. Use httpx.AsyncClient in a coroutine instead.'
            )
        # The server runs on this very loop, which the blocking call stalls: no answer comes.
        raise _timed_out(request, read_timeout, label, loop)
    if net.is_loopback(ip):
        block(2 * net.latency(host, ip), label, loop)
        raise ConnectError('[Errno 111] Connection refused', request=request)
    return _remote(request, read_timeout, loop, host, port, path, label)


def _remote(request, read_timeout, loop, host, port, path, label):
    # The same plan and trace as world.http's own requests, so a sync and an async request to
    # one URL take the same time and get the same answer.
    method, url, body = request.method, str(request.url), request.content
    rule, latency = _http.remote_plan(host, url)
    rec = _recorder(loop)
    res = _http.record_request(rec, host, port, method, path, url, body)
    try:
        if rule.get('timeout'):
            raise _timed_out(request, read_timeout, label, loop)
        answer = _complete(
            _http._answer(host, method, path, url, _wire_headers(request), body, rule), label
        )
        wait = latency + getattr(answer, 'delay', 0.0)
        if read_timeout is not None and wait > read_timeout:
            raise _timed_out(request, read_timeout, label, loop)
        block(wait, label, loop)
        _http.record_answer(rec, res, answer)
        return answer
    finally:
        if rec is not None:
            rec.emit_at(S.NET_CLOSE, 0, res)


def _complete(coro, label):
    """Run a coroutine that finishes without waiting (the simulated internet's answer, or a
    loopscope.route handler that awaits nothing) to its result."""
    try:
        coro.send(None)
    except StopIteration as stop:
        return stop.value
    coro.close()
    raise RuntimeError(
        f'{label}: this loopscope.route handler awaits something, so it can only answer '
        'httpx.AsyncClient requests, not synchronous ones.'
    )
