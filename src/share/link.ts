/**
 * The share-link codec. A link carries the program and how to show it:
 *
 *   https://host/path/?v=1&step=42&granularity=step&panels=tasks,console#code/<lz>
 *
 * - The code lives in the hash as `#code/` + lz-string's `compressToEncodedURIComponent(source)`,
 *   the TypeScript playground's convention, so people and tools can build links by hand. The hash
 *   never reaches a server, so the program is not logged anywhere. Hand-made links may put the
 *   same payload in a `code` query parameter instead; a damaged one is reported like a damaged
 *   hash.
 * - Options are query parameters (see {@link LinkOptions}); unknown parameters are ignored so that
 *   hosts can add their own.
 * - `v` is the link format version. Links without `v` (format 0, from before versioning) and links
 *   that carry the code as plain text (`#src=`, also a TypeScript playground form) still decode.
 * - `h` is an optional checksum of the source. The Share button always adds it; with it a
 *   truncated or edited link is detected instead of opening half a program. Hand-made links may
 *   leave it out.
 *
 * Decoding never throws: it returns a result with a typed error whose `messageKey` is an i18n key
 * (`share.error.*`), and the caller opens the default example and shows the message.
 */
import LZString from 'lz-string';
import type { RunOptions } from '../runtime/protocol';
import type { Granularity } from '../trace/types';

/** The format this code writes. Bump when the meaning of an existing parameter changes. */
export const LINK_VERSION = 1;

/** Above this many characters the Share action warns and offers a file download instead. */
export const SHARE_SIZE_LIMIT = 8 * 1024;

/**
 * Hard limits on what the decoder will even look at, so that a hostile link cannot make the page
 * decompress for long or allocate a huge string.
 */
export const MAX_HASH_CHARS = 512 * 1024;
export const MAX_SOURCE_CHARS = 1024 * 1024;

/** Panels a link may ask for, in the order the layout shows them. */
export const PANEL_IDS = [
  'editor',
  'loop',
  'tasks',
  'futures',
  'resources',
  'console',
  'timeline',
  'explanation',
] as const;
export type PanelId = (typeof PANEL_IDS)[number];

export const GRANULARITIES: readonly Granularity[] = ['line', 'step', 'iteration'];
export const THEMES = ['dark', 'light'] as const;
export type Theme = (typeof THEMES)[number];
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Settings of the simulated network, passed to the world as run options (runOptionsFromLink). */
export interface NetworkOptions {
  /** One-way latency of each TCP message in milliseconds (0..60000), loopback and remote. */
  latency?: number;
  /** Random extra latency per message or request in milliseconds (0..60000), from the seed. */
  jitter?: number;
  /**
   * Seed of `random` and of the world's random generator: any integer JavaScript holds exactly
   * (|seed| ≤ 2^53 − 1), negative ones included, as the engine and the CLI take any integer.
   */
  seed?: number;
}

/** Everything a link can say besides the code. Absent fields mean "the app's default". */
export interface LinkOptions {
  /** Trace step (event index) to open at after the run. */
  step?: number;
  /** Stepping granularity of the debugger controls. */
  granularity?: Granularity;
  /** Panels to show, in order. */
  panels?: PanelId[];
  theme?: Theme;
  /** Run as soon as the runtime is ready. Also allows an embedding host to send `run`. */
  autorun?: boolean;
  lang?: Language;
  network?: NetworkOptions;
  /** Gallery example to open when the link has no code. */
  example?: string;
  /** Compact embed layout. */
  embed?: boolean;
  /** The code can be read but not edited (embeds). */
  readonly?: boolean;
  /** An id the embed repeats in every message it posts, so a host can tell its embeds apart. */
  embedId?: string;
  /**
   * A trace exported as JSON, as a path on this deployment (e.g. `traces/spinner.json`): the page
   * shows that run without starting Python. Same-origin only, so a link cannot make the page
   * fetch from elsewhere.
   */
  trace?: string;
}

