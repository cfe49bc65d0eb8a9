"""A drop-in stand-in for the aiohttp client, served by Loopscope's simulated world.

Enough of aiohttp 3.x for the classic examples: `ClientSession` (as an async context manager, with
get/post/put/delete/head/patch/request used with `async with` or awaited), `aiohttp.request`,
responses with status/headers/read()/text()/json()/raise_for_status(), ClientTimeout,
TCPConnector(limit=...) and the usual exception classes.  Requests go to
`loopscope.world.http.fetch`: the program's own aiohttp.web servers over the virtual network,
or the simulated internet.  The 2015 style `yield from aiohttp.request('GET', url)` also works.
"""

import asyncio
import json as _json
import socket
from collections import namedtuple
from urllib.parse import urlencode, urljoin, urlsplit

from loopscope._resources import LibrarySemaphore
from loopscope.world import http as _http

__version__ = '3.11.0+loopscope'

__all__ = [
    'BasicAuth', 'ClientConnectionError', 'ClientConnectorDNSError', 'ClientConnectorError',
    'ClientError',
    'ClientOSError', 'ClientPayloadError', 'ClientResponse', 'ClientResponseError',
    'ClientSession', 'ClientTimeout', 'ConnectionTimeoutError', 'ContentTypeError',
    'InvalidURL', 'RequestInfo', 'ServerConnectionError', 'ServerDisconnectedError',
    'ServerTimeoutError', 'SocketTimeoutError', 'TCPConnector', 'TooManyRedirects', 'request',
    'web',
]


# -- exceptions (same hierarchy as aiohttp.client_exceptions) ------------------------------------
class ClientError(Exception):
    """Base class for client errors."""


class ClientResponseError(ClientError):
    """The server answered with an error status (raise_for_status) or an unusable body."""

    def __init__(self, request_info, history, *, code=None, status=None, message='',
                 headers=None):
        self.request_info = request_info
        self.history = history
        self.status = status if status is not None else (code or 0)
        self.message = message
        self.headers = headers
        super().__init__(request_info)

    def __str__(self):
        url = str(self.request_info.real_url) if self.request_info is not None else ''
        return f'{self.status}, message={self.message!r}, url={url!r}'

    def __repr__(self):
        return (
            f'{type(self).__name__}({self.request_info!r}, {self.history!r}, '
            f'status={self.status}, message={self.message!r})'
        )


class ContentTypeError(ClientResponseError):
    """json() on a response whose Content-Type is not JSON."""


class TooManyRedirects(ClientResponseError):
    """More redirects than max_redirects."""


class ClientConnectionError(ClientError):
    """Base class for connection errors."""


class ClientOSError(ClientConnectionError, OSError):
    """An OSError while connecting or talking to the server."""


class ClientConnectorError(ClientOSError):
    """The connection could not be made (refused, unknown port)."""

    def __init__(self, connection_key, os_error):
        self._conn_key = connection_key
        self._os_error = os_error
        super().__init__(os_error.errno, os_error.strerror)
        self.args = (connection_key, os_error)

    @property
    def host(self):
        return self._conn_key.host

    @property
    def port(self):
        return self._conn_key.port

    @property
    def os_error(self):
        return self._os_error

    def __str__(self):
        return (
            f'Cannot connect to host {self.host}:{self.port} ssl:default '
            f'[{self._os_error.strerror or self._os_error}]'
        )


class ClientConnectorDNSError(ClientConnectorError):
    """The host name could not be resolved (aiohttp 3.10 and later)."""


class ServerConnectionError(ClientConnectionError):
    """Base class for errors after the connection was made."""


class ServerDisconnectedError(ServerConnectionError):
    def __init__(self, message=None):
        self.message = message or 'Server disconnected'
        super().__init__(self.message)


class ServerTimeoutError(ServerConnectionError, asyncio.TimeoutError):
    """The request timed out (also an asyncio.TimeoutError, as in aiohttp)."""


class ConnectionTimeoutError(ServerTimeoutError):
    """Connecting timed out."""


class SocketTimeoutError(ServerTimeoutError):
    """Reading timed out."""


class ClientPayloadError(ClientError):
    """The response body could not be read."""


class InvalidURL(ClientError, ValueError):
    def __init__(self, url, description=None):
        self._url = url
        self._description = description
        super().__init__(url)

    @property
    def url(self):
        return self._url

    def __str__(self):
        return f'{self._url}' + (f' - {self._description}' if self._description else '')


