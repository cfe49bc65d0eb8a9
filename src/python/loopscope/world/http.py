"""Simulated HTTP: the internet that answers every URL, and HTTP/1.1 over the virtual network.

`fetch()` is what the drop-in aiohttp client calls.  Where something listens on the URL's host
and port in the program's own virtual network (an aiohttp.web app, or a hand-written asyncio
server), the request really travels over virtual TCP as HTTP/1.1 bytes.  Loopback hosts with no
listener refuse the connection, as they would.  Every other host is "the internet": after a
simulated latency it answers deterministically, unless `loopscope.set_status`, `set_timeout` or
`route` say otherwise.

Default answers (deterministic, so a run can be replayed and compared):
- paths ending in .gif/.png/.jpg/.jpeg: image-like bytes of a size that depends on the URL;
- httpbin-style paths: /status/<code>, /delay/<seconds>, /bytes/<n>, /json, /get, /post,
  /anything (echoes the request as JSON);
- /<cc>/metadata.json for a country code of Fluent Python's flags data: the country's name
  (what the book's flags3 examples read), its code and its top-level domain;
- .json: a small JSON document naming the URL; anything else: a short HTML page.
"""

import asyncio
import http
import json
import random
import sys
import traceback
from urllib.parse import parse_qsl, urlsplit

from .. import schema as S
from .._resources import _will_wait_in
from . import _config

MAX_LINE = 64 * 1024


class Answer:
    """A complete HTTP response as the client sees it."""

    __slots__ = ('status', 'reason', 'headers', 'body', 'url')

    def __init__(self, status, reason, headers, body, url):
        self.status = status
        self.reason = reason
        self.headers = headers  # list of (name, value)
        self.body = body
        self.url = url


def reason_for(status):
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ''


def split_url(url):
    parts = urlsplit(url)
    if parts.scheme not in ('http', 'https') or not parts.hostname:
        raise ValueError(url)
    port = parts.port or (443 if parts.scheme == 'https' else 80)
    path = parts.path or '/'
    if parts.query:
        path += '?' + parts.query
    return parts, parts.hostname, port, path


def default_latency(url):
    """50-150 ms, fixed per URL: downloads finish in a stable, not alphabetical, order."""
    return 0.05 + (_config.stable_hash(url) % 1000) / 10000


def _rec():
    loop = asyncio.get_running_loop()
    return loop, getattr(loop, '_recorder', None)


async def fetch(method, url, headers, body):
    """Perform one request on the simulated network; returns an Answer.

    Raises ConnectionRefusedError for a loopback port nobody listens on and ValueError for a URL
    that is not http(s)."""
    loop, rec = _rec()
    parts, host, port, path = split_url(url)
    net = getattr(loop, '_world_net', None)
    if net is None:
        raise RuntimeError('simulated HTTP needs the Loopscope event loop')
    if net.has_listener(host, port):
        return await _fetch_local(host, port, method, path, url, headers, body)
    if net.is_loopback(net.resolve(host)):
        ip = net.resolve(host)
        await asyncio.sleep(2 * net.latency(host, ip))
        raise ConnectionRefusedError(111, f'Connect call failed {(ip, port)!r}')
    return await _fetch_remote(loop, rec, host, port, method, path, url, headers, body)


# -- the program's own servers, over virtual TCP ---------------------------------------------------
async def _fetch_local(host, port, method, path, url, headers, body):
    reader, writer = await asyncio.open_connection(host, port)
    try:
        head = [f'{method} {path} HTTP/1.1', f'Host: {host}:{port}']
        names = {k.lower() for k, _ in headers}
        head += [f'{k}: {v}' for k, v in headers]
        if 'content-length' not in names:
            head.append(f'Content-Length: {len(body)}')
        head.append('Connection: close')
        writer.write(('\r\n'.join(head) + '\r\n\r\n').encode('latin-1') + body)
        await writer.drain()
        status_line = await reader.readline()
        if not status_line:
            raise ConnectionResetError(104, 'Server disconnected')
        version, _, rest = status_line.decode('latin-1').rstrip('\r\n').partition(' ')
        code, _, reason = rest.partition(' ')
        response_headers = await read_headers(reader)
        length = header_value(response_headers, 'content-length')
        data = await reader.readexactly(int(length)) if length is not None else await reader.read()
        return Answer(int(code), reason, response_headers, data, url)
    finally:
        writer.close()


