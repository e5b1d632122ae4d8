"""The app's gate and side routes: auth, rate limits, faults, gzip, log, OAuth."""

from __future__ import annotations

import asyncio
import gzip
from typing import Any

import httpx

from bigcommerce.sandbox import SandboxStore, create_app

V2 = "/stores/sandbox/v2"
V3 = "/stores/sandbox/v3"
RATE_HEADERS = (
    "X-Rate-Limit-Time-Window-Ms",
    "X-Rate-Limit-Time-Reset-Ms",
    "X-Rate-Limit-Requests-Quota",
    "X-Rate-Limit-Requests-Left",
)
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def test_create_app_defaults_to_seeded_store() -> None:
    app = create_app()
    assert isinstance(app.state.store, SandboxStore)
    assert app.state.store.table("products")


def test_v3_missing_token_401(client: Any) -> None:
    response = client.get(V3 + "/catalog/products", headers={"X-Auth-Token": ""})
    assert response.status_code == 401
    body = response.json()
    assert body["status"] == 401
    assert body["title"]
    assert body["type"]


def test_v2_wrong_token_401(client: Any) -> None:
    response = client.get(V2 + "/products", headers={"X-Auth-Token": "wrong"})
    assert response.status_code == 401
    assert response.json()[0]["status"] == 401
    assert response.json()[0]["message"]


def test_wrong_store_hash_404(client: Any) -> None:
    response = client.get("/stores/other/v3/catalog/products")
    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_unknown_route_404_shapes(client: Any) -> None:
    v3 = client.get(V3 + "/catalog/nothing")
    v2 = client.get(V2 + "/nothing")
    assert v3.status_code == 404
    assert v3.json()["status"] == 404
    assert v2.json() == [
        {"status": 404, "message": "The requested resource was not found."}
    ]


def test_non_integer_id_404(client: Any) -> None:
    assert client.get(V3 + "/catalog/products/abc").status_code == 404


def test_wrong_method_405(client: Any) -> None:
    response = client.request("PATCH", V2 + "/products/78")
    assert response.status_code == 405
    assert response.json()[0]["status"] == 405


def test_rate_limit_headers_every_response(client: Any) -> None:
    for path in (V2 + "/time", V3 + "/catalog/products", V2 + "/products/9999"):
        response = client.get(path)
        for name in RATE_HEADERS:
            assert name in response.headers, (path, name)
    assert response.headers["X-Rate-Limit-Requests-Left"] == str(1_000_000 - 3)


def test_rate_limit_429_then_window_resets(clock: Any, make_client: Any) -> None:
    store = SandboxStore(seed=False, quota=2, window_ms=30_000, clock=clock)
    sync = make_client(store)
    assert sync.get(V2 + "/time").headers["X-Rate-Limit-Requests-Left"] == "1"
    clock.now += 5
    assert sync.get(V2 + "/time").status_code == 200
    limited = sync.get(V3 + "/catalog/products")
    assert limited.status_code == 429
    assert limited.headers["X-Rate-Limit-Requests-Left"] == "0"
    assert limited.headers["X-Rate-Limit-Time-Reset-Ms"] == "25000"
    assert limited.headers["X-Retry-After"] == "25"
    assert limited.json()["status"] == 429
    v2_limited = sync.get(V2 + "/time")
    assert v2_limited.json()[0]["status"] == 429
    clock.now += 25
    assert sync.get(V2 + "/time").status_code == 200


def test_rate_limit_set_via_control_api(client: Any) -> None:
    response = client.put("/_sandbox/rate-limit", json={"quota": 1, "window_ms": 1000})
    assert response.status_code == 200
    assert client.get(V2 + "/time").headers["X-Rate-Limit-Requests-Quota"] == "1"
    assert client.get(V2 + "/time").status_code == 429


