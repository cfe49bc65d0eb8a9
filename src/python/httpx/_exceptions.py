"""httpx's exception classes, with the same hierarchy (httpx 0.28) so `except` clauses written
for the real package catch the same things:

    HTTPError
      RequestError
        TransportError
          TimeoutException: ConnectTimeout, ReadTimeout, WriteTimeout, PoolTimeout
          NetworkError: ConnectError, ReadError, WriteError, CloseError
          ProtocolError: LocalProtocolError, RemoteProtocolError
          ProxyError, UnsupportedProtocol
        DecodingError
        TooManyRedirects
      HTTPStatusError
    InvalidURL, CookieConflict
    StreamError (a RuntimeError): StreamConsumed, StreamClosed, ResponseNotRead, RequestNotRead
"""


class HTTPError(Exception):
    """Base class of RequestError and HTTPStatusError."""

    def __init__(self, message):
        super().__init__(message)
        self._request = None

    @property
    def request(self):
        if self._request is None:
            raise RuntimeError('The .request property has not been set.')
        return self._request

    @request.setter
    def request(self, request):
        self._request = request


class RequestError(HTTPError):
    """Something went wrong while sending a request or receiving its response."""

    def __init__(self, message, *, request=None):
        super().__init__(message)
        self._request = request


class TransportError(RequestError):
    pass


class TimeoutException(TransportError):
    pass


class ConnectTimeout(TimeoutException):
    pass


class ReadTimeout(TimeoutException):
    pass


class WriteTimeout(TimeoutException):
    pass


class PoolTimeout(TimeoutException):
    pass


class NetworkError(TransportError):
    pass


class ConnectError(NetworkError):
    pass


class ReadError(NetworkError):
    pass


class WriteError(NetworkError):
    pass


class CloseError(NetworkError):
    pass


class ProtocolError(TransportError):
    pass


class LocalProtocolError(ProtocolError):
    pass


class RemoteProtocolError(ProtocolError):
    pass


class ProxyError(TransportError):
    pass


class UnsupportedProtocol(TransportError):
    pass


class DecodingError(RequestError):
    pass


class TooManyRedirects(RequestError):
    pass


class HTTPStatusError(HTTPError):
    """raise_for_status() on a response that is not 2xx; `.request` and `.response` are set."""

    def __init__(self, message, *, request, response):
        super().__init__(message)
        self.request = request
        self.response = response


class InvalidURL(Exception):
    pass


class CookieConflict(Exception):
    pass


class StreamError(RuntimeError):
    pass


class StreamConsumed(StreamError):
    pass


class StreamClosed(StreamError):
    pass


class ResponseNotRead(StreamError):
    pass


class RequestNotRead(StreamError):
    pass