async def read_headers(reader):
    headers = []
    while True:
        line = await reader.readline()
        if line in (b'\r\n', b'\n', b''):
            return headers
        name, _, value = line.decode('latin-1').partition(':')
        headers.append((name.strip(), value.strip()))


def header_value(headers, name):
    name = name.lower()
    for key, value in headers:
        if key.lower() == name:
            return value
    return None


# -- the simulated internet ----------------------------------------------------------------------
def remote_plan(host, url):
    """(rule, latency) of a request to the simulated internet: the program's rule for the URL
    (loopscope.route and friends, {} for none) and how long the answer takes, jitter included.
    Shared by every client (aiohttp here, httpx's sync and async ones), so one URL takes the same
    time whichever asks."""
    cfg = _config.current
    rule = cfg.http_rule(host, url) or {}
    latency = cfg.latency_for(host, url)
    if latency is None:
        # A remote latency chosen for the run (a link's `latency`, --latency, or
        # set_default_latency) applies here too: one request out, one answer back.
        latency = 2 * cfg.remote_latency if cfg.remote_latency_set else default_latency(url)
    return rule, cfg.jittered(latency)


def record_request(rec, host, port, method, path, url, body):
    """A request to the simulated internet as a connection in the trace (RES_CONNECTION named
    `HTTP <method> <url>`, NET_CONNECT, NET_SEND of the request line); its resource id, or -1
    when the run is not traced."""
    if rec is None:
        return -1
    line = rec.user_line()
    res = rec.resource(S.RES_CONNECTION, f'HTTP {method} {url}', line)
    rec.emit_at(S.NET_CONNECT, line, res, rec.string(f'{host}:{port}'))
    request_line = f'{method} {path} HTTP/1.1'
    rec.emit_at(S.NET_SEND, line, res, len(request_line) + len(body), rec.string(request_line))
    return res


def record_answer(rec, res, answer):
    """The answer's arrival on a connection from record_request (NET_RECV: body size, status)."""
    if rec is not None:
        status = rec.string(f'{answer.status} {answer.reason}')
        rec.emit_at(S.NET_RECV, 0, res, len(answer.body), status)


async def _response(loop, rec, res, delay):
    """Waits `delay` seconds (None: for ever) for the response to come back, as a real client
    waits reading its socket: the page says the task waits for read() on the request's
    connection, and that it resumed because the connection received data, not that it slept."""
    _will_wait_in(rec, res, 'read')
    waiter = loop.create_future()
    if delay is None:
        await waiter
        return

    def deliver():
        if not waiter.done():
            waiter.set_result(None)

    # Named as every arrival on the virtual network is (net.py's _Pipe.fire).
    deliver.__qualname__ = 'virtual_network.deliver'
    handle = loop.call_later(delay, deliver)
    try:
        await waiter
    finally:
        handle.cancel()


async def _fetch_remote(loop, rec, host, port, method, path, url, headers, body):
    rule, latency = remote_plan(host, url)
    res = record_request(rec, host, port, method, path, url, body)
    try:
        if rule.get('timeout'):
            # Never answers; the client's timeout ends the wait.
            await _response(loop, rec, res, None)
        answer = await _answer(host, method, path, url, headers, body, rule)
        await _response(loop, rec, res, latency + getattr(answer, 'delay', 0.0))
        record_answer(rec, res, answer)
        return answer
    finally:
        if rec is not None:
            rec.emit_at(S.NET_CLOSE, 0, res)


class _DelayedAnswer(Answer):
    __slots__ = ('delay',)


async def _answer(host, method, path, url, headers, body, rule):
    handler = rule.get('handler')
    if handler is not None:
        return await _call_handler(handler, method, url, headers, body)
    if 'status' in rule:
        status = rule['status']
        text = rule.get('body')
        if text is None:
            text = f'{status}: {reason_for(status)}'
        data = text if isinstance(text, bytes) else str(text).encode()
        return Answer(status, reason_for(status), [('Content-Type', 'text/plain; charset=utf-8')],
                      data, url)
    return default_answer(method, path, url, headers, body)


