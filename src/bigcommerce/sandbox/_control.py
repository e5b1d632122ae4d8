"""The `/_sandbox/` control API for tests: reset, request log, faults, quota, codes."""

from __future__ import annotations

import dataclasses
import ipaddress
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bigcommerce.sandbox._state import SandboxStore

FAULT_FIELDS = (
    "status",
    "count",
    "headers",
    "body",
    "content_type",
    "path_prefix",
    "method",
    "delay",
)


def is_loopback_client(request: Request) -> bool:
    """Accept loopback peers and in-process clients, which have no peer address."""
    if request.client is None or request.client.host in ("testclient", "localhost"):
        return True
    try:
        return ipaddress.ip_address(request.client.host).is_loopback
    except ValueError:
        return False


def _error(status: int, message: str) -> Response:
    return JSONResponse({"status": status, "message": message}, status)


async def _json(request: Request) -> Any:
    raw = await request.body()
    return json.loads(raw) if raw.strip() else {}


def _store(request: Request) -> SandboxStore:
    store: SandboxStore = request.app.state.store
    return store


async def reset(request: Request) -> Response:
    _store(request).reset()
    return JSONResponse({"reset": True})


async def list_requests(request: Request) -> Response:
    return JSONResponse({"requests": _store(request).requests})


async def clear_requests(request: Request) -> Response:
    _store(request).clear_requests()
    return Response(status_code=204)


async def list_faults(request: Request) -> Response:
    faults = [dataclasses.asdict(fault) for fault in _store(request).faults]
    return JSONResponse({"faults": faults})


async def add_fault(request: Request) -> Response:
    try:
        body = await _json(request)
    except ValueError:
        return _error(400, "The fault must be a JSON object.")
    if not isinstance(body, dict) or "status" not in body:
        return _error(400, 'The fault needs at least {"status": <HTTP status>}.')
    unknown = sorted(set(body) - set(FAULT_FIELDS))
    if unknown:
        return _error(400, f"Unknown fault fields {unknown}; use {list(FAULT_FIELDS)}.")
    status = body.pop("status")
    try:
        fault = _store(request).add_fault(status, **body)
    except (TypeError, ValueError) as error:
        return _error(400, f"Invalid fault: {error}")
    return JSONResponse({"fault": dataclasses.asdict(fault)}, 201)


async def clear_faults(request: Request) -> Response:
    _store(request).clear_faults()
    return Response(status_code=204)


async def set_rate_limit(request: Request) -> Response:
    store = _store(request)
    usage = 'Send {"quota": <int>, "window_ms": <int>}, both integers from 1.'
    try:
        body = await _json(request)
    except ValueError:
        return _error(400, f"The body is not valid JSON. {usage}")
    if not isinstance(body, dict):
        return _error(400, f"The body must be a JSON object. {usage}")
    quota = body.get("quota", store.quota)
    window_ms = body.get("window_ms", store.window_ms)
    for name, value in (("quota", quota), ("window_ms", window_ms)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            return _error(400, f"Invalid {name} {value!r}. {usage}")
    with store.lock:
        store.quota = quota
        store.window_ms = window_ms
    return JSONResponse({"quota": quota, "window_ms": window_ms})


async def mint_install_code(request: Request) -> Response:
    try:
        body = await _json(request)
    except ValueError:
        body = None
    if not isinstance(body, dict):
        return _error(400, "The body must be a JSON object.")
    options = {
        key: body[key] for key in ("scope", "redirect_uri", "context") if key in body
    }
    for key, value in options.items():
        if not isinstance(value, str):
            return _error(400, f"The field {key} must be a string, got {value!r}.")
    return JSONResponse({"code": _store(request).mint_install_code(**options)}, 201)


def routes() -> list[Route]:
    return [
        Route("/_sandbox/reset", reset, methods=["POST"]),
        Route("/_sandbox/requests", list_requests, methods=["GET"]),
        Route("/_sandbox/requests", clear_requests, methods=["DELETE"]),
        Route("/_sandbox/faults", list_faults, methods=["GET"]),
        Route("/_sandbox/faults", add_fault, methods=["POST"]),
        Route("/_sandbox/faults", clear_faults, methods=["DELETE"]),
        Route("/_sandbox/rate-limit", set_rate_limit, methods=["PUT"]),
        Route("/_sandbox/install-codes", mint_install_code, methods=["POST"]),
    ]
