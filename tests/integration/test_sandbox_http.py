"""The client against the sandbox store, over real HTTP on loopback."""

import copy
import json
import pickle
import warnings

import pytest

import bigcommerce as api


def test_basic_auth_lists_five_products(basic):
    products = basic.get("products", limit=5)
    assert len(products) == 5
    assert all(isinstance(product, api.Mapping) for product in products)
    assert products[0].name.startswith("[Sample]")
    assert isinstance(products[0].price, str)


def test_basic_auth_crud_round_trip(basic):
    created = basic.create(
        "products",
        {
            "name": "Integration Mug",
            "type": "physical",
            "price": "12.50",
            "weight": 1,
            "categories": [18],
            "availability": "available",
        },
    )
    assert created.name == "Integration Mug"
    basic.update("products", created.id, {"name": "Integration Mug 2"})
    assert basic.get("products", created.id).name == "Integration Mug 2"
    assert basic.delete("products", created.id) is None
    with pytest.raises(api.NotFoundException) as raised:
        basic.get("products", created.id)
    assert raised.value.status_code == 404
    assert isinstance(raised.value.errors, list)


def test_wrong_basic_credentials(server, store):
    wrong = api.Connection(server.url, ("admin", "wrong"))
    with wrong, pytest.raises(api.UnauthorizedException):
        wrong.get("products")


def test_product_images_sub_resource(basic):
    images = basic.get(f"products/{77}/images")
    assert len(images) >= 1
    assert all(image.product_id == 77 for image in images)


def test_page_past_the_end_is_empty(conn):
    with pytest.warns(api.EmptyResponseWarning):
        assert conn.get("products", page=99) == []


def test_pager_reads_every_sku_past_250(conn):
    pager = conn.iterate("products/77/skus")
    skus = list(pager)
    assert len(skus) == 260
    assert len({sku.id for sku in skus}) == 260
    assert pager.pages_read == 2


