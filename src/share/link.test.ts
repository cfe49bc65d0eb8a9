import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import LZString from 'lz-string';
import {
  LINK_VERSION,
  MAX_HASH_CHARS,
  MAX_SOURCE_CHARS,
  SHARE_SIZE_LIMIT,
  checksum,
  decodeLink,
  encodeLink,
  networkFromRunOptions,
  recordedRunOptions,
  replayRunOptions,
  runOptionsFromLink,
  shareActionFor,
  unusableRecordedSeed,
  withoutLinkProgram,
} from './link';
import type { LinkOptions } from './link';

const BASE = 'https://loopscope.example/app/';
const PROGRAM = [
  'import asyncio',
  '',
  'async def main():',
  '    await asyncio.sleep(0.1)',
  '    print("done 完成")  # emoji too: \u{1F40D}',
  '',
  'asyncio.run(main())',
  '',
].join('\n');

function expectOk(result: ReturnType<typeof decodeLink>) {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}`);
  return result;
}

describe('encodeLink / decodeLink', () => {
  it('round-trips code and every option', () => {
    const options: LinkOptions = {
      step: 42,
      granularity: 'iteration',
      panels: ['tasks', 'console', 'timeline'],
      theme: 'light',
      autorun: true,
      lang: 'zh-CN',
      network: { latency: 25, jitter: 5, seed: 7 },
      embed: true,
      readonly: false,
      embedId: 'left-1',
      trace: 'traces/spinner-cancel.json',
    };
    const url = encodeLink(BASE, { code: PROGRAM, options });
    const result = expectOk(decodeLink(url));
    expect(result.link.code).toBe(PROGRAM);
    expect(result.link.options).toEqual(options);
    expect(result.link.version).toBe(LINK_VERSION);
    expect(result.warnings).toEqual([]);
  });

  it('puts the code in the hash exactly as the TypeScript playground does', () => {
    const url = new URL(encodeLink(BASE, { code: PROGRAM }));
    expect(url.hash).toBe('#code/' + LZString.compressToEncodedURIComponent(PROGRAM));
    expect(url.searchParams.get('v')).toBe('1');
    expect(url.searchParams.get('h')).toBe(checksum(PROGRAM));
    expect(url.pathname).toBe('/app/');
  });

  it('replaces the base URL query and hash', () => {
    const url = encodeLink(BASE + '?step=9&foo=1#code/xyz', { code: 'print(1)' });
    expect(url).not.toContain('foo=1');
    expect(url).not.toContain('step=9');
  });

  it('writes panel lists with plain commas and parameters in a stable order', () => {
    const a = encodeLink(BASE, { code: 'x', options: { panels: ['loop', 'tasks'], step: 3 } });
    const b = encodeLink(BASE, { code: 'x', options: { step: 3, panels: ['loop', 'tasks'] } });
    expect(a).toBe(b);
    expect(a).toContain('panels=loop,tasks');
  });

  it('round-trips arbitrary programs (property), control characters and U+FFFD included', () => {
    const program = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 400 }),
      // Any code point: raw ESC, NUL, VT, U+FFFD, astral characters.
      fc.string({ unit: 'binary', maxLength: 200 }),
      // Any UTF-16 code unit, lone surrogates too.
      fc.string({
        unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
        maxLength: 200,
      }),
    );
    fc.assert(
      fc.property(program, (source) => {
        const result = decodeLink(encodeLink(BASE, { code: source }));
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.link.code).toBe(source === '' ? null : source);
      }),
      { numRuns: 600 },
    );
  });

  it('opens programs holding U+FFFD, ESC, NUL or VT, from Share and from hand-made links', () => {
    for (const source of [
      'print("\ufffd")\n',
      'print("\u001b[31mred\u001b[0m")\n',
      's = "a\u0000b\u000bc"\n',
      'x = "\ud800"  # a lone surrogate\n',
    ]) {
      // Share's link, checksum included.
      expect(expectOk(decodeLink(encodeLink(BASE, { code: source }))).link.code).toBe(source);
      // A hand-made `#code/` link without `h`: the payload is lz-string's own for this text.
      const payload = LZString.compressToEncodedURIComponent(source);
      expect(expectOk(decodeLink(`${BASE}?v=1#code/${payload}`)).link.code).toBe(source);
    }
    // Plain text is never decompressed, so it is never garbage.
    expect(expectOk(decodeLink(BASE + '#src=print(%22%EF%BF%BD%1B%22)')).link.code).toBe(
      'print("\ufffd\u001b")',
    );
  });

  it('reads an empty #src= as no program, as an empty #code/', () => {
    for (const hash of ['#src=', '#code/'])
      expect(expectOk(decodeLink(`${BASE}?v=1${hash}`)).link.code, hash).toBeNull();
  });

  it('carries seeds of a billion and more, negative ones, up to 2^53 - 1', () => {
    for (const seed of [1_500_000_000, 2 ** 31, 4_000_000_000, -3, Number.MAX_SAFE_INTEGER]) {
      const url = encodeLink(BASE, { code: 'x', options: { network: { seed } } });
      const result = expectOk(decodeLink(url));
      expect(result.warnings).toEqual([]);
      expect(result.link.options.network?.seed).toBe(seed);
    }
    expect(expectOk(decodeLink(BASE + '?v=1&seed=1500000000')).link.options.network).toEqual({
      seed: 1500000000,
    });
    expect(expectOk(decodeLink(BASE + '?v=1&step=1000000000')).link.options.step).toBe(1e9);
    // Past what a JavaScript number holds exactly, or not a plain decimal integer: ignored.
    for (const bad of ['9007199254740992', '1e9', '0x10', '1.0', '--3', '']) {
      const result = expectOk(decodeLink(`${BASE}?v=1&seed=${bad}`));
      expect(result.link.options.network, bad).toBeUndefined();
      expect(
        result.warnings.map((w) => w.param),
        bad,
      ).toEqual(['seed']);
    }
    // Latency and jitter stay non-negative.
    expect(expectOk(decodeLink(BASE + '?v=1&latency=-5')).link.options.network).toBeUndefined();
  });

  it('accepts a Location-like object and relative strings', () => {
    const hash = '#code/' + LZString.compressToEncodedURIComponent('print(2)');
    expect(expectOk(decodeLink({ search: '?v=1&step=5', hash })).link).toMatchObject({
      code: 'print(2)',
      options: { step: 5 },
    });
    expect(expectOk(decodeLink('?step=1' + hash)).link.code).toBe('print(2)');
    expect(expectOk(decodeLink(new URL(BASE + hash))).link.code).toBe('print(2)');
  });

  it('returns no code for a plain page URL or an unrelated anchor', () => {
    expect(expectOk(decodeLink(BASE)).link.code).toBeNull();
    expect(expectOk(decodeLink(BASE + '#section-2')).link.code).toBeNull();
    expect(expectOk(decodeLink(BASE + '#code/')).link.code).toBeNull();
  });

  it('reads an example id', () => {
    expect(expectOk(decodeLink(BASE + '?example=gather-basic')).link.options.example).toBe(
      'gather-basic',
    );
  });
});

