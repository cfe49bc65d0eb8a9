import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cancelState } from '../viz/fixtures';
import {
  ParkedIndex,
  attachDebugger,
  debugDecorations,
  decorationsKey,
  taskStyles,
} from './debug-decorations';
import type { TaskView, TraceState } from '../trace/types';

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
    const hover = d[0].options.hoverMessage as { value: string };
    expect(hover.value).toContain('w0, w1');
    expect(hover.value).toContain('and 18 more');
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
    const hover = d.find((x) => x.range.startLineNumber === 9)!.options.hoverMessage as {
      value: string;
    };
    for (const t of parked) expect(hover.value).toContain(t.name);
  });

  it('keys equal marks equally, and any difference apart', () => {
    const opts = { selectedTask: -1, lineCount: 20 };
    const a = decorationsKey(debugDecorations(cancelState, opts));
    expect(decorationsKey(debugDecorations({ ...cancelState, explanation: 'x' }, opts))).toBe(a);
    expect(decorationsKey(debugDecorations({ ...cancelState, currentLine: 3 }, opts))).not.toBe(a);
    expect(decorationsKey(debugDecorations(cancelState, { ...opts, selectedTask: 1 }))).not.toBe(a);
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

describe('attachDebugger', () => {
  /** A stand-in for the editor API: records what the decorations collection is set to. */
  function fakeEditor() {
    const sets: unknown[][] = [];
    const options: Record<string, unknown>[] = [];
    const editor = {
      // No DOM: the current line is a decoration, as in an editor this module does not know.
      getDomNode: () => null,
      createDecorationsCollection: () => ({ set: (d: unknown[]) => sets.push(d), clear() {} }),
      getModel: () => ({ getLineCount: () => 20, getVersionId: () => 1 }),
      onMouseDown: () => ({ dispose() {} }),
      revealLineInCenterIfOutsideViewport() {},
      updateOptions: (o: Record<string, unknown>) => options.push(o),
    };
    const monaco = { editor: { MouseTargetType: {}, ScrollType: { Smooth: 0 } } };
    return { sets, options, editor, monaco };
  }
  const doc = globalThis as { document?: unknown };

  it('looks again only at the tasks that changed since the last update', () => {
    const hadDocument = 'document' in doc;
    doc.document ??= {
      createElement: () => ({ dataset: {}, sheet: null, textContent: '', remove() {} }),
      head: { appendChild() {} },
    };
    try {
      const { sets, editor, monaco } = fakeEditor();
      const marks = attachDebugger(
        monaco as unknown as Parameters<typeof attachDebugger>[0],
        editor as unknown as Parameters<typeof attachDebugger>[1],
        { onLineClick() {} },
      );
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
    } finally {
      if (!hadDocument) delete doc.document;
    }
  });

  it('stops line-number clicks selecting the line while a run is shown, and gives it back', () => {
    const hadDocument = 'document' in doc;
    doc.document ??= {
      createElement: () => ({ dataset: {}, sheet: null, textContent: '', remove() {} }),
      head: { appendChild() {} },
    };
    try {
      const { options, editor, monaco } = fakeEditor();
      const marks = attachDebugger(
        monaco as unknown as Parameters<typeof attachDebugger>[0],
        editor as unknown as Parameters<typeof attachDebugger>[1],
        { onLineClick() {} },
      );
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
    } finally {
      if (!hadDocument) delete doc.document;
    }
  });

  it('draws the current line apart: a step that only moves it sets no decorations', () => {
    const hadDocument = 'document' in doc;
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
      const { sets, editor, monaco } = fakeEditor();
      const root = { querySelector: () => element() };
      const listen = () => ({ dispose() {} });
      const withDom = {
        ...editor,
        getDomNode: () => root,
        getScrollHeight: () => 400,
        getTopForLineNumber: (line: number) => (line - 1) * 19,
        getBottomForLineNumber: (line: number) => line * 19,
        getLayoutInfo: () => ({ decorationsLeft: 40, decorationsWidth: 16 }),
        onDidChangeModelContent: listen,
        onDidChangeModel: listen,
        onDidLayoutChange: listen,
        onDidChangeConfiguration: listen,
        onDidChangeHiddenAreas: listen,
        onDidContentSizeChange: listen,
      };
      const marks = attachDebugger(
        monaco as unknown as Parameters<typeof attachDebugger>[0],
        withDom as unknown as Parameters<typeof attachDebugger>[1],
        { onLineClick() {} },
      );
      // The style element, then the tint and the gutter arrow.
      const [, tint, arrow] = made;
      const opts = { selectedTask: -1, lineCount: 20 };
      const a = { ...cancelState, currentLine: 3 };
      const b = { ...cancelState, currentLine: 4 };
      marks.update(a, -1, []);
      marks.update(b, -1, []);
      expect(sets).toEqual([debugDecorations(a, { ...opts, currentApart: true })]);
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
      marks.dispose();
    } finally {
      if (hadDocument) doc.document = saved;
      else delete doc.document;
    }
  });
});

describe('ParkedIndex', () => {
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