_ConnectionKey = namedtuple('_ConnectionKey', 'host port is_ssl')
_REDIRECTS = (301, 302, 303, 307, 308)
RequestInfo = namedtuple('RequestInfo', 'url method headers real_url')


# -- small value types -------------------------------------------------------------------------
class URL:
    """The parts of yarl.URL that examples use."""

    def __init__(self, value):
        self._value = str(value)
        self._parts = urlsplit(self._value)

    def __str__(self):
        return self._value

    def __repr__(self):
        return f"URL('{self._value}')"

    def __eq__(self, other):
        return isinstance(other, URL) and other._value == self._value

    def __hash__(self):
        return hash(self._value)

    scheme = property(lambda self: self._parts.scheme)
    host = property(lambda self: self._parts.hostname)
    path = property(lambda self: self._parts.path or '/')
    query_string = property(lambda self: self._parts.query)
    raw_path = path
    name = property(lambda self: (self._parts.path or '/').rsplit('/', 1)[-1])

    @property
    def port(self):
        return self._parts.port or (443 if self._parts.scheme == 'https' else 80)

    @property
    def query(self):
        from urllib.parse import parse_qsl

        return dict(parse_qsl(self._parts.query))


class CIMultiDictProxy:
    """Case-insensitive, read-only headers (the part of multidict the examples use)."""

    def __init__(self, items):
        self._items = list(items)

    def get(self, key, default=None):
        key = key.lower()
        for k, v in self._items:
            if k.lower() == key:
                return v
        return default

    def getall(self, key, default=None):
        key = key.lower()
        found = [v for k, v in self._items if k.lower() == key]
        return found if found else (default if default is not None else [])

    def __getitem__(self, key):
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key):
        return self.get(key) is not None

    def __iter__(self):
        return iter(k for k, _ in self._items)

    def __len__(self):
        return len(self._items)

    def keys(self):
        return [k for k, _ in self._items]

    def values(self):
        return [v for _, v in self._items]

    def items(self):
        return list(self._items)

    def __repr__(self):
        inner = ', '.join(f"'{k}': '{v}'" for k, v in self._items)
        return f'<CIMultiDictProxy({inner})>'


class ClientTimeout:
    """Timeouts in seconds; only `total` (default 5 minutes) and `connect` are simulated."""

    def __init__(self, total=None, connect=None, sock_read=None, sock_connect=None,
                 ceil_threshold=5):
        self.total = total
        self.connect = connect
        self.sock_read = sock_read
        self.sock_connect = sock_connect
        self.ceil_threshold = ceil_threshold

    def __repr__(self):
        return (f'ClientTimeout(total={self.total}, connect={self.connect}, '
                f'sock_read={self.sock_read}, sock_connect={self.sock_connect})')


DEFAULT_TIMEOUT = ClientTimeout(total=300, sock_connect=30)


class TCPConnector:
    """Connection limits: `limit` requests in flight per session (default 100), as aiohttp's
    pool does; `limit_per_host` likewise per host (0 = no limit)."""

    def __init__(self, *, limit=100, limit_per_host=0, ssl=True, force_close=False, **kwargs):
        self.limit = limit
        self.limit_per_host = limit_per_host
        self._slots = None
        self._host_slots = {}
        self.closed = False

    def _slot(self, host):
        # The library's semaphores, no resources of the program (see LibrarySemaphore); a
        # request waiting for a slot waits in connect(), as in aiohttp.
        if self._slots is None and self.limit:
            self._slots = LibrarySemaphore(self.limit, 'TCPConnector.connect')
        if self.limit_per_host and host not in self._host_slots:
            self._host_slots[host] = LibrarySemaphore(self.limit_per_host, 'TCPConnector.connect')
        return self._slots, self._host_slots.get(host)

    async def close(self):
        self.closed = True


class BasicAuth(namedtuple('BasicAuth', 'login password encoding')):
    def __new__(cls, login, password='', encoding='latin1'):
        return super().__new__(cls, login, password, encoding)

    def encode(self):
        import base64

        raw = f'{self.login}:{self.password}'.encode(self.encoding)
        return 'Basic ' + base64.b64encode(raw).decode(self.encoding)


# -- responses ---------------------------------------------------------------------------------
class StreamReader(asyncio.StreamReader):
    """resp.content: an asyncio StreamReader plus aiohttp's chunk iterators."""

    async def _chunks(self, size):
        while True:
            chunk = await self.read(size)
            if not chunk:
                return
            yield chunk

    def iter_chunked(self, n):
        return self._chunks(n)

    def iter_any(self):
        return self._chunks(2**16)


