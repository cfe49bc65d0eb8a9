import { expect, test } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

test('a syntax error is marked in the editor before running', async ({ page }) => {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode('import asyncio\n\ndef broken(:\n    pass\n');
  await expect(app.editor).toHaveAttribute('data-syntax-error-line', '3');
  // Monaco draws the marker as a squiggle.
  await expect(app.editor.locator('.squiggly-error').first()).toBeVisible();
  // Fixing it clears the marker.
  await app.setCode('import asyncio\n\ndef fixed():\n    pass\n');
  await expect(app.editor).toHaveAttribute('data-syntax-error-line', '');
  await expect(app.editor.locator('.squiggly-error')).toHaveCount(0);
});

test('2015-era asyncio.async(...) is not marked as a syntax error, since a run accepts it', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  await app.open();
  const legacy = [
    'import asyncio',
    '',
    '@asyncio.coroutine',
    'def job():',
    '    yield from asyncio.sleep(0.1)',
    '    print("job done")',
    '',
    'loop = asyncio.get_event_loop()',
    'task = asyncio.async(job())',
    'loop.run_until_complete(task)',
  ];
  // A real error further down is the one marked: the check compiles what a run compiles.
  await app.setCode([...legacy, 'print(1 +)', ''].join('\n'));
  await expect(app.editor).toHaveAttribute('data-syntax-error-line', '11');
  await app.setCode([...legacy, ''].join('\n'));
  await expect(app.editor).toHaveAttribute('data-syntax-error-line', '');
  await expect(app.editor.locator('.squiggly-error')).toHaveCount(0);
  await app.run();
  await expect(app.output).toContainText('job done');
});

test('an exception shows a user-frames-only traceback and marks its line', async ({ page }) => {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode(
    [
      'import asyncio',
      '',
      'async def divide(n):',
      '    await asyncio.sleep(0.1)',
      '    return 10 / n',
      '',
      'async def main():',
      '    await divide(0)',
      '',
      'asyncio.run(main())',
      '',
    ].join('\n'),
  );
  await app.run();
  await expect(app.output).toContainText('Traceback (most recent call last)');
  await expect(app.output).toContainText('ZeroDivisionError: division by zero');
  await expect(app.output).toContainText('line 5, in divide');
  // Only the user's frames: nothing from asyncio's or the tracer's own files.
  await expect(app.output).not.toContainText('asyncio/');
  await expect(app.output).not.toContainText('loopscope/');
  await expect(app.notice).toContainText('ZeroDivisionError');
  await expect(app.editor).toHaveAttribute('data-error-line', '5');
  await expect(app.editor.locator('.ls-line-error')).toHaveCount(1);
});
