import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../i18n';
import { cancelState } from '../viz/fixtures';
import { translatorFor } from '../viz/i18n';
import {
  ParkedIndex,
  attachDebugger,
  debugDecorations,
  decorationsKey,
  parkedHover,
  taskStyles,
} from './debug-decorations';
import type { ErrorMark } from './debug-decorations';
import type { TaskView, TraceState } from '../trace/types';
import type { LineChange, RunLines } from './line-map';

const classesAt = (decos: ReturnType<typeof debugDecorations>, line: number) =>
  decos
    .filter((d) => d.range.startLineNumber === line)
    .map((d) => `${d.options.className ?? ''} ${d.options.linesDecorationsClassName ?? ''}`)
    .join(' ');

describe('debugDecorations', () => {
  it('marks the current line, suspended tasks and warning lines', () => {
    const d = debugDecorations(cancelState, { selectedTask: -1, lineCount: 20 });
    expect(classesAt(d, 13)).toContain('ls-current-line');
    expect(classesAt(d, 13)).toContain('ls-cur-t0');
    // alpha (task 1) is suspended at line 5, reader (task 3) at line 15
    expect(classesAt(d, 5)).toContain('ls-gut-t1');
    expect(classesAt(d, 15)).toContain('ls-gut-t3');
    // the blocking-call warning at line 7: a warning's mark, not a crash's
    expect(classesAt(d, 7)).toContain('ls-warning-line');
    expect(classesAt(d, 7)).toContain('ls-gut-warning');
    expect(classesAt(d, 7)).not.toContain('ls-gut-error');
    // a task being cancelled is still parked at its await
    const cancelling = {
      ...cancelState,
      tasks: cancelState.tasks.map((t) =>
        t.id === 1 ? { ...t, state: 'cancelling' as const } : t,
      ),
    };
    expect(
      classesAt(debugDecorations(cancelling, { selectedTask: -1, lineCount: 20 }), 5),
    ).toContain('ls-gut-t1');
    // nothing for the done task beta
    expect(d.some((x) => x.options.linesDecorationsClassName?.includes('ls-gut-t2'))).toBe(false);
  });

  it("gives an error's red mark the gutter of a line where tasks are parked, not a warning's", () => {
    // A deadlock is marked where its first task waits: alpha (task 1) is parked at line 5.
    const state: TraceState = {
      ...cancelState,
      warnings: [
        { kind: 'deadlock', line: 5, step: 2, message: 'deadlock: alpha waits for Lock `a`' },
        { kind: 'blocking-call', line: 15, step: 3, message: 'time.sleep(1) blocked the loop' },
      ],
    };
    const d = debugDecorations(state, { selectedTask: -1, lineCount: 20 });
    expect(classesAt(d, 5)).toContain('ls-gut-error');
    expect(classesAt(d, 5)).toContain('ls-error-line');
    expect(classesAt(d, 5)).not.toContain('ls-gut-t1');
    // A milder warning leaves the dot of the task parked there (reader, task 3), with its tint.
    expect(classesAt(d, 15)).toContain('ls-gut-t3');
    expect(classesAt(d, 15)).toContain('ls-warning-line');
    expect(classesAt(d, 15)).not.toContain('ls-gut-warning');
  });

  it('highlights the selected task lines and drops lines past the end of the model', () => {
    const d = debugDecorations(cancelState, { selectedTask: 1, lineCount: 12 });
    const selected = d.filter((x) => x.options.className?.includes('ls-sel-t1'));
    expect(selected.map((x) => x.range.startLineNumber).sort((a, b) => a - b)).toEqual([5, 10]);
    expect(d.some((x) => x.range.startLineNumber > 12)).toBe(false);
  });

  it('groups tasks parked on one line into one mark naming them all', () => {
    const many: TraceState = {
      ...cancelState,
      tasks: Array.from({ length: 30 }, (_, i) => ({
        ...cancelState.tasks[1],
        id: i + 10,
        name: `w${i}`,
      })),
      warnings: [],
      currentLine: 0,
    };
    const d = debugDecorations(many, { selectedTask: -1, lineCount: 20 });
    expect(d).toHaveLength(1);
    expect(d[0].options.linesDecorationsClassName).toContain('ls-gut-many');
    expect(d[0].options.linesDecorationsClassName).toContain('ls-gut-t10 ');
    const withSelection = debugDecorations(many, { selectedTask: 25, lineCount: 20 });
    expect(withSelection[0].options.linesDecorationsClassName).toContain('ls-gut-t25 ');
    // The names and the count are the hover's (parkedHover), not the mark's: a task parking or
    // waking leaves the marks as they were.
    expect(d[0].options.hoverMessage).toBeUndefined();
    const fewer = debugDecorations(
      { ...many, tasks: many.tasks.map((t, i) => (i === 29 ? { ...t, state: 'running' } : t)) },
      { selectedTask: -1, lineCount: 20 },
    );
    expect(decorationsKey(fewer)).toBe(decorationsKey(d));
    const hover = parkedHover({
      names: many.tasks.slice(0, 12).map((t) => t.name),
      count: 30,
      task: 10,
    });
    expect(hover).toContain('w0, w1');
    expect(hover).toContain('and 18 more');
    expect(parkedHover({ names: ['a', 'b'], count: 2, task: 1 })).toBe('Suspended here: a, b');
  });

  it('takes parked lines from awaitLine when given, without reading any chain', () => {
    const unread: TraceState = {
      ...cancelState,
      tasks: cancelState.tasks.map((t) =>
        Object.create(t, {
          chain: {
            get() {
              throw new Error(`chain of task ${t.id} read`);
            },
          },
        }),
      ),
      currentLine: 0,
    };
    const parked = cancelState.tasks.filter((t) =>
      ['suspended', 'ready', 'cancelling'].includes(t.state),
    );
    expect(parked.length).toBeGreaterThan(0);
    const d = debugDecorations(unread, { selectedTask: -1, lineCount: 20, awaitLine: () => 9 });
    expect(classesAt(d, 9)).toContain('ls-gut-task');
    const index = new ParkedIndex();
    index.update(unread.tasks, 20, () => 9);
    const hover = parkedHover(index.grouping(-1).get(9)!);
    for (const t of parked) expect(hover).toContain(t.name);
  });

  it('keys equal marks equally, and any difference apart', () => {
    const opts = { selectedTask: -1, lineCount: 20 };
    const a = decorationsKey(debugDecorations(cancelState, opts));
    expect(decorationsKey(debugDecorations({ ...cancelState, explanation: 'x' }, opts))).toBe(a);
    expect(decorationsKey(debugDecorations({ ...cancelState, currentLine: 3 }, opts))).not.toBe(a);
    expect(decorationsKey(debugDecorations(cancelState, { ...opts, selectedTask: 1 }))).not.toBe(a);
  });

  it('words the hovers in the reader’s language', () => {
    setLanguage('zh-CN', { persist: false });
    try {
      const zh = translatorFor('zh-CN');
      expect(parkedHover({ names: ['alpha'], count: 1, task: 1 }, zh)).toBe('在此挂起：alpha');
      expect(parkedHover({ names: ['a', 'b'], count: 20, task: 1 }, zh)).toBe(
        '在此挂起：a, b，另有 8 个',
      );
      const blocking =
        'time.sleep(1.0) blocked the event loop for 1 s: no other task ran meanwhile (use await asyncio.sleep)';
      const state: TraceState = {
        ...cancelState,
        warnings: [{ kind: 'blocking-call', line: 7, step: 4, message: blocking }],
      };
      const hoverAt = (d: ReturnType<typeof debugDecorations>, line: number) =>
        d.find((x) => x.range.startLineNumber === line && x.options.hoverMessage)?.options
          .hoverMessage as { value: string };
      const opts = { selectedTask: -1, lineCount: 20 };
      expect(hoverAt(debugDecorations(state, opts), 7).value).toContain('blocked the event loop');
      const words = hoverAt(debugDecorations(state, { ...opts, words: zh }), 7).value;
      expect(words).toContain('time.sleep(1.0)');
      expect(words).toMatch(/[\u4e00-\u9fff]/);
      expect(words).not.toContain('blocked');
      // A failed task's mark: the connective is the reader's, the names and the error are not.
      const failed = [
        {
          step: 1,
          line: 9,
          type: 'w1 raised ValueError',
          traceback: '',
          taskName: 'w1',
          raised: 'ValueError',
        },
      ];
      expect(hoverAt(debugDecorations(state, { ...opts, errors: failed }), 9).value).toBe(
        'w1 raised ValueError',
      );
      expect(
        hoverAt(debugDecorations(state, { ...opts, errors: failed, words: zh }), 9).value,
      ).toBe('w1 抛出了 ValueError');
    } finally {
      setLanguage('en', { persist: false });
    }
  });

  it('marks uncaught exceptions raised up to the step', () => {
    const errors = [
      { step: 10, line: 6, type: 'ValueError', traceback: 'ValueError: boom' },
      { step: 99, line: 18, type: 'KeyError', traceback: '' },
    ];
    const d = debugDecorations(cancelState, { selectedTask: -1, lineCount: 20, errors });
    expect(classesAt(d, 6)).toContain('ls-error-line');
    expect(classesAt(d, 18)).not.toContain('ls-error-line'); // raised after step 57
  });

  it('marks errors red, warnings and legacy notes with milder marks, and keeps every hover', () => {
    const note =
      'Legacy asyncio: @asyncio.coroutine generator coroutine. Modern equivalent: `async def` with `await` instead of `yield from`';
    const state: TraceState = {
      ...cancelState,
      currentLine: 0,
      warnings: [
        { kind: 'legacy', line: 2, step: 1, message: note },
        { kind: 'deadlock', line: 3, step: 2, message: 'deadlock: main waits for Lock `a`' },
        { kind: 'legacy', line: 6, step: 3, message: note },
        { kind: 'blocking-call', line: 7, step: 4, message: 'time.sleep(1) blocked the loop' },
      ],
    };
    const errors = [{ step: 5, line: 6, type: 'ValueError', traceback: 'ValueError: boom' }];
    const d = debugDecorations(state, { selectedTask: -1, lineCount: 20, errors });
    const gutter = (line: number) =>
      d.find((x) => x.range.startLineNumber === line && x.options.hoverMessage)?.options;
    // A legacy note on a program that runs fine: an "i", never the crash's "!".
    expect(classesAt(d, 2)).toContain('ls-gut-note');
    expect(classesAt(d, 2)).not.toMatch(/ls-gut-error|ls-error-line/);
    expect(gutter(2)?.hoverMessage).toEqual({ value: note });
    expect(classesAt(d, 7)).toContain('ls-gut-warning');
    // A deadlock is an error, as the warnings list colours it.
    expect(classesAt(d, 3)).toContain('ls-gut-error');
    // A line with a note and an exception shows the error, and its hover says both.
    expect(classesAt(d, 6)).toContain('ls-gut-error');
    expect(classesAt(d, 6)).not.toContain('ls-gut-note');
    const both = gutter(6)?.hoverMessage as { value: string };
    expect(both.value).toContain(note);
    expect(both.value).toContain('ValueError: boom');
    // Before the exception was raised, the note alone.
    const before = debugDecorations(
      { ...state, step: 4 },
      { selectedTask: -1, lineCount: 20, errors },
    );
    expect(classesAt(before, 6)).toContain('ls-gut-note');
  });

  it('is empty without a state, and writes one colour rule set per task', () => {
    expect(debugDecorations(null, { selectedTask: -1, lineCount: 10 })).toEqual([]);
    const css = taskStyles([0, 1]);
    expect(css).toContain('.ls-gut-t0::before{background:#5eb3ff}');
    expect(css).toContain('.ls-sel-t1');
  });
});

