import { describe, expect, it } from 'vitest';
import { defaultExample, getExample } from '../examples/index';
import { TraceBuilder } from '../trace/builder';
import { encodeLink } from './link';
import { bringsProgram, pageRunOptions, resolveLaunch } from './launch';

const BASE = 'https://ls.example/';
const MINE = 'print("my own work")\n';
const SHARED = 'import asyncio\nprint("shared")\n';

describe('resolveLaunch', () => {
  it('opens the default example on a bare page, or the saved work', () => {
    const bare = resolveLaunch({ location: BASE, entry: 'page', saved: null });
    expect(bare).toMatchObject({ source: 'default', code: defaultExample().code, error: null });
    const saved = resolveLaunch({ location: BASE, entry: 'page', saved: MINE });
    expect(saved).toMatchObject({ source: 'saved', code: MINE, conflict: null });
  });

  it('uses the page default when given', () => {
    expect(
      resolveLaunch({ location: BASE, entry: 'page', saved: null, defaultCode: 'x = 1\n' }).code,
    ).toBe('x = 1\n');
  });

  it("does not ask about the previous link's unedited program, but does about edits to it", () => {
    const first = 'print("first link")\n';
    const url = encodeLink(BASE, { code: SHARED });
    const next = resolveLaunch({ location: url, entry: 'page', saved: first, notWork: [first] });
    expect(next).toMatchObject({ source: 'link', code: SHARED, conflict: null });
    const edited = first + 'print("mine")\n';
    expect(
      resolveLaunch({ location: url, entry: 'page', saved: edited, notWork: [first] }).conflict,
    ).toEqual({ saved: edited });
  });

  it('opens a link and asks before replacing different saved work', () => {
    const url = encodeLink(BASE, { code: SHARED, options: { step: 7 } });
    const fresh = resolveLaunch({ location: url, entry: 'page', saved: null });
    expect(fresh).toMatchObject({
      source: 'link',
      code: SHARED,
      conflict: null,
      options: { step: 7 },
    });
    const clash = resolveLaunch({ location: url, entry: 'page', saved: MINE });
    expect(clash).toMatchObject({ source: 'link', code: SHARED, conflict: { saved: MINE } });
    // Same program saved already, or only a built-in example saved: nothing to ask.
    expect(resolveLaunch({ location: url, entry: 'page', saved: SHARED }).conflict).toBeNull();
    expect(
      resolveLaunch({ location: url, entry: 'page', saved: getExample('gather')!.code }).conflict,
    ).toBeNull();
  });

  it('opens a gallery example by id, and reports an unknown id', () => {
    const ok = resolveLaunch({ location: BASE + '?example=semaphore', entry: 'page', saved: null });
    expect(ok).toMatchObject({
      source: 'example',
      exampleId: 'semaphore',
      code: getExample('semaphore')!.code,
    });
    const bad = resolveLaunch({ location: BASE + '?example=nope', entry: 'page', saved: MINE });
    expect(bad).toMatchObject({ source: 'saved', unknownExample: 'nope', code: MINE });
  });

  it('falls back without losing saved work when the link is broken', () => {
    const broken = BASE + '?v=1#code/zzzzzzzzzzzzzzzzzzzzzz';
    const withSaved = resolveLaunch({ location: broken, entry: 'page', saved: MINE });
    expect(withSaved).toMatchObject({ source: 'saved', code: MINE, error: { code: 'malformed' } });
    const without = resolveLaunch({ location: broken, entry: 'page', saved: null });
    expect(without).toMatchObject({
      source: 'default',
      error: { messageKey: 'share.error.malformed' },
    });
    const newer = resolveLaunch({
      location: BASE + '?v=9&lang=zh-CN#code/abc',
      entry: 'page',
      saved: null,
    });
    expect(newer).toMatchObject({ error: { code: 'version' }, options: { lang: 'zh-CN' } });
  });

  it("drops the link's step and autorun when its program cannot be opened", () => {
    const good = encodeLink(BASE, { code: SHARED, options: { step: 158, autorun: true } });
    expect(resolveLaunch({ location: good, entry: 'page', saved: null }).options).toMatchObject({
      step: 158,
      autorun: true,
    });
    // Cut off, as a chat client or an email may leave it.
    const cut = good.slice(0, -40);
    for (const saved of [null, MINE]) {
      const opened = resolveLaunch({ location: cut, entry: 'page', saved });
      expect(opened.error).not.toBeNull();
      expect(opened.options.autorun).toBeUndefined();
      expect(opened.options.step).toBeUndefined();
    }
    const unknown = resolveLaunch({
      location: BASE + '?example=nope&autorun=1&step=3',
      entry: 'page',
      saved: null,
    });
    expect(unknown).toMatchObject({ source: 'default', unknownExample: 'nope' });
    expect(unknown.options.autorun).toBeUndefined();
    // A link with no program at all runs what is there when it asks to.
    expect(
      resolveLaunch({ location: BASE + '?autorun=1', entry: 'page', saved: null }).options.autorun,
    ).toBe(true);
  });

  it('embeds ignore saved work and never ask', () => {
    const url = encodeLink(BASE + 'embed.html', { code: SHARED });
    expect(resolveLaunch({ location: url, entry: 'embed', saved: MINE })).toMatchObject({
      embedded: true,
      code: SHARED,
      conflict: null,
    });
    expect(
      resolveLaunch({ location: BASE + '?embed=1', entry: 'page', saved: MINE }),
    ).toMatchObject({
      embedded: true,
      source: 'default',
    });
  });

  it('reads an empty #src= as no program: nothing to ask about', () => {
    for (const hash of ['#src=', '#code/']) {
      expect(
        resolveLaunch({ location: `${BASE}?v=1${hash}`, entry: 'page', saved: MINE }),
        hash,
      ).toMatchObject({ source: 'saved', code: MINE, conflict: null });
    }
  });
});

