/**
 * <Timeline>: every task a lane on the loop's clock, drawn on a canvas. The model is built once
 * per trace; each frame is prepared (culled, merged per pixel) and then drawn synchronously in an
 * animation frame. The debugger's cursor has a canvas of its own on top (painter.ts), so a step
 * repaints one line, not the lanes. Only the lane labels in view exist as DOM nodes, so ten
 * thousand lanes scroll like ten. Spans and markers are hit-tested arithmetically.
 *
 * Navigation: Ctrl/⌘+wheel zooms at the pointer, Shift+wheel (or a horizontal wheel) pans, the
 * plain wheel scrolls the lanes; drag pans, Shift+drag zooms to the dragged range; with the plot
 * focused, ←/→ pan, +/− zoom, 0 fits, ↑/↓ move the task selection, Enter jumps to the hovered item.
 */
import {
  memo,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type {
  KeyboardEvent as ReactKeyboardEvent,
  PointerEvent as ReactPointerEvent,
  RefObject,
} from 'react';
import type { RunLines } from '../../editor/line-map';
import type { Normalized } from '../../trace/normalize';
import type { TraceColumns } from '../../trace/schema';
import { arrowsFor, convertScale, createFrame, hitTest, limitsFor, prepareFrame } from './frame';
import type { Hit } from './frame';
import {
  adjacentMarker,
  buildTimelineModel,
  describeMarker,
  describeSpan,
  LaneKind,
  laneSubtitle,
  laneTitle,
  stepX,
} from './model';
import type { Axis, TimelineModel } from './model';
import {
  HEADER_HEIGHT,
  LANE_HEIGHT,
  laneLabel,
  spanStyle,
  STATE_FILL,
  timelineThemeFor,
  TimelineRenderer,
} from './render';
import type { DrawOptions, TimelineLayout, TimelineTheme } from './render';
import { TimelinePainter } from './painter';
import { frameToSvg } from './svg';
import { toPerfettoJson } from './perfetto';
import { TimeScale } from './time-scale';
import { useVizT } from '../i18n';
import type { Translate } from '../i18n';
import { RichLines, fragmentLines } from '../tasks/run-lines';
import './timeline.css';

export interface TimelineProps {
  trace: TraceColumns;
  /** The debugger's step (event index); drawn as the cursor. */
  step: number;
  /** Called with the step of a clicked span or marker. */
  onSeek: (step: number) => void;
  /** Task whose lane is highlighted, -1 for none. */
  selectedTask: number;
  /** Called when a lane label or a task's span is clicked (with -1 to clear). */
  onSelectTask: (task: number) => void;
  /**
   * Loopscope JSON of the trace, for the "Loopscope JSON" export; the button is hidden when
   * absent (the host passes the trace codec, src/trace/json.ts).
   */
  toLoopscopeJson?: (trace: TraceColumns) => string;
  /** Axis shown first (default: logical steps, where the t=0 burst is visible). */
  initialAxis?: Axis;
  /**
   * The trace's lifecycles when the host has them (the debugger's index): the labels of waits
   * are worded from them. Without them the timeline derives its own on the first such label.
   */
  normalized?: Normalized | null;
  /**
   * Where the run's lines are in the editor now, after edits made since the run (the store's
   * `runLines`, as the panels get it): the line numbers in the tooltips are the editor's, a
   * deleted line's struck through. Only the tooltips read it, so an edit draws nothing again.
   */
  lines?: RunLines | null;
}

const LABEL_WIDTH = 200;
const ZOOM_STEP = 1.6;

/** Saves a Blob under `name` through a temporary link, the way every browser supports. */
function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled; the download keeps its own reference.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function stem(trace: TraceColumns): string {
  return (trace.meta.filename || 'main.py').replace(/\.py$/, '') || 'trace';
}

interface Hover {
  lane: number;
  hit: Hit | null;
  px: number;
  py: number;
}

interface Drag {
  x: number;
  y: number;
  scale: TimeScale;
  scrollTop: number;
  shift: boolean;
  moved: boolean;
  pointer: number;
}

export function Timeline({
  trace,
  step,
  onSeek,
  selectedTask,
  onSelectTask,
  toLoopscopeJson,
  initialAxis = 'logical',
  normalized = null,
  lines = null,
}: TimelineProps) {
  const t = useVizT();
  // The tooltips' translator: a line named in a fragment ("a Future created at line 7", a
  // deadlock's "at line 7") is the editor's (run-lines.tsx). New only on an edit that moves a line.
  const tipT = useMemo(() => fragmentLines(t, lines), [t, lines]);
  const theme = usePageTheme();
  const model = useMemo(() => buildTimelineModel(trace, normalized), [trace, normalized]);
  const [axis, setAxis] = useState<Axis>(initialAxis);
  const [view, setView] = useState<{ model: TimelineModel; scale: TimeScale } | null>(null);
  const [size, setSize] = useState({ plotWidth: 600, height: 160 });
  const [scrollTop, setScrollTop] = useState(0);
  const [hover, setHover] = useState<Hover | null>(null);
  const [brush, setBrush] = useState<[number, number] | null>(null);
  // Expanded: the panel covers the page, for a big picture (and a big screenshot).
  const [expanded, setExpanded] = useState(false);
  const viewportRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const cursorRef = useRef<HTMLCanvasElement>(null);
  const painter = useMemo(() => new TimelinePainter(), []);
  const drag = useRef<Drag | null>(null);
  const hintId = useId();

  // The scale belongs to a model: a new trace starts fitted.
  const scale = useMemo(() => {
    if (view && view.model === model) return view.scale.withWidth(size.plotWidth);
    return TimeScale.fit(limitsFor(model, axis), size.plotWidth);
  }, [view, model, axis, size.plotWidth]);
  const setScale = useCallback(
    (s: TimeScale | ((s: TimeScale) => TimeScale)) =>
      setView((v) => {
        const base =
          v && v.model === model ? v.scale : TimeScale.fit(limitsFor(model, axis), size.plotWidth);
        return { model, scale: typeof s === 'function' ? s(base.withWidth(size.plotWidth)) : s };
      }),
    [model, axis, size.plotWidth],
  );

  const lh = LANE_HEIGHT;
  const lanesHeight = Math.max(0, size.height - HEADER_HEIGHT);
  const firstLane = Math.max(0, Math.floor(scrollTop / lh));
  const lastLane = Math.min(model.laneCount, Math.ceil((scrollTop + lanesHeight) / lh) + 1);
  const selectedLane =
    selectedTask >= 0 && selectedTask < model.taskLane.length ? model.taskLane[selectedTask] : -1;

  // Size of the plot and of the viewport.
  useEffect(() => {
    const vp = viewportRef.current;
    const plot = plotRef.current;
    if (!vp || !plot) return;
    const ro = new ResizeObserver(() => {
      setSize({ plotWidth: Math.max(50, plot.clientWidth), height: Math.max(60, vp.clientHeight) });
    });
    ro.observe(vp);
    ro.observe(plot);
    return () => ro.disconnect();
  }, []);

  // Follow the cursor: when the step moves out of view, bring it back to the middle. Adjusted
  // during render (React's pattern for state that follows a prop), not in an effect.
  const [followed, setFollowed] = useState(step);
  if (followed !== step) {
    setFollowed(step);
    if (view && view.model === model && step >= 0 && model.eventCount > 0) {
      const next = view.scale.reveal(stepX(model, axis, step));
      if (next !== view.scale) setView({ model, scale: next });
    }
  }

  // Bring the selected task's lane into view.
  useEffect(() => {
    const vp = viewportRef.current;
    if (!vp || selectedLane < 0) return;
    const top = selectedLane * lh;
    if (top < vp.scrollTop) vp.scrollTop = top;
    else if (top + lh > vp.scrollTop + lanesHeight) vp.scrollTop = top + lh - lanesHeight;
  }, [selectedLane, lh, lanesHeight]);

  // Cause arrows: of the hovered item's lane, else of the selected lane.
  const arrowLane = hover?.hit ? hover.lane : selectedLane;
  const arrows = useMemo(
    () => (arrowLane >= 0 ? arrowsFor(model, arrowLane, axis, scale.start, scale.end) : []),
    [model, arrowLane, axis, scale.start, scale.end],
  );

  // What the plot canvas shows. The cursor is not part of it (it has its own canvas), so a step
  // leaves this object, and therefore the plot, as it was.
  const plotOptions = useMemo(
    (): DrawOptions => ({
      selectedLane,
      focusTask: selectedLane >= 0 ? selectedTask : -1,
      hoverLane: hover?.lane ?? -1,
      cursorStep: -1,
      arrows,
      brush,
      labels: false,
      theme,
      t,
    }),
    [selectedLane, selectedTask, hover, arrows, brush, theme, t],
  );
  /** Options of an exported picture: the plot's, with the cursor and lane labels drawn in. */
  const exportOptions = (): DrawOptions => ({ ...plotOptions, cursorStep: step, labels: true });

  const layout = useMemo(
    (): TimelineLayout => ({
      width: size.plotWidth,
      height: size.height,
      plotLeft: 0,
      header: HEADER_HEIGHT,
      laneHeight: lh,
      scrollTop,
    }),
    [size, lh, scrollTop],
  );

  // Draw in the next animation frame; several state changes in one frame draw once.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const id = requestAnimationFrame(() => {
      const dpr = window.devicePixelRatio || 1;
      const view = { model, axis, scale, firstLane, lastLane, layout, dpr, options: plotOptions };
      if (!painter.plot(canvas, view)) return;
      canvas.dataset.draws = String(painter.plotDraws);
    });
    return () => cancelAnimationFrame(id);
  }, [model, axis, scale, firstLane, lastLane, layout, painter, plotOptions]);

  // The cursor, on its overlay: all a step redraws.
  useEffect(() => {
    const canvas = cursorRef.current;
    if (!canvas) return;
    const id = requestAnimationFrame(() => {
      const dpr = window.devicePixelRatio || 1;
      const view = { model, axis, scale, layout, dpr, step, theme };
      if (!painter.cursor(canvas, view)) return;
      canvas.dataset.step = String(step);
    });
    return () => cancelAnimationFrame(id);
  }, [model, axis, scale, layout, painter, step, theme]);

  // Esc anywhere leaves the expanded view.
  useEffect(() => {
    if (!expanded) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) {
        e.preventDefault();
        setExpanded(false);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [expanded]);

  // Wheel: React's wheel listener is passive, so zoom and pan need a native one to preventDefault.
  useEffect(() => {
    const plot = plotRef.current;
    if (!plot) return;
    const onWheel = (e: WheelEvent) => {
      const px = e.clientX - plot.getBoundingClientRect().left;
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        setScale((s) => s.zoomAt(px, Math.exp(-e.deltaY * unit * 0.002)));
      } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        e.preventDefault();
        const d = (Math.abs(e.deltaX) > Math.abs(e.deltaY) ? e.deltaX : e.deltaY) * unit;
        setScale((s) => s.pan(d));
      }
    };
    plot.addEventListener('wheel', onWheel, { passive: false });
    return () => plot.removeEventListener('wheel', onWheel);
  }, [setScale]);

  const laneAt = (py: number) => Math.floor((py - HEADER_HEIGHT + scrollTop) / lh);
  const local = (e: { clientX: number; clientY: number }) => {
    const r = plotRef.current!.getBoundingClientRect();
    return { px: e.clientX - r.left, py: e.clientY - r.top };
  };

  const activate = useCallback(
    (hit: Hit) => {
      onSeek(hit.step);
      if (model.laneKind[hit.lane] === LaneKind.TASK) {
        const task = model.laneRef[hit.lane];
        if (task !== selectedTask) onSelectTask(task);
      }
    },
    [model, onSeek, onSelectTask, selectedTask],
  );

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const { px, py } = local(e);
    drag.current = {
      x: px,
      y: py,
      scale,
      scrollTop: viewportRef.current?.scrollTop ?? 0,
      shift: e.shiftKey,
      moved: false,
      pointer: e.pointerId,
    };
    e.currentTarget.setPointerCapture?.(e.pointerId);
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const { px, py } = local(e);
    const d = drag.current;
    if (d) {
      if (Math.abs(px - d.x) + Math.abs(py - d.y) > 3) d.moved = true;
      if (!d.moved) return;
      if (d.shift) setBrush([d.x, px]);
      else {
        setScale(d.scale.pan(d.x - px));
        const vp = viewportRef.current;
        if (vp) vp.scrollTop = d.scrollTop - (py - d.y);
      }
      return;
    }
    if (py < HEADER_HEIGHT) {
      setHover(null);
      return;
    }
    const lane = laneAt(py);
    const hit = hitTest(model, axis, scale, lane, px);
    setHover({ lane, hit, px, py });
  };
  const onPointerUp = (e: ReactPointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d) return;
    e.currentTarget.releasePointerCapture?.(d.pointer);
    const { px, py } = local(e);
    if (d.moved) {
      if (d.shift && Math.abs(px - d.x) > 3) {
        setScale(d.scale.zoomTo(d.scale.toDomain(d.x), d.scale.toDomain(px)));
      }
      setBrush(null);
      return;
    }
    if (py < HEADER_HEIGHT) {
      // A click on the axis moves the cursor to that moment.
      const x = scale.toDomain(px);
      onSeek(axis === 'logical' ? Math.floor(x) : hitStepAtTime(model, x));
      return;
    }
    const hit = hitTest(model, axis, scale, laneAt(py), px);
    if (hit) activate(hit);
  };

  const zoomCenter = () => {
    const cx = scale.toPx(stepX(model, axis, step));
    return cx >= 0 && cx <= size.plotWidth ? cx : size.plotWidth / 2;
  };
  const zoomIn = () => setScale((s) => s.zoomAt(zoomCenter(), ZOOM_STEP));
  const zoomOut = () => setScale((s) => s.zoomAt(zoomCenter(), 1 / ZOOM_STEP));
  const fit = () => setScale((s) => s.fit());

  const switchAxis = (next: Axis) => {
    if (next === axis) return;
    setView({ model, scale: convertScale(model, scale, axis, next) });
    setAxis(next);
  };

  const moveSelection = (delta: number) => {
    let lane = selectedLane >= 0 ? selectedLane : delta > 0 ? 0 : model.laneCount;
    for (;;) {
      lane += delta;
      if (lane < 0 || lane >= model.laneCount) return;
      if (model.laneKind[lane] === LaneKind.TASK) break;
    }
    onSelectTask(model.laneRef[lane]);
  };

  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const vp = viewportRef.current;
    let handled = true;
    switch (e.key) {
      case 'ArrowLeft':
      case 'a':
        setScale((s) => s.pan(-size.plotWidth * 0.15));
        break;
      case 'ArrowRight':
      case 'd':
        setScale((s) => s.pan(size.plotWidth * 0.15));
        break;
      case '+':
      case '=':
      case 'w':
        zoomIn();
        break;
      case '-':
      case '_':
      case 's':
        zoomOut();
        break;
      case '0':
      case 'f':
        fit();
        break;
      case 'Home':
        setScale((s) => s.pan(-1e9));
        break;
      case 'End':
        setScale((s) => s.pan(1e9));
        break;
      case 'ArrowUp':
        moveSelection(-1);
        break;
      case 'ArrowDown':
        moveSelection(1);
        break;
      case 'PageUp':
        if (vp) vp.scrollTop -= lanesHeight;
        break;
      case 'PageDown':
        if (vp) vp.scrollTop += lanesHeight;
        break;
      case 'n':
      case 'N': {
        // Next / previous marker on the selected lane (any lane when none is selected).
        const to = adjacentMarker(model, selectedLane, step, e.key === 'n' ? 1 : -1);
        if (to >= 0) onSeek(to);
        break;
      }
      case 'Enter':
        if (hover?.hit) activate(hover.hit);
        else handled = false;
        break;
      case 'Escape':
        if (expanded) setExpanded(false);
        else if (selectedTask >= 0) onSelectTask(-1);
        else handled = false;
        break;
      default:
        handled = false;
    }
    if (handled) {
      // Handled here: the debugger's window-level shortcuts skip prevented events.
      e.preventDefault();
      e.stopPropagation();
    }
  };

  // Exports of the view: the visible lanes with their labels, at twice the pixel density.
  const exportLayout = () => {
    const plotW = size.plotWidth;
    // Whole lanes only: the lanes that are at least half in view.
    const first = Math.round(scrollTop / lh);
    const count = Math.max(
      1,
      Math.min(model.laneCount - first, Math.floor(lanesHeight / lh + 0.5)),
    );
    const footer = 28;
    return {
      first,
      last: first + count,
      layout: {
        width: LABEL_WIDTH + plotW,
        height: HEADER_HEIGHT + count * lh + footer,
        plotLeft: LABEL_WIDTH,
        header: HEADER_HEIGHT,
        laneHeight: lh,
        scrollTop: first * lh,
        footer,
      },
      frameScale: scale.withWidth(plotW),
    };
  };
  const exportPng = () => {
    const { layout, frameScale, first, last } = exportLayout();
    const k = 2;
    const c = document.createElement('canvas');
    c.width = layout.width * k;
    c.height = layout.height * k;
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.scale(k, k);
    const f = prepareFrame(createFrame(), model, axis, frameScale, first, last);
    new TimelineRenderer().draw(ctx, f, model, layout, exportOptions());
    c.toBlob((blob) => blob && download(blob, `${stem(trace)}-timeline.png`), 'image/png');
  };
  const exportSvg = () => {
    const { layout, frameScale, first, last } = exportLayout();
    const f = prepareFrame(createFrame(), model, axis, frameScale, first, last);
    const svg = frameToSvg(f, model, layout, exportOptions());
    download(new Blob([svg], { type: 'image/svg+xml' }), `${stem(trace)}-timeline.svg`);
  };
  const exportPerfetto = () => {
    const json = toPerfettoJson(model, { axis: 'virtual' });
    download(new Blob([json], { type: 'application/json' }), `${stem(trace)}.perfetto.json`);
  };
  const exportLoopscope = () => {
    if (!toLoopscopeJson) return;
    download(
      new Blob([toLoopscopeJson(trace)], { type: 'application/json' }),
      `${stem(trace)}.loopscope.json`,
    );
  };

  // The toolbar is memoized so a step does not re-render it; its buttons call the latest
  // render's handlers through this ref, updated after every commit.
  const actions = useRef<ToolbarActions | null>(null);
  useLayoutEffect(() => {
    actions.current = {
      zoomIn,
      zoomOut,
      fit,
      switchAxis,
      toggleExpanded: () => setExpanded((x) => !x),
      exportPerfetto,
      exportPng,
      exportSvg,
      exportLoopscope,
    };
  });

  const tip = hover?.hit
    ? `${laneTitle(model, hover.lane, t)} — ${
        hover.hit.type === 'marker'
          ? describeMarker(model, hover.hit.index, tipT)
          : describeSpan(model, hover.hit.index, tipT)
      }`
    : null;

  const taskCount = model.taskLane.length;
  return (
    <section
      className={`ls-panel ls-timeline${expanded ? ' is-expanded' : ''}`}
      aria-label={t('timeline.title', 'Timeline')}
    >
      <TimelineToolbar
        t={t}
        axis={axis}
        expanded={expanded}
        taskCount={taskCount}
        eventCount={model.eventCount}
        canExportJson={toLoopscopeJson !== undefined}
        actions={actions}
      />
      <div
        className="ls-tl-viewport"
        ref={viewportRef}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div className="ls-tl-spacer" style={{ height: HEADER_HEIGHT + model.laneCount * lh + 4 }}>
          <div className="ls-tl-sticky" style={{ height: size.height }}>
            <ul
              className="ls-tl-labels"
              aria-label={t('timeline.lanes', 'Lanes')}
              style={{ width: LABEL_WIDTH }}
            >
              <li className="ls-tl-corner" style={{ height: HEADER_HEIGHT }}>
                {axis === 'logical'
                  ? t('timeline.corner.steps', 'step')
                  : t('timeline.corner.virtual', 'virtual time')}
              </li>
              <LaneLabels
                theme={theme}
                model={model}
                firstLane={firstLane}
                lastLane={lastLane}
                selectedLane={selectedLane}
                scrollTop={scrollTop}
                onSelectTask={onSelectTask}
                t={t}
              />
            </ul>
            <div
              className="ls-tl-plot"
              ref={plotRef}
              role="application"
              aria-roledescription="timeline"
              aria-label={t('timeline.plot', 'Timeline plot, {{lanes}} lanes', {
                lanes: model.laneCount.toLocaleString('en-US'),
              })}
              aria-describedby={hintId}
              tabIndex={0}
              data-axis={axis}
              data-view-start={scale.start}
              data-view-end={scale.end}
              onPointerDown={onPointerDown}
              onPointerMove={onPointerMove}
              onPointerUp={onPointerUp}
              onPointerLeave={() => !drag.current && setHover(null)}
              onKeyDown={onKeyDown}
            >
              <canvas ref={canvasRef} aria-hidden="true" />
              <canvas ref={cursorRef} className="ls-tl-cursor" aria-hidden="true" />
              {tip && hover && (
                <div
                  className="ls-tl-tip"
                  role="tooltip"
                  style={{
                    left: Math.min(hover.px + 12, Math.max(0, size.plotWidth - 360)),
                    top: Math.min(hover.py + 14, size.height - 40),
                  }}
                >
                  <RichLines text={tip} t={t} />
                </div>
              )}
              <p id={hintId} className="ls-visually-hidden">
                {t(
                  'timeline.hint',
                  'Click a span or marker to jump to its step. Arrow keys pan, plus and minus zoom, 0 fits the whole run, up and down select tasks, N and Shift+N jump to the next and previous marker. Ctrl and wheel zooms, Shift and wheel pans, Shift and drag zooms to a range.',
                )}
              </p>
            </div>
          </div>
        </div>
      </div>
    </section>
  );
}

