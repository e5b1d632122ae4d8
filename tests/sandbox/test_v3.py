"""v3 routes through the in-process ASGI app: envelopes, paging, filters, writes."""

from __future__ import annotations

import base64
from typing import Any

import pytest

V3 = "/stores/sandbox/v3"
PRODUCTS = V3 + "/catalog/products"


def new_product(**fields: Any) -> dict[str, Any]:
    return {
        "name": "Sandbox Lamp",
        "type": "physical",
        "weight": 2,
        "price": 19.5,
        **fields,
    }


def test_products_envelope_and_pagination(client: Any) -> None:
    response = client.get(PRODUCTS, params={"limit": 10, "page": 2})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"data", "meta"}
    pagination = body["meta"]["pagination"]
    assert pagination == {
        "total": 64,
        "count": 10,
        "per_page": 10,
        "current_page": 2,
        "total_pages": 7,
        "links": {
            "current": "?page=2&limit=10",
            "previous": "?page=1&limit=10",
            "next": "?page=3&limit=10",
        },
    }
    assert [p["id"] for p in body["data"]] == list(range(87, 97))


def test_products_last_page_has_no_next_link(client: Any) -> None:
    pagination = client.get(PRODUCTS, params={"limit": 10, "page": 7}).json()["meta"][
        "pagination"
    ]
    assert pagination["count"] == 4
    assert "next" not in pagination["links"]


def test_products_page_past_end_empty(client: Any) -> None:
    body = client.get(PRODUCTS, params={"page": 99}).json()
    assert body["data"] == []
    assert body["meta"]["pagination"]["count"] == 0


def test_products_limit_capped_at_250(client: Any) -> None:
    body = client.get(PRODUCTS, params={"limit": 500}).json()
    assert body["meta"]["pagination"]["per_page"] == 250


@pytest.mark.parametrize("limit", ["0", "-3", "ten"])
def test_products_invalid_limit_422(client: Any, limit: str) -> None:
    response = client.get(PRODUCTS, params={"limit": limit})
    assert response.status_code == 422
    assert "limit" in response.json()["title"]


def test_products_money_are_numbers(client: Any) -> None:
    product = client.get(f"{PRODUCTS}/79").json()["data"]
    assert isinstance(product["price"], float)
    assert product["date_created"].endswith("+00:00")


def test_products_filter_id_in(client: Any) -> None:
    body = client.get(PRODUCTS + "?id:in=80,78,999").json()
    assert [p["id"] for p in body["data"]] == [78, 80]


def test_products_filter_id_not_in(client: Any) -> None:
    body = client.get(PRODUCTS + "?id:not_in=77,78&limit=250").json()
    assert len(body["data"]) == 62


def test_products_filter_name_exact_and_like(client: Any) -> None:
    exact = client.get(PRODUCTS, params={"name": "[Sample] Orbit Terrarium - Large"})
    assert [p["name"] for p in exact.json()["data"]] == [
        "[Sample] Orbit Terrarium - Large"
    ]
    like = client.get(PRODUCTS, params={"name:like": "terrarium"}).json()["data"]
    assert len(like) == 3


def test_products_filter_is_visible(client: Any) -> None:
    hidden = client.get(PRODUCTS, params={"is_visible": "false"}).json()["data"]
    assert hidden
    assert all(not p["is_visible"] for p in hidden)


def test_products_filter_is_featured_one(client: Any) -> None:
    featured = client.get(PRODUCTS, params={"is_featured": 1}).json()["data"]
    assert featured
    assert all(p["is_featured"] for p in featured)


def test_products_filter_categories(client: Any) -> None:
    coffee = client.get(PRODUCTS, params={"categories:in": "24"}).json()["data"]
    assert coffee
    assert all(24 in p["categories"] for p in coffee)


def test_products_filter_date_modified_range(client: Any) -> None:
    query = (
        "?date_modified:min=2024-03-01&date_modified:max=2024-03-31T23:59:59Z&limit=250"
    )
    rows = client.get(PRODUCTS + query).json()["data"]
    assert rows
    assert all(r["date_modified"].startswith("2024-03") for r in rows)


