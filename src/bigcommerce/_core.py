"""Decisions shared by every driver, with no I/O.

Reading rate-limit headers, decoding bodies, unwrapping v3 envelopes, mapping
statuses to exceptions and deciding whether to retry all live here, so a
driver only sends requests and waits.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import random
import sys
import warnings
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from decimal import Decimal
from email.utils import parsedate_to_datetime
from types import FrameType
from typing import Any

import httpx

from ._exceptions import (
    EmptyResponseWarning,
    HttpException,
    RateLimitingException,
    exception_for_status,
    quote_body,
)
from ._mapping import Mapping as ResultMapping
from ._mapping import ResultList

__all__ = [
    "PartialSuccessWarning",
    "RateLimit",
    "ResponseWarning",
    "RetryPolicy",
    "decode_json",
    "display_url",
    "interpret_response",
    "parse_rate_limit",
]


class ResponseWarning(UserWarning):
    """A response that succeeded but carried a notice from the API."""


class PartialSuccessWarning(ResponseWarning):
    """A 207 response: part of the request failed; see the result's `errors`."""


_PACKAGE_DIRECTORY = os.path.dirname(os.path.abspath(__file__)) + os.sep


def warn_caller(warning: Warning) -> None:
    """Issue a warning attributed to the first caller outside this package."""
    # Level 2 is the function that called warn_caller; walk up from there.
    level = 2
    frame: FrameType | None = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIRECTORY):
        frame = frame.f_back
        level += 1
    warnings.warn(warning, stacklevel=level)


@dataclasses.dataclass(frozen=True)
class RateLimit:
    """The rate-limit state read from the `X-Rate-Limit-*` response headers.

    Times are in milliseconds, as the headers send them; a field is None when
    its header was absent.
    """

    window_ms: int | None = None
    reset_ms: int | None = None
    quota: int | None = None
    requests_left: int | None = None
    retry_after: float | None = None


def _number_header(headers: httpx.Headers, name: str) -> float | None:
    """Read a numeric header; with repeated headers, take the largest value."""
    values = headers.get_list(name, split_commas=True)
    numbers = []
    for value in values:
        try:
            number = float(value.strip())
        except ValueError:
            continue
        if math.isfinite(number) and number >= 0:
            numbers.append(number)
    return max(numbers) if numbers else None


def _int_header(headers: httpx.Headers, name: str) -> int | None:
    number = _number_header(headers, name)
    return None if number is None else int(number)


def parse_rate_limit(headers: httpx.Headers) -> RateLimit | None:
    """Read the rate-limit headers, or return None when there are none."""
    state = RateLimit(
        window_ms=_int_header(headers, "x-rate-limit-time-window-ms"),
        reset_ms=_int_header(headers, "x-rate-limit-time-reset-ms"),
        quota=_int_header(headers, "x-rate-limit-requests-quota"),
        requests_left=_int_header(headers, "x-rate-limit-requests-left"),
        retry_after=_retry_after_seconds(headers),
    )
    if state == RateLimit():
        return None
    return state


def throttle_hint(headers: httpx.Headers) -> float | None:
    """Return the wait in seconds that a throttled response requests, or None.

    That is the longer of `X-Retry-After` and `X-Rate-Limit-Time-Reset-Ms`,
    because waiting less than either one runs into another 429.
    """
    hints = []
    retry_after = _retry_after_seconds(headers)
    if retry_after is not None:
        hints.append(retry_after)
    reset_ms = _int_header(headers, "x-rate-limit-time-reset-ms")
    if reset_ms is not None:
        hints.append(reset_ms / 1000)
    return max(hints) if hints else None


def _retry_after_seconds(headers: httpx.Headers) -> float | None:
    # The platform sends `X-Retry-After` in seconds. Plain `Retry-After` is read
    # too in case a proxy in between rewrote it, and it may be an HTTP date.
    seconds = _number_header(headers, "x-retry-after")
    if seconds is not None:
        return seconds
    seconds = _number_header(headers, "retry-after")
    if seconds is not None:
        return seconds
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


# -- decoding ---------------------------------------------------------------


def decode_json(content: bytes, *, decimal: bool = False) -> Any:
    """Decode a JSON body into `Mapping`s and lists.

    With `decimal=True`, numbers with a fraction become `Decimal` without
    passing through float.
    """
    return json.loads(
        content,
        object_hook=ResultMapping._from_decoded,
        parse_float=Decimal if decimal else float,
    )


def _looks_like_json(content: bytes) -> bool:
    start = content.removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
    return (
        start in (b"{", b"[", b'"')
        or start.isdigit()
        or start in (b"-", b"t", b"f", b"n")
    )


def _describe(method: str, url: str, status_code: int) -> str:
    reason = httpx.codes.get_reason_phrase(status_code)
    status_text = f"{status_code} {reason}".strip()
    return f"{method} {url} returned {status_text}"


def _try_decode(content: bytes, decimal: bool) -> tuple[bool, Any]:
    if not content.strip():
        return True, None
    if not _looks_like_json(content):
        return False, None
    try:
        return True, decode_json(content, decimal=decimal)
    except (ValueError, RecursionError):
        return False, None