type HoverProvider = {
  provideHover(
    model: unknown,
    position: { lineNumber: number; column: number },
  ): { range: unknown; contents: { value: string }[] } | null;
};

describe('attachDebugger', () => {
  /**
   * A stand-in for the editor API: records what the decorations collection is set to. Its model
   * holds 20 lines; `edit` replaces a range of them and tells the listeners, as Monaco does.
   */
  function fakeEditor() {
    const sets: unknown[][] = [];
    const options: Record<string, unknown>[] = [];
    const reveals: number[] = [];
    const text = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    let version = 1;
    type Event = { changes: LineChange[]; versionId: number };
    const onContent: ((e: Event) => void)[] = [];
    /** Events Monaco holds back until its next decoration change (see `edits`). */
    const held: Event[] = [];
    const deliver = () => {
      while (held.length) {
        const e = held.shift()!;
        for (const f of onContent) f(e);
      }
    };
    const model = {
      getLineCount: () => text.length,
      getVersionId: () => version,
      getLineContent: (line: number) => text[line - 1],
      getLineMaxColumn: (line: number) => text[line - 1].length + 1,
    };
    const editor = {
      // No DOM: the current line is a decoration, as in an editor this module does not know.
      getDomNode: () => null,
      createDecorationsCollection: () => ({
        set: (d: unknown[]) => {
          sets.push(d);
          deliver();
        },
        clear() {},
      }),
      getModel: () => model,
      onMouseDown: () => ({ dispose() {} }),
      onDidChangeModelContent: (f: (e: Event) => void) => {
        onContent.push(f);
        return { dispose() {} };
      },
      onDidChangeModel: () => ({ dispose() {} }),
      revealLineInCenterIfOutsideViewport: (line: number) => reveals.push(line),
      // 19 px lines, and a view ten lines high scrolled to the top.
      getTopForLineNumber: (line: number) => (line - 1) * 19,
      getBottomForLineNumber: (line: number) => line * 19,
      getScrollTop: () => 0,
      getLayoutInfo: () => ({ height: 200, horizontalScrollbarHeight: 10 }),
      updateOptions: (o: Record<string, unknown>) => options.push(o),
    };
    /** The hover providers registered and not disposed. */
    const hovers = new Set<HoverProvider>();
    const monaco = {
      editor: { MouseTargetType: {}, ScrollType: { Smooth: 0 } },
      languages: {
        registerHoverProvider(_language: string, provider: HoverProvider) {
          hovers.add(provider);
          return { dispose: () => hovers.delete(provider) };
        },
      },
      Range: class {
        constructor(
          readonly startLineNumber: number,
          readonly startColumn: number,
          readonly endLineNumber: number,
          readonly endColumn: number,
        ) {}
      },
    };
    type Edit = [sL: number, sC: number, eL: number, eC: number, insert: string];
    /**
     * Makes the edits, one change each, then tells of them as Monaco does of one typing operation:
     * the first at once, the rest on the next decoration change (inside the first's listener).
     */
    const edits = (...list: Edit[]) => {
      for (const [sL, sC, eL, eC, insert] of list) {
        const head = text[sL - 1].slice(0, sC - 1);
        const tail = text[eL - 1].slice(eC - 1);
        text.splice(sL - 1, eL - sL + 1, ...`${head}${insert}${tail}`.split('\n'));
        version++;
        const range = { startLineNumber: sL, startColumn: sC, endLineNumber: eL, endColumn: eC };
        held.push({ changes: [{ range, text: insert }], versionId: version });
      }
      const first = held.shift()!;
      for (const f of onContent) f(first);
      deliver();
    };
    /** Replaces (sL, sC)..(eL, eC) with `insert`. */
    const edit = (...e: Edit) => edits(e);
    return { sets, options, editor, model, monaco, edit, edits, text, hovers, reveals };
  }
  const doc = globalThis as { document?: unknown };

  /** The debugger on a fake editor (clicks on line numbers ignored). */
  const attach = (editor: object, monaco: object) =>
    attachDebugger(
      monaco as Parameters<typeof attachDebugger>[0],
      editor as Parameters<typeof attachDebugger>[1],
      { onLineClick() {} },
    );

  /** Runs `body` with a document just big enough for the debugger's style element. */
  function withStyleDocument(body: () => void) {
    const hadDocument = 'document' in doc;
    doc.document ??= {
      createElement: () => ({ dataset: {}, sheet: null, textContent: '', remove() {} }),
      head: { appendChild() {} },
    };
    try {
      body();
    } finally {
      if (!hadDocument) delete doc.document;
    }
  }

  it('looks again only at the tasks that changed since the last update', () => {
    withStyleDocument(() => {
      const { sets, editor, monaco } = fakeEditor();
      const marks = attach(editor, monaco);
      let reads = 0;
      const awaitLine = (t: { id: number }) => (reads++, 5 + (t.id % 3));
      const opts = { selectedTask: -1, lineCount: 20, awaitLine };
      const parked = cancelState.tasks.findIndex((t) => t.state === 'suspended');
      expect(parked).toBeGreaterThanOrEqual(0);
      // A line step: same task list, another current line. Then a step that changed one task
      // (a new view object for it), then a selection.
      const a = { ...cancelState, currentLine: 3 };
      const b = { ...cancelState, currentLine: 4 };
      const tasks = [...cancelState.tasks];
      tasks[parked] = { ...tasks[parked], id: tasks[parked].id };
      const c = { ...cancelState, tasks, currentLine: 4 };
      marks.update(a, -1, [], awaitLine);
      const first = reads;
      expect(first).toBeGreaterThan(1);
      marks.update(b, -1, [], awaitLine);
      expect(reads).toBe(first);
      marks.update(c, -1, [], awaitLine);
      expect(reads).toBe(first + 1);
      marks.update(c, cancelState.tasks[0].id, [], awaitLine);
      expect(reads).toBe(first + 1);
      // What was set is what the pure function gives for each state (c's marks equal b's, so
      // c's first update sets nothing).
      expect(sets).toEqual([
        debugDecorations(a, opts),
        debugDecorations(b, opts),
        debugDecorations(c, { ...opts, selectedTask: cancelState.tasks[0].id }),
      ]);
      marks.dispose();
    });
  });

  it('scrolls to the current line only when it is out of view', () => {
    withStyleDocument(() => {
      const { editor, monaco, reveals } = fakeEditor();
      const marks = attach(editor, monaco);
      // Lines 1 to 10 are wholly in view (10 x 19 px of the 190 px above the scrollbar).
      for (const line of [3, 10, 11, 4, 20])
        marks.update({ ...cancelState, currentLine: line }, -1);
      expect(reveals).toEqual([11, 20]);
      marks.dispose();
    });
  });

  it("names a line's parked tasks in its hover, from the step shown when the pointer rests", () => {
    withStyleDocument(() => {
      const { editor, model, monaco, hovers } = fakeEditor();
      const marks = attach(editor, monaco);
      expect(hovers.size).toBe(1);
      const [provider] = hovers;
      const hoverAt = (line: number) =>
        provider.provideHover(model, { lineNumber: line, column: 3 });
      // alpha is parked at line 5 and reader at line 15 (see the first test).
      marks.update(cancelState, -1);
      expect(hoverAt(5)?.contents).toEqual([{ value: 'Suspended here: alpha' }]);
      expect(hoverAt(5)?.range).toMatchObject({
        startLineNumber: 5,
        endLineNumber: 5,
        endColumn: 7,
      });
      expect(hoverAt(15)?.contents[0].value).toContain('reader');
      expect(hoverAt(4)).toBeNull();
      // Another model (a diff view, a second editor) is not this debugger's.
      expect(provider.provideHover({}, { lineNumber: 5, column: 1 })).toBeNull();
      // A later step: alpha is done, and its line has no hover.
      marks.update(
        {
          ...cancelState,
          tasks: cancelState.tasks.map((t) => (t.id === 1 ? { ...t, state: 'done' as const } : t)),
        },
        -1,
      );
      expect(hoverAt(5)).toBeNull();
      marks.dispose();
      expect(hovers.size).toBe(0);
    });
  });

  it('stops line-number clicks selecting the line while a run is shown, and gives it back', () => {
    withStyleDocument(() => {
      const { options, editor, monaco } = fakeEditor();
      const marks = attach(editor, monaco);
      expect(options).toEqual([]);
      marks.update(cancelState, -1);
      marks.update({ ...cancelState, currentLine: 4 }, -1);
      expect(options).toEqual([{ selectOnLineNumbers: false }]);
      marks.update(null, -1);
      expect(options).toEqual([{ selectOnLineNumbers: false }, { selectOnLineNumbers: true }]);
      marks.update(cancelState, -1);
      marks.dispose();
      expect(options.at(-1)).toEqual({ selectOnLineNumbers: true });
      expect(options).toHaveLength(4);
    });
  });

  it('tells of the run’s line mapping when an edit moves lines, and when a new run ends it', () => {
    withStyleDocument(() => {
      const { editor, monaco, edit } = fakeEditor();
      const told: (RunLines | null)[] = [];
      const marks = attachDebugger(
        monaco as unknown as Parameters<typeof attachDebugger>[0],
        editor as unknown as Parameters<typeof attachDebugger>[1],
        { onLineClick() {}, onLinesChange: (lines) => told.push(lines) },
      );
      const run: ErrorMark[] = [];
      marks.update(cancelState, -1, run);
      // Nothing moved yet: nothing to tell.
      expect(told).toEqual([]);
      // Typing within a line moves none.
      edit(3, 1, 3, 1, 'x');
      expect(told).toEqual([]);
      // Two lines typed at the top.
      edit(1, 1, 1, 1, '# a\n# b\n');
      expect(told).toHaveLength(1);
      expect(told[0]!.lineOf(18)).toBe(20);
      // Line 5 of the run (now 7) deleted with its line break: a new mapping.
      edit(7, 1, 8, 1, '');
      expect(told).toHaveLength(2);
      expect(told[1]).not.toBe(told[0]);
      expect(told[1]!.lineOf(5)).toBe(0);
      expect(told[1]!.lineOf(6)).toBe(7);
      // Another step of the same run tells nothing; a new run (a new errors array) ends it.
      marks.update({ ...cancelState, currentLine: 4 }, -1, run);
      expect(told).toHaveLength(2);
      marks.update(cancelState, -1, []);
      expect(told).toEqual([told[0], told[1], null]);
      marks.dispose();
      expect(told).toHaveLength(3);
    });
  });

  /** Just enough of an element for current-line.ts. */
  const element = () => ({
    style: { cssText: '', display: '', top: '', height: '', left: '', width: '' },
    dataset: {} as Record<string, string>,
    className: '',
    sheet: null,
    textContent: '',
    firstChild: null,
    setAttribute() {},
    insertBefore() {},
    appendChild() {},
    remove() {},
  });

  /**
   * Runs `body` with an editor whose DOM current-line.ts knows (so the current line is drawn
   * apart, as in the page), and a document for the style element and the marks.
   */
  function withDomEditor(
    body: (
      fake: ReturnType<typeof fakeEditor> & {
        marks: ReturnType<typeof attachDebugger>;
        tint: ReturnType<typeof element>;
        arrow: ReturnType<typeof element>;
        /** The lines of the parked tasks' dots shown, and their classes, in order. */
        dots: () => [number, string][];
        /** Elements made so far (the dots' are kept from one step to the next). */
        made: () => number;
      },
    ) => void,
  ) {
    const hadDocument = 'document' in doc;
    const made: ReturnType<typeof element>[] = [];
    const saved = doc.document;
    doc.document = {
      createElement: () => {
        const el = element();
        made.push(el);
        return el;
      },
      head: { appendChild() {} },
    };
    try {
      const fake = fakeEditor();
      const root = { querySelector: () => element() };
      const listen = () => ({ dispose() {} });
      const withDom = {
        ...fake.editor,
        getDomNode: () => root,
        getScrollHeight: () => 400,
        getTopForLineNumber: (line: number) => (line - 1) * 19,
        getBottomForLineNumber: (line: number) => line * 19,
        getLayoutInfo: () => ({ decorationsLeft: 40, decorationsWidth: 16 }),
        onDidLayoutChange: listen,
        onDidChangeConfiguration: listen,
        onDidChangeHiddenAreas: listen,
        onDidContentSizeChange: listen,
      };
      const marks = attachDebugger(
        fake.monaco as unknown as Parameters<typeof attachDebugger>[0],
        withDom as unknown as Parameters<typeof attachDebugger>[1],
        { onLineClick() {} },
      );
      // The style element, then the tint and the gutter arrow.
      const [, tint, arrow] = made;
      const dots = () =>
        made
          .slice(3)
          .filter((d) => d.className && d.style.display !== 'none')
          .map((d): [number, string] => [Number(d.dataset.line), d.className]);
      body({ ...fake, marks, tint, arrow, dots, made: () => made.length });
      marks.dispose();
    } finally {
      if (hadDocument) doc.document = saved;
      else delete doc.document;
    }
  }

  it('draws the current line apart: a step that only moves it sets no decorations', () => {
    withDomEditor(({ marks, sets, tint, arrow }) => {
      const opts = { selectedTask: -1, lineCount: 20 };
      const a = { ...cancelState, currentLine: 3 };
      const b = { ...cancelState, currentLine: 4 };
      marks.update(a, -1, []);
      marks.update(b, -1, []);
      expect(sets).toEqual([
        debugDecorations(a, { ...opts, currentApart: true, parkedApart: true }),
      ]);
      expect(JSON.stringify(sets)).not.toContain('ls-current-line');
      expect(tint.className).toBe(`ls-current-line ls-cur-t${cancelState.currentTask}`);
      expect([tint.style.top, tint.style.height, tint.dataset.line]).toEqual(['57px', '19px', '4']);
      expect([arrow.className, arrow.style.left, arrow.style.top]).toEqual([
        'ls-gut-current',
        '40px',
        '57px',
      ]);
      // No current line: hidden, with no class left for a query to find.
      marks.update({ ...cancelState, currentLine: 0 }, -1, []);
      expect([tint.className, tint.style.display]).toEqual(['', 'none']);
    });
  });

  it('a step that moves only the current line builds no decorations', () => {
    withDomEditor(({ marks, sets, tint, arrow }) => {
      const errors = [{ step: 1, line: 9, type: 'ValueError', traceback: '' }];
      const awaitLine = (t: TaskView) => t.chain.findLast((f) => f.line > 0)?.line ?? 0;
      marks.update({ ...cancelState, currentLine: 3 }, -1, errors, awaitLine);
      expect(sets).toHaveLength(1);
      // Building them ends in a string of them all, to compare with what is shown.
      const stringify = vi.spyOn(JSON, 'stringify');
      try {
        for (const line of [4, 5, 11]) {
          marks.update({ ...cancelState, currentLine: line }, -1, errors, awaitLine);
          expect(tint.dataset.line).toBe(String(line));
        }
        expect(stringify).not.toHaveBeenCalled();
        // The arrow is left out where a task is parked (alpha at line 5), as when built.
        marks.update({ ...cancelState, currentLine: 5 }, -1, errors, awaitLine);
        expect(tint.dataset.line).toBe('5');
        expect(arrow.style.display).toBe('none');
        // A change in what they show does build them: a warning more, a selection.
        const warned = {
          ...cancelState,
          currentLine: 5,
          warnings: [...cancelState.warnings, { ...cancelState.warnings[0], line: 17 }],
        };
        marks.update(warned, -1, errors, awaitLine);
        marks.update(warned, 1, errors, awaitLine);
        expect(stringify).toHaveBeenCalledTimes(2);
      } finally {
        stringify.mockRestore();
      }
      expect(sets).toHaveLength(3);
    });
  });

  it("draws the parked tasks' dots apart: a task parking elsewhere sets no decorations", () => {
    withDomEditor(({ marks, sets, dots, made, arrow }) => {
      const errors: ErrorMark[] = [];
      const parkedIds = cancelState.tasks.filter((t) => t.state === 'suspended').map((t) => t.id);
      expect(parkedIds.length).toBeGreaterThanOrEqual(2);
      const [first, second] = parkedIds;
      // Every parked task on line 5, then the second one moves to line 9 (a jump), then back.
      const at = (lines: Record<number, number>) => (t: TaskView) => lines[t.id] ?? 5;
      const one = at({});
      marks.update(cancelState, -1, errors, one);
      const count = parkedIds.length;
      expect(dots()).toEqual([
        [5, `ls-gut-task ls-gut-t${first}${count > 1 ? ' ls-gut-many' : ''}`],
      ]);
      expect(JSON.stringify(sets)).not.toContain('ls-gut-task');
      const setsBefore = sets.length;
      const elements = made();

      marks.update(cancelState, -1, errors, at({ [second]: 9 }));
      expect(dots()).toEqual([
        [5, `ls-gut-task ls-gut-t${first}${count > 2 ? ' ls-gut-many' : ''}`],
        [9, `ls-gut-task ls-gut-t${second}`],
      ]);
      marks.update(cancelState, -1, errors, one);
      expect(dots().map(([line]) => line)).toEqual([5]);
      // The decorations were left alone, and the dots' elements are reused.
      expect(sets).toHaveLength(setsBefore);
      expect(made()).toBe(elements + 1);
      // The current line's arrow stays off a line with a dot.
      marks.update({ ...cancelState, currentLine: 5 }, -1, errors, one);
      expect(arrow.style.display).toBe('none');
      // A deadlock at line 5 takes the line's gutter from the dot (its red "!" is a decoration).
      const deadlock: TraceState = {
        ...cancelState,
        warnings: [{ kind: 'deadlock', line: 5, step: 0, message: 'deadlock: x' }],
      };
      marks.update(deadlock, -1, errors, at({ [second]: 9 }));
      expect(dots()).toEqual([[9, `ls-gut-task ls-gut-t${second}`]]);
      expect(JSON.stringify(sets.at(-1))).toContain('ls-gut-error');
      // No state: no dots.
      marks.update(null, -1, errors);
      expect(dots()).toEqual([]);
    });
  });

  it('keeps marking the lines the trace names after an edit, through the next steps', () => {
    withDomEditor(({ marks, sets, tint, arrow, edit, text, dots }) => {
      const errors = [{ step: 1, line: 9, type: 'ValueError', traceback: '' }];
      const opts = {
        selectedTask: -1,
        lineCount: 20,
        errors,
        currentApart: true,
        parkedApart: true,
      };
      marks.update(cancelState, -1, errors);
      expect(sets.at(-1)).toEqual(debugDecorations(cancelState, opts));
      expect(tint.dataset.line).toBe('13');

      // Two lines typed above everything: every mark moves down two lines at once...
      edit(1, 1, 1, 1, '# one\n# two\n');
      const moved = { ...opts, lineCount: 22, mapLine: (line: number) => line + 2 };
      expect(sets.at(-1)).toEqual(debugDecorations(cancelState, moved));
      expect(tint.dataset.line).toBe('15');
      expect([marks.editorLine(13), marks.traceLine(15), marks.traceLine(2)]).toEqual([15, 13, 0]);
      // ...and stays there on the next steps, over the same text.
      marks.update({ ...cancelState, currentLine: 4 }, -1, errors);
      expect([tint.dataset.line, arrow.dataset.line]).toEqual(['6', '6']);
      expect(text[5]).toBe('line 4');
      marks.update({ ...cancelState, currentLine: 11 }, 2, errors);
      expect(tint.dataset.line).toBe('13');
      expect(sets.at(-1)).toEqual(
        debugDecorations({ ...cancelState, currentLine: 11 }, { ...moved, selectedTask: 2 }),
      );
      const lines = (cls: string) =>
        (sets.at(-1) as ReturnType<typeof debugDecorations>)
          .filter((d) =>
            `${d.options.className} ${d.options.linesDecorationsClassName}`.includes(cls),
          )
          .map((d) => d.range.startLineNumber);
      // alpha parked at 5 and reader at 15; the warning at 7 and the error at 9.
      const dotLines = () => dots().map(([line]) => line);
      expect(dotLines()).toEqual([7, 17]);
      expect(lines('ls-gut-t')).toEqual([]);
      expect(lines('ls-warning-line')).toEqual([9]);
      expect(lines('ls-error-line')).toEqual([11]);

      // The lines holding trace lines 5..7 deleted: their marks go, the rest move up.
      edit(7, 1, 10, 1, '');
      expect(text.slice(5, 8)).toEqual(['line 4', 'line 8', 'line 9']);
      marks.update({ ...cancelState, currentLine: 6 }, -1, errors);
      expect(tint.style.display).toBe('none');
      expect(dotLines()).toEqual([14]);
      expect(lines('ls-warning-line')).toEqual([]);
      expect(lines('ls-error-line')).toEqual([8]);
      expect(text[7]).toBe('line 9');
      marks.update({ ...cancelState, currentLine: 13 }, -1, errors);
      expect(tint.dataset.line).toBe('12');
      expect(text[11]).toBe('line 13');

      // A new run (a new errors list) is recorded from the text as it is: its lines are used as
      // they are.
      marks.update({ ...cancelState, currentLine: 13 }, -1, []);
      expect(tint.dataset.line).toBe('13');
    });
  });

  it('follows the changes of one typing operation, told of late and one inside another', () => {
    withDomEditor(({ marks, tint, edits, text }) => {
      const errors: ErrorMark[] = [];
      marks.update(cancelState, -1, errors);
      expect(tint.dataset.line).toBe('13');
      // "# a", Enter, "# b", Enter typed at the top in one go.
      edits([1, 1, 1, 1, '# a'], [1, 4, 1, 4, '\n'], [2, 1, 2, 1, '# b'], [2, 4, 2, 4, '\n']);
      expect(text.slice(0, 3)).toEqual(['# a', '# b', 'line 1']);
      expect(tint.dataset.line).toBe('15');
      marks.update({ ...cancelState, currentLine: 12 }, -1, errors);
      expect(tint.dataset.line).toBe('14');
      expect(text[13]).toBe('line 12');
    });
  });
});

