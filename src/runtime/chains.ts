/**
 * The texts of a run's await chains, written after the run from the ints the recorder kept
 * (Recorder.chain_of in _recorder.py; fill_chains there is the same in Python).
 *
 * A long run makes nearly one new chain per task step (a local changes at every step), so the
 * 10,000 x 10 benchmark gives 100,000 texts. Built one string at a time they were the largest
 * part of the work done in JavaScript after a traced run (120-150 ms here). They are now written
 * as bytes into one buffer, decoded once, and cut into slices of that one string.
 */
import { EventKind as K } from '../trace/schema';

/**
 * What the await chains' texts are made of: frame heads, tuples of local names, and locals
 * already formatted as JSON members (`,"name":"repr"...`).
 */
export interface ChainTables {
  heads: string[];
  names: string[][];
  parts: string[];
}

/** A None among a chain key's values (NONE_MARK in _recorder.py). */
const NONE_MARK = 2 ** 53;

/** The JSON text of the chain key at `raw[at + 1 ..]` (its length is `raw[at]`); chain_text in
 * _recorder.py is the same. Per frame the key holds `~head` (library code: the head is the whole
 * entry), `head, line, n, values...` (user code: n indexes `names`, one value per name) or
 * `head, line, ~p` (p indexes `parts`). */
export function chainText(raw: ArrayLike<number>, at: number, t: ChainTables): string {
  const { heads, names, parts } = t;
  const end = at + 1 + raw[at];
  let j = at + 1;
  let text = '';
  while (j < end) {
    const h = raw[j++];
    if (h < 0) {
      text += ',' + heads[~h];
      continue;
    }
    const line = raw[j++];
    const n = raw[j++];
    let members = '';
    if (n < 0) {
      members = parts[~n].slice(1);
    } else {
      const local = names[n];
      for (let m = 0; m < local.length; m++) {
        const v = raw[j++];
        if (local[m].startsWith('__')) continue;
        members += `${members ? ',' : ''}"${local[m]}":"${v === NONE_MARK ? 'None' : String(v)}"`;
      }
    }
    text += `,${heads[h]}${line},{${members}}]`;
  }
  return `[${text.slice(1)}]`;
}

/** Whether the chain keys at `raw[a ..]` and `raw[b ..]` (each led by its length) are equal. */
function sameKey(raw: ArrayLike<number>, a: number, b: number): boolean {
  const n = raw[a];
  if (raw[b] !== n) return false;
  for (let k = 1; k <= n; k++) if (raw[a + k] !== raw[b + k]) return false;
  return true;
}

function keyHash(raw: ArrayLike<number>, at: number): number {
  const end = at + 1 + raw[at];
  let h = raw[at] | 0;
  for (let j = at + 1; j < end; j++) {
    const v = raw[j];
    // Values may pass 2**32 (ints up to 2**53): fold both halves in.
    h = Math.imul(h ^ (v | 0), 0x9e3779b1) ^ Math.imul((v / 4294967296) | 0, 0x85ebca6b);
  }
  return h;
}

/** Whether every character of `s` is ASCII. */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

function ascii(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

const NONE_BYTES = ascii('None');

/** A growing buffer of ASCII text. */
class AsciiWriter {
  buf = new Uint8Array(1 << 16);
  n = 0;

  room(extra: number): void {
    if (this.n + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.n + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.n));
    this.buf = next;
  }
}

/** Copies `b` into `buf` at `n`; returns the end. */
function put(buf: Uint8Array, n: number, b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) buf[n++] = b[i];
  return n;
}

/** Writes an integer in decimal at `n`, as Python's str(int) writes it (keys hold ints up to
 * 2**53); returns the end. */
function putInt(buf: Uint8Array, n: number, v: number): number {
  if (v < 0) {
    buf[n++] = 45;
    v = -v;
  }
  if (v < 10) {
    buf[n++] = 48 + v;
    return n;
  }
  let digits = 1;
  for (let p = v; p >= 10; p = Math.floor(p / 10)) digits++;
  let i = n + digits;
  n = i;
  while (v >= 10) {
    const q = Math.floor(v / 10);
    buf[--i] = 48 + (v - q * 10);
    v = q;
  }
  buf[i - 1] = 48 + v;
  return n;
}

/** The pieces of chain texts as bytes, when every piece is ASCII (else null). */
interface AsciiTables {
  heads: Uint8Array[];
  /** Each `parts` entry without its leading comma. */
  parts: Uint8Array[];
  /** Per names tuple, per name: `"name":"` (with a comma before all but the first shown local),
   * or null for a name that is not shown (dunder locals). */
  prefixes: (Uint8Array | null)[][];
  /** The most bytes one item of a key can write: its longest piece, an int of up to 17
   * characters, and the punctuation around them. */
  widest: number;
}