def default_answer(method, path, url, headers, body):
    bare, _, query = path.partition('?')
    segments = [s for s in bare.split('/') if s]
    head = segments[0] if segments else ''
    low = bare.lower()
    if head == 'status' and len(segments) > 1 and segments[1].isdigit():
        status = int(segments[1])
        return Answer(status, reason_for(status), [('Content-Type', 'text/plain')], b'', url)
    if head == 'delay' and len(segments) > 1:
        answer = _DelayedAnswer(200, 'OK', [('Content-Type', 'application/json')],
                                _echo(method, url, headers, body, query), url)
        try:
            answer.delay = min(float(segments[1]), 10.0)  # httpbin caps delays at 10 s
        except ValueError:
            answer.delay = 0.0
        return answer
    if head == 'bytes' and len(segments) > 1 and segments[1].isdigit():
        return Answer(200, 'OK', [('Content-Type', 'application/octet-stream')],
                      _bytes_for(url, int(segments[1])), url)
    if head in ('get', 'post', 'put', 'patch', 'delete', 'anything', 'headers', 'ip'):
        return Answer(200, 'OK', [('Content-Type', 'application/json')],
                      _echo(method, url, headers, body, query), url)
    if len(segments) >= 2 and segments[-1].lower() == 'metadata.json':
        cc = segments[-2].upper()
        country = COUNTRIES.get(cc)
        if country is not None:
            return Answer(200, 'OK', [('Content-Type', 'application/json')],
                          _country_metadata(cc, country), url)
    if head == 'json' or low.endswith('.json'):
        doc = {'url': url, 'simulated': True, 'slideshow': {'title': 'Loopscope'}}
        return Answer(200, 'OK', [('Content-Type', 'application/json')],
                      json.dumps(doc, indent=2).encode(), url)
    for ext, (ctype, magic) in _IMAGES.items():
        if low.endswith(ext):
            size = 1000 + _config.stable_hash(url) % 3000
            return Answer(200, 'OK', [('Content-Type', ctype)],
                          magic + _bytes_for(url, size - len(magic)), url)
    page = (
        '<!doctype html>\n<html><head><title>Simulated page</title></head>\n'
        f'<body><h1>{bare or "/"}</h1><p>Loopscope answered {method} {url}</p></body></html>\n'
    )
    return Answer(200, 'OK', [('Content-Type', 'text/html; charset=utf-8')], page.encode(), url)


def _country_metadata(cc, country):
    """The /<cc>/metadata.json of Fluent Python's flags site: the country's name, which the
    book's flags3 examples read (`metadata['country']`), its code and its top-level domain."""
    tld = '.uk' if cc == 'GB' else f'.{cc.lower()}'
    doc = {'country': country, 'iso_cc': cc, 'tld': tld}
    return json.dumps(doc, indent=2).encode()


