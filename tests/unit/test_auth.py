from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import warnings
from typing import Any
from urllib.parse import parse_qs

import httpx
import jwt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bigcommerce._auth import (
    REASON_BAD_SIGNATURE,
    REASON_BAD_SUBJECT,
    REASON_EMPTY_CLIENT_ID,
    REASON_EMPTY_SECRET,
    REASON_EXPIRED,
    REASON_INVALID_SECRET,
    REASON_MALFORMED,
    REASON_MISSING_CLAIM,
    REASON_NOT_YET_VALID,
    REASON_WRONG_ALGORITHM,
    REASON_WRONG_AUDIENCE,
    REASON_WRONG_ISSUER,
    build_token_request,
    decode_payload,
    decode_payload_jwt,
    parse_token_response,
    verify_payload,
    verify_payload_jwt,
)
from bigcommerce._exceptions import (
    BadRequestException,
    ConfigurationException,
    HttpException,
    RateLimitingException,
    RedirectionException,
    ServerException,
    UnauthorizedException,
    VerificationException,
)
from bigcommerce._mapping import Mapping

# 64 bytes or more, so that PyJWT does not warn when the tests sign with HS512.
SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef-test-client-secret"
CLIENT_ID = "test-client-id"
NOW = 1_700_000_000.0
LOGIN = "http://127.0.0.1:8123"


# ---------------------------------------------------------------------------
# Legacy signed_payload
# ---------------------------------------------------------------------------


def sign_legacy(
    claims: Any,
    secret: str,
    *,
    urlsafe: bool = False,
    strip_padding: bool = False,
    upper_hex: bool = False,
) -> str:
    """Build a signed_payload by hand: base64(json) "." base64(hex digest)."""
    data = json.dumps(claims).encode("utf-8")
    digest = hmac.new(secret.encode("utf-8"), data, hashlib.sha256).hexdigest()
    if upper_hex:
        digest = digest.upper()
    encode = base64.urlsafe_b64encode if urlsafe else base64.b64encode
    parts = [encode(data).decode("ascii"), encode(digest.encode()).decode("ascii")]
    if strip_padding:
        parts = [part.rstrip("=") for part in parts]
    return ".".join(parts)


LEGACY_CLAIMS = {
    "user": {"id": 9, "email": "owner@example.com"},
    "owner": {"id": 9, "email": "owner@example.com"},
    "context": "stores/abc123",
    "store_hash": "abc123",
    "timestamp": 1700000000.5,
}


def test_verify_payload_round_trip() -> None:
    result = verify_payload(sign_legacy(LEGACY_CLAIMS, SECRET), SECRET)

    assert result == LEGACY_CLAIMS
    assert isinstance(result, Mapping)
    assert result.user.email == "owner@example.com"


@pytest.mark.parametrize(
    ("urlsafe", "strip_padding", "upper_hex"),
    [
        (True, False, False),
        (False, True, False),
        (True, True, False),
        (False, False, True),
    ],
)
def test_verify_payload_accepted_spellings(
    urlsafe: bool, strip_padding: bool, upper_hex: bool
) -> None:
    # "~~~" encodes to base64 with "+" or "/" characters, so the URL-safe
    # alphabet really differs from the standard one for this payload.
    claims = {**LEGACY_CLAIMS, "note": "~~~???>>>"}
    signed = sign_legacy(
        claims,
        SECRET,
        urlsafe=urlsafe,
        strip_padding=strip_padding,
        upper_hex=upper_hex,
    )
    if urlsafe:
        assert "-" in signed or "_" in signed
    if strip_padding:
        assert "=" not in signed

    assert verify_payload(signed, SECRET) == claims


def test_verify_payload_tampered_json() -> None:
    signed = sign_legacy(LEGACY_CLAIMS, SECRET)
    signature = signed.split(".")[1]
    forged = {**LEGACY_CLAIMS, "store_hash": "other"}
    forged_data = base64.b64encode(json.dumps(forged).encode()).decode()

    assert verify_payload(f"{forged_data}.{signature}", SECRET) is False
    with pytest.raises(VerificationException) as caught:
        decode_payload(f"{forged_data}.{signature}", SECRET)
    assert caught.value.reason == REASON_BAD_SIGNATURE


