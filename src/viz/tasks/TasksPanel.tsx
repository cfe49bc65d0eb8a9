/**
 * One card per task: name, state badge, what it awaits in words, its await chain with lines and
 * locals, where and by whom it was created. Selecting a card selects the task everywhere
 * (editor lines, timeline lane) through the cursor slice's selectedTask.
 */
import {
  Fragment,
  memo,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import type { ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import type { Range, Virtualizer } from '@tanstack/react-virtual';
import type { TaskView, TraceState } from '../../trace/types';
import {
  compactRepr,
  formatCount,
  idSet,
  indexOfTask,
  liveTasks,
  plural,
  taskName,
} from '../format';
import { STATE_COLORS, taskColor } from '../palette';
import { fragmentText, gapBetween, spaced } from '../fragment-text';
import { useVizT } from '../i18n';
import type { Translate } from '../i18n';
import { GoneLine, RichLines, RunLinesContext, fragmentLines, useShownLine } from './run-lines';

export interface TasksPanelProps {
  state: TraceState;
  selectedTask: number;
  onSelectTask(id: number): void;
  /** Reveal a line of the program in the editor. */
  onRevealLine?(line: number): void;
  /**
   * Up to this many tasks every card is rendered; past it only the rows in view (the list is
   * windowed), so a step costs the same with 10,000 tasks as with 60.
   */
  renderAll?: number;
}

/**
 * "line N" for the run's `line`, a button revealing it in the editor when `onReveal` is given.
 * N is the editor's number for it now (run-lines.tsx); a line deleted since is struck, no link.
 */
export function LineLink({
  line,
  onReveal,
  t,
}: {
  line: number;
  onReveal?(line: number): void;
  t: Translate;
}) {
  const shown = useShownLine(line);
  if (line <= 0) return null;
  if (shown <= 0) return <GoneLine line={line} t={t} />;
  const text = t('common.line', 'line {{line}}', { line: shown });
  if (!onReveal) return <span className="ls-line">{text}</span>;
  return (
    <button
      type="button"
      className="ls-line ls-link"
      title={t('common.showLine', 'Show line {{line}} in the editor', { line: shown })}
      onClick={(e) => {
        e.stopPropagation();
        // The run's line: revealing it maps it to where it is now (editor-bridge revealLine).
        onReveal(line);
      }}
    >
      {text}
    </button>
  );
}

/**
 * "awaits <what>": no space where Chinese meets Chinese ("等待队列 `q` 的 get()"). A line inside
 * the fragment ("a Future created at line 5") is the editor's (run-lines.tsx).
 */
function AwaitsLine({ text, t }: { text: string; t: Translate }) {
  const what = fragmentText(text, fragmentLines(t, useContext(RunLinesContext)));
  const awaits = t('tasks.awaits', 'awaits');
  return (
    <p className="ls-awaits">
      {awaits}
      {gapBetween(awaits, what)}
      <b>
        <RichLines text={what} t={t} />
      </b>
    </p>
  );
}

/**
 * Where the nodes of a sentence go (withNodes): each is filled in as a mark, a noncharacter as
 * in ../fragment-text.ts, which no translated text carries.
 */
const SLOTS = { line: '\uFDD2', frames: '\uFDD3' } as const;
const SLOT_PARAMS: Record<string, string> = SLOTS;
const SLOT_SPLIT = new RegExp(`([${Object.values(SLOTS).join('')}])`);

/**
 * A translated sentence with elements inside it (a line link, a hint), each put where the
 * language's template places its `{{name}}`: Chinese writes "由主程序在第 13 行创建" where English
 * has "created by main, line 13", so the link cannot simply follow the text.
 */
function withNodes(text: string, nodes: Partial<Record<keyof typeof SLOTS, ReactNode>>) {
  return text.split(SLOT_SPLIT).map((part, i) => {
    const name = (Object.keys(SLOTS) as (keyof typeof SLOTS)[]).find((k) => SLOTS[k] === part);
    return <Fragment key={i}>{name ? nodes[name] : part}</Fragment>;
  });
}

/**
 * A state in its colour. The text is the task state's name unless `label` is given: other panels
 * (futures) name the same states with their own words.
 */
export function StateBadge({ state, t, label }: { state: string; t: Translate; label?: string }) {
  return (
    <span
      className="ls-badge"
      style={{ ['--ls-badge' as string]: STATE_COLORS[state] ?? '#8b949e' }}
    >
      {label ?? t(`tasks.state.${state}`, state)}
    </span>
  );
}

/**
 * The coroutines asyncio.run (and Runner.close) runs as tasks of their own once the main
 * coroutine has ended, to close async generators and the default executor. Nothing in the
 * program created them, so "created by the program" would be wrong. (A program that runs them
 * itself, as 2015-era code did with run_until_complete, creates them at its own line.)
 */
const LOOP_CLOSING = new Set([
  'BaseEventLoop.shutdown_asyncgens',
  'BaseEventLoop.shutdown_default_executor',
]);

function closesLoop(task: TaskView, parentName: string | null): boolean {
  return parentName === null && task.createdLine <= 0 && LOOP_CLOSING.has(task.coro);
}

/**
 * The task a selector loop starts for each connection a server made with `loop.create_server`
 * accepts (`_accept_connection2`: it builds the transport and protocol). The loop creates it in
 * a callback, so no task and no line of the program did.
 */
function acceptsConnection(task: TaskView, parentName: string | null): boolean {
  return parentName === null && task.createdLine <= 0 && task.coro.endsWith('._accept_connection2');
}

interface CardProps {
  task: TaskView;
  /** 1-based place in the whole list, and the list's length (most cards are not in the DOM). */
  position: number;
  setSize: number;
  /** Name of the task that created it, or null. */
  parentName: string | null;
  /** The line it runs now when it is the running task, else 0. */
  nowLine: number;
  selected: boolean;
  fresh: boolean;
  onSelectTask(id: number): void;
  onRevealLine?(line: number): void;
  t: Translate;
}

/**
 * Memoized: stateAt returns the same TaskView object for a task that did not change, so on a step
 * only the cards of tasks that changed render again.
 */
const TaskCard = memo(function TaskCard({
  task,
  position,
  setSize,
  parentName,
  nowLine,
  selected,
  fresh,
  onSelectTask,
  onRevealLine,
  t,
}: CardProps) {
  const frozen = task.state === 'suspended' || task.state === 'ready' || task.state === 'pending';
  const finished = task.state === 'done' || task.state === 'failed' || task.state === 'cancelled';
  const parent = parentName ?? t('tasks.theProgram', 'the program');
  return (
    <div
      role="listitem"
      aria-posinset={position}
      aria-setsize={setSize}
      className={`ls-task-card is-${task.state}${selected ? ' is-selected' : ''}${fresh ? ' is-fresh' : ''}`}
      style={{ ['--ls-task' as string]: taskColor(task.id) }}
      data-task={task.id}
      data-state={task.state}
      aria-label={t('tasks.card', 'Task {{name}}, {{state}}', {
        name: task.name,
        state: t(`tasks.state.${task.state}`, task.state),
      })}
    >
      <div className="ls-task-head">
        <button
          type="button"
          className="ls-task-name"
          aria-pressed={selected}
          title={
            selected
              ? t('tasks.unselect', 'Clear the selection')
              : t('tasks.select', 'Select {{name}}: highlight its lines and lane', {
                  name: task.name,
                })
          }
          onClick={() => onSelectTask(task.id)}
        >
          <span className="ls-task-dot" aria-hidden="true" />
          {task.name}
        </button>
        <StateBadge t={t} state={task.state} />
        <span className="ls-coro">{task.coro}</span>
      </div>

      {task.awaiting && <AwaitsLine text={task.awaiting.text} t={t} />}
      {task.cancelling > 0 && task.state !== 'cancelled' && (
        <p className="ls-cancelling">
          {t('tasks.cancelRequested', 'cancel requested')}
          {task.cancelling > 1 ? ` ×${task.cancelling}` : ''}
        </p>
      )}

      {nowLine > 0 && (
        <p className="ls-now">
          {withNodes(
            task.chain.length > 0
              ? t('tasks.sentence.nowAtFrames', 'now at {{line}} {{frames}}', SLOT_PARAMS)
              : t('tasks.sentence.nowAt', 'now at {{line}}', SLOT_PARAMS),
            {
              line: <LineLink t={t} line={nowLine} onReveal={onRevealLine} />,
              frames: (
                <span className="ls-hint-inline">
                  {t('tasks.framesAsOf', '(frames as of its last await)')}
                </span>
              ),
            },
          )}
        </p>
      )}
      {task.chain.length > 0 && !finished && (
        <ol
          className={`ls-chain${frozen ? ' is-frozen' : ''}`}
          aria-label={t('tasks.chain', 'Await chain of {{name}}', { name: task.name })}
          // QA: a parked frame's Lock read [unlocked] while the Resources tab said locked. The
          // values are the ones the task left at its last await; the tooltip says so.
          title={
            frozen
              ? t(
                  'tasks.frozenValues',
                  'Lines and values as {{name}} left them at its last await; other tasks may have changed them since.',
                  { name: task.name },
                )
              : undefined
          }
        >
          {task.chain.map((f, i) => {
            const locals = Object.entries(f.locals);
            return (
              <li key={i} className="ls-frame">
                <div className="ls-frame-head">
                  <span className="ls-func">{f.func}</span>
                  <LineLink t={t} line={f.line} onReveal={onRevealLine} />
                </div>
                {locals.length > 0 && (
                  <dl className="ls-locals">
                    {locals.map(([k, v]) => {
                      const shown = compactRepr(v);
                      return (
                        <div key={k}>
                          <dt>{k}</dt>
                          <dd title={shown === v ? undefined : v}>{shown}</dd>
                        </div>
                      );
                    })}
                  </dl>
                )}
              </li>
            );
          })}
        </ol>
      )}

      {task.outcome !== null && finished && (
        <p className={`ls-outcome is-${task.state}`}>
          {task.state === 'done'
            ? `${t('tasks.returned', 'returned')} `
            : task.state === 'failed'
              ? `${t('tasks.raised', 'raised')} `
              : ''}
          <code>{task.outcome}</code>
        </p>
      )}

      <p className="ls-created">
        {closesLoop(task, parentName)
          ? t(
              'tasks.createdByLoopClose',
              'created by asyncio while closing the loop, after the main coroutine',
            )
          : acceptsConnection(task, parentName)
            ? t('tasks.createdToAccept', 'created by the event loop to accept a connection')
            : task.startServerLine !== undefined
              ? task.startServerLine > 0
                ? withNodes(
                    t(
                      'tasks.sentence.createdForConnectionAt',
                      'created by start_server ({{line}}) for a new connection',
                      SLOT_PARAMS,
                    ),
                    {
                      line: <LineLink t={t} line={task.startServerLine} onReveal={onRevealLine} />,
                    },
                  )
                : t('tasks.createdForConnection', 'created by start_server for a new connection')
              : task.createdLine > 0
                ? withNodes(
                    spaced(t)('tasks.sentence.createdByAt', 'created by {{parent}}, {{line}}', {
                      ...SLOT_PARAMS,
                      parent,
                    }),
                    { line: <LineLink t={t} line={task.createdLine} onReveal={onRevealLine} /> },
                  )
                : spaced(t)('tasks.createdBy', 'created by {{parent}}', { parent })}
      </p>
    </div>
  );
});

/** The grid's columns: cards at least this wide (px), this far apart; as in debugger.css. */
const CARD_MIN_WIDTH = 230;
const CARD_GAP = 8;
/** Row height guessed before a row is measured (a card with a one-frame chain). */
const ROW_ESTIMATE = 120;

/** Columns of cards that fit in `width` px, as `repeat(auto-fill, minmax(230px, 1fr))` lays out. */
export function columnsFor(width: number): number {
  return Math.max(1, Math.floor((width + CARD_GAP) / (CARD_MIN_WIDTH + CARD_GAP)));
}

/**
 * Rows the list renders: unless `windowed` (the run has more than TasksPanel's `renderAll` tasks),
 * every row, so a small run is fully in the DOM (find-in-page and screen readers see every card);
 * windowed, the rows in view plus overscan, and always the row of the selected task, so a task
 * selected elsewhere (the timeline, the editor) has its card.
 */
export function rowsToRender(
  range: Range,
  opts: { windowed: boolean; selectedRow: number },
): number[] {
  if (!opts.windowed) return Array.from({ length: range.count }, (_, i) => i);
  const rows = defaultRangeExtractor(range);
  const sel = opts.selectedRow;
  if (sel >= 0 && sel < range.count && !rows.includes(sel)) {
    rows.push(sel);
    rows.sort((a, b) => a - b);
  }
  return rows;
}

/**
 * The rows to render in runs of consecutive rows, each placed once (at its first row's offset)
 * with its rows stacked in the flow below it: a row that changes height moves the ones after it
 * in the same layout. The run holding `viewStart` (the first row in view) is the view's; the
 * selected task's row, when it is elsewhere, is a run of its own.
 */
export function rowRuns<T extends { index: number }>(
  items: readonly T[],
  viewStart: number,
): { rows: T[]; inView: boolean }[] {
  const runs: { rows: T[]; inView: boolean }[] = [];
  for (const item of items) {
    const run = runs[runs.length - 1];
    if (run && run.rows[run.rows.length - 1].index + 1 === item.index) run.rows.push(item);
    else runs.push({ rows: [item], inView: false });
  }
  const view = runs.find((r) => r.rows.some((item) => item.index === viewStart)) ?? runs[0];
  if (view) view.inView = true;
  return runs;
}

/**
 * In the animation frame after a commit, draws the rows that came into view when the rows drawn
 * got shorter, by measuring them (see TasksPanelImpl); returns the effect's cleanup.
 *
 * Out here, not inline in the component: a closure made in a render holds every variable any
 * closure of that render uses, the state and its 10,000 task views among them, and the browser
 * holds a frame callback it was given, fired or cancelled, until its next full collection. Made
 * inline, the callbacks kept every state since then alive through each minor collection: most
 * of what a run of jumps allocated was copied (docs/debugger.md).
 */
function drawRowsInView(
  body: HTMLDivElement | null,
  rows: Virtualizer<HTMLDivElement, Element>,
  lastRow: number,
): (() => void) | undefined {
  if (!body || typeof requestAnimationFrame === 'undefined') return;
  const frame = requestAnimationFrame(() => {
    // A row drawn this way may leave room for one more: a few rounds at most.
    for (let round = 0; round < 3; round++) {
      const last = body.querySelector<HTMLElement>('.ls-task-rows.is-view')?.lastElementChild;
      if (!(last instanceof HTMLElement) || Number(last.dataset.index) >= lastRow) return;
      const viewBottom = body.getBoundingClientRect().top + body.clientHeight;
      if (last.getBoundingClientRect().bottom + CARD_GAP >= viewBottom) return;
      const sizes = new Map(rows.getVirtualItems().map((item) => [item.index, item.size]));
      const changed: [number, number][] = [];
      for (const el of body.querySelectorAll<HTMLElement>('.ls-task-row')) {
        const index = Number(el.dataset.index);
        const size = Math.round(el.getBoundingClientRect().height);
        if (sizes.has(index) && sizes.get(index) !== size) changed.push([index, size]);
      }
      if (changed.length === 0) return;
      flushSync(() => changed.forEach(([i, size]) => rows.resizeItem(i, size)));
    }
  });
  return () => cancelAnimationFrame(frame);
}

function TasksPanelImpl({
  state,
  selectedTask,
  onSelectTask,
  onRevealLine,
  renderAll = 60,
}: TasksPanelProps) {
  const fresh = idSet(state.changed.tasks);
  const live = liveTasks(state);
  const tasks = state.tasks;
  const scroller = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  // Where the list starts in the scroller (its top padding): the virtualizer finds the rows in
  // view from it. Left at 0, it took the row below a panel's one visible row for visible too.
  const [top, setTop] = useState(0);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const style = getComputedStyle(el);
      setWidth(el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight));
      setTop(parseFloat(style.paddingTop) || 0);
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const cols = columnsFor(width);
  const rowCount = Math.ceil(tasks.length / cols);
  const selectedIndex = selectedTask >= 0 ? indexOfTask(state, selectedTask) : -1;
  const selectedRow = selectedIndex >= 0 ? Math.floor(selectedIndex / cols) : -1;
  const windowed = tasks.length > renderAll;
  // A new function when what it depends on changes: the virtualizer recomputes its rows then.
  const rangeExtractor = useCallback(
    (range: Range) => rowsToRender(range, { windowed, selectedRow }),
    [windowed, selectedRow],
  );
  // The virtualizer is one object that changes inside; it is used here and in an effect only,
  // never handed to a memoized child, which is what this rule guards against.
  // eslint-disable-next-line react-hooks/incompatible-library
  const rows = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE,
    gap: CARD_GAP,
    scrollMargin: top,
    // Only the rows in view: a card is tall (its await chain, with locals), the panel often shows
    // less than a row, and a jump across the run redraws every card drawn. Scrolling draws the
    // next row in the scroll event itself, and a row a step brings into view is drawn before
    // the frame is painted (below).
    overscan: 0,
    rangeExtractor,
    // Before the panel is measured (and when rendered to a string): a tall panel's worth of rows.
    initialRect: { width: 0, height: 800 },
  });

  useEffect(() => {
    if (selectedRow >= 0) rows.scrollToIndex(selectedRow, { align: 'auto' });
  }, [selectedRow, rows]);

  // The rows in view stack in the page's flow inside one block (`rowRuns`), so a step that
  // changes a card's height moves the rows below it in the same layout, before the frame is
  // painted; the virtualizer's own measurement (a ResizeObserver) renders again only after the
  // paint. What that cannot do is draw a row that a shorter one brought into view: checked in
  // the animation frame after the commit (its layout, done by then for the loop panel's list
  // window, is the one the frame paints), and drawn then, by measuring the rows drawn.
  const lastRow = rowCount - 1;
  useLayoutEffect(() => drawRowsInView(scroller.current, rows, lastRow));

  const t = useVizT();
  const items = rows.getVirtualItems();
  return (
    <section className="ls-panel ls-tasks" aria-label={t('panels.tasks', 'Tasks')}>
      <header className="ls-panel-header">
        <h2>{t('panels.tasks', 'Tasks')}</h2>
        <span className="ls-count ls-head-aside">
          {t('tasks.count', `${plural(tasks.length, 'task')}, {{live}} live`, {
            total: formatCount(tasks.length),
            live: formatCount(live),
          })}
        </span>
      </header>
      <div className="ls-dbg-body" ref={scroller}>
        {tasks.length === 0 ? (
          <p className="ls-empty">{t('tasks.none', 'No tasks yet.')}</p>
        ) : (
          <div
            className="ls-task-list"
            role="list"
            style={{ height: rows.getTotalSize(), ['--ls-cols' as string]: cols }}
          >
            {rowRuns(items, rows.range?.startIndex ?? -1).map((run) => (
              <div
                key={run.inView ? 'view' : `row-${run.rows[0].index}`}
                role="none"
                className={`ls-task-rows${run.inView ? ' is-view' : ''}`}
                style={{ transform: `translateY(${run.rows[0].start - top}px)` }}
              >
                {run.rows.map((row) => (
                  <div
                    key={row.key}
                    role="none"
                    className="ls-task-row"
                    data-index={row.index}
                    ref={rows.measureElement}
                  >
                    {tasks.slice(row.index * cols, (row.index + 1) * cols).map((task, i) => (
                      <TaskCard
                        key={task.id}
                        task={task}
                        position={row.index * cols + i + 1}
                        setSize={tasks.length}
                        parentName={task.parent >= 0 ? taskName(state, task.parent) : null}
                        nowLine={task.id === state.currentTask ? state.currentLine : 0}
                        selected={task.id === selectedTask}
                        fresh={fresh.has(task.id)}
                        onSelectTask={onSelectTask}
                        onRevealLine={onRevealLine}
                        t={t}
                      />
                    ))}
                  </div>
                ))}
              </div>
            ))}
          </div>
        )}
      </div>
    </section>
  );
}

export const TasksPanel = memo(TasksPanelImpl);
