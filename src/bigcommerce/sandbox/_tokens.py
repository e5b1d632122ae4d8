"""Install codes, signed_payload_jwt and legacy signed_payload minted by the sandbox."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bigcommerce.sandbox._state import SandboxStore

JWT_LIFETIME_S = 86_400
ACCOUNT_UUID = "5e3a9c1d-7b2f-4d8e-9a61-0c4b8f2e7d15"
OWNER = {"id": 1, "username": "owner@sandbox.example", "email": "owner@sandbox.example"}


@dataclass
class InstallCode:
    """An authorization code waiting for its single exchange."""

    scope: str
    redirect_uri: str
    context: str


def mint_install_code(
    store: SandboxStore, scope: str, redirect_uri: str, context: str | None
) -> str:
    code = "sandbox-code-" + secrets.token_urlsafe(16)
    with store.lock:
        store.install_codes[code] = InstallCode(
            scope=scope,
            redirect_uri=redirect_uri,
            context=context or f"stores/{store.store_hash}",
        )
    return code


def signed_payload_jwt_claims(
    store: SandboxStore,
    *,
    user_id: int = 1,
    user_email: str = "owner@sandbox.example",
    locale: str = "en-US",
    owner_id: int = 1,
    owner_email: str = "owner@sandbox.example",
    url: str = "/",
    channel_id: int | None = None,
    now: float | None = None,
    lifetime: int = JWT_LIFETIME_S,
    **claims: Any,
) -> dict[str, Any]:
    """Build the claims of a `signed_payload_jwt`; `claims` override or add keys."""
    issued_at = int(store.clock() if now is None else now)
    payload: dict[str, Any] = {
        "aud": store.client_id,
        "iss": "bc",
        "iat": issued_at,
        "nbf": issued_at,
        "exp": issued_at + lifetime,
        "jti": uuid.uuid4().hex,
        "sub": f"stores/{store.store_hash}",
        "user": {"id": user_id, "email": user_email, "locale": locale},
        "owner": {"id": owner_id, "email": owner_email},
        "url": url,
        "channel_id": channel_id,
    }
    payload.update(claims)
    return payload


def mint_signed_payload_jwt(
    store: SandboxStore,
    *,
    secret: str | None = None,
    algorithm: str = "HS256",
    **options: Any,
) -> str:
    claims = signed_payload_jwt_claims(store, **options)
    key = store.client_secret if secret is None else secret
    return encode_hmac_jwt(claims, key, algorithm)


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def encode_hmac_jwt(
    claims: dict[str, Any], secret: str, algorithm: str = "HS256"
) -> str:
    """Sign claims as a compact JWS with HMAC (HS256, HS384 or HS512).

    PyJWT warns about HMAC keys shorter than the hash, and the sandbox's
    default client secret is one, so the token is assembled here.
    """
    digests = {
        "HS256": hashlib.sha256,
        "HS384": hashlib.sha384,
        "HS512": hashlib.sha512,
    }
    if algorithm not in digests:
        raise ValueError(
            f"algorithm must be one of {sorted(digests)}, got {algorithm!r}"
        )
    header = {"alg": algorithm, "typ": "JWT"}
    signing_input = ".".join(
        _b64url(json.dumps(part, separators=(",", ":")).encode())
        for part in (header, claims)
    )
    signature = hmac.new(secret.encode(), signing_input.encode(), digests[algorithm])
    return signing_input + "." + _b64url(signature.digest())


def mint_signed_payload(
    store: SandboxStore,
    *,
    user_id: int = 1,
    user_email: str = "owner@sandbox.example",
    owner_id: int = 1,
    owner_email: str = "owner@sandbox.example",
    now: float | None = None,
    secret: str | None = None,
    **fields: Any,
) -> str:
    """Build a legacy `signed_payload`; `fields` override or add payload keys."""
    payload: dict[str, Any] = {
        "user": {"id": user_id, "email": user_email},
        "owner": {"id": owner_id, "email": owner_email},
        "context": f"stores/{store.store_hash}",
        "store_hash": store.store_hash,
        "timestamp": int(store.clock() if now is None else now),
    }
    payload.update(fields)
    data = json.dumps(payload, separators=(",", ":")).encode()
    key = (store.client_secret if secret is None else secret).encode()
    # The signature is base64 of the hex digest text, not of the raw digest.
    digest = hmac.new(key, data, hashlib.sha256).hexdigest().encode()
    return base64.b64encode(data).decode() + "." + base64.b64encode(digest).decode()
