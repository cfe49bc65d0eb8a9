"""aiohttp.web basics on Loopscope's virtual network.

Application, routes (router.add_get/add_post/add_route, RouteTableDef, web.get/web.post),
Request, Response, json_response, the HTTPException family, simple middlewares, AppRunner and
TCPSite, and run_app.  TCPSite listens with loop.create_server, so the program's own aiohttp
client requests (or raw asyncio streams) reach it over the simulated network.  The older way,
`loop.create_server(app.make_handler(), host, port)`, and the low-level web.Server work too.
"""

import asyncio
import inspect
import json as _json
import re
import warnings
from collections.abc import MutableMapping
from urllib.parse import parse_qsl, urlsplit

from aiohttp import URL, CIMultiDictProxy
from loopscope.world import http as _http

__all__ = [
    'AppKey', 'AppRunner', 'Application', 'HTTPBadRequest', 'HTTPException', 'HTTPForbidden',
    'HTTPFound', 'HTTPInternalServerError', 'HTTPMethodNotAllowed', 'HTTPNotFound',
    'HTTPServiceUnavailable', 'HTTPUnauthorized', 'Request', 'Response', 'RouteTableDef', 'Server',
    'StreamResponse', 'TCPSite', 'delete', 'get', 'json_response', 'middleware', 'patch', 'post',
    'put', 'route', 'run_app', 'view',
]


class StreamResponse:
    """Base of Response; holds status, reason and headers."""

    def __init__(self, *, status=200, reason=None, headers=None):
        self.set_status(status, reason)
        self.headers = dict(headers or {})

    def set_status(self, status, reason=None):
        self.status = int(status)
        self.reason = reason if reason is not None else _http.reason_for(self.status)

    @property
    def content_type(self):
        return self.headers.get('Content-Type', 'application/octet-stream').split(';')[0]

    def header_list(self):
        return list(self.headers.items())


class Response(StreamResponse):
    def __init__(self, *, body=None, status=200, reason=None, text=None, headers=None,
                 content_type=None, charset=None):
        if body is not None and text is not None:
            raise ValueError('body and text are not allowed together')
        super().__init__(status=status, reason=reason, headers=headers)
        if text is not None:
            if not isinstance(text, str):
                raise TypeError(f'text argument must be str ({type(text)!r})')
            charset = charset or 'utf-8'
            self.body = text.encode(charset)
            self.headers.setdefault(
                'Content-Type', f'{content_type or "text/plain"}; charset={charset}'
            )
        else:
            if isinstance(body, str):
                body = body.encode(charset or 'utf-8')
            self.body = bytes(body) if body is not None else b''
            if content_type is not None:
                ctype = content_type + (f'; charset={charset}' if charset else '')
                self.headers.setdefault('Content-Type', ctype)
            elif body is not None:
                self.headers.setdefault('Content-Type', 'application/octet-stream')

    @property
    def text(self):
        return self.body.decode('utf-8')

    def __repr__(self):
        return f'<Response {self.reason} not prepared>'


def json_response(data=None, *, text=None, body=None, status=200, reason=None, headers=None,
                  content_type='application/json', dumps=_json.dumps):
    if text is None and body is None:
        text = dumps(data)
    return Response(text=text, body=body, status=status, reason=reason, headers=headers,
                    content_type=content_type)


class HTTPException(Response, Exception):
    """Raise (or return) one of these from a handler to answer with its status."""

    status_code = -1

    def __init__(self, *, headers=None, reason=None, body=None, text=None, content_type=None):
        if body is None and text is None:
            text = f'{self.status_code}: {reason or _http.reason_for(self.status_code)}'
        Response.__init__(self, status=self.status_code, headers=headers, reason=reason,
                          body=body, text=text, content_type=content_type)
        Exception.__init__(self, self.reason)

    def __str__(self):
        return self.reason


def _http_error(name, code):
    return type(name, (HTTPException,), {'status_code': code, '__doc__': f'HTTP {code}.'})


HTTPBadRequest = _http_error('HTTPBadRequest', 400)
HTTPUnauthorized = _http_error('HTTPUnauthorized', 401)
HTTPForbidden = _http_error('HTTPForbidden', 403)
HTTPNotFound = _http_error('HTTPNotFound', 404)
HTTPMethodNotAllowed = _http_error('HTTPMethodNotAllowed', 405)
HTTPConflict = _http_error('HTTPConflict', 409)
HTTPTooManyRequests = _http_error('HTTPTooManyRequests', 429)
HTTPInternalServerError = _http_error('HTTPInternalServerError', 500)
HTTPServiceUnavailable = _http_error('HTTPServiceUnavailable', 503)


