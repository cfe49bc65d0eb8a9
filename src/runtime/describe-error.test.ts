import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error';

describe('describeError', () => {
  it('uses an Error message, and a string as it is', () => {
    expect(describeError(new TypeError('bad'))).toBe('bad');
    expect(describeError(new RangeError())).toBe('RangeError');
    expect(describeError('plain words')).toBe('plain words');
  });

  it('never says [object Object] for the objects Pyodide and workers throw', () => {
    // Emscripten's ExitStatus when Python cannot start.
    const exit = { name: 'ExitStatus', message: 'Program terminated with exit(1)', status: 1 };
    expect(describeError(exit)).toBe('Program terminated with exit(1)');
    expect(describeError({ name: 'ExitStatus', status: 7 })).toBe('ExitStatus 7');
    expect(describeError({ type: 'error' })).toBe('error event');
    expect(describeError({ code: 'E42' })).toBe('{"code":"E42"}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeError(cyclic)).toBe('[object Object]');
    expect(describeError(null)).toBe('null');
    expect(describeError(undefined)).toBe('undefined');
  });
});