class ClientResponse:
    def __init__(self, method, answer, request_info):
        self.method = method
        self.status = answer.status
        self.reason = answer.reason
        self.headers = CIMultiDictProxy(answer.headers)
        self.url = URL(answer.url)
        self.real_url = self.url
        self.request_info = request_info
        self.history = ()
        self._body = answer.body
        self._content = None
        self.closed = False

    def __repr__(self):
        return f'<ClientResponse({self.url}) [{self.status} {self.reason}]>'

    @property
    def ok(self):
        return self.status < 400

    @property
    def content_type(self):
        ctype = self.headers.get('Content-Type', 'application/octet-stream')
        return ctype.split(';', 1)[0].strip().lower()

    @property
    def charset(self):
        ctype = self.headers.get('Content-Type', '')
        for part in ctype.split(';')[1:]:
            key, _, value = part.strip().partition('=')
            if key.lower() == 'charset':
                return value.strip('"')
        return None

    @property
    def content_length(self):
        return len(self._body)

    @property
    def content(self):
        if self._content is None:
            self._content = StreamReader()
            self._content.feed_data(self._body)
            self._content.feed_eof()
        return self._content

    async def read(self):
        return self._body

    async def text(self, encoding=None, errors='strict'):
        return self._body.decode(encoding or self.charset or 'utf-8', errors)

    async def json(self, *, encoding=None, loads=_json.loads, content_type='application/json'):
        if content_type and content_type not in self.content_type:
            raise ContentTypeError(
                self.request_info, self.history, status=self.status,
                message=f'Attempt to decode JSON with unexpected mimetype: {self.content_type}',
                headers=self.headers,
            )
        text = self._body.decode(encoding or self.charset or 'utf-8').strip()
        return loads(text) if text else None

    def raise_for_status(self):
        if self.status >= 400:
            raise ClientResponseError(self.request_info, self.history, status=self.status,
                                      message=self.reason, headers=self.headers)

    def release(self):
        self.closed = True

    def close(self):
        self.closed = True

    async def wait_for_close(self):
        self.closed = True

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        self.release()


class _RequestContextManager:
    """What session.get() returns: awaitable, async context manager, and `yield from`-able."""

    __slots__ = ('_coro', '_resp', '_on_exit')

    def __init__(self, coro, on_exit=None):
        self._coro = coro
        self._resp = None
        self._on_exit = on_exit

    def __await__(self):
        return self._coro.__await__()

    __iter__ = __await__  # 2015 style: resp = yield from session.get(url)

    def send(self, value):
        return self._coro.send(value)

    def throw(self, *args):
        return self._coro.throw(*args)

    def close(self):
        return self._coro.close()

    async def __aenter__(self):
        self._resp = await self._coro
        return self._resp

    async def __aexit__(self, *exc):
        if self._resp is not None:
            self._resp.release()
        if self._on_exit is not None:
            await self._on_exit()


