// The simulated world's own callbacks show in the loop panel, the explanations and the timeline
// under their __qualname__. A learner should read what they do (a message arriving, a worker
// thread finishing), not the world's class names (_Pipe.fire, _SimPool._finish).
import { loadPyodide } from 'pyodide';
import { describe, expect, it } from 'vitest';
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

describe('callbacks of the simulated world', () => {
  it('are named for what they do', async () => {
    const pyodide = await loadPyodide();
    installEngine(pyodide, pythonFiles());
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
  }, 60_000);
});
