"""Helpers shared by the v2 routes: bare-array pages, counts, resource links."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bigcommerce.sandbox._http import Call, endpoint, no_content
from bigcommerce.sandbox._query import v2_page

Record = dict[str, Any]


def base_url(call: Call) -> str:
    """Return the v2 root that resource links start from (http://host/stores/h/v2)."""
    path = call.request.url.path
    root = path[: path.index("/v2") + 3]
    return str(call.request.base_url).rstrip("/") + root


def page_of(call: Call, rows: list[Record], render: Callable[[Record], Record]) -> Any:
    """Return one page as a bare array, or 204 with no body when it is empty."""
    chunk = v2_page(rows, call.query)
    if not chunk:
        return no_content()
    return [render(row) for row in chunk]


def created(data: Record) -> Response:
    return JSONResponse(data, 201)


def count(rows: Iterable[Any]) -> dict[str, int]:
    return {"count": sum(1 for _ in rows)}


def route(path: str, handler: Callable[[Call], Any], *methods: str) -> Route:
    return Route(path, endpoint(handler), methods=list(methods))