describe('older link formats', () => {
  it('decodes unversioned hand-made links (format 0) without a checksum', () => {
    const url =
      BASE + '?step=3&panels=tasks#code/' + LZString.compressToEncodedURIComponent(PROGRAM);
    const result = expectOk(decodeLink(url));
    expect(result.link.version).toBe(0);
    expect(result.link.code).toBe(PROGRAM);
    expect(result.link.options).toEqual({ step: 3, panels: ['tasks'] });
  });

  it('decodes plain-text #src= links', () => {
    const result = expectOk(decodeLink(BASE + '#src=' + encodeURIComponent(PROGRAM)));
    expect(result.link.code).toBe(PROGRAM);
  });

  it('decodes links whose lz payload a mail client percent-encoded', () => {
    const payload = LZString.compressToEncodedURIComponent(PROGRAM);
    const mangled = payload.replace(/\$/g, '%24').replace(/\+/g, '%2B');
    expect(expectOk(decodeLink(BASE + '?v=1#code/' + mangled)).link.code).toBe(PROGRAM);
  });

  it('accepts explicit v=0 and the current version', () => {
    expect(expectOk(decodeLink(BASE + '?v=0')).link.version).toBe(0);
    expect(expectOk(decodeLink(BASE + `?v=${LINK_VERSION}`)).link.version).toBe(LINK_VERSION);
  });
});

