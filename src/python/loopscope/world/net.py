"""A virtual TCP network on the virtual clock.

Real asyncio Transport/Protocol objects sit on both ends, so `asyncio.start_server`,
`open_connection`, StreamReader/StreamWriter and `base_events.Server` (serve_forever, async with,
close/wait_closed) are CPython's own code; only the sockets underneath are simulated.

Model, kept small on purpose:
- Any host name or address exists.  Names resolve to stable made-up IPv4 addresses; 'localhost'
  is 127.0.0.1.  A server bound to 0.0.0.0 (or host None) accepts connections to any host.
- Each message (connect, data chunk, EOF) takes a one-way latency: a few ms on loopback, more to
  other hosts, or what `loopscope.set_latency` says.  Messages in one direction keep their order.
- A read takes all the data that has arrived, up to READ_SIZE, as recv() on a socket does: writes
  that land at the same virtual time, or while the receiver paused reading, reach the protocol
  in one data_received call.
- Closing sends a FIN, or a RST when data had arrived that the program never read (what Linux
  does; abort() is a close that drops the write buffer).  A protocol callback that raises is
  reported to the loop's exception handler and the connection is closed, as asyncio's socket
  transports do.
- Connect is a round trip: when it completes, the server accepts, then the client is connected
  (CPython's order on loopback).  Nothing listening means ConnectionRefusedError after the round trip.  Once connected, the
  client's protocol is made and set up in asyncio's order, one loop iteration per step (see
  _world_connection_transport): nothing is read before its connection_made has run.
- Where asyncio runs tasks of its own (create_server resolving its hosts, the selector loop
  accepting a connection, happy eyeballs), the same coroutines run as tasks here, so the
  program's tasks get the Task-N names they get on CPython.
- Back-pressure: the receiver grants a window of WINDOW bytes.  Bytes in flight or delivered to a
  receiver that paused reading (StreamReader does so above 2 * limit) use it up; what does not fit
  stays in the sender's write buffer, whose limits trigger pause_writing/resume_writing, which is
  what makes `await writer.drain()` wait.  Acknowledgements are instant (no ACK latency).
"""

import collections
import collections.abc
import ipaddress
import itertools
import socket
import sys

from asyncio import (
    base_events, constants, events, futures, selector_events, staggered, streams, tasks,
    transports, trsock
)
from asyncio.log import logger

from .. import schema as S
from .._futures import hide_in_tracebacks
from . import _config

WINDOW = 256 * 1024
CHUNK = 64 * 1024
READ_SIZE = 256 * 1024  # what one read takes at most: max_size of asyncio's socket transports
EPHEMERAL_START = 50000
SERVER_PORT_START = 40000

_DATA, _FIN, _RST, _CONNECTED = 'data', 'fin', 'rst', 'connected'


def _rec(loop):
    return getattr(loop, '_recorder', None)


# asyncio.open_connection awaits loop.create_connection; a connect made through it is named for
# the call the program wrote.  (start_server does not wait on a connect, and Unix sockets are not
# simulated, so open_connection is the one streams function that reaches create_connection.)
_OPEN_CONNECTION = streams.open_connection.__code__


def _from_protocol(exc):
    """`exc` with the delivery's own frames dropped from the front of its traceback, so that the
    traceback the loop's exception handler prints starts at the protocol's method (asyncio's
    would start in selector_events, whose place these frames take).  Kept whole when nothing
    else is left."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
        tb = tb.tb_next
    if tb is not None:
        exc.__traceback__ = tb
    return exc


def _run_as_callback(loop, callback, *args):
    """Run a protocol method as asyncio runs it, from a handle of its own (call_soon in a real
    transport): an exception is reported to the loop's exception handler as "Exception in
    callback ..." and does not stop the delivery that called it."""
    events.Handle(callback, args, loop, None)._run()


def preview(data, limit=40):
    """Short printable form of a chunk for the trace."""
    text = bytes(data[:limit]).decode('latin-1')
    text = text.encode('unicode_escape').decode('ascii')
    return text + ('...' if len(data) > limit else '')


class _VSocket:
    """Enough of a socket for base_events.Server and trsock.TransportSocket."""

    family = socket.AF_INET
    type = socket.SOCK_STREAM
    proto = socket.IPPROTO_TCP

    def __init__(self, sockname, peername=None):
        self._sockname = sockname
        self._peername = peername
        self._closed = False

    def getsockname(self):
        return self._sockname

    def getpeername(self):
        if self._peername is None:
            raise OSError(107, 'Transport endpoint is not connected')
        return self._peername

    def fileno(self):
        return -1 if self._closed else 3

    def listen(self, backlog=0):
        pass

    def setblocking(self, flag):
        pass

    def gettimeout(self):
        return 0.0

    def getsockopt(self, *args):
        return 0

    def setsockopt(self, *args):
        pass

    def close(self):
        self._closed = True

    def __repr__(self):
        state = ' [closed]' if self._closed else ''
        return f'<virtual socket laddr={self._sockname} raddr={self._peername}{state}>'


class _Listener:
    def __init__(self, addr, protocol_factory, server, res, line, remote=False):
        self.addr = addr
        self.line = line
        self.protocol_factory = protocol_factory
        self.server = server
        self.res = res
        # A web server of the simulated internet: another machine's process, so its accepts
        # run no task of the program's loop.
        self.remote = remote