export interface SharedLink {
  /** The program, or null when the link carries none (options only, or an example id). */
  code: string | null;
  options: LinkOptions;
  /** The format version the link was written in (0 for unversioned links). */
  version: number;
}

export type LinkErrorCode = 'malformed' | 'truncated' | 'too-large' | 'version';

/** Largest seed magnitude a link carries: what a JavaScript number holds exactly. */
export const MAX_LINK_SEED = Number.MAX_SAFE_INTEGER;

/** Why a link could not be opened. `messageKey` is an i18n key; `params` fill it in. */
export interface LinkError {
  code: LinkErrorCode;
  messageKey: `share.error.${string}`;
  params?: Record<string, string | number>;
}

/**
 * A parameter that was present but not used; it is ignored and reported: a value Loopscope does
 * not understand (`badParam`), or a `code` parameter the hash's program wins over (`codeIgnored`).
 */
export interface LinkWarning {
  param: string;
  messageKey: 'share.warning.badParam' | 'share.warning.codeIgnored';
  params: { param: string; value: string };
}

export type DecodeResult =
  | { ok: true; link: SharedLink; warnings: LinkWarning[] }
  /** `options` still holds what could be read (language, theme, embed), so the fallback page
   * looks the way the link asked. */
  | { ok: false; error: LinkError; options: LinkOptions; warnings: LinkWarning[] };

/** What can be decoded: a URL, a string (absolute, or relative such as "?v=1#code/..."), or a
 * Location-like object. */
export type LinkInput = string | URL | { search: string; hash: string };

/** FNV-1a over UTF-16 code units, in base 36: short, stable, and enough to catch truncation. */
export function checksum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

const BOOLEAN_TRUE = new Set(['1', 'true', 'yes', 'on', '']);
const BOOLEAN_FALSE = new Set(['0', 'false', 'no', 'off']);

function parseBool(value: string): boolean | undefined {
  const v = value.toLowerCase();
  if (BOOLEAN_TRUE.has(v)) return true;
  if (BOOLEAN_FALSE.has(v)) return false;
  return undefined;
}

/**
 * A decimal integer (an optional minus sign, digits only: no `1e3`, `0x10` or `1.0`) within
 * [min, max]. At most 16 digits, so the number is read exactly whenever it is in a range a
 * JavaScript number holds exactly (the callers' ranges are).
 */
function parseIntIn(value: string, min: number, max: number): number | undefined {
  if (!/^-?\d{1,16}$/.test(value)) return undefined;
  const n = Number(value);
  // `-0` is 0.
  return n >= min && n <= max ? n + 0 : undefined;
}

function splitInput(input: LinkInput): { search: string; hash: string } | null {
  if (typeof input !== 'string') {
    return { search: String(input.search ?? ''), hash: String(input.hash ?? '') };
  }
  try {
    const url = new URL(input, 'http://loopscope.invalid/');
    return { search: url.search, hash: url.hash };
  } catch {
    return null;
  }
}

