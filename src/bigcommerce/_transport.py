"""The synchronous driver: sends requests, retries and waits.

Every decision (what a status means, whether and how long to wait) comes from
the core; this module only performs the I/O.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Generator
from typing import Any

import httpx

from ._core import (
    RateLimit,
    RetryPolicy,
    display_url,
    interpret_response,
    parse_rate_limit,
)
from ._exceptions import (
    ConfigurationException,
    ConnectionException,
    HttpException,
    TimeoutException,
    TransportException,
)
from ._logging import logger, redact_fields, redact_text
from ._settings import DEFAULT_TIMEOUT, Options, RateLimitManagement

# Failures after which the request may have reached the server.
_OUTCOME_UNKNOWN = (
    httpx.ReadTimeout,
    httpx.WriteTimeout,
    httpx.ReadError,
    httpx.WriteError,
    httpx.RemoteProtocolError,
)
# Failures of the request itself, which sending it again cannot fix.
_NOT_SENDABLE = (httpx.LocalProtocolError, httpx.UnsupportedProtocol)


class Session:
    """The transport and rate-limit state shared by the views of one connection."""

    def __init__(
        self,
        *,
        headers: dict[str, str],
        auth: httpx.Auth | None,
        password: str | None,
        http_client: httpx.Client | None,
        transport: httpx.BaseTransport | None,
        sleep: Callable[[float], None],
        clock: Callable[[], float],
    ) -> None:
        self.headers = headers
        self.auth = auth
        self.password = password
        self.owns_client = http_client is None
        self.client = http_client or httpx.Client(
            transport=transport, timeout=DEFAULT_TIMEOUT, follow_redirects=False
        )
        self.sleep = sleep
        self.clock = clock
        self.rate_limit: RateLimit | None = None
        self.token: str | None = None
        self.rate_limit_management: RateLimitManagement | None = None
        self._lock = threading.Lock()

    def close(self) -> None:
        if self.owns_client:
            self.client.close()

    def redact(self, text: str) -> str:
        """Remove this session's credentials from text bound for a message."""
        return redact_text(text, (self.token, self.password))

    def send(
        self,
        request: httpx.Request,
        api_version: str,
        options: Options,
        empty_expected: bool = False,
    ) -> Any:
        """Send with retries, then interpret the final response."""
        if self.client.is_closed:
            raise ConfigurationException(
                "This connection is closed; create a new one to send requests."
            )
        method = request.method
        retry = options.retry
        attempt = 0
        outcome_unknown = False

        while True:
            attempt += 1
            started = self.clock()
            try:
                # Redirects are reported, never followed, even on a caller's
                # client that follows them: httpx would carry X-Auth-Token to
                # whatever host the Location names.
                response = self.client.send(
                    request,
                    auth=self.auth or httpx.USE_CLIENT_DEFAULT,
                    follow_redirects=False,
                )
            except _NOT_SENDABLE as error:
                raise ConnectionException(
                    self.redact(
                        f"{method} {display_url(request.url)} could not be sent "
                        f"({type(error).__name__}: {error}); check the URL and "
                        "the credentials."
                    ),
                    method=method,
                    url=display_url(request.url),
                ) from error
            except httpx.TransportError as error:
                outcome_unknown = outcome_unknown or isinstance(error, _OUTCOME_UNKNOWN)
                wait = retry.wait_after_transport_error(method, attempt)
                failure = self._transport_failure(request, error, attempt, wait)
                if wait is None:
                    raise failure from error
                self._log_retry(request, attempt, retry, wait, str(failure))
                self.sleep(wait)
                continue
            except httpx.DecodingError as error:
                raise TransportException(
                    f"{method} {display_url(request.url)}: the response body could "
                    f"not be decoded ({error}).",
                    method=method,
                    url=display_url(request.url),
                ) from error

            state = self._record(request, response, started, attempt, retry)
            wait = retry.wait_after_status(method, response, attempt)
            if wait is None:
                self._manage_rate_limit(state)
                break
            if wait > retry.max_wait:
                note = (
                    f"not retried: the next wait, {wait:.1f} s, is above "
                    f"max_wait={retry.max_wait:g} s"
                )
                return self._interpret(
                    response, api_version, options, state, empty_expected, note
                )
            reason = f"status {response.status_code}"
            self._log_retry(request, attempt, retry, wait, reason)
            self.sleep(wait)

        if method == "DELETE" and response.status_code == 404 and outcome_unknown:
            # An earlier attempt was lost after it may have been processed, so
            # this 404 most likely means that attempt deleted the resource.
            logger.info(
                "DELETE %s returned 404 after an attempt with an unknown outcome; "
                "taking the resource as deleted",
                request.url.path,
            )
            return None
        return self._interpret(
            response,
            api_version,
            options,
            state,
            empty_expected,
            f"after {attempt} attempts" if attempt > 1 else None,
        )

    def _interpret(
        self,
        response: httpx.Response,
        api_version: str,
        options: Options,
        state: RateLimit | None,
        empty_expected: bool,
        note: str | None,
    ) -> Any:
        try:
            return interpret_response(
                response,
                api_version=api_version,
                decimal=options.decimal,
                rate_limit=state,
                empty_expected=empty_expected,
            )
        except HttpException as error:
            if note:
                error.message = f"{error.message} ({note})"
                error.args = (error.message,)
            raise

    def _transport_failure(
        self,
        request: httpx.Request,
        error: httpx.TransportError,
        attempt: int,
        wait: float | None,
    ) -> TransportException:
        method = request.method
        url = display_url(request.url)
        which = f"each of {attempt} attempts" if attempt > 1 else "the first attempt"
        if isinstance(error, httpx.TimeoutException):
            message = (
                f"{method} {url} timed out ({type(error).__name__}) on {which}; "
                "raise the timeout with with_options(timeout=...) if the store "
                "is slow."
            )
            failure_class: type[TransportException] = TimeoutException
        else:
            message = (
                f"{method} {url} failed on {which}: could not connect, or the "
                f"connection was lost ({type(error).__name__}: {error})."
            )
            failure_class = ConnectionException
        if wait is None and isinstance(error, _OUTCOME_UNKNOWN) and method == "POST":
            message += (
                " The request may have been processed. POST is retried only with "
                "with_options(retry_post=True), because the API has no idempotency "
                "keys: check the store before sending it again."
            )
        return failure_class(self.redact(message), method=method, url=url)

    def _manage_rate_limit(self, state: RateLimit | None) -> None:
        """Apply the original client's `rate_limiting_management`, if set."""
        management = self.rate_limit_management
        if management is None or state is None or state.requests_left is None:
            return
        if state.requests_left > management.min_requests_remaining:
            return
        if management.wait and state.reset_ms:
            logger.info(
                "%d requests left in the rate-limit window; waiting %.2fs for it "
                "to reset",
                state.requests_left,
                state.reset_ms / 1000,
            )
            self.sleep(state.reset_ms / 1000)
        if management.callback_function is not None:
            management.callback_function(**management.callback_args)

    def _record(
        self,
        request: httpx.Request,
        response: httpx.Response,
        started: float,
        attempt: int,
        retry: RetryPolicy,
    ) -> RateLimit | None:
        """Update the rate-limit state and log the response."""
        state = parse_rate_limit(response.headers)
        if state is not None:
            with self._lock:
                self.rate_limit = state
        logger.info(
            "%s %s %s %.0fms attempt %d of %d",
            request.method,
            request.url.raw_path.decode("ascii", errors="replace"),
            response.status_code,
            (self.clock() - started) * 1000,
            attempt,
            retry.max_retries + 1,
        )
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("response body: %s", _loggable_body(response.content))
        return state

    def _log_retry(
        self,
        request: httpx.Request,
        attempt: int,
        retry: RetryPolicy,
        wait: float,
        reason: str,
    ) -> None:
        logger.info(
            "retrying %s %s (%s): waiting %.2fs before attempt %d of %d",
            request.method,
            request.url.path,
            reason.rstrip("."),
            wait,
            attempt + 1,
            retry.max_retries + 1,
        )


def _loggable_body(content: bytes) -> str:
    try:
        decoded = json.loads(content)
    except ValueError:
        return f"<{len(content)} bytes, not JSON>"
    return json.dumps(redact_fields(decoded))[:2000]


class TokenAuth(httpx.Auth):
    """Adds the session's current access token, read at send time.

    Reading it late lets fetch_token() replace the token for every view and
    copy made by with_options().
    """

    def __init__(self, session: Session) -> None:
        self._session = session

    def auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        token = self._session.token
        if token:
            request.headers["X-Auth-Token"] = token
        yield request
