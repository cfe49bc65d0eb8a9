/**
 * The two-stage editor (src/editor/LazyCodeEditor.tsx): the first-stage editor is a real editor
 * while Monaco's chunk is held back by the test, and Monaco takes over its text, cursor, scroll
 * and focus when the chunk is let through.
 */
import { expect, test, type Page } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

const MONACO_CHUNK = /\/assets\/monaco-[^/]*\.js$/;

/** Holds Monaco's chunk until the returned function is called. */
async function holdMonaco(page: Page): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(MONACO_CHUNK, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

test('the first-stage editor edits, indents, undoes, colours and runs before Monaco has loaded', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  const release = await holdMonaco(page);
  await page.goto('/');
  await expect(app.editor).toHaveAttribute('data-editor-stage', 'lite');
  await expect(app.editorInput).toBeEditable();
  // Colours: the example's keywords and strings are coloured spans, in different colours.
  const keyword = app.editor.locator('.ls-tok-keyword', { hasText: /^import$/ }).first();
  const string = app.editor.locator('.ls-tok-string').first();
  await expect(keyword).toBeVisible();
  const colour = (l: typeof keyword) => l.evaluate((el) => getComputedStyle(el).color);
  expect(await colour(keyword)).not.toBe(await colour(string));

  // Typing reaches the app (it saves every edit), Enter after a colon indents the next line.
  await app.editorInput.focus();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.type('def f():\nreturn 1\n');
  await expect.poll(() => app.savedCode()).toMatch(/^def f\(\):\n {4}return 1\n {4}import asyncio/);
  // Shift+Tab takes the indent back; undo steps back through the edits.
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => app.savedCode()).toMatch(/^def f\(\):\n {4}return 1\nimport asyncio/);
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => app.savedCode()).toMatch(/^def f\(\):\n {4}return 1\n {4}import/);
  // A selection typed over is replaced.
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('print("typed in stage one")\n');
  await expect.poll(() => app.savedCode()).toBe('print("typed in stage one")\n');
  await expect(app.editor.locator('.ls-tok-keyword', { hasText: /^print$/ })).toBeVisible();

  // Ctrl+Enter runs the program, Monaco still held back.
  await app.waitReady();
  const before = await app.runSeq();
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(app.playground).toHaveAttribute('data-run-seq', String(before + 1));
  await app.waitRunEnd();
  await expect(app.output).toContainText('typed in stage one');
  await expect(app.editor).toHaveAttribute('data-editor-stage', 'lite');
  release();
});

test('Monaco takes over the text, the cursor, the scroll and the focus', async ({ page }) => {
  const app = new LoopscopePage(page);
  const release = await holdMonaco(page);
  await page.goto('/');
  await expect(app.editor).toHaveAttribute('data-editor-stage', 'lite');
  const lines = Array.from({ length: 80 }, (_, i) => `x${i + 1} = ${i + 1}`);
  await app.setCode(`${lines.join('\n')}\n`);
  // The cursor at the end of line 79, the view scrolled to the bottom.
  await app.editorInput.focus();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('End');
  const liteScroll = await app.editor.locator('textarea').evaluate((el) => el.scrollTop);
  expect(liteScroll).toBeGreaterThan(0);

  release();
  await expect(app.editor).toHaveAttribute('data-editor-stage', 'monaco');
  await expect(app.editor.locator('textarea.ls-lite-input')).toHaveCount(0);
  await expect(app.editorInput).toBeFocused();
  // Monaco shows the bottom of the program with the cursor's line, not its top (it renders only
  // the lines in view).
  const shown = () =>
    app.editor
      .locator('.monaco-editor .view-lines')
      .evaluate((el) => (el as HTMLElement).innerText.replace(/\u00a0/g, ' ').split('\n'));
  await expect.poll(shown).toContain('x79 = 79');
  expect(await shown()).not.toContain('x1 = 1');
  // Typing goes on where the cursor was.
  await page.keyboard.type('  # here');
  await expect.poll(() => app.savedCode()).toContain('x79 = 79  # here\nx80 = 80');
});

