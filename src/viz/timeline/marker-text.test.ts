import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initI18n } from '../../i18n';
import { TraceBuilder } from '../../trace/builder';
import { traceFromJson } from '../../trace/json';
import { EventKind as K, Outcome, Warn } from '../../trace/schema';
import { translatorFor } from '../i18n';
import type { Translate } from '../english';
import { buildTimelineModel, describeMarker, MarkerKind, spanLabel } from './model';
import type { TimelineModel } from './model';

initI18n('en');
const inLang = translatorFor;
const zh = inLang('zh-CN');
const en = inLang('en');

function markerOf(model: TimelineModel, kind: number): number {
  const i = Array.from(model.markers.kind).indexOf(kind);
  expect(i, `no marker of kind ${kind}`).toBeGreaterThanOrEqual(0);
  return i;
}

describe("a timeline marker's tooltip", () => {
  const golden = readFileSync(
    new URL('../../../tests/golden/deadlock.trace.json', import.meta.url),
    'utf8',
  );
  const model = buildTimelineModel(traceFromJson(golden));

  it('says the deadlock warning and the run end in Chinese, as the warnings list does', () => {
    for (const kind of [MarkerKind.WARNING, MarkerKind.RUN_END]) {
      const i = markerOf(model, kind);
      const chinese = describeMarker(model, i, zh);
      // The marker's name and its text joined by a full-width colon, as Chinese writes it.
      expect(chinese).toMatch(/^[^:：]+：死锁：Task-1 \(main\) 在第 21 行等待/);
      expect(chinese).not.toMatch(/waits for|held by/);
      // English is the engine's text, as before.
      expect(describeMarker(model, i, en)).toMatch(/: deadlock: Task-1 \(main\) waits for gather/);
    }
  });

  it("says a budget's run end and the tracer's blocking warning in Chinese", () => {
    const b = new TraceBuilder({ outcome: Outcome.LIMIT_EVENTS });
    b.at(0.5, -1, 3).emit(
      K.WARNING,
      Warn.BLOCKING_CALL,
      b.str(
        'time.sleep(0.5) blocked the event loop for 0.5 s: no other task ran meanwhile (use await asyncio.sleep)',
      ),
    );
    b.at(0.5, -1, 0).emit(K.RUN_END, Outcome.LIMIT_EVENTS, b.str('event limit of 5000 reached'));
    const small = buildTimelineModel(b.build());
    const end = describeMarker(small, markerOf(small, MarkerKind.RUN_END), zh);
    expect(end).toContain('已达到 5000 个事件的上限');
    const warning = describeMarker(small, markerOf(small, MarkerKind.WARNING), zh);
    expect(warning).toMatch(/time\.sleep\(0\.5\)/);
    expect(warning).not.toMatch(/blocked the event loop/);
  });
});

describe("a suspended span's label", () => {
  const golden = readFileSync(
    new URL('../../../tests/golden/lock_queue.trace.json', import.meta.url),
    'utf8',
  );
  const model = buildTimelineModel(traceFromJson(golden));
  const labels = (t: Translate) =>
    new Set(Array.from(model.spans.state, (_, i) => spanLabel(model, i, t)).filter(Boolean));

  it('names the queue or lock a task waits on, not the bare future behind it', () => {
    const english = labels(en);
    // As the task card says it: the producer waits in put() on the full queue.
    expect(english).toContain('await queue `queue`.put()');
    expect(english).not.toContain('await Future');
    // Sleeps keep their own label.
    expect(english).toContain('await sleep(0.1)');
    expect(labels(zh)).toContain('等待队列 `queue` 的 put()');
    expect(labels(zh)).toContain('等待 sleep(0.1)');
  });
});