def test_fault_via_control_api(client: Any) -> None:
    fault = {
        "status": 503,
        "count": 2,
        "body": "<html>Down for maintenance</html>",
        "content_type": "text/html",
        "path_prefix": "/stores/",
        "headers": {"Retry-After": "1"},
    }
    assert client.post("/_sandbox/faults", json=fault).status_code == 201
    for _ in range(2):
        response = client.get(V2 + "/time")
        assert response.status_code == 503
        assert response.headers["content-type"].startswith("text/html")
        assert response.headers["Retry-After"] == "1"
        assert b"maintenance" in response.content
        assert "X-Rate-Limit-Requests-Left" not in response.headers
    assert client.get(V2 + "/time").status_code == 200


def test_fault_429_without_headers(client: Any, store: SandboxStore) -> None:
    store.add_fault(429, path_prefix=V3)
    assert client.get(V2 + "/time").status_code == 200
    response = client.get(V3 + "/catalog/brands")
    assert response.status_code == 429
    assert "X-Retry-After" not in response.headers


def test_fault_xml_body(client: Any, store: SandboxStore) -> None:
    store.add_fault(
        200, body="<?xml version='1.0'?><products/>", content_type="application/xml"
    )
    response = client.get(V2 + "/products")
    assert response.headers["content-type"].startswith("application/xml")


def test_fault_method_filter(client: Any, store: SandboxStore) -> None:
    store.add_fault(502, method="POST")
    assert client.get(V2 + "/time").status_code == 200
    assert client.post(V2 + "/orders", json={}).status_code == 502


def test_fault_rejects_unknown_fields(client: Any) -> None:
    response = client.post("/_sandbox/faults", json={"status": 500, "colour": "red"})
    assert response.status_code == 400


def test_fault_list_and_clear(client: Any) -> None:
    client.post("/_sandbox/faults", json={"status": 500, "count": 3})
    assert client.get("/_sandbox/faults").json()["faults"][0]["count"] == 3
    assert client.delete("/_sandbox/faults").status_code == 204
    assert client.get("/_sandbox/faults").json() == {"faults": []}


def test_control_reset(client: Any) -> None:
    client.delete(V3 + "/catalog/products/77")
    assert client.post("/_sandbox/reset").status_code == 200
    assert client.get(V3 + "/catalog/products/77").status_code == 200


def test_control_rejects_remote_client(store: SandboxStore) -> None:
    import asyncio

    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(
            app=create_app(store), client=("192.0.2.1", 5000)
        )
        async with httpx.AsyncClient(transport=transport, base_url="http://x") as http:
            return await http.post("/_sandbox/reset")

    assert asyncio.run(call()).status_code == 403


def test_request_log_masks_token(client: Any, store: SandboxStore) -> None:
    client.get(V2 + "/products", params={"limit": 5})
    entry = store.requests[-1]
    assert entry["method"] == "GET"
    assert entry["path"] == V2 + "/products"
    assert entry["query"] == "limit=5"
    assert entry["status"] == 200
    assert entry["headers"]["x-auth-token"] == "***"
    assert "sandbox-token" not in str(client.get("/_sandbox/requests").json())


def test_request_log_masks_basic_auth(client: Any, store: SandboxStore) -> None:
    client.get("/api/v2/time", headers={"Authorization": "Basic YWRtaW46eA=="})
    assert store.requests[-1]["headers"]["authorization"] == "***"
    assert store.requests[-1]["status"] == 401


