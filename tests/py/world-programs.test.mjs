// The "done when" programs of the simulated world (tests/world/*.py), in the style of the classic
// asyncio books, run unchanged through the engine (world-cli.test.mjs runs them through the CLI).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { boot, checkFlags, root, rows, str } from './world-helpers.mjs';

const programs = path.join(root, 'tests/world');
const source = (name) => fs.readFileSync(path.join(programs, `${name}.py`), 'utf8');
const expected = (name) => fs.readFileSync(path.join(programs, `${name}.expected`), 'utf8');

let world;
before(async () => {
  world = await boot();
});

describe('classic programs through the engine', () => {
  it('spinner: 2015 syntax, 30 frames over 3 virtual seconds, then the answer', () => {
    const result = world.run(source('spinner'));
    assert.equal(result.stderr, '');
    assert.equal(result.stdout, expected('spinner'));
    assert.equal(result.stdout.match(/pondering/g).length, 30);
    assert.ok(
      result.stdout.startsWith(`spinner started: Task\n| pondering...${'\b'.repeat(14)}/ pon`),
    );
    assert.ok(result.stdout.endsWith(' '.repeat(14) + '\b'.repeat(14) + 'The answer: 42\n'));
    const legacy = rows(result, 'WARNING')
      .filter((w) => w[2] === 5)
      .map((w) => w[1]);
    assert.deepEqual(
      legacy.sort((a, b) => a - b),
      [9, 24, 31, 33, 41],
    );
  });

  it('chain: coroutines waiting on coroutines, 2 virtual seconds', () => {
    const result = world.run(source('chain'));
    assert.equal(result.stderr, '');
    assert.equal(result.stdout, expected('chain'));
  });

  it('flags: aiohttp downloads under a semaphore, reported with as_completed', () => {
    const result = world.run(source('flags'));
    assert.equal(result.stderr, '');
    checkFlags(result.stdout);
    const connects = rows(result, 'NET_CONNECT');
    assert.equal(connects.length, 20);
    assert.ok(connects.every((c) => str(result, c[3]) === 'flags.example.com:80'));
    // the semaphore is a resource of the trace, and never lets more than 5 requests overlap
    const spans = connects.map((c, i) => [c[0], rows(result, 'NET_CLOSE')[i][0]]);
    const overlap = Math.max(
      ...spans.map(([t]) => spans.filter(([s, e]) => s <= t && t < e).length),
    );
    assert.equal(overlap, 5);
  });

  it('guess: a TCP game with server and client in one program', () => {
    const result = world.run(source('guess'));
    assert.equal(result.stderr, '');
    assert.equal(result.stdout, expected('guess'));
    assert.equal(rows(result, 'NET_ACCEPT').length, 1);
    assert.equal(rows(result, 'NET_SEND').length, 19, 'greeting, 9 guesses and 9 replies');
  });

  it('all four print the same untraced (--no-trace), where the world records nothing', () => {
    for (const name of ['spinner', 'chain', 'guess']) {
      const result = world.run(source(name), { trace: false });
      assert.equal(result.stderr, '', name);
      assert.equal(result.stdout, expected(name), name);
    }
    const flags = world.run(source('flags'), { trace: false });
    assert.equal(flags.stderr, '');
    checkFlags(flags.stdout);
  });
});