class VirtualNetwork:
    """Addresses, listeners and latencies of one loop's world."""

    def __init__(self, loop):
        self.loop = loop
        self.listeners = {}  # (ip, port) -> _Listener; ip '0.0.0.0' accepts any address
        # (ip, port) -> _Listener of the simulated internet's web servers, which are no servers
        # of the program's (the loop lists the program's as waiting for clients).
        self.web_listeners = {}
        self.bound = set()  # (ip, port) bound by a server, listening or not
        self.names = {}  # ip -> host name it was resolved from
        self.next_ephemeral = EPHEMERAL_START
        self.next_server_port = SERVER_PORT_START

    # -- addresses ---------------------------------------------------------------------------
    def resolve(self, host):
        """Host name or address -> IPv4/IPv6 text.  Every name resolves but those the world
        config says have no address (`.invalid`, set_unresolvable): socket.gaierror, as the C
        library's getaddrinfo answers for a name with no DNS record."""
        if host in (None, '', '0.0.0.0', '::', '*'):
            return '0.0.0.0'
        host = str(host)
        if host.lower() == 'localhost':
            return '127.0.0.1'
        try:
            return str(ipaddress.ip_address(host))
        except ValueError:
            pass
        if not _config.current.resolves(host):
            raise socket.gaierror(socket.EAI_NONAME, 'Name or service not known')
        h = _config.stable_hash(host.lower())
        ip = f'10.{(h >> 16) & 255}.{(h >> 8) & 255}.{max(1, h & 255) % 255 or 1}'
        self.names.setdefault(ip, host.lower())
        return ip

    @staticmethod
    def is_loopback(ip):
        try:
            return ipaddress.ip_address(ip).is_loopback
        except ValueError:
            return False

    def local_ip_for(self, dst_ip):
        return '127.0.0.1' if self.is_loopback(dst_ip) else '10.0.0.2'

    def latency(self, host, ip):
        value = _config.current.latency_for(host) if host is not None else None
        if value is None and host != ip:
            value = _config.current.latency_for(ip)
        if value is None:
            cfg = _config.current
            value = cfg.loopback_latency if self.is_loopback(ip) else cfg.remote_latency
        return max(0.0, float(value))

    def ephemeral_port(self):
        port = self.next_ephemeral
        self.next_ephemeral += 1
        return port

    def find_listener(self, ip, port):
        listener = self.listeners.get((ip, port))
        if listener is None:
            listener = self.listeners.get(('0.0.0.0', port))
        if listener is None and self.is_loopback(ip):
            listener = self.listeners.get(('127.0.0.1', port))
        return listener

    def web_listener(self, host, ip, port):
        """The simulated internet's web server for a remote host on port 80 or 443, so raw
        HTTP over open_connection gets the same answers as the aiohttp client."""
        if port not in (80, 443) or self.is_loopback(ip):
            return None
        key = (ip, port)
        listener = self.web_listeners.get(key)
        if listener is None:
            from . import http

            name = self.names.get(ip, host)
            scheme = 'https' if port == 443 else 'http'
            res, line = -1, 0
            rec = _rec(self.loop)
            if rec is not None:
                res = rec.resource(S.RES_SERVER, f'{name}:{port}', 0)
                rec.emit_at(S.NET_LISTEN, 0, res)
            listener = _Listener(
                (ip, port), http.web_protocol_factory(f'{scheme}://{name}'), None, res, line,
                remote=True,
            )
            self.web_listeners[key] = listener
        return listener

    def has_listener(self, host, port):
        return self.find_listener(self.resolve(host), port) is not None

    def bind(self, host, port):
        ip = self.resolve(host)
        if not port:
            port = self.next_server_port
            while any(p == port for _, p in self.bound):
                port += 1
            self.next_server_port = port + 1
        clash = [(i, p) for (i, p) in self.bound if p == port and (i == ip or '0.0.0.0' in (i, ip))]
        if clash:
            raise OSError(
                98,
                f"error while attempting to bind on address {(ip, port)!r}: "
                '[errno 98] address already in use',
            )
        self.bound.add((ip, port))
        return (ip, port)


class _Pipe:
    """One direction of a connection: messages in arrival order, delivered on the clock."""

    def __init__(self, loop, dst):
        self.loop = loop
        self.dst = dst
        self.items = collections.deque()
        self.handle = None
        self.last_arrival = 0.0

    def push(self, delay, kind, payload=None):
        arrival = max(self.loop.time() + _config.current.jittered(delay), self.last_arrival)
        self.last_arrival = arrival
        self.items.append((arrival, kind, payload))
        self.arm()

    def arm(self):
        if self.handle is None and self.items and not self.blocked():
            self.handle = self.loop.call_at(self.items[0][0], self.fire)

    def blocked(self):
        # Nothing is read before the protocol's connection_made has run (an accepted end waits
        # for its accept task, a connected client end for create_connection to set it up), nor
        # data while the receiver paused reading.
        if not self.items:
            return False
        dst = self.dst
        return dst._protocol_pending or (self.items[0][1] == _DATA and dst._reading_paused)

    def unread(self):
        """Whether data has arrived that the receiver has not taken (it paused reading)."""
        now = self.loop.time()
        return any(kind == _DATA and arrival <= now for arrival, kind, _ in self.items)

    def fire(self):
        self.handle = None
        try:
            self.deliver_due()
        finally:
            # Whatever a callback raised, the messages still waiting arrive in their time.
            self.arm()

    def deliver_due(self):
        items = self.items
        now = self.loop.time()
        while items and items[0][0] <= now and not self.blocked():
            _, kind, payload = items.popleft()
            if kind == _DATA:
                # One read takes all the data that has arrived (up to READ_SIZE), as recv() on a
                # socket does: writes that land together make one data_received call.
                parts = [payload]
                size = len(payload)
                while items and items[0][0] <= now and items[0][1] == _DATA and size < READ_SIZE:
                    arrival, _, more = items.popleft()
                    room = READ_SIZE - size
                    if len(more) > room:
                        items.appendleft((arrival, _DATA, more[room:]))
                        more = more[:room]
                    parts.append(more)
                    size += len(more)
                if len(parts) > 1:
                    payload = b''.join(parts)
                # What is left (a FIN or RST behind the data, or data past READ_SIZE) is the
                # next read's: recv() returns the data, and the socket's next readiness callback,
                # an iteration later, reads the rest. The socket is ready still, ahead of any that
                # this read makes ready (its peer's, when data_received answers): epoll reports
                # it again before them.
                self.arm()
                self.dst._receive(kind, payload)
                break
            self.dst._receive(kind, payload)

    # The loop panel, the explanations and the timeline name a callback by its __qualname__. A
    # learner sees this timer in every networked program: say what it does, not how it is built.
    fire.__qualname__ = 'virtual_network.deliver'


