"""Attacks on the app-callback verifiers and the OAuth token exchange.

Each test states what a safe verifier or exchange does with hostile input.
Requests go to `httpx.MockTransport` handlers only, so no host is contacted.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from packaging.requirements import Requirement

from bigcommerce._auth import (
    decode_payload,
    decode_payload_jwt,
    parse_token_response,
    verify_payload,
    verify_payload_jwt,
)
from bigcommerce._connection import OAuthConnection
from bigcommerce._exceptions import (
    HttpException,
    RedirectionException,
    VerificationException,
)

SECRET = "hostile-input-secret-0123456789abcdef0123456789abcdef0123456789"
CLIENT_ID = "hostile-input-client"
NOW = 1_700_000_000
LOGIN = "http://127.0.0.1:8123"
CODE = "install-code-5f2b9c0e71"
STORE_TOKEN = "store-access-token-3e8d1a"
EXCHANGE_ARGS = (
    SECRET,
    CODE,
    "stores/abc123",
    "store_v2_products",
    "https://app.example/auth",
)
TOKEN_BODY = {
    "access_token": "new-access-token",
    "scope": "store_v2_products",
    "user": {"id": 1, "username": "owner", "email": "owner@example.com"},
    "owner": {"id": 1, "username": "owner", "email": "owner@example.com"},
    "context": "stores/abc123",
    "account_uuid": "6a9e1f2c-0000-4000-8000-000000000000",
}
REPOSITORY = Path(__file__).resolve().parents[2]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def sign_jwt_text(claims_json: str, secret: str = SECRET) -> str:
    """Build an HS256 JWT by hand, so the verifier gets the claims JSON as written."""
    signing_input = (
        b64url(b'{"alg":"HS256","typ":"JWT"}')
        + "."
        + b64url(claims_json.encode("utf-8"))
    )
    digest = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256)
    return signing_input + "." + b64url(digest.digest())


def jwt_claims(**overrides: Any) -> dict[str, Any]:
    claims: dict[str, Any] = {
        "aud": CLIENT_ID,
        "iss": "bc",
        "iat": NOW,
        "nbf": NOW,
        "exp": NOW + 86_400,
        "jti": "b7c1",
        "sub": "stores/abc123",
        "user": {"id": 9, "email": "owner@example.com", "locale": "en-US"},
    }
    claims.update(overrides)
    return claims


def sign_jwt(secret: str = SECRET, **overrides: Any) -> str:
    return sign_jwt_text(json.dumps(jwt_claims(**overrides)), secret)


def sign_legacy(data: bytes, secret: str = SECRET) -> str:
    digest = hmac.new(secret.encode(), data, hashlib.sha256).hexdigest()
    return (
        base64.b64encode(data).decode("ascii")
        + "."
        + base64.b64encode(digest.encode("ascii")).decode("ascii")
    )


# ---------------------------------------------------------------------------
# Token exchange on a caller-provided http_client
# ---------------------------------------------------------------------------


def caller_client(handler: Any, **options: Any) -> httpx.Client:
    """A shared client as an app might configure it for its own requests."""
    return httpx.Client(
        transport=httpx.MockTransport(handler),
        cookies={"session": "caller-session-cookie"},
        headers={"X-Auth-Token": STORE_TOKEN},
        **options,
    )


def test_fetch_token_caller_client_redirect_not_followed() -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        if request.url.host == "127.0.0.1":
            return httpx.Response(
                307, headers={"Location": "https://collector.invalid/token"}
            )
        return httpx.Response(200, json=TOKEN_BODY)

    with caller_client(handler, follow_redirects=True) as client:
        connection = OAuthConnection(
            CLIENT_ID, "abc123", login_url=LOGIN, http_client=client
        )
        with pytest.raises(RedirectionException):
            connection.fetch_token(*EXCHANGE_ARGS)

    hosts = [request.url.host for request in sent]
    assert hosts == ["127.0.0.1"]
    assert connection.access_token is None


def test_fetch_token_caller_client_auth_not_sent() -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=TOKEN_BODY)

    with caller_client(handler, auth=("store-user", "store-api-key")) as client:
        connection = OAuthConnection(
            CLIENT_ID, "abc123", login_url=LOGIN, http_client=client
        )
        connection.fetch_token(*EXCHANGE_ARGS)

    assert len(sent) == 1
    headers = sent[0].headers
    assert "Authorization" not in headers
    assert "X-Auth-Token" not in headers
    assert "Cookie" not in headers


# ---------------------------------------------------------------------------
# Secrets echoed back by the login host
# ---------------------------------------------------------------------------


def echo_code_json(request: httpx.Request) -> httpx.Response:
    body = {"error": "invalid_grant", "error_description": f"code {CODE} is unknown"}
    return httpx.Response(400, json=body)


def echo_form_text(request: httpx.Request) -> httpx.Response:
    return httpx.Response(500, text="rejected form: " + request.content.decode())


def echo_form_html(request: httpx.Request) -> httpx.Response:
    return httpx.Response(502, html=f"<p>{request.content.decode()}</p>")


@pytest.mark.parametrize("handler", [echo_code_json, echo_form_text, echo_form_html])
def test_fetch_token_error_message_hides_secrets(handler: Any) -> None:
    connection = OAuthConnection(
        CLIENT_ID, "abc123", login_url=LOGIN, transport=httpx.MockTransport(handler)
    )

    with pytest.raises(HttpException) as caught:
        connection.fetch_token(*EXCHANGE_ARGS)

    for text in (str(caught.value), repr(caught.value)):
        assert SECRET not in text
        assert CODE not in text


# ---------------------------------------------------------------------------
# Unusable token responses
# ---------------------------------------------------------------------------


def test_fetch_token_unusable_access_token() -> None:
    body = {**TOKEN_BODY, "access_token": "two words"}
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
    connection = OAuthConnection(
        CLIENT_ID, "abc123", login_url=LOGIN, transport=transport
    )

    # The code is spent by now, so the failure must read as the login host's.
    with pytest.raises(HttpException):
        connection.fetch_token(*EXCHANGE_ARGS)


@pytest.mark.parametrize(
    "status, body",
    [
        (400, {"error": "invalid_request", "error_description": "x" * 1_000_000}),
        (200, {f"field_{index}": 1 for index in range(100_000)}),
    ],
)
def test_parse_token_response_message_bounded(status: int, body: Any) -> None:
    response = httpx.Response(status, json=body)

    with pytest.raises(HttpException) as caught:
        parse_token_response(response)

    assert len(str(caught.value)) < 10_000


# ---------------------------------------------------------------------------
# signed_payload_jwt claims
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "claim, value",
    [("iat", 10**400), ("nbf", 10**400), ("exp", -(10**400))],
    ids=["iat", "nbf", "exp"],
)
def test_verify_payload_jwt_huge_time_claim(claim: str, value: Any) -> None:
    token = sign_jwt(**{claim: value})

    assert verify_payload_jwt(token, SECRET, CLIENT_ID, now=NOW) is False
    with pytest.raises(VerificationException):
        decode_payload_jwt(token, SECRET, CLIENT_ID, now=NOW)


@pytest.mark.parametrize(
    "claim, value",
    [
        ("exp", str(NOW + 86_400)),
        ("exp", "1_700_086_400"),
        ("iat", True),
        ("nbf", False),
    ],
)
def test_decode_payload_jwt_non_numeric_time_claim(claim: str, value: Any) -> None:
    token = sign_jwt(**{claim: value})

    with pytest.raises(VerificationException) as caught:
        decode_payload_jwt(token, SECRET, CLIENT_ID, now=NOW)

    assert caught.value.reason == "malformed"


def test_decode_payload_jwt_audience_list() -> None:
    token = sign_jwt(aud=[CLIENT_ID, "another-app"])

    with pytest.raises(VerificationException) as caught:
        decode_payload_jwt(token, SECRET, CLIENT_ID, now=NOW)

    assert caught.value.reason == "wrong_audience"


@pytest.mark.parametrize("secret", [" ", "\t\n"])
def test_verify_payload_blank_secret(secret: str) -> None:
    jwt_token = sign_jwt(secret=secret)
    legacy_payload = sign_legacy(json.dumps(jwt_claims()).encode(), secret)

    assert verify_payload_jwt(jwt_token, secret, CLIENT_ID, now=NOW) is False
    assert verify_payload(legacy_payload, secret) is False


# ---------------------------------------------------------------------------
# Oversize input, which costs CPU before the signature is checked
# ---------------------------------------------------------------------------


def test_decode_payload_jwt_oversize() -> None:
    # The sandbox mints a signed_payload_jwt of under 1 KB, and this one is 2 MB.
    token = sign_jwt(padding="x" * 1_500_000)

    with pytest.raises(VerificationException):
        decode_payload_jwt(token, SECRET, CLIENT_ID, now=NOW)


def test_decode_payload_oversize() -> None:
    signed = sign_legacy(json.dumps({"padding": "x" * 1_500_000}).encode())

    with pytest.raises(VerificationException):
        decode_payload(signed, SECRET)


# ---------------------------------------------------------------------------
# The PyJWT releases the verifier may run on
# ---------------------------------------------------------------------------


def pyjwt_requirement() -> Requirement:
    text = (REPOSITORY / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'"(PyJWT[^"]*)"', text, re.IGNORECASE)
    assert found is not None, "pyproject.toml does not list PyJWT"
    return Requirement(found.group(1))


# The verifier relies on PyJWT for three checks that some allowed releases get
# wrong. 2.10.0 accepts any substring of the expected issuer, and 2.10.1 does
# not. Releases before 2.12.0 accept unknown `crit` extensions
# (CVE-2026-32597). Releases before 2.14.0 accept non-alphabet characters in
# the signature segment (CVE-2026-102269). Runs of 2.8.0, 2.10.0 and 2.10.1
# against `decode_payload_jwt` showed each of these.
@pytest.mark.parametrize("version", ["2.8.0", "2.10.0", "2.11.0", "2.13.0"])
def test_pyjwt_requirement_excludes_lax_release(version: str) -> None:
    requirement = pyjwt_requirement()

    assert not requirement.specifier.contains(version), str(requirement)
