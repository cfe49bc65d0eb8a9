/**
 * The first-stage editor's Python colours (lite-editor.ts). Their one job is to look exactly like
 * Monaco's once it takes over, so this follows the rules of Monaco's own Python grammar
 * (monaco-editor's `languages/definitions/python`), quirks included: which words are coloured,
 * f-string fields in the default colour, a minus sign as part of a number, a one-word decorator,
 * a string that ends where its line ends. A general-purpose highlighter (Prism's Python grammar)
 * was measured against Monaco and disagrees on far more (docs/architecture.md, "Why not Prism").
 *
 * Like Monaco's it is line-based: each line is tokenized from the state the previous one left
 * (an open triple-quoted string, or an open string or f-string field after a backslash), so it
 * never needs more than one line of lookahead.
 */

/** Token classes, named after the Monaco token types they imitate. */
export type TokenKind = 'keyword' | 'string' | 'comment' | 'number' | 'hex' | 'tag' | 'delimiter';

export interface Token {
  start: number;
  end: number;
  kind: TokenKind;
}

/**
 * What a line leaves open for the next one: nothing (''), a triple-quoted string (`'''`, `"""`),
 * a string or f-string (`'`, `"`, `f'`, `f"`; only after a backslash at the end of the line, or a
 * line ending in an escape), or a field of an f-string (`f'{`, `f"{`).
 */
export type LineState = '' | "'''" | '"""' | "'" | '"' | "f'" | 'f"' | "f'{" | 'f"{';

/**
 * The words Monaco's Python grammar colours as keywords: Python's keywords and soft keywords,
 * builtins (some from Python 2), `self` and a few dunder names. python-tokens.test.ts checks this
 * list against the grammar in node_modules, so a Monaco upgrade that changes it fails a test.
 */
export const MONACO_PYTHON_WORDS: ReadonlySet<string> = new Set(
  (
    'False None True _ and as assert async await break case class continue def del elif else ' +
    'except exec finally for from global if import in is lambda match nonlocal not or pass ' +
    'print raise return try type while with yield int float long complex hex abs all any ' +
    'apply basestring bin bool buffer bytearray callable chr classmethod cmp coerce compile ' +
    'delattr dict dir divmod enumerate eval execfile file filter format frozenset getattr ' +
    'globals hasattr hash help id input intern isinstance issubclass iter len locals list map ' +
    'max memoryview min next object oct open ord pow property reversed range raw_input reduce ' +
    'reload repr round self set setattr slice sorted staticmethod str sum super tuple unichr ' +
    'unicode vars xrange zip __dict__ __methods__ __members__ __class__ __bases__ __name__ ' +
    '__mro__ __subclasses__ __init__ __import__'
  ).split(' '),
);

