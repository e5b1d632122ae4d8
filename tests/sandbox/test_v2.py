"""v2 routes through the in-process ASGI app: bare arrays, 204, 413, counts, writes."""

from __future__ import annotations

import base64
from typing import Any

import pytest

V2 = "/stores/sandbox/v2"


def basic(username: str = "admin", api_key: str = "sandbox-api-key") -> dict[str, str]:
    token = base64.b64encode(f"{username}:{api_key}".encode()).decode()
    return {"Authorization": f"Basic {token}", "X-Auth-Token": ""}


def test_products_bare_array_default_limit(client: Any) -> None:
    response = client.get(V2 + "/products")
    assert response.status_code == 200
    rows = response.json()
    assert isinstance(rows, list)
    assert len(rows) == 50


def test_products_money_and_dates(client: Any) -> None:
    product = client.get(V2 + "/products/78").json()
    assert product["price"] == "89.0000"
    assert product["date_created"] == "Wed, 03 Jan 2024 09:00:00 +0000"
    assert product["images"]["resource"] == "/products/78/images"
    assert product["primary_image"]["zoom_url"].startswith(
        "https://cdn11.bigcommerce.com/"
    )


def test_products_page_past_end_204(client: Any) -> None:
    response = client.get(V2 + "/products", params={"page": 99})
    assert response.status_code == 204
    assert response.content == b""


def test_products_last_page_short(client: Any) -> None:
    rows = client.get(V2 + "/products", params={"page": 2, "limit": 50}).json()
    assert len(rows) == 14


def test_products_limit_over_250_413(client: Any) -> None:
    response = client.get(V2 + "/products", params={"limit": 251})
    assert response.status_code == 413
    body = response.json()
    assert body[0]["status"] == 413
    assert "250" in body[0]["message"]


@pytest.mark.parametrize("limit", ["0", "-1", "abc", "2.5"])
def test_products_invalid_limit_400(client: Any, limit: str) -> None:
    response = client.get(V2 + "/products", params={"limit": limit})
    assert response.status_code == 400
    assert response.json()[0]["status"] == 400


def test_products_invalid_page_400(client: Any) -> None:
    assert client.get(V2 + "/products", params={"page": "0"}).status_code == 400


def test_products_count(client: Any) -> None:
    assert client.get(V2 + "/products/count").json() == {"count": 64}
    filtered = client.get(V2 + "/products/count", params={"category": 24}).json()
    assert 0 < filtered["count"] < 64


def test_products_filters_min_max(client: Any) -> None:
    rows = client.get(V2 + "/products", params={"min_id": 100, "max_id": 104}).json()
    assert [r["id"] for r in rows] == [100, 101, 102, 103, 104]


def test_products_sort_desc(client: Any) -> None:
    rows = client.get(V2 + "/products", params={"sort": "id:desc", "limit": 3}).json()
    assert [r["id"] for r in rows] == [140, 139, 138]


def test_products_missing_404_shape(client: Any) -> None:
    response = client.get(V2 + "/products/9999")
    assert response.status_code == 404
    assert response.json() == [
        {"status": 404, "message": "The requested resource was not found."}
    ]


def test_products_crud(client: Any) -> None:
    body = {
        "name": "Legacy Lamp",
        "type": "physical",
        "price": "12.50",
        "weight": 1,
        "categories": [18],
        "availability": "available",
    }
    created = client.post(V2 + "/products", json=body)
    assert created.status_code == 201
    product = created.json()
    assert product["price"] == "12.5000"
    updated = client.put(
        f"{V2}/products/{product['id']}", json={"name": "Legacy Lamp 2"}
    )
    assert updated.json()["name"] == "Legacy Lamp 2"
    v3 = client.get(f"/stores/sandbox/v3/catalog/products/{product['id']}").json()
    assert v3["data"]["name"] == "Legacy Lamp 2"
    assert client.delete(f"{V2}/products/{product['id']}").status_code == 204
    assert client.get(f"{V2}/products/{product['id']}").status_code == 404


def test_products_create_duplicate_409(client: Any) -> None:
    body = {
        "name": "[Sample] Orbit Terrarium - Large",
        "type": "physical",
        "price": 1,
        "weight": 1,
        "categories": [18],
        "availability": "available",
    }
    response = client.post(V2 + "/products", json=body)
    assert response.status_code == 409
    assert response.json()[0]["details"]["conflict_reason"]


def test_products_create_missing_fields_400(client: Any) -> None:
    response = client.post(V2 + "/products", json={"name": "Incomplete"})
    assert response.status_code == 400
    assert "price" in response.json()[0]["message"]


