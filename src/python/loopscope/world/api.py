"""What `import loopscope` gives a program: knobs for the simulated world.

Call these at the top of a program (or any time while it runs).  Patterns name a host
('example.com'), a URL prefix ('http://example.com/api/'), or a glob over host or URL
('*.example.com', 'http://example.com/*.gif').  The most recent matching setting wins.
"""

from . import _config

__all__ = [
    'reset_world', 'route', 'seed', 'set_default_latency', 'set_latency', 'set_status',
    'set_timeout', 'set_unresolvable',
]


def set_latency(pattern, seconds=None, *, low=None, high=None):
    """Latency for hosts/URLs matching `pattern`: fixed (`set_latency('example.com', 0.2)`) or
    drawn per message/request from a seeded range (`set_latency('*', low=0.05, high=0.5)`).

    For TCP it is the one-way time of each message; for the simulated internet's HTTP it is
    the time a request takes to answer."""
    if seconds is None:
        if low is None or high is None:
            raise TypeError('set_latency needs seconds, or both low= and high=')
        if not 0 <= low <= high:
            raise ValueError('set_latency needs 0 <= low <= high')
        value = (float(low), float(high))
    else:
        if seconds < 0:
            raise ValueError('latency must be non-negative')
        value = float(seconds)
    _config.current.latency_rules.insert(0, _config._Rule(str(pattern), value))


def set_default_latency(loopback=None, remote=None, jitter=None):
    """One-way latency of network messages when no pattern matches (defaults: 2 ms loopback,
    30 ms to other hosts). Setting `remote` also replaces the simulated internet's per-URL
    50-150 ms: an HTTP request then takes a round trip, twice `remote`. `jitter` adds a random
    delay from [0, jitter) seconds to every message and request, drawn from the seeded generator
    (messages in one direction still arrive in order)."""
    for name, value in (('loopback', loopback), ('remote', remote), ('jitter', jitter)):
        if value is not None and float(value) < 0:
            raise ValueError(f'{name} latency must be non-negative')
    if loopback is not None:
        _config.current.loopback_latency = float(loopback)
    if remote is not None:
        _config.current.remote_latency = float(remote)
        _config.current.remote_latency_set = True
    if jitter is not None:
        _config.current.jitter = float(jitter)


def set_status(pattern, status, body=None):
    """Make matching URLs answer with this HTTP status (e.g. 404 or 500) and optional body."""
    _add_http_rule(pattern, status=int(status), body=body)


def set_timeout(pattern):
    """Make matching URLs never answer, so the client's timeout fires."""
    _add_http_rule(pattern, timeout=True)


def set_unresolvable(pattern):
    """Make matching host names have no address, as a name with no DNS record: looking one up
    (`loop.getaddrinfo`, `open_connection`, `create_connection`) raises socket.gaierror
    `[Errno -2] Name or service not known`, aiohttp raises ClientConnectorDNSError and httpx
    ConnectError.  Names under `.invalid` never resolve, as RFC 6761 reserves them."""
    _config.current.unresolvable.insert(0, str(pattern))


def route(pattern, handler=None):
    """Answer matching URLs with `handler(request)` (sync or async).  It gets an
    aiohttp.web.Request and returns a web.Response, str, bytes, dict/list (JSON), a status int
    or (status, body).  Use as `loopscope.route(url, handler)` or as a decorator."""
    if handler is None:
        def decorator(func):
            _add_http_rule(pattern, handler=func)
            return func

        return decorator
    _add_http_rule(pattern, handler=handler)
    return handler


def seed(value):
    """Seed the random latencies (runs are deterministic for a given seed; default 0)."""
    cfg = _config.current
    cfg.seed = value
    cfg.rng.seed(value)


def reset_world():
    """Forget every setting made through this module."""
    _config.reset(_config.current.seed)


def _add_http_rule(pattern, **value):
    _config.current.http_rules.insert(0, _config._Rule(str(pattern), value))
