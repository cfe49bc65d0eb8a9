import { describe, expect, it } from 'vitest';
import { highlightPython } from './lite-editor';
import { tokenizeLine, type LineState } from './python-tokens';

/** The line's tokens as [text, kind] pairs, which reads better than offsets. */
function kinds(line: string, state: LineState = ''): [string, string][] {
  return tokenizeLine(line, state).tokens.map((t) => [line.slice(t.start, t.end), t.kind]);
}

describe('tokenizeLine', () => {
  it('colours keywords and the builtins Monaco colours, not other names', () => {
    expect(kinds('async def main() -> None:')).toEqual([
      ['async', 'keyword'],
      ['def', 'keyword'],
      ['None', 'keyword'],
    ]);
    expect(kinds('    print(len(items), asyncio.sleep)')).toEqual([
      ['print', 'keyword'],
      ['len', 'keyword'],
    ]);
    // A keyword inside a longer name is not a keyword.
    expect(kinds('define = awaits + for_each')).toEqual([]);
  });

  it('finds strings with prefixes and escapes, and comments to the end of the line', () => {
    expect(kinds(`x = f"{a}: \\"q\\"" + 'it''s' # done`)).toEqual([
      [`f"{a}: \\"q\\""`, 'string'],
      [`'it'`, 'string'],
      [`'s'`, 'string'],
      ['# done', 'comment'],
    ]);
    // A '#' inside a string does not start a comment.
    expect(kinds(`s = "a # b"`)).toEqual([[`"a # b"`, 'string']]);
    // An unterminated string runs to the end of its line and leaves nothing open.
    const open = tokenizeLine(`s = "abc`);
    expect(open.tokens.map((t) => t.kind)).toEqual(['string']);
    expect(open.state).toBe('');
  });

  it('carries a triple-quoted string across lines', () => {
    const first = tokenizeLine('doc = """starts here');
    expect(first.state).toBe('"""');
    const middle = tokenizeLine('still inside: def if "', first.state);
    expect(middle.tokens).toEqual([{ start: 0, end: 22, kind: 'string' }]);
    expect(middle.state).toBe('"""');
    const last = tokenizeLine('ends""" + 1', middle.state);
    expect(kinds('ends""" + 1', middle.state)).toEqual([
      ['ends"""', 'string'],
      ['1', 'number'],
    ]);
    expect(last.state).toBe('');
    expect(tokenizeLine("r'''x'''").state).toBe('');
  });

  it('finds numbers and decorators', () => {
    expect(kinds('@functools.cache')).toEqual([['@functools.cache', 'tag']]);
    expect(kinds('a = 0x1F + 1_000 + 2.5e-3 + .5 + 3j - x1')).toEqual([
      ['0x1F', 'number'],
      ['1_000', 'number'],
      ['2.5e-3', 'number'],
      ['.5', 'number'],
      ['3j', 'number'],
    ]);
    // A method call on a name is not a number.
    expect(kinds('obj.attr')).toEqual([]);
  });
});

describe('highlightPython', () => {
  it('escapes HTML and keeps every character of the program, line for line', () => {
    const program = 'if a < b and c > d:\n    s = "<&>"  # x & y\n';
    const html = highlightPython(program);
    expect(html).not.toMatch(/<(?!\/?span)/);
    const text = html
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    expect(text).toBe(program);
    expect(html).toContain('<span class="ls-tok-keyword">if</span>');
    expect(html).toContain('<span class="ls-tok-string">"&lt;&amp;&gt;"</span>');
  });

  it('keeps a docstring coloured on the lines between its quotes', () => {
    const html = highlightPython('"""\nimport nothing\n"""\nimport asyncio');
    const lines = html.split('\n');
    expect(lines[1]).toBe('<span class="ls-tok-string">import nothing</span>');
    expect(lines[3]).toContain('<span class="ls-tok-keyword">import</span>');
  });
});