def test_verify_payload_tampered_signature() -> None:
    data = sign_legacy(LEGACY_CLAIMS, SECRET).split(".")[0]
    wrong_digest = "0" * 64
    signature = base64.b64encode(wrong_digest.encode()).decode()

    assert verify_payload(f"{data}.{signature}", SECRET) is False


def test_verify_payload_wrong_secret() -> None:
    signed = sign_legacy(LEGACY_CLAIMS, SECRET)

    assert verify_payload(signed, SECRET + "x") is False


def test_verify_payload_raw_digest_rejected() -> None:
    # The signature is base64 of the hex text, so base64 of the raw 32-byte
    # digest must be rejected.
    data = json.dumps(LEGACY_CLAIMS).encode()
    raw = hmac.new(SECRET.encode(), data, hashlib.sha256).digest()
    signed = base64.b64encode(data).decode() + "." + base64.b64encode(raw).decode()

    assert verify_payload(signed, SECRET) is False


@pytest.mark.parametrize("secret", ["", None])
def test_verify_payload_empty_secret(secret: Any) -> None:
    signed_with_empty_key = sign_legacy(LEGACY_CLAIMS, "")

    assert verify_payload(signed_with_empty_key, secret) is False
    with pytest.raises(VerificationException) as caught:
        decode_payload(signed_with_empty_key, secret)
    assert caught.value.reason == REASON_EMPTY_SECRET


def test_verify_payload_non_str_secret() -> None:
    signed = sign_legacy(LEGACY_CLAIMS, SECRET)

    assert verify_payload(signed, 12345) is False  # type: ignore[arg-type]
    with pytest.raises(VerificationException) as caught:
        decode_payload(signed, 12345)  # type: ignore[arg-type]
    assert caught.value.reason == REASON_INVALID_SECRET


def _b64(text: str | bytes) -> str:
    raw = text.encode() if isinstance(text, str) else text
    return base64.b64encode(raw).decode()


def _signed_raw(data: bytes, secret: str = SECRET) -> str:
    digest = hmac.new(secret.encode(), data, hashlib.sha256).hexdigest()
    return _b64(data) + "." + _b64(digest)


MALFORMED_LEGACY = {
    "none": None,
    "bytes": sign_legacy(LEGACY_CLAIMS, SECRET).encode(),
    "int": 42,
    "empty": "",
    "no dot": _b64(json.dumps(LEGACY_CLAIMS)),
    "two dots": sign_legacy(LEGACY_CLAIMS, SECRET) + ".x",
    "empty data": "." + _b64("0" * 64),
    "empty signature": _b64("{}") + ".",
    "bad base64": "@@@@." + _b64("0" * 64),
    "bad padding": _b64("{}") + "=." + _b64("0" * 64),
    "one char group": "e30=A." + _b64("0" * 64),
    "non-ascii": "ä." + _b64("0" * 64),
    "whitespace inside": _b64("{}")[:2] + " " + _b64("{}")[2:] + "." + _b64("0"),
}


@pytest.mark.parametrize("signed", MALFORMED_LEGACY.values(), ids=MALFORMED_LEGACY)
def test_verify_payload_malformed(signed: Any) -> None:
    assert verify_payload(signed, SECRET) is False
    with pytest.raises(VerificationException) as caught:
        decode_payload(signed, SECRET)
    assert caught.value.reason == REASON_MALFORMED


def test_verify_payload_non_canonical_base64() -> None:
    # "{}" is "e30=": the last character carries two unused bits, and "e31="
    # decodes to the same bytes in a lenient decoder.
    signed = _signed_raw(b"{}")
    assert signed.startswith("e30=.")
    assert verify_payload(signed, SECRET) == {}

    changed = "e31=" + signed[4:]

    assert verify_payload(changed, SECRET) is False
    with pytest.raises(VerificationException) as caught:
        decode_payload(changed, SECRET)
    assert caught.value.reason == REASON_MALFORMED


