"""Malformed requests: each gets a 4xx in the platform's error shape, never a 500."""

from __future__ import annotations

import base64
import threading
from typing import Any

import httpx
import pytest

from bigcommerce.sandbox import SandboxServer, SandboxStore

V2 = "/stores/sandbox/v2"
V3 = "/stores/sandbox/v3"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
NEW_PRODUCT = {"name": "Bad Input Lamp", "type": "physical", "weight": 1, "price": 3}
NEW_CUSTOMER = {"email": "new@sandbox.example", "first_name": "A", "last_name": "B"}


def assert_v2_error(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert isinstance(body, list)
    assert body[0]["status"] == status
    assert body[0]["message"]


def assert_v3_error(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["status"] == status
    assert body["title"]
    assert body["type"]
    assert isinstance(body["errors"], dict)


def send_without_token(client: Any, method: str, url: str, **kwargs: Any) -> Any:
    request = client.http.build_request(method, url, **kwargs)
    del request.headers["X-Auth-Token"]
    return client.loop.run_until_complete(client.http.send(request))


# -- authentication --------------------------------------------------------


def test_basic_auth_non_ascii_header_401(client: Any) -> None:
    header = "Basic ÿé".encode("latin-1")
    response = send_without_token(
        client, "GET", "/api/v2/products", headers={"Authorization": header}
    )
    assert_v2_error(response, 401)


def test_basic_auth_non_utf8_credentials_401(client: Any) -> None:
    header = b"Basic " + base64.b64encode(b"\xff\xfe:key")
    response = send_without_token(
        client, "GET", "/api/v2/products", headers={"Authorization": header}
    )
    assert_v2_error(response, 401)


def token_form(store: SandboxStore, **changes: str) -> dict[str, str]:
    form = {
        "client_id": store.client_id,
        "client_secret": store.client_secret,
        "code": store.mint_install_code(),
        "grant_type": "authorization_code",
        "redirect_uri": "https://app.example/auth",
    }
    form.update(changes)
    return form


def test_oauth_non_ascii_client_id_401(client: Any, store: SandboxStore) -> None:
    form = token_form(store, client_id="clïent", client_secret="sécret")
    response = send_without_token(client, "POST", "/oauth2/token", data=form)
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


def test_oauth_repeated_field_400(client: Any, store: SandboxStore) -> None:
    form = token_form(store)
    content = "client_id=intruder&" + str(httpx.QueryParams(form))
    response = send_without_token(
        client, "POST", "/oauth2/token", content=content, headers=FORM
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
    assert "client_id" in response.json()["error_description"]
    assert form["code"] in store.install_codes


# -- query values ----------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "name"),
    [
        (V3 + "/catalog/products", "date_modified:max"),
        (V3 + "/customers", "date_created:min"),
        (V2 + "/products", "min_date_created"),
        (V2 + "/orders", "max_date_modified"),
    ],
)
def test_date_filter_epoch_out_of_range(client: Any, url: str, name: str) -> None:
    response = client.get(url, params={name: "99999999999999999999"})
    if url.startswith(V3):
        assert_v3_error(response, 422)
    else:
        assert_v2_error(response, 400)
    assert name in response.text


# -- v3 bodies -------------------------------------------------------------


@pytest.mark.parametrize("price", [-5, 10**400], ids=["negative", "huge"])
def test_v3_product_price_out_of_range(client: Any, price: int) -> None:
    response = client.put(V3 + "/catalog/products/77", json={"price": price})
    assert_v3_error(response, 422)
    assert "price" in response.json()["errors"]
    assert client.get(V3 + "/catalog/products/77").status_code == 200


def test_v2_product_price_too_large(client: Any) -> None:
    response = client.put(V2 + "/products/77", json={"price": "1e400"})
    assert_v2_error(response, 400)
    assert client.get(V2 + "/products/77").json()["price"] == "49.0000"


@pytest.mark.parametrize(
    "embedded",
    [
        {"custom_fields": 5},
        {"images": "photo.jpg"},
        {"images": [{"image_url": 5}]},
        {"images": [{"image_url": "https://img.example/a.jpg", "is_thumbnail": "y"}]},
        {"custom_fields": [{"name": "colour"}]},
        {"custom_fields": [{"name": 5, "value": "red"}]},
    ],
)
def test_v3_product_create_bad_embedded(
    client: Any, store: SandboxStore, embedded: dict[str, Any]
) -> None:
    before = len(store.table("products"))
    response = client.post(V3 + "/catalog/products", json={**NEW_PRODUCT, **embedded})
    assert_v3_error(response, 422)
    assert len(store.table("products")) == before


def test_v3_product_create_embedded_saved(client: Any) -> None:
    body = {
        **NEW_PRODUCT,
        "images": [{"image_url": "https://img.example/a.jpg", "is_thumbnail": True}],
        "custom_fields": [{"name": "colour", "value": "red"}],
    }
    created = client.post(V3 + "/catalog/products", json=body).json()["data"]
    product = f"{V3}/catalog/products/{created['id']}"
    images = client.get(product + "/images").json()["data"]
    assert [image["image_url"] for image in images] == ["https://img.example/a.jpg"]
    assert images[0]["is_thumbnail"] is True
    fields = client.get(product + "/custom-fields").json()["data"]
    assert [(field["name"], field["value"]) for field in fields] == [("colour", "red")]


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (
            V3 + "/catalog/products/80/images",
            {"image_url": "https://img.example/a.jpg"},
        ),
        (V2 + "/products/80/images", {"image_file": "https://img.example/a.jpg"}),
    ],
)
def test_image_create_ignores_body_id(
    client: Any, store: SandboxStore, url: str, body: dict[str, Any]
) -> None:
    response = client.post(url, json={**body, "id": 5})
    created = response.json()
    image_id = created["data"]["id"] if url.startswith(V3) else created["id"]
    assert image_id != 5
    assert store.table("images")[image_id]["id"] == image_id


