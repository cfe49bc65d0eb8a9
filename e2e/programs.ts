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
