"""Verification of BigCommerce app callbacks and the OAuth token exchange.

Nothing here sends a request: `build_token_request` and `parse_token_response`
are the pure halves of the token exchange that the connection performs.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
import re
import time
from collections.abc import Sequence
from typing import Any, Literal

import httpx
import jwt
from jwt.algorithms import HMACAlgorithm

from bigcommerce._exceptions import (
    ConfigurationException,
    HttpException,
    RateLimitingException,
    VerificationException,
    exception_for_status,
    quote_body,
)
from bigcommerce._mapping import Mapping
from bigcommerce._settings import check_seconds

__all__ = [
    "DEFAULT_JWT_LEEWAY",
    "REASON_BAD_SIGNATURE",
    "REASON_BAD_SUBJECT",
    "REASON_EMPTY_CLIENT_ID",
    "REASON_EMPTY_SECRET",
    "REASON_EXPIRED",
    "REASON_INVALID_SECRET",
    "REASON_MALFORMED",
    "REASON_MISSING_CLAIM",
    "REASON_NOT_YET_VALID",
    "REASON_WRONG_ALGORITHM",
    "REASON_WRONG_AUDIENCE",
    "REASON_WRONG_ISSUER",
    "build_token_request",
    "decode_payload",
    "decode_payload_jwt",
    "parse_token_response",
    "verify_payload",
    "verify_payload_jwt",
]

# Values of `VerificationException.reason`.
REASON_MALFORMED = "malformed"
REASON_BAD_SIGNATURE = "bad_signature"
REASON_EMPTY_SECRET = "empty_secret"
REASON_INVALID_SECRET = "invalid_secret"
REASON_EMPTY_CLIENT_ID = "empty_client_id"
REASON_EXPIRED = "expired"
REASON_NOT_YET_VALID = "not_yet_valid"
REASON_WRONG_AUDIENCE = "wrong_audience"
REASON_WRONG_ISSUER = "wrong_issuer"
REASON_MISSING_CLAIM = "missing_claim"
REASON_WRONG_ALGORITHM = "wrong_algorithm"
REASON_BAD_SUBJECT = "bad_subject"

# Seconds of clock skew tolerated on `exp`, `nbf` and `iat`. BigCommerce sets
# `nbf` equal to `iat`, so a server whose clock runs slightly behind would
# otherwise reject a fresh token.
DEFAULT_JWT_LEEWAY = 10.0

_JWT_ALGORITHM = "HS256"
_JWT_ISSUER = "bc"
_JWT_REQUIRED_CLAIMS = ["aud", "iss", "sub", "iat", "exp"]

_STORE_CONTEXT = re.compile(r"stores/[A-Za-z0-9]+")
# The signature part may be empty (`alg: none`), so that PyJWT reports the
# algorithm as the reason.
_JWT_SHAPE = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
_MAX_TOKEN_LENGTH = 64 * 1024
# Year 33658 in epoch seconds: far beyond any real expiry.
_MAX_TIME_CLAIM = 10**12
_BASE64_TEXT = re.compile(r"[A-Za-z0-9+/_-]*")
_TOKEN_PATH = "/oauth2/token"


# ---------------------------------------------------------------------------
# Legacy signed_payload (HMAC-SHA256 over the JSON, hex digest, base64)
# ---------------------------------------------------------------------------


def verify_payload(signed_payload: str, client_secret: str) -> Mapping | Literal[False]:
    """Verify a legacy `signed_payload` and return its claims, or False.

    Never raises for bad input: a malformed payload, a wrong signature and an
    empty secret all return False. Use `decode_payload` to learn the reason.
    """
    try:
        return decode_payload(signed_payload, client_secret)
    except VerificationException:
        return False


def decode_payload(signed_payload: str, client_secret: str) -> Mapping:
    """Verify a legacy `signed_payload` and return its claims.

    The format is `base64(json) + "." + base64(hex(HMAC-SHA256(secret, json)))`.
    Both parts may use the standard or the URL-safe base64 alphabet, with or
    without padding. Raises `VerificationException` whose `reason` is one of
    `empty_secret`, `invalid_secret`, `malformed` or `bad_signature`.
    """
    key = _secret_bytes(client_secret, "signed_payload")

    if not isinstance(signed_payload, str):
        raise VerificationException(
            "signed_payload is malformed: expected a str, got "
            f"{type(signed_payload).__name__}",
            REASON_MALFORMED,
        )
    _check_length(signed_payload, "signed_payload")
    parts = signed_payload.split(".")
    if len(parts) != 2 or not parts[0] or not parts[1]:
        raise VerificationException(
            "signed_payload is malformed: expected two base64 parts joined by '.'",
            REASON_MALFORMED,
        )

    json_bytes = _decode_base64(parts[0], "data")
    received_digest = _decode_base64(parts[1], "signature")

    # The signature is the hex digest as text. Hex is case-insensitive, and
    # lowercasing a wrong digest cannot make it match.
    expected_digest = hmac.new(key, json_bytes, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(
        expected_digest.encode("ascii"), received_digest.lower()
    ):
        raise VerificationException(
            "signed_payload failed verification: the signature does not match; "
            "check that client_secret belongs to the app that received it",
            REASON_BAD_SIGNATURE,
        )

    return _parse_claims(json_bytes)


def _secret_bytes(client_secret: object, what: str) -> bytes:
    # A secret of only whitespace is a blank setting (`CLIENT_SECRET= `), not
    # a secret, and must never verify anything.
    if client_secret is None or (
        isinstance(client_secret, (str, bytes)) and not client_secret.strip()
    ):
        raise VerificationException(
            f"{what} cannot be verified with an empty client_secret; "
            "pass the app's client secret",
            REASON_EMPTY_SECRET,
        )
    if isinstance(client_secret, bytes):
        return client_secret
    if not isinstance(client_secret, str):
        raise VerificationException(
            f"{what} cannot be verified: client_secret must be a str, got "
            f"{type(client_secret).__name__}",
            REASON_INVALID_SECRET,
        )
    try:
        return client_secret.encode("utf-8")
    except UnicodeEncodeError:
        raise VerificationException(
            f"{what} cannot be verified: client_secret is not valid Unicode text",
            REASON_INVALID_SECRET,
        ) from None


def _decode_base64(text: str, part: str) -> bytes:
    """Decode strict base64 in either alphabet, with optional padding.

    Non-canonical spellings (wrong padding, stray characters, unused low bits
    set) are rejected, so two different strings never decode to the same bytes
    except through the alphabet choice and the padding.
    """
    unpadded = text.rstrip("=")
    padding = len(text) - len(unpadded)
    if (
        not _BASE64_TEXT.fullmatch(unpadded)
        or len(unpadded) % 4 == 1
        or (padding and (len(unpadded) + padding) % 4 != 0)
    ):
        raise VerificationException(
            f"signed_payload is malformed: the {part} part is not valid base64",
            REASON_MALFORMED,
        )

    standard = unpadded.replace("-", "+").replace("_", "/")
    padded = standard + "=" * (-len(standard) % 4)
    try:
        decoded = base64.b64decode(padded, validate=True)
    except (binascii.Error, ValueError):
        decoded = None
    if decoded is None or base64.b64encode(decoded).decode("ascii") != padded:
        raise VerificationException(
            f"signed_payload is malformed: the {part} part is not valid base64",
            REASON_MALFORMED,
        )
    return decoded


def _parse_claims(json_bytes: bytes) -> Mapping:
    try:
        claims = json.loads(json_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise VerificationException(
            "signed_payload is malformed: the signed data is not UTF-8 JSON",
            REASON_MALFORMED,
        ) from None
    if not isinstance(claims, dict):
        raise VerificationException(
            "signed_payload is malformed: the signed data is JSON "
            f"{type(claims).__name__}, expected an object",
            REASON_MALFORMED,
        )
    return Mapping(claims)


# ---------------------------------------------------------------------------
# signed_payload_jwt (load, uninstall and remove_user callbacks)
# ---------------------------------------------------------------------------


class _HS256WithoutKeyLengthWarning(HMACAlgorithm):
    """HS256 that does not warn about a short key.

    BigCommerce issues the client secret, so the app cannot lengthen it. Recent
    PyJWT releases (2.15.1 was tested) would otherwise warn on every callback,
    which is an exception under `-W error`.
    """

    def check_key_length(self, key: Any) -> str | None:
        return None


# A signature verifier whose only registered algorithm is HS256, so a token
# header naming `none` or any other algorithm is rejected.
_JWS = jwt.PyJWS(algorithms=[])
_JWS.register_algorithm(
    _JWT_ALGORITHM, _HS256WithoutKeyLengthWarning(HMACAlgorithm.SHA256)
)

# Claims are checked by PyJWT after `_JWS` has verified the signature. The time
# claims are left to `_check_times`, because PyJWT reads the system clock and
# `now` must be injectable, and `sub` to `_check_subject`, because PyJWT before
# 2.10 does not check it.
_CLAIM_OPTIONS: Any = {
    "verify_signature": False,
    "verify_aud": True,
    "verify_iss": True,
    "verify_sub": False,
    "verify_exp": False,
    "verify_nbf": False,
    "verify_iat": False,
    "require": _JWT_REQUIRED_CLAIMS,
}


def verify_payload_jwt(
    signed_payload_jwt: str,
    client_secret: str,
    client_id: str,
    *,
    leeway: float = DEFAULT_JWT_LEEWAY,
    now: float | None = None,
) -> Mapping | Literal[False]:
    """Verify a `signed_payload_jwt` and return its claims, or False.

    Never raises for a bad token or an empty secret or client id. Raises
    `ConfigurationException` only for an invalid `leeway` or `now`. Use
    `decode_payload_jwt` to learn why a token was rejected.
    """
    try:
        return decode_payload_jwt(
            signed_payload_jwt, client_secret, client_id, leeway=leeway, now=now
        )
    except VerificationException:
        return False


def decode_payload_jwt(
    signed_payload_jwt: str,
    client_secret: str,
    client_id: str,
    *,
    leeway: float = DEFAULT_JWT_LEEWAY,
    now: float | None = None,
) -> Mapping:
    """Verify a `signed_payload_jwt` and return its claims.

    Requires an HS256 signature made with `client_secret`, `aud` equal to
    `client_id`, `iss` equal to "bc", `sub` of the form `stores/{store_hash}`,
    and `exp` and `iat` claims. `exp`, `nbf` and `iat` are checked against
    `now` (epoch seconds, default `time.time()`) with `leeway` seconds of
    tolerance. Raises `VerificationException` with a `reason` such as
    `expired`, `wrong_audience`, `bad_signature` or `malformed`, and
    `ConfigurationException` for an invalid `leeway` or `now`.
    """
    leeway = check_seconds("leeway", leeway)
    current_time = time.time() if now is None else check_seconds("now", now)
    key = _secret_bytes(client_secret, "signed_payload_jwt")
    if not isinstance(client_id, str) or not client_id:
        raise VerificationException(
            "signed_payload_jwt cannot be verified without the app's client_id, "
            "which the aud claim must equal",
            REASON_EMPTY_CLIENT_ID,
        )
    token = _check_token_shape(signed_payload_jwt)

    _verify_jwt_signature(token, key)
    claims = _decode_jwt_claims(token, client_id)
    _check_times(claims, current_time, leeway)
    _check_subject(claims)
    return Mapping(claims)


def _check_length(token: str, what: str) -> None:
    # Real tokens are under a kilobyte; decoding megabytes before the
    # signature check would let anyone spend this process's CPU.
    if len(token) > _MAX_TOKEN_LENGTH:
        raise VerificationException(
            f"{what} is malformed: {len(token)} characters, above the maximum "
            f"of {_MAX_TOKEN_LENGTH}",
            REASON_MALFORMED,
        )


def _check_token_shape(token: object) -> str:
    if not isinstance(token, str):
        raise VerificationException(
            "signed_payload_jwt is malformed: expected a str, got "
            f"{type(token).__name__}",
            REASON_MALFORMED,
        )
    _check_length(token, "signed_payload_jwt")
    # Checked here rather than left to PyJWT: some releases accepted extra
    # characters after the signature, giving one token many spellings.
    if not _JWT_SHAPE.fullmatch(token):
        raise VerificationException(
            "signed_payload_jwt is malformed: expected three base64url parts "
            "joined by '.'",
            REASON_MALFORMED,
        )
    return token


def _verify_jwt_signature(token: str, key: bytes) -> None:
    try:
        decoded = _JWS.decode_complete(token, key=key, algorithms=[_JWT_ALGORITHM])
    except jwt.InvalidAlgorithmError:
        raise VerificationException(
            "signed_payload_jwt failed verification: the token is not signed "
            f"with {_JWT_ALGORITHM}, the only algorithm accepted",
            REASON_WRONG_ALGORITHM,
        ) from None
    except jwt.InvalidSignatureError:
        raise VerificationException(
            "signed_payload_jwt failed verification: the signature does not "
            "match; check that client_secret belongs to this app",
            REASON_BAD_SIGNATURE,
        ) from None
    except jwt.InvalidKeyError as error:
        raise VerificationException(
            f"signed_payload_jwt cannot be verified: client_secret was rejected "
            f"as an HMAC key ({error})",
            REASON_INVALID_SECRET,
        ) from None
    except (jwt.PyJWTError, ValueError, TypeError, RecursionError) as error:
        raise VerificationException(
            f"signed_payload_jwt is malformed: {error}", REASON_MALFORMED
        ) from None
    if "crit" in decoded["header"]:
        # RFC 7515: a verifier must reject extensions it does not understand.
        raise VerificationException(
            "signed_payload_jwt is malformed: its header lists critical "
            "extensions, which this verifier does not support",
            REASON_MALFORMED,
        )


def _decode_jwt_claims(token: str, client_id: str) -> dict[str, Any]:
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            options=_CLAIM_OPTIONS,
            audience=client_id,
            issuer=_JWT_ISSUER,
        )
    except jwt.MissingRequiredClaimError as error:
        raise VerificationException(
            f"signed_payload_jwt failed verification: the {error.claim} claim "
            "is missing",
            REASON_MISSING_CLAIM,
        ) from None
    except jwt.InvalidAudienceError:
        raise VerificationException(
            "signed_payload_jwt failed verification: the aud claim does not "
            f"match client_id {client_id!r}",
            REASON_WRONG_AUDIENCE,
        ) from None
    except jwt.InvalidIssuerError:
        raise VerificationException(
            "signed_payload_jwt failed verification: the iss claim is not "
            f"{_JWT_ISSUER!r}",
            REASON_WRONG_ISSUER,
        ) from None
    except (jwt.PyJWTError, ValueError, TypeError, RecursionError) as error:
        raise VerificationException(
            f"signed_payload_jwt is malformed: {error}", REASON_MALFORMED
        ) from None
    # PyJWT accepts a list that contains the audience, and some releases
    # matched the issuer loosely, so both are compared exactly here.
    if claims.get("aud") != client_id:
        raise VerificationException(
            "signed_payload_jwt failed verification: the aud claim is not exactly "
            f"client_id {client_id!r}",
            REASON_WRONG_AUDIENCE,
        )
    if claims.get("iss") != _JWT_ISSUER:
        raise VerificationException(
            "signed_payload_jwt failed verification: the iss claim is not "
            f"{_JWT_ISSUER!r}",
            REASON_WRONG_ISSUER,
        )
    return claims


def _check_times(claims: dict[str, Any], now: float, leeway: float) -> None:
    # Same comparisons as PyJWT's own `iat`, `nbf` and `exp` checks.
    issued_at = _time_claim(claims, "iat")
    if issued_at > now + leeway:
        raise VerificationException(
            f"signed_payload_jwt is not yet valid: iat is {issued_at - now:.0f} s "
            f"in the future, beyond the leeway of {leeway:g} s; check the clock",
            REASON_NOT_YET_VALID,
        )

    if claims.get("nbf") is not None:
        not_before = _time_claim(claims, "nbf")
        if not_before > now + leeway:
            raise VerificationException(
                "signed_payload_jwt is not yet valid: nbf is "
                f"{not_before - now:.0f} s in the future, beyond the leeway of "
                f"{leeway:g} s; check the clock",
                REASON_NOT_YET_VALID,
            )

    expires = _time_claim(claims, "exp")
    if expires <= now - leeway:
        raise VerificationException(
            f"signed_payload_jwt has expired: exp was {now - expires:.0f} s ago; "
            "the user must open the app again to get a fresh token",
            REASON_EXPIRED,
        )


def _time_claim(claims: dict[str, Any], name: str) -> float:
    # RFC 7519 makes these JSON numbers: strings and booleans are rejected, and
    # so are values too large to be a date, which would overflow arithmetic.
    value = claims[name]
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if (
        not is_number
        or (isinstance(value, float) and not math.isfinite(value))
        or abs(value) > _MAX_TIME_CLAIM
    ):
        raise VerificationException(
            f"signed_payload_jwt is malformed: the {name} claim must be a number "
            "of seconds since the epoch",
            REASON_MALFORMED,
        )
    return float(value)


def _check_subject(claims: dict[str, Any]) -> None:
    subject = claims["sub"]
    if not isinstance(subject, str) or not _STORE_CONTEXT.fullmatch(subject):
        raise VerificationException(
            f"signed_payload_jwt failed verification: the sub claim {subject!r} "
            "is not of the form stores/{store_hash}",
            REASON_BAD_SUBJECT,
        )


# ---------------------------------------------------------------------------
# OAuth token exchange
# ---------------------------------------------------------------------------


def build_token_request(
    login_url: str,
    *,
    client_id: str,
    client_secret: str,
    code: str,
    context: str,
    scope: str | Sequence[str],
    redirect_uri: str,
    user_agent: str,
) -> httpx.Request:
    """Build the form-encoded `POST {login_url}/oauth2/token` of the code exchange.

    The request carries no store token. Raises `ConfigurationException` naming
    the first missing or invalid argument. The client secret and the code are
    never quoted in a message.
    """
    url = _token_url(login_url)
    for name, value in (
        ("client_id", client_id),
        ("client_secret", client_secret),
        ("code", code),
        ("redirect_uri", redirect_uri),
        ("user_agent", user_agent),
    ):
        _require_text(value, name)
    _check_context(context)
    scope_text = _join_scope(scope)
    _check_redirect_uri(redirect_uri)
    if "\r" in user_agent or "\n" in user_agent:
        raise ConfigurationException("user_agent must not contain line breaks")

    form = {
        "client_id": client_id,
        "client_secret": client_secret,
        "code": code,
        "context": context,
        "scope": scope_text,
        "grant_type": "authorization_code",
        "redirect_uri": redirect_uri,
    }
    headers = {"Accept": "application/json", "User-Agent": user_agent}
    return httpx.Request("POST", url, data=form, headers=headers)


def _require_text(value: object, name: str) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ConfigurationException(
            f"{name} is missing; the token exchange needs a non-empty {name}"
        )
    if not isinstance(value, str):
        raise ConfigurationException(
            f"{name} must be a str, got {type(value).__name__}"
        )
    return value


def _token_url(login_url: object) -> httpx.URL:
    login_url = _require_text(login_url, "login_url")
    try:
        url = httpx.URL(login_url)
    except httpx.InvalidURL:
        url = None
    if url is None or url.scheme not in ("http", "https") or not url.host:
        raise ConfigurationException(
            f"login_url {login_url!r} is not an absolute http(s) URL; "
            "use a URL such as https://login.bigcommerce.com"
        )
    if url.query or url.fragment:
        raise ConfigurationException(
            f"login_url {login_url!r} must not contain a query or a fragment"
        )
    return url.copy_with(path=url.path.rstrip("/") + _TOKEN_PATH)


def _check_context(context: object) -> None:
    context = _require_text(context, "context")
    if not _STORE_CONTEXT.fullmatch(context):
        raise ConfigurationException(
            f"context {context!r} is invalid; expected stores/{{store_hash}}, "
            "as sent to the auth callback"
        )


def _join_scope(scope: object) -> str:
    if isinstance(scope, str):
        scopes = scope.split()
    elif isinstance(scope, (list, tuple)):
        scopes = []
        for item in scope:
            if not isinstance(item, str):
                raise ConfigurationException(
                    f"scope entries must be str, got {type(item).__name__}"
                )
            scopes.extend(item.split())
    elif scope is None:
        scopes = []
    else:
        raise ConfigurationException(
            "scope must be a space-separated str or a list of str, got "
            f"{type(scope).__name__}"
        )
    if not scopes:
        raise ConfigurationException(
            "scope is missing; pass the scopes sent to the auth callback"
        )
    return " ".join(scopes)


def _check_redirect_uri(redirect_uri: str) -> None:
    try:
        url = httpx.URL(redirect_uri)
    except httpx.InvalidURL:
        url = None
    if url is None or url.scheme not in ("http", "https") or not url.host:
        raise ConfigurationException(
            f"redirect_uri {redirect_uri!r} is not an absolute http(s) URL; "
            "use the auth callback URL registered for the app"
        )


def parse_token_response(response: httpx.Response) -> Mapping:
    """Return the body of a successful token exchange as a `Mapping`.

    Success is a 200 response whose JSON object has a non-empty `access_token`
    and no `error`. Anything else raises the `HttpException` subclass for the
    status (plain `HttpException` for a 2xx), with a message saying why the
    exchange failed and `errors` set to the parsed JSON body, if any.
    """
    body = _json_body(response.content)
    if (
        response.status_code == 200
        and isinstance(body, dict)
        and _usable_token(body.get("access_token"))
        and body.get("error") is None
    ):
        return Mapping(body)

    raise _token_error(response, body)


_NOT_JSON = object()
# Server text quoted in a token-exchange message is cut at this length.
_MAX_QUOTED_TEXT = 500
_MAX_LISTED_KEYS = 20


def _usable_token(value: Any) -> bool:
    """Tell whether a token can go into an `X-Auth-Token` header as it is."""
    return (
        isinstance(value, str)
        and bool(value)
        and all(" " < character <= "~" for character in value)
    )


def _bounded(text: str) -> str:
    if len(text) > _MAX_QUOTED_TEXT:
        return text[:_MAX_QUOTED_TEXT] + "..."
    return text


def _json_body(content: bytes) -> Any:
    if not content.strip():
        return _NOT_JSON
    try:
        return json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return _NOT_JSON


def _token_error(response: httpx.Response, body: Any) -> HttpException:
    status = response.status_code
    message = "the authorization code exchange failed: " + _describe_failure(
        response, body
    )

    exception_class = exception_for_status(status)
    if 200 <= status < 300:
        exception_class = HttpException
    try:
        request: httpx.Request | None = response.request
    except RuntimeError:
        request = None

    common: dict[str, Any] = {
        "message": message,
        "status_code": status,
        "headers": response.headers,
        "content": response.content,
        "errors": None if body is _NOT_JSON else body,
        "method": request.method if request else None,
        "url": str(request.url) if request else None,
    }
    if issubclass(exception_class, RateLimitingException):
        return exception_class(
            **common, retry_after=_retry_after(response.headers.get("Retry-After"))
        )
    return exception_class(**common)


def _describe_failure(response: httpx.Response, body: Any) -> str:
    status = response.status_code
    content_type = response.headers.get("Content-Type", "")

    if 300 <= status < 400:
        location = response.headers.get("Location")
        target = f"to {location}" if location else "without a Location header"
        return (
            f"the login host redirected the request {target} (status {status}); "
            "the login URL or redirect_uri may be wrong"
        )

    if body is _NOT_JSON:
        if _looks_like_html(response.content, content_type):
            return (
                f"the login host returned an HTML page instead of a token "
                f"(status {status}); check the login URL. The page starts: "
                f"{quote_body(response.content)}"
            )
        if not response.content.strip():
            return f"the login host returned an empty body (status {status})"
        return (
            f"the login host returned a body that is not JSON (status {status}, "
            f"Content-Type {content_type or 'missing'}): "
            f"{quote_body(response.content)}"
        )

    if isinstance(body, dict):
        description = _describe_json_error(body)
        if description is not None:
            return description + f" (status {status})"
        if status == 200:
            names = sorted(str(key) for key in body)
            keys = ", ".join(_bounded(name) for name in names[:_MAX_LISTED_KEYS])
            if len(names) > _MAX_LISTED_KEYS:
                keys += f" and {len(names) - _MAX_LISTED_KEYS} more"
            keys = keys or "none"
            return (
                "the login host returned status 200 without a usable "
                "access_token (a non-empty string of visible ASCII characters); "
                f"the response keys are: {keys}"
            )
        return f"the login host returned status {status}"

    return (
        f"the login host returned JSON {type(body).__name__} instead of an "
        f"object (status {status})"
    )


def _describe_json_error(body: dict[str, Any]) -> str | None:
    error = body.get("error")
    if isinstance(error, dict):
        error = error.get("message") or error.get("code")
    texts = [
        _bounded(str(value))
        for value in (
            error,
            body.get("error_description"),
            body.get("message"),
            body.get("title"),
            body.get("detail"),
        )
        if value not in (None, "")
    ]
    if not texts:
        return None

    description = ": ".join(texts)
    if body.get("error") == "invalid_grant":
        description += (
            "; an authorization code can be exchanged only once and expires "
            "quickly, so start the install or authorization again to get a new one"
        )
    return description


def _looks_like_html(content: bytes, content_type: str) -> bool:
    if "html" in content_type.lower():
        return True
    return content.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def _retry_after(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None
