/**
 * TimeScale: the mapping between an axis domain (steps or virtual seconds) and pixels, and the
 * moves a person makes on it (zoom around the pointer, pan, fit, zoom to a selection). Immutable
 * and free of the DOM, so every navigation rule is unit-tested and the view is just (model,
 * scale, scroll).
 */

export interface ScaleLimits {
  /** The run's extent: the view may not wander further than a margin beyond it. */
  min: number;
  max: number;
  /** Narrowest view allowed, in domain units (a few steps, or a microsecond). */
  minSpan: number;
}

/** Fraction of the extent a view may show beyond either end, so edge events are not clipped. */
const MARGIN = 0.02;

export class TimeScale {
  /**
   * @param start domain value at pixel 0
   * @param end domain value at pixel `width`
   * @param width drawing width in CSS pixels
   * @param limits bounds the navigation respects
   */
  constructor(
    readonly start: number,
    readonly end: number,
    readonly width: number,
    readonly limits: ScaleLimits,
  ) {}

  /** A scale showing the whole extent (plus its margin). */
  static fit(limits: ScaleLimits, width: number): TimeScale {
    return new TimeScale(limits.min, limits.max, width, limits).fit();
  }

  get span(): number {
    return this.end - this.start;
  }

  /** Domain units per pixel. */
  get unitsPerPx(): number {
    return this.span / Math.max(1, this.width);
  }

  toPx(x: number): number {
    return ((x - this.start) / this.span) * this.width;
  }

  toDomain(px: number): number {
    return this.start + (px / Math.max(1, this.width)) * this.span;
  }

  /** Same view on a canvas of another width (the domain stays, pixels stretch). */
  withWidth(width: number): TimeScale {
    return new TimeScale(this.start, this.end, width, this.limits);
  }

  /** Whole run, with a small margin on both sides. */
  fit(): TimeScale {
    const { min, max } = this.limits;
    const pad = (max - min) * MARGIN;
    return new TimeScale(min - pad, max + pad, this.width, this.limits);
  }

  /**
   * Zoom by `factor` (> 1 zooms in) keeping the domain value under pixel `px` where it is, as a
   * wheel zoom should.
   */
  zoomAt(px: number, factor: number): TimeScale {
    if (!(factor > 0)) return this;
    const anchor = this.toDomain(px);
    const frac = px / Math.max(1, this.width);
    const span = this.span / factor;
    return this.set(anchor - frac * span, anchor + (1 - frac) * span, frac);
  }

  /** Move the view by `dpx` pixels (positive moves the content left, showing later times). */
  pan(dpx: number): TimeScale {
    const d = dpx * this.unitsPerPx;
    return this.shift(d);
  }

  /** Show [a, b] (in either order), as zoom-to-selection does. */
  zoomTo(a: number, b: number): TimeScale {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    return this.set(lo, hi, 0.5);
  }

  /** Center the view on x without changing the zoom. */
  centerOn(x: number): TimeScale {
    return this.shift(x - (this.start + this.end) / 2);
  }

  /** Moves the view to contain x if it is outside (for following the cursor). */
  reveal(x: number): TimeScale {
    if (x >= this.start && x <= this.end) return this;
    return this.centerOn(x);
  }

  private shift(d: number): TimeScale {
    const { lo, hi } = this.bounds();
    let start = this.start + d;
    let end = this.end + d;
    if (start < lo) {
      end += lo - start;
      start = lo;
    }
    if (end > hi) {
      start -= end - hi;
      end = hi;
    }
    if (start < lo) start = lo;
    return new TimeScale(start, end, this.width, this.limits);
  }

  private bounds() {
    const { min, max } = this.limits;
    const pad = (max - min) * MARGIN;
    return { lo: min - pad, hi: max + pad };
  }

  /**
   * The view [start, end], clamped: never narrower than minSpan (growing around the anchor at
   * fraction `frac`), never wider than the padded extent, and slid back inside it.
   */
  private set(start: number, end: number, frac: number): TimeScale {
    const { lo, hi } = this.bounds();
    let span = end - start;
    const minSpan = this.limits.minSpan;
    if (!(span >= minSpan)) {
      const anchor = start + frac * span;
      span = minSpan;
      start = anchor - frac * span;
      end = start + span;
    }
    if (span >= hi - lo) return new TimeScale(lo, hi, this.width, this.limits);
    if (start < lo) {
      end += lo - start;
      start = lo;
    }
    if (end > hi) {
      start -= end - hi;
      end = hi;
    }
    return new TimeScale(start, end, this.width, this.limits);
  }
}

/** Round ticks (1, 2 or 5 times a power of ten) between start and end, about `count` of them. */
export function niceTicks(
  start: number,
  end: number,
  count: number,
): { step: number; ticks: number[] } {
  const span = end - start;
  if (!(span > 0) || count < 1) return { step: 0, ticks: [] };
  const raw = span / count;
  const pow = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / pow;
  const step = (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * pow;
  const ticks: number[] = [];
  const first = Math.ceil(start / step);
  for (let k = first; k * step <= end + step * 1e-9; k++) {
    ticks.push(+(k * step).toPrecision(12));
    if (ticks.length > 1000) break;
  }
  return { step, ticks };
}
