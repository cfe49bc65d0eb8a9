/**
 * Words for whatever a failure threw. Not everything thrown in the worker is an Error: when
 * Pyodide cannot start (its standard library missing, say), Emscripten throws an ExitStatus, a
 * plain object with `name` and `message`, and `String()` of that is "[object Object]", which is
 * what the page used to show after "failed to start (phase start-python)".
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  if (error !== null && typeof error === 'object') {
    const { message, name, status, type } = error as Record<string, unknown>;
    if (typeof message === 'string' && message) return message;
    if (typeof status === 'number') return `${typeof name === 'string' ? name : 'exit'} ${status}`;
    if (typeof type === 'string') return `${type} event`; // an ErrorEvent or a bare Event
    const text = String(error);
    if (text !== '[object Object]') return text;
    try {
      return JSON.stringify(error).slice(0, 200);
    } catch {
      return Object.prototype.toString.call(error);
    }
  }
  return String(error);
}
