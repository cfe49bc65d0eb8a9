// The httpx drop-in (src/python/httpx): Fluent Python's flags downloaders, sequential, on a
// thread pool and with asyncio, on the simulated internet and the program's own servers.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { boot, rows, str } from './world-helpers.mjs';

let world;
before(async () => {
  world = await boot();
});

const COUNTRIES = 'CN IN US ID BR PK NG BD RU JP MX PH VN ET EG DE IR TR CD FR'.split(' ');
const SORTED = [...COUNTRIES].sort().join(' ');

// Fluent Python 2nd edition, flags.py, as printed (the comments left out); the last lines add
// the sum of the response times, which a sequential download must take in total.
const FLAGS = `
import time
from pathlib import Path
from typing import Callable

import httpx

POP20_CC = ('CN IN US ID BR PK NG BD RU JP '
            'MX PH VN ET EG DE IR TR CD FR').split()

BASE_URL = 'https://www.fluentpython.com/data/flags'
DEST_DIR = Path('downloaded')

def save_flag(img: bytes, filename: str) -> None:
    (DEST_DIR / filename).write_bytes(img)

def get_flag(cc: str) -> bytes:
    url = f'{BASE_URL}/{cc}/{cc}.gif'.lower()
    resp = httpx.get(url, timeout=6.1,
                     follow_redirects=True)
    resp.raise_for_status()
    TIMES.append(resp.elapsed.total_seconds())
    return resp.content

def download_many(cc_list: list[str]) -> int:
    for cc in sorted(cc_list):
        image = get_flag(cc)
        save_flag(image, f'{cc}.gif')
        print(cc, end=' ', flush=True)
    return len(cc_list)

def main(downloader: Callable[[list[str]], int]) -> None:
    DEST_DIR.mkdir(exist_ok=True)
    t0 = time.perf_counter()
    count = downloader(POP20_CC)
    elapsed = time.perf_counter() - t0
    print(f'\\n{count} downloads in {elapsed:.2f}s')

TIMES = []
if __name__ == '__main__':
    main(download_many)
    print(f'sum of response times {sum(TIMES):.2f}s')
`;

/** [downloads line, count, elapsed, sum of response times] of a flags program's output. */
function flagsSummary(stdout) {
  const lines = stdout.trim().split('\n');
  const done = lines[1].match(/^(\d+) downloads in (\d+\.\d\d)s$/);
  const sum = lines[2].match(/^sum of response times (\d+\.\d\d)s$/);
  assert.ok(done && sum, stdout);
  return {
    codes: lines[0].trim(),
    count: Number(done[1]),
    elapsed: Number(done[2]),
    sum: Number(sum[1]),
  };
}

/** Everything in a trace but its wall-clock metadata, for comparing two runs. */
function traceKey(run) {
  const tables = { ...run.result.trace };
  delete tables.meta;
  return JSON.stringify(tables, (_key, value) =>
    ArrayBuffer.isView(value) ? Array.from(value) : value,
  );
}

