/** Programs several specs run. */

/**
 * Two tasks ticking 40 times each: enough steps that playback at the default speed is still
 * going when a test looks at it.
 */
export const TICKING_PROGRAM = [
  'import asyncio',
  '',
  'async def tick(name, n):',
  '    for i in range(n):',
  '        await asyncio.sleep(0.1)',
  '        print(name, i)',
  '',
  'async def main():',
  '    await asyncio.gather(tick("a", 40), tick("b", 40))',
  '',
  'asyncio.run(main())',
  '',
].join('\n');

/** Two sleeps gathered, each printing when done: a short run with a few steps and two lines. */
export const GATHER_PROGRAM = [
  'import asyncio',
  '',
  'async def tick(name, delay):',
  '    await asyncio.sleep(delay)',
  '    print(name, "done")',
  '',
  'async def main():',
  '    await asyncio.gather(tick("a", 0.1), tick("b", 0.2))',
  '',
  'asyncio.run(main())',
  '',
].join('\n');