def test_gzip_when_accepted(client: Any) -> None:
    response = client.get(V3 + "/catalog/products", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert response.json()["data"]


def test_gzip_raw_bytes(client: Any) -> None:
    async def raw() -> bytes:
        request = client.http.build_request(
            "GET", V3 + "/catalog/products", headers={"Accept-Encoding": "gzip"}
        )
        response = await client.http.send(request, stream=True)
        body = b"".join([chunk async for chunk in response.aiter_raw()])
        await response.aclose()
        return body

    body = client.loop.run_until_complete(raw())
    assert gzip.decompress(body).startswith(b'{"data"')


def test_no_gzip_without_accept(client: Any) -> None:
    response = client.get(
        V3 + "/catalog/products", headers={"Accept-Encoding": "identity"}
    )
    assert "content-encoding" not in response.headers


# -- OAuth token exchange --------------------------------------------------


def token_form(store: SandboxStore, code: str, **changes: str) -> dict[str, str]:
    form = {
        "client_id": store.client_id,
        "client_secret": store.client_secret,
        "code": code,
        "context": "stores/sandbox",
        "scope": "store_v2_products",
        "grant_type": "authorization_code",
        "redirect_uri": "https://app.example/auth",
    }
    form.update(changes)
    return form


def clean_post(client: Any, **kwargs: Any) -> httpx.Response:
    """POST /oauth2/token without the default store token header."""
    request = client.http.build_request("POST", "/oauth2/token", **kwargs)
    del request.headers["X-Auth-Token"]
    return client.loop.run_until_complete(client.http.send(request))


def test_oauth_token_success_then_reuse(client: Any, store: SandboxStore) -> None:
    code = store.mint_install_code(scope="store_v2_products store_v2_orders")
    response = clean_post(client, data=token_form(store, code))
    assert response.status_code == 200
    body = response.json()
    assert body["access_token"] == store.access_token
    assert body["scope"] == "store_v2_products store_v2_orders"
    assert body["context"] == "stores/sandbox"
    assert set(body["user"]) == {"id", "username", "email"}
    assert body["owner"]["email"]
    assert body["account_uuid"]

    again = clean_post(client, data=token_form(store, code))
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_grant"
    assert again.json()["error_description"]


def test_oauth_token_json_body_406(client: Any, store: SandboxStore) -> None:
    code = store.mint_install_code()
    response = clean_post(client, json=token_form(store, code))
    assert response.status_code == 406
    assert clean_post(client, data=token_form(store, code)).status_code == 200


def test_oauth_token_with_store_token_400(client: Any, store: SandboxStore) -> None:
    code = store.mint_install_code()
    response = client.post("/oauth2/token", data=token_form(store, code), headers=FORM)
    assert response.status_code == 400
    assert "X-Auth-Token" in response.json()["error_description"]


def test_oauth_token_wrong_secret_401(client: Any, store: SandboxStore) -> None:
    code = store.mint_install_code()
    response = clean_post(client, data=token_form(store, code, client_secret="nope"))
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


def test_oauth_token_redirect_mismatch(client: Any, store: SandboxStore) -> None:
    code = store.mint_install_code(redirect_uri="https://app.example/auth")
    form = token_form(store, code, redirect_uri="https://evil.example/auth")
    response = clean_post(client, data=form)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_oauth_token_missing_fields_400(client: Any, store: SandboxStore) -> None:
    response = clean_post(client, data={"client_id": store.client_id})
    assert response.status_code == 400
    assert "client_secret" in response.json()["error_description"]


def test_oauth_token_wrong_grant_type(client: Any, store: SandboxStore) -> None:
    form = token_form(store, store.mint_install_code(), grant_type="password")
    assert clean_post(client, data=form).json()["error"] == "unsupported_grant_type"


def test_oauth_code_via_control_api(client: Any, store: SandboxStore) -> None:
    code = client.post("/_sandbox/install-codes", json={"scope": "s"}).json()["code"]
    assert clean_post(client, data=token_form(store, code)).json()["scope"] == "s"


def test_request_log_written_before_response(store: SandboxStore) -> None:
    app = create_app(store)
    logged_at_start: list[int] = []
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/stores/sandbox/v2/time",
        "raw_path": b"/stores/sandbox/v2/time",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"x-auth-token", store.access_token.encode())],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 80),
    }

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            logged_at_start.append(len(store.requests))

    asyncio.run(app(scope, receive, send))
    assert logged_at_start == [1]
    assert store.requests[0]["status"] == 200