# The 194 countries of Fluent Python's flags data (country_codes.txt), by ISO 3166 code.
COUNTRIES = {
    'AD': 'Andorra', 'AE': 'United Arab Emirates', 'AF': 'Afghanistan',
    'AG': 'Antigua and Barbuda', 'AL': 'Albania', 'AM': 'Armenia', 'AO': 'Angola',
    'AR': 'Argentina', 'AT': 'Austria', 'AU': 'Australia', 'AZ': 'Azerbaijan',
    'BA': 'Bosnia and Herzegovina', 'BB': 'Barbados', 'BD': 'Bangladesh', 'BE': 'Belgium',
    'BF': 'Burkina Faso', 'BG': 'Bulgaria', 'BH': 'Bahrain', 'BI': 'Burundi', 'BJ': 'Benin',
    'BN': 'Brunei', 'BO': 'Bolivia', 'BR': 'Brazil', 'BS': 'Bahamas', 'BT': 'Bhutan',
    'BW': 'Botswana', 'BY': 'Belarus', 'BZ': 'Belize', 'CA': 'Canada',
    'CD': 'Democratic Republic of the Congo', 'CF': 'Central African Republic',
    'CG': 'Republic of the Congo', 'CH': 'Switzerland', "CI": "Cote d'Ivoire", 'CL': 'Chile',
    'CM': 'Cameroon', 'CN': 'China', 'CO': 'Colombia', 'CR': 'Costa Rica', 'CU': 'Cuba',
    'CV': 'Cabo Verde', 'CY': 'Cyprus', 'CZ': 'Czechia', 'DE': 'Germany', 'DJ': 'Djibouti',
    'DK': 'Denmark', 'DM': 'Dominica', 'DZ': 'Algeria', 'EC': 'Ecuador', 'EE': 'Estonia',
    'EG': 'Egypt', 'ER': 'Eritrea', 'ES': 'Spain', 'ET': 'Ethiopia', 'FI': 'Finland',
    'FJ': 'Fiji', 'FM': 'Micronesia', 'FR': 'France', 'GA': 'Gabon', 'GB': 'United Kingdom',
    'GD': 'Grenada', 'GE': 'Georgia', 'GH': 'Ghana', 'GM': 'Gambia', 'GN': 'Guinea',
    'GQ': 'Equatorial Guinea', 'GR': 'Greece', 'GT': 'Guatemala', 'GW': 'Guinea-Bissau',
    'GY': 'Guyana', 'HN': 'Honduras', 'HR': 'Croatia', 'HT': 'Haiti', 'HU': 'Hungary',
    'ID': 'Indonesia', 'IE': 'Ireland', 'IL': 'Israel', 'IN': 'India', 'IQ': 'Iraq',
    'IR': 'Iran', 'IS': 'Iceland', 'IT': 'Italy', 'JM': 'Jamaica', 'JO': 'Jordan',
    'JP': 'Japan', 'KE': 'Kenya', 'KG': 'Kyrgyzstan', 'KH': 'Cambodia', 'KI': 'Kiribati',
    'KM': 'Comoros', 'KN': 'Saint Kitts and Nevis', 'KP': 'North Korea', 'KR': 'South Korea',
    'KW': 'Kuwait', 'KZ': 'Kazakhstan', 'LA': 'Laos', 'LB': 'Lebanon', 'LC': 'Saint Lucia',
    'LI': 'Liechtenstein', 'LK': 'Sri Lanka', 'LR': 'Liberia', 'LS': 'Lesotho',
    'LT': 'Lithuania', 'LU': 'Luxembourg', 'LV': 'Latvia', 'LY': 'Libya', 'MA': 'Morocco',
    'MC': 'Monaco', 'MD': 'Moldova', 'ME': 'Montenegro', 'MG': 'Madagascar',
    'MH': 'Marshall Islands', 'MK': 'North Macedonia', 'ML': 'Mali', 'MM': 'Burma',
    'MN': 'Mongolia', 'MR': 'Mauritania', 'MT': 'Malta', 'MU': 'Mauritius', 'MV': 'Maldives',
    'MW': 'Malawi', 'MX': 'Mexico', 'MY': 'Malaysia', 'MZ': 'Mozambique', 'NA': 'Namibia',
    'NE': 'Niger', 'NG': 'Nigeria', 'NI': 'Nicaragua', 'NL': 'Netherlands', 'NO': 'Norway',
    'NP': 'Nepal', 'NR': 'Nauru', 'NZ': 'New Zealand', 'OM': 'Oman', 'PA': 'Panama',
    'PE': 'Peru', 'PG': 'Papua New Guinea', 'PH': 'Philippines', 'PK': 'Pakistan',
    'PL': 'Poland', 'PT': 'Portugal', 'PW': 'Palau', 'PY': 'Paraguay', 'QA': 'Qatar',
    'RO': 'Romania', 'RS': 'Serbia', 'RU': 'Russia', 'RW': 'Rwanda', 'SA': 'Saudi Arabia',
    'SB': 'Solomon Islands', 'SC': 'Seychelles', 'SD': 'Sudan', 'SE': 'Sweden',
    'SG': 'Singapore', 'SI': 'Slovenia', 'SK': 'Slovakia', 'SL': 'Sierra Leone',
    'SM': 'San Marino', 'SN': 'Senegal', 'SO': 'Somalia', 'SR': 'Suriname',
    'SS': 'South Sudan', 'ST': 'Sao Tome and Principe', 'SV': 'El Salvador', 'SY': 'Syria',
    'SZ': 'Eswatini', 'TD': 'Chad', 'TG': 'Togo', 'TH': 'Thailand', 'TJ': 'Tajikistan',
    'TL': 'Timor-Leste', 'TM': 'Turkmenistan', 'TN': 'Tunisia', 'TO': 'Tonga', 'TR': 'Turkey',
    'TT': 'Trinidad and Tobago', 'TV': 'Tuvalu', 'TW': 'Taiwan', 'TZ': 'Tanzania',
    'UA': 'Ukraine', 'UG': 'Uganda', 'US': 'United States', 'UY': 'Uruguay',
    'UZ': 'Uzbekistan', 'VA': 'Holy See', 'VC': 'Saint Vincent and the Grenadines',
    'VE': 'Venezuela', 'VN': 'Vietnam', 'VU': 'Vanuatu', 'WS': 'Samoa', 'YE': 'Yemen',
    'ZA': 'South Africa', 'ZM': 'Zambia', 'ZW': 'Zimbabwe',
}