class HTTPFound(HTTPException):
    status_code = 302

    def __init__(self, location, **kwargs):
        super().__init__(**kwargs)
        self.headers['Location'] = str(location)
        self.location = location


class Request:
    """An incoming request, for handlers."""

    def __init__(self, method, target, headers, body, app=None, remote=None, host=None):
        self.method = method
        parts = urlsplit(target)
        self.path = parts.path or '/'
        self.query_string = parts.query
        self.path_qs = self.path + (f'?{parts.query}' if parts.query else '')
        self.query = dict(parse_qsl(parts.query))
        self.headers = CIMultiDictProxy(headers)
        self.host = host or self.headers.get('Host', 'localhost')
        scheme = parts.scheme or 'http'
        self.url = URL(target if parts.scheme else f'{scheme}://{self.host}{self.path_qs}')
        self.app = app
        self.remote = remote
        self.match_info = {}
        self._body = body
        self._state = {}

    @classmethod
    def _simulated(cls, method, url, headers, body):
        """A request to the simulated internet, for loopscope.route handlers."""
        return cls(method, url, headers, body, host=urlsplit(url).netloc)

    def __getitem__(self, key):
        return self._state[key]

    def __setitem__(self, key, value):
        self._state[key] = value

    @property
    def content_type(self):
        return (self.headers.get('Content-Type') or 'application/octet-stream').split(';')[0]

    @property
    def can_read_body(self):
        return bool(self._body)

    body_exists = can_read_body

    async def read(self):
        return self._body

    async def text(self):
        return self._body.decode('utf-8')

    async def json(self, *, loads=_json.loads):
        return loads(self._body.decode('utf-8'))

    async def post(self):
        return dict(parse_qsl(self._body.decode('utf-8')))

    def __repr__(self):
        return f'<Request {self.method} {self.path_qs} >'


async def run_handler(handler, request):
    """Call a handler (sync or async) and turn what it returns into a Response."""
    try:
        result = handler(request)
        if inspect.isawaitable(result):
            result = await result
    except HTTPException as exc:
        return exc
    except Exception:
        _http.report_handler_error()
        return HTTPInternalServerError()
    return _to_response(result)


def _to_response(result):
    if isinstance(result, StreamResponse):
        return result
    if isinstance(result, tuple) and len(result) == 2 and isinstance(result[0], int):
        response = _to_response(result[1])
        response.set_status(result[0])
        return response
    if isinstance(result, int):
        return Response(status=result, text=f'{result}: {_http.reason_for(result)}')
    if isinstance(result, str):
        return Response(text=result)
    if isinstance(result, (bytes, bytearray)):
        return Response(body=bytes(result))
    if isinstance(result, (dict, list)):
        return json_response(result)
    if result is None:
        return Response(status=204)
    raise TypeError(f'a handler returned {type(result).__name__}, expected a Response')


# -- routing -----------------------------------------------------------------------------------
class RouteDef:
    def __init__(self, method, path, handler, kwargs=None):
        self.method = method
        self.path = path
        self.handler = handler
        self.kwargs = kwargs or {}

    def register(self, router):
        router.add_route(self.method, self.path, self.handler, **self.kwargs)

    def __repr__(self):
        return f'<RouteDef {self.method} {self.path} -> {self.handler.__name__!r}>'


def route(method, path, handler, **kwargs):
    return RouteDef(method, path, handler, kwargs)


def get(path, handler, *, allow_head=True, **kwargs):
    return RouteDef('GET', path, handler, dict(kwargs, allow_head=allow_head))


def post(path, handler, **kwargs):
    return RouteDef('POST', path, handler, kwargs)


def put(path, handler, **kwargs):
    return RouteDef('PUT', path, handler, kwargs)


def patch(path, handler, **kwargs):
    return RouteDef('PATCH', path, handler, kwargs)


def delete(path, handler, **kwargs):
    return RouteDef('DELETE', path, handler, kwargs)


def view(path, handler, **kwargs):
    return RouteDef('*', path, handler, kwargs)


class RouteTableDef:
    """`routes = web.RouteTableDef()` then `@routes.get('/')`."""

    def __init__(self):
        self._items = []

    def route(self, method, path, **kwargs):
        def decorator(handler):
            self._items.append(RouteDef(method, path, handler, kwargs))
            return handler

        return decorator

    def get(self, path, **kwargs):
        return self.route('GET', path, **kwargs)

    def post(self, path, **kwargs):
        return self.route('POST', path, **kwargs)

    def put(self, path, **kwargs):
        return self.route('PUT', path, **kwargs)

    def patch(self, path, **kwargs):
        return self.route('PATCH', path, **kwargs)

    def delete(self, path, **kwargs):
        return self.route('DELETE', path, **kwargs)

    def view(self, path, **kwargs):
        return self.route('*', path, **kwargs)

    def __iter__(self):
        return iter(self._items)

    def __len__(self):
        return len(self._items)