describe('broken links', () => {
  const good = encodeLink(BASE, { code: PROGRAM, options: { step: 4, lang: 'zh-CN' } });

  it('refuses a newer or nonsensical version with a typed error and keeps readable options', () => {
    for (const v of ['2', '99', '123456789012345678901', 'abc', '-1', '1.5', '1.0', '']) {
      const result = decodeLink(good.replace('v=1', `v=${v}`));
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('version');
        // Only a larger format number is from a newer Loopscope; the rest name no format.
        expect(result.error.messageKey, v).toBe(
          /^\d+$/.test(v) ? 'share.error.version' : 'share.error.badVersion',
        );
        expect(result.error.params?.version).toBe(v.slice(0, 20));
        expect(result.options.lang).toBe('zh-CN');
      }
    }
  });

  it('says a small link holding a program over the limit is too large, not damaged', () => {
    const huge = 'x = 1\n'.repeat(Math.ceil((MAX_SOURCE_CHARS + 1) / 6));
    const payload = LZString.compressToEncodedURIComponent(huge);
    expect(payload.length).toBeLessThan(SHARE_SIZE_LIMIT);
    for (const link of [`${BASE}?v=1#code/${payload}`, `${BASE}?v=1&code=${payload}`]) {
      const result = decodeLink(link);
      expect(!result.ok && result.error).toEqual({
        code: 'too-large',
        messageKey: 'share.error.programTooLarge',
        params: { size: huge.length, limit: MAX_SOURCE_CHARS },
      });
    }
  });

  it('detects a truncated link', () => {
    // Cut the hash at several points; the checksum in the query survives a cut at the end.
    // lz-string's last character can be padding, so a one-character cut may still decode in full:
    // what matters is that a cut link never opens a different program.
    let refused = 0;
    for (const cut of [1, 2, 3, 10, 40]) {
      const result = decodeLink(good.slice(0, good.length - cut));
      if (result.ok) expect(result.link.code).toBe(PROGRAM);
      else {
        refused++;
        expect(['truncated', 'malformed']).toContain(result.error.code);
      }
    }
    expect(refused).toBeGreaterThanOrEqual(3);
  });

  it('detects a tampered payload even when lz-string decodes it', () => {
    const url = new URL(good);
    const payload = url.hash.slice('#code/'.length);
    const other = LZString.compressToEncodedURIComponent(PROGRAM.replace('0.1', '0.2'));
    url.hash = 'code/' + other;
    const result = decodeLink(url);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('truncated');
      expect(result.error.messageKey).toBe('share.error.truncated');
    }
    expect(payload).not.toBe(other);
  });

  it('reports garbage payloads as malformed', () => {
    for (const hash of [
      '#code/!!!',
      '#code/zzzzzzzzzzzzzzzzzzzzzz',
      '#code/abc',
      '#src=%E0%A4%A',
    ]) {
      const result = decodeLink(BASE + hash);
      expect(result.ok, hash).toBe(false);
      if (!result.ok) expect(result.error).toMatchObject({ code: 'malformed' });
    }
  });

  it('reports a malformed ?code= parameter like a damaged hash, never a silent fallback', () => {
    for (const search of ['?v=1&code=garbage', '?code=', '?code=!!!', '?code=print(1)']) {
      const result = decodeLink({ search, hash: '' });
      expect(result.ok, search).toBe(false);
      if (!result.ok) expect(result.error).toMatchObject({ messageKey: 'share.error.malformed' });
    }
    const big = decodeLink({ search: '?code=' + 'A'.repeat(MAX_HASH_CHARS + 1), hash: '' });
    expect(!big.ok && big.error.code).toBe('too-large');
  });

  it('reads a well-formed ?code= parameter as the program, checksum included', () => {
    const source = 'print("a+b $ c")\n' + 'x = 1\n'.repeat(40);
    const payload = LZString.compressToEncodedURIComponent(source);
    // Written raw, `+` reads as a space in a query; both spellings decode.
    for (const search of [`?v=1&code=${payload}`, `?code=${encodeURIComponent(payload)}`]) {
      const result = decodeLink({ search, hash: '' });
      expect(result.ok && result.link.code, search).toBe(source);
    }
    const cut = decodeLink({ search: `?h=${checksum(source + 'x')}&code=${payload}`, hash: '' });
    expect(!cut.ok && cut.error.code).toBe('truncated');
  });

  it("prefers the hash's program over ?code= and warns about the unused one", () => {
    const result = decodeLink({
      search: '?code=' + LZString.compressToEncodedURIComponent('print(2)'),
      hash: '#code/' + LZString.compressToEncodedURIComponent('print(1)'),
    });
    expect(result.ok && result.link.code).toBe('print(1)');
    expect(result.warnings.map((w) => w.param)).toEqual(['code']);
    // The unused program is fine: the warning says it was not used, not that it is unknown.
    expect(result.warnings[0].messageKey).toBe('share.warning.codeIgnored');
  });

  it('refuses an oversized hash before decompressing it', () => {
    const result = decodeLink({ search: '', hash: '#code/' + 'A'.repeat(MAX_HASH_CHARS + 1) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('too-large');
  });

  it('drops bad option values with a warning and still opens the code', () => {
    const url =
      BASE +
      '?step=-3&granularity=word&panels=tasks,bogus&theme=pink&lang=fr&autorun=maybe&latency=1e9' +
      '&example=../../x&embedId=%3Cscript%3E#code/' +
      LZString.compressToEncodedURIComponent('print(1)');
    const result = expectOk(decodeLink(url));
    expect(result.link.code).toBe('print(1)');
    expect(result.link.options).toEqual({ panels: ['tasks'] });
    expect(result.warnings.map((w) => w.param).sort()).toEqual(
      [
        'autorun',
        'embedId',
        'example',
        'granularity',
        'lang',
        'latency',
        'panels',
        'step',
        'theme',
      ].sort(),
    );
    for (const w of result.warnings) expect(w.messageKey).toBe('share.warning.badParam');
  });

  it('accepts only same-origin relative trace paths', () => {
    expect(expectOk(decodeLink(BASE + '?trace=traces/a-b_c.json')).link.options.trace).toBe(
      'traces/a-b_c.json',
    );
    for (const bad of [
      'https://evil.example/t.json',
      '//evil.example/t.json',
      '/abs/t.json',
      '../up.json',
      'a/../../b.json',
      'javascript:alert(1)',
      'trace.txt',
      'a//b.json',
    ]) {
      const result = expectOk(decodeLink(BASE + '?trace=' + encodeURIComponent(bad)));
      expect(result.link.options.trace, bad).toBeUndefined();
      expect(
        result.warnings.map((w) => w.param),
        bad,
      ).toEqual(['trace']);
    }
  });

  it('maps language variants to the supported languages', () => {
    expect(expectOk(decodeLink(BASE + '?lang=zh')).link.options.lang).toBe('zh-CN');
    expect(expectOk(decodeLink(BASE + '?lang=zh-cn')).link.options.lang).toBe('zh-CN');
    expect(expectOk(decodeLink(BASE + '?lang=en-GB')).link.options.lang).toBe('en');
  });
});

