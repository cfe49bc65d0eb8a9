"""httpx.Client, httpx.AsyncClient and the top-level httpx.get/post/... functions."""

import asyncio
import time

from loopscope._resources import LibrarySemaphore

from . import _transport
from ._exceptions import TooManyRedirects
from ._models import (
    DEFAULT_LIMITS,
    DEFAULT_MAX_REDIRECTS,
    DEFAULT_TIMEOUT_CONFIG,
    URL,
    Headers,
    QueryParams,
    Request,
    Response,
    Timeout,
    elapsed_between,
)

__version__ = '0.28.1'


class UseClientDefault:
    """The default of per-request arguments that fall back to the client's setting."""

    def __repr__(self):
        return '<USE_CLIENT_DEFAULT>'


USE_CLIENT_DEFAULT = UseClientDefault()

_DEFAULT_HEADERS = (
    ('Accept', '*/*'),
    ('Accept-Encoding', 'gzip, deflate'),
    ('User-Agent', f'python-httpx/{__version__}'),
)


class BaseClient:
    def __init__(self, *, auth=None, params=None, headers=None, cookies=None, verify=True,
                 cert=None, http1=True, http2=False, proxy=None, mounts=None,
                 timeout=DEFAULT_TIMEOUT_CONFIG, follow_redirects=False, limits=DEFAULT_LIMITS,
                 max_redirects=DEFAULT_MAX_REDIRECTS, event_hooks=None, base_url='',
                 transport=None, trust_env=True, default_encoding='utf-8', **_ignored):
        self._base_url = self._enforce_trailing_slash(URL(base_url))
        self._params = QueryParams(params)
        self._headers = Headers(_DEFAULT_HEADERS)
        self._headers.update(headers)
        self._timeout = Timeout(timeout)
        self.follow_redirects = follow_redirects
        self.max_redirects = max_redirects
        self._limits = limits
        self._auth = auth
        self._event_hooks = {
            'request': list((event_hooks or {}).get('request', [])),
            'response': list((event_hooks or {}).get('response', [])),
        }
        self._default_encoding = default_encoding
        self._closed = False

    @staticmethod
    def _enforce_trailing_slash(url):
        text = str(url)
        if text and not text.endswith('/'):
            return URL(text + '/')
        return url

    # settable client-wide configuration, as in httpx
    base_url = property(lambda self: self._base_url,
                        lambda self, v: setattr(self, '_base_url', self._enforce_trailing_slash(URL(v))))
    headers = property(lambda self: self._headers,
                       lambda self, v: setattr(self, '_headers', Headers(v)))
    params = property(lambda self: self._params,
                      lambda self, v: setattr(self, '_params', QueryParams(v)))
    timeout = property(lambda self: self._timeout,
                       lambda self, v: setattr(self, '_timeout', Timeout(v)))
    event_hooks = property(lambda self: self._event_hooks)

    @property
    def is_closed(self):
        return self._closed

    def _merge_url(self, url):
        url = URL(url)
        if url.is_relative_url and str(self._base_url):
            # httpx appends a relative URL to the base URL's path rather than resolving it.
            return URL(str(self._base_url) + str(url).lstrip('/'))
        return url

    def build_request(self, method, url, *, content=None, data=None, files=None, json=None,
                      params=None, headers=None, cookies=None, timeout=USE_CLIENT_DEFAULT,
                      extensions=None):
        if files is not None:
            raise NotImplementedError('Loopscope\'s httpx does not upload files (files=).')
        url = self._merge_url(url)
        merged = self._params.merge(params)
        if merged:
            url = url.copy_merge_params(merged)
        all_headers = self._headers.copy()
        all_headers.update(headers)
        request = Request(method, url, headers=all_headers, content=content, data=data,
                          json=json)
        if self._auth is not None and 'authorization' not in request.headers:
            if isinstance(self._auth, tuple):
                request.headers['Authorization'] = _basic(*self._auth)
        return request

    def _read_timeout(self, timeout):
        value = self._timeout if timeout is USE_CLIENT_DEFAULT else Timeout(timeout)
        return value.read

    def _check_open(self):
        if self._closed:
            raise RuntimeError('Cannot send a request, as the client has been closed.')

    def _next_hop(self, request, response, history, follow):
        """After one response (Client and AsyncClient alike): the request to send next, or None
        when `response` is the answer (no redirect, or one not followed: it names the next
        request).  Raises once max_redirects responses have been followed."""
        if not response.has_redirect_location:
            return None
        next_request = self._redirect(request, response)
        if not follow:
            response.next_request = next_request
            return None
        if len(history) >= self.max_redirects:
            raise _redirect_error(next_request)
        history.append(response)
        return next_request

    def _redirect(self, request, response):
        """The request that follows a redirect response, as httpx builds it."""
        location = response.headers['location']
        url = request.url.join(location)
        method = request.method
        if response.status_code == 303 and method != 'HEAD':
            method = 'GET'
        if response.status_code in (301, 302) and method == 'POST':
            method = 'GET'
        headers = request.headers.copy()
        content = request.content
        if method != request.method:
            content = b''
            for name in ('content-length', 'content-type', 'transfer-encoding'):
                if name in headers:
                    del headers[name]
        if 'host' in headers:
            del headers['host']
        if url.host != request.url.host and 'authorization' in headers:
            del headers['authorization']
        return Request(method, url, headers=headers, content=content)