def test_products_filter_price_range(client: Any) -> None:
    rows = client.get(PRODUCTS + "?price:min=100&price:max=130").json()["data"]
    assert rows
    assert all(100 <= r["price"] <= 130 for r in rows)


def test_products_filter_invalid_value_422(client: Any) -> None:
    response = client.get(PRODUCTS + "?id:in=abc")
    assert response.status_code == 422
    assert "id:in" in response.json()["errors"]


def test_products_unknown_filter_ignored(client: Any) -> None:
    body = client.get(PRODUCTS, params={"colour_of_sky": "blue"}).json()
    assert body["meta"]["pagination"]["total"] == 64


def test_products_sort_desc(client: Any) -> None:
    rows = client.get(PRODUCTS, params={"sort": "price", "direction": "desc"}).json()[
        "data"
    ]
    prices = [r["price"] for r in rows]
    assert prices == sorted(prices, reverse=True)


def test_products_include_variants_images(client: Any) -> None:
    rows = client.get(
        PRODUCTS, params={"include": "variants,images", "limit": 2}
    ).json()["data"]
    assert len(rows[0]["variants"]) == 260
    assert rows[0]["images"][0]["image_url"].startswith(
        "https://cdn11.bigcommerce.com/"
    )
    assert rows[1]["variants"][0]["product_id"] == rows[1]["id"]


def test_products_include_options_caps_page(client: Any) -> None:
    body = client.get(PRODUCTS, params={"include": "options", "limit": 50}).json()
    assert body["meta"]["pagination"]["per_page"] == 10
    assert len(body["data"]) == 10
    assert body["data"][0]["options"][0]["display_name"] == "Colour"


def test_products_include_fields(client: Any) -> None:
    rows = client.get(PRODUCTS, params={"include_fields": "name,price"}).json()["data"]
    assert set(rows[0]) == {"id", "name", "price"}


def test_products_exclude_fields_keeps_id(client: Any) -> None:
    row = client.get(
        f"{PRODUCTS}/78", params={"exclude_fields": "id,description"}
    ).json()
    assert "description" not in row["data"]
    assert row["data"]["id"] == 78
    assert row["meta"] == {}


def test_product_get_missing_404(client: Any) -> None:
    response = client.get(f"{PRODUCTS}/9999")
    assert response.status_code == 404
    body = response.json()
    assert body["status"] == 404
    assert body["title"]
    assert body["type"]


def test_product_create_get_update_delete(client: Any) -> None:
    created = client.post(PRODUCTS, json=new_product(sku="LAMP-1", categories=[21]))
    assert created.status_code == 200
    product = created.json()["data"]
    assert product["id"] == 141
    assert product["price"] == 19.5
    assert product["base_variant_id"]

    fetched = client.get(f"{PRODUCTS}/141").json()["data"]
    assert fetched["name"] == "Sandbox Lamp"

    updated = client.put(f"{PRODUCTS}/141", json={"price": 25, "is_visible": False})
    assert updated.status_code == 200
    assert updated.json()["data"]["price"] == 25.0
    assert updated.json()["data"]["is_visible"] is False

    assert client.delete(f"{PRODUCTS}/141").status_code == 204
    assert client.get(f"{PRODUCTS}/141").status_code == 404


def test_product_create_with_images_and_custom_fields(client: Any) -> None:
    body = new_product(
        images=[{"image_url": "https://cdn.example/lamp.jpg", "is_thumbnail": True}],
        custom_fields=[{"name": "Bulb", "value": "E27"}],
    )
    product_id = client.post(PRODUCTS, json=body).json()["data"]["id"]
    images = client.get(f"{PRODUCTS}/{product_id}/images").json()["data"]
    assert images[0]["image_url"] == "https://cdn.example/lamp.jpg"
    fields = client.get(f"{PRODUCTS}/{product_id}/custom-fields").json()["data"]
    assert fields[0]["name"] == "Bulb"


def test_product_create_duplicate_name_409(client: Any) -> None:
    response = client.post(
        PRODUCTS, json=new_product(name="[Sample] Orbit Terrarium - Large")
    )
    assert response.status_code == 409
    body = response.json()
    assert body["status"] == 409
    assert "name" in body["errors"]