class VirtualTransport(transports._FlowControlMixin, transports.Transport):
    """One end of a virtual TCP connection."""

    def __init__(self, loop, net, sockname, peername, host, server=None):
        super().__init__(None, loop)
        self._net = net
        self._protocol = None
        self._peer = None
        self._inbound = _Pipe(loop, self)
        self._accept = None  # an end to be accepted: the accept, run by the peer's _connected
        self._latency = net.latency(host, peername[0])
        self._server = server
        self._sock = _VSocket(sockname, peername)
        self._extra = {
            'peername': peername,
            'sockname': sockname,
            'socket': trsock.TransportSocket(self._sock),
        }
        self._buffer = bytearray()
        self._inflight = 0
        self._closing = False
        self._closed = False
        self._eof_pending = False
        self._eof_sent = False
        self._reset_sent = False
        # asyncio's count: 1 once the connection is lost, then one more per write dropped.
        self._conn_lost = 0
        self._unread = False  # data arrived that nobody will read: close() stopped reading
        self._reading_paused = False
        # Set on an accepted end, and on a client end once connected, until its protocol's
        # connection_made has run: asyncio starts reading only then.
        self._protocol_pending = False
        self._res = -1
        if server is not None:
            server._attach(self)

    def __repr__(self):
        # The shape of asyncio's socket transports' repr, which the loop's exception handler
        # prints: the addresses stand where the file descriptor is.
        info = [type(self).__name__]
        if self._closed:
            info.append('closed')
        elif self._closing:
            info.append('closing')
        info.append(f'laddr={self._extra["sockname"]} raddr={self._extra["peername"]}')
        info.append('read=polling' if self.is_reading() else 'read=idle')
        writing = 'polling' if self._buffer and not self._closed else 'idle'
        info.append(f'write=<{writing}, bufsize={len(self._buffer)}>')
        return '<{}>'.format(' '.join(info))

    # -- Transport API -----------------------------------------------------------------------
    def get_protocol(self):
        return self._protocol

    def set_protocol(self, protocol):
        self._protocol = protocol

    def is_closing(self):
        return self._closing

    def is_reading(self):
        return not self._reading_paused and not self._closing

    def pause_reading(self):
        self._reading_paused = True

    def resume_reading(self):
        if self._reading_paused:
            self._reading_paused = False
            self._inbound.arm()

    def get_write_buffer_size(self):
        return len(self._buffer)

    def set_write_buffer_limits(self, high=None, low=None):
        self._set_write_buffer_limits(high=high, low=low)
        self._maybe_pause_protocol()

    def can_write_eof(self):
        return True

    def write(self, data):
        if not isinstance(data, (bytes, bytearray, memoryview)):
            # Python 3.14's wording, as Loopscope runs on 3.14's stdlib (3.13's says 'must be a
            # bytes-like object').
            raise TypeError(
                'data argument must be a bytes, bytearray, or memoryview object, '
                f'not {type(data).__name__!r}'
            )
        if self._eof_pending:
            raise RuntimeError('Cannot call write() after write_eof()')
        if not data or self._lost_write():
            return
        self._buffer += data
        self._flush()
        self._maybe_pause_protocol()

    def writelines(self, list_of_data):
        if self._eof_pending:
            raise RuntimeError('Cannot call writelines() after write_eof()')
        if not list_of_data or self._lost_write():
            return
        self.write(b''.join(list_of_data))

    def _lost_write(self):
        """Whether a write is dropped because the connection is lost (closed, aborted or
        reset), as asyncio's socket transports drop it: silently, but from the
        LOG_THRESHOLD_FOR_CONNLOST_WRITES-th such write on, each one logs a warning.  After
        close() and before the write buffer has drained, the connection is not lost yet and
        the write is sent with the rest."""
        if not self._conn_lost:
            return False
        if self._conn_lost >= constants.LOG_THRESHOLD_FOR_CONNLOST_WRITES:
            logger.warning('socket.send() raised exception.')
        self._conn_lost += 1
        return True

    def write_eof(self):
        if self._closing or self._eof_pending or self._eof_sent:
            return
        self._eof_pending = True
        self._flush()

    def close(self):
        if self._closing:
            return
        self._closing = True
        self._unread = self._inbound.unread()
        self._drop_unread()
        if not self._buffer:
            self._finish_close()

    def abort(self):
        # asyncio closes the socket at once, without SO_LINGER: on Linux the peer sees a
        # normal end, or a reset if data arrived here that was never read (_send_end).
        self._force_close(None)

    def _drop_unread(self):
        # What waits unread is now acknowledged and dropped, freeing the sender's window.
        if self._reading_paused:
            self._reading_paused = False
            self._inbound.arm()

    def _force_close(self, exc, from_user=True):
        """Close now, dropping the write buffer: abort(), or a protocol callback that failed."""
        if self._closed:
            return
        if not self._closing:
            self._closing = True
            self._unread = self._inbound.unread()
        self._buffer.clear()
        self._send_end()
        self._drop_unread()
        self._closed = True
        self._conn_lost = self._conn_lost or 1
        self._record(S.NET_CLOSE, from_user=from_user)
        self._loop.call_soon(self._connection_lost, exc)

    def _fatal_error(self, exc, message):
        """What asyncio's socket transports do when a protocol method raises: report it to the
        loop's exception handler (except an OSError, which they log only in debug mode) and
        close at once, so that connection_lost(exc) runs and the peer sees the end."""
        exc = _from_protocol(exc)
        if not isinstance(exc, OSError):
            self._loop.call_exception_handler(
                {
                    'message': message,
                    'exception': exc,
                    'transport': self,
                    'protocol': self._protocol,
                }
            )
        self._force_close(exc, from_user=False)

    # -- sending -----------------------------------------------------------------------------
    def _flush(self):
        peer = self._peer
        if peer is not None and not self._eof_sent:
            room = WINDOW - self._inflight
            while self._buffer and room > 0:
                size = min(room, CHUNK, len(self._buffer))
                chunk = bytes(self._buffer[:size])
                del self._buffer[:size]
                self._inflight += size
                room -= size
                self._record(S.NET_SEND, size, preview(chunk))
                peer._inbound.push(self._latency, _DATA, chunk)
            if not self._buffer and (self._eof_pending or self._closing):
                self._send_end()
        if not self._buffer and self._closing and not self._closed:
            self._finish_close()
        self._maybe_resume_protocol()

    def _acked(self, size):
        self._inflight -= size
        if self._buffer:
            self._flush()

    def _send_end(self):
        """Tell the peer that no more data comes: a FIN; or, once closing, a RST when data
        arrived here that was never read, as Linux answers the close of such a socket (also
        after a FIN from write_eof)."""
        peer = self._peer
        if peer is None:
            return
        if self._closing and (self._unread or self._inbound.unread()):
            if not self._reset_sent:
                self._reset_sent = self._eof_sent = True
                peer._inbound.push(self._latency, _RST)
        elif not self._eof_sent:
            self._eof_sent = True
            peer._inbound.push(self._latency, _FIN)

    def _finish_close(self):
        if self._closed:
            return
        self._send_end()
        self._record(S.NET_CLOSE)
        self._closed = True
        # Also once a write buffer left at close() has drained, where asyncio's transport,
        # its socket gone, fails on the next write in a way a program cannot rely on.
        self._conn_lost = self._conn_lost or 1
        self._loop.call_soon(self._connection_lost, None)

    def _connection_lost(self, exc):
        self._closed = True
        protocol, self._protocol = self._protocol, None
        try:
            if protocol is not None:
                protocol.connection_lost(exc)
        finally:
            server, self._server = self._server, None
            if server is not None:
                server._detach(self)

    # -- receiving ---------------------------------------------------------------------------
    def _receive(self, kind, payload):
        if kind == _CONNECTED:
            self._connected(payload)
            return
        if kind == _DATA:
            size = len(payload)
            if self._peer is not None:
                self._peer._acked(size)
            if self._closing or self._protocol is None:
                # Not read: close() stopped reading.  The socket, still open while its write
                # buffer drains, will close with unread data.
                if not self._closed:
                    self._unread = True
                return
            self._record(S.NET_RECV, size, preview(payload), from_user=False)
            try:
                self._protocol.data_received(payload)
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                self._fatal_error(exc, 'Fatal error: protocol.data_received() call failed.')
            return
        if self._closing or self._protocol is None:
            return
        if kind == _FIN:
            self._record(S.NET_RECV, 0, 'EOF', from_user=False)
            try:
                keep_open = self._protocol.eof_received()
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                self._fatal_error(exc, 'Fatal error: protocol.eof_received() call failed.')
                return
            if not keep_open:
                self.close()
        elif kind == _RST:
            self._record(S.NET_RECV, 0, 'RST', from_user=False)
            # The reset connection is gone: nothing more is sent, not even a FIN.
            self._closing = self._closed = True
            self._eof_sent = self._reset_sent = True
            self._conn_lost = self._conn_lost or 1
            self._buffer.clear()
            self._record(S.NET_CLOSE, from_user=False)
            self._loop.call_soon(
                self._connection_lost, ConnectionResetError(104, 'Connection reset by peer')
            )

    def _adopt(self, protocol, conn=None):
        """The end gets its protocol: an accepted end (`conn`, the _Accepted) or a connected
        client end (no `conn`).  connection_made runs as a callback of its own, as the one
        _SelectorSocketTransport schedules, and reading starts after it; another machine's
        server runs it at once."""
        self._protocol = protocol
        made = protocol.connection_made
        if conn is None:
            # Client side: the protocol's own method is the callback, as in asyncio (so a
            # traceback from it starts there), and reading starts in the next one, as asyncio's
            # _add_reader does: data that has already arrived is read in the next iteration.
            self._loop.call_soon(made, self)
            self._loop.call_soon(self._start_reading)
            return

        def connection_made():
            self._record_accept(conn)
            try:
                made(self)
            finally:
                # Reading starts here rather than in a callback of its own: the same loop
                # iteration, so what has arrived is read in the next one either way.
                self._protocol_pending = False
                self._inbound.arm()

        if conn.listener.remote:
            self._record_accept(conn)
            self._protocol_pending = False
            _run_as_callback(self._loop, made, self)
            self._inbound.arm()
            return
        # The loop panel and asyncio's "Exception in callback ..." name the protocol's method,
        # as for the callback asyncio schedules (__wrapped__: no source file of the engine's),
        # and a traceback from it starts at the method, as on CPython.
        connection_made.__qualname__ = getattr(made, '__qualname__', 'connection_made')
        connection_made.__wrapped__ = made
        hide_in_tracebacks(connection_made)
        self._loop.call_soon(connection_made)

    def _start_reading(self):
        self._protocol_pending = False
        self._inbound.arm()

    # Named for the loop panel and the timeline, as _Pipe.fire is.
    _start_reading.__qualname__ = 'virtual_network.start_reading'

    def _record_accept(self, conn):
        # Recorded in the callback that runs connection_made, where start_server's protocol
        # creates the client_connected_cb task: the page finds the accept there.
        rec = _rec(self._loop)
        if rec is None:
            return
        ip, port = self._extra['sockname']
        peer = self._extra['peername']
        listener = conn.listener
        self._res = rec.resource(
            S.RES_CONNECTION, f'{ip}:{port} <- {peer[0]}:{peer[1]}', conn.line
        )
        rec.emit_at(
            S.NET_ACCEPT, listener.line, self._res, listener.res,
            int(_is_start_server(listener.protocol_factory)),
        )

    def _abandon(self):
        """An end no protocol took (accepted, or connected for a create_connection that failed
        or was cancelled): it closes, as a dropped socket does."""
        self._protocol_pending = False
        self._protocol = _NullProtocol()
        self.close()

    def _connected(self, payload):
        """Client side: the SYN-ACK arrived (payload is the pending connect).  The socket is
        writable, which is all asyncio's sock_connect waits for: its task resumes in the next
        iteration to make the protocol.  Until that protocol's connection_made has run, what
        arrives waits unread, as data waits in a socket nobody reads yet."""
        pending = payload
        waiter = pending['waiter']
        # The server accepts now, just before the client is connected, whatever the program
        # does meanwhile (the kernel completes the handshake).  On loopback CPython's select()
        # returns the listening socket first: it was ready when connect() started, the client's
        # socket is registered after connect() returns.  So the accept task is scheduled here,
        # ahead of the caller's wake-up.
        accept, self._peer._accept = self._peer._accept, None
        if accept is not None:
            accept()
        if waiter.done():  # the connect was cancelled (e.g. a timeout) meanwhile
            self._abandon()
            return
        self._protocol_pending = True
        rec = _rec(self._loop)
        if rec is not None:
            sock, peer = self._extra['sockname'], self._extra['peername']
            self._res = rec.resource(
                S.RES_CONNECTION, f'{sock[0]}:{sock[1]} -> {peer[0]}:{peer[1]}', pending['line']
            )
            rec.emit_at(
                S.NET_CONNECT, pending['line'], self._res, rec.string(f'{peer[0]}:{peer[1]}')
            )
        waiter.set_result(None)

    def _record(self, kind, size=0, text=None, from_user=True):
        rec = _rec(self._loop)
        if rec is None or self._res < 0:
            return
        # Receives fire from loop callbacks: no user line is running then, so none is claimed.
        line = rec.user_line() if from_user else 0
        if kind == S.NET_CLOSE:
            rec.emit_at(kind, line, self._res)
        else:
            rec.emit_at(kind, line, self._res, size, rec.string(text) if text is not None else -1)