@pytest.mark.parametrize(
    "addresses", ["home", [{"first_name": "A"}], [5]], ids=["text", "partial", "int"]
)
def test_v3_customer_bad_address_atomic(
    client: Any, store: SandboxStore, addresses: Any
) -> None:
    before = len(store.table("customers"))
    body = [{**NEW_CUSTOMER, "addresses": addresses}]
    assert_v3_error(client.post(V3 + "/customers", json=body), 422)
    assert len(store.table("customers")) == before


# -- v2 bodies -------------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"products": [{"product_id": [77]}]},
        {"products": [{"product_id": True}]},
        {"shipping_addresses": [1]},
        {"shipping_addresses": "abc"},
    ],
)
def test_v2_order_create_bad_body_400(
    client: Any, store: SandboxStore, changes: dict[str, Any]
) -> None:
    before = len(store.table("orders"))
    body = {"billing_address": {}, "products": [{"product_id": 77}], **changes}
    assert_v2_error(client.post(V2 + "/orders", json=body), 400)
    assert len(store.table("orders")) == before


@pytest.mark.parametrize(
    ("line", "quantity"), [("list", 1), ("text", 1), ("id", "x"), ("id", 0)]
)
def test_v2_shipment_bad_item_400(client: Any, line: str, quantity: Any) -> None:
    line_id = client.get(V2 + "/orders/100/products").json()[0]["id"]
    given = {"list": [line_id], "text": str(line_id), "id": line_id}[line]
    item = {"order_product_id": given, "quantity": quantity}
    response = client.post(V2 + "/orders/100/shipments", json={"items": [item]})
    assert_v2_error(response, 400)


# -- control API -----------------------------------------------------------


@pytest.mark.parametrize(
    "fault",
    [
        {"status": 500.5},
        {"status": True},
        {"status": 100},
        {"status": 500, "count": 1.5},
        {"status": 500, "headers": {"X-Count": 5}},
        {"status": 500, "headers": {"X-Bad": "a\r\nSet-Cookie: x=1"}},
        {"status": 500, "headers": {"Bad Name": "x"}},
        {"status": 500, "headers": ["X-A"]},
        {"status": 500, "body": 5},
        {"status": 500, "content_type": 5},
        {"status": 500, "path_prefix": 5},
        {"status": 500, "method": 5},
        {"status": 500, "delay": "slow"},
        {"status": 500, "delay": -1},
        {"status": 204, "body": "x"},
    ],
)
def test_fault_invalid_setting_400(client: Any, fault: dict[str, Any]) -> None:
    response = client.post("/_sandbox/faults", json=fault)
    assert response.status_code == 400
    assert response.json()["message"]
    assert client.get("/_sandbox/faults").json()["faults"] == []
    assert client.get(V2 + "/time").status_code == 200


def test_fault_nan_delay_400(client: Any) -> None:
    content = b'{"status": 500, "delay": NaN}'
    response = client.post("/_sandbox/faults", content=content)
    assert response.status_code == 400


@pytest.mark.parametrize(
    "content",
    [b"null", b"[]", b'{"quota": 1e400}', b'{"quota": true}', b'{"window_ms": 1.5}'],
)
def test_rate_limit_invalid_body_400(
    client: Any, store: SandboxStore, content: bytes
) -> None:
    response = client.put("/_sandbox/rate-limit", content=content)
    assert response.status_code == 400
    assert store.quota > 1


@pytest.mark.parametrize("content", [b"null", b"[]", b'{"scope": 5}', b"{"])
def test_install_code_invalid_body_400(
    client: Any, store: SandboxStore, content: bytes
) -> None:
    response = client.post("/_sandbox/install-codes", content=content)
    assert response.status_code == 400
    assert not store.install_codes


# -- concurrency over HTTP -------------------------------------------------


def test_concurrent_creates_unique_ids() -> None:
    store = SandboxStore()
    statuses: list[int] = []
    product_ids: list[int] = []
    lock = threading.Lock()

    def create(worker: int, http: httpx.Client) -> None:
        for index in range(5):
            body = {**NEW_PRODUCT, "name": f"Lamp {worker}-{index}"}
            response = http.post(V3 + "/catalog/products", json=body)
            duplicate = http.post(V3 + "/catalog/products", json=NEW_PRODUCT)
            with lock:
                statuses.extend([response.status_code, duplicate.status_code])
                product_ids.append(response.json()["data"]["id"])

    with SandboxServer(store=store) as server:
        headers = {"X-Auth-Token": store.access_token}
        with httpx.Client(base_url=server.url, headers=headers) as http:
            threads = [
                threading.Thread(target=create, args=(worker, http))
                for worker in range(6)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()

    assert len(product_ids) == 30
    assert len(set(product_ids)) == 30
    assert statuses.count(409) == 29
    assert 500 not in statuses
    named = [
        p for p in store.table("products").values() if p["name"] == "Bad Input Lamp"
    ]
    assert len(named) == 1