/** Reads the options; bad values are dropped with a warning rather than failing the link. */
function readOptions(params: URLSearchParams, warnings: LinkWarning[]): LinkOptions {
  const options: LinkOptions = {};
  const bad = (param: string, value: string) =>
    warnings.push({
      param,
      messageKey: 'share.warning.badParam',
      params: { param, value: value.slice(0, 40) },
    });
  const get = (name: string) => params.get(name);

  const step = get('step');
  if (step !== null) {
    const n = parseIntIn(step, 0, 1e9);
    if (n === undefined) bad('step', step);
    else options.step = n;
  }
  const granularity = get('granularity');
  if (granularity !== null) {
    if ((GRANULARITIES as readonly string[]).includes(granularity))
      options.granularity = granularity as Granularity;
    else bad('granularity', granularity);
  }
  const panels = get('panels');
  if (panels !== null) {
    const list: PanelId[] = [];
    for (const p of panels.split(',')) {
      const id = p.trim();
      if (id === '') continue;
      if ((PANEL_IDS as readonly string[]).includes(id)) {
        if (!list.includes(id as PanelId)) list.push(id as PanelId);
      } else bad('panels', id);
    }
    options.panels = list;
  }
  const theme = get('theme');
  if (theme !== null) {
    if ((THEMES as readonly string[]).includes(theme)) options.theme = theme as Theme;
    else bad('theme', theme);
  }
  const lang = get('lang');
  if (lang !== null) {
    const match = LANGUAGES.find((l) => l.toLowerCase() === lang.toLowerCase());
    if (match) options.lang = match;
    else if (/^zh\b/i.test(lang)) options.lang = 'zh-CN';
    else if (/^en\b/i.test(lang)) options.lang = 'en';
    else bad('lang', lang);
  }
  for (const name of ['autorun', 'embed', 'readonly'] as const) {
    const value = get(name);
    if (value === null) continue;
    const b = parseBool(value);
    if (b === undefined) bad(name, value);
    else options[name] = b;
  }
  const network: NetworkOptions = {};
  for (const [name, max] of [
    ['latency', 60_000],
    ['jitter', 60_000],
    ['seed', MAX_LINK_SEED],
  ] as const) {
    const value = get(name);
    if (value === null) continue;
    // A seed may be negative, as the engine's and the CLI's are; latency and jitter may not.
    const n = parseIntIn(value, name === 'seed' ? -MAX_LINK_SEED : 0, max);
    if (n === undefined) bad(name, value);
    else network[name] = n;
  }
  if (Object.keys(network).length > 0) options.network = network;
  const example = get('example');
  if (example !== null) {
    if (/^[a-z0-9][a-z0-9-]{0,63}$/.test(example)) options.example = example;
    else bad('example', example);
  }
  const trace = get('trace');
  if (trace !== null) {
    // A relative path of plain characters ending in .json: never another origin, never a scheme.
    if (/^(?![/\\])(?!.*\.\.)[\w\-./]{1,200}\.json$/.test(trace) && !trace.includes('//'))
      options.trace = trace;
    else bad('trace', trace);
  }
  const embedId = get('embedId');
  if (embedId !== null) {
    if (/^[\w.:-]{1,64}$/.test(embedId)) options.embedId = embedId;
    else bad('embedId', embedId);
  }
  return options;
}

/**
 * Control characters other than tab, newline, carriage return and form feed, lone surrogates,
 * and U+FFFD are what lz-string produces when it decompresses a damaged payload. Programs can
 * hold them too (a pasted U+FFFD, an ESC in a string), so seeing one is only a suspicion: a
 * payload that lz-string itself wrote for exactly this text (it compresses back to the same
 * characters), or a program whose checksum `h` matches, is the program as shared.
 */
function looksDamaged(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000e-\u001f\ufffd]/.test(text)) return true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