describe('a replay link (trace=)', () => {
  const RECORDED = 'import asyncio\nprint("recorded")\n';
  const trace = (source = RECORDED, options: Record<string, unknown> = {}) =>
    new TraceBuilder({ source, options }).build();
  const REPLAY = BASE + '?v=1&trace=traces/x.json&autorun=1&step=20';

  it('opens nothing and asks nothing until the recorded run is here', () => {
    const pending = resolveLaunch({ location: REPLAY, entry: 'page', saved: MINE });
    expect(pending).toMatchObject({ recording: 'pending', conflict: null });
    expect(bringsProgram(pending)).toBe(true);
  });

  it("brings the recorded program as the link's own: asks before replacing saved work", () => {
    const recording = trace();
    const opened = resolveLaunch({
      location: REPLAY,
      entry: 'page',
      saved: MINE,
      recorded: recording,
    });
    expect(opened).toMatchObject({
      source: 'link',
      code: RECORDED,
      conflict: { saved: MINE },
      options: { autorun: true, step: 20, trace: 'traces/x.json' },
    });
    expect(opened.recording).toBe(recording);
    // Nothing saved, the same program saved, a built-in or the previous link's program: no question.
    for (const saved of [null, RECORDED, getExample('gather')!.code]) {
      expect(
        resolveLaunch({ location: REPLAY, entry: 'page', saved, recorded: recording }).conflict,
      ).toBeNull();
    }
    expect(
      resolveLaunch({
        location: REPLAY,
        entry: 'page',
        saved: MINE,
        notWork: [MINE],
        recorded: recording,
      }).conflict,
    ).toBeNull();
    // Embeds never ask.
    expect(
      resolveLaunch({ location: REPLAY, entry: 'embed', saved: MINE, recorded: recording }),
    ).toMatchObject({ source: 'link', code: RECORDED, conflict: null, embedded: true });
  });

  it('opens the saved work, without the link autorun or step, when the recording cannot be read', () => {
    const failed = resolveLaunch({
      location: REPLAY,
      entry: 'page',
      saved: MINE,
      recorded: { error: '404 Not Found' },
    });
    expect(failed).toMatchObject({
      source: 'saved',
      code: MINE,
      conflict: null,
      recording: null,
      recordingError: '404 Not Found',
    });
    expect(failed.options.autorun).toBeUndefined();
    expect(failed.options.step).toBeUndefined();
    expect(failed.options.trace).toBeUndefined();
  });

  it("runs with the recording's world, the link's own settings winning", () => {
    const recording = trace(RECORDED, { seed: -3, loopback_latency: 0.05, remote_latency: 0.05 });
    const at = (location: string) =>
      pageRunOptions(resolveLaunch({ location, entry: 'page', saved: null, recorded: recording }));
    expect(at(REPLAY)).toEqual({ seed: -3, loopbackLatency: 0.05, remoteLatency: 0.05 });
    expect(at(REPLAY + '&seed=4000000000')).toMatchObject({ seed: 4_000_000_000 });
    expect(
      pageRunOptions(resolveLaunch({ location: BASE + '?seed=9', entry: 'page', saved: null })),
    ).toEqual({ seed: 9 });
  });
});
