"""Per-run settings of the simulated world, shaped by user code through `import loopscope`.

Kept apart from the loop because a program sets them at module level, before any loop exists.
`reset()` runs at the start of every run (from `world.prepare`), so one run's settings never leak
into the next in the same Pyodide process.
"""

import fnmatch
import random
import zlib

# One-way latency of one network message, in seconds.
DEFAULT_LOOPBACK_LATENCY = 0.002
DEFAULT_REMOTE_LATENCY = 0.030


class _Rule:
    __slots__ = ('pattern', 'value')

    def __init__(self, pattern, value):
        self.pattern = pattern
        self.value = value


class WorldConfig:
    def __init__(self, seed=0):
        self.seed = seed
        self.rng = random.Random(seed)
        self.loopback_latency = DEFAULT_LOOPBACK_LATENCY
        self.remote_latency = DEFAULT_REMOTE_LATENCY
        # Set when a run option or set_default_latency chose the remote latency: the simulated
        # internet behind aiohttp then answers after that latency instead of its per-URL default.
        self.remote_latency_set = False
        # Extra one-way delay drawn per message from [0, jitter) with the seeded generator.
        # Zero draws nothing, so runs without jitter consume no random numbers.
        self.jitter = 0.0
        # Newest rule first: a later call overrides an earlier, broader one.
        self.latency_rules = []  # value: float or (low, high)
        self.http_rules = []  # value: dict(status=, timeout=, handler=, body=)
        self.unresolvable = []  # patterns of host names with no address (set_unresolvable)

    def latency_for(self, host, url=None):
        """Latency set by a rule for this host/URL, or None when no rule matches."""
        for rule in self.latency_rules:
            if matches(rule.pattern, host, url):
                return self._draw(rule.value)
        return None

    def jittered(self, delay):
        """`delay` plus this run's random extra delay, if any."""
        if self.jitter > 0:
            return delay + self.rng.uniform(0.0, self.jitter)
        return delay

    def _draw(self, value):
        if isinstance(value, tuple):
            low, high = value
            return self.rng.uniform(low, high)
        return value

    def resolves(self, host):
        """Whether a host name has an address: every name does, except the reserved `.invalid`
        domain (RFC 6761: never resolves) and those set_unresolvable named."""
        name = host.lower().rstrip('.')
        if name == 'invalid' or name.endswith('.invalid'):
            return False
        return not any(matches(pattern, name) for pattern in self.unresolvable)

    def http_rule(self, host, url):
        for rule in self.http_rules:
            if matches(rule.pattern, host, url):
                return rule.value
        return None


def matches(pattern, host, url=None):
    """A pattern names a host ('example.com'), a glob over host or URL ('*.example.com',
    'http://example.com/*.gif'), or a URL prefix ('http://example.com/api/')."""
    host = (host or '').lower()
    if pattern.lower() == host:
        return True
    if url is not None:
        if url.startswith(pattern):
            return True
        if any(ch in pattern for ch in '*?[') and fnmatch.fnmatchcase(url, pattern):
            return True
    if any(ch in pattern for ch in '*?[') and fnmatch.fnmatchcase(host, pattern.lower()):
        return True
    return False


def stable_hash(text):
    """Python's str hash is salted per process; the world must answer the same way every run."""
    return zlib.crc32(text.encode('utf-8', 'surrogatepass'))


current = WorldConfig()


def reset(seed=0):
    global current
    current = WorldConfig(seed)
    return current
