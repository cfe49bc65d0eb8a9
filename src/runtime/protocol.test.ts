import { describe, expect, it } from 'vitest';
import {
  PROTOCOL_VERSION,
  make,
  parseReply,
  parseRequest,
  type Reply,
  type Request,
} from './protocol';

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
});
