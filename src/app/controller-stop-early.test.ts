import { describe, expect, it } from 'vitest';
import type { Request } from '../runtime/protocol';
import type { WorkerPort } from '../runtime/runtime-client';
import { createPlaygroundStore } from '../store/create-store';
import { resolveConfig } from './config';
import { BootingWorker } from './booting-worker.testutil';
import { PlaygroundController } from './controller';

/** A worker still booting: it says ready only when the test lets it. */
class HeldWorker extends BootingWorker {
  private held: (() => void) | null = null;
  override post(message: Request): void {
    if (message.type !== 'init') {
      this.sent.push(message);
      return;
    }
    this.sent.push(message);
    this.held = () => super.post({ ...message, type: 'init' } as Request);
  }
  boot(): void {
    this.sent.pop();
    this.held?.();
  }
}

describe('Stop while the run waits for Python', () => {
  it('ends the run at once, says nothing ran, and sends no run once Python is ready', async () => {
    const store = createPlaygroundStore({ code: 'print("x")\n', filename: 'main.py' });
    const worker = new HeldWorker();
    const controller = new PlaygroundController(store, resolveConfig({ storageKey: null }), {
      createWorker: (): WorkerPort => worker,
      isolated: false,
      baseUrl: 'http://localhost/',
    });
    void controller.run();
    expect(store.getState().running).toBe(true);
    controller.stop();
    await expect.poll(() => store.getState().running).toBe(false);
    expect(store.getState().lastRun).toMatchObject({ kind: 'cancelled', outcome: -1 });
    expect(store.getState().notice?.text).toBe(
      'Stopped before Python started the run: nothing ran.',
    );
    worker.boot();
    await expect.poll(() => store.getState().runtimeInfo).not.toBeNull();
    expect(worker.sent.filter((m) => m.type === 'run')).toHaveLength(0);
    // The next Run works as usual.
    void controller.run();
    await expect.poll(() => worker.sent.filter((m) => m.type === 'run')).toHaveLength(1);
    controller.dispose();
  });
});
