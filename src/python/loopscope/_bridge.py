"""What engine.ts calls: one run, returned in a shape that crosses into JavaScript cheaply.

Columns stay `array.array` objects (JavaScript copies each out of the wasm heap once, through
the buffer protocol); the string table and the run facts cross as JSON text, one conversion
each instead of one proxy per string.
"""

import json

from ._runner import run

_GROUPS = ('events', 'handles', 'futures', 'tasks', 'resources')


def run_for_js(source, filename, options_json, on_stdout=None, on_stderr=None):
    options = json.loads(options_json) if options_json else {}
    result = run(source, filename, options, on_stdout, on_stderr)
    arrays = []
    strings_json = '[]'
    if result.columns is not None:
        cols = result.columns
        for group in _GROUPS:
            for name, arr in cols[group].items():
                arrays.append((group, name, arr))
        strings_json = json.dumps(cols['strings'], ensure_ascii=False)
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
    return json.dumps(info, ensure_ascii=False, default=str), strings_json, arrays
