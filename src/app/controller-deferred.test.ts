import { describe, expect, it } from 'vitest';
import { createPlaygroundStore } from '../store/create-store';
import { resolveConfig } from './config';
import { BootingWorker } from './booting-worker.testutil';
import { PlaygroundController } from './controller';

describe('a playground whose runtime was deferred (a recorded run)', () => {
  it('Run starts Python, says so, and sends the run once Python is ready', async () => {
    const store = createPlaygroundStore({ code: 'print("edited")\n', filename: 'main.py' });
    const workers: BootingWorker[] = [];
    let started = 0;
    const controller = new PlaygroundController(
      store,
      resolveConfig({ storageKey: null, startRuntime: false }),
      {
        createWorker: () => {
          workers.push(new BootingWorker());
          return workers[workers.length - 1];
        },
        isolated: false,
        baseUrl: 'http://localhost/',
        onStart: () => started++,
      },
    );
    expect(workers).toHaveLength(0);
    void controller.run();
    expect(started).toBe(1);
    expect(workers).toHaveLength(1);
    expect(store.getState().running).toBe(true);
    await expect
      .poll(() => workers[0].sent.find((m) => m.type === 'run'))
      .toMatchObject({ type: 'run', code: 'print("edited")\n' });
    // A second Run goes to the runtime already started (it replaces the first run).
    void controller.run();
    expect(started).toBe(1);
    controller.dispose();
  });
});
