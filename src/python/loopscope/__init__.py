"""Loopscope: CPython's asyncio on a virtual clock, with every scheduling event recorded.

User programs may `import loopscope` to shape the simulated world (latency, HTTP responses, ...);
those functions come from `loopscope.world.api`.  The engine itself lives in underscore modules
(`_runner`, `_loop`, `_futures`, `_recorder`, `_resources`) and is driven by src/runtime/engine.ts.
"""

from .schema import SCHEMA_VERSION

__version__ = '0.1.0'

# The world API is optional (another part of the package); a missing module is fine, a broken
# one must not be hidden.
try:
    from .world.api import *  # noqa: F401,F403
except ModuleNotFoundError as _exc:
    if _exc.name not in ('loopscope.world', 'loopscope.world.api'):
        raise
