/**
 * Small allocation-light building blocks for the trace index: growable Int32 columns, per-entity
 * logs stored as CSR (offsets + one flat array, sorted by event within each entity), and binary
 * searches over sorted Int32Arrays.
 */

/** Sentinel event index for "never happens": compares greater than any real step. */
export const NEVER = 0x7fffffff;

export class IntColumn {
  data: Int32Array;
  length = 0;
  constructor(capacity = 256) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): number {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length] = v;
    return this.length++;
  }
  finish(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Per-entity log in compressed-sparse-row form: the events of entity i are
 * `ev[off[i]] .. ev[off[i + 1] - 1]`, in event order, and `val` (when present) runs parallel.
 */
export interface Csr {
  off: Int32Array;
  ev: Int32Array;
  /** Int32, or Uint8 after `narrowValues` when every value fits in a byte. */
  val: Int32Array | Uint8Array | null;
}

/** The same log with its values in a Uint8Array when they all fit (state codes, small counts). */
export function narrowValues(csr: Csr): Csr {
  const val = csr.val;
  if (!val) return csr;
  for (let k = 0; k < val.length; k++) if (val[k] < 0 || val[k] > 255) return csr;
  return { off: csr.off, ev: csr.ev, val: Uint8Array.from(val) };
}

/** Collects (entity, event[, value]) rows in event order, then sorts them by entity once. */
export class CsrBuilder {
  private readonly ent = new IntColumn();
  private readonly evs = new IntColumn();
  private readonly vals: IntColumn | null;
  constructor(withValues = false) {
    this.vals = withValues ? new IntColumn() : null;
  }
  /** Adds a row; returns its handle for `setValue` (valid until `finish`). */
  add(entity: number, event: number, value = 0): number {
    this.ent.push(entity);
    if (this.vals) this.vals.push(value);
    return this.evs.push(event);
  }
  setValue(row: number, value: number): void {
    if (this.vals) this.vals.data[row] = value;
  }
  getValue(row: number): number {
    return this.vals ? this.vals.data[row] : 0;
  }
  /** Counting sort by entity: stable, so rows stay in event order within an entity. */
  finish(entities: number): Csr {
    const n = this.ent.length;
    const ent = this.ent.data;
    const off = new Int32Array(entities + 1);
    for (let i = 0; i < n; i++) off[ent[i] + 1]++;
    for (let i = 0; i < entities; i++) off[i + 1] += off[i];
    const fill = off.slice(0, entities);
    const ev = new Int32Array(n);
    const val = this.vals ? new Int32Array(n) : null;
    const srcEv = this.evs.data;
    const srcVal = this.vals ? this.vals.data : null;
    for (let i = 0; i < n; i++) {
      const p = fill[ent[i]]++;
      ev[p] = srcEv[i];
      if (val && srcVal) val[p] = srcVal[i];
    }
    return { off, ev, val };
  }
}

/** Index of the last element <= x in sorted arr[lo, hi), or lo - 1 when there is none. */
export function lastAtOrBefore(arr: Int32Array, x: number, lo = 0, hi = arr.length): number {
  let l = lo;
  let h = hi;
  while (l < h) {
    const m = (l + h) >>> 1;
    if (arr[m] <= x) l = m + 1;
    else h = m;
  }
  return l - 1;
}

/** Index of the first element > x in sorted arr[lo, hi), or hi when there is none. */
export function firstAfter(arr: Int32Array, x: number, lo = 0, hi = arr.length): number {
  return lastAtOrBefore(arr, x, lo, hi) + 1;
}

/** Count of elements <= x in sorted arr. */
export function countAtOrBefore(arr: Int32Array, x: number): number {
  return lastAtOrBefore(arr, x) + 1;
}

/** Bytes held by typed arrays reachable from an object (one level of nesting), for reports. */
export function typedBytes(obj: object): number {
  let total = 0;
  for (const v of Object.values(obj)) {
    if (ArrayBuffer.isView(v)) total += v.byteLength;
    else if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const w of Object.values(v)) if (ArrayBuffer.isView(w)) total += w.byteLength;
    }
  }
  return total;
}
