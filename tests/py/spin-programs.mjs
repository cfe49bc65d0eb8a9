// Programs shared by the CLI and watchdog tests.

/**
 * A CPU loop in the main task while three tasks wait in an async generator with a `finally:`
 * that prints (a stopped run must not run it). `line`, when given, comes just before the loop.
 */
export function spinWithSuspendedGenerators(line = '') {
  return `import asyncio

async def ticks():
    try:
        while True:
            yield
            await asyncio.sleep(1)
    finally:
        print("ticks closed")

async def worker():
    async for _ in ticks():
        pass

async def main():
    tasks = [asyncio.create_task(worker()) for _ in range(3)]
    await asyncio.sleep(0)
${line ? `    ${line}\n` : ''}    while True:
        pass

asyncio.run(main())
`;
}