SIGNED_NON_OBJECTS = {
    "not json": b"not json",
    "json list": b"[1, 2]",
    "json string": b'"text"',
    "not utf-8": b"\xff\xfe{}",
    "deep nesting": b"[" * 100_000 + b"]" * 100_000,
}


@pytest.mark.parametrize("data", SIGNED_NON_OBJECTS.values(), ids=SIGNED_NON_OBJECTS)
def test_verify_payload_signed_non_object(data: bytes) -> None:
    signed = _signed_raw(data)

    assert verify_payload(signed, SECRET) is False
    with pytest.raises(VerificationException) as caught:
        decode_payload(signed, SECRET)
    assert caught.value.reason == REASON_MALFORMED


def test_decode_payload_messages_hide_secret() -> None:
    signed = sign_legacy(LEGACY_CLAIMS, "another-secret")

    with pytest.raises(VerificationException) as caught:
        decode_payload(signed, SECRET)

    assert SECRET not in str(caught.value)
    assert signed.split(".")[1] not in str(caught.value)
    assert "signature does not match" in str(caught.value)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(), children, max_size=4)
    ),
    max_leaves=12,
)
json_objects = st.dictionaries(st.text(), json_values, max_size=6)
base64_alphabet = (
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_.!"
)

# Changes that spell the same bytes another accepted way: the other base64
# alphabet for the same 6 bits.
_SAME_BITS = {("+", "-"), ("-", "+"), ("/", "_"), ("_", "/")}


@settings(max_examples=150, deadline=None)
@given(
    claims=json_objects,
    secret=st.text(min_size=1).filter(str.strip),
    position=st.integers(min_value=0),
    replacement=st.sampled_from(base64_alphabet) | st.characters(),
)
def test_verify_payload_property(
    claims: dict[str, Any], secret: str, position: int, replacement: str
) -> None:
    signed = sign_legacy(claims, secret)

    assert verify_payload(signed, secret) == claims

    index = position % len(signed)
    original = signed[index]
    if original == replacement or (original, replacement) in _SAME_BITS:
        return
    changed = signed[:index] + replacement + signed[index + 1 :]
    result = verify_payload(changed, secret)

    if result is not False:
        # The only other accepted change flips the case of one hex letter in
        # the signature text, which names the same digest.
        data, signature = changed.split(".")
        assert data == signed.split(".")[0]
        assert base64.b64decode(signature + "==").lower() == base64.b64decode(
            signed.split(".")[1]
        )
        assert result == claims


# ---------------------------------------------------------------------------
# signed_payload_jwt
# ---------------------------------------------------------------------------


def jwt_claims(**overrides: Any) -> dict[str, Any]:
    claims: dict[str, Any] = {
        "aud": CLIENT_ID,
        "iss": "bc",
        "iat": int(NOW),
        "nbf": int(NOW),
        "exp": int(NOW) + 86_400,
        "jti": "a1b2c3",
        "sub": "stores/abc123",
        "user": {"id": 9, "email": "owner@example.com", "locale": "en-US"},
        "owner": {"id": 9, "email": "owner@example.com"},
        "url": "/",
        "channel_id": None,
    }
    claims.update(overrides)
    return {key: value for key, value in claims.items() if value is not _DROP}


_DROP = object()


def sign_jwt(claims: dict[str, Any], secret: str = SECRET, alg: str = "HS256") -> str:
    return jwt.encode(claims, secret, algorithm=alg)


def jwt_reason(token: Any, **kwargs: Any) -> str:
    kwargs.setdefault("now", NOW)
    secret = kwargs.pop("secret", SECRET)
    client_id = kwargs.pop("client_id", CLIENT_ID)
    assert verify_payload_jwt(token, secret, client_id, **kwargs) is False
    with pytest.raises(VerificationException) as caught:
        decode_payload_jwt(token, secret, client_id, **kwargs)
    assert SECRET not in str(caught.value)
    return caught.value.reason


