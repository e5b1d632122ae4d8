"""The login host's `POST /oauth2/token`: exchanging an install code for a token."""

from __future__ import annotations

import hmac
from collections import Counter
from typing import Any
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bigcommerce.sandbox._state import SandboxStore
from bigcommerce.sandbox._tokens import ACCOUNT_UUID, OWNER

FORM_TYPE = "application/x-www-form-urlencoded"
REQUIRED_FIELDS = ("client_id", "client_secret", "code", "grant_type", "redirect_uri")


def _error(status: int, error: str, description: str) -> Response:
    return JSONResponse({"error": error, "error_description": description}, status)


def _same(given: str, expected: str) -> bool:
    # compare_digest rejects str arguments with non-ASCII characters, so
    # compare the UTF-8 bytes.
    return hmac.compare_digest(given.encode(), expected.encode())


async def exchange_token(request: Request) -> Response:
    store: SandboxStore = request.app.state.store
    if "x-auth-token" in request.headers:
        return _error(
            400,
            "invalid_request",
            "The token exchange must not carry an X-Auth-Token header: "
            "send it on a session without store credentials.",
        )
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != FORM_TYPE:
        # The login host has rejected JSON bodies with 406 "Invalid format", and
        # the sandbox follows that observed behaviour.
        return _error(
            406,
            "invalid_request",
            f"Invalid format: send the fields form-encoded ({FORM_TYPE}), "
            f"not {content_type or 'an untyped body'}.",
        )

    pairs = parse_qsl((await request.body()).decode("utf-8", "replace"))
    counts = Counter(name for name, _ in pairs)
    repeated = sorted(name for name, seen in counts.items() if seen > 1)
    if repeated:
        return _error(
            400,
            "invalid_request",
            "Repeated fields: " + ", ".join(repeated) + ". Send each field once.",
        )
    form = dict(pairs)
    missing = [name for name in REQUIRED_FIELDS if not form.get(name)]
    if missing:
        return _error(
            400,
            "invalid_request",
            "Missing required fields: " + ", ".join(missing) + ".",
        )

    if form["grant_type"] != "authorization_code":
        return _error(
            400,
            "unsupported_grant_type",
            f"grant_type {form['grant_type']!r} is not supported: "
            "use authorization_code.",
        )
    client_ok = _same(form["client_id"], store.client_id)
    secret_ok = _same(form["client_secret"], store.client_secret)
    if not (client_ok and secret_ok):
        return _error(
            401, "invalid_client", "The client id or client secret is invalid."
        )
    return _redeem(store, form)


def _redeem(store: SandboxStore, form: dict[str, str]) -> Response:
    with store.lock:
        minted = store.install_codes.pop(form["code"], None)
    if minted is None:
        return _error(
            400,
            "invalid_grant",
            "The authorization code is invalid, expired or already used.",
        )
    if form["redirect_uri"] != minted.redirect_uri:
        return _error(
            400,
            "invalid_grant",
            f"redirect_uri {form['redirect_uri']!r} does not match the "
            "app's registered callback URL.",
        )
    context = form.get("context")
    if context and context != minted.context:
        return _error(
            400,
            "invalid_grant",
            f"context {context!r} does not match the code's store.",
        )
    body: dict[str, Any] = {
        "access_token": store.access_token,
        "scope": minted.scope,
        "user": dict(OWNER),
        "owner": dict(OWNER),
        "context": minted.context,
        "account_uuid": ACCOUNT_UUID,
    }
    return JSONResponse(body)


def routes() -> list[Route]:
    return [Route("/oauth2/token", exchange_token, methods=["POST"])]