class _Accepted:
    """What accept() returned, for asyncio's _accept_connection2: the server's end of a
    connection, made when the SYN arrived, that waits for its protocol (its inbound messages
    wait with it)."""

    def __init__(self, transport, listener, line):
        self.transport = transport
        self.listener = listener
        self.line = line  # of the connect call, which names the connection's resource

    def protocol_factory(self):
        try:
            return self.listener.protocol_factory()
        except BaseException:
            # asyncio drops the socket, so it closes and the client sees the end.
            self.transport._abandon()
            raise


class _NullProtocol:
    def connection_lost(self, exc):
        pass

    def data_received(self, data):
        pass

    def eof_received(self):
        return False


_START_SERVER_FACTORY = 'start_server.<locals>.factory'


def _is_start_server(protocol_factory):
    """Whether a listener is asyncio.start_server's: its protocol runs client_connected_cb for
    each connection, as a new task when it returns a coroutine, from asyncio's code (no user
    line).  NET_ACCEPT's c says so, and the page says who created that task."""
    return (
        getattr(protocol_factory, '__qualname__', None) == _START_SERVER_FACTORY
        and getattr(protocol_factory, '__module__', None) == streams.__name__
    )


# Well-known services as /etc/services names them (Debian's netbase), for getnameinfo and for a
# service name given as the port.  A browser tab has no /etc/services, so the table is here;
# any other port stays a number, as it does there.
_TCP_SERVICES = {
    7: 'echo', 20: 'ftp-data', 21: 'ftp', 22: 'ssh', 23: 'telnet', 25: 'smtp', 53: 'domain',
    80: 'http', 110: 'pop3', 119: 'nntp', 143: 'imap2', 443: 'https', 465: 'submissions',
    587: 'submission', 993: 'imaps', 995: 'pop3s', 3306: 'mysql', 5432: 'postgresql',
    5672: 'amqp', 6379: 'redis', 8080: 'http-alt',
}
# With NI_DGRAM getnameinfo names the UDP service.
_UDP_SERVICES = {
    53: 'domain', 67: 'bootps', 68: 'bootpc', 69: 'tftp', 123: 'ntp', 161: 'snmp',
    443: 'https', 514: 'syslog',
}
# Names and aliases a program may pass as the port ('http', 'www', ...).
_SERVICE_PORTS = {name: port for port, name in _TCP_SERVICES.items()} | {
    'www': 80, 'mail': 25, 'imap': 143, 'pop-3': 110, 'smtps': 465, 'ssmtp': 465,
    'postgres': 5432, 'webcache': 8080,
}