def test_verify_payload_jwt_valid() -> None:
    claims = jwt_claims()

    result = verify_payload_jwt(sign_jwt(claims), SECRET, CLIENT_ID, now=NOW)

    assert result == claims
    assert isinstance(result, Mapping)
    assert result.user.locale == "en-US"
    assert result.channel_id is None


def test_verify_payload_jwt_real_clock() -> None:
    now = int(time.time())
    claims = jwt_claims(iat=now, nbf=now, exp=now + 3600)

    assert verify_payload_jwt(sign_jwt(claims), SECRET, CLIENT_ID) == claims


def test_verify_payload_jwt_short_secret_no_warning() -> None:
    # Recent PyJWT releases warn about HMAC keys under 32 bytes, and under
    # filterwarnings=error that warning would escape as an exception.
    claims = jwt_claims()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        token = sign_jwt(claims, "short")

    assert verify_payload_jwt(token, "short", CLIENT_ID, now=NOW) == claims


@pytest.mark.parametrize("claim", ["iat", "nbf"])
def test_verify_payload_jwt_future_within_leeway(claim: str) -> None:
    token = sign_jwt(jwt_claims(**{claim: int(NOW) + 5}))

    assert verify_payload_jwt(token, SECRET, CLIENT_ID, now=NOW) is not False
    assert jwt_reason(token, leeway=0) == REASON_NOT_YET_VALID


@pytest.mark.parametrize("claim", ["iat", "nbf"])
def test_verify_payload_jwt_future_beyond_leeway(claim: str) -> None:
    token = sign_jwt(jwt_claims(**{claim: int(NOW) + 11}))

    assert jwt_reason(token) == REASON_NOT_YET_VALID
    assert verify_payload_jwt(token, SECRET, CLIENT_ID, now=NOW, leeway=11.0)


def test_verify_payload_jwt_nbf_optional() -> None:
    claims = jwt_claims(nbf=_DROP)

    assert "nbf" not in claims
    assert verify_payload_jwt(sign_jwt(claims), SECRET, CLIENT_ID, now=NOW) == claims


def test_verify_payload_jwt_expired() -> None:
    token = sign_jwt(jwt_claims(iat=int(NOW) - 90_000, exp=int(NOW) - 30))

    assert jwt_reason(token) == REASON_EXPIRED
    assert verify_payload_jwt(token, SECRET, CLIENT_ID, now=NOW, leeway=31.0)


def test_verify_payload_jwt_exp_boundary() -> None:
    # As in PyJWT: expired once exp <= now - leeway.
    token = sign_jwt(jwt_claims(iat=int(NOW) - 100, exp=int(NOW) - 10))

    assert jwt_reason(token, leeway=10.0) == REASON_EXPIRED
    assert verify_payload_jwt(token, SECRET, CLIENT_ID, now=NOW, leeway=10.5)


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"aud": "another-app"}, REASON_WRONG_AUDIENCE),
        ({"aud": _DROP}, REASON_MISSING_CLAIM),
        ({"iss": "bc/apps"}, REASON_WRONG_ISSUER),
        ({"iss": _DROP}, REASON_MISSING_CLAIM),
        ({"exp": _DROP}, REASON_MISSING_CLAIM),
        ({"iat": _DROP}, REASON_MISSING_CLAIM),
        ({"sub": _DROP}, REASON_MISSING_CLAIM),
        ({"sub": "stores/"}, REASON_BAD_SUBJECT),
        ({"sub": "accounts/abc"}, REASON_BAD_SUBJECT),
        ({"sub": "stores/abc/extra"}, REASON_BAD_SUBJECT),
        ({"sub": 123}, REASON_BAD_SUBJECT),
        ({"exp": "tomorrow"}, REASON_MALFORMED),
        ({"iat": [1]}, REASON_MALFORMED),
        ({"nbf": "soon"}, REASON_MALFORMED),
    ],
)
def test_decode_payload_jwt_claim_reasons(
    overrides: dict[str, Any], reason: str
) -> None:
    assert jwt_reason(sign_jwt(jwt_claims(**overrides))) == reason


