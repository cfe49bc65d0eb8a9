/** A task named in passing (a holder, a waiter, an awaiter): its colour dot and name. */
import { useVizT } from './i18n';
import { taskColor } from './palette';

export interface TaskChipProps {
  id: number;
  name: string;
  selected?: boolean;
  onSelect?(id: number): void;
}

export function TaskChip({ id, name, selected, onSelect }: TaskChipProps) {
  const t = useVizT();
  const style = { ['--ls-task' as string]: taskColor(id) };
  if (!onSelect) {
    return (
      <span className="ls-task-chip" style={style}>
        {name}
      </span>
    );
  }
  return (
    <button
      type="button"
      className="ls-task-chip"
      style={style}
      aria-pressed={selected ?? false}
      title={t('tasks.selectChip', 'Select task {{name}}', { name })}
      onClick={() => onSelect(id)}
    >
      {name}
    </button>
  );
}