def test_product_create_duplicate_sku_409(client: Any) -> None:
    response = client.post(PRODUCTS, json=new_product(sku="SLCTBS"))
    assert response.status_code == 409
    assert "sku" in response.json()["errors"]


def test_product_create_missing_name_422(client: Any) -> None:
    body = new_product()
    del body["name"]
    response = client.post(PRODUCTS, json=body)
    assert response.status_code == 422
    assert set(response.json()) >= {"status", "title", "type", "errors"}
    assert "name" in response.json()["errors"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("price", "cheap"), ("price", "19.50"), ("id", "5"), ("is_visible", "yes")],
)
def test_product_create_wrong_type_422(client: Any, field: str, value: Any) -> None:
    response = client.post(PRODUCTS, json=new_product(**{field: value}))
    assert response.status_code == 422
    assert field in response.json()["errors"]


def test_product_create_unknown_brand_409(client: Any) -> None:
    response = client.post(PRODUCTS, json=new_product(brand_id=999))
    assert response.status_code == 409


def test_product_invalid_json_400(client: Any) -> None:
    response = client.post(
        PRODUCTS, content=b"{not json", headers={"Content-Type": "x"}
    )
    assert response.status_code == 400


def test_batch_update(client: Any) -> None:
    response = client.put(
        PRODUCTS, json=[{"id": 78, "price": 1}, {"id": 79, "price": 2}]
    )
    assert response.status_code == 200
    assert [p["price"] for p in response.json()["data"]] == [1.0, 2.0]


def test_batch_update_over_10_413(client: Any) -> None:
    items = [{"id": 78 + i, "price": 1} for i in range(11)]
    response = client.put(PRODUCTS, json=items)
    assert response.status_code == 413
    assert "10" in response.json()["title"]


def test_batch_update_partial_207(client: Any) -> None:
    response = client.put(
        PRODUCTS, json=[{"id": 78, "price": 3}, {"id": 9999, "price": 3}]
    )
    assert response.status_code == 207
    body = response.json()
    assert [p["id"] for p in body["data"]] == [78]
    assert body["errors"]["status"] == 207
    assert "1" in body["errors"]["errors"]


def test_batch_update_all_invalid_422(client: Any) -> None:
    response = client.put(PRODUCTS, json=[{"id": "78", "price": 3}])
    assert response.status_code == 422
    assert "0" in response.json()["errors"]


def test_delete_by_filter(client: Any) -> None:
    assert client.delete(PRODUCTS + "?id:in=78,79").status_code == 204
    remaining = client.get(PRODUCTS + "?id:in=78,79,80").json()["data"]
    assert [p["id"] for p in remaining] == [80]


def test_delete_by_filter_needs_filter(client: Any) -> None:
    response = client.delete(PRODUCTS)
    assert response.status_code == 422
    assert client.get(PRODUCTS).json()["meta"]["pagination"]["total"] == 64


@pytest.mark.parametrize("query", ["?id:in=", "?id:in=%20", "?name="])
def test_delete_by_empty_filter_rejected(client: Any, query: str) -> None:
    response = client.delete(PRODUCTS + query)
    assert response.status_code == 422
    assert client.get(PRODUCTS).json()["meta"]["pagination"]["total"] == 64


def test_variants_page_past_250(client: Any) -> None:
    first = client.get(f"{PRODUCTS}/77/variants", params={"limit": 250}).json()
    second = client.get(
        f"{PRODUCTS}/77/variants", params={"limit": 250, "page": 2}
    ).json()
    assert len(first["data"]) == 250
    assert len(second["data"]) == 10
    assert first["meta"]["pagination"]["total_pages"] == 2
    ids = [v["id"] for v in first["data"] + second["data"]]
    assert len(set(ids)) == 260