def _basic(user, password):
    import base64

    return 'Basic ' + base64.b64encode(f'{user}:{password}'.encode('latin-1')).decode('ascii')


def _response(answer, request, start, end, default_encoding):
    response = Response(answer.status, headers=answer.headers, content=answer.body,
                        request=request, default_encoding=default_encoding)
    if answer.reason:
        response.extensions['reason_phrase'] = answer.reason.encode('ascii', 'replace')
    response.elapsed = elapsed_between(start, end)
    return response


def _redirect_error(request):
    return TooManyRedirects('Exceeded maximum allowed redirects.', request=request)


# -- sync ----------------------------------------------------------------------------------------
class Client(BaseClient):
    """A synchronous client: each request blocks for the virtual time it takes."""

    def request(self, method, url, *, content=None, data=None, files=None, json=None,
                params=None, headers=None, cookies=None, auth=USE_CLIENT_DEFAULT,
                follow_redirects=USE_CLIENT_DEFAULT, timeout=USE_CLIENT_DEFAULT,
                extensions=None):
        request = self.build_request(method, url, content=content, data=data, files=files,
                                     json=json, params=params, headers=headers)
        return self.send(request, follow_redirects=follow_redirects, timeout=timeout)

    def send(self, request, *, stream=False, auth=USE_CLIENT_DEFAULT,
             follow_redirects=USE_CLIENT_DEFAULT, timeout=USE_CLIENT_DEFAULT):
        self._check_open()
        follow = self.follow_redirects if follow_redirects is USE_CLIENT_DEFAULT else follow_redirects
        read_timeout = self._read_timeout(timeout)
        history = []
        while True:
            for hook in self._event_hooks['request']:
                hook(request)
            start = time.monotonic()
            answer = _transport.send_sync(request, read_timeout)
            response = _response(answer, request, start, time.monotonic(),
                                 self._default_encoding)
            response.history = list(history)
            for hook in self._event_hooks['response']:
                hook(response)
            request = self._next_hop(request, response, history, follow)
            if request is None:
                return response

    def get(self, url, *, params=None, headers=None, cookies=None, auth=USE_CLIENT_DEFAULT,
            follow_redirects=USE_CLIENT_DEFAULT, timeout=USE_CLIENT_DEFAULT, extensions=None):
        return self.request('GET', url, params=params, headers=headers,
                            follow_redirects=follow_redirects, timeout=timeout)

    def head(self, url, **kwargs):
        return self.request('HEAD', url, **kwargs)

    def options(self, url, **kwargs):
        return self.request('OPTIONS', url, **kwargs)

    def delete(self, url, **kwargs):
        return self.request('DELETE', url, **kwargs)

    def post(self, url, **kwargs):
        return self.request('POST', url, **kwargs)

    def put(self, url, **kwargs):
        return self.request('PUT', url, **kwargs)

    def patch(self, url, **kwargs):
        return self.request('PATCH', url, **kwargs)

    def close(self):
        self._closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# What a request waiting for a connection of the pool is shown awaiting (httpcore's wait).
_POOL_WAIT = 'AsyncConnectionPool.wait_for_connection'


