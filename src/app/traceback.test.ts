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
});