def _port_number(port):
    if port is None:
        return 0
    if isinstance(port, bytes):
        port = port.decode('ascii', 'replace')
    if isinstance(port, str):
        if port.isdigit():
            return int(port)
        if not port:
            return 0
        number = _SERVICE_PORTS.get(port.lower())
        if number is None:
            raise socket.gaierror(socket.EAI_SERVICE, 'Servname not supported for ai_socktype')
        return number
    return int(port)


def _getaddrinfo(net, host, port, type, proto):
    """socket.getaddrinfo on the virtual network: one IPv4 address per name."""
    ip = net.resolve(host)
    return [
        (
            socket.AF_INET,
            type or socket.SOCK_STREAM,
            proto or socket.IPPROTO_TCP,
            '',
            (ip, _port_number(port)),
        )
    ]


def _getnameinfo(net, sockaddr, flags):
    """socket.getnameinfo on the virtual network: the host name the world gave the address (from
    resolving it; 'localhost' for loopback) and the service name of the port, as the C library
    answers with /etc/hosts and /etc/services: `('localhost', 'http')` for ('127.0.0.1', 80)."""
    ip, port = sockaddr[0], int(sockaddr[1])
    if flags & socket.NI_NUMERICHOST:
        name = ip
    else:
        name = net.names.get(ip)
        if name is None and net.is_loopback(ip):
            name = 'localhost'
        if name is None:
            if flags & socket.NI_NAMEREQD:
                raise socket.gaierror(socket.EAI_NONAME, 'Name or service not known')
            name = ip
    service = None
    if not flags & socket.NI_NUMERICSERV:
        table = _UDP_SERVICES if flags & socket.NI_DGRAM else _TCP_SERVICES
        service = table.get(port)
    return (name, service or str(port))


