"""httpx's value types: URL, QueryParams, Headers, Timeout, Limits, Request, Response, codes.

Responses always arrive complete (the simulated world answers in one piece), so `content`,
`text`, `json()`, `read()` and the iterators work at once, with or without `await aread()`."""

import datetime
import enum
import http
import json as _json
from collections.abc import Mapping
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit

from ._exceptions import HTTPStatusError

_DEFAULT_PORTS = {'http': 80, 'https': 443, 'ws': 80, 'wss': 443}


def _primitive(value):
    # httpx renders query values this way: True -> 'true', None -> ''.
    if value is True:
        return 'true'
    if value is False:
        return 'false'
    if value is None:
        return ''
    return str(value)


class QueryParams(Mapping):
    """An immutable multi-dict of query parameters."""

    def __init__(self, params=None):
        items = []
        if params is None:
            pass
        elif isinstance(params, QueryParams):
            items = list(params._items)
        elif isinstance(params, (str, bytes)):
            text = params.decode('ascii') if isinstance(params, bytes) else params
            items = parse_qsl(text, keep_blank_values=True)
        else:
            pairs = params.items() if isinstance(params, Mapping) else params
            for key, value in pairs:
                values = value if isinstance(value, (list, tuple)) else [value]
                items += [(str(key), _primitive(v)) for v in values]
        self._items = items

    def __getitem__(self, key):
        for k, v in self._items:
            if k == key:
                return v
        raise KeyError(key)

    def __iter__(self):
        return iter(dict.fromkeys(k for k, _ in self._items))

    def __len__(self):
        return len(dict.fromkeys(k for k, _ in self._items))

    def get_list(self, key):
        return [v for k, v in self._items if k == key]

    def multi_items(self):
        return list(self._items)

    def merge(self, params=None):
        merged = QueryParams(self)
        merged._items = [i for i in merged._items if i[0] not in QueryParams(params)]
        merged._items += QueryParams(params)._items
        return merged

    def __str__(self):
        return urlencode(self._items)

    def __repr__(self):
        return f'QueryParams({str(self)!r})'

    def __eq__(self, other):
        if not isinstance(other, QueryParams):
            other = QueryParams(other)
        return sorted(self._items) == sorted(other._items)

    __hash__ = None


class URL:
    """The parts of httpx.URL that programs use; compares equal to the same URL as a str."""

    def __init__(self, url='', *, params=None):
        if isinstance(url, URL):
            url = str(url)
        if not isinstance(url, str):
            raise TypeError(f'Invalid type for url.  Expected str or httpx.URL, got {type(url)}: {url!r}')
        parts = urlsplit(url)
        if params is not None:
            query = QueryParams(parts.query).merge(params)
            url = parts._replace(query=str(query)).geturl()
            parts = urlsplit(url)
        self._url = url
        self._parts = parts

    scheme = property(lambda self: self._parts.scheme)
    fragment = property(lambda self: self._parts.fragment)
    query = property(lambda self: self._parts.query.encode('ascii'))
    params = property(lambda self: QueryParams(self._parts.query))

    @property
    def host(self):
        return self._parts.hostname or ''

    @property
    def port(self):
        """None when the URL uses its scheme's default port, as in httpx."""
        port = self._parts.port
        return None if port == _DEFAULT_PORTS.get(self.scheme) else port

    @property
    def path(self):
        return unquote(self._parts.path) or '/'

    @property
    def raw_path(self):
        path = self._parts.path or '/'
        return (path + ('?' + self._parts.query if self._parts.query else '')).encode('ascii')

    @property
    def netloc(self):
        return self._parts.netloc.encode('ascii')

    @property
    def is_absolute_url(self):
        return bool(self.scheme and self.host)

    @property
    def is_relative_url(self):
        return not self.is_absolute_url

    def join(self, url):
        return URL(urljoin(self._url, str(url)))

    def copy_merge_params(self, params):
        return URL(self._url, params=params)

    def __str__(self):
        return self._url

    def __repr__(self):
        return f'URL({self._url!r})'

    def __eq__(self, other):
        return isinstance(other, (URL, str)) and str(self) == str(other)

    def __hash__(self):
        return hash(self._url)