_PARAM = re.compile(r'\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?::(?P<regex>[^{}]+))?\}')


def _compile_path(path):
    pattern, pos = '', 0
    for m in _PARAM.finditer(path):
        pattern += re.escape(path[pos:m.start()])
        pattern += f'(?P<{m.group("name")}>{m.group("regex") or "[^{}/]+"})'
        pos = m.end()
    pattern += re.escape(path[pos:])
    return re.compile(f'^{pattern}$')


class UrlDispatcher:
    def __init__(self):
        self._routes = []  # (method, regex, handler, path, name)
        self.named_resources = {}

    def add_route(self, method, path, handler, *, name=None, expect_handler=None, **kwargs):
        if not path.startswith('/'):
            raise ValueError('path should be started with / or be empty')
        self._routes.append((method.upper(), _compile_path(path), handler, path, name))
        if name:
            self.named_resources[name] = path
        return handler

    def add_get(self, path, handler, *, name=None, allow_head=True, **kwargs):
        if allow_head:
            self.add_route('HEAD', path, handler, **kwargs)
        return self.add_route('GET', path, handler, name=name, **kwargs)

    def add_post(self, path, handler, **kwargs):
        return self.add_route('POST', path, handler, **kwargs)

    def add_put(self, path, handler, **kwargs):
        return self.add_route('PUT', path, handler, **kwargs)

    def add_patch(self, path, handler, **kwargs):
        return self.add_route('PATCH', path, handler, **kwargs)

    def add_delete(self, path, handler, **kwargs):
        return self.add_route('DELETE', path, handler, **kwargs)

    def add_view(self, path, handler, **kwargs):
        return self.add_route('*', path, handler, **kwargs)

    def add_routes(self, routes):
        for item in routes:
            if isinstance(item, RouteDef):
                kwargs = dict(item.kwargs)
                if item.method == 'GET':
                    allow_head = kwargs.pop('allow_head', True)
                    self.add_get(item.path, item.handler, allow_head=allow_head, **kwargs)
                else:
                    item.register(self)
            else:
                raise TypeError(f'expected RouteDef, got {item!r}')

    def resolve(self, method, path):
        """-> (handler, match_info) or raises HTTPNotFound / HTTPMethodNotAllowed."""
        path_matched = False
        for r_method, regex, handler, _path, _name in self._routes:
            m = regex.match(path)
            if m is None:
                continue
            path_matched = True
            if r_method in (method, '*'):
                return handler, m.groupdict()
        if path_matched:
            raise HTTPMethodNotAllowed()
        raise HTTPNotFound()

    def routes(self):
        return [(m, p, h) for m, _r, h, p, _n in self._routes]


def middleware(func):
    """Marks a new-style middleware `async def mw(request, handler)`."""
    func.__middleware_version__ = 1
    return func


class AppKey:
    def __init__(self, name, t=None):
        self.name = name

    def __repr__(self):
        return f'<AppKey({self.name!r})>'


class Application(MutableMapping):
    def __init__(self, *, middlewares=(), client_max_size=1024**2, loop=None, debug=...,
                 **kwargs):
        # aiohttp 3's warnings, for the arguments its 4.0 removes.
        if loop is not None:
            warnings.warn('loop argument is deprecated', DeprecationWarning, stacklevel=2)
        if debug is not ...:
            warnings.warn('debug argument is deprecated', DeprecationWarning, stacklevel=2)
        self.router = UrlDispatcher()
        self.middlewares = list(middlewares)
        self.on_startup = []
        self.on_shutdown = []
        self.on_cleanup = []
        self.cleanup_ctx = []
        self._state = {}

    def __getitem__(self, key):
        return self._state[key]

    def __setitem__(self, key, value):
        self._state[key] = value

    def __delitem__(self, key):
        del self._state[key]

    def __iter__(self):
        return iter(self._state)

    def __len__(self):
        return len(self._state)

    def __repr__(self):
        return '<Application>'

    def add_routes(self, routes):
        self.router.add_routes(routes)

    def make_handler(self, *, loop=None, access_log_class=None, **kwargs):
        """The protocol factory of older tutorials' `loop.create_server(app.make_handler(),
        host, port)`.  Unlike AppRunner, it runs no on_startup callbacks, as in aiohttp."""
        warnings.warn(
            'Application.make_handler(...) is deprecated, use AppRunner API instead',
            DeprecationWarning,
            stacklevel=2,
        )
        return Server(self._handle)

    async def _handle(self, request):
        request.app = self
        try:
            handler, request.match_info = self.router.resolve(request.method, request.path)
        except HTTPException as exc:
            return exc
        for mw in reversed(self.middlewares):
            handler = _bind_middleware(mw, handler)
        return await run_handler(handler, request)

    async def _dispatch(self, method, target, headers, body, remote, host):
        request = Request(method, target, headers, body, app=self, remote=remote, host=host)
        response = await self._handle(request)
        return response.status, response.reason, response.header_list(), response.body