def test_decode_payload_jwt_messages() -> None:
    token = sign_jwt(jwt_claims(aud="another-app"))

    with pytest.raises(VerificationException, match="aud claim does not match"):
        decode_payload_jwt(token, SECRET, CLIENT_ID, now=NOW)
    with pytest.raises(VerificationException, match="the exp claim is missing"):
        decode_payload_jwt(sign_jwt(jwt_claims(exp=_DROP)), SECRET, CLIENT_ID, now=NOW)


@pytest.mark.parametrize("alg", ["HS384", "HS512"])
def test_verify_payload_jwt_other_hmac_rejected(alg: str) -> None:
    assert jwt_reason(sign_jwt(jwt_claims(), alg=alg)) == REASON_WRONG_ALGORITHM


def _unsigned(header: dict[str, Any], claims: dict[str, Any]) -> str:
    def segment(value: dict[str, Any]) -> str:
        raw = json.dumps(value).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    return f"{segment(header)}.{segment(claims)}."


def test_verify_payload_jwt_alg_none_rejected() -> None:
    token = _unsigned({"alg": "none", "typ": "JWT"}, jwt_claims())

    assert jwt_reason(token) == REASON_WRONG_ALGORITHM


def test_verify_payload_jwt_rs256_header_rejected() -> None:
    # An HS256 signature presented under an RS256 header must not be accepted.
    good = sign_jwt(jwt_claims())
    signature = good.split(".")[2]
    token = _unsigned({"alg": "RS256", "typ": "JWT"}, jwt_claims()) + signature

    assert jwt_reason(token) == REASON_WRONG_ALGORITHM


def test_verify_payload_jwt_wrong_secret() -> None:
    token = sign_jwt(jwt_claims(), "a-different-secret-of-adequate-length!!")

    assert jwt_reason(token) == REASON_BAD_SIGNATURE


def test_verify_payload_jwt_tampered_claims() -> None:
    header, _, signature = sign_jwt(jwt_claims()).split(".")
    forged = _unsigned({"alg": "HS256"}, jwt_claims(sub="stores/zzz")).split(".")[1]

    assert jwt_reason(f"{header}.{forged}.{signature}") == REASON_BAD_SIGNATURE


@pytest.mark.parametrize("secret", ["", None])
def test_verify_payload_jwt_empty_secret(secret: Any) -> None:
    assert jwt_reason(sign_jwt(jwt_claims()), secret=secret) == REASON_EMPTY_SECRET


def test_verify_payload_jwt_pem_secret_rejected() -> None:
    secret = "-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----"

    assert jwt_reason(sign_jwt(jwt_claims()), secret=secret) == REASON_INVALID_SECRET


@pytest.mark.parametrize("client_id", ["", None])
def test_verify_payload_jwt_empty_client_id(client_id: Any) -> None:
    token = sign_jwt(jwt_claims(aud=""))

    assert jwt_reason(token, client_id=client_id) == REASON_EMPTY_CLIENT_ID


GARBAGE_TOKENS = {
    "none": None,
    "int": 42,
    "bytes": b"a.b.c",
    "empty": "",
    "text": "not a token",
    "one dot": "abc.def",
    "extra dots": "a.b.c.d",
    "four parts": sign_jwt(jwt_claims()) + ".extra",
    "bad base64": "!!!.???.***",
    "non-ascii": "ä.ö.ü",
    "lone surrogate": "\ud800.a.b",
    "header not json": "bm90IGpzb24.e30.",
    "header not object": "WzFd.e30.",
}


@pytest.mark.parametrize("token", GARBAGE_TOKENS.values(), ids=GARBAGE_TOKENS)
def test_verify_payload_jwt_garbage(token: Any) -> None:
    assert jwt_reason(token) == REASON_MALFORMED