def test_variant_create_update_delete(client: Any) -> None:
    url = f"{PRODUCTS}/78/variants"
    created = client.post(url, json={"sku": "SB-0078-EXTRA", "price": 10})
    assert created.status_code == 200
    variant = created.json()["data"]
    assert variant["calculated_price"] == 10.0
    updated = client.put(f"{url}/{variant['id']}", json={"price": 11})
    assert updated.json()["data"]["price"] == 11.0
    assert client.delete(f"{url}/{variant['id']}").status_code == 204
    assert client.get(f"{url}/{variant['id']}").status_code == 404


def test_variant_create_needs_option_values(client: Any) -> None:
    response = client.post(f"{PRODUCTS}/77/variants", json={"sku": "NEW-TOWEL"})
    assert response.status_code == 422
    assert "option_values" in response.json()["errors"]


def test_variant_duplicate_sku_409(client: Any) -> None:
    sku = client.get(f"{PRODUCTS}/77/variants").json()["data"][0]["sku"]
    response = client.post(f"{PRODUCTS}/78/variants", json={"sku": sku})
    assert response.status_code == 409


def test_variant_of_other_product_404(client: Any) -> None:
    variant_id = client.get(f"{PRODUCTS}/77/variants").json()["data"][0]["id"]
    assert client.get(f"{PRODUCTS}/78/variants/{variant_id}").status_code == 404


def test_image_create_and_delete(client: Any) -> None:
    url = f"{PRODUCTS}/78/images"
    image = client.post(url, json={"image_url": "https://cdn.example/x.jpg"}).json()[
        "data"
    ]
    assert image["product_id"] == 78
    assert client.delete(f"{url}/{image['id']}").status_code == 204


def test_image_create_missing_url_422(client: Any) -> None:
    response = client.post(f"{PRODUCTS}/78/images", json={"is_thumbnail": True})
    assert response.status_code == 422


def test_categories_list_filter_parent(client: Any) -> None:
    rows = client.get(V3 + "/catalog/categories", params={"parent_id": 21}).json()[
        "data"
    ]
    assert [c["name"] for c in rows] == ["Coffee"]


def test_categories_create_duplicate_409(client: Any) -> None:
    url = V3 + "/catalog/categories"
    created = client.post(url, json={"name": "Lighting", "parent_id": 0})
    assert created.status_code == 200
    assert created.json()["data"]["id"] == 25
    again = client.post(url, json={"name": "Lighting", "parent_id": 0})
    assert again.status_code == 409


def test_categories_create_missing_parent_422(client: Any) -> None:
    response = client.post(V3 + "/catalog/categories", json={"name": "Lighting"})
    assert response.status_code == 422
    assert "parent_id" in response.json()["errors"]


def test_category_delete_removes_from_products(client: Any) -> None:
    assert client.delete(V3 + "/catalog/categories/24").status_code == 204
    rows = client.get(PRODUCTS, params={"categories:in": "24"}).json()["data"]
    assert rows == []


def test_brands_crud(client: Any) -> None:
    url = V3 + "/catalog/brands"
    names = [b["name"] for b in client.get(url).json()["data"]]
    assert {"Common Good", "Sagaform", "OFS"} <= set(names)
    brand = client.post(url, json={"name": "Lumen"}).json()["data"]
    assert (
        client.put(f"{url}/{brand['id']}", json={"page_title": "L"}).status_code == 200
    )
    assert client.post(url, json={"name": "Lumen"}).status_code == 409
    assert client.delete(f"{url}/{brand['id']}").status_code == 204


def test_brands_sort_by_name_desc(client: Any) -> None:
    url = V3 + "/catalog/brands?sort=name&direction=desc"
    names = [b["name"] for b in client.get(url).json()["data"]]
    assert names == sorted(names, reverse=True)


def test_product_created_in_v3_visible_in_v2(client: Any) -> None:
    product_id = client.post(PRODUCTS, json=new_product(categories=[18])).json()[
        "data"
    ]["id"]
    v2 = client.get(f"/stores/sandbox/v2/products/{product_id}")
    assert v2.status_code == 200
    assert v2.json()["price"] == "19.5000"


# -- customers -------------------------------------------------------------

CUSTOMERS = V3 + "/customers"