describe('httpx: the three styles of Fluent Python’s flags downloaders', () => {
  it('flags.py (sequential, sync httpx.get) takes the sum of the response times', () => {
    const run = world.run(FLAGS);
    assert.equal(run.stderr, '');
    const out = flagsSummary(run.stdout);
    assert.equal(out.codes, SORTED);
    assert.equal(out.count, 20);
    // 20 requests of 50-150 ms one after another: about 2 s, and exactly their sum.
    assert.equal(out.elapsed, out.sum);
    assert.ok(out.elapsed >= 1 && out.elapsed <= 3, `elapsed ${out.elapsed}`);
    // Each request is a connection in the trace, as the aiohttp client's are.
    assert.equal(rows(run, 'NET_CONNECT').length, 20);
    assert.equal(rows(run, 'NET_CLOSE').length, 20);
    assert.ok(
      run.resources.some(
        (r) => r[1] === 'HTTP GET https://www.fluentpython.com/data/flags/br/br.gif',
      ),
    );
    const recv = rows(run, 'NET_RECV');
    assert.equal(str(run, recv[0][4]), '200 OK');
    // No loop runs, so nothing is blocked: the requests just take the program's time.
    assert.equal(rows(run, 'LOOP_BLOCKED').length, 0);
    const untraced = world.run(FLAGS, { trace: false });
    assert.equal(untraced.stdout, run.stdout, 'the same output without a trace');
    assert.equal(traceKey(world.run(FLAGS)), traceKey(run), 'the same trace every run');
  });

  it('sync httpx.get in a thread pool (run_in_executor) overlaps on the workers', () => {
    const run = world.run(`
import asyncio, time
from concurrent import futures
import httpx

BASE_URL = 'https://www.fluentpython.com/data/flags'
TIMES = []

def download_one(cc):
    resp = httpx.get(f'{BASE_URL}/{cc}/{cc}.gif'.lower(), timeout=6.1, follow_redirects=True)
    resp.raise_for_status()
    TIMES.append(resp.elapsed.total_seconds())
    print(cc, end=' ')
    return len(resp.content)

async def main():
    loop = asyncio.get_running_loop()
    cc_list = sorted('CN IN US ID BR PK NG BD RU JP MX PH VN ET EG DE IR TR CD FR'.split())
    t0 = time.perf_counter()
    with futures.ThreadPoolExecutor(max_workers=5) as executor:
        sizes = await asyncio.gather(*(loop.run_in_executor(executor, download_one, cc)
                                       for cc in cc_list))
    print(f'\\n{len(sizes)} downloads in {time.perf_counter() - t0:.2f}s')
    print(f'sum of response times {sum(TIMES):.2f}s')
    print(all(size > 1000 for size in sizes))

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    const out = flagsSummary(run.stdout);
    assert.equal(out.codes, SORTED, 'jobs start in submission order');
    assert.equal(out.count, 20);
    // Five workers: at least a fifth of the sum, well under the sum itself.
    assert.ok(out.elapsed >= out.sum / 5 - 0.01, `${out.elapsed} vs ${out.sum}`);
    assert.ok(out.elapsed <= out.sum / 2, `${out.elapsed} vs ${out.sum}`);
    assert.match(run.stdout, /\nTrue\n$/);
    assert.equal(rows(run, 'WORKER_START').length, 20);
    assert.equal(rows(run, 'NET_CONNECT').length, 20);
    // On a worker the request blocks the worker, not the loop.
    assert.equal(rows(run, 'LOOP_BLOCKED').length, 0);
  });

  it('flags_threadpool.py (ThreadPoolExecutor.map of sync httpx.get) overlaps on 5 workers', () => {
    // flags_threadpool.py as printed, with what it imports from flags.py inlined.
    const program = `
import time
from concurrent import futures
from pathlib import Path
import httpx

POP20_CC = ('CN IN US ID BR PK NG BD RU JP '
            'MX PH VN ET EG DE IR TR CD FR').split()
BASE_URL = 'https://www.fluentpython.com/data/flags'
DEST_DIR = Path('downloaded')
TIMES = []

def save_flag(img: bytes, filename: str) -> None:
    (DEST_DIR / filename).write_bytes(img)

def get_flag(cc: str) -> bytes:
    url = f'{BASE_URL}/{cc}/{cc}.gif'.lower()
    resp = httpx.get(url, timeout=6.1,
                     follow_redirects=True)
    resp.raise_for_status()
    TIMES.append(resp.elapsed.total_seconds())
    return resp.content

def main(downloader):
    DEST_DIR.mkdir(exist_ok=True)
    t0 = time.perf_counter()
    count = downloader(POP20_CC)
    elapsed = time.perf_counter() - t0
    print(f'\\n{count} downloads in {elapsed:.2f}s')

def download_one(cc: str):
    image = get_flag(cc)
    save_flag(image, f'{cc}.gif')
    print(cc, end=' ', flush=True)
    return cc

def download_many(cc_list: list[str]) -> int:
    with futures.ThreadPoolExecutor() as executor:
        res = executor.map(download_one, sorted(cc_list))

    return len(list(res))

if __name__ == '__main__':
    main(download_many)
    print(f'sum of response times {sum(TIMES):.2f}s')
`;
    const run = world.run(program);
    assert.equal(run.stderr, '');
    const out = flagsSummary(run.stdout);
    assert.equal(out.codes, SORTED);
    assert.equal(out.count, 20);
    // The default pool has 5 workers in Pyodide: at least a fifth of the sum, under half of it.
    assert.ok(out.elapsed >= out.sum / 5 - 0.01, `${out.elapsed} vs ${out.sum}`);
    assert.ok(out.elapsed <= out.sum / 2, `${out.elapsed} vs ${out.sum}`);
    assert.equal(rows(run, 'WORKER_START').length, 20);
    assert.equal(rows(run, 'NET_CONNECT').length, 20);
    assert.equal(rows(run, 'LOOP_BLOCKED').length, 0);
    assert.equal(world.run(program, { trace: false }).stdout, run.stdout);
  });

  it('flags_asyncio.py (AsyncClient + gather) downloads concurrently', () => {
    const program = `
import asyncio, time
from pathlib import Path
from httpx import AsyncClient

POP20_CC = ('CN IN US ID BR PK NG BD RU JP MX PH VN ET EG DE IR TR CD FR').split()
BASE_URL = 'https://www.fluentpython.com/data/flags'
DEST_DIR = Path('downloaded')
TIMES = []

def save_flag(img: bytes, filename: str) -> None:
    (DEST_DIR / filename).write_bytes(img)

async def download_one(client: AsyncClient, cc: str):
    image = await get_flag(client, cc)
    save_flag(image, f'{cc}.gif')
    print(cc, end=' ', flush=True)
    return cc

async def get_flag(client: AsyncClient, cc: str) -> bytes:
    url = f'{BASE_URL}/{cc}/{cc}.gif'.lower()
    resp = await client.get(url, timeout=6.1,
                                  follow_redirects=True)
    TIMES.append(resp.elapsed.total_seconds())
    return resp.read()

def download_many(cc_list: list[str]) -> int:
    return asyncio.run(supervisor(cc_list))

async def supervisor(cc_list: list[str]) -> int:
    async with AsyncClient() as client:
        to_do = [download_one(client, cc)
                 for cc in sorted(cc_list)]
        res = await asyncio.gather(*to_do)
    return len(res)

DEST_DIR.mkdir(exist_ok=True)
t0 = time.perf_counter()
count = download_many(POP20_CC)
print(f'\\n{count} downloads in {time.perf_counter() - t0:.2f}s')
print(f'sum of response times {sum(TIMES):.2f}s')
`;
    const run = world.run(program);
    assert.equal(run.stderr, '');
    const out = flagsSummary(run.stdout);
    assert.deepEqual(out.codes.split(' ').sort().join(' '), SORTED);
    assert.notEqual(out.codes, SORTED, 'finishing order follows the latencies, not the names');
    assert.equal(out.count, 20);
    // All at once: the slowest response, at most 150 ms.
    assert.ok(out.elapsed <= 0.15 && out.elapsed < out.sum / 10, `${out.elapsed} vs ${out.sum}`);
    assert.equal(rows(run, 'NET_CONNECT').length, 20);
    assert.equal(world.run(program, { trace: false }).stdout, run.stdout);
    assert.equal(traceKey(world.run(program)), traceKey(run), 'the same trace every run');
  });

  it('flags2_asyncio.py style: Semaphore(3), as_completed, HTTPStatusError for a 404', () => {
    const program = `
import asyncio, time
from collections import Counter
from http import HTTPStatus
from enum import Enum
from pathlib import Path
import httpx, loopscope

DownloadStatus = Enum('DownloadStatus', 'OK NOT_FOUND ERROR')
POP20_CC = ('CN IN US ID BR PK NG BD RU JP MX PH VN ET EG DE IR TR CD FR').split()
BASE_URL = 'https://www.fluentpython.com/data/flags'
loopscope.set_status('*/cd/cd.gif', 404)
TIMES = []

async def get_flag(client: httpx.AsyncClient, base_url: str, cc: str) -> bytes:
    url = f'{base_url}/{cc}/{cc}.gif'.lower()
    resp = await client.get(url, timeout=3.1, follow_redirects=True)
    TIMES.append(resp.elapsed.total_seconds())
    resp.raise_for_status()
    return resp.content

async def download_one(client, cc, base_url, semaphore, verbose):
    try:
        async with semaphore:
            image = await get_flag(client, base_url, cc)
    except httpx.HTTPStatusError as exc:
        res = exc.response
        if res.status_code == HTTPStatus.NOT_FOUND:
            status = DownloadStatus.NOT_FOUND
            msg = f'not found: {res.url}'
        else:
            raise
    else:
        status = DownloadStatus.OK
        msg = f'OK {len(image) > 1000}'
    if verbose and msg:
        print(cc, msg)
    return status

async def supervisor(cc_list, base_url, verbose, concur_req):
    counter = Counter()
    semaphore = asyncio.Semaphore(concur_req)
    async with httpx.AsyncClient() as client:
        to_do = [download_one(client, cc, base_url, semaphore, verbose)
                 for cc in sorted(cc_list)]
        to_do_iter = asyncio.as_completed(to_do)
        error = None
        for coro in to_do_iter:
            try:
                status = await coro
            except httpx.HTTPStatusError as exc:
                error_msg = 'HTTP error {resp.status_code} - {resp.reason_phrase}'
                error_msg = error_msg.format(resp=exc.response)
                error = exc
            except httpx.RequestError as exc:
                error_msg = f'{exc} {type(exc)}'.strip()
                error = exc
            if error:
                status = DownloadStatus.ERROR
            counter[status] += 1
    return counter

t0 = time.perf_counter()
counter = asyncio.run(supervisor(POP20_CC, BASE_URL, True, 3))
print(f'{counter[DownloadStatus.OK]} flags downloaded.')
print(f'{counter[DownloadStatus.NOT_FOUND]} not found.')
print(f'elapsed {time.perf_counter() - t0:.2f}s')
print(f'sum of response times {sum(TIMES):.2f}s')
`;
    const run = world.run(program);
    assert.equal(run.stderr, '');
    const lines = run.stdout.trim().split('\n');
    const perFlag = lines.slice(0, 20).sort();
    const expected = COUNTRIES.filter((cc) => cc !== 'CD').map((cc) => `${cc} OK True`);
    expected.push('CD not found: https://www.fluentpython.com/data/flags/cd/cd.gif');
    assert.deepEqual(perFlag, expected.sort());
    assert.equal(lines[20], '19 flags downloaded.');
    assert.equal(lines[21], '1 not found.');
    const elapsed = Number(lines[22].split(' ')[1].slice(0, -1));
    const sum = Number(lines[23].split(' ')[4].slice(0, -1));
    // Three at a time: about a third of the sum, never less.
    assert.ok(elapsed >= sum / 3 - 0.01 && elapsed <= sum / 2, `${elapsed} vs ${sum}`);
    assert.equal(rows(run, 'NET_CONNECT').length, 20);
    const sortedOut = (r) => r.stdout.split('\n').sort().join('\n');
    assert.equal(sortedOut(world.run(program, { trace: false })), sortedOut(run));
  });
});

describe('httpx: responses and errors', () => {
  it('mirrors httpx: status errors, refused connections, timeouts, URLs, bodies', () => {
    const run = world.run(`
import asyncio, httpx
from http import HTTPStatus

async def main():
    loop = asyncio.get_running_loop()
    async with httpx.AsyncClient() as client:
        r = await client.get('http://httpbin.org/status/404')
        print(r, r.status_code, r.reason_phrase, r.is_success, r.http_version, r.url)
        try:
            r.raise_for_status()
        except httpx.HTTPStatusError as exc:
            print(str(exc).replace('\\n', ' | '))
            print(exc.response.status_code == HTTPStatus.NOT_FOUND, exc.request)
            print(isinstance(exc, httpx.HTTPError), isinstance(exc, httpx.RequestError))
        try:
            await client.get('http://localhost:8080/')
        except httpx.ConnectError as exc:
            print('ConnectError', exc, isinstance(exc, httpx.RequestError), exc.request.url)
        t = loop.time()
        try:
            await client.get('http://httpbin.org/delay/8')
        except httpx.TimeoutException as exc:
            print(type(exc).__name__, repr(str(exc)), round(loop.time() - t, 3))
        r = await client.get('http://httpbin.org/delay/8', timeout=None)
        print('no timeout', r.status_code, round(loop.time() - t, 1))
        r = await client.post('http://httpbin.org/post', json={'x': [1, 2]},
                              headers={'X-Token': 'z'}, params={'page': 2, 'all': True})
        d = r.json()
        print(d['json'], d['data'], d['args'], d['headers']['X-Token'], d['headers']['User-Agent'])
        print(r.headers['content-type'], r.headers.get('Content-Type'), 'content-type' in r.headers)
        r = await client.put('http://httpbin.org/anything', data={'a': 'b c'})
        print(r.json()['method'], r.json()['data'], r.json()['headers']['Content-Type'])
        r = await client.get('http://example.com/index.html')
        print(r.text.startswith('<!doctype html>'), r.encoding, r.is_success)
        for url in ('ftp://example.com/', '/relative'):
            try:
                await client.get(url)
            except httpx.UnsupportedProtocol as exc:
                print('UnsupportedProtocol', exc)
    print('closed', client.is_closed)
    try:
        await client.get('http://example.com/')
    except RuntimeError as exc:
        print(exc)

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      [
        '<Response [404 Not Found]> 404 Not Found False HTTP/1.1 http://httpbin.org/status/404',
        "Client error '404 Not Found' for url 'http://httpbin.org/status/404' | For more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/404",
        "True <Request('GET', 'http://httpbin.org/status/404')>",
        'True False',
        'ConnectError All connection attempts failed True http://localhost:8080/',
        "ReadTimeout '' 5.0",
        'no timeout 200 13.1',
        "{'x': [1, 2]} {\"x\":[1,2]} {'page': '2', 'all': 'true'} z python-httpx/0.28.1",
        'application/json application/json True',
        'PUT a=b+c application/x-www-form-urlencoded',
        'True utf-8 True',
        "UnsupportedProtocol Request URL has an unsupported protocol 'ftp://'.",
        "UnsupportedProtocol Request URL is missing an 'http://' or 'https://' protocol.",
        'closed True',
        'Cannot send a request, as the client has been closed.',
        '',
      ].join('\n'),
    );
  });

  it('does not follow redirects unless asked; sync Client with base_url', () => {
    const run = world.run(`
import httpx, loopscope
from aiohttp import web

loopscope.route('http://old.example.com/*', lambda request: web.HTTPFound('http://new.example.com/page.json'))

r = httpx.get('http://old.example.com/x')
print(r.status_code, r.is_redirect, r.headers['location'], r.next_request)
try:
    r.raise_for_status()
except httpx.HTTPStatusError as exc:
    print(str(exc).split('\\n')[:2])
r = httpx.get('http://old.example.com/x', follow_redirects=True)
print(r.status_code, r.url, [h.status_code for h in r.history], r.json()['simulated'])
with httpx.Client(base_url='http://httpbin.org/anything', headers={'X-A': 'b'},
                  follow_redirects=True) as client:
    r = client.get('items', params={'q': 'z'})
    print(r.url, r.json()['headers']['X-A'], client.is_closed)
print(client.is_closed)
try:
    httpx.get('http://localhost:9/')
except httpx.ConnectError as exc:
    print('ConnectError', exc)
`);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      [
        "302 True http://new.example.com/page.json <Request('GET', 'http://new.example.com/page.json')>",
        "[\"Redirect response '302 Found' for url 'http://old.example.com/x'\", \"Redirect location: 'http://new.example.com/page.json'\"]",
        '200 http://new.example.com/page.json [302] True',
        'http://httpbin.org/anything/items?q=z b False',
        'True',
        'ConnectError [Errno 111] Connection refused',
        '',
      ].join('\n'),
    );
  });

  it('stops a redirect loop at max_redirects, sync and async alike', () => {
    const run = world.run(`
import asyncio, httpx, loopscope
from aiohttp import web

loopscope.route('http://loop.example.com/a', lambda request: web.HTTPFound('http://loop.example.com/b'))
loopscope.route('http://loop.example.com/b', lambda request: web.HTTPFound('http://loop.example.com/a'))

with httpx.Client(follow_redirects=True, max_redirects=3) as client:
    try:
        client.get('http://loop.example.com/a')
    except httpx.TooManyRedirects as exc:
        print('sync', type(exc).__name__, exc)
    r = client.get('http://loop.example.com/a', follow_redirects=False)
    print('sync', r.status_code, r.next_request.url)

async def main():
    async with httpx.AsyncClient(follow_redirects=True, max_redirects=2) as client:
        try:
            await client.get('http://loop.example.com/a')
        except httpx.TooManyRedirects as exc:
            print('async', type(exc).__name__, exc)

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      [
        'sync TooManyRedirects Exceeded maximum allowed redirects.',
        'sync 302 http://loop.example.com/b',
        'async TooManyRedirects Exceeded maximum allowed redirects.',
        '',
      ].join('\n'),
    );
  });

  it('a sync request on the event loop blocks it: LOOP_BLOCKED and a warning', () => {
    const run = world.run(`
import asyncio, httpx

async def ticker():
    for i in range(3):
        print('tick', i, round(asyncio.get_running_loop().time(), 3))
        await asyncio.sleep(0.01)

async def main():
    loop = asyncio.get_running_loop()
    task = asyncio.create_task(ticker())
    await asyncio.sleep(0)
    r = httpx.get('http://httpbin.org/json')
    print('got', r.status_code, round(loop.time(), 3) == round(r.elapsed.total_seconds(), 3))
    await task

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines[0], 'tick 0 0.0');
    assert.equal(lines[1], 'got 200 True');
    const blocked = rows(run, 'LOOP_BLOCKED');
    assert.equal(blocked.length, 1);
    assert.equal(str(run, blocked[0][3]), 'httpx GET http://httpbin.org/json');
    assert.ok(blocked[0][2] >= 50000 && blocked[0][2] <= 150000, `${blocked[0][2]} µs`);
    const warning = rows(run, 'WARNING');
    assert.equal(warning.length, 1);
    assert.match(
      str(run, warning[0][3]),
      / blocked the event loop for 0\.\d+ s: .*\(use httpx\.AsyncClient/,
    );
    assert.equal(warning[0][1], 13, 'at the line of the call');
  });
});