def test_verify_payload_jwt_signed_non_object() -> None:
    header = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').rstrip(b"=")
    payload = base64.urlsafe_b64encode(b"[1,2]").rstrip(b"=")
    signing_input = header + b"." + payload
    signature = hmac.new(SECRET.encode(), signing_input, hashlib.sha256).digest()
    token = (
        signing_input + b"." + base64.urlsafe_b64encode(signature).rstrip(b"=")
    ).decode()

    assert jwt_reason(token) == REASON_MALFORMED


@pytest.mark.parametrize("leeway", [-1.0, float("nan"), float("inf"), "10", True])
def test_verify_payload_jwt_invalid_leeway(leeway: Any) -> None:
    with pytest.raises(ConfigurationException, match="leeway"):
        verify_payload_jwt(sign_jwt(jwt_claims()), SECRET, CLIENT_ID, leeway=leeway)


def test_verify_payload_jwt_invalid_now() -> None:
    with pytest.raises(ConfigurationException, match="now"):
        verify_payload_jwt(sign_jwt(jwt_claims()), SECRET, CLIENT_ID, now="x")  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(token=st.text() | st.binary() | st.none() | st.integers())
def test_verify_payload_jwt_never_raises(token: Any) -> None:
    assert verify_payload_jwt(token, SECRET, CLIENT_ID, now=NOW) is False


# ---------------------------------------------------------------------------
# Token request
# ---------------------------------------------------------------------------

TOKEN_ARGS: dict[str, Any] = {
    "client_id": CLIENT_ID,
    "client_secret": SECRET,
    "code": "one-time-code",
    "context": "stores/abc123",
    "scope": "store_v2_products store_v2_orders_read_only",
    "redirect_uri": "https://app.example/auth",
    "user_agent": "bigcommerce-client/test",
}


def token_request(login_url: str = LOGIN, **overrides: Any) -> httpx.Request:
    return build_token_request(login_url, **{**TOKEN_ARGS, **overrides})


def test_build_token_request_form() -> None:
    request = token_request()
    request.read()

    assert request.method == "POST"
    assert str(request.url) == f"{LOGIN}/oauth2/token"
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert request.headers["Accept"] == "application/json"
    assert request.headers["User-Agent"] == "bigcommerce-client/test"
    assert "X-Auth-Token" not in request.headers
    assert "Authorization" not in request.headers
    assert parse_qs(request.content.decode(), strict_parsing=True) == {
        "client_id": [CLIENT_ID],
        "client_secret": [SECRET],
        "code": ["one-time-code"],
        "context": ["stores/abc123"],
        "scope": ["store_v2_products store_v2_orders_read_only"],
        "grant_type": ["authorization_code"],
        "redirect_uri": ["https://app.example/auth"],
    }


@pytest.mark.parametrize(
    ("login_url", "expected"),
    [
        ("http://127.0.0.1:8123", "http://127.0.0.1:8123/oauth2/token"),
        ("http://127.0.0.1:8123/", "http://127.0.0.1:8123/oauth2/token"),
        ("http://127.0.0.1:8123/login", "http://127.0.0.1:8123/login/oauth2/token"),
        ("http://127.0.0.1:8123/login/", "http://127.0.0.1:8123/login/oauth2/token"),
        ("https://login.example//", "https://login.example/oauth2/token"),
    ],
)
def test_build_token_request_url_join(login_url: str, expected: str) -> None:
    assert str(token_request(login_url).url) == expected


@pytest.mark.parametrize(
    "scope",
    [
        ["store_v2_products", "store_v2_orders_read_only"],
        ("store_v2_products", "store_v2_orders_read_only"),
        "  store_v2_products   store_v2_orders_read_only ",
    ],
)
def test_build_token_request_scope_forms(scope: Any) -> None:
    request = token_request(scope=scope)
    request.read()

    fields = parse_qs(request.content.decode())
    assert fields["scope"] == ["store_v2_products store_v2_orders_read_only"]


@pytest.mark.parametrize(
    "name", ["client_id", "client_secret", "code", "context", "redirect_uri"]
)
@pytest.mark.parametrize("value", [None, "", "   "])
def test_build_token_request_missing(name: str, value: Any) -> None:
    with pytest.raises(ConfigurationException, match=f"^{name} is missing"):
        token_request(**{name: value})


