import { describe, expect, it } from 'vitest';
import { defaultExample, getExample } from '../examples/index';
import { encodeLink } from './link';
import { resolveLaunch } from './launch';

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
});
