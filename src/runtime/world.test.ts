// The simulated world (src/python/loopscope/world) through the engine, as the page and the CLI
// run it: what its callbacks are called, and 2015-era task queries.
import { loadPyodide } from 'pyodide';
import type { PyodideAPI } from 'pyodide';
import { beforeAll, describe, expect, it } from 'vitest';
import { installEngine, runProgram } from './engine';
import { pythonFiles } from './python-files.node';

const PROGRAM = `import asyncio, time

def blocking(n):
    time.sleep(0.1)
    return n * 2

async def handle(reader, writer):
    writer.write(await reader.read(100))
    await writer.drain()
    writer.close()

async def main():
    print(await asyncio.gather(*(asyncio.to_thread(blocking, i) for i in range(2))))
    server = await asyncio.start_server(handle, '127.0.0.1', 8888)
    async with server:
        reader, writer = await asyncio.open_connection('127.0.0.1', 8888)
        writer.write(b'ping')
        print(await reader.read(100))
        writer.close()
    try:
        await asyncio.open_connection('127.0.0.1', 9)
    except ConnectionRefusedError:
        print('refused')

asyncio.run(main())
`;

let pyodide: PyodideAPI;

beforeAll(async () => {
  pyodide = await loadPyodide();
  installEngine(pyodide, pythonFiles());
}, 60_000);

// Its own callbacks show in the loop panel, the explanations and the timeline under their
// __qualname__. A learner should read what they do (a message arriving, a worker thread
// finishing), not the world's class names (_Pipe.fire, _SimPool._finish).
describe('callbacks of the simulated world', () => {
  it('are named for what they do', () => {
    const result = runProgram(pyodide, PROGRAM, {});
    expect(result.stdout).toBe("[0, 2]\nb'ping'\nrefused\n");
    const strings = new Set(result.trace.strings);
    for (const label of [
      'virtual_network.connect',
      'virtual_network.deliver',
      'virtual_network.refuse',
      'thread_pool.job_done',
    ]) {
      expect(strings.has(label), label).toBe(true);
    }
    const internal = [...strings].filter((s) => /_Pipe|_world_syn|_SimPool|_finish\b/.test(s));
    expect(internal).toEqual([]);
  });
});

const SHUTDOWN = `import asyncio


@asyncio.coroutine
def ticker(name):
    n = 0
    while True:
        yield from asyncio.sleep(0.25)
        n += 1
        print(name, n)


@asyncio.coroutine
def main():
    print("current inside:", asyncio.Task.current_task() is not None)
    yield from asyncio.sleep(0.6)


loop = asyncio.get_event_loop()
for name in ("a", "b"):
    asyncio.async(ticker(name))
print("current outside:", asyncio.Task.current_task())
loop.run_until_complete(main())
pending = [t for t in asyncio.Task.all_tasks() if not t.done()]
print("pending after main:", len(pending))
for task in pending:
    task.cancel()
results = loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
print([type(r).__name__ for r in results])
print("pending now:", len([t for t in asyncio.Task.all_tasks() if not t.done()]))
loop.close()
`;

describe('asyncio.Task.all_tasks() and current_task() in 2015-era code', () => {
  it('answer outside a running loop as they did, for the cancel-what-is-left shutdown', () => {
    const result = runProgram(pyodide, SHUTDOWN, {});
    // The stdout of CPython 3.6.15 running the same file.
    expect(result.stdout).toBe(
      [
        'current outside: None',
        'current inside: True',
        'a 1',
        'b 1',
        'a 2',
        'b 2',
        'pending after main: 2',
        "['CancelledError', 'CancelledError']",
        'pending now: 0',
        '',
      ].join('\n'),
    );
    expect(result.exitCode).toBe(0);
  });

  it('leave asyncio.all_tasks() as it is in a modern program', () => {
    const result = runProgram(
      pyodide,
      'import asyncio\ntry:\n    asyncio.all_tasks()\nexcept RuntimeError as e:\n    print(e)\n',
      {},
    );
    expect(result.stdout).toBe('no running event loop\n');
  });
});
