import { describe, expect, it } from 'vitest';
import { exceptionSummary, userErrorLine } from './traceback';

const TB = `Traceback (most recent call last):
  File "main.py", line 10, in <module>
  File "main.py", line 8, in main
  File "main.py", line 5, in divide
ZeroDivisionError: division by zero
`;

describe('traceback helpers', () => {
  it('finds the innermost user line and the summary', () => {
    expect(userErrorLine(TB, 'main.py')).toBe(5);
    expect(exceptionSummary(TB)).toBe('ZeroDivisionError: division by zero');
  });

  it('ignores other files and treats the file name literally', () => {
    expect(userErrorLine('  File "mainXpy", line 3\n', 'main.py')).toBeNull();
    expect(userErrorLine('  File "/lib/asyncio/x.py", line 3\n', 'main.py')).toBeNull();
    expect(userErrorLine('  File "main.py", line 2\n    def f(:\n', 'main.py')).toBe(2);
  });

  it('summarises an exception group by its innermost sub-exception, not its box drawing', () => {
    const group = [
      '  + Exception Group Traceback (most recent call last):',
      '  |   File "main.py", line 12, in <module>',
      '  |   File "main.py", line 8, in main',
      '  | ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)',
      '  +-+---------------- 1 ----------------',
      '    | Traceback (most recent call last):',
      '    |   File "main.py", line 5, in bad',
      "    |     raise ValueError('boom')",
      '    | ValueError: boom',
      '    +------------------------------------',
      '',
    ].join('\n');
    expect(exceptionSummary(group)).toBe('ValueError: boom');
    expect(userErrorLine(group, 'main.py')).toBe(5);
  });

  it('skips the notes on sub-exceptions a group traceback leaves out', () => {
    const wide = [
      '    | ValueError: boom 0',
      '    +---------------- ... ----------------',
      '    | and 5 more exceptions',
      '    +------------------------------------',
    ].join('\n');
    expect(exceptionSummary(wide)).toBe('ValueError: boom 0');
    const deep = [
      '                    | ExceptionGroup: level 3 (1 sub-exception)',
      '                    +-+---------------- 1 ----------------',
      '                      | ... (max_group_depth is 10)',
      '                      +------------------------------------',
    ].join('\n');
    expect(exceptionSummary(deep)).toBe('ExceptionGroup: level 3 (1 sub-exception)');
  });

  it('keeps a plain one-line summary and answers empty text with nothing', () => {
    expect(exceptionSummary('KeyboardInterrupt\n')).toBe('KeyboardInterrupt');
    expect(exceptionSummary('  \n')).toBe('');
  });
});