describe('ParkedIndex', () => {
  it('looks again only at the entries that changed, however many changed', () => {
    // A line step mid-run on the bench trace changes about a thousand of 10,000 tasks, nearly all
    // parked on one line.
    const view = (id: number, line: number) =>
      ({ id, name: `t${id}`, state: 'suspended', line, chain: [] }) as unknown as TaskView;
    let reads = 0;
    const lineOf = (t: TaskView) => (reads++, (t as unknown as { line: number }).line);
    const a = Array.from({ length: 10_000 }, (_, i) => view(i, i % 50 === 0 ? 3 : 5));
    const index = new ParkedIndex();
    index.update(a, 10, lineOf);
    const b = a.slice();
    for (let i = 0; i < b.length; i += 10) b[i] = view(i, 7);
    reads = 0;
    index.update(b, 10, lineOf);
    expect(reads).toBe(1000);
    const fresh = new ParkedIndex();
    fresh.update(b, 10, lineOf);
    expect([...index.grouping(20)]).toEqual([...fresh.grouping(20)]);
    expect(index.grouping(20).get(7)).toEqual({
      names: Array.from({ length: 12 }, (_, k) => `t${k * 10}`),
      count: 1000,
      task: 20,
    });
  });

  it('groups like a fresh pass after any sequence of task list changes', () => {
    const STATES = ['suspended', 'ready', 'cancelling', 'running', 'done', 'pending'] as const;
    type Fake = { id: number; name: string; state: (typeof STATES)[number]; line: number };
    const task = fc.record({
      state: fc.constantFrom(...STATES),
      line: fc.integer({ min: -1, max: 12 }),
    });
    // Each change: replace some positions with new views, then grow or shrink the list.
    const change = fc.record({
      replace: fc.array(fc.tuple(fc.nat(), task), { maxLength: 6 }),
      length: fc.integer({ min: 0, max: 40 }),
      fresh: fc.array(task, { maxLength: 40 }),
      selected: fc.integer({ min: -1, max: 40 }),
    });
    const lineOf = (t: TaskView) => (t as unknown as Fake).line;
    fc.assert(
      fc.property(
        fc.array(task, { maxLength: 40 }),
        fc.array(change, { maxLength: 8 }),
        (init, changes) => {
          const view = (i: number, x: { state: Fake['state']; line: number }) =>
            ({
              id: i,
              name: `t${i}`,
              state: x.state,
              line: x.line,
              chain: [],
              createdLine: 0,
            }) as unknown as TaskView;
          let list = init.map((x, i) => view(i, x));
          const kept = new ParkedIndex();
          kept.update(list, 10, lineOf);
          for (const ch of changes) {
            const next = list.slice(0, ch.length);
            for (let i = next.length; i < ch.length; i++) {
              next.push(view(i, ch.fresh[i] ?? { state: 'suspended', line: 3 }));
            }
            for (const [at, x] of ch.replace)
              if (next.length) next[at % next.length] = view(at % next.length, x);
            list = next;
            kept.update(list, 10, lineOf);
            const fresh = new ParkedIndex();
            fresh.update(list, 10, lineOf);
            const got = [...kept.grouping(ch.selected)];
            expect(got).toEqual([...fresh.grouping(ch.selected)]);
            // And the fresh pass is what the decorations are made from.
            const st = { ...cancelState, tasks: list, currentLine: 0, warnings: [] };
            const lines = debugDecorations(st, {
              selectedTask: ch.selected,
              lineCount: 10,
              awaitLine: lineOf,
            })
              .filter((d) => d.options.linesDecorationsClassName?.includes('ls-gut-task'))
              .map((d) => d.range.startLineNumber);
            expect(lines).toEqual(got.map(([line]) => line));
          }
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });
});
