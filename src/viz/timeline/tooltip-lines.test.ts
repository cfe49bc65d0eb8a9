import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RunLines } from '../../editor/line-map';
import { initI18n } from '../../i18n';
import { traceFromJson } from '../../trace/json';
import { translatorFor } from '../i18n';
import { fragmentLines, lineInText } from '../tasks/run-lines';
import { buildTimelineModel, describeMarker, MarkerKind, truncate } from './model';

initI18n('en');

/** The run's lines after two lines were typed above them, `gone` deleted since. */
function movedBy2(gone = -1): RunLines {
  return { version: 1, lineOf: (line) => (line === gone ? 0 : line + 2) };
}

describe("the timeline's tooltips after an edit (the editor's line numbers)", () => {
  const golden = readFileSync(
    new URL('../../../tests/golden/deadlock.trace.json', import.meta.url),
    'utf8',
  );
  const model = buildTimelineModel(traceFromJson(golden));
  const warning = Array.from(model.markers.kind).indexOf(MarkerKind.WARNING);
  const zh = translatorFor('zh-CN');

  it("names a deadlock's line as the editor numbers it now", () => {
    expect(describeMarker(model, warning, zh)).toContain('在第 21 行等待');
    expect(describeMarker(model, warning, fragmentLines(zh, movedBy2()))).toContain(
      '在第 23 行等待',
    );
  });

  it("marks a deleted line for the tooltip to strike, as the panels' texts do", () => {
    const text = describeMarker(model, warning, fragmentLines(zh, movedBy2(21)));
    expect(text).toContain(`在第 ${lineInText(movedBy2(21), 21)} 行等待`);
  });

  it('never cuts a long text between the two marks of a deleted line', () => {
    const gone = String(lineInText(movedBy2(7), 7));
    const text = `a Future created at line ${gone} and more words after it`;
    const at = text.indexOf(gone);
    // Cut after the number, before its closing mark: the number goes, and its opening mark too.
    const cut = truncate(text, at + gone.length);
    expect(cut).toBe('a Future created at line …');
    // Cut after the closing mark: the marked number is kept whole.
    expect(truncate(text, at + gone.length + 2)).toBe(`a Future created at line ${gone} …`);
  });
});
