"""A drop-in stand-in for httpx, served by Loopscope's simulated world.

Enough of httpx 0.28 for the download examples of the classic books (Fluent Python's flags
programs) to run unchanged: the top-level `get/post/put/patch/delete/head/options/request`,
`Client` (synchronous) and `AsyncClient` (asyncio), with `base_url`, `headers`, `params`,
`timeout` (default 5 s) and `follow_redirects` (off by default, as in httpx); requests with
`params=`, `headers=`, `content=`, `data=` and `json=`; responses with `status_code`,
`reason_phrase`, `http_version`, `headers`, `url`, `content`, `text`, `json()`, `is_success`,
`elapsed`, `history` and `raise_for_status()`; and httpx's exception classes.

Async requests travel like the aiohttp drop-in's (loopscope.world.http.fetch); synchronous
ones block for the same virtual time (see _transport.py).
"""

from ._client import (
    USE_CLIENT_DEFAULT,
    AsyncClient,
    Client,
    __version__,
    delete,
    get,
    head,
    options,
    patch,
    post,
    put,
    request,
)
from ._exceptions import (
    CloseError,
    ConnectError,
    ConnectTimeout,
    CookieConflict,
    DecodingError,
    HTTPError,
    HTTPStatusError,
    InvalidURL,
    LocalProtocolError,
    NetworkError,
    PoolTimeout,
    ProtocolError,
    ProxyError,
    ReadError,
    ReadTimeout,
    RemoteProtocolError,
    RequestError,
    RequestNotRead,
    ResponseNotRead,
    StreamClosed,
    StreamConsumed,
    StreamError,
    TimeoutException,
    TooManyRedirects,
    TransportError,
    UnsupportedProtocol,
    WriteError,
    WriteTimeout,
)
from ._models import URL, Headers, Limits, QueryParams, Request, Response, Timeout, codes

__all__ = [
    'AsyncClient', 'Client', 'CloseError', 'ConnectError', 'ConnectTimeout', 'CookieConflict',
    'DecodingError', 'HTTPError', 'HTTPStatusError', 'Headers', 'InvalidURL', 'Limits',
    'LocalProtocolError', 'NetworkError', 'PoolTimeout', 'ProtocolError', 'ProxyError',
    'QueryParams', 'ReadError', 'ReadTimeout', 'RemoteProtocolError', 'Request', 'RequestError',
    'RequestNotRead', 'Response', 'ResponseNotRead', 'StreamClosed', 'StreamConsumed',
    'StreamError', 'Timeout', 'TimeoutException', 'TooManyRedirects', 'TransportError',
    'URL', 'USE_CLIENT_DEFAULT', 'UnsupportedProtocol', 'WriteError', 'WriteTimeout',
    '__version__', 'codes', 'delete', 'get', 'head', 'options', 'patch', 'post', 'put',
    'request',
]
