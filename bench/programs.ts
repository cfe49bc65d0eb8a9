/**
 * The programs the engine benchmarks run, shared by the Node group (bench/node.ts) and the
 * Chromium overhead worker (bench/browser/overhead.worker.ts), which must run the very same text.
 */

/** The overhead program: 10,000 tasks, each awaiting 10 sleeps. */
export function overheadProgram(tasks = 10_000, awaits = 10): string {
  return `import asyncio

async def worker(i):
    for k in range(${awaits}):
        await asyncio.sleep(0.001 * (i % 7 + 1))
    return i

async def main():
    results = await asyncio.gather(*(worker(i) for i in range(${tasks})))
    print(len(results))

asyncio.run(main())
`;
}

/** A program that never ends by itself, so only a budget can stop it. */
export const ENDLESS_PROGRAM = `import asyncio

async def ticker(i):
    while True:
        await asyncio.sleep(0.01 * (i % 5 + 1))

async def main():
    await asyncio.gather(*(ticker(i) for i in range(1000)))

asyncio.run(main())
`;