def test_pager_small_pages_match_count(conn):
    count = conn.get("products/count")["count"]
    pager = conn.iterate("products", limit=7)
    assert sum(1 for _ in pager) == count
    assert pager.pages_read == -(-count // 7) + (1 if count % 7 == 0 else 0)


def test_pager_takes_filters(conn):
    visible = list(conn.iterate("products", is_visible=True, limit=10))
    assert visible
    assert all(product.is_visible for product in visible)


def test_v3_products_with_meta(conn):
    products = conn.v3.get("catalog/products", limit=5)
    assert isinstance(products, api.ResultList)
    assert len(products) == 5
    pagination = products.meta["pagination"]
    assert pagination["per_page"] == 5
    assert pagination["total"] >= 60
    assert "meta" not in json.loads(json.dumps(products))[0]


def test_v3_get_one_and_filters(conn):
    product = conn.v3.get("catalog/products", 77, include="variants,images")
    assert product.id == 77
    assert product.meta == {}
    assert len(product.images) >= 1
    listed = conn.v3.get("catalog/products", params={"id:in": [77, 78]})
    assert sorted(item.id for item in listed) == [77, 78]


def test_v3_pager_reads_every_product(conn):
    total = conn.v3.get("catalog/products", limit=1).meta["pagination"]["total"]
    pager = conn.v3.iterate("catalog/products", limit=20)
    assert len(list(pager)) == total


def test_v3_customers_cursor_pager(conn, store):
    total = conn.v3.get("customers", limit=1).meta["pagination"]["total"]
    store.clear_requests()
    pager = conn.v3.iterate("customers", limit=5)
    customers = list(pager)
    assert len(customers) == total
    assert len({customer.id for customer in customers}) == total
    queries = [entry["query"] for entry in store.requests]
    assert len(queries) == -(-total // 5)
    assert "after=" not in queries[0]
    assert all("after=" in query for query in queries[1:])


def test_v3_create_duplicate_conflicts(conn):
    existing = conn.v3.get("catalog/products", 77)
    payload = {"name": existing.name, "type": "physical", "weight": 1, "price": 5}
    with pytest.raises(api.ConflictException) as raised:
        conn.v3.create("catalog/products", payload)
    assert existing.name in raised.value.message or raised.value.errors


def test_v3_missing_fields_unprocessable(conn):
    with pytest.raises(api.UnprocessableEntityException) as raised:
        conn.v3.create("catalog/products", {"type": "physical"})
    assert isinstance(raised.value.errors, dict)
    assert "name" in raised.value.message


def test_v3_create_update_delete(conn):
    created = conn.v3.create(
        "catalog/products",
        {"name": "Integration Kettle", "type": "physical", "weight": 2, "price": 30},
    )
    updated = conn.v3.update("catalog/products", created.id, {"price": 31.5})
    assert updated.price == 31.5
    assert conn.v3.delete("catalog/products", created.id) is None
    with pytest.raises(api.NotFoundException):
        conn.v3.get("catalog/products", created.id)


def test_v2_limit_above_maximum_rejected_before_sending(conn, store):
    store.clear_requests()
    with pytest.raises(api.ConfigurationException, match="250"):
        conn.get("products", limit=300)
    assert store.requests == []


def test_decimal_option_against_sandbox(conn):
    from decimal import Decimal

    conn.v3.update("catalog/products", 77, {"price": Decimal("225.1")})
    exact = conn.with_options(decimal=True).v3.get("catalog/products", 77)
    assert exact.price == Decimal("225.1")
    assert conn.v3.get("catalog/products", 77).price == 225.1


def test_results_survive_copy_pickle_and_json(conn):
    product = conn.v3.get("catalog/products", 77, include="variants")
    for clone in (copy.deepcopy(product), pickle.loads(pickle.dumps(product))):
        assert clone == product
        assert clone.meta == product.meta
    assert json.loads(json.dumps(product)) == product


def test_orders_and_sub_resources(conn):
    orders = conn.get("orders", limit=3, sort="id:asc")
    assert len(orders) == 3
    order_products = conn.get(f"orders/{orders[0].id}/products")
    assert order_products
    assert conn.get("orders/count")["count"] >= 30


def test_time_and_store_information(conn):
    assert isinstance(conn.get("time")["time"], int)
    assert conn.get("store")["id"]


def test_install_flow_then_requests_with_new_token(server, store):
    code = store.mint_install_code(
        scope="store_v2_products", redirect_uri="https://app.example/auth"
    )
    with api.OAuthConnection(
        store.client_id, store.store_hash, api_url=server.url, login_url=server.url
    ) as fresh:
        token = fresh.fetch_token(
            store.client_secret,
            code,
            f"stores/{store.store_hash}",
            "store_v2_products",
            "https://app.example/auth",
        )
        assert token.context == f"stores/{store.store_hash}"
        assert fresh.get("products", limit=1)
        with pytest.raises(api.ClientRequestException, match="invalid_grant"):
            fresh.fetch_token(
                store.client_secret,
                code,
                f"stores/{store.store_hash}",
                "store_v2_products",
                "https://app.example/auth",
            )


def test_load_callback_jwt_verifies(store):
    token = store.mint_signed_payload_jwt()
    claims = api.OAuthConnection.verify_payload_jwt(
        token, store.client_secret, store.client_id
    )
    assert claims
    assert claims["sub"] == f"stores/{store.store_hash}"
    assert not api.OAuthConnection.verify_payload_jwt(token, "wrong", store.client_id)


def test_legacy_signed_payload_verifies(store):
    claims = api.OAuthConnection.verify_payload(
        store.mint_signed_payload(), store.client_secret
    )
    assert claims
    assert claims["store_hash"] == store.store_hash


def test_wrong_token_unauthorized(server, store):
    with (
        api.OAuthConnection(
            store.client_id, store.store_hash, "wrong-token", api_url=server.url
        ) as wrong,
        pytest.raises(api.UnauthorizedException),
    ):
        wrong.v3.get("catalog/products")


def test_rate_limit_state_from_sandbox(conn):
    conn.get("products", limit=1)
    assert conn.rate_limit is not None
    assert conn.rate_limit.quota is not None
    assert conn.rate_limit.requests_left is not None


def test_html_fault_raises_with_content(conn, store):
    store.add_fault(
        status=503,
        body="<html>Down for maintenance</html>",
        content_type="text/html",
        count=1,
    )
    with pytest.raises(api.ServerException) as raised:
        conn.get("products")
    assert b"maintenance" in raised.value.content


def test_no_warning_on_delete(conn):
    created = conn.v3.create(
        "catalog/products",
        {"name": "Short Lived", "type": "physical", "weight": 1, "price": 1},
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert conn.v3.delete("catalog/products", created.id) is None