/** What the toolbar's buttons do; the component keeps the latest in a ref (see `actions`). */
interface ToolbarActions {
  zoomIn(): void;
  zoomOut(): void;
  fit(): void;
  switchAxis(axis: Axis): void;
  toggleExpanded(): void;
  exportPerfetto(): void;
  exportPng(): void;
  exportSvg(): void;
  exportLoopscope(): void;
}

/** The panel's header: counts, axis switch, zoom, expand, exports and the legend. */
const TimelineToolbar = memo(function TimelineToolbar({
  t,
  axis,
  expanded,
  taskCount,
  eventCount,
  canExportJson,
  actions,
}: {
  t: Translate;
  axis: Axis;
  expanded: boolean;
  taskCount: number;
  eventCount: number;
  canExportJson: boolean;
  actions: RefObject<ToolbarActions | null>;
}) {
  return (
    <header className="ls-panel-header ls-tl-header">
      <h2>{t('timeline.title', 'Timeline')}</h2>
      <span className="ls-count">
        {t('timeline.count', '{{tasks}} tasks · {{events}} events', {
          count: taskCount,
          tasks: taskCount.toLocaleString('en-US'),
          events: eventCount.toLocaleString('en-US'),
        })}
      </span>
      <div
        className="ls-segmented ls-tl-axis"
        role="radiogroup"
        aria-label={t('timeline.axis', 'Time axis')}
      >
        {(
          [
            [
              'logical',
              t('timeline.axisSteps', 'Steps'),
              t(
                'timeline.axisStepsHint',
                'Logical time: every event gets width, so t=0 is readable',
              ),
            ],
            [
              'virtual',
              t('timeline.axisVirtual', 'Virtual time'),
              t('timeline.axisVirtualHint', 'The virtual clock: sleeps take time, code does not'),
            ],
          ] as const
        ).map(([value, label, title]) => (
          <button
            key={value}
            type="button"
            role="radio"
            className="ls-seg"
            aria-checked={axis === value}
            title={title}
            onClick={() => actions.current?.switchAxis(value)}
          >
            {label}
          </button>
        ))}
      </div>
      <div className="ls-tl-tools" role="group" aria-label={t('timeline.zoom', 'Zoom')}>
        <button
          type="button"
          onClick={() => actions.current?.zoomOut()}
          aria-label={t('timeline.zoomOut', 'Zoom out')}
          title={`${t('timeline.zoomOut', 'Zoom out')} (−)`}
        >
          −
        </button>
        <button
          type="button"
          onClick={() => actions.current?.zoomIn()}
          aria-label={t('timeline.zoomIn', 'Zoom in')}
          title={`${t('timeline.zoomIn', 'Zoom in')} (+)`}
        >
          +
        </button>
        <button
          type="button"
          onClick={() => actions.current?.fit()}
          aria-label={t('timeline.fit', 'Fit whole run')}
          title={`${t('timeline.fit', 'Fit whole run')} (0)`}
        >
          {t('timeline.fitShort', 'Fit')}
        </button>
        <button
          type="button"
          onClick={() => actions.current?.toggleExpanded()}
          aria-label={t('timeline.expand', 'Expand timeline')}
          aria-pressed={expanded}
          title={
            expanded
              ? t('timeline.expandOff', 'Back into the layout (Esc)')
              : t('timeline.expandOn', 'Fill the page with the timeline')
          }
        >
          {expanded ? '⤡' : '⤢'}
        </button>
      </div>
      <div
        className="ls-tl-tools ls-tl-export"
        role="group"
        aria-label={t('timeline.export', 'Export')}
      >
        <button
          type="button"
          onClick={() => actions.current?.exportPerfetto()}
          aria-label={t('timeline.exportPerfetto', 'Export Perfetto JSON')}
          title={t('timeline.exportPerfettoHint', 'Chrome Trace Event JSON: open it in Perfetto')}
        >
          Perfetto
        </button>
        <button
          type="button"
          onClick={() => actions.current?.exportPng()}
          aria-label={t('timeline.exportPng', 'Export PNG')}
          title={t('timeline.exportPngHint', 'This view as PNG')}
        >
          PNG
        </button>
        <button
          type="button"
          onClick={() => actions.current?.exportSvg()}
          aria-label={t('timeline.exportSvg', 'Export SVG')}
          title={t('timeline.exportSvgHint', 'This view as SVG')}
        >
          SVG
        </button>
        {canExportJson && (
          <button
            type="button"
            onClick={() => actions.current?.exportLoopscope()}
            aria-label={t('timeline.exportJson', 'Export Loopscope JSON')}
            title={t('timeline.exportJsonHint', 'The trace, to load back without running Python')}
          >
            JSON
          </button>
        )}
      </div>
      <Legend t={t} />
    </header>
  );
});