function safeDecodeURIComponent(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * What a link's program part holds: no program, an error, or a program. `suspect`: the text has
 * characters a damaged payload produces (looksDamaged) and nothing vouches for it yet; the link
 * is damaged unless its checksum matches (decodeLink).
 */
type CodeResult = { code: null } | { code: string; suspect: boolean } | { error: LinkError };

const MALFORMED: CodeResult = {
  error: { code: 'malformed', messageKey: 'share.error.malformed' },
};

function tooLarge(size: number): CodeResult {
  return {
    error: {
      code: 'too-large',
      messageKey: 'share.error.tooLarge',
      params: { size, limit: MAX_HASH_CHARS },
    },
  };
}

/** The link is small but the program it unpacks to is over MAX_SOURCE_CHARS. */
function programTooLarge(size: number): CodeResult {
  return {
    error: {
      code: 'too-large',
      messageKey: 'share.error.programTooLarge',
      params: { size, limit: MAX_SOURCE_CHARS },
    },
  };
}

/** An lz-string payload (`#code/<payload>`, or the `code` query parameter). */
function readPayload(payload: string): CodeResult {
  // Some chat and mail clients percent-encode `$` and `+`; lz-string's alphabet has no `%`.
  if (payload.includes('%')) {
    const decoded = safeDecodeURIComponent(payload);
    if (decoded === null) return MALFORMED;
    payload = decoded;
  }
  if (payload === '') return { code: null };
  if (!/^[A-Za-z0-9+\-$]+$/.test(payload)) return MALFORMED;
  let code: string | null;
  try {
    code = LZString.decompressFromEncodedURIComponent(payload);
  } catch {
    return MALFORMED;
  }
  if (code === null || code === '') return MALFORMED;
  if (code.length > MAX_SOURCE_CHARS) return programTooLarge(code.length);
  // Compressing again is exact for a payload lz-string wrote for this text; garbage decompressed
  // from a damaged one does not compress back to it. Only done for a suspect text (rare).
  const suspect = looksDamaged(code) && LZString.compressToEncodedURIComponent(code) !== payload;
  return { code, suspect };
}

function readCode(hash: string): CodeResult {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body === '') return { code: null };
  if (body.length > MAX_HASH_CHARS) return tooLarge(body.length);
  if (body.startsWith('code/')) return readPayload(body.slice('code/'.length));
  if (body.startsWith('src=')) {
    const code = safeDecodeURIComponent(body.slice('src='.length));
    if (code === null) return MALFORMED;
    // An empty `#src=` carries no program, as an empty `#code/` does.
    if (code === '') return { code: null };
    if (code.length > MAX_SOURCE_CHARS) return programTooLarge(code.length);
    // Plain text is not decompressed: whatever it holds (U+FFFD, an ESC) is the program.
    return { code, suspect: false };
  }
  // Any other fragment (an anchor, a stray "#") carries no code: not an error.
  return { code: null };
}

/**
 * `?code=<payload>`: the same payload as `#code/`, put in the query the way several other
 * playgrounds' links do. Hand-made links use it; a value that does not decode is a damaged link,
 * never a silent fallback. URLSearchParams reads `+` as a space, and lz-string's alphabet has
 * `+` but no space, so spaces are put back.
 */
function readQueryCode(value: string): CodeResult {
  if (value.length > MAX_HASH_CHARS) return tooLarge(value.length);
  const code = readPayload(value.replace(/ /g, '+'));
  // An empty `code=` is as broken as garbage: the link promised a program and has none.
  return 'code' in code && code.code === null ? MALFORMED : code;
}

/**
 * Decodes a share link. Never throws, and runs in time linear in the (bounded) input.
 * @param input the page location, e.g. `window.location`, or any URL string.
 */
export function decodeLink(input: LinkInput): DecodeResult {
  const warnings: LinkWarning[] = [];
  const parts = splitInput(input);
  if (parts === null) {
    return {
      ok: false,
      error: { code: 'malformed', messageKey: 'share.error.malformed' },
      options: {},
      warnings,
    };
  }
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(parts.search);
  } catch {
    params = new URLSearchParams();
  }
  const options = readOptions(params, warnings);

  let version = 0;
  const v = params.get('v');
  if (v !== null) {
    // A format is a whole number; only a larger one than this page reads is from a newer
    // Loopscope. Anything else (`1.0`, an empty `v=`, `-1`) names no format at all.
    const newer = /^\d+$/.test(v);
    if (!newer || Number(v) > LINK_VERSION) {
      return {
        ok: false,
        error: {
          code: 'version',
          messageKey: newer ? 'share.error.version' : 'share.error.badVersion',
          params: { version: v.slice(0, 20), supported: LINK_VERSION },
        },
        options,
        warnings,
      };
    }
    version = Number(v);
  }

  let read = readCode(parts.hash);
  const queryCode = params.get('code');
  if (queryCode !== null && !('error' in read)) {
    if (read.code === null) read = readQueryCode(queryCode);
    // The hash's program wins; say that the other one was not used (it may be fine itself).
    else
      warnings.push({
        param: 'code',
        messageKey: 'share.warning.codeIgnored',
        params: { param: 'code', value: queryCode.slice(0, 40) },
      });
  }
  if ('error' in read) return { ok: false, error: read.error, options, warnings };
  if (read.code === null) return { ok: true, link: { code: null, options, version }, warnings };

  // The checksum, when there is one, decides: a match vouches for any text, a mismatch is a cut
  // or edited link. Without one, a suspect text is taken for a damaged payload.
  const h = params.get('h');
  if (h !== null ? checksum(read.code) !== h : read.suspect) {
    return {
      ok: false,
      error:
        h !== null
          ? { code: 'truncated', messageKey: 'share.error.truncated' }
          : { code: 'malformed', messageKey: 'share.error.malformed' },
      options,
      warnings,
    };
  }
  return { ok: true, link: { code: read.code, options, version }, warnings };
}

