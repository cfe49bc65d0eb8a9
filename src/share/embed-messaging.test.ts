import { describe, expect, it } from 'vitest';
import { EmbedMessenger, detectParentOrigin, parseHostMessage } from './embed-messaging';
import type { EmbedErrorCode, EmbedHandlers, MessageWindow, PostTarget } from './embed-messaging';

const HOST = 'https://course.example';

/** A window that records what is posted to it. */
class FakeTarget implements PostTarget {
  posted: { message: Record<string, unknown>; origin: string }[] = [];
  postMessage(message: unknown, targetOrigin: string) {
    this.posted.push({ message: message as Record<string, unknown>, origin: targetOrigin });
  }
  ofType(type: string) {
    return this.posted.filter((p) => p.message.type === type);
  }
}

/** The embed's own window: lets a test deliver message events to the listeners. */
class FakeSelf implements MessageWindow {
  listeners = new Set<(event: MessageEvent) => void>();
  addEventListener(_type: 'message', listener: (event: MessageEvent) => void) {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'message', listener: (event: MessageEvent) => void) {
    this.listeners.delete(listener);
  }
  deliver(data: unknown, origin: string, source: unknown) {
    const event = { data, origin, source } as MessageEvent;
    for (const l of this.listeners) l(event);
  }
}

function setup(
  opts: {
    autorun?: boolean;
    parentOrigin?: string | null;
    allowed?: string[];
    handlers?: Partial<EmbedHandlers>;
  } = {},
) {
  const self = new FakeSelf();
  const parent = new FakeTarget();
  const calls: string[] = [];
  const handlers: EmbedHandlers = {
    setCode: (code) => {
      calls.push(`set-code:${code}`);
    },
    run: () => {
      calls.push('run');
    },
    seek: (step) => {
      calls.push(`seek:${step}`);
    },
    ...opts.handlers,
  };
  const messenger = new EmbedMessenger({
    self,
    parent,
    parentOrigin: opts.parentOrigin === undefined ? HOST : opts.parentOrigin,
    allowedOrigins: opts.allowed,
    autorun: opts.autorun ?? false,
    embedId: 'e1',
    handlers,
  });
  messenger.start();
  const send = (
    type: string,
    payload: unknown,
    id?: string,
    origin = HOST,
    source: unknown = parent,
  ) => self.deliver({ source: 'loopscope', version: 1, type, id, payload }, origin, source);
  return { self, parent, calls, messenger, send };
}