# -- responses --------------------------------------------------------------


def interpret_response(
    response: httpx.Response,
    *,
    api_version: str,
    decimal: bool = False,
    rate_limit: RateLimit | None = None,
    empty_expected: bool = False,
) -> Any:
    """Turn a response into the caller's result, or raise the matching exception.

    v3 envelopes are unwrapped: a list comes back as a `ResultList` and an
    object as a `Mapping`, each with `.meta` and `.errors` attributes. A 204
    to anything but DELETE issues `EmptyResponseWarning` unless
    `empty_expected` marks it as normal, as past the last page.
    """
    method = response.request.method
    url = display_url(response.request.url)
    status = response.status_code
    content = response.content

    if status >= 300 or status < 200:
        raise build_http_exception(response, rate_limit=rate_limit)

    if status == 204:
        if method != "DELETE" and not empty_expected:
            warn_caller(
                EmptyResponseWarning(
                    f"{_describe(method, url, status)} with no content; "
                    "reading it as an empty list.",
                    status,
                    response.headers,
                    content,
                    method=method,
                    url=url,
                )
            )
            return ResultList()
        return None if method == "DELETE" else ResultList()

    decoded_ok, body = _try_decode(content, decimal)
    if not decoded_ok:
        content_type = response.headers.get("content-type", "no content type")
        raise HttpException(
            f"{_describe(method, url, status)} with a body that is not valid JSON "
            f"(content type {content_type}): {quote_body(content)!r}",
            status,
            response.headers,
            content,
            method=method,
            url=url,
        )
    if body is None:
        return None

    _warn_truncation(body, method, url)
    if api_version == "v3":
        return _unwrap_envelope(body, response)
    return body


def _warn_truncation(body: Any, method: str, url: str) -> None:
    # v2 adds a `__warning__` entry when it cut a nested list short.
    notices = []
    if isinstance(body, dict) and "__warning__" in body:
        notices.append(body["__warning__"])
    elif isinstance(body, list):
        notices.extend(
            item["__warning__"]
            for item in body
            if isinstance(item, dict) and "__warning__" in item
        )
    for notice in notices:
        warn_caller(ResponseWarning(f"{method} {url}: the API reported: {notice}"))


def _unwrap_envelope(body: Any, response: httpx.Response) -> Any:
    if not isinstance(body, dict) or "data" not in body:
        return body
    method = response.request.method
    url = display_url(response.request.url)
    status = response.status_code
    data = body["data"]
    meta = body.get("meta")
    errors = body.get("errors")
    if data is None and errors:
        # Nothing succeeded, and None cannot carry an `.errors` attribute.
        raise HttpException(
            f"{_describe(method, url, status)} with no data, only errors: "
            f"{_summarise_errors(errors)}",
            status,
            response.headers,
            response.content,
            errors,
            method=method,
            url=url,
            response=response,
        )
    if errors:
        warn_caller(
            PartialSuccessWarning(
                f"{method} {url} partly failed ({status}); the result's "
                f".errors contains the details: {_summarise_errors(errors)}"
            )
        )
    elif status == 207:
        warn_caller(
            PartialSuccessWarning(
                f"{method} {url} returned 207 Multi-Status, which means partial "
                "success, but sent no error details."
            )
        )
    if isinstance(data, list):
        return ResultList(data, meta, errors)
    if isinstance(data, ResultMapping):
        object.__setattr__(data, "meta", meta)
        object.__setattr__(data, "errors", errors)
    return data


def display_url(url: httpx.URL) -> str:
    # Credentials never appear in a message, even if a caller put them in the URL.
    return (
        str(url.copy_with(username=None, password=None)) if url.userinfo else str(url)
    )


# -- errors -----------------------------------------------------------------


def _summarise_errors(errors: Any) -> str:
    text, _ = _server_text(errors)
    return text or json.dumps(errors, default=str)


_TEXT_KEYS = ("title", "detail", "message", "error", "error_description")
# The server's text in a message is cut here; `errors` and `content` keep it all.
_MAX_SERVER_TEXT = 1000


def _summarise_entry(entry: Any) -> str:
    if isinstance(entry, Mapping):
        text = _entry_text(entry)
        return text or json.dumps(entry, default=str)
    return str(entry)


def _text_of(value: Any) -> str:
    if isinstance(value, Mapping):
        # Some services nest the error: {"error": {"code", "message"}}.
        value = value.get("message") or value.get("code") or value.get("title")
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def _entry_text(entry: Mapping[str, Any]) -> str:
    """Join the readable strings of one error object, in a stable order."""
    pieces: list[str] = []
    for key in _TEXT_KEYS:
        text = _text_of(entry.get(key))
        if text and text not in pieces:
            pieces.append(text)
    details = entry.get("details")
    if isinstance(details, str) and details:
        pieces.append(details)
    elif isinstance(details, (Mapping, list)) and details:
        pieces.append(json.dumps(details, default=str, ensure_ascii=False))
    return "; ".join(pieces)


