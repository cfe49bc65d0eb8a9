import { make, type Reply, type Request } from '../runtime/protocol';
import type { WorkerPort } from '../runtime/runtime-client';

/** A worker double for controller tests: it boots at once and records what it is sent. */
export class BootingWorker implements WorkerPort {
  sent: Request[] = [];
  protected onMessage: (data: unknown) => void = () => {};
  post(message: Request): void {
    this.sent.push(message);
    if (message.type === 'init')
      queueMicrotask(() =>
        this.onMessage(
          make<Reply>({
            type: 'ready',
            id: message.id,
            pythonVersion: '3.14.2',
            interruptible: false,
            bootMs: 1,
          }),
        ),
      );
  }
  terminate(): void {}
  listen(onMessage: (data: unknown) => void): void {
    this.onMessage = onMessage;
  }
}
