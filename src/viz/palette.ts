/**
 * Per-task colours, shared by the panels, the editor gutter markers and the timeline lanes, so a
 * task is the same colour everywhere. Tuned for the dark theme: every colour keeps at least 4.5:1
 * contrast against the panel background (#14161c) when used as text.
 */

/** Twelve hand-picked hues that stay distinct from each other on a dark background. */
export const TASK_COLORS: readonly string[] = [
  '#5eb3ff', // blue
  '#ffb454', // amber
  '#7ee787', // green
  '#f778ba', // pink
  '#c297ff', // violet
  '#4dd4c6', // teal
  '#ff8a65', // coral
  '#d5e85a', // lime
  '#79c0ff', // sky
  '#ffa8d8', // rose
  '#a5d6a7', // sage
  '#ffd866', // yellow
];

/** Colour for code that runs outside any task (plain callbacks, the loop itself). */
export const NO_TASK_COLOR = '#8b949e';

/**
 * The colour of task `id`. Ids past the hand-picked set walk the hue circle by the golden angle,
 * which keeps neighbouring ids far apart in hue even for thousands of tasks.
 */
export function taskColor(id: number): string {
  if (id < 0) return NO_TASK_COLOR;
  if (id < TASK_COLORS.length) return TASK_COLORS[id];
  const hue = Math.round((id * 137.508) % 360);
  return `hsl(${hue} 70% 68%)`;
}

/** Colours of task states, for badges; the same words appear in the badge so colour is never the only cue. */
export const STATE_COLORS: Record<string, string> = {
  pending: '#8b949e',
  ready: '#79c0ff',
  running: '#7ee787',
  suspended: '#d2a8ff',
  done: '#6e7681',
  failed: '#ff7b72',
  cancelled: '#ffa657',
  cancelling: '#ffb454',
};