describe('decoder fuzzing', () => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
  const lzChars = fc.string({
    unit: fc.constantFrom(...alphabet.split('')),
    maxLength: 600,
  });

  // "Never hangs" is held by vitest's per-test timeout over hundreds of inputs, not by timing
  // single calls: a wall-clock bound per call fails on a loaded machine without saying anything
  // about the decoder.
  const timed = (input: Parameters<typeof decodeLink>[0]) => decodeLink(input);

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (s) => {
        const result = timed(s);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on random lz payloads and query strings', () => {
    fc.assert(
      fc.property(lzChars, fc.string({ maxLength: 200 }), (payload, query) => {
        const result = timed({ search: '?' + query, hash: '#code/' + payload });
        if (result.ok)
          expect(result.link.code === null || typeof result.link.code === 'string').toBe(true);
        else expect(result.error.messageKey).toMatch(/^share\.error\./);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on mutated real links', () => {
    const good = encodeLink(BASE, { code: PROGRAM, options: { step: 2, panels: ['tasks'] } });
    fc.assert(
      fc.property(
        fc.nat({ max: good.length - 1 }),
        fc.nat({ max: 20 }),
        fc.string({ maxLength: 5 }),
        (at, remove, insert) => {
          const mutated = good.slice(0, at) + insert + good.slice(at + remove);
          const result = timed(mutated);
          // A changed link must never silently open a different program than the one shared.
          if (result.ok && result.link.code !== null && result.link.version === LINK_VERSION) {
            // Read `h` the way decodeLink reads the link (its own base URL): with BASE, a
            // mutation such as 'http: s://…' is relative to the decoder but invalid here.
            const h = new URL(mutated, 'http://loopscope.invalid/').searchParams.get('h');
            if (h !== null) expect(checksum(result.link.code)).toBe(h);
          }
        },
      ),
      // [4, 0, ': '] turned 'https://…' into 'http: s://…', which found a test bug once.
      { numRuns: 1000, examples: [[4, 0, ': ']] },
    );
  });

  it('handles a maximal random payload in bounded time', () => {
    let payload = '';
    let seed = 12345;
    while (payload.length < MAX_HASH_CHARS - 10) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      payload += alphabet[seed % alphabet.length];
    }
    const result = decodeLink({ search: '', hash: '#code/' + payload });
    expect(typeof result.ok).toBe('boolean');
  }, 30_000);
});