class Headers:
    """Case-insensitive multi-dict; keys come out lower-cased, as httpx gives them."""

    def __init__(self, headers=None, encoding=None):
        self._list = []  # (name as given, lower-cased name, value)
        if headers is None:
            return
        if isinstance(headers, Headers):
            self._list = list(headers._list)
            return
        pairs = headers.items() if isinstance(headers, Mapping) else headers
        for key, value in pairs:
            self._add(key, value)

    def _add(self, key, value):
        key = key.decode('latin-1') if isinstance(key, bytes) else str(key)
        value = value.decode('latin-1') if isinstance(value, bytes) else str(value)
        self._list.append((key, key.lower(), value))

    @property
    def raw(self):
        return [(k.encode('latin-1'), v.encode('latin-1')) for k, _, v in self._list]

    def keys(self):
        return list(dict.fromkeys(low for _, low, _ in self._list))

    def values(self):
        return [self[key] for key in self.keys()]

    def items(self):
        return [(key, self[key]) for key in self.keys()]

    def multi_items(self):
        return [(low, v) for _, low, v in self._list]

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def get_list(self, key, split_commas=False):
        low = key.lower()
        values = [v for _, k, v in self._list if k == low]
        if split_commas:
            values = [part.strip() for v in values for part in v.split(',')]
        return values

    def update(self, headers=None):
        other = Headers(headers)
        for low in other.keys():
            self._list = [item for item in self._list if item[1] != low]
        self._list += other._list

    def copy(self):
        return Headers(self)

    def __getitem__(self, key):
        values = self.get_list(key)
        if not values:
            raise KeyError(key)
        return ', '.join(values)

    def __setitem__(self, key, value):
        low = key.lower()
        self._list = [item for item in self._list if item[1] != low]
        self._add(key, value)

    def __delitem__(self, key):
        low = key.lower()
        if not any(k == low for _, k, _ in self._list):
            raise KeyError(key)
        self._list = [item for item in self._list if item[1] != low]

    def __contains__(self, key):
        low = key.lower()
        return any(k == low for _, k, _ in self._list)

    def __iter__(self):
        return iter(self.keys())

    def __len__(self):
        return len(self._list)

    def __eq__(self, other):
        if not isinstance(other, Headers):
            try:
                other = Headers(other)
            except (TypeError, ValueError):
                return False
        return sorted(self.multi_items()) == sorted(other.multi_items())

    __hash__ = None

    def __repr__(self):
        return f'Headers({dict(self.items())!r})'


class Timeout:
    """Timeouts in seconds: `Timeout(5.0)`, `Timeout(10, connect=2)`, `Timeout(None)`.

    The simulated world has no separate connect, write and pool phases worth timing, so a
    request waits at most its `read` timeout for the answer (None: as long as it takes)."""

    def __init__(self, timeout=..., *, connect=..., read=..., write=..., pool=...):
        if isinstance(timeout, Timeout):
            connect, read, write, pool = timeout.connect, timeout.read, timeout.write, timeout.pool
        elif isinstance(timeout, tuple):
            connect, read, write, pool = (tuple(timeout) + (None,) * 4)[:4]
        elif timeout is ...:
            if ... in (connect, read, write, pool):
                raise ValueError(
                    'httpx.Timeout must either include a default, or set all four parameters '
                    'explicitly.'
                )
        else:
            connect = timeout if connect is ... else connect
            read = timeout if read is ... else read
            write = timeout if write is ... else write
            pool = timeout if pool is ... else pool
        self.connect, self.read, self.write, self.pool = connect, read, write, pool

    def as_dict(self):
        return {'connect': self.connect, 'read': self.read, 'write': self.write, 'pool': self.pool}

    def __eq__(self, other):
        return isinstance(other, Timeout) and self.as_dict() == other.as_dict()

    __hash__ = None

    def __repr__(self):
        values = {self.connect, self.read, self.write, self.pool}
        if len(values) == 1:
            return f'Timeout(timeout={self.connect})'
        return (f'Timeout(connect={self.connect}, read={self.read}, write={self.write}, '
                f'pool={self.pool})')


class Limits:
    """Connection pool limits; `max_connections` requests of one client are in flight at once."""

    def __init__(self, *, max_connections=None, max_keepalive_connections=None,
                 keepalive_expiry=5.0):
        self.max_connections = max_connections
        self.max_keepalive_connections = max_keepalive_connections
        self.keepalive_expiry = keepalive_expiry

    def __repr__(self):
        return (f'Limits(max_connections={self.max_connections}, max_keepalive_connections='
                f'{self.max_keepalive_connections}, keepalive_expiry={self.keepalive_expiry})')