def _bind_middleware(mw, handler):
    async def call(request):
        return await mw(request, handler)

    return call


class Server:
    """aiohttp's low-level server: a protocol factory for loop.create_server whose connections
    answer each HTTP/1.1 request with `await handler(request)`."""

    def __init__(self, handler, *, request_factory=None, loop=None, **kwargs):
        self._handler = handler
        self._connections = []
        self.requests_count = 0

    @property
    def connections(self):
        return list(self._connections)

    def __call__(self):
        # What asyncio.start_server's factory makes, so a connection is served by a task that
        # reads it through a StreamReader, as TCPSite's connections are.
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader(loop=loop)
        return asyncio.StreamReaderProtocol(reader, self._serve, loop=loop)

    async def _serve(self, reader, writer):
        peer = writer.get_extra_info('peername')
        remote = peer[0] if peer else None

        async def dispatch(method, target, headers, body):
            host = _http.header_value(headers, 'host')
            request = Request(method, target, headers, body, remote=remote, host=host)
            self.requests_count += 1
            response = await run_handler(self._handler, request)
            return response.status, response.reason, response.header_list(), response.body

        self._connections.append(writer)
        try:
            await _http.serve_connection(reader, writer, dispatch)
        finally:
            self._connections.remove(writer)

    async def shutdown(self, timeout=None):
        for writer in self.connections:
            writer.close()


class AppRunner:
    def __init__(self, app, *, handle_signals=False, access_log=None, **kwargs):
        self.app = app
        self.sites = []
        self._cleanups = []

    @property
    def addresses(self):
        return [addr for site in self.sites for addr in site._addresses()]

    async def setup(self):
        for callback in self.app.on_startup:
            await callback(self.app)
        for ctx in self.app.cleanup_ctx:
            gen = ctx(self.app)
            await gen.__anext__()
            self._cleanups.append(gen)

    async def cleanup(self):
        for site in list(self.sites):
            await site.stop()
        for callback in self.app.on_shutdown:
            await callback(self.app)
        for gen in reversed(self._cleanups):
            try:
                await gen.__anext__()
            except StopAsyncIteration:
                pass
        for callback in self.app.on_cleanup:
            await callback(self.app)


class TCPSite:
    def __init__(self, runner, host=None, port=None, *, shutdown_timeout=60.0, ssl_context=None,
                 backlog=128, reuse_address=None, reuse_port=None, **kwargs):
        self._runner = runner
        self._host = host
        self._port = 8080 if port is None else port
        self._server = None

    @property
    def name(self):
        return f'http://{self._host or "0.0.0.0"}:{self._port}'

    def _addresses(self):
        if self._server is None:
            return []
        return [s.getsockname() for s in self._server.sockets]

    async def start(self):
        app = self._runner.app

        async def on_connection(reader, writer):
            peer = writer.get_extra_info('peername')
            remote = peer[0] if peer else None

            async def dispatch(method, target, headers, body):
                host = _http.header_value(headers, 'host')
                return await app._dispatch(method, target, headers, body, remote, host)

            await _http.serve_connection(reader, writer, dispatch)

        self._server = await asyncio.start_server(on_connection, self._host, self._port)
        self._port = self._server.sockets[0].getsockname()[1]
        self._runner.sites.append(self)

    async def stop(self):
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        if self in self._runner.sites:
            self._runner.sites.remove(self)


def run_app(app, *, host=None, port=None, print=print, loop=None, **kwargs):
    """Serve until the run's budget stops it, as the real run_app serves until Ctrl+C."""

    async def serve():
        runner = AppRunner(app)
        await runner.setup()
        site = TCPSite(runner, host, port)
        await site.start()
        if print is not None:
            print(f'======== Running on {site.name} ========\n(Press CTRL+C to quit)')
        try:
            while True:
                await asyncio.sleep(3600)
        finally:
            await runner.cleanup()

    if inspect.isawaitable(app):
        async def resolve_then_serve():
            nonlocal app
            app = await app
            await serve()

        asyncio.run(resolve_then_serve())
    else:
        asyncio.run(serve())