describe('shareActionFor', () => {
  it('copies short links and offers a download above the limit', () => {
    expect(shareActionFor('x'.repeat(SHARE_SIZE_LIMIT))).toEqual({ kind: 'copy' });
    expect(shareActionFor('x'.repeat(SHARE_SIZE_LIMIT + 1))).toEqual({
      kind: 'download',
      size: SHARE_SIZE_LIMIT + 1,
    });
  });

  it('a large program produces a link over the limit', () => {
    let big = '';
    for (let i = 0; big.length < 40_000; i++)
      big += `async def task_${i}(x):\n    return x * ${i * 7919}\n`;
    expect(shareActionFor(encodeLink(BASE, { code: big })).kind).toBe('download');
  });
});

describe('runOptionsFromLink', () => {
  it("turns a link's latency and jitter (ms) into the run's options (s), with its seed", () => {
    const url = `${BASE}?v=${LINK_VERSION}&latency=250&jitter=40&seed=7#code/${LZString.compressToEncodedURIComponent(PROGRAM)}`;
    const { options } = expectOk(decodeLink(url)).link;
    expect(runOptionsFromLink(options)).toEqual({
      seed: 7,
      loopbackLatency: 0.25,
      remoteLatency: 0.25,
      jitter: 0.04,
    });
  });

  it('passes only the network options the link sets', () => {
    const url = encodeLink(BASE, { code: PROGRAM, options: { theme: 'light' } });
    expect(runOptionsFromLink(expectOk(decodeLink(url)).link.options)).toBeUndefined();
    expect(runOptionsFromLink({ network: {} })).toBeUndefined();
    expect(runOptionsFromLink({ network: { jitter: 10 } })).toEqual({ jitter: 0.01 });
    expect(runOptionsFromLink({ network: { latency: 0 } })).toEqual({
      loopbackLatency: 0,
      remoteLatency: 0,
    });
  });
});

