"""Error shapes, JSON responses and the endpoint wrapper shared by every route."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

if TYPE_CHECKING:
    from bigcommerce.sandbox._state import SandboxStore

Api = Literal["v2", "v3", "oauth"]

ERROR_TYPE = (
    "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes"
)
NOT_FOUND_MESSAGE = "The requested resource was not found."


class ApiError(Exception):
    """An error response, shaped as JSON by the route's API version."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        errors: Mapping[str, str] | None = None,
        details: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = dict(errors or {})
        self.details = dict(details) if details is not None else None
        self.headers = dict(headers or {})


def not_found(what: str = "") -> ApiError:
    message = NOT_FOUND_MESSAGE if not what else f"{what} was not found."
    return ApiError(404, message)


def api_of_path(path: str) -> Api:
    if "/v3/" in path or path.endswith("/v3"):
        return "v3"
    if path.startswith("/oauth2"):
        return "oauth"
    return "v2"


def error_body(api: Api, error: ApiError) -> Any:
    if api == "v3":
        return {
            "status": error.status,
            "title": error.message,
            "type": ERROR_TYPE,
            "errors": error.errors,
        }
    if api == "oauth":
        return {
            "error": error.errors.get("error", "invalid_request"),
            "error_description": error.message,
        }
    entry: dict[str, Any] = {"status": error.status, "message": error.message}
    if error.details is not None:
        entry["details"] = error.details
    return [entry]


def error_response(api: Api, error: ApiError) -> Response:
    return JSONResponse(error_body(api, error), error.status, headers=error.headers)


def no_content() -> Response:
    return Response(status_code=204)


@dataclass
class Call:
    """One API request as passed to a handler: path parameters, query and body."""

    request: Request
    store: SandboxStore
    params: dict[str, Any]
    query: QueryParams
    body: Any
    api: Api

    def param(self, name: str) -> int:
        return int(self.params[name])


Handler = Callable[[Call], Any]

_NO_BODY = object()


def endpoint(handler: Handler) -> Callable[[Request], Any]:
    """Wrap a synchronous handler: parse the body, hold the store lock, shape errors.

    The handler returns a `Response`, or data to send as JSON with status 200.
    """

    async def run(request: Request) -> Response:
        api = api_of_path(request.url.path)
        store: SandboxStore = request.app.state.store
        raw = await request.body()
        body: Any = None
        if raw.strip():
            try:
                body = json.loads(raw)
            except ValueError:
                error = ApiError(400, "The request body is not valid JSON.")
                return error_response(api, error)
        call = Call(
            request, store, dict(request.path_params), request.query_params, body, api
        )
        try:
            with store.lock:
                result = handler(call)
        except ApiError as error:
            return error_response(api, error)
        if isinstance(result, Response):
            return result
        return JSONResponse(result)

    run.__name__ = handler.__name__
    return run
