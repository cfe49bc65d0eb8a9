// Simulated HTTP: the aiohttp client on the simulated internet, aiohttp.web servers on the
// virtual network, and the loopscope module shaping both.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { boot, rows, str } from './world-helpers.mjs';

let world;
before(async () => {
  world = await boot();
});

describe('simulated HTTP client', () => {
  // QA: the downloads example's lanes said "await sleep(0.0977)" in a program with no sleep.
  it("waits for a response as reading the request's connection, not as a sleep", () => {
    const run = world.run(`
import asyncio, aiohttp

async def main():
    async with aiohttp.ClientSession() as session:
        async with session.get('http://flags.example.com/br/br.gif') as resp:
            print(resp.status, len(await resp.read()) > 0)

asyncio.run(main())
`);
    assert.equal(run.stdout, '200 True\n');
    const { trace } = run.result;
    const futures = [...trace.futures.kind.keys()];
    assert.ok(
      futures.every((f) => trace.futures.kind[f] !== 4),
      'no sleep future in a program that does not sleep',
    );
    // The task parks on a future labelled with the read, waiting on the request's connection.
    const waits = rows(run, 'RESOURCE_WAIT');
    assert.equal(waits.length, 1);
    const [, , res, , fid] = waits[0];
    assert.equal(trace.futures.kind[fid], 7);
    assert.equal(trace.strings[trace.futures.label[fid]], 'read');
    assert.equal(run.resources[res][1], 'HTTP GET http://flags.example.com/br/br.gif');
  });

  it('answers every URL deterministically after a latency, with async with or await', () => {
    const program = `
import asyncio, aiohttp

async def main():
    loop = asyncio.get_running_loop()
    async with aiohttp.ClientSession() as session:
        async with session.get('http://flags.example.com/br/br.gif') as resp:
            image = await resp.read()
            print(resp.status, resp.reason, resp.content_type, len(image), image[:6], resp.ok)
        print('after', round(loop.time(), 4))
        resp = await session.get('https://example.com/index.html')
        text = await resp.text()
        print(resp.status, resp.headers['content-type'], text.startswith('<!doctype html>'))
        resp = await session.post('http://httpbin.org/post', json={'n': 1}, params={'q': 'x'})
        body = await resp.json()
        print(body['method'], body['json'], body['args'], str(resp.url))
    print('session closed', session.closed)
    async with aiohttp.request('GET', 'http://example.com/data.json') as resp:
        print((await resp.json())['url'])

asyncio.run(main())
`;
    const run = world.run(program);
    assert.equal(run.stderr, '');
    const lines = run.stdout.split('\n');
    assert.match(lines[0], /^200 OK image\/gif \d+ b'GIF89a' True$/);
    const latency = Number(lines[1].split(' ')[1]);
    assert.ok(latency >= 0.05 && latency <= 0.15, `default latency ${latency} in 50-150 ms`);
    assert.equal(lines[2], '200 text/html; charset=utf-8 True');
    assert.equal(lines[3], "POST {'n': 1} {'q': 'x'} http://httpbin.org/post?q=x");
    assert.equal(lines[4], 'session closed True');
    assert.equal(lines[5], 'http://example.com/data.json');
    assert.equal(world.run(program).stdout, run.stdout, 'the same answers every run');
    const connects = rows(run, 'NET_CONNECT');
    assert.equal(connects.length, 4);
    assert.equal(str(run, connects[0][3]), 'flags.example.com:80');
    const recv = rows(run, 'NET_RECV')[0];
    assert.equal(str(run, recv[4]), '200 OK');
    assert.equal(recv[3], Number(lines[0].split(' ')[3]), 'received byte count is the body size');
    assert.equal(rows(run, 'NET_CLOSE').length, 4);
    assert.ok(run.resources.some((r) => r[1] === 'HTTP GET http://flags.example.com/br/br.gif'));
  });

  it('raises the usual exceptions: status errors, timeouts, refused connections, bad URLs', () => {
    const run = world.run(`
import asyncio, aiohttp, loopscope

loopscope.set_status('http://example.com/missing', 404)
loopscope.set_status('*/broken*', 500, body='kaput')
loopscope.set_timeout('http://slow.example.com/')

async def main():
    loop = asyncio.get_running_loop()
    async with aiohttp.ClientSession() as session:
        resp = await session.get('http://example.com/missing')
        try:
            resp.raise_for_status()
        except aiohttp.ClientResponseError as exc:
            print(type(exc).__name__, exc.status, exc)
        resp = await session.get('http://api.example.com/broken/1')
        print(resp.status, await resp.text())
        try:
            await session.get('http://api.example.com/broken/2', raise_for_status=True)
        except aiohttp.ClientError as exc:
            print('ClientError', exc.status)
        t = loop.time()
        try:
            await session.get('http://slow.example.com/', timeout=aiohttp.ClientTimeout(total=3))
        except asyncio.TimeoutError as exc:
            print(type(exc).__name__, isinstance(exc, aiohttp.ServerTimeoutError), loop.time() - t)
        try:
            await session.get('http://localhost:8080/')
        except aiohttp.ClientConnectorError as exc:
            print(isinstance(exc, aiohttp.ClientConnectionError), exc)
        try:
            await session.get('not a url')
        except aiohttp.InvalidURL as exc:
            print('InvalidURL', exc)
        try:
            await (await session.get('http://example.com/page.html')).json()
        except aiohttp.ContentTypeError as exc:
            print('ContentTypeError', exc.message)

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      [
        "ClientResponseError 404 404, message='Not Found', url='http://example.com/missing'",
        '500 kaput',
        'ClientError 500',
        'ServerTimeoutError True 3.0',
        "True Cannot connect to host localhost:8080 ssl:default [Connect call failed ('127.0.0.1', 8080)]",
        'InvalidURL not a url',
        'ContentTypeError Attempt to decode JSON with unexpected mimetype: text/html',
        '',
      ].join('\n'),
    );
  });

  it('lets the program set latency (fixed or seeded range) and route handlers', () => {
    const program = `
import asyncio, aiohttp, loopscope
from aiohttp import web

loopscope.set_latency('http://api.example.com/', 0.5)
loopscope.set_latency('*.cdn.example', low=0.1, high=0.3)

@loopscope.route('http://api.example.com/users/*')
async def user(request):
    return {'user': request.path.rsplit('/', 1)[1], 'q': request.query.get('q')}

loopscope.route('http://api.example.com/teapot', lambda request: (418, 'short and stout'))
loopscope.route('http://api.example.com/gone', lambda request: web.HTTPNotFound())

async def main():
    loop = asyncio.get_running_loop()
    async with aiohttp.ClientSession() as session:
        t = loop.time()
        resp = await session.get('http://api.example.com/users/7?q=1')
        print(await resp.json(), loop.time() - t)
        resp = await session.get('http://api.example.com/teapot')
        print(resp.status, await resp.text())
        print((await session.get('http://api.example.com/gone')).status)
        t = loop.time()
        await session.get('http://img.cdn.example/a.png')
        print('cdn', round(loop.time() - t, 6))

asyncio.run(main())
`;
    const run = world.run(program);
    assert.equal(run.stderr, '');
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines[0], "{'user': '7', 'q': '1'} 0.5");
    assert.equal(lines[1], '418 short and stout');
    assert.equal(lines[2], '404');
    const cdn = Number(lines[3].split(' ')[1]);
    assert.ok(cdn >= 0.1 && cdn <= 0.3, `seeded range latency ${cdn}`);
    assert.equal(world.run(program).stdout, run.stdout);
  });

  it('supports 2015 style: yield from aiohttp.request(...) in @asyncio.coroutine code', () => {
    const run = world.run(`
import asyncio, aiohttp

@asyncio.coroutine
def get_flag(cc):
    url = 'http://flupy.org/data/flags/{cc}/{cc}.gif'.format(cc=cc.lower())
    resp = yield from aiohttp.request('GET', url)
    image = yield from resp.read()
    return image

loop = asyncio.get_event_loop()
sizes = loop.run_until_complete(asyncio.gather(get_flag('BR'), get_flag('CN')))
print([s[:3] for s in sizes], all(len(s) > 1000 for s in sizes))
loop.close()
`);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, "[b'GIF', b'GIF'] True\n");
  });
});

describe('aiohttp.web', () => {
  it("serves the program's own requests over the virtual network", () => {
    const run = world.run(`
import asyncio, aiohttp
from aiohttp import web

routes = web.RouteTableDef()

@routes.get('/')
async def index(request):
    return web.Response(text='index')

@routes.post('/echo')
async def echo(request):
    data = await request.json()
    return web.json_response({'got': data, 'peer': request.remote})

async def hello(request):
    name = request.match_info['name']
    if name == 'nobody':
        raise web.HTTPNotFound(text='no such person')
    return web.Response(text=f'Hello, {name}')

async def main():
    app = web.Application()
    app.add_routes(routes)
    app.router.add_get('/hello/{name}', hello)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, 'localhost', 8080)
    await site.start()
    loop = asyncio.get_running_loop()
    async with aiohttp.ClientSession() as session:
        for path in ('/', '/hello/ada', '/hello/nobody', '/missing'):
            async with session.get('http://localhost:8080' + path) as resp:
                print(path, resp.status, await resp.text())
        async with session.post('http://localhost:8080/echo', json=[1, 2]) as resp:
            print(await resp.json())
        resp = await session.put('http://localhost:8080/echo')
        print('put', resp.status)
    print('virtual time', round(loop.time(), 3))
    await runner.cleanup()

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      [
        '/ 200 index',
        '/hello/ada 200 Hello, ada',
        '/hello/nobody 404 no such person',
        '/missing 404 404: Not Found',
        "{'got': [1, 2], 'peer': '127.0.0.1'}",
        'put 405',
        'virtual time 0.048',
        '',
      ].join('\n'),
    );
    assert.equal(rows(run, 'NET_ACCEPT').length, 6, 'one connection per request');
    assert.equal(rows(run, 'NET_LISTEN').length, 1);
  });

  it('answers 500 and reports the traceback when a handler fails', () => {
    const run = world.run(`
import asyncio, aiohttp
from aiohttp import web

async def bad(request):
    return 1 / 0

async def main():
    app = web.Application()
    app.router.add_get('/bad', bad)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, '127.0.0.1', 0).start()
    port = runner.addresses[0][1]
    async with aiohttp.ClientSession() as session:
        resp = await session.get(f'http://127.0.0.1:{port}/bad')
        print(resp.status, await resp.text())
    await runner.cleanup()

asyncio.run(main())
`);
    assert.equal(run.stdout, '500 500: Internal Server Error\n');
    assert.match(run.stderr, /^Error handling request\nTraceback/);
    assert.match(run.stderr, /ZeroDivisionError: division by zero\n$/);
  });

  it('follows redirects from a handler, keeping the history', () => {
    const run = world.run(`
import asyncio, aiohttp
from aiohttp import web

async def old(request):
    raise web.HTTPFound('/new')

async def new(request):
    return web.Response(text='moved here')

async def main():
    app = web.Application()
    app.router.add_get('/old', old)
    app.router.add_get('/new', new)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, 'localhost', 8080).start()
    async with aiohttp.ClientSession() as session:
        async with session.get('http://localhost:8080/old') as resp:
            print(resp.status, await resp.text(), resp.url, [r.status for r in resp.history])
        resp = await session.get('http://localhost:8080/old', allow_redirects=False)
        print(resp.status, resp.headers['Location'])
    await runner.cleanup()

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, '200 moved here http://localhost:8080/new [302]\n302 /new\n');
  });
});