# -- async ---------------------------------------------------------------------------------------
class AsyncClient(BaseClient):
    """An asyncio client: requests wait on the virtual clock while other tasks run."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._pools = {}  # loop -> Semaphore of limits.max_connections (a lock binds to a loop)

    async def request(self, method, url, *, content=None, data=None, files=None, json=None,
                      params=None, headers=None, cookies=None, auth=USE_CLIENT_DEFAULT,
                      follow_redirects=USE_CLIENT_DEFAULT, timeout=USE_CLIENT_DEFAULT,
                      extensions=None):
        request = self.build_request(method, url, content=content, data=data, files=files,
                                     json=json, params=params, headers=headers)
        return await self.send(request, follow_redirects=follow_redirects, timeout=timeout)

    async def send(self, request, *, stream=False, auth=USE_CLIENT_DEFAULT,
                   follow_redirects=USE_CLIENT_DEFAULT, timeout=USE_CLIENT_DEFAULT):
        self._check_open()
        follow = self.follow_redirects if follow_redirects is USE_CLIENT_DEFAULT else follow_redirects
        read_timeout = self._read_timeout(timeout)
        loop = asyncio.get_running_loop()
        history = []
        while True:
            for hook in self._event_hooks['request']:
                await hook(request)
            start = loop.time()
            answer = await self._send_one(request, read_timeout)
            response = _response(answer, request, start, loop.time(), self._default_encoding)
            response.history = list(history)
            for hook in self._event_hooks['response']:
                await hook(response)
            request = self._next_hop(request, response, history, follow)
            if request is None:
                return response

    async def _send_one(self, request, read_timeout):
        limit = getattr(self._limits, 'max_connections', None)
        if not limit:
            return await _transport.send_async(request, read_timeout)
        loop = asyncio.get_running_loop()
        pool = self._pools.get(loop)
        if pool is None:
            # The library's semaphore, no resource of the program (see LibrarySemaphore); a
            # request waiting for a connection waits in the pool, as in httpcore.
            pool = self._pools[loop] = LibrarySemaphore(limit, _POOL_WAIT)
        async with pool:
            return await _transport.send_async(request, read_timeout)

    async def get(self, url, *, params=None, headers=None, cookies=None,
                  auth=USE_CLIENT_DEFAULT, follow_redirects=USE_CLIENT_DEFAULT,
                  timeout=USE_CLIENT_DEFAULT, extensions=None):
        return await self.request('GET', url, params=params, headers=headers,
                                  follow_redirects=follow_redirects, timeout=timeout)

    async def head(self, url, **kwargs):
        return await self.request('HEAD', url, **kwargs)

    async def options(self, url, **kwargs):
        return await self.request('OPTIONS', url, **kwargs)

    async def delete(self, url, **kwargs):
        return await self.request('DELETE', url, **kwargs)

    async def post(self, url, **kwargs):
        return await self.request('POST', url, **kwargs)

    async def put(self, url, **kwargs):
        return await self.request('PUT', url, **kwargs)

    async def patch(self, url, **kwargs):
        return await self.request('PATCH', url, **kwargs)

    async def aclose(self):
        self._closed = True

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        await self.aclose()


# -- top-level API -------------------------------------------------------------------------------
def request(method, url, *, params=None, content=None, data=None, files=None, json=None,
            headers=None, cookies=None, auth=None, proxy=None, timeout=DEFAULT_TIMEOUT_CONFIG,
            follow_redirects=False, verify=True, trust_env=True):
    """One request with a client of its own (httpx.get, httpx.post, ... call this)."""
    with Client(auth=auth, timeout=timeout, follow_redirects=follow_redirects) as client:
        return client.request(method, url, content=content, data=data, files=files, json=json,
                              params=params, headers=headers)


def get(url, *, params=None, headers=None, cookies=None, auth=None, proxy=None,
        follow_redirects=False, verify=True, timeout=DEFAULT_TIMEOUT_CONFIG, trust_env=True):
    return request('GET', url, params=params, headers=headers, auth=auth, timeout=timeout,
                   follow_redirects=follow_redirects)


def options(url, **kwargs):
    return request('OPTIONS', url, **kwargs)


def head(url, **kwargs):
    return request('HEAD', url, **kwargs)


def delete(url, **kwargs):
    return request('DELETE', url, **kwargs)


def post(url, **kwargs):
    return request('POST', url, **kwargs)


def put(url, **kwargs):
    return request('PUT', url, **kwargs)


def patch(url, **kwargs):
    return request('PATCH', url, **kwargs)