def _join_text(pieces: list[str]) -> str:
    pieces = [piece for piece in pieces if piece]
    if not pieces:
        return ""
    text = pieces[0]
    if len(pieces) > 1:
        text += f" ({'; '.join(pieces[1:])})"
    if len(text) > _MAX_SERVER_TEXT:
        text = text[:_MAX_SERVER_TEXT] + "..."
    return text


def _server_text(body: Any) -> tuple[str, Any]:
    """Return the server's message text and the parsed `errors` of an error body."""
    if isinstance(body, list):
        return _join_text([_summarise_entry(entry) for entry in body]), body
    if not isinstance(body, Mapping):
        return _join_text([str(body)]), None

    pieces = [_entry_text(body)]
    errors = body.get("errors")
    if isinstance(errors, Mapping):
        pieces.extend(f"{field}: {text}" for field, text in errors.items())
    elif isinstance(errors, list):
        pieces.extend(_summarise_entry(entry) for entry in errors)
    elif isinstance(errors, str):
        pieces.append(errors)
    data = body.get("data")
    if not any(pieces) and isinstance(data, list):
        # A few v3 operations put their error objects in the `data` list.
        pieces.extend(
            _entry_text(entry) for entry in data if isinstance(entry, Mapping)
        )
    if errors is None:
        errors = body
    return _join_text(pieces), errors


def build_http_exception(
    response: httpx.Response,
    *,
    rate_limit: RateLimit | None = None,
) -> HttpException:
    """Build the exception for an unexpected status, with the server's text."""
    method = response.request.method
    url = display_url(response.request.url)
    status = response.status_code
    content = response.content
    decoded_ok, body = _try_decode(content, decimal=False)

    message = _describe(method, url, status)
    errors: Any = None
    if decoded_ok and body is not None:
        text, errors = _server_text(body)
        if text:
            message = f"{message}: {text}"
    elif content.strip():
        content_type = response.headers.get("content-type", "no content type")
        message = f"{message} ({content_type}): {quote_body(content)!r}"
    if 300 <= status < 400 and "location" in response.headers:
        message = f"{message} (redirect to {response.headers['location']})"

    exception_class = exception_for_status(status)
    if exception_class is RateLimitingException:
        state = rate_limit or parse_rate_limit(response.headers)
        return RateLimitingException(
            message,
            status,
            response.headers,
            content,
            errors,
            method=method,
            url=url,
            retry_after=throttle_hint(response.headers),
            rate_limit=state,
            response=response,
        )
    return exception_class(
        message,
        status,
        response.headers,
        content,
        errors,
        method=method,
        url=url,
        response=response,
    )


# -- retries ----------------------------------------------------------------

_IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
_TRANSIENT = frozenset({500, 502, 503, 504})
_NOT_RETRIED_503_WORDS = ("suspended", "maintenance")


@dataclasses.dataclass(frozen=True)
class RetryPolicy:
    """When to retry and how long to wait, in seconds.

    429 (and 509, an older throttling status) is retried for every method
    because the server did not process the request. 500, 502, 503, 504 and
    transport failures are retried only for idempotent methods unless
    `retry_post` is set, because the API has no idempotency keys and a repeated
    POST can create a second order.
    """

    max_retries: int = 3
    retry_post: bool = False
    backoff_base: float = 0.5
    backoff_max: float = 30.0
    max_wait: float = 120.0
    jitter: Callable[[], float] = random.random

    def _may_repeat(self, method: str) -> bool:
        return method in _IDEMPOTENT or self.retry_post

    def _backoff(self, attempt: int) -> float:
        # Jitter: a random wait between half and all of the exponential step.
        step = min(self.backoff_max, self.backoff_base * (2 ** (attempt - 1)))
        return float(step * (0.5 + 0.5 * self.jitter()))

    def wait_after_status(
        self, method: str, response: httpx.Response, attempt: int
    ) -> float | None:
        """Return the seconds to wait before retrying, or None to not retry.

        `attempt` counts from 1 for the request that got this response.
        """
        if attempt > self.max_retries:
            return None
        status = response.status_code
        if status in (429, 509):
            return self._throttle_wait(response.headers, attempt)
        if status not in _TRANSIENT or not self._may_repeat(method):
            return None
        if status == 503 and _reports_lasting_outage(response.content):
            return None
        return self._backoff(attempt)

    def wait_after_transport_error(self, method: str, attempt: int) -> float | None:
        """Return the seconds to wait after a failure with no response, or None."""
        if attempt > self.max_retries or not self._may_repeat(method):
            return None
        return self._backoff(attempt)

    def _throttle_wait(self, headers: httpx.Headers, attempt: int) -> float:
        hint = throttle_hint(headers)
        if hint is None:
            # No headers means platform overload: back off, never spin.
            return self._backoff(attempt)
        return float(hint + self.jitter() * 0.25)


def _reports_lasting_outage(content: bytes) -> bool:
    text = content[:4096].decode("utf-8", errors="replace").lower()
    return any(word in text for word in _NOT_RETRIED_503_WORDS)