# -- the session -------------------------------------------------------------------------------
class ClientSession:
    """An HTTP client session on the simulated network."""

    def __init__(self, base_url=None, *, connector=None, loop=None, cookies=None, headers=None,
                 timeout=None, raise_for_status=False, json_serialize=_json.dumps,
                 connector_owner=True, trust_env=False, **kwargs):
        self._base_url = URL(base_url) if base_url is not None else None
        self._connector = connector if connector is not None else TCPConnector()
        self._connector_owner = connector_owner
        self._headers = list((headers or {}).items())
        self._timeout = timeout if timeout is not None else DEFAULT_TIMEOUT
        self._raise_for_status = raise_for_status
        self._json_serialize = json_serialize
        self._closed = False

    @property
    def closed(self):
        return self._closed

    @property
    def connector(self):
        return self._connector

    @property
    def timeout(self):
        return self._timeout

    async def close(self):
        if not self._closed:
            self._closed = True
            if self._connector_owner:
                await self._connector.close()

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        await self.close()

    def request(self, method, url, **kwargs):
        return _RequestContextManager(self._request(method, url, **kwargs))

    def get(self, url, **kwargs):
        return self.request('GET', url, **kwargs)

    def post(self, url, **kwargs):
        return self.request('POST', url, **kwargs)

    def put(self, url, **kwargs):
        return self.request('PUT', url, **kwargs)

    def patch(self, url, **kwargs):
        return self.request('PATCH', url, **kwargs)

    def delete(self, url, **kwargs):
        return self.request('DELETE', url, **kwargs)

    def head(self, url, **kwargs):
        return self.request('HEAD', url, **kwargs)

    def options(self, url, **kwargs):
        return self.request('OPTIONS', url, **kwargs)

    async def _request(self, method, url, *, params=None, data=None, json=None, headers=None,
                       timeout=None, raise_for_status=None, allow_redirects=True, max_redirects=10,
                       ssl=True, auth=None, **kwargs):
        if self._closed:
            raise RuntimeError('Session is closed')
        method = method.upper()
        url = str(url)
        if self._base_url is not None and not urlsplit(url).scheme:
            url = str(self._base_url).rstrip('/') + '/' + url.lstrip('/')
        if params:
            url += ('&' if '?' in url else '?') + urlencode(params)
        try:
            _parts, host, port, _path = _http.split_url(url)
        except ValueError:
            raise InvalidURL(url) from None
        all_headers = list(self._headers) + list((headers or {}).items())
        if auth is not None:
            all_headers.append(('Authorization', auth.encode()))
        body = b''
        if json is not None:
            body = self._json_serialize(json).encode()
            all_headers.append(('Content-Type', 'application/json'))
        elif isinstance(data, dict):
            body = urlencode(data).encode()
            all_headers.append(('Content-Type', 'application/x-www-form-urlencoded'))
        elif isinstance(data, str):
            body = data.encode()
            all_headers.append(('Content-Type', 'text/plain; charset=utf-8'))
        elif data is not None:
            body = bytes(data)
        info = RequestInfo(URL(url), method, CIMultiDictProxy(all_headers), URL(url))
        total = (timeout if timeout is not None else self._timeout)
        total = total.total if isinstance(total, ClientTimeout) else total
        history = []
        try:
            async with asyncio.timeout(total):
                for _ in range(max_redirects + 1):
                    answer = await self._send(method, url, host, all_headers, body)
                    location = _http.header_value(answer.headers, 'location')
                    if not (allow_redirects and location and answer.status in _REDIRECTS):
                        break
                    history.append(ClientResponse(method, answer, info))
                    if answer.status == 303 or (answer.status in (301, 302) and method == 'POST'):
                        method, body = 'GET', b''
                    url = urljoin(url, location)
                    _parts, host, port, _path = _http.split_url(url)
                    info = RequestInfo(URL(url), method, info.headers, URL(url))
                else:
                    raise TooManyRedirects(info, tuple(history), status=answer.status,
                                           message='Too many redirects')
        except TimeoutError:
            raise ServerTimeoutError(f'Timeout on request to {url}') from None
        except ConnectionRefusedError as exc:
            raise ClientConnectorError(_ConnectionKey(host, port, False), exc) from None
        except socket.gaierror as exc:
            raise ClientConnectorDNSError(_ConnectionKey(host, port, False), exc) from None
        except (ConnectionResetError, asyncio.IncompleteReadError):
            raise ServerDisconnectedError() from None
        resp = ClientResponse(method, answer, info)
        resp.history = tuple(history)
        check = self._raise_for_status if raise_for_status is None else raise_for_status
        if check:
            resp.raise_for_status()
        return resp

    async def _send(self, method, url, host, headers, body):
        """One request/response, within the connector's limits."""
        slot, host_slot = self._connector._slot(host)
        if slot is not None:
            await slot.acquire()
        try:
            if host_slot is not None:
                await host_slot.acquire()
            try:
                return await _http.fetch(method, url, headers, body)
            finally:
                if host_slot is not None:
                    host_slot.release()
        finally:
            if slot is not None:
                slot.release()


def request(method, url, **kwargs):
    """One request with a session of its own: `async with aiohttp.request('GET', url) as r`,
    or awaited (`yield from` in 2015 code)."""
    session = ClientSession(
        **{k: kwargs.pop(k) for k in ('connector', 'loop', 'timeout') if k in kwargs}
    )

    async def run():
        try:
            return await session._request(method, url, **kwargs)
        finally:
            await session.close()

    return _RequestContextManager(run())


def __getattr__(name):
    # `aiohttp.web` without importing it first works in the real package too.
    if name == 'web':
        import importlib

        return importlib.import_module('aiohttp.web')
    raise AttributeError(f"module 'aiohttp' has no attribute {name!r}")