function formatBool(b: boolean): string {
  return b ? '1' : '0';
}

/**
 * Builds a share link on `base` (the page URL; its own query and hash are replaced).
 * Parameters are written in a fixed order so the same state always gives the same link.
 */
export function encodeLink(
  base: string | URL,
  link: { code: string | null; options?: LinkOptions },
): string {
  const url = new URL(String(base));
  const params = new URLSearchParams();
  params.set('v', String(LINK_VERSION));
  const o = link.options ?? {};
  if (o.example !== undefined) params.set('example', o.example);
  if (o.step !== undefined) params.set('step', String(o.step));
  if (o.granularity !== undefined) params.set('granularity', o.granularity);
  if (o.panels !== undefined) params.set('panels', o.panels.join(','));
  if (o.theme !== undefined) params.set('theme', o.theme);
  if (o.lang !== undefined) params.set('lang', o.lang);
  if (o.autorun !== undefined) params.set('autorun', formatBool(o.autorun));
  if (o.embed !== undefined) params.set('embed', formatBool(o.embed));
  if (o.readonly !== undefined) params.set('readonly', formatBool(o.readonly));
  if (o.embedId !== undefined) params.set('embedId', o.embedId);
  if (o.trace !== undefined) params.set('trace', o.trace);
  if (o.network?.latency !== undefined) params.set('latency', String(o.network.latency));
  if (o.network?.jitter !== undefined) params.set('jitter', String(o.network.jitter));
  if (o.network?.seed !== undefined) params.set('seed', String(o.network.seed));
  if (link.code !== null && link.code !== '') params.set('h', checksum(link.code));
  // URLSearchParams writes ',' as %2C; keep panel lists readable since both forms decode.
  url.search = params.toString().replace(/%2C/g, ',');
  url.hash =
    link.code !== null && link.code !== ''
      ? 'code/' + LZString.compressToEncodedURIComponent(link.code)
      : '';
  return url.toString();
}

/**
 * The run options a link's network settings become. Links speak milliseconds; the engine takes
 * seconds of one-way latency (world.prepare's loopback_latency / remote_latency), and a link's
 * one `latency` applies to the whole virtual network, local servers and remote hosts alike, and
 * to the simulated internet behind aiohttp (a request then takes two latencies). `jitter` adds a
 * seeded random delay to each message. Undefined when the link sets nothing.
 */
