/**
 * Monaco's own texts (the find widget, hovers, the command names its keyboard help and aria
 * labels use) in the page's language. Monaco's ESM build looks each of them up by number in
 * `globalThis._VSCODE_NLS_MESSAGES` (vs/nls.js), falling back to English, and many lookups happen
 * while its modules evaluate (action titles, icons, settings), so the table must be in place
 * before the first Monaco module runs. Monaco ships one table per language as a script that sets
 * the global (vs/nls/lang/zh-cn.js, 180 kB); it is fetched only for a Chinese page.
 *
 * Two chunks evaluate Monaco: the editor's (./CodeEditor, via LazyCodeEditor) and the debugger's
 * panels (src/viz/debugger, which reaches Monaco's editors through editor-bridge). Both are loaded
 * through `whenMonacoLocaleReady()`, so whichever comes first finds the table set.
 *
 * The language is the one the page has when Monaco first loads. Monaco reads its texts once, so
 * a switch of language after that leaves Monaco's own texts as they were until the page reloads.
 */
import { currentLanguage } from '../i18n';

let ready: Promise<void> | null = null;

/**
 * Resolves once Monaco's messages for the page's language are set (at once for English, Monaco's
 * own). Never rejects: without its table Monaco is English, which is no reason not to load it.
 */
export function whenMonacoLocaleReady(): Promise<void> {
  ready ??=
    currentLanguage() === 'zh-CN'
      ? import('monaco-editor/esm/vs/nls/lang/zh-cn.js').then(
          () => undefined,
          () => undefined,
        )
      : Promise.resolve();
  return ready;
}