@pytest.mark.parametrize("value", [None, "", "  ", [], ["", " "]])
def test_build_token_request_missing_scope(value: Any) -> None:
    with pytest.raises(ConfigurationException, match=r"^scope is missing"):
        token_request(scope=value)


@pytest.mark.parametrize("value", [42, ["ok", 1], {"a": 1}])
def test_build_token_request_bad_scope_type(value: Any) -> None:
    with pytest.raises(ConfigurationException, match="scope"):
        token_request(scope=value)


def test_build_token_request_non_str_code() -> None:
    with pytest.raises(ConfigurationException, match=r"^code must be a str"):
        token_request(code=12345)


@pytest.mark.parametrize(
    "context", ["abc123", "stores/", "store/abc123", "stores/abc/def", "stores/a b"]
)
def test_build_token_request_bad_context(context: str) -> None:
    with pytest.raises(ConfigurationException, match=r"stores/\{store_hash\}"):
        token_request(context=context)


@pytest.mark.parametrize(
    "login_url", ["", "127.0.0.1:8123", "ftp://127.0.0.1", "http://", "http://h/?a=1"]
)
def test_build_token_request_bad_login_url(login_url: str) -> None:
    with pytest.raises(ConfigurationException, match="login_url"):
        token_request(login_url)


@pytest.mark.parametrize("redirect_uri", ["/auth", "app.example/auth", "mailto:x@y"])
def test_build_token_request_bad_redirect_uri(redirect_uri: str) -> None:
    with pytest.raises(ConfigurationException, match="redirect_uri"):
        token_request(redirect_uri=redirect_uri)


def test_build_token_request_user_agent_line_break() -> None:
    with pytest.raises(ConfigurationException, match="user_agent"):
        token_request(user_agent="agent\r\nX-Auth-Token: x")


def test_build_token_request_errors_hide_secrets() -> None:
    for overrides in ({"context": "bad"}, {"scope": ""}, {"redirect_uri": "/x"}):
        with pytest.raises(ConfigurationException) as caught:
            token_request(**overrides)
        assert SECRET not in str(caught.value)
        assert "one-time-code" not in str(caught.value)


# ---------------------------------------------------------------------------
# Token response
# ---------------------------------------------------------------------------


def token_response(
    status: int,
    content: bytes | str,
    content_type: str | None = "application/json",
    **headers: str,
) -> httpx.Response:
    all_headers = dict(headers)
    if content_type is not None:
        all_headers["Content-Type"] = content_type
    raw = content.encode() if isinstance(content, str) else content
    return httpx.Response(
        status,
        headers=all_headers,
        content=raw,
        request=httpx.Request("POST", f"{LOGIN}/oauth2/token"),
    )


TOKEN_BODY = {
    "access_token": "new-access-token",
    "scope": "store_v2_products",
    "user": {"id": 9, "username": "owner", "email": "owner@example.com"},
    "owner": {"id": 9, "username": "owner", "email": "owner@example.com"},
    "context": "stores/abc123",
    "account_uuid": "00000000-0000-0000-0000-000000000000",
}


def parse_error(response: httpx.Response) -> HttpException:
    with pytest.raises(HttpException) as caught:
        parse_token_response(response)
    message = str(caught.value)
    assert message.startswith("the authorization code exchange failed")
    assert SECRET not in message
    assert "one-time-code" not in message
    assert caught.value.status_code == response.status_code
    assert caught.value.content == response.content
    assert caught.value.method == "POST"
    assert caught.value.url == f"{LOGIN}/oauth2/token"
    return caught.value


def test_parse_token_response_success() -> None:
    result = parse_token_response(token_response(200, json.dumps(TOKEN_BODY)))

    assert result == TOKEN_BODY
    assert isinstance(result, Mapping)
    assert result.access_token == "new-access-token"
    assert result.user.email == "owner@example.com"