/** Labels of the lanes in view: the only DOM nodes per lane. */
const LaneLabels = memo(function LaneLabels({
  theme,
  model,
  firstLane,
  lastLane,
  selectedLane,
  scrollTop,
  onSelectTask,
  t,
}: {
  theme: TimelineTheme;
  model: TimelineModel;
  firstLane: number;
  lastLane: number;
  selectedLane: number;
  scrollTop: number;
  onSelectTask: (task: number) => void;
  t: Translate;
}) {
  const lh = LANE_HEIGHT;
  const labels = [];
  for (let lane = firstLane; lane < lastLane; lane++) {
    const kind = model.laneKind[lane];
    const ref = model.laneRef[lane];
    const l = laneLabel(model, lane, LABEL_WIDTH, t, theme);
    const isTask = kind === LaneKind.TASK;
    const selected = lane === selectedLane;
    labels.push(
      <li
        key={lane}
        className={`ls-tl-label${selected ? ' is-selected' : ''}${lane === 0 ? ' is-loop' : ''}`}
        style={{ top: HEADER_HEIGHT + lane * lh - scrollTop, height: lh }}
      >
        {isTask ? (
          <button
            type="button"
            aria-pressed={selected}
            title={`${laneTitle(model, lane, t)} · ${laneSubtitle(model, lane, t)}`}
            onClick={() => onSelectTask(selected ? -1 : ref)}
          >
            <span className="ls-tl-swatch" style={{ background: l.swatch }} />
            <span className="ls-tl-title">{l.title}</span>
            {l.subtitle && <span className="ls-tl-sub">{l.subtitle}</span>}
          </button>
        ) : (
          <span className="ls-tl-static" title={laneSubtitle(model, lane, t)}>
            <span className="ls-tl-swatch" style={{ background: l.swatch }} />
            <span className="ls-tl-title">{l.title}</span>
            {l.subtitle && <span className="ls-tl-sub">{l.subtitle}</span>}
          </span>
        )}
      </li>,
    );
  }
  return <>{labels}</>;
});