DEFAULT_TIMEOUT_CONFIG = Timeout(timeout=5.0)
DEFAULT_LIMITS = Limits(max_connections=100, max_keepalive_connections=20)
DEFAULT_MAX_REDIRECTS = 20


class Request:
    def __init__(self, method, url, *, params=None, headers=None, content=None, data=None,
                 json=None, **_ignored):
        self.method = method.upper() if isinstance(method, str) else method.decode().upper()
        self.url = URL(url, params=params) if params is not None else URL(url)
        self.headers = Headers(headers)
        body, content_type = encode_body(content, data, json)
        self.content = body
        if self.url.host and 'host' not in self.headers:
            host = self.url.host + (f':{self.url.port}' if self.url.port else '')
            self.headers._list.insert(0, ('Host', 'host', host))
        if content_type and 'content-type' not in self.headers:
            self.headers['Content-Type'] = content_type
        if (body or self.method in ('POST', 'PUT', 'PATCH')) and 'content-length' not in self.headers:
            self.headers['Content-Length'] = str(len(body))

    def read(self):
        return self.content

    async def aread(self):
        return self.content

    def __repr__(self):
        return f'<Request({self.method!r}, {str(self.url)!r})>'


def encode_body(content, data, json):
    """(body bytes, content type) for httpx's content=/data=/json= arguments."""
    if content is not None:
        if isinstance(content, str):
            return content.encode('utf-8'), None
        return bytes(content), None
    if json is not None:
        # httpx 0.28 sends compact JSON, non-ASCII left as UTF-8.
        text = _json.dumps(json, ensure_ascii=False, separators=(',', ':'), allow_nan=False)
        return text.encode('utf-8'), 'application/json'
    if isinstance(data, Mapping):
        pairs = QueryParams(data).multi_items()
        return urlencode(pairs).encode('ascii'), 'application/x-www-form-urlencoded'
    if isinstance(data, str):
        return data.encode('utf-8'), None
    if data is not None:
        return bytes(data), None
    return b'', None


_REDIRECTS = (301, 302, 303, 307, 308)


