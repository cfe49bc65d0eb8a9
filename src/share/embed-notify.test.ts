import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createPlaygroundStore } from '../store/create-store';
import { traceFromJson } from '../trace/json';
import { syntheticTrace } from '../trace/synthetic';
import { watchForHost } from './embed-notify';
import { showRecordedRun } from './TraceReplay';

/** Records what the embed would post, in order. */
function recorder() {
  const posted: string[] = [];
  return {
    posted,
    notify: {
      runFinished: (p: { outcome: string; lastStep: number }) =>
        posted.push(`run-finished ${p.outcome} last=${p.lastStep}`),
      stepChanged: (step: number) => posted.push(`step-changed ${step}`),
      userRun: () => posted.push('user-run'),
    },
  };
}

const DONE = { kind: 'done', outcome: 0, detail: '', stats: null } as const;

describe('watchForHost', () => {
  it('reports a finished run once, then the cursor at its end once', () => {
    const store = createPlaygroundStore({ code: '', filename: 'main.py' });
    const { posted, notify } = recorder();
    watchForHost(store, notify, () => false);
    const trace = syntheticTrace({ tasks: 2, sleeps: 1 });
    const last = trace.events.kind.length - 1;

    store.getState().beginRun();
    store.getState().endRun(DONE, trace);
    expect(posted).toEqual(['user-run', `run-finished ok last=${last}`, `step-changed ${last}`]);

    // Each real move is reported once; a seek to where the cursor already is is not a move.
    posted.length = 0;
    store.getState().seek(3);
    store.getState().seek(3);
    store.getState().setCode('print(1)');
    expect(posted).toEqual(['step-changed 3']);

    // The next run's trace is a change even when its last step is the same number.
    posted.length = 0;
    store.getState().beginRun();
    store.getState().endRun(DONE, syntheticTrace({ tasks: 2, sleeps: 1 }));
    expect(posted.filter((m) => m.startsWith('step-changed'))).toEqual([`step-changed ${last}`]);
  });

  it("tells the host's runs from the person's", () => {
    const store = createPlaygroundStore({ code: '', filename: 'main.py' });
    const { posted, notify } = recorder();
    let hostRuns = 1;
    watchForHost(store, notify, () => (hostRuns > 0 ? (hostRuns--, true) : false));
    store.getState().beginRun();
    expect(posted).toEqual([]);
    store.getState().beginRun();
    expect(posted).toEqual(['user-run']);
  });

  it("reports a replayed run's real end time, which it has no live stats for", () => {
    const golden = readFileSync(
      new URL('../../tests/golden/gather_sleeps.trace.json', import.meta.url),
      'utf8',
    );
    const trace = traceFromJson(golden);
    const store = createPlaygroundStore({ code: '', filename: 'main.py' });
    const finished: { virtualTime: number; events: number }[] = [];
    watchForHost(
      store,
      { runFinished: (p) => finished.push(p), stepChanged: () => {}, userRun: () => {} },
      () => false,
    );
    showRecordedRun(store.getState(), trace);
    // gather_sleeps.py: its longest sleep is 0.3 s.
    expect(finished).toEqual([
      expect.objectContaining({ events: trace.events.kind.length, virtualTime: 0.3 }),
    ]);
  });
});
