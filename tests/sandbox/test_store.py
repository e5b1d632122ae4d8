"""The store object: seed data, reset, rate-limit window, faults, minted tokens."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import jwt
import pytest

from bigcommerce._exceptions import ConfigurationException
from bigcommerce.sandbox import SandboxStore, check_loopback


def test_seed_sizes() -> None:
    store = SandboxStore()
    products = store.table("products")
    assert len(products) >= 60
    assert len(store.table("categories")) >= 5
    assert len(store.table("brands")) >= 5
    assert len(store.table("customers")) >= 20
    assert len(store.table("orders")) >= 30
    assert len(store.table("shipments")) > 0
    for product_id in products:
        variants = [
            v for v in store.table("variants").values() if v["product_id"] == product_id
        ]
        images = [
            i for i in store.table("images").values() if i["product_id"] == product_id
        ]
        assert variants, product_id
        assert images, product_id


def test_seed_names_unique_and_sample_items_present() -> None:
    names = [p["name"] for p in SandboxStore().table("products").values()]
    assert len(names) == len(set(names))
    assert "[Sample] Orbit Terrarium - Large" in names
    assert "[Sample] Chemex Coffeemaker - 3 Cup" in names
    assert "[Sample] Fog Linen Chambray Towel - Beige Stripe" in names


def test_seed_product_77_has_260_variants() -> None:
    store = SandboxStore()
    variants = [v for v in store.table("variants").values() if v["product_id"] == 77]
    assert len(variants) == 260
    assert all(v["option_values"] for v in variants)


def test_seed_deterministic() -> None:
    first, second = SandboxStore(), SandboxStore()
    assert first.tables == second.tables
    assert min(first.table("products")) == 77
    assert min(first.table("orders")) == 100


def test_seed_customers_have_addresses() -> None:
    store = SandboxStore()
    owners = {a["customer_id"] for a in store.table("addresses").values()}
    assert owners == set(store.table("customers"))


def test_empty_store() -> None:
    store = SandboxStore(seed=False)
    assert all(not rows for rows in store.tables.values())
    assert store.new_id("products") == 77


def test_reset_restores_seed() -> None:
    store = SandboxStore()
    del store.table("products")[77]
    store.new_id("products")
    store.reset()
    assert 77 in store.table("products")
    assert store.new_id("products") == 141


def test_default_credentials() -> None:
    store = SandboxStore()
    assert store.store_hash == "sandbox"
    assert store.access_token == "sandbox-token"
    assert store.client_id == "sandbox-client-id"
    assert store.client_secret == "sandbox-client-secret-0123456789abcdef"
    assert store.basic_auth == ("admin", "sandbox-api-key")


def test_rate_limit_window(clock: object) -> None:
    now = [1000.0]
    store = SandboxStore(seed=False, quota=2, window_ms=30_000, clock=lambda: now[0])
    first = store.count_request()
    assert first.allowed
    assert first.left == 1
    assert first.reset_ms == 30_000
    now[0] += 10
    second = store.count_request()
    assert second.left == 0
    assert second.reset_ms == 20_000
    assert not store.count_request().allowed
    now[0] += 20
    assert store.count_request().allowed


def test_rate_limit_rejects_bad_quota() -> None:
    with pytest.raises(ValueError, match="quota"):
        SandboxStore(seed=False, quota=0)


def test_fault_consumed_after_count() -> None:
    store = SandboxStore(seed=False)
    store.add_fault(500, count=2, path_prefix="/stores/")
    assert store.take_fault("GET", "/api/v2/time") is None
    assert store.take_fault("GET", "/stores/sandbox/v2/time") is not None
    assert store.take_fault("GET", "/stores/sandbox/v2/time") is not None
    assert store.take_fault("GET", "/stores/sandbox/v2/time") is None


def test_fault_rejects_bad_status() -> None:
    with pytest.raises(ValueError, match="status"):
        SandboxStore(seed=False).add_fault(42)


def test_signed_payload_jwt_claims() -> None:
    store = SandboxStore(seed=False)
    token = store.mint_signed_payload_jwt(
        user_id=7, user_email="u@example.com", now=1000
    )
    claims = jwt.decode(
        token,
        store.client_secret,
        algorithms=["HS256"],
        audience=store.client_id,
        options={"verify_exp": False, "verify_nbf": False, "verify_iat": False},
    )
    assert jwt.get_unverified_header(token)["alg"] == "HS256"
    assert claims["iss"] == "bc"
    assert claims["aud"] == "sandbox-client-id"
    assert claims["iat"] == 1000
    assert claims["nbf"] == 1000
    assert claims["exp"] == 1000 + 86400
    assert claims["sub"] == "stores/sandbox"
    assert claims["user"] == {"id": 7, "email": "u@example.com", "locale": "en-US"}
    assert claims["owner"]["id"] == 1
    assert claims["channel_id"] is None
    assert claims["url"] == "/"
    assert claims["jti"]


def test_signed_payload_jwt_long_secret_verifies() -> None:
    store = SandboxStore(seed=False, client_secret="s" * 64)
    token = store.mint_signed_payload_jwt(now=1000, algorithm="HS512")
    claims = jwt.decode(
        token,
        store.client_secret,
        algorithms=["HS512"],
        audience=store.client_id,
        options={"verify_exp": False},
    )
    assert claims["iss"] == "bc"


def test_signed_payload_jwt_overrides() -> None:
    store = SandboxStore(seed=False)
    token = store.mint_signed_payload_jwt(aud="someone-else", channel_id=2)
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["aud"] == "someone-else"
    assert claims["channel_id"] == 2


def test_signed_payload_jwt_uses_store_clock(clock: object) -> None:
    store = SandboxStore(seed=False, clock=lambda: 5000.0)
    claims = jwt.decode(
        store.mint_signed_payload_jwt(), options={"verify_signature": False}
    )
    assert claims["iat"] == 5000


def test_legacy_signed_payload_format() -> None:
    store = SandboxStore(seed=False)
    payload = store.mint_signed_payload(user_id=9, now=1234)
    encoded_data, encoded_signature = payload.split(".")
    data = base64.b64decode(encoded_data)
    expected = hmac.new(store.client_secret.encode(), data, hashlib.sha256).hexdigest()
    assert base64.b64decode(encoded_signature).decode() == expected
    body = json.loads(data)
    assert body["user"]["id"] == 9
    assert body["store_hash"] == "sandbox"
    assert body["timestamp"] == 1234


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.10", "::1", "localhost"])
def test_check_loopback_accepts(host: str) -> None:
    assert check_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "10.0.0.1", "::", "example.com", ""])
def test_check_loopback_rejects(host: str) -> None:
    with pytest.raises(ConfigurationException, match="loopback"):
        check_loopback(host)