describe("a recorded run's options on the page that replays it", () => {
  /** meta.options as `loopscope run --seed 5 --latency 0.05 --jitter 0.01` writes it. */
  const CLI_OPTIONS = {
    max_events: 2000000,
    max_virtual_time: 3600,
    max_wall_time: 20,
    trace: true,
    seed: 5,
    max_output: 0,
    loopback_latency: 0.05,
    remote_latency: 0.05,
    jitter: 0.01,
  };

  it('takes the seed, latencies and jitter a link can set, and no budgets', () => {
    expect(recordedRunOptions(CLI_OPTIONS)).toEqual({
      seed: 5,
      loopbackLatency: 0.05,
      remoteLatency: 0.05,
      jitter: 0.01,
    });
    // The defaults (seed 0, no jitter, no latency given) add nothing to the page's links.
    expect(recordedRunOptions({ max_events: 500, seed: 0, jitter: 0, trace: true })).toEqual({});
  });

  it('ignores values a link could not carry (a hand-edited or hostile file)', () => {
    expect(
      recordedRunOptions({
        seed: 1.5,
        loopback_latency: -1,
        remote_latency: 61,
        jitter: '0.01',
      }),
    ).toEqual({});
    expect(recordedRunOptions({ seed: 2 ** 53, remote_latency: Number.NaN })).toEqual({});
  });

  it('takes every seed the CLI records that a link can carry, negative and large ones', () => {
    for (const seed of [-3, 4_000_000_000, 2 ** 31, -(2 ** 53 - 1)]) {
      expect(recordedRunOptions({ ...CLI_OPTIONS, seed }).seed).toBe(seed);
      expect(networkFromRunOptions(recordedRunOptions({ seed }))?.seed).toBe(seed);
      expect(unusableRecordedSeed({ seed })).toBeNull();
    }
    // One the page cannot use unchanged is named, so the page can say so, not left out unsaid.
    expect(unusableRecordedSeed({ seed: 1e21 })).toBe('1e+21');
    expect(unusableRecordedSeed({ seed: 1.5 })).toBe('1.5');
    expect(unusableRecordedSeed({ seed: '7' })).toBe('7');
    expect(unusableRecordedSeed({ seed: 0 })).toBeNull();
    expect(unusableRecordedSeed({})).toBeNull();
  });

  it('lets each setting the link gives itself win, its latency for both latencies', () => {
    const recorded = recordedRunOptions(CLI_OPTIONS);
    expect(replayRunOptions({}, recorded)).toEqual(recorded);
    expect(replayRunOptions({ network: { seed: 7, latency: 200 } }, recorded)).toEqual({
      seed: 7,
      loopbackLatency: 0.2,
      remoteLatency: 0.2,
      jitter: 0.01,
    });
    // seed=0 in the link is the link's choice too.
    expect(replayRunOptions({ network: { seed: 0 } }, recorded).seed).toBe(0);
    expect(replayRunOptions({ network: { jitter: 3 } }, {})).toEqual({ jitter: 0.003 });
  });

  it('writes them back in link form for Share, rounded to whole milliseconds', () => {
    expect(networkFromRunOptions(recordedRunOptions(CLI_OPTIONS))).toEqual({
      seed: 5,
      latency: 50,
      jitter: 10,
    });
    // A link's settings survive the trip unchanged, and run the same.
    const link: LinkOptions = { network: { seed: 3, latency: 7, jitter: 1 } };
    const back = networkFromRunOptions(replayRunOptions(link, {}));
    expect(back).toEqual(link.network);
    expect(runOptionsFromLink({ network: back })).toEqual(runOptionsFromLink(link));
    // One `latency` cannot say two different ones: the link leaves it out.
    expect(networkFromRunOptions({ loopbackLatency: 0.002, remoteLatency: 0.03 })).toBeUndefined();
    expect(networkFromRunOptions({ jitter: 0.0004 })).toEqual({ jitter: 0 });
    expect(networkFromRunOptions({})).toBeUndefined();
  });
});

describe('withoutLinkProgram', () => {
  it("drops the link's program and how it opens, and keeps the page's settings", () => {
    const link = encodeLink('https://ls.example/app/', {
      code: 'print(1)\n',
      options: {
        step: 4,
        autorun: true,
        lang: 'zh-CN',
        panels: ['editor', 'tasks'],
        network: { seed: 7 },
      },
    });
    const left = withoutLinkProgram(link);
    expect(left).toBe('https://ls.example/app/?v=1&panels=editor,tasks&lang=zh-CN&seed=7');
    const decoded = decodeLink(left);
    expect(decoded.ok && decoded.link.code).toBeNull();
    expect(decoded.ok && decoded.link.options).toEqual({
      panels: ['editor', 'tasks'],
      lang: 'zh-CN',
      network: { seed: 7 },
    });
  });

  it('drops an example, a plain-text program and a recorded run, and a lone v', () => {
    expect(withoutLinkProgram('https://ls.example/?v=1&example=gather')).toBe(
      'https://ls.example/',
    );
    expect(withoutLinkProgram("https://ls.example/#src=print('A')")).toBe('https://ls.example/');
    expect(withoutLinkProgram('https://ls.example/?trace=traces/a.json&code=abc&h=1')).toBe(
      'https://ls.example/',
    );
  });

  it('leaves an address without a program alone, anchors included', () => {
    for (const href of ['https://ls.example/', 'https://ls.example/?lang=en#notes'])
      expect(withoutLinkProgram(href)).toBe(href);
  });
});