class NetworkLoopMixin:
    """create_connection / create_server / getaddrinfo on the loop's VirtualNetwork."""

    @property
    def _world_net(self):
        net = self.__dict__.get('_world_net_obj')
        if net is None:
            net = VirtualNetwork(self)
            self.__dict__['_world_net_obj'] = net
        return net

    async def getaddrinfo(self, host, port, *, family=0, type=0, proto=0, flags=0):
        """As asyncio does, the lookup runs in the loop's default executor (a simulated worker
        thread, `asyncio_0`), so the caller waits on an executor future for one iteration or
        more; asyncio's own callers (create_connection, create_server) skip it for a numeric
        address, in `_ensure_resolved`."""
        return await self.run_in_executor(
            None, self._world_resolver('getaddrinfo'), host, port, family, type, proto, flags
        )

    async def getnameinfo(self, sockaddr, flags=0):
        """The reverse lookup, in the default executor as asyncio runs it."""
        return await self.run_in_executor(
            None, self._world_resolver('getnameinfo'), sockaddr, flags
        )

    def _world_resolver(self, name):
        """The job the executor runs for a lookup on this loop's network, named as the socket
        function asyncio submits (the trace shows "getaddrinfo('localhost', 8888, ...)")."""
        net = self._world_net

        if name == 'getaddrinfo':
            def job(host, port, family=0, type=0, proto=0, flags=0):
                return _getaddrinfo(net, host, port, type, proto)
        else:
            def job(sockaddr, flags=0):
                return _getnameinfo(net, sockaddr, flags)

        job.__name__ = job.__qualname__ = name
        return job

    async def create_connection(self, protocol_factory, host=None, port=None, *, ssl=None,
                                family=0, proto=0, flags=0, sock=None, local_addr=None,
                                server_hostname=None, ssl_handshake_timeout=None,
                                ssl_shutdown_timeout=None, happy_eyeballs_delay=None,
                                interleave=None, all_errors=False):
        if sock is not None:
            raise NotImplementedError(
                'create_connection(sock=...) needs a real socket; on the virtual network pass '
                'host and port instead'
            )
        if host is None or port is None:
            raise ValueError('host and port was not specified and no sock specified')
        rec = _rec(self)
        line = label = None
        if rec is not None:
            line = rec.user_line()
            # The future the caller waits on until the connection is made (no resource exists
            # yet) is named as the program called it.  The coroutine runs its first part inside
            # the await that started it, so the frame below is the awaiting one.
            called = sys._getframe(1).f_code
            label = 'open_connection' if called is _OPEN_CONNECTION else 'create_connection'
        # As asyncio does, the address is resolved first: a name or a service port in the
        # default executor (getaddrinfo), a numeric address and port at once.  A lookup error
        # is raised as it is, never grouped by all_errors.
        infos = await self._ensure_resolved(
            (host, port), family=family, type=socket.SOCK_STREAM, proto=proto, flags=flags,
            loop=self,
        )
        if not infos:
            raise OSError('getaddrinfo() returned empty list')
        port = infos[0][4][1]
        # As in asyncio, the socket connects first (sock_connect, in the happy-eyeballs race if
        # there is one); only then, back in the caller's task, is the protocol made and the
        # transport set up.  Errors of that second part are no connect errors: all_errors does
        # not group them.
        try:
            if happy_eyeballs_delay is None:
                client = await self._world_connect(host, port, line, label)
            else:
                # Happy eyeballs: asyncio races the host's addresses with staggered_race, which
                # makes each attempt in a task of its own, and one more task that finds no
                # address left.  A name has one address here: two tasks, taking Task-N names as
                # on CPython.
                client, _, errors = await staggered.staggered_race(
                    (lambda: self._world_connect(host, port, line, label),),
                    happy_eyeballs_delay,
                    loop=self,
                )
                if client is None:
                    raise errors[0]
        except OSError as exc:
            if all_errors:
                raise ExceptionGroup('create_connection failed', [exc]) from None
            raise
        return await self._world_connection_transport(client, protocol_factory)

    async def _world_connect(self, host, port, line, label):
        """One connect attempt, asyncio's sock_connect: the SYN leaves now; the connected end
        (a transport with no protocol yet) comes back once the SYN-ACK has arrived."""
        net = self._world_net
        ip = net.resolve(host)
        local = (net.local_ip_for(ip), net.ephemeral_port())
        client = VirtualTransport(self, net, local, (ip, port), host)
        connected = self.create_future()
        rec = _rec(self)
        if rec is not None and label is not None:
            rec.set_future_kind(rec.future_id(connected), S.FUTURE_CALL, label)
        pending = {'waiter': connected, 'line': line or 0}
        delay = client._latency
        travel = _config.current.jittered(delay)
        if travel > 0:
            self.call_at(
                self.time() + travel, self._world_syn, client, host, ip, port, pending, delay
            )
        else:
            # A link with no latency: the SYN reaches the server as it leaves, as on loopback,
            # where the kernel answers it inside connect().  The handshake then completes in
            # the next iteration, where CPython's select() reports it.
            self._world_syn(client, host, ip, port, pending, delay)
        try:
            await connected
        except BaseException:
            if connected.done() and not connected.cancelled() and connected.exception() is None:
                # Connected, but the task was cancelled before it resumed: asyncio closes the
                # socket it will not use.
                client._abandon()
            raise
        return client

    async def _world_connection_transport(self, client, protocol_factory):
        """asyncio's _create_connection_transport: make the protocol, set the transport up
        (connection_made, then reading, then the waiter, each a callback of its own, as
        _SelectorSocketTransport schedules them) and wait for the waiter.  So the caller resumes
        two loop iterations after this, and nothing is read before connection_made has run."""
        try:
            protocol = protocol_factory()
        except BaseException:
            client._abandon()
            raise
        waiter = self.create_future()
        rec = _rec(self)
        if rec is not None:
            # As on the server side: the caller waits for connection_made to have run.
            rec.set_future_kind(rec.future_id(waiter), S.FUTURE_CALL, 'connection_made')
        client._adopt(protocol)
        self.call_soon(futures._set_result_unless_cancelled, waiter, None)
        try:
            await waiter
        except BaseException:
            client.close()
            raise
        return client, protocol

    def _world_syn(self, client, host, ip, port, pending, delay):
        """Server side of a connect, one latency after it started."""
        net = self._world_net
        listener = net.find_listener(ip, port) or net.web_listener(host, ip, port)
        waiter = pending['waiter']
        if listener is None:
            def refuse():
                if not waiter.done():
                    waiter.set_exception(
                        ConnectionRefusedError(111, f'Connect call failed {(ip, port)!r}')
                    )

            refuse.__qualname__ = 'virtual_network.refuse'
            self.call_at(self.time() + delay, refuse)
            return
        server_end = VirtualTransport(self, net, (ip, port), client._extra['sockname'], host)
        server_end._protocol_pending = True
        server_end._latency = delay
        server_end._peer = client
        client._peer = server_end
        client._inbound.push(delay, _CONNECTED, pending)
        conn = _Accepted(server_end, listener, pending['line'])
        if listener.remote:
            # Another machine's server: its protocol is made at once, on no task of ours.
            try:
                protocol = listener.protocol_factory()
            except BaseException as exc:
                server_end._abandon()
                self.call_exception_handler(
                    {'message': 'Error in protocol factory of a virtual server', 'exception': exc}
                )
                return
            server_end._adopt(protocol, conn)
            return
        # When the handshake completes (the SYN-ACK reaches the client: see _connected), the
        # listening socket is readable: asyncio's selector loop accepts the connection and sets
        # it up in a task of its own (which takes a Task-N name), with its own code.
        def accept():
            self.create_task(
                self._accept_connection2(conn.protocol_factory, conn, {}, None, listener.server)
            )

        server_end._accept = accept

    # Named for the loop panel and the timeline, as _Pipe.fire is.
    _world_syn.__qualname__ = 'virtual_network.connect'

    # The coroutine asyncio's selector loop runs, as a task, for each connection it accepts:
    # protocol_factory(), then _make_socket_transport (below), then it waits for the transport's
    # waiter.  A failing factory is dropped there (logged in debug mode only), as on CPython.
    _accept_connection2 = selector_events.BaseSelectorEventLoop._accept_connection2

    def _make_socket_transport(self, sock, protocol, waiter=None, *, extra=None, server=None):
        """The accepted end of a connection (`sock` is the `_Accepted` the SYN made) gets its
        protocol, as _SelectorSocketTransport sets itself up: connection_made, then reading,
        then the waiter, each a callback of its own."""
        if not isinstance(sock, _Accepted):
            raise NotImplementedError
        transport = sock.transport
        if server is not None:
            try:
                server._attach(transport)  # asserts that the server still listens
            except BaseException:
                transport._abandon()
                raise
            transport._server = server
        transport._adopt(protocol, sock)
        if waiter is not None:
            rec = _rec(self)
            if rec is not None:
                # The accept task waits for the protocol's connection_made to have run.
                rec.set_future_kind(rec.future_id(waiter), S.FUTURE_CALL, 'connection_made')
            self.call_soon(futures._set_result_unless_cancelled, waiter, None)
        return transport

    async def create_server(self, protocol_factory, host=None, port=None, *, family=0,
                            flags=socket.AI_PASSIVE, sock=None, backlog=100, ssl=None,
                            reuse_address=None, reuse_port=None, keep_alive=None,
                            ssl_handshake_timeout=None, ssl_shutdown_timeout=None,
                            start_serving=True):
        if sock is not None:
            raise NotImplementedError(
                'create_server(sock=...) needs a real socket; on the virtual network pass host '
                'and port instead'
            )
        if host is None and port is None:
            raise ValueError('Neither host/port nor sock were specified')
        net = self._world_net
        if host == '':
            hosts = [None]
        elif isinstance(host, str) or not isinstance(host, collections.abc.Iterable):
            hosts = [host]
        else:
            hosts = host
        port = _port_number(port)
        # As asyncio does, each host is resolved by a coroutine of its own, gathered: a task
        # each, which takes a Task-N name as on CPython.
        infos = await tasks.gather(
            *(self._create_server_getaddrinfo(h, port, family=family, flags=flags) for h in hosts)
        )
        sockets = []
        try:
            for ip in dict.fromkeys(net.resolve(info[4][0]) for info in itertools.chain(*infos)):
                # Each address once (asyncio takes a set of the infos), in the order given.
                addr = net.bind(ip, port)
                port = port or addr[1]  # port 0 on several addresses: one free port for all
                sockets.append(_VSocket(addr))
        except BaseException:
            for sock in sockets:
                net.bound.discard(sock.getsockname())
            raise
        server = base_events.Server(
            self, sockets, protocol_factory, ssl, backlog, ssl_handshake_timeout,
            ssl_shutdown_timeout,
        )
        if start_serving:
            server._start_serving()
            await tasks.sleep(0)
        return server

    def _world_no_sockets(self, name):
        raise NotImplementedError(
            f'loop.{name}() works on real sockets, which do not exist in the browser. '
            'Use asyncio.open_connection/start_server (or create_connection/create_server): '
            'Loopscope runs them on its virtual network.'
        )

    async def sock_connect(self, sock, address):
        self._world_no_sockets('sock_connect')

    async def sock_accept(self, sock):
        self._world_no_sockets('sock_accept')

    async def sock_recv(self, sock, nbytes):
        self._world_no_sockets('sock_recv')

    async def sock_recv_into(self, sock, buf):
        self._world_no_sockets('sock_recv_into')

    async def sock_sendall(self, sock, data):
        self._world_no_sockets('sock_sendall')

    async def create_datagram_endpoint(self, protocol_factory, local_addr=None,
                                       remote_addr=None, **kwargs):
        self._world_no_sockets('create_datagram_endpoint')

    # File descriptors and pipes: the usual ways to read stdin without blocking the loop.
    def _world_no_fds(self, name):
        raise NotImplementedError(
            f'loop.{name}() watches a real file descriptor, which Loopscope does not have: its '
            'loop runs on a virtual clock, with no select(). To read input without blocking '
            'the loop, read it in a thread: line = await asyncio.to_thread(sys.stdin.readline)'
        )

    def add_reader(self, fd, callback, *args):
        self._world_no_fds('add_reader')

    def add_writer(self, fd, callback, *args):
        self._world_no_fds('add_writer')

    def remove_reader(self, fd):
        return False  # nothing is ever registered

    def remove_writer(self, fd):
        return False

    async def connect_read_pipe(self, protocol_factory, pipe):
        self._world_no_fds('connect_read_pipe')

    async def connect_write_pipe(self, protocol_factory, pipe):
        self._world_no_fds('connect_write_pipe')

    # Hooks called by base_events.Server.
    def _start_serving(self, protocol_factory, sock, sslcontext=None, server=None, backlog=100,
                       ssl_handshake_timeout=None, ssl_shutdown_timeout=None):
        net = self._world_net
        addr = sock.getsockname()
        rec = _rec(self)
        res = -1
        line = rec.user_line() if rec is not None else 0
        if rec is not None:
            res = rec.resource(S.RES_SERVER, f'{addr[0]}:{addr[1]}', line, backlog)
            rec.emit_at(S.NET_LISTEN, line, res)
            if server is not None and getattr(server, '_ls_rid', -1) < 0:
                # The resource its serve_forever()/wait_closed() waits are recorded on (the
                # first address's, for a server on several).
                server._ls_rid = res
        net.listeners[addr] = _Listener(addr, protocol_factory, server, res, line)

    def _stop_serving(self, sock):
        net = self._world_net
        addr = sock.getsockname()
        listener = net.listeners.pop(addr, None)
        net.bound.discard(addr)
        sock.close()
        rec = _rec(self)
        if rec is not None and listener is not None and listener.res >= 0:
            rec.emit(S.NET_CLOSE, listener.res)