_IMAGES = {
    '.gif': ('image/gif', b'GIF89a'),
    '.png': ('image/png', b'\x89PNG\r\n\x1a\n'),
    '.jpg': ('image/jpeg', b'\xff\xd8\xff\xe0'),
    '.jpeg': ('image/jpeg', b'\xff\xd8\xff\xe0'),
}


def _bytes_for(url, size):
    return random.Random(_config.stable_hash(url)).randbytes(max(0, size))


def _echo(method, url, headers, body, query):
    doc = {
        'method': method,
        'url': url,
        'args': dict(parse_qsl(query)),
        'headers': {k: v for k, v in headers},
    }
    if body:
        text = body.decode('utf-8', 'replace')
        doc['data'] = text
        try:
            doc['json'] = json.loads(text)
        except ValueError:
            doc['json'] = None
    return json.dumps(doc, indent=2).encode()


async def _call_handler(handler, method, url, headers, body):
    from aiohttp import web

    request = web.Request._simulated(method, url, headers, body)
    response = await web.run_handler(handler, request)
    return Answer(response.status, response.reason, response.header_list(), response.body, url)


# -- server side of HTTP/1.1 over virtual streams (used by aiohttp.web.TCPSite) --------------------
async def serve_connection(reader, writer, dispatch):
    """Read requests from one connection and answer each with `await dispatch(method, target,
    headers, body) -> (status, reason, header_list, body)`."""
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            parts = line.decode('latin-1').split()
            if len(parts) != 3:
                writer.write(b'HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n')
                break
            method, target, version = parts
            headers = await read_headers(reader)
            length = int(header_value(headers, 'content-length') or 0)
            body = await reader.readexactly(length) if length else b''
            status, reason, out_headers, data = await dispatch(method, target, headers, body)
            head = [f'HTTP/1.1 {status} {reason}']
            head += [f'{k}: {v}' for k, v in out_headers if k.lower() != 'content-length']
            head.append(f'Content-Length: {len(data)}')
            connection = (header_value(headers, 'connection') or '').lower()
            # HTTP/1.0 closes after one response unless it asked for keep-alive.
            closing = connection == 'close' or (
                version == 'HTTP/1.0' and connection != 'keep-alive'
            )
            if closing:
                head.append('Connection: close')
            payload = b'' if method == 'HEAD' else data
            writer.write(('\r\n'.join(head) + '\r\n\r\n').encode('latin-1') + payload)
            await writer.drain()
            if closing:
                break
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


def web_protocol_factory(origin):
    """Protocol factory of the simulated internet's web server for one origin
    ('http://example.com'), used when a program speaks HTTP itself over open_connection."""

    async def dispatch(method, target, headers, body):
        url = target if '://' in target else origin + target
        _parts, host, _port, path = split_url(url)
        rule = _config.current.http_rule(host, url) or {}
        if rule.get('timeout'):
            await asyncio.get_running_loop().create_future()  # never answers
        answer = await _answer(host, method, path, url, headers, body, rule)
        delay = getattr(answer, 'delay', 0.0)
        if delay:
            await asyncio.sleep(delay)
        return answer.status, answer.reason, answer.headers, answer.body

    async def on_connection(reader, writer):
        await serve_connection(reader, writer, dispatch)

    def factory():
        reader = asyncio.StreamReader()
        return asyncio.StreamReaderProtocol(reader, on_connection)

    return factory


def report_handler_error():
    """aiohttp logs a failing handler and answers 500; the log goes to stderr here."""
    print('Error handling request', file=sys.stderr)
    traceback.print_exc(file=sys.stderr)
