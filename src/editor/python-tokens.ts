/**
 * A small Python tokenizer for the first-stage editor (lite-editor.ts): enough to colour a program
 * the way Monaco's Python grammar does (keywords and builtins, strings, comments, numbers,
 * decorators), so the colours do not change when Monaco takes over. It is line-based with one
 * piece of state carried between lines, an open triple-quoted string, so a keystroke re-tokenizes
 * only cheap regular expressions and never needs the rest of the program.
 */

/** Token classes, named after the Monaco token types they imitate. */
export type TokenKind = 'keyword' | 'string' | 'comment' | 'number' | 'tag';

export interface Token {
  start: number;
  end: number;
  kind: TokenKind;
}

/** What a line leaves open for the next one: nothing, or a triple-quoted string. */
export type LineState = '' | "'''" | '"""';

/**
 * Keywords, soft keywords and the builtins Monaco's Python grammar also colours as keywords
 * (print, len, self, ...); the same word list keeps the two editors' colours alike.
 */
const KEYWORDS = new Set(
  (
    'False None True and as assert async await break case class continue def del elif else ' +
    'except finally for from global if import in is lambda match nonlocal not or pass raise ' +
    'return try type while with yield _ print self int float complex bool str bytes list dict ' +
    'set tuple frozenset object range len abs all any min max sum sorted reversed enumerate zip ' +
    'map filter iter next isinstance issubclass getattr setattr hasattr delattr repr format ' +
    'open input id hash hex oct bin chr ord round pow divmod callable vars dir globals locals ' +
    'super property staticmethod classmethod slice memoryview bytearray help compile eval exec'
  ).split(' '),
);

const WORD = /[A-Za-z_]\w*/y;
const NUMBER =
  /(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][+-]?\d+)?)[jJlL]?/y;
const DECORATOR = /@[A-Za-z_][\w.]*/y;
const STRING_PREFIX = /[rRbBuUfF]{1,2}(?=['"])/y;

function matchAt(re: RegExp, line: string, at: number): number {
  re.lastIndex = at;
  return re.test(line) ? re.lastIndex : -1;
}

/** Where a triple-quoted string closed by `quote` ends on `line` from `at`, or -1. */
function closeTriple(line: string, at: number, quote: string): number {
  for (let i = at; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line.startsWith(quote, i)) return i + 3;
  }
  return -1;
}

/**
 * Tokenizes one line. `state` is what the previous line left open; the result says what this one
 * leaves open. Text outside the returned tokens is plain (identifiers, operators, spaces).
 */
export function tokenizeLine(
  line: string,
  state: LineState = '',
): { tokens: Token[]; state: LineState } {
  const tokens: Token[] = [];
  let i = 0;
  if (state) {
    const end = closeTriple(line, 0, state);
    if (end < 0) {
      if (line.length) tokens.push({ start: 0, end: line.length, kind: 'string' });
      return { tokens, state };
    }
    tokens.push({ start: 0, end, kind: 'string' });
    i = end;
  }
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '#') {
      tokens.push({ start: i, end: line.length, kind: 'comment' });
      break;
    }
    const prefixEnd = matchAt(STRING_PREFIX, line, i);
    const q = prefixEnd >= 0 ? prefixEnd : i;
    if (line[q] === '"' || line[q] === "'") {
      const quote = line[q];
      const triple = line.startsWith(quote.repeat(3), q);
      if (triple) {
        const end = closeTriple(line, q + 3, quote.repeat(3));
        if (end < 0) {
          tokens.push({ start: i, end: line.length, kind: 'string' });
          return { tokens, state: quote.repeat(3) as LineState };
        }
        tokens.push({ start: i, end, kind: 'string' });
        i = end;
        continue;
      }
      let j = q + 1;
      while (j < line.length && line[j] !== quote) j += line[j] === '\\' ? 2 : 1;
      const end = Math.min(j + 1, line.length);
      tokens.push({ start: i, end, kind: 'string' });
      i = end;
      continue;
    }
    if (c === '@') {
      const end = matchAt(DECORATOR, line, i);
      if (end > 0) {
        tokens.push({ start: i, end, kind: 'tag' });
        i = end;
        continue;
      }
    }
    if (/[A-Za-z_]/.test(c)) {
      const end = matchAt(WORD, line, i);
      if (KEYWORDS.has(line.slice(i, end))) tokens.push({ start: i, end, kind: 'keyword' });
      i = end;
      continue;
    }
    if (/[0-9.]/.test(c)) {
      const end = matchAt(NUMBER, line, i);
      if (end > i && /\d/.test(line.slice(i, end))) {
        tokens.push({ start: i, end, kind: 'number' });
        i = end;
        continue;
      }
    }
    i++;
  }
  return { tokens, state: '' };
}
