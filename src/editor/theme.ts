/**
 * The editor follows the page's colour theme. The page sets `data-theme` on <html> (a link's
 * `theme=light`, see src/share/LaunchedPlayground.tsx); Monaco's theme is global to the page, so
 * one observer per editor keeps them in step whenever the attribute changes.
 */

/** Monaco theme names defined in ./monaco.ts. */
export const EDITOR_THEMES = { dark: 'loopscope-dark', light: 'loopscope-light' } as const;

/** The Monaco theme for a page theme (`data-theme`); anything but 'light' is the dark default. */
export function editorThemeFor(pageTheme: string | null | undefined): string {
  return pageTheme === 'light' ? EDITOR_THEMES.light : EDITOR_THEMES.dark;
}

/**
 * Calls `apply` with the Monaco theme for the page now and again whenever <html>'s data-theme
 * changes. Returns the function that stops watching.
 */
export function followPageTheme(apply: (theme: string) => void, root?: HTMLElement): () => void {
  const el = root ?? (typeof document !== 'undefined' ? document.documentElement : undefined);
  if (!el) {
    apply(EDITOR_THEMES.dark);
    return () => {};
  }
  let current = editorThemeFor(el.dataset.theme);
  apply(current);
  if (typeof MutationObserver === 'undefined') return () => {};
  const observer = new MutationObserver(() => {
    const next = editorThemeFor(el.dataset.theme);
    if (next === current) return;
    current = next;
    apply(next);
  });
  observer.observe(el, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}
