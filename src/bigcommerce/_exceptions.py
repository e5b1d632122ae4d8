"""Exceptions raised by the library.

BigcommerceException                 root of everything the library raises
  HttpException                      status_code, headers, content, errors, message
    RedirectionException             3xx
    ClientRequestException           4xx
      BadRequestException            400
      UnauthorizedException          401
      ForbiddenException             403
      NotFoundException              404
      ConflictException              409
      PayloadTooLargeException       413
      UnprocessableEntityException   422
      RateLimitingException          429 (rate_limit, retry_after in seconds)
    ServerException                  5xx
    EmptyResponseWarning             204 (also a Warning)
  TransportException                 no HTTP response
    ConnectionException
    TimeoutException
  ConfigurationException             bad arguments, found before sending
  VerificationException              why a payload, JWT or webhook failed
  GraphQLException                   errors returned by a GraphQL API
"""

from __future__ import annotations

from collections.abc import Mapping as AbcMapping
from typing import Any

import httpx

__all__ = [
    "BadRequestException",
    "BigcommerceException",
    "ClientRequestException",
    "ConfigurationException",
    "ConflictException",
    "ConnectionException",
    "EmptyResponseWarning",
    "ForbiddenException",
    "GraphQLException",
    "HttpException",
    "NotFoundException",
    "PayloadTooLargeException",
    "RateLimitingException",
    "RedirectionException",
    "ServerException",
    "TimeoutException",
    "TransportException",
    "UnauthorizedException",
    "UnprocessableEntityException",
    "VerificationException",
    "exception_for_status",
]

# Maximum length of a non-JSON body quoted in a message. The whole body is
# always available on `.content`.
_MAX_QUOTED_BODY = 200


class BigcommerceException(Exception):
    """Root of every exception the library raises."""


class HttpException(BigcommerceException):
    """An HTTP response with a status the caller did not expect.

    `content` is the raw body as bytes. `errors` is the parsed error entries:
    the v2 list, the v3 `errors` object, or else the whole decoded body, and
    None when the body was not JSON. `message` is a readable summary that
    includes the server's own text. `response` is the `httpx.Response` itself; it is not
    kept when the exception is pickled.
    """

    def __init__(
        self,
        message: str,
        status_code: int,
        headers: httpx.Headers | AbcMapping[str, str] | None = None,
        content: bytes = b"",
        errors: Any = None,
        *,
        method: str | None = None,
        url: str | None = None,
        response: httpx.Response | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.headers = httpx.Headers(headers or {})
        self.content = content
        self.errors = errors
        self.method = method
        self.url = url
        self.response = response

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        # Subclasses add attributes (such as retry_after), so everything but
        # the live response travels as state.
        state = {
            key: value
            for key, value in self.__dict__.items()
            if key not in ("headers", "response")
        }
        return (
            _rebuild_http_exception,
            (type(self), self.message, self.status_code, dict(self.headers)),
            state,
        )


def _rebuild_http_exception(
    cls: type[HttpException],
    message: str,
    status_code: int,
    headers: dict[str, str],
) -> HttpException:
    return cls(message, status_code, headers)


class RedirectionException(HttpException):
    """A 3xx response (the library does not follow redirects)."""


class ClientRequestException(HttpException):
    """A 4xx response: the request was wrong and repeating it will not help."""


class BadRequestException(ClientRequestException):
    """A 400 response."""


class UnauthorizedException(ClientRequestException):
    """A 401 response: the credentials are missing or invalid."""


class ForbiddenException(ClientRequestException):
    """A 403 response: the credentials lack a scope this request needs."""


class NotFoundException(ClientRequestException):
    """A 404 response."""


class ConflictException(ClientRequestException):
    """A 409 response, such as a duplicate product name or SKU."""


class PayloadTooLargeException(ClientRequestException):
    """A 413 response: too many items in a batch, or a `limit` above the maximum."""


class UnprocessableEntityException(ClientRequestException):
    """A 422 response: the body failed the server's validation."""


class RateLimitingException(ClientRequestException):
    """A 429 response.

    `retry_after` is the wait in seconds the server asked for (None when it sent
    no hint) and `rate_limit` the rate-limit state read from the response.
    """

    def __init__(
        self,
        message: str,
        status_code: int,
        headers: httpx.Headers | AbcMapping[str, str] | None = None,
        content: bytes = b"",
        errors: Any = None,
        *,
        method: str | None = None,
        url: str | None = None,
        response: httpx.Response | None = None,
        retry_after: float | None = None,
        rate_limit: Any = None,
    ) -> None:
        super().__init__(
            message,
            status_code,
            headers,
            content,
            errors,
            method=method,
            url=url,
            response=response,
        )
        self.retry_after = retry_after
        self.rate_limit = rate_limit


class ServerException(HttpException):
    """A 5xx response."""


class EmptyResponseWarning(HttpException, Warning):
    """A 204 response to a request other than DELETE.

    Issued through `warnings`, so a 204 list reads as an empty list by default;
    `warnings.simplefilter("error", EmptyResponseWarning)` makes it raise.
    """


class TransportException(BigcommerceException):
    """The request got no HTTP response (connection failure or time-out)."""

    def __init__(
        self, message: str, *, method: str | None = None, url: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.url = url


class ConnectionException(TransportException):
    """The connection could not be made or was lost."""


class TimeoutException(TransportException):
    """The server did not respond within the configured time-out."""


class ConfigurationException(BigcommerceException, ValueError):
    """An invalid argument or setting, found before any request is sent."""


class VerificationException(BigcommerceException):
    """A signed payload, JWT or webhook delivery failed verification.

    `reason` is a short machine-readable code such as `expired`,
    `bad_signature`, `wrong_audience` or `malformed`.
    """

    def __init__(self, message: str, reason: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message, self.reason))


class GraphQLException(BigcommerceException):
    """A GraphQL response that carried errors; `errors` is the list returned."""

    def __init__(self, message: str, errors: Any = None, data: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors
        self.data = data


_BY_STATUS: dict[int, type[HttpException]] = {
    400: BadRequestException,
    401: UnauthorizedException,
    403: ForbiddenException,
    404: NotFoundException,
    409: ConflictException,
    413: PayloadTooLargeException,
    422: UnprocessableEntityException,
    429: RateLimitingException,
}


def exception_for_status(status_code: int) -> type[HttpException]:
    """Return the most specific exception class for an HTTP status code."""
    if status_code in _BY_STATUS:
        return _BY_STATUS[status_code]
    if status_code == 204:
        return EmptyResponseWarning
    if 300 <= status_code < 400:
        return RedirectionException
    if 400 <= status_code < 500:
        return ClientRequestException
    if 500 <= status_code < 600:
        return ServerException
    return HttpException


def quote_body(content: bytes) -> str:
    """Return the start of a raw body as text, for use inside an error message."""
    text = content.decode("utf-8", errors="replace").strip()
    if len(text) > _MAX_QUOTED_BODY:
        text = text[:_MAX_QUOTED_BODY] + "..."
    return text