def test_parse_token_response_invalid_grant() -> None:
    body = {"error": "invalid_grant", "error_description": "The code is invalid."}

    error = parse_error(token_response(400, json.dumps(body)))

    assert type(error) is BadRequestException
    assert "invalid_grant: The code is invalid." in error.message
    assert "only once" in error.message
    assert "expires" in error.message
    assert error.errors == body
    assert error.headers["Content-Type"] == "application/json"


def test_parse_token_response_unauthorized_json() -> None:
    body = {"error": "invalid_client", "error_description": "Bad client credentials"}

    error = parse_error(token_response(401, json.dumps(body)))

    assert type(error) is UnauthorizedException
    assert "invalid_client: Bad client credentials" in error.message
    assert "only once" not in error.message
    assert error.errors == body


def test_parse_token_response_json_error_200() -> None:
    body = {"error": "invalid_grant", "access_token": "should-not-be-used"}

    error = parse_error(token_response(200, json.dumps(body)))

    assert type(error) is HttpException
    assert "invalid_grant" in error.message


def test_parse_token_response_title_error() -> None:
    body = {"status": 406, "title": "Invalid format"}

    error = parse_error(token_response(406, json.dumps(body)))

    assert "Invalid format" in error.message


@pytest.mark.parametrize("status", [200, 500])
def test_parse_token_response_html(status: int) -> None:
    page = "<!DOCTYPE html><html><head><title>Log in</title></head></html>"

    error = parse_error(token_response(status, page, "text/html; charset=utf-8"))

    assert "HTML page instead of a token" in error.message
    assert "<!DOCTYPE html><html><head><title>Log in" in error.message
    assert error.errors is None
    expected = HttpException if status == 200 else ServerException
    assert type(error) is expected


def test_parse_token_response_html_without_content_type() -> None:
    error = parse_error(token_response(200, "\n  <html>login</html>", None))

    assert "HTML page" in error.message


def test_parse_token_response_long_html_quoted_briefly() -> None:
    page = "<html>" + "x" * 5000 + "</html>"

    error = parse_error(token_response(502, page, "text/html"))

    assert len(error.message) < 600
    assert error.content == page.encode()


def test_parse_token_response_redirect() -> None:
    response = token_response(302, "", None, Location="http://127.0.0.1:8123/login")

    error = parse_error(response)

    assert type(error) is RedirectionException
    assert "redirected the request to http://127.0.0.1:8123/login" in error.message
    assert "login URL or redirect_uri may be wrong" in error.message
    assert error.headers["Location"] == "http://127.0.0.1:8123/login"


def test_parse_token_response_redirect_without_location() -> None:
    error = parse_error(token_response(301, "", None))

    assert "without a Location header" in error.message


def test_parse_token_response_missing_access_token() -> None:
    body = {"scope": "store_v2_products", "context": "stores/abc123"}

    error = parse_error(token_response(200, json.dumps(body)))

    assert type(error) is HttpException
    assert "without a usable access_token" in error.message
    assert "context, scope" in error.message
    assert error.errors == body


@pytest.mark.parametrize("token", ["", None, 123, ["a"]])
def test_parse_token_response_unusable_access_token(token: Any) -> None:
    error = parse_error(token_response(200, json.dumps({"access_token": token})))

    assert "without a usable access_token" in error.message


def test_parse_token_response_json_not_object() -> None:
    error = parse_error(token_response(200, '["access_token"]'))

    assert "JSON list instead of an object" in error.message
    assert error.errors == ["access_token"]


def test_parse_token_response_non_utf8() -> None:
    error = parse_error(token_response(200, b"\xff\xfe\x00garbage", "text/plain"))

    assert "not JSON" in error.message
    assert "text/plain" in error.message
    assert error.errors is None


def test_parse_token_response_empty_body() -> None:
    error = parse_error(token_response(500, b"", None))

    assert type(error) is ServerException
    assert "empty body" in error.message


def test_parse_token_response_rate_limited() -> None:
    body = {"error": "too_many_requests"}

    error = parse_error(token_response(429, json.dumps(body), **{"Retry-After": "7"}))

    assert isinstance(error, RateLimitingException)
    assert error.retry_after == 7.0