describe("httpx: the program's own servers", () => {
  it('AsyncClient talks to an aiohttp.web app and a hand-written asyncio server', () => {
    const program = `
import asyncio, httpx
from aiohttp import web

async def hello(request):
    return web.json_response({'hello': request.match_info['name'], 'q': request.query.get('q')})

async def echo(request):
    return web.Response(text=(await request.text()).upper())

async def handle(reader, writer):
    await reader.readuntil(b'\\r\\n\\r\\n')
    writer.write(b'HTTP/1.1 200 OK\\r\\nContent-Type: text/plain\\r\\nContent-Length: 3\\r\\n\\r\\nraw')
    await writer.drain()
    writer.close()

async def main():
    app = web.Application()
    app.router.add_get('/hello/{name}', hello)
    app.router.add_post('/echo', echo)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, 'localhost', 8080).start()
    server = await asyncio.start_server(handle, '127.0.0.1', 8081)
    async with httpx.AsyncClient(base_url='http://localhost:8080') as client:
        r = await client.get('/hello/ada', params={'q': 1})
        print(r.status_code, r.json())
        r = await client.post('/echo', content='shout')
        print(r.status_code, r.text)
        r = await client.get('/missing')
        print(r.status_code, r.is_client_error)
        r = await client.get('http://127.0.0.1:8081/anything')
        print(r.status_code, r.text, r.headers['content-type'])
        try:
            httpx.get('http://localhost:8080/hello/bob', timeout=2)
        except httpx.ReadTimeout as exc:
            print('sync on the loop:', type(exc).__name__, exc)
    server.close()
    await runner.cleanup()

asyncio.run(main())
`;
    const run = world.run(program);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      [
        "200 {'hello': 'ada', 'q': '1'}",
        '200 SHOUT',
        '404 True',
        '200 raw text/plain',
        'sync on the loop: ReadTimeout timed out',
        '',
      ].join('\n'),
    );
    assert.equal(rows(run, 'NET_ACCEPT').length, 4, 'one connection per async request');
    assert.equal(rows(run, 'LOOP_BLOCKED').length, 1, 'the sync call stalls its own server');
    assert.equal(world.run(program, { trace: false }).stdout, run.stdout);
    assert.equal(traceKey(world.run(program)), traceKey(run));
  });
});
