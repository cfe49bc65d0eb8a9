"""What engine.ts calls: one run, returned in a shape that crosses into JavaScript cheaply.

Each table is one flat list of numbers, row after row (see Recorder.columns).  JavaScript reads
those lists directly from the wasm heap: it gets each list's address (`id()` is the address in
CPython) and decodes the int and float objects it points to.  `layout_probe` lets engine.ts check,
once per install, that it decodes this interpreter's objects correctly; when it does not, it asks
for `as_float64(list)` instead (a C-level conversion, slower).  The string table, the await
chains' keys (engine.ts writes their texts into the string table, see Recorder.chain_of) and the
run facts cross as JSON text, one conversion each instead of one proxy per string.
"""

import json
from array import array

from ._runner import run

_GROUPS = ('events', 'handles', 'futures', 'tasks', 'resources')

# Values the probe holds, and what JavaScript must read back from it.
# The small ints (-5..256) are preallocated objects that engine.ts decodes from their address
# alone, so the probe holds several of them, ends of the range included.
PROBE_VALUES = [0, 1, -1, 7, -5, 100, 255, 256, 257, -6, (1 << 30) + 5, -(1 << 31) + 1]
PROBE_VALUES += [2.5, 2.5, -0.0, 1e300, 123456789, True, False, 7]


def layout_probe():
    """(list, its address, address of int, float and bool, of the ints -5 and 256) for
    engine.ts's self-check."""
    probe = list(PROBE_VALUES)
    return probe, id(probe), id(int), id(float), id(bool), id(-5), id(256)


def as_float64(values):
    return array('d', values)


def cut(values, n):
    """Drop values[n:]. engine.ts reads a trace list from its end back, a block at a time, and
    frees each block as soon as it is read: the block's objects are then still in the CPU's
    caches, where freeing the whole list after the read met every one of them again cold."""
    del values[n:]


def run_for_js(
    source, filename, options_json, on_stdout=None, on_stderr=None, on_start=None, on_tick=None
):
    options = json.loads(options_json) if options_json else {}
    result = run(source, filename, options, on_stdout, on_stderr, on_start, on_tick)
    tables = []
    strings_json = '[]'
    chains_json = '{"heads":[],"names":[],"parts":[]}'
    if result.columns is not None:
        cols = result.columns
        for group in _GROUPS + ('chain_raw',):
            flat = cols[group]
            tables.append((group, flat, id(flat), len(flat)))
        strings_json = json.dumps(cols['strings'], ensure_ascii=False)
        chains_json = json.dumps(cols['chains'], ensure_ascii=False)
    info = {
        'stdout': result.stdout,
        'stderr': result.stderr,
        'outcome': result.outcome,
        'outcomeDetail': result.outcome_detail,
        'exitCode': result.exit_code,
        'stats': result.stats(),
        'pythonVersion': result.python_version,
        'options': result.options,
        'traced': result.columns is not None,
    }
    info_json = json.dumps(info, ensure_ascii=False, default=str)
    return info_json, strings_json, tables, chains_json
