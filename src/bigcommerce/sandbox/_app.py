"""The Starlette application: routing, and the gate every API request passes.

The gate runs in this order: injected faults, the rate-limit window, then
authentication (store hash and X-Auth-Token, or HTTP Basic on /api/v2).
Every API response carries the X-Rate-Limit-* headers, and every API request
is logged with its secret headers masked.
"""

from __future__ import annotations

import asyncio
import base64
import hmac
import logging
import math

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bigcommerce.sandbox import _control, _oauth, _v2, _v3, _v3_customers
from bigcommerce.sandbox._http import ApiError, api_of_path, error_response
from bigcommerce.sandbox._state import Fault, SandboxStore

logger = logging.getLogger("bigcommerce.sandbox")


def _store_hash(path: str) -> str | None:
    if not path.startswith("/stores/"):
        return None
    return path.split("/")[2]


class SandboxGate:
    """ASGI middleware applying faults, the rate limit, auth and the request log."""

    def __init__(self, app: ASGIApp, store: SandboxStore) -> None:
        self.app = app
        self.store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith("/_sandbox"):
            request = Request(scope)
            if not _control.is_loopback_client(request):
                response = JSONResponse(
                    {"message": "The control API is loopback only."}, 403
                )
                await response(scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        await self._api(scope, receive, send, path)

    async def _api(self, scope: Scope, receive: Receive, send: Send, path: str) -> None:
        store = self.store
        headers = Headers(scope=scope)
        method: str = scope["method"]
        query = scope.get("query_string", b"").decode("latin-1")
        logged = False

        async def logged_send(message: Message) -> None:
            nonlocal logged
            if message["type"] == "http.response.start" and not logged:
                # Log before the client can read the response, so a test that
                # clears the log after a response never finds that request in it.
                logged = True
                logger.debug("%s %s -> %s", method, path, message["status"])
                store.log_request(method, path, query, message["status"], headers)
            await send(message)

        fault = store.take_fault(method, path)
        try:
            if fault is not None:
                await self._fault(fault, scope, receive, logged_send)
            else:
                await self._checked(scope, receive, logged_send, path, headers)
        finally:
            if not logged:
                # The app failed before it started a response.
                store.log_request(method, path, query, 0, headers)

    async def _fault(
        self, fault: Fault, scope: Scope, receive: Receive, send: Send
    ) -> None:
        if fault.delay > 0:
            await asyncio.sleep(fault.delay)
        response = Response(
            fault.body,
            status_code=fault.status,
            headers=fault.headers,
            media_type=fault.content_type,
        )
        await response(scope, receive, send)

    async def _checked(
        self, scope: Scope, receive: Receive, send: Send, path: str, headers: Headers
    ) -> None:
        api = api_of_path(path)
        limit_headers: dict[str, str] = {}
        if api != "oauth":
            status = self.store.count_request()
            limit_headers = status.headers()
            if not status.allowed:
                retry_after = max(1, math.ceil(status.reset_ms / 1000))
                error = ApiError(
                    429,
                    "The request quota is used up: retry after the window resets.",
                    headers={**limit_headers, "X-Retry-After": str(retry_after)},
                )
                await error_response(api, error)(scope, receive, send)
                return

        failure = self._authenticate(path, headers)
        if failure is not None:
            failure.headers = {**limit_headers, **failure.headers}
            await error_response(api, failure)(scope, receive, send)
            return

        async def send_with_limits(message: Message) -> None:
            if message["type"] == "http.response.start":
                raw = list(message.get("headers", []))
                raw += [
                    (k.lower().encode(), v.encode()) for k, v in limit_headers.items()
                ]
                message = {**message, "headers": raw}
            await send(message)

        await self.app(scope, receive, send_with_limits)

    def _authenticate(self, path: str, headers: Headers) -> ApiError | None:
        store = self.store
        store_hash = _store_hash(path)
        if store_hash is not None:
            if store_hash != store.store_hash:
                return ApiError(404, f"No store has the hash {store_hash!r}.")
            token = headers.get("x-auth-token", "")
            if not token:
                return ApiError(
                    401,
                    "Missing X-Auth-Token header: send the store's OAuth access token.",
                )
            if not hmac.compare_digest(token.encode(), store.access_token.encode()):
                return ApiError(401, "The X-Auth-Token is invalid for this store.")
            return None
        if path.startswith("/api/"):
            return self._basic(headers.get("authorization", ""))
        return None

    def _basic(self, header: str) -> ApiError | None:
        challenge = {"WWW-Authenticate": 'Basic realm="BigCommerce sandbox"'}
        scheme, _, encoded = header.partition(" ")
        try:
            decoded = base64.b64decode(encoded.strip(), validate=True).decode()
        except ValueError:
            # binascii.Error, UnicodeDecodeError and the ValueError for
            # non-ASCII text are all subclasses of ValueError.
            decoded = ""
        username, _, api_key = decoded.partition(":")
        expected_user, expected_key = self.store.basic_auth
        valid = (
            scheme.lower() == "basic"
            and hmac.compare_digest(username.encode(), expected_user.encode())
            and hmac.compare_digest(api_key.encode(), expected_key.encode())
        )
        if valid:
            return None
        return ApiError(
            401,
            "HTTP Basic credentials are missing or invalid: use the "
            "store's username and API key.",
            headers=challenge,
        )


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    api = api_of_path(request.url.path)
    if exc.status_code == 405:
        message = f"The method {request.method} is not allowed on {request.url.path}."
    else:
        message = "The requested resource was not found."
    return error_response(api, ApiError(exc.status_code, message, headers=exc.headers))


def _routes() -> list[BaseRoute]:
    v2_routes = _v2.routes()
    v3_routes = [*_v3.routes(), *_v3_customers.routes()]
    return [
        *_control.routes(),
        *_oauth.routes(),
        Mount("/stores/{store_hash}/v3", routes=v3_routes),
        Mount("/stores/{store_hash}/v2", routes=v2_routes),
        Mount("/api/v2", routes=v2_routes),
    ]


def create_app(store: SandboxStore | None = None) -> Starlette:
    """Build the sandbox's ASGI app over `store` (a new seeded store if omitted)."""
    store = store if store is not None else SandboxStore()
    app = Starlette(
        routes=_routes(),
        middleware=[
            Middleware(GZipMiddleware, minimum_size=500),
            Middleware(SandboxGate, store=store),
        ],
        exception_handlers={HTTPException: _http_error},
    )
    app.state.store = store
    return app