describe('EmbedMessenger', () => {
  it('announces ready to the parent origin with the envelope and embed id', () => {
    const { parent } = setup({ autorun: true });
    expect(parent.posted).toEqual([
      {
        message: {
          source: 'loopscope',
          version: 1,
          type: 'ready',
          embedId: 'e1',
          payload: { autorun: true, readonly: false },
        },
        origin: HOST,
      },
    ]);
  });

  it('obeys set-code and seek from the parent, answering commands that carry an id', () => {
    const { parent, calls, send } = setup();
    send('set-code', { code: 'print(1)' }, 'a');
    send('seek', { step: 12 }, 'b');
    send('seek', { step: 13 });
    expect(calls).toEqual(['set-code:print(1)', 'seek:12', 'seek:13']);
    const responses = parent.ofType('response');
    expect(responses.map((r) => [r.message.id, r.message.payload, r.origin])).toEqual([
      ['a', { ok: true }, HOST],
      ['b', { ok: true }, HOST],
    ]);
  });

  it('echoes a number id, and answers a command whose id cannot be echoed, without doing it', () => {
    const { self, parent, calls } = setup();
    const command = (id: unknown, step: number) =>
      self.deliver(
        { source: 'loopscope', version: 1, type: 'seek', id, payload: { step } },
        HOST,
        parent,
      );
    command(7, 1);
    command(0, 2);
    command(null, 3); // no id: done, not answered
    command({ n: 1 }, 4);
    command('x'.repeat(201), 5);
    command(Number.NaN, 6);
    expect(calls).toEqual(['seek:1', 'seek:2', 'seek:3']);
    expect(parent.ofType('response').map((r) => [r.message.id, r.message.payload])).toEqual([
      [7, { ok: true }],
      [0, { ok: true }],
      ...[4, 5, 6].map(() => [
        undefined,
        {
          ok: false,
          error: 'bad-message',
          message:
            'malformed message: id must be a string of up to 200 characters or a finite number',
        },
      ]),
    ]);
  });

  it('refuses run until the person pressed Run, then obeys', () => {
    const { parent, calls, send, messenger } = setup();
    send('run', {}, 'r1');
    expect(calls).toEqual([]);
    expect(parent.ofType('response')[0].message.payload).toMatchObject({
      ok: false,
      error: 'run-not-allowed',
    });
    expect(messenger.runAllowed).toBe(false);
    messenger.markUserRun();
    send('run', {}, 'r2');
    expect(calls).toEqual(['run']);
    expect(parent.ofType('response')[1].message.payload).toEqual({ ok: true });
  });

  it('obeys run at once when opened with autorun', () => {
    const { calls, send } = setup({ autorun: true });
    send('run', undefined, 'r');
    expect(calls).toEqual(['run']);
  });

  it('ignores messages from other origins and other windows, without answering', () => {
    const { parent, calls, send } = setup({ autorun: true });
    send('set-code', { code: 'evil()' }, 'x', 'https://evil.example');
    send('run', {}, 'y', HOST, new FakeTarget()); // right origin, but a sibling frame
    send('run', {}, 'z', HOST, null);
    expect(calls).toEqual([]);
    expect(parent.ofType('response')).toEqual([]);
  });

  it('accepts allowlisted origins from the parent window', () => {
    const { calls, send } = setup({ allowed: ['https://lms.example'] });
    send('seek', { step: 1 }, undefined, 'https://lms.example');
    expect(calls).toEqual(['seek:1']);
  });

  it('when the parent origin is unknown, talks only to allowlisted origins', () => {
    const none = setup({ parentOrigin: null });
    expect(none.parent.posted).toEqual([]);
    none.send('seek', { step: 1 }, 'q', 'https://anything.example');
    expect(none.calls).toEqual([]);

    const listed = setup({
      parentOrigin: null,
      allowed: ['https://a.example', 'https://b.example'],
    });
    expect(listed.parent.posted.map((p) => p.origin)).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
    listed.send('seek', { step: 2 }, 'q', 'https://b.example');
    expect(listed.calls).toEqual(['seek:2']);
    expect(listed.parent.ofType('response')[0].origin).toBe('https://b.example');
  });

  it('answers malformed, unknown and wrong-version messages with an error', () => {
    const { self, parent, calls, send } = setup();
    send('seek', { step: -1 }, '1');
    send('seek', { step: 'ten' }, '2');
    send('set-code', { code: 42 }, '3');
    send('explode', {}, '4');
    self.deliver(
      { source: 'loopscope', version: 2, type: 'run', id: '5', payload: {} },
      HOST,
      parent,
    );
    expect(calls).toEqual([]);
    const errors = parent
      .ofType('response')
      .map((r) => [r.message.id, (r.message.payload as { error: string }).error]);
    expect(errors).toEqual([
      ['1', 'bad-message'],
      ['2', 'bad-message'],
      ['3', 'bad-message'],
      ['4', 'unknown-type'],
      ['5', 'unsupported-version'],
    ]);
  });

  it('silently ignores foreign postMessage traffic on the host page', () => {
    const { self, parent } = setup();
    for (const data of [null, 'hello', 42, { type: 'run' }, { source: 'other', type: 'run' }, []])
      self.deliver(data, HOST, parent);
    expect(parent.ofType('response')).toEqual([]);
  });

  it('passes handler refusals and failures back to the host', () => {
    const { parent, send } = setup({
      handlers: {
        seek: (step): EmbedErrorCode | void => (step > 10 ? 'step-out-of-range' : undefined),
        setCode: () => {
          throw new Error('boom');
        },
      },
    });
    send('seek', { step: 11 }, 's');
    send('set-code', { code: '' }, 'c');
    expect(
      parent.ofType('response').map((r) => (r.message.payload as { error: string }).error),
    ).toEqual(['step-out-of-range', 'failed']);
  });

  it('posts run-finished and step-changed events', () => {
    const { parent, messenger } = setup();
    messenger.notifyRunFinished({ outcome: 'ok', events: 10, virtualTime: 0.5, lastStep: 9 });
    messenger.notifyStepChanged(4, 0.25);
    expect(parent.ofType('run-finished')[0].message.payload).toEqual({
      outcome: 'ok',
      events: 10,
      virtualTime: 0.5,
      lastStep: 9,
    });
    expect(parent.ofType('step-changed')[0]).toMatchObject({
      message: { payload: { step: 4, time: 0.25 }, embedId: 'e1' },
      origin: HOST,
    });
  });

  it('stops listening after stop()', () => {
    const { calls, send, messenger, self } = setup();
    messenger.stop();
    expect(self.listeners.size).toBe(0);
    send('seek', { step: 1 });
    expect(calls).toEqual([]);
  });

  it('two embeds on one page answer only their own parent messages', () => {
    // Both embeds share the host; each message event reaches only the frame it was posted to.
    const a = setup();
    const b = setup();
    a.send('set-code', { code: 'A' });
    b.send('set-code', { code: 'B' });
    expect(a.calls).toEqual(['set-code:A']);
    expect(b.calls).toEqual(['set-code:B']);
  });
});

describe('parseHostMessage', () => {
  it('returns null for non-Loopscope data', () => {
    expect(parseHostMessage(undefined)).toBeNull();
    expect(parseHostMessage({ source: 'react-devtools' })).toBeNull();
  });
  it('refuses oversized code', () => {
    expect(
      parseHostMessage({
        source: 'loopscope',
        version: 1,
        type: 'set-code',
        payload: { code: 'x'.repeat(2 ** 21) },
      }),
    ).toEqual({ error: 'bad-message', id: undefined });
  });
});

describe('detectParentOrigin', () => {
  it('is null for a top-level page', () => {
    const win = { parent: null as unknown, location: {} };
    win.parent = win;
    expect(detectParentOrigin(win)).toBeNull();
  });
  it('prefers ancestorOrigins, then the referrer', () => {
    const parent = {};
    expect(
      detectParentOrigin({ parent, location: { ancestorOrigins: { length: 1, 0: HOST } } }),
    ).toBe(HOST);
    expect(
      detectParentOrigin({
        parent,
        location: {},
        document: { referrer: 'https://course.example/week3/page.html?x=1' },
      }),
    ).toBe(HOST);
    expect(detectParentOrigin({ parent, location: {}, document: { referrer: '' } })).toBeNull();
    expect(
      detectParentOrigin({ parent, location: {}, document: { referrer: 'not a url' } }),
    ).toBeNull();
  });
});
