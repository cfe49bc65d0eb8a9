/** The module worker that runs the Chromium overhead benchmark (overhead.ts), as the app runs
 * Pyodide in pyodide.worker.ts. */
import { measureOverhead } from './overhead';
import type { OverheadReply, OverheadRequest } from './overhead';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<OverheadRequest>) => {
  try {
    scope.postMessage(await measureOverhead(event.data, scope.location.href));
  } catch (error) {
    scope.postMessage({
      traced: [],
      untraced: [],
      events: 0,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    } satisfies OverheadReply);
  }
};