def test_skus_page_past_250(client: Any) -> None:
    first = client.get(
        V2 + "/products/77/skus", params={"page": 1, "limit": 250}
    ).json()
    second = client.get(
        V2 + "/products/77/skus", params={"page": 2, "limit": 250}
    ).json()
    assert len(first) == 250
    assert len(second) == 10
    assert client.get(V2 + "/products/77/skus/count").json() == {"count": 260}
    third = client.get(V2 + "/products/77/skus", params={"page": 3, "limit": 250})
    assert third.status_code == 204


def test_product_without_options_has_no_skus(client: Any) -> None:
    assert client.get(V2 + "/products/78/skus").status_code == 204


def test_product_images_options_custom_fields(client: Any) -> None:
    images = client.get(V2 + "/products/80/images").json()
    assert images[0]["product_id"] == 80
    assert len(client.get(V2 + "/products/77/options").json()) == 2
    fields = client.get(V2 + "/products/78/custom_fields").json()
    assert fields[0]["text"]
    created = client.post(
        V2 + "/products/78/custom_fields", json={"name": "A", "text": "B"}
    )
    assert created.status_code == 201


def test_categories_brands_option_sets(client: Any) -> None:
    categories = client.get(V2 + "/categories").json()
    names = [c["name"] for c in categories]
    assert names[:6] == [
        "Shop All",
        "Bath",
        "Garden",
        "Kitchen",
        "Publications",
        "Utility",
    ]
    coffee = client.get(V2 + "/categories/24").json()
    assert coffee["parent_category_list"] == [21, 24]
    assert client.get(V2 + "/brands/count").json() == {"count": 7}
    assert client.get(V2 + "/option_sets").json()[0]["id"] == 1


def test_categories_create_duplicate_409(client: Any) -> None:
    assert client.post(V2 + "/categories", json={"name": "Lamps"}).status_code == 201
    assert client.post(V2 + "/categories", json={"name": "Lamps"}).status_code == 409


def test_brands_update_and_delete(client: Any) -> None:
    assert (
        client.put(V2 + "/brands/35", json={"page_title": "CG"}).json()["page_title"]
        == "CG"
    )
    assert client.delete(V2 + "/brands/35").status_code == 204
    assert client.get(V2 + "/brands/35").status_code == 404


# -- orders ----------------------------------------------------------------


def test_orders_list_and_count(client: Any) -> None:
    rows = client.get(V2 + "/orders", params={"limit": 250}).json()
    assert len(rows) == 36
    assert rows[0]["id"] == 100
    assert rows[0]["total_inc_tax"].endswith("00")
    count = client.get(V2 + "/orders/count").json()
    assert count["count"] == 36


def test_orders_filter_dates_rfc2822_and_iso(client: Any) -> None:
    rfc = client.get(
        V2 + "/orders",
        params={
            "min_date_created": "Fri, 01 Mar 2024 00:00:00 +0000",
            "max_date_created": "Sun, 31 Mar 2024 23:59:59 +0000",
        },
    ).json()
    iso = client.get(
        V2 + "/orders",
        params={
            "min_date_created": "2024-03-01T00:00:00Z",
            "max_date_created": "2024-03-31",
        },
    ).json()
    assert rfc
    assert [o["id"] for o in rfc] == [o["id"] for o in iso]
    assert all("Mar 2024" in o["date_created"] for o in rfc)


def test_orders_filter_invalid_date_400(client: Any) -> None:
    response = client.get(V2 + "/orders", params={"min_date_created": "yesterday"})
    assert response.status_code == 400


def test_orders_filter_status_customer_ids(client: Any) -> None:
    shipped = client.get(V2 + "/orders", params={"status_id": 2}).json()
    assert shipped
    assert all(o["status"] == "Shipped" for o in shipped)
    mine = client.get(V2 + "/orders", params={"customer_id": 1}).json()
    assert all(o["customer_id"] == 1 for o in mine)
    ranged = client.get(V2 + "/orders", params={"min_id": 130, "max_id": 131}).json()
    assert [o["id"] for o in ranged] == [130, 131]
    none = client.get(V2 + "/orders", params={"customer_id": 999})
    assert none.status_code == 204


def test_orders_sort_date_desc(client: Any) -> None:
    rows = client.get(V2 + "/orders", params={"sort": "date_created:desc"}).json()
    assert rows[0]["id"] == 135


def test_order_products_and_shipments(client: Any) -> None:
    shipped = client.get(V2 + "/orders", params={"status_id": 2}).json()[0]
    order_id = shipped["id"]
    lines = client.get(f"{V2}/orders/{order_id}/products").json()
    assert lines[0]["order_id"] == order_id
    assert lines[0]["price_inc_tax"].count(".") == 1
    shipments = client.get(f"{V2}/orders/{order_id}/shipments").json()
    assert shipments[0]["items"][0]["order_product_id"] == lines[0]["id"]
    pending = client.get(V2 + "/orders/100/shipments")
    assert pending.status_code == 204