class Response:
    def __init__(self, status_code, *, headers=None, content=None, text=None, html=None,
                 json=None, request=None, history=None, default_encoding='utf-8'):
        self.status_code = int(status_code)
        self.headers = Headers(headers)
        self._request = request
        self.history = list(history or [])
        self.extensions = {'http_version': b'HTTP/1.1'}
        self.default_encoding = default_encoding
        self._elapsed = None
        self.is_closed = True
        self.is_stream_consumed = True
        self.next_request = None
        if content is None and text is not None:
            content = text.encode('utf-8')
            if 'content-type' not in self.headers:
                self.headers['Content-Type'] = 'text/plain; charset=utf-8'
        elif content is None and html is not None:
            content = html.encode('utf-8')
            if 'content-type' not in self.headers:
                self.headers['Content-Type'] = 'text/html; charset=utf-8'
        elif content is None and json is not None:
            content, ctype = encode_body(None, None, json)
            if 'content-type' not in self.headers:
                self.headers['Content-Type'] = ctype
        self._content = bytes(content) if content is not None else b''

    # -- status ----------------------------------------------------------------------------
    @property
    def reason_phrase(self):
        phrase = self.extensions.get('reason_phrase')
        if phrase:
            return phrase.decode('ascii', 'replace')
        return codes.get_reason_phrase(self.status_code)

    @property
    def http_version(self):
        return self.extensions['http_version'].decode('ascii')

    is_informational = property(lambda self: 100 <= self.status_code < 200)
    is_success = property(lambda self: 200 <= self.status_code < 300)
    is_redirect = property(lambda self: self.status_code in _REDIRECTS and 'location' in self.headers)
    is_client_error = property(lambda self: 400 <= self.status_code < 500)
    is_server_error = property(lambda self: 500 <= self.status_code < 600)
    is_error = property(lambda self: 400 <= self.status_code < 600)
    has_redirect_location = is_redirect

    # -- request, url, timing ---------------------------------------------------------------
    @property
    def request(self):
        if self._request is None:
            raise RuntimeError('The request instance has not been set on this response.')
        return self._request

    @request.setter
    def request(self, value):
        self._request = value

    @property
    def url(self):
        return self.request.url

    @property
    def elapsed(self):
        """Virtual time from sending the request to the complete answer."""
        if self._elapsed is None:
            raise RuntimeError(
                "'.elapsed' may only be accessed after the response has been read or closed."
            )
        return self._elapsed

    @elapsed.setter
    def elapsed(self, value):
        self._elapsed = value

    # -- body --------------------------------------------------------------------------------
    @property
    def content(self):
        return self._content

    @property
    def charset_encoding(self):
        ctype = self.headers.get('content-type', '')
        for part in ctype.split(';')[1:]:
            key, _, value = part.strip().partition('=')
            if key.lower() == 'charset':
                return value.strip('\'"') or None
        return None

    @property
    def encoding(self):
        return self.charset_encoding or self.default_encoding

    @property
    def text(self):
        return self._content.decode(self.encoding, errors='replace')

    def json(self, **kwargs):
        return _json.loads(self._content, **kwargs)

    @property
    def num_bytes_downloaded(self):
        return len(self._content)

    def read(self):
        return self._content

    async def aread(self):
        return self._content

    def iter_bytes(self, chunk_size=None):
        size = chunk_size or len(self._content) or 1
        for i in range(0, len(self._content), size):
            yield self._content[i:i + size]

    iter_raw = iter_bytes

    def iter_text(self, chunk_size=None):
        text = self.text
        size = chunk_size or len(text) or 1
        for i in range(0, len(text), size):
            yield text[i:i + size]

    def iter_lines(self):
        yield from self.text.splitlines()

    async def aiter_bytes(self, chunk_size=None):
        for chunk in self.iter_bytes(chunk_size):
            yield chunk

    aiter_raw = aiter_bytes

    async def aiter_text(self, chunk_size=None):
        for chunk in self.iter_text(chunk_size):
            yield chunk

    async def aiter_lines(self):
        for line in self.iter_lines():
            yield line

    def close(self):
        self.is_closed = True

    async def aclose(self):
        self.is_closed = True

    def raise_for_status(self):
        """Raise HTTPStatusError unless the status is 2xx; return the response otherwise."""
        request = self._request
        if request is None:
            raise RuntimeError(
                'Cannot call `raise_for_status` as the request instance has not been set on '
                'this response.'
            )
        if self.is_success:
            return self
        kind = {1: 'Informational response', 3: 'Redirect response', 4: 'Client error',
                5: 'Server error'}.get(self.status_code // 100, 'Invalid status code')
        message = f"{kind} '{self.status_code} {self.reason_phrase}' for url '{self.url}'\n"
        if self.has_redirect_location:
            message += f"Redirect location: '{self.headers['location']}'\n"
        message += (
            'For more information check: '
            f'https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/{self.status_code}'
        )
        raise HTTPStatusError(message, request=request, response=self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        self.close()

    def __repr__(self):
        return f'<Response [{self.status_code} {self.reason_phrase}]>'


def elapsed_between(start, end):
    return datetime.timedelta(seconds=max(0.0, end - start))


def _reason_phrase(cls, value):
    try:
        return http.HTTPStatus(value).phrase
    except ValueError:
        return ''


# httpx.codes: an IntEnum of the status codes, upper- and lower-case (codes.NOT_FOUND and
# codes.not_found are 404), with httpx's classification helpers.
_names = {s.name: s.value for s in http.HTTPStatus}
codes = enum.IntEnum(
    'codes', {**_names, **{k.lower(): v for k, v in _names.items()}}, module=__name__
)
codes.get_reason_phrase = classmethod(_reason_phrase)
codes.is_informational = classmethod(lambda cls, value: 100 <= value <= 199)
codes.is_success = classmethod(lambda cls, value: 200 <= value <= 299)
codes.is_redirect = classmethod(lambda cls, value: 300 <= value <= 399)
codes.is_client_error = classmethod(lambda cls, value: 400 <= value <= 499)
codes.is_server_error = classmethod(lambda cls, value: 500 <= value <= 599)
codes.is_error = classmethod(lambda cls, value: 400 <= value <= 599)