def test_customers_both_pagination_blocks(client: Any) -> None:
    meta = client.get(CUSTOMERS, params={"limit": 5}).json()["meta"]
    assert meta["pagination"]["total"] == 24
    cursor = meta["cursor_pagination"]
    assert cursor["count"] == 5
    assert cursor["per_page"] == 5
    assert base64.b64decode(cursor["end_cursor"]) == b"id:5"
    assert cursor["links"]["next"] == f"?limit=5&after={cursor['end_cursor']}"


def test_customers_cursor_walk_until_no_next(client: Any) -> None:
    seen: list[int] = []
    params: dict[str, Any] = {"limit": 7}
    requests = 0
    while True:
        body = client.get(CUSTOMERS, params=params).json()
        requests += 1
        seen += [c["id"] for c in body["data"]]
        cursor = body["meta"]["cursor_pagination"]
        if "next" not in cursor["links"]:
            break
        params = {"limit": 7, "after": cursor["end_cursor"]}
    assert seen == list(range(1, 25))
    assert requests == 4


def test_customers_cursor_before(client: Any) -> None:
    after = base64.b64encode(b"id:10").decode()
    before = base64.b64encode(b"id:10").decode()
    forward = client.get(CUSTOMERS, params={"limit": 3, "after": after}).json()["data"]
    backward = client.get(CUSTOMERS, params={"limit": 3, "before": before}).json()[
        "data"
    ]
    assert [c["id"] for c in forward] == [11, 12, 13]
    assert [c["id"] for c in backward] == [7, 8, 9]


def test_customers_invalid_cursor_422(client: Any) -> None:
    response = client.get(CUSTOMERS, params={"after": "not base64!"})
    assert response.status_code == 422


def test_customers_include_addresses(client: Any) -> None:
    row = client.get(CUSTOMERS, params={"include": "addresses", "id:in": "2"}).json()[
        "data"
    ]
    assert row[0]["addresses"][0]["customer_id"] == 2
    assert row[0]["address_count"] == len(row[0]["addresses"])


def test_customers_filter_name_like_and_email(client: Any) -> None:
    rows = client.get(CUSTOMERS, params={"name:like": "garc"}).json()["data"]
    assert [c["last_name"] for c in rows] == ["Garcia"]
    rows = client.get(CUSTOMERS, params={"email:in": "wei.chen@example.com"}).json()[
        "data"
    ]
    assert [c["id"] for c in rows] == [4]


def test_customers_sort_date_created_desc(client: Any) -> None:
    rows = client.get(CUSTOMERS, params={"sort": "date_created:desc"}).json()["data"]
    assert rows[0]["id"] == 24


def test_customers_create_update_delete(client: Any) -> None:
    address = {
        "first_name": "Ada",
        "last_name": "L",
        "address1": "1 Way",
        "city": "X",
        "state_or_province": "Y",
        "country_code": "GB",
        "postal_code": "N1",
    }
    body = [
        {
            "email": "ada@example.com",
            "first_name": "Ada",
            "last_name": "L",
            "addresses": [address],
        }
    ]
    created = client.post(CUSTOMERS, json=body)
    assert created.status_code == 200
    customer = created.json()["data"][0]
    assert customer["id"] == 25
    assert customer["addresses"][0]["country"] == "United Kingdom"
    updated = client.put(CUSTOMERS, json=[{"id": 25, "company": "Engines"}])
    assert updated.json()["data"][0]["company"] == "Engines"
    assert client.delete(CUSTOMERS + "?id:in=25").status_code == 204
    assert client.get(CUSTOMERS, params={"id:in": "25"}).json()["data"] == []


def test_customers_create_duplicate_email_422(client: Any) -> None:
    body = [{"email": "jane.doe@example.com", "first_name": "J", "last_name": "D"}]
    assert client.post(CUSTOMERS, json=body).status_code == 422


def test_customers_create_over_10_413(client: Any) -> None:
    body = [
        {"email": f"c{i}@example.com", "first_name": "C", "last_name": "D"}
        for i in range(11)
    ]
    response = client.post(CUSTOMERS, json=body)
    assert response.status_code == 413
    assert "10" in response.json()["title"]


def test_customers_delete_needs_filter(client: Any) -> None:
    assert client.delete(CUSTOMERS).status_code == 422