export function runOptionsFromLink(options: LinkOptions): RunOptions | undefined {
  const net = options.network;
  if (!net) return undefined;
  const out: RunOptions = {};
  if (net.seed !== undefined) out.seed = net.seed;
  if (net.latency !== undefined) {
    out.loopbackLatency = net.latency / 1000;
    out.remoteLatency = net.latency / 1000;
  }
  if (net.jitter !== undefined) out.jitter = net.jitter / 1000;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Largest latency or jitter a link can say, in seconds (60000 ms). */
const MAX_NETWORK_SECONDS = 60;

/**
 * The run options a recorded run (a trace's `meta.options`, as the CLI and the page write them)
 * used that a link can also set: `seed`, `loopback_latency`, `remote_latency`, `jitter`, in the
 * engine's seconds. Budgets (`max_events`...) are left out, as no link sets them, and so are the
 * engine's defaults (seed 0, no jitter): the page runs with those anyway. `meta.options` is
 * free-form JSON from a file, so a value of the wrong type or out of a link's range is ignored
 * (a seed that is not, {@link unusableRecordedSeed} names, so that the page can say so).
 */
export function recordedRunOptions(options: Record<string, unknown>): RunOptions {
  const seconds = (name: string): number | undefined => {
    const v = options[name];
    return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_NETWORK_SECONDS
      ? v
      : undefined;
  };
  const out: RunOptions = {};
  const seed = options.seed;
  if (isLinkSeed(seed) && seed !== 0) out.seed = seed;
  const loopback = seconds('loopback_latency');
  if (loopback !== undefined) out.loopbackLatency = loopback;
  const remote = seconds('remote_latency');
  if (remote !== undefined) out.remoteLatency = remote;
  const jitter = seconds('jitter');
  if (jitter !== undefined && jitter > 0) out.jitter = jitter;
  return out;
}

/** A seed a link can carry and the page can pass on unchanged (MAX_LINK_SEED). */
function isLinkSeed(seed: unknown): seed is number {
  return typeof seed === 'number' && Number.isSafeInteger(seed);
}

/**
 * The recorded run's seed when the page cannot use it (a float, or an integer past what a
 * JavaScript number holds exactly, as `--seed 1e21` gives): the page then runs with its own seed,
 * and says so rather than leaving it out unnoticed. Null when there is nothing to say.
 */
export function unusableRecordedSeed(options: Record<string, unknown>): string | null {
  const seed = options.seed;
  if (seed === undefined || seed === null || isLinkSeed(seed)) return null;
  return (typeof seed === 'string' ? seed : (JSON.stringify(seed) ?? String(seed))).slice(0, 40);
}

/**
 * The run options of a page that shows a recorded run (`trace=`): the recording's world, so Run
 * on its program repeats it, with each setting the link gives itself winning (its `latency`
 * sets both latencies).
 */
export function replayRunOptions(link: LinkOptions, recorded: RunOptions): RunOptions {
  return { ...recorded, ...runOptionsFromLink(link) };
}

/**
 * Run options in a link's words, for the links a page makes (Share, Embed, Open in Loopscope):
 * milliseconds, rounded to whole ones. One `latency` stands for both latencies, so it is written
 * only when they are equal. Undefined when there is nothing to write.
 */
export function networkFromRunOptions(options: RunOptions): NetworkOptions | undefined {
  const out: NetworkOptions = {};
  const ms = (s: number) => Math.min(60_000, Math.round(s * 1000));
  if (options.seed !== undefined) out.seed = options.seed;
  if (options.loopbackLatency !== undefined && options.loopbackLatency === options.remoteLatency)
    out.latency = ms(options.loopbackLatency);
  if (options.jitter !== undefined) out.jitter = ms(options.jitter);
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Query parameters that belong to a link's program: the program itself, its checksum, the
 * example it names, and how that program opens (its step, autorun, a recorded run of it).
 */
const PROGRAM_PARAMS = ['code', 'h', 'example', 'step', 'autorun', 'trace'];

/**
 * The page's address once the program on screen no longer comes from its link (the person
 * picked an example, restored a kept program): the same page and settings (language, theme,
 * panels, network, granularity) without the link's program, so that a reload opens the program
 * saved in the browser, the one on screen, instead of the link's again. An anchor hash stays;
 * `v` goes when nothing else is left. Returns `href` itself when it carries no program.
 */
export function withoutLinkProgram(href: string): string {
  const url = new URL(href);
  const params = new URLSearchParams(url.search);
  let changed = false;
  for (const name of PROGRAM_PARAMS) {
    if (params.has(name)) {
      params.delete(name);
      changed = true;
    }
  }
  if (/^#(code\/|src=)/.test(url.hash)) {
    url.hash = '';
    changed = true;
  }
  if (!changed) return href;
  if ([...params.keys()].every((k) => k === 'v')) params.delete('v');
  url.search = params.toString().replace(/%2C/g, ',');
  return url.toString();
}

/** What the Share action should do with a link of this length. */
export function shareActionFor(url: string): { kind: 'copy' } | { kind: 'download'; size: number } {
  return url.length > SHARE_SIZE_LIMIT ? { kind: 'download', size: url.length } : { kind: 'copy' };
}