const HEX = /-?0x[0-9a-fA-F]+[lL]?/y;
const NUMBER = /-?(?:\d*\.)?\d+(?:[eE][+-]?\d+)?[jJ]?[lL]?/y;
const WORD = /[a-zA-Z_]\w*/y;
const DECORATOR = /@[a-zA-Z_]\w*/y;
/** An f-string field's expression, up to what ends it or starts its conversion or format. */
const FIELD = /\{[^}':!=]+/y;

function matchAt(re: RegExp, line: string, at: number): number {
  re.lastIndex = at;
  return re.test(line) ? re.lastIndex : -1;
}

/** Where a run of string text from `at` stops: at a backslash, the quote, or a brace in an
 * f-string; the line's length if none. */
function stringRunEnd(line: string, at: number, quote: string, f: boolean): number {
  let i = at;
  while (i < line.length) {
    const c = line[i];
    if (c === '\\' || c === quote || (f && (c === '{' || c === '}'))) break;
    i++;
  }
  return i;
}

/**
 * Tokenizes one line. `state` is what the previous line left open; the result says what this one
 * leaves open. Text outside the returned tokens has the default colour (names, operators, spaces).
 */
export function tokenizeLine(
  line: string,
  state: LineState = '',
): { tokens: Token[]; state: LineState } {
  const tokens: Token[] = [];
  const push = (start: number, end: number, kind: TokenKind) => {
    const last = tokens[tokens.length - 1];
    // Neighbouring pieces of one kind are one span.
    if (last && last.end === start && last.kind === kind) last.end = end;
    else tokens.push({ start, end, kind });
  };
  let i = 0;
  let s: LineState = state;
  while (i < line.length) {
    if (s === "'''" || s === '"""') {
      // Everything up to the closing quotes is string; a backslash does not escape them.
      const close = line.indexOf(s, i);
      const end = close < 0 ? line.length : close + 3;
      push(i, end, 'string');
      if (close >= 0) s = '';
      i = end;
      continue;
    }
    if (s === "f'{" || s === 'f"{') {
      // Inside a field: a conversion or format is string, the closing brace ends the field.
      const c = line[i];
      if (c === ':' && i + 1 < line.length && line[i + 1] !== '}') {
        const close = line.indexOf('}', i + 1);
        const end = close < 0 ? line.length : close;
        push(i, end, 'string');
        i = end;
      } else if (c === '!' && /[ars]/.test(line[i + 1] ?? '')) {
        push(i, i + 2, 'string');
        i += 2;
      } else if (c === '=') {
        push(i, i + 1, 'string');
        i++;
      } else {
        if (c === '}') s = s === "f'{" ? "f'" : 'f"';
        i++;
      }
      continue;
    }
    if (s !== '') {
      const quote = s[s.length - 1];
      const f = s.length === 2;
      const c = line[i];
      if (c === quote) {
        push(i, i + 1, 'string');
        s = '';
        i++;
      } else if (c === '\\') {
        // An escape, or a backslash that continues the string on the next line.
        push(i, Math.min(i + 2, line.length), 'string');
        i += 2;
      } else if (f && c === '{') {
        const end = matchAt(FIELD, line, i);
        if (end > 0) {
          s = `${s}{` as LineState;
          i = end;
        } else {
          i++;
        }
      } else if (f && c === '}') {
        i++;
      } else {
        const end = stringRunEnd(line, i, quote, f);
        push(i, end, 'string');
        // Text that runs to the end of the line closes the string there.
        if (end === line.length) s = '';
        i = end;
      }
      continue;
    }

    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\f' || c === '\v' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      push(i, line.length, 'comment');
      break;
    }
    if (line.startsWith("'''", i) || line.startsWith('"""', i)) {
      push(i, i + 3, 'string');
      s = line.slice(i, i + 3) as LineState;
      i += 3;
      continue;
    }
    if (c === '-' || c === '.' || (c >= '0' && c <= '9')) {
      const hex = matchAt(HEX, line, i);
      const end = hex > 0 ? hex : matchAt(NUMBER, line, i);
      if (end > 0) {
        push(i, end, hex > 0 ? 'hex' : 'number');
        i = end;
        continue;
      }
    }
    const fString = c === 'f' && (line[i + 1] === "'" || line[i + 1] === '"');
    if (c === "'" || c === '"' || fString) {
      const quote = fString ? line[i + 1] : c;
      let end = fString ? i + 1 : i;
      // The opening quote; an f-string's may be doubled or tripled, and is then still only one.
      const max = fString ? 3 : 1;
      for (let n = 0; n < max && line[end] === quote; n++) end++;
      push(i, end, 'string');
      // A plain quote that ends its line opens nothing; an f-string's opening always opens one.
      if (fString) s = `f${quote}` as LineState;
      else if (end < line.length) s = quote as LineState;
      i = end;
      continue;
    }
    if (c === ',' || c === ':' || c === ';' || '()[]{}'.includes(c)) {
      push(i, i + 1, 'delimiter');
      i++;
      continue;
    }
    if (c === '@') {
      const end = matchAt(DECORATOR, line, i);
      if (end > 0) {
        push(i, end, 'tag');
        i = end;
        continue;
      }
    }
    const word = matchAt(WORD, line, i);
    if (word > 0) {
      if (MONACO_PYTHON_WORDS.has(line.slice(i, word))) push(i, word, 'keyword');
      i = word;
      continue;
    }
    i++;
  }
  return { tokens, state: s };
}

const CLOSER_OF: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/**
 * The colour level of each bracket in `brackets` (the program's brackets outside strings and
 * comments, in order), as Monaco's bracket pair colouring gives them: a pair's level is how many
 * brackets enclose it, and -1 marks a bracket with no partner (an opener never closed, or a closer
 * with no opener). A closer that matches an outer opener leaves the openers inside it unclosed.
 */
export function bracketLevels(brackets: string): number[] {
  const levels: number[] = new Array<number>(brackets.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < brackets.length; i++) {
    const c = brackets[i];
    if (c in CLOSER_OF) {
      open.push(i);
      continue;
    }
    let k = open.length - 1;
    while (k >= 0 && CLOSER_OF[brackets[open[k]]] !== c) k--;
    // No opener for it: left at -1. Otherwise the openers above the match stay -1 (unclosed).
    if (k < 0) continue;
    levels[open[k]] = levels[i] = k;
    open.length = k;
  }
  return levels;
}
