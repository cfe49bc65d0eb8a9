import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { highlightPython } from './lite-editor';
import { bracketLevels, MONACO_PYTHON_WORDS, tokenizeLine, type LineState } from './python-tokens';

/** The line's tokens as [text, kind] pairs, which reads better than offsets. */
function kinds(line: string, state: LineState = ''): [string, string][] {
  return tokenizeLine(line, state).tokens.map((t) => [line.slice(t.start, t.end), t.kind]);
}

/** The same, without the delimiters, for lines where they are not the point. */
function coloured(line: string, state: LineState = ''): [string, string][] {
  return kinds(line, state).filter(([, k]) => k !== 'delimiter');
}

describe('tokenizeLine', () => {
  it('colours the words Monaco colours, and no others', () => {
    expect(coloured('async def __init__(self) -> None:')).toEqual([
      ['async', 'keyword'],
      ['def', 'keyword'],
      ['__init__', 'keyword'],
      ['self', 'keyword'],
      ['None', 'keyword'],
    ]);
    // bytes and ascii are builtins Monaco leaves plain; a keyword inside a longer name is no keyword.
    expect(coloured('    print(len(bytes(ascii(x))), asyncio.sleep)')).toEqual([
      ['print', 'keyword'],
      ['len', 'keyword'],
    ]);
    expect(coloured('define = awaits + for_each')).toEqual([]);
  });

  it('has the same word list as the Monaco grammar in node_modules', () => {
    const grammar = readFileSync(
      fileURLToPath(
        new URL(
          '../../node_modules/monaco-editor/esm/vs/languages/definitions/python/python.js',
          import.meta.url,
        ),
      ),
      'utf8',
    );
    const list = /keywords:\s*\[([\s\S]*?)\]/.exec(grammar)![1].replace(/\/\/.*$/gm, '');
    const words = new Set([...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]));
    expect(words.size).toBeGreaterThan(100);
    expect([...MONACO_PYTHON_WORDS].sort()).toEqual([...words].sort());
  });

  it('colours delimiters and brackets, not operators or dots', () => {
    expect(kinds('d[k] = f(a, b); x.y += {1: 2}')).toEqual([
      ['[', 'delimiter'],
      [']', 'delimiter'],
      ['(', 'delimiter'],
      [',', 'delimiter'],
      // Neighbours of one kind are one span.
      [');', 'delimiter'],
      ['{', 'delimiter'],
      ['1', 'number'],
      [':', 'delimiter'],
      ['2', 'number'],
      ['}', 'delimiter'],
    ]);
  });

  it('finds strings, escapes and comments as Monaco does', () => {
    expect(coloured(`x = "a \\"q\\"" + 'it''s' # done`)).toEqual([
      [`"a \\"q\\""`, 'string'],
      [`'it''s'`, 'string'],
      ['# done', 'comment'],
    ]);
    // A '#' inside a string does not start a comment.
    expect(coloured(`s = "a # b"`)).toEqual([[`"a # b"`, 'string']]);
    // Prefixes other than a lone f are names: plain.
    expect(coloured(`b"x" + rb'y' + F"z"`)).toEqual([
      [`"x"`, 'string'],
      [`'y'`, 'string'],
      [`"z"`, 'string'],
    ]);
    // An unterminated string runs to the end of its line and leaves nothing open...
    const open = tokenizeLine(`s = "abc`);
    expect(open.tokens.map((t) => t.kind)).toEqual(['string']);
    expect(open.state).toBe('');
    // ...unless the line ends in a backslash or an escape: then the next line goes on with it.
    expect(tokenizeLine(`s = "abc\\`).state).toBe('"');
    expect(tokenizeLine(`s = 'abc\\n`).state).toBe("'");
    expect(coloured(`def" if x`, '"')).toEqual([
      [`def"`, 'string'],
      ['if', 'keyword'],
    ]);
  });

  it('leaves f-string fields in the default colour, except a conversion or a format', () => {
    expect(coloured(`f"{a} and {b!r:>{w}} {c=}"`)).toEqual([
      ['f"', 'string'],
      [' and ', 'string'],
      // The format runs to the first closing brace; the second one is left plain.
      ['!r:>{w', 'string'],
      [' ', 'string'],
      ['=', 'string'],
      ['"', 'string'],
    ]);
    // A field still open at the end of a line stays open.
    expect(tokenizeLine(`f'{x`).state).toBe("f'{");
    // Monaco ends a triple-quoted f-string at its first quote.
    expect(coloured(`f"""a"b"""`)).toEqual([
      ['f"""a"', 'string'],
      ['"""', 'string'],
    ]);
    expect(tokenizeLine(`f"""a"b"""`).state).toBe('"""');
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

  it('finds numbers, a minus sign included, and one-word decorators', () => {
    expect(coloured('@functools.cache')).toEqual([['@functools', 'tag']]);
    expect(coloured('a = 0x1F + 1_000 + 2.5e-3 + .5 + 3j - x1 + y-1 + 0X2')).toEqual([
      ['0x1F', 'hex'],
      ['1', 'number'],
      ['2.5e-3', 'number'],
      ['.5', 'number'],
      ['3j', 'number'],
      ['-1', 'number'],
      ['0', 'number'],
    ]);
    // A method call on a name is not a number.
    expect(kinds('obj.attr')).toEqual([]);
  });
});

describe('bracketLevels', () => {
  it('gives pairs their nesting level and brackets without a partner -1', () => {
    expect(bracketLevels('([]{()})')).toEqual([0, 1, 1, 1, 2, 2, 1, 0]);
    // An opener never closed, a closer never opened.
    expect(bracketLevels('(()')).toEqual([-1, 1, 1]);
    expect(bracketLevels('())')).toEqual([0, 0, -1]);
    // A closer of an outer pair leaves the opener inside it unclosed.
    expect(bracketLevels('([)')).toEqual([0, -1, 0]);
    // A closer of no open pair is unmatched and closes nothing.
    expect(bracketLevels('(])')).toEqual([0, -1, 0]);
  });
});

describe('highlightPython', () => {
  it('colours brackets outside strings and comments by level, across lines', () => {
    const html = highlightPython('f(x["k"], "(")  # )\n]{\n}');
    expect(html).toBe(
      'f<span class="ls-br-0">(</span>x<span class="ls-br-1">[</span>' +
        '<span class="ls-tok-string">"k"</span><span class="ls-br-1">]</span>' +
        '<span class="ls-tok-delimiter">,</span> <span class="ls-tok-string">"("</span>' +
        '<span class="ls-br-0">)</span>  <span class="ls-tok-comment"># )</span>\n' +
        '<span class="ls-br-bad">]</span><span class="ls-br-0">{</span>\n<span class="ls-br-0">}</span>',
    );
  });

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