/**
 * The timeline's colours for the page's theme: <html data-theme> (a link's `theme=light`), read
 * now and again whenever it changes.
 */
function usePageTheme(): TimelineTheme {
  const [name, setName] = useState(() =>
    typeof document === 'undefined' ? undefined : document.documentElement.dataset.theme,
  );
  useEffect(() => {
    const root = document.documentElement;
    const observer = new MutationObserver(() => setName(root.dataset.theme));
    observer.observe(root, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return timelineThemeFor(name);
}

/** First step at or after virtual time x. */
function hitStepAtTime(model: TimelineModel, x: number): number {
  const time = model.trace.events.time;
  let lo = 0;
  let hi = model.eventCount - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (time[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo);
}

const LEGEND: [string, string, number][] = [
  ['running', spanStyle(16).fill, 1],
  ['ready', spanStyle(16 + 1).fill, 0.32],
  ['suspended', spanStyle(16 + 2).fill, 0.45],
  ['blocked', STATE_FILL.blocked, 1],
  ['done', STATE_FILL.done, 0.6],
  ['failed', STATE_FILL.failed, 0.8],
  ['cancelled', STATE_FILL.cancelled, 0.8],
];

function Legend({ t }: { t: Translate }) {
  return (
    <ul className="ls-tl-legend" aria-label={t('timeline.legend', 'Legend')}>
      {LEGEND.map(([name, fill, alpha]) => (
        <li key={name}>
          <span
            className={`ls-tl-key ls-tl-key-${name}`}
            style={{ background: fill, opacity: alpha }}
            aria-hidden="true"
          />
          {t(`timeline.state.${name}`, name)}
        </li>
      ))}
    </ul>
  );
}
