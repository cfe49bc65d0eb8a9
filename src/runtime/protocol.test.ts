import { describe, expect, it } from 'vitest';
import {
  PROTOCOL_VERSION,
  make,
  parseReply,
  parseRequest,
  traceBuffers,
  type Reply,
  type Request,
} from './protocol';
import type { TraceColumns } from '../trace/schema';

describe('protocol', () => {
  it('stamps the version on every message', () => {
    const msg = make<Request>({ type: 'check', id: 7, code: 'x', filename: 'main.py' });
    expect(msg.v).toBe(PROTOCOL_VERSION);
    expect(parseRequest(msg)).toEqual({ ok: true, message: msg });
  });

  it('refuses a message of another version, naming both versions', () => {
    const parsed = parseReply({ type: 'ready', id: 3, v: PROTOCOL_VERSION + 1 });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.id).toBe(3);
    expect(parsed.reason).toContain(`version ${PROTOCOL_VERSION + 1}`);
    expect(parsed.reason).toContain(`version ${PROTOCOL_VERSION}`);
  });

  it('refuses non-objects, bad ids and types of the other direction', () => {
    expect(parseRequest(null).ok).toBe(false);
    expect(parseRequest('run').ok).toBe(false);
    expect(parseRequest({ type: 'run', id: -1, v: PROTOCOL_VERSION }).ok).toBe(false);
    expect(parseRequest({ type: 'run', id: 1.5, v: PROTOCOL_VERSION }).ok).toBe(false);
    // A reply type sent to the worker is not a request.
    expect(parseRequest({ type: 'ready', id: 1, v: PROTOCOL_VERSION }).ok).toBe(false);
    expect(parseReply({ type: 'run', id: 1, v: PROTOCOL_VERSION }).ok).toBe(false);
    const ok: Reply = make<Reply>({ type: 'output', id: 1, stream: 'stdout', text: 'hi' });
    expect(parseReply(ok).ok).toBe(true);
  });

  it('lists each column buffer of a trace once for transfer', () => {
    const shared = new ArrayBuffer(64);
    const i32 = () => new Int32Array(2);
    const trace = {
      events: {
        kind: new Uint8Array(shared, 0, 8),
        time: new Float64Array(shared, 8, 2),
        task: i32(),
        line: i32(),
        a: i32(),
        b: i32(),
        c: i32(),
      },
      handles: {
        kind: new Uint8Array(1),
        when: new Float64Array(1),
        descr: i32(),
        task: i32(),
        line: i32(),
      },
      futures: { kind: new Uint8Array(1), label: i32(), owner: i32(), line: i32(), task: i32() },
      tasks: { future: i32(), name: i32(), coro: i32(), parent: i32(), line: i32() },
      resources: { kind: new Uint8Array(1), name: i32(), line: i32(), capacity: i32() },
    } as unknown as TraceColumns;
    const buffers = traceBuffers(trace);
    expect(buffers).toContain(shared);
    expect(new Set(buffers).size).toBe(buffers.length);
    // 2 tables' worth: events shares one buffer for kind+time, plus 5 others; 5+5+5+4 others.
    expect(buffers.length).toBe(1 + 5 + 5 + 5 + 5 + 4);
    expect(traceBuffers(null)).toEqual([]);
  });
});