test('Monaco undoes and redoes, step by step, what was typed before it took over', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  const release = await holdMonaco(page);
  await page.goto('/');
  await expect(app.editor).toHaveAttribute('data-editor-stage', 'lite');
  const example = await app.editorInput.inputValue();
  const saved = (text: string) => expect.poll(() => app.savedCode()).toBe(text);

  // Separate edits in the first stage: a paste, typing at the end, typing at the start after the
  // cursor moved, typing over a selection, a deletion; then one undo there.
  const texts = ['a = 1\nb = 2\n'];
  await app.setCode(texts[0]);
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('c=3');
  texts.push('a = 1\nb = 2\nc=3');
  await saved(texts[1]);
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.type('x');
  texts.push('xa = 1\nb = 2\nc=3');
  await saved(texts[2]);
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.type('y');
  texts.push('y\nb = 2\nc=3');
  await saved(texts[3]);
  await page.keyboard.press('Backspace');
  texts.push('\nb = 2\nc=3');
  await saved(texts[4]);
  await page.keyboard.press('ControlOrMeta+Z');
  await saved(texts[3]);

  release();
  await expect(app.editor).toHaveAttribute('data-editor-stage', 'monaco');
  await expect(app.editorInput).toBeFocused();
  // Back through every first-stage step, the paste included, to the example the page opened with.
  for (const text of [texts[2], texts[1], texts[0], example]) {
    await page.keyboard.press('ControlOrMeta+Z');
    await saved(text);
  }
  // Forward again with both redo keys, through the step undone in the first stage.
  for (const [key, text] of [
    ['ControlOrMeta+Shift+Z', texts[0]],
    ['ControlOrMeta+Y', texts[1]],
    ['ControlOrMeta+Y', texts[2]],
    ['ControlOrMeta+Shift+Z', texts[3]],
    ['ControlOrMeta+Y', texts[4]],
  ]) {
    await page.keyboard.press(key);
    await saved(text);
  }
  // Redo put the cursor where the deletion left it: typing goes on there.
  await page.keyboard.type('z');
  await saved('z\nb = 2\nc=3');
});

/** The colour of every non-blank character of the program as shown, line by line in order. */
function shownColours(page: Page, stage: 'lite' | 'monaco'): Promise<string[]> {
  return page.evaluate((stage) => {
    const lines: Element[] =
      stage === 'lite'
        ? [document.querySelector('.ls-lite-code')!]
        : [...document.querySelectorAll('.monaco-editor .view-lines .view-line')].sort(
            (a, b) =>
              parseFloat((a as HTMLElement).style.top) - parseFloat((b as HTMLElement).style.top),
          );
    const out: string[] = [];
    for (const line of lines) {
      const walk = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const colour = getComputedStyle(n.parentElement!).color;
        for (const ch of n.textContent!) if (!/\s/.test(ch)) out.push(`${ch} ${colour}`);
      }
    }
    return out;
  }, stage);
}

const COLOURFUL = `"""A docstring over
two lines: def if."""
import asyncio  # a comment
@functools.cache
async def __init__(self, n=-1, m=0x1F, k=1_000, e=2.5e-3):
    s = f"{n!r:>{k}} and {m=}" + b'bytes' + r"raw" + 'it''s'
    return [len(s), {True: None}, (x.y - 2j)], d[f(g(h[0]))]
print(f"{loop.time() - start:.1f} s")  # (unclosed in a comment
x = (1, [2}
`;

for (const theme of ['dark', 'light']) {
  test(`the colours do not change when Monaco takes over (${theme} theme)`, async ({ page }) => {
    const app = new LoopscopePage(page);
    const release = await holdMonaco(page);
    await page.goto('/');
    await expect(app.editor).toHaveAttribute('data-editor-stage', 'lite');
    await page.evaluate((theme) => (document.documentElement.dataset.theme = theme), theme);
    await app.setCode(COLOURFUL);
    await page.keyboard.press('ControlOrMeta+Home');
    const lite = await shownColours(page, 'lite');
    expect(lite.length).toBe(COLOURFUL.replace(/\s/g, '').length);
    // Keywords, strings, comments, numbers, hex, decorators, delimiters, three bracket levels and
    // unmatched brackets: each class of token is there to compare.
    expect(new Set(lite.map((c) => c.slice(2))).size).toBeGreaterThanOrEqual(10);
    release();
    await expect(app.editor).toHaveAttribute('data-editor-stage', 'monaco');
    await expect.poll(() => shownColours(page, 'monaco')).toEqual(lite);
  });
}

test('text composed with an input method is one undo step, before and after the hand-over', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  const release = await holdMonaco(page);
  await page.goto('/');
  await expect(app.editor).toHaveAttribute('data-editor-stage', 'lite');
  await app.setCode('x = 1\n');
  await page.keyboard.press('ControlOrMeta+End');
  // An input method's composition, as Chromium reports one: several updates, then the commit.
  const cdp = await page.context().newCDPSession(page);
  for (const text of ['n', 'ni', 'にほ', 'にほん']) {
    await cdp.send('Input.imeSetComposition', {
      text,
      selectionStart: text.length,
      selectionEnd: text.length,
    });
  }
  await cdp.send('Input.insertText', { text: '日本' });
  await expect.poll(() => app.savedCode()).toBe('x = 1\n日本');

  release();
  await expect(app.editor).toHaveAttribute('data-editor-stage', 'monaco');
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => app.savedCode()).toBe('x = 1\n');
  await page.keyboard.press('ControlOrMeta+Y');
  await expect.poll(() => app.savedCode()).toBe('x = 1\n日本');
});