function asciiTables(t: ChainTables): AsciiTables | null {
  const all = [...t.heads, ...t.parts, ...t.names.flat()];
  if (!all.every(isAscii)) return null;
  const prefixes = t.names.map((local) => {
    let first = true;
    return local.map((name) => {
      if (name.startsWith('__')) return null;
      const p = ascii(`${first ? '' : ','}"${name}":"`);
      first = false;
      return p;
    });
  });
  let longest = 0;
  for (const piece of [...t.heads, ...t.parts]) longest = Math.max(longest, piece.length);
  for (const p of prefixes.flat()) if (p) longest = Math.max(longest, p.length);
  return {
    heads: t.heads.map(ascii),
    parts: t.parts.map((p) => ascii(p.slice(1))),
    prefixes,
    widest: longest + 24,
  };
}

/** Writes what chainText returns for the key at `at`, as bytes. Room for the whole text is made
 * once (every item of the key writes at most `widest` bytes), so the writes below are plain
 * stores into the buffer. */
function writeChain(w: AsciiWriter, raw: ArrayLike<number>, at: number, t: AsciiTables): void {
  const end = at + 1 + raw[at];
  w.room((end - at) * t.widest + 2);
  const buf = w.buf;
  let n = w.n;
  let j = at + 1;
  buf[n++] = 0x5b; // [
  let first = true;
  while (j < end) {
    if (!first) buf[n++] = 0x2c; // ,
    first = false;
    const h = raw[j++];
    if (h < 0) {
      n = put(buf, n, t.heads[~h]);
      continue;
    }
    n = put(buf, n, t.heads[h]);
    n = putInt(buf, n, raw[j++]);
    buf[n++] = 0x2c;
    buf[n++] = 0x7b; // {
    const k = raw[j++];
    if (k < 0) {
      n = put(buf, n, t.parts[~k]);
    } else {
      const prefixes = t.prefixes[k];
      for (let m = 0; m < prefixes.length; m++) {
        const v = raw[j++];
        const p = prefixes[m];
        if (p === null) continue;
        n = put(buf, n, p);
        n = v === NONE_MARK ? put(buf, n, NONE_BYTES) : putInt(buf, n, v);
        buf[n++] = 0x22; // "
      }
    }
    buf[n++] = 0x7d; // }
    buf[n++] = 0x5d; // ]
  }
  buf[n++] = 0x5d;
  w.n = n;
}

/**
 * Gives the await chains their texts, exactly as Python would (fill_chains in _recorder.py).
 * The recorder leaves this to the end of the run because nearly every chain of a long run is new,
 * and building the texts, or even looking each chain up, in Python cost a large part of the
 * tracing time. Each AWAIT_CHAIN event arrives holding its chain's offset in `raw`
 * (Recorder.chain_raw). Equal keys mean equal texts, so chains are told apart by their keys (a
 * hash of the ints, then a comparison), and each distinct chain's text is built once, appended to
 * the string table in event order, and shared by the events that hold that chain.
 */
export function fillChains(
  strings: string[],
  raw: ArrayLike<number>,
  t: ChainTables,
  events: { kind: ArrayLike<number>; b: { [i: number]: number; length: number } },
): void {
  const { kind, b } = events;
  let count = 0;
  for (let i = 0; i < kind.length; i++) if (kind[i] === K.AWAIT_CHAIN) count++;
  if (count === 0) return;
  // Distinct keys by open addressing: a slot holds a key's offset + 1 (0: empty) and its string.
  let size = 16;
  while (size < count * 2) size *= 2;
  const mask = size - 1;
  const slotAt = new Int32Array(size);
  const slotString = new Int32Array(size);
  // Anything but ASCII (a local's repr in Chinese, say) takes the string path: byte offsets in
  // the buffer are then no longer character offsets in its text.
  const bytes = asciiTables(t);
  const w = new AsciiWriter();
  const first = strings.length;
  const ends: number[] = [];
  for (let i = 0; i < kind.length; i++) {
    if (kind[i] !== K.AWAIT_CHAIN) continue;
    const at = b[i];
    let slot = keyHash(raw, at) & mask;
    let s = -1;
    for (let o = slotAt[slot]; o !== 0; o = slotAt[slot]) {
      if (sameKey(raw, o - 1, at)) {
        s = slotString[slot];
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (s < 0) {
      s = strings.length;
      if (bytes) {
        writeChain(w, raw, at, bytes);
        ends.push(w.n);
        strings.push('');
      } else {
        strings.push(chainText(raw, at, t));
      }
      slotAt[slot] = at + 1;
      slotString[slot] = s;
    }
    b[i] = s;
  }
  if (bytes) {
    // One decode of the whole buffer, then slices of that string (cheap: they share it).
    const all = new TextDecoder().decode(w.buf.subarray(0, w.n));
    let start = 0;
    for (let k = 0; k < ends.length; k++) {
      strings[first + k] = all.slice(start, ends[k]);
      start = ends[k];
    }
  }
}
