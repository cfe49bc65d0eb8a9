import { describe, expect, it } from 'vitest';
import { tabFor } from './tab-keys';

describe('tabFor', () => {
  it('moves right and left with wrap-around', () => {
    expect(tabFor('ArrowRight', 0, 2)).toBe(1);
    expect(tabFor('ArrowRight', 1, 2)).toBe(0);
    expect(tabFor('ArrowLeft', 0, 2)).toBe(1);
    expect(tabFor('ArrowLeft', 2, 3)).toBe(1);
  });

  it('goes to the first and last tab with Home and End', () => {
    expect(tabFor('Home', 2, 3)).toBe(0);
    expect(tabFor('End', 0, 3)).toBe(2);
  });

  it('leaves other keys (and an empty strip) alone', () => {
    expect(tabFor('ArrowDown', 0, 2)).toBeNull();
    expect(tabFor(' ', 0, 2)).toBeNull();
    expect(tabFor('Home', 0, 0)).toBeNull();
  });
});