def test_order_create_update_delete(client: Any) -> None:
    body = {
        "customer_id": 2,
        "status_id": 11,
        "billing_address": {
            "first_name": "J",
            "last_name": "S",
            "street_1": "1 A St",
            "city": "Austin",
            "state": "Texas",
            "zip": "78701",
            "country": "United States",
            "country_iso2": "US",
            "email": "john.smith@example.com",
        },
        "products": [
            {"product_id": 78, "quantity": 2},
            {"name": "Gift wrap", "quantity": 1, "price_inc_tax": 5},
        ],
    }

    created = client.post(V2 + "/orders", json=body)
    assert created.status_code == 201
    order = created.json()
    assert order["id"] == 136
    assert order["total_inc_tax"] == "183.0000"
    assert order["items_total"] == 3
    lines = client.get(f"{V2}/orders/136/products").json()
    assert [line["quantity"] for line in lines] == [2, 1]

    updated = client.put(f"{V2}/orders/136", json={"status_id": 2})
    assert updated.json()["status"] == "Shipped"
    shipment = client.post(
        f"{V2}/orders/136/shipments",
        json={
            "tracking_number": "T1",
            "items": [{"order_product_id": lines[0]["id"], "quantity": 2}],
        },
    )
    assert shipment.status_code == 201

    assert client.delete(f"{V2}/orders/136").status_code == 204
    assert client.get(f"{V2}/orders/136").status_code == 404


def test_order_create_unknown_product_400(client: Any) -> None:
    body = {
        "billing_address": {"zip": "1"},
        "products": [{"product_id": 1, "quantity": 1}],
    }
    response = client.post(V2 + "/orders", json=body)
    assert response.status_code == 400
    assert "product_id" in response.json()[0]["message"]


def test_order_update_bad_status_400(client: Any) -> None:
    assert client.put(V2 + "/orders/100", json={"status_id": 99}).status_code == 400


# -- customers, store, time ------------------------------------------------


def test_customers_list_count_get(client: Any) -> None:
    rows = client.get(V2 + "/customers").json()
    assert len(rows) == 24
    assert client.get(V2 + "/customers/count").json() == {"count": 24}
    customer = client.get(V2 + "/customers/3").json()
    assert customer["store_credit"] == "0.0000"
    assert customer["date_created"].endswith("+0000")
    addresses = client.get(V2 + "/customers/2/addresses").json()
    assert addresses[0]["street_1"]


def test_customers_create_duplicate_409(client: Any) -> None:
    body = {"first_name": "J", "last_name": "D", "email": "jane.doe@example.com"}
    response = client.post(V2 + "/customers", json=body)
    assert response.status_code == 409


def test_customers_crud(client: Any) -> None:
    body = {"first_name": "New", "last_name": "Person", "email": "new@example.com"}
    customer = client.post(V2 + "/customers", json=body).json()
    assert customer["id"] == 25
    assert client.put(V2 + "/customers/25", json={"phone": "1"}).json()["phone"] == "1"
    address = {
        "first_name": "N",
        "last_name": "P",
        "street_1": "2 B St",
        "city": "C",
        "state": "S",
        "zip": "1",
        "country_iso2": "US",
        "phone": "1",
    }
    assert client.post(V2 + "/customers/25/addresses", json=address).status_code == 201
    assert client.delete(V2 + "/customers/25").status_code == 204
    assert client.get(V2 + "/customers/count").json() == {"count": 24}


def test_customers_create_missing_email_400(client: Any) -> None:
    response = client.post(
        V2 + "/customers", json={"first_name": "A", "last_name": "B"}
    )
    assert response.status_code == 400


def test_time_uses_store_clock(client: Any, clock: Any) -> None:
    assert client.get(V2 + "/time").json() == {"time": int(clock.now)}


def test_store_information(client: Any) -> None:
    info = client.get(V2 + "/store").json()
    assert info["id"] == "sandbox"
    assert info["currency"] == "USD"


def test_legacy_basic_auth(client: Any) -> None:
    response = client.get("/api/v2/products/78", headers=basic())
    assert response.status_code == 200
    assert (
        response.json()["images"]["url"] == "http://127.0.0.1/api/v2/products/78/images"
    )


def test_legacy_basic_auth_wrong_key_401(client: Any) -> None:
    response = client.get("/api/v2/products", headers=basic(api_key="nope"))
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Basic")
    assert response.json()[0]["status"] == 401


def test_legacy_basic_auth_missing_401(client: Any) -> None:
    response = client.get("/api/v2/time", headers={"X-Auth-Token": ""})
    assert response.status_code == 401
