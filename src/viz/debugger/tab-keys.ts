/**
 * The WAI-ARIA tabs pattern's keys (automatic activation): on a tab, Left and Right move to the
 * previous and next tab (wrapping around), Home and End to the first and last, and the tab
 * reached is both focused and selected. Only the selected tab is in the Tab order (roving
 * tabindex), so Tab leaves the strip for the tab panel.
 */

/** The tab index `key` moves to from tab `at` of `count`, or null when the key is not a tab key. */
export function tabFor(key: string, at: number, count: number): number | null {
  if (count <= 0) return null;
  switch (key) {
    case 'ArrowRight':
      return (at + 1) % count;
    case 'ArrowLeft':
      return (at - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
