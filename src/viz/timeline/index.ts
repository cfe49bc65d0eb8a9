/**
 * The timeline's public surface: the component, its store-connected region, the model and the
 * exports. The benchmark calls benchTimelineModel / benchTimelineDraw from ./bench.
 */
export { Timeline } from './Timeline';
export type { TimelineProps } from './Timeline';
export { TimelineRegion } from './TimelineRegion';
export { buildTimelineModel } from './model';
export type { Axis, TimelineModel } from './model';
export { TimeScale } from './time-scale';
export { toPerfettoJson, toTraceEvents, checkTraceEvents } from './perfetto';
export { frameToSvg } from './svg';
