"""v2 routes for orders, customers, the store profile and the clock."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from starlette.routing import BaseRoute

from bigcommerce.sandbox import _customers as customers
from bigcommerce.sandbox import _records as records
from bigcommerce.sandbox import _views_v2 as views
from bigcommerce.sandbox._catalog import get_or_404, product_price
from bigcommerce.sandbox._http import ApiError, Call, no_content
from bigcommerce.sandbox._query import FieldType, filter_rows, sort_v2
from bigcommerce.sandbox._seed import total_order
from bigcommerce.sandbox._tokens import ACCOUNT_UUID
from bigcommerce.sandbox._v2_catalog import routes as catalog_routes
from bigcommerce.sandbox._v2_common import base_url, count, created, page_of, route
from bigcommerce.sandbox._validate import require_object, validate

Record = dict[str, Any]

ORDER_FILTERS: dict[str, FieldType] = {
    "id": "int",
    "customer_id": "int",
    "status_id": "int",
    "total": "num",
    "email": "str",
    "cart_id": "str",
    "payment_method": "str",
    "channel_id": "int",
    "date_created": "date",
    "date_modified": "date",
}
ORDER_COLUMNS = {"total": "total_inc_tax"}
ORDER_SORTS = (
    "id",
    "customer_id",
    "date_created",
    "date_modified",
    "status_id",
    "channel_id",
)
ORDER_SPEC = {
    "customer_id": "int",
    "status_id": "int",
    "billing_address": "object",
    "shipping_addresses": "object_list",
    "products": "object_list",
    "customer_message": "str",
    "staff_notes": "str",
    "payment_method": "str",
    "external_source": "str",
    "external_id": "str",
    "channel_id": "int",
}
CUSTOMER_FILTERS: dict[str, FieldType] = {
    "id": "int",
    "first_name": "str",
    "last_name": "str",
    "company": "str",
    "email": "str",
    "phone": "str",
    "customer_group_id": "int",
    "tax_exempt_category": "str",
    "date_created": "date",
    "date_modified": "date",
}
CUSTOMER_SPEC = {
    "first_name": "str",
    "last_name": "str",
    "email": "str",
    "company": "str",
    "phone": "str",
    "notes": "str",
    "tax_exempt_category": "str",
    "customer_group_id": "int",
    "registration_ip_address": "str",
    "store_credit": "num",
    "accepts_marketing": "bool",
}
V2_ADDRESS_NAMES = {
    "street_1": "address1",
    "street_2": "address2",
    "state": "state_or_province",
    "zip": "postal_code",
    "country_iso2": "country_code",
}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# -- store and time --------------------------------------------------------


def get_time(call: Call) -> Any:
    return {"time": int(call.store.clock())}


def get_store(call: Call) -> Any:
    store = call.store
    domain = f"{store.store_hash}.sandbox.example"
    return {
        "id": store.store_hash,
        "account_uuid": ACCOUNT_UUID,
        "domain": domain,
        "secure_url": f"https://{domain}",
        "control_panel_base_url": f"https://store-{store.store_hash}.sandbox.example",
        "status": "live",
        "name": "Sandbox Store",
        "first_name": "Sandbox",
        "last_name": "Owner",
        "address": "1 Loopback Lane\nLocalhost, TX 78701",
        "country": "United States",
        "country_code": "US",
        "infrastructure_region": "us-central1",
        "phone": "555-0100",
        "admin_email": "owner@sandbox.example",
        "order_email": "orders@sandbox.example",
        "favicon_url": "",
        "timezone": {
            "name": "Etc/UTC",
            "raw_offset": 0,
            "dst_offset": 0,
            "dst_correction": False,
            "date_format": {
                "display": "jS M Y",
                "export": "M jS Y",
                "extended_display": "M jS Y @ g:i A",
            },
        },
        "language": "en",
        "currency": "USD",
        "currency_symbol": "$",
        "decimal_separator": ".",
        "thousands_separator": ",",
        "decimal_places": 2,
        "currency_symbol_location": "left",
        "weight_units": "LBS",
        "dimension_units": "Inches",
        "dimension_decimal_places": 2,
        "dimension_decimal_token": ".",
        "dimension_thousands_token": ",",
        "plan_name": "Sandbox",
        "plan_level": "Sandbox",
        "plan_is_trial": False,
        "industry": "Home & Garden",
        "logo": [],
        "is_price_entered_with_tax": False,
        "store_id": 1,
        "default_channel_id": 1,
        "default_site_id": 1,
        "active_comparison_modules": [],
        "features": {
            "stencil_enabled": True,
            "sitewidehttps_enabled": True,
            "facebook_catalog_id": "",
            "checkout_type": "optimized",
            "wishlists_enabled": True,
            "graphql_storefront_api_enabled": True,
            "shopper_consent_tracking_enabled": False,
            "multi_storefront_enabled": False,
            "storefront_limits": {"active": 1, "total_including_inactive": 1},
        },
    }


# -- orders ----------------------------------------------------------------


def _orders(call: Call) -> list[Record]:
    rows = [
        {**row, "email": row["billing_address"].get("email", "")}
        for row in call.store.table("orders").values()
    ]
    rows = filter_rows(rows, call.query, ORDER_FILTERS, api="v2", columns=ORDER_COLUMNS)
    return sort_v2(rows, call.query, ORDER_SORTS)


def list_orders(call: Call) -> Any:
    base = base_url(call)
    return page_of(call, _orders(call), lambda row: views.order(row, base))


def count_orders(call: Call) -> Any:
    rows = _orders(call)
    statuses = [
        {
            "id": status_id,
            "name": name,
            "system_label": name,
            "custom_label": name,
            "system_description": "",
            "count": sum(r["status_id"] == status_id for r in rows),
            "sort_order": status_id,
        }
        for status_id, name in records.ORDER_STATUSES.items()
    ]
    return {"statuses": statuses, "count": len(rows)}


def get_order(call: Call) -> Any:
    return views.order(
        get_or_404(call.store, "orders", call.param("order_id")), base_url(call)
    )


def _order_lines(call: Call, order_id: int, given: Any) -> list[Record]:
    if not isinstance(given, list) or not given:
        raise ApiError(
            400,
            "The field 'products' must be a non-empty array.",
            details={"invalid_reason": "An order needs at least one product."},
        )
    lines = []
    for index, item in enumerate(given):
        if not isinstance(item, dict):
            raise ApiError(400, f"products[{index}] must be an object.")
        quantity = item.get("quantity", 1)
        if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
            raise ApiError(
                400, f"products[{index}].quantity must be a positive integer."
            )
        if "product_id" in item:
            product_id = item["product_id"]
            product = (
                call.store.table("products").get(product_id)
                if _is_int(product_id)
                else None
            )
            if product is None:
                raise ApiError(
                    400,
                    f"products[{index}].product_id {item['product_id']!r} "
                    "is not an existing product.",
                )
            source = dict(product, price=product_price(product))
        else:
            fields = validate(
                item,
                {"name": "str", "price_inc_tax": "num"},
                api="v2",
                required=("name", "price_inc_tax"),
            )
            source = records.make_product(
                0, fields["name"], call.store.now(), price=fields["price_inc_tax"]
            )
        line_id = call.store.new_id("order_products")
        lines.append(records.make_order_product(line_id, order_id, source, quantity))
    return lines


def _shipping_addresses(given: Any) -> list[Record]:
    if given is None:
        return []
    if not isinstance(given, list) or not all(isinstance(a, dict) for a in given):
        raise ApiError(
            400, f"shipping_addresses must be an array of objects, got {given!r}."
        )
    return given


def create_order(call: Call) -> Any:
    body = require_object(call.body, "v2")
    fields = validate(
        body,
        {k: v for k, v in ORDER_SPEC.items() if v != "object_list"},
        api="v2",
        required=("billing_address",),
    )
    fields.pop("id", None)
    customer_id = fields.get("customer_id", 0)
    if customer_id and customer_id not in call.store.table("customers"):
        raise ApiError(400, f"The customer {customer_id} does not exist.")
    status_id = fields.get("status_id", 1)
    if status_id not in records.ORDER_STATUSES:
        raise ApiError(400, f"The status_id {status_id} is not a known order status.")

    shipping = _shipping_addresses(body.get("shipping_addresses"))
    order_id = call.store.new_id("orders")
    lines = _order_lines(call, order_id, body.get("products"))
    billing = {"email": "", **fields.pop("billing_address")}
    shipping = shipping or [billing]
    order = records.make_order(
        order_id,
        call.store.now(),
        **fields,
        billing_address=billing,
        shipping_address=dict(shipping[0]),
    )

    total_order(order, lines)
    order["shipping_cost_ex_tax"] = order["shipping_cost_inc_tax"] = Decimal("0")
    order["total_ex_tax"] = order["total_inc_tax"] = order["subtotal_inc_tax"]
    for line in lines:
        call.store.table("order_products")[line["id"]] = line
    call.store.table("orders")[order_id] = order
    return created(views.order(order, base_url(call)))


def update_order(call: Call) -> Any:
    order = get_or_404(call.store, "orders", call.param("order_id"))
    spec = {k: v for k, v in ORDER_SPEC.items() if v != "object_list"}
    fields = validate(call.body, spec, api="v2")
    fields.pop("id", None)
    if "status_id" in fields and fields["status_id"] not in records.ORDER_STATUSES:
        raise ApiError(
            400, f"The status_id {fields['status_id']} is not a known order status."
        )
    if "billing_address" in fields:
        fields["billing_address"] = {
            **order["billing_address"],
            **fields["billing_address"],
        }
    order.update(fields)
    order["date_modified"] = call.store.now()
    return views.order(order, base_url(call))


def delete_order(call: Call) -> Any:
    order = get_or_404(call.store, "orders", call.param("order_id"))
    del call.store.table("orders")[order["id"]]
    return no_content()


def _lines_of(call: Call) -> list[Record]:
    order = get_or_404(call.store, "orders", call.param("order_id"))
    rows = [
        row
        for row in call.store.table("order_products").values()
        if row["order_id"] == order["id"]
    ]
    return sorted(rows, key=lambda row: row["id"])


def list_order_products(call: Call) -> Any:
    return page_of(call, _lines_of(call), views.order_product)


def get_order_product(call: Call) -> Any:
    for row in _lines_of(call):
        if row["id"] == call.param("line_id"):
            return views.order_product(row)
    raise ApiError(404, "The requested resource was not found.")


def _shipments_of(call: Call) -> list[Record]:
    order = get_or_404(call.store, "orders", call.param("order_id"))
    rows = [
        row
        for row in call.store.table("shipments").values()
        if row["order_id"] == order["id"]
    ]
    return sorted(rows, key=lambda row: row["id"])


def list_shipments(call: Call) -> Any:
    return page_of(call, _shipments_of(call), views.shipment)


def count_shipments(call: Call) -> Any:
    return count(_shipments_of(call))


def get_shipment(call: Call) -> Any:
    for row in _shipments_of(call):
        if row["id"] == call.param("shipment_id"):
            return views.shipment(row)
    raise ApiError(404, "The requested resource was not found.")


def create_shipment(call: Call) -> Any:
    order = get_or_404(call.store, "orders", call.param("order_id"))
    body = require_object(call.body, "v2")
    fields = validate(
        body,
        {
            "tracking_number": "str",
            "shipping_method": "str",
            "shipping_provider": "str",
            "comments": "str",
            "order_address_id": "int",
        },
        api="v2",
        required=("items",),
    )
    items = body["items"]
    lines = {row["id"]: row for row in _lines_of(call)}

    if not isinstance(items, list) or not items:
        raise ApiError(400, "The field 'items' must be a non-empty array.")
    chosen = []
    for item in items:
        line_id = item.get("order_product_id") if isinstance(item, dict) else None
        line = lines.get(line_id) if _is_int(line_id) else None
        if line is None:
            raise ApiError(
                400, f"The shipment item {item!r} is not a line of this order."
            )
        quantity = item.get("quantity", line["quantity"])
        if not _is_int(quantity) or quantity < 1:
            raise ApiError(
                400,
                f"The shipment item quantity {quantity!r} is invalid: "
                "use a positive integer.",
            )
        chosen.append({**line, "quantity": quantity})

    shipment_id = call.store.new_id("shipments")
    shipment = records.make_shipment(shipment_id, order, chosen, call.store.now())
    fields.pop("id", None)
    shipment.update(fields)
    call.store.table("shipments")[shipment_id] = shipment
    return created(views.shipment(shipment))


def delete_shipment(call: Call) -> Any:
    shipment = get_shipment(call)
    del call.store.table("shipments")[shipment["id"]]
    return no_content()


def list_shipping_addresses(call: Call) -> Any:
    order = get_or_404(call.store, "orders", call.param("order_id"))
    address = {
        "id": order["id"],
        "order_id": order["id"],
        **order["shipping_address"],
        "items_total": order["items_total"],
        "items_shipped": order["items_shipped"],
        "shipping_method": "Flat Rate",
    }
    return page_of(call, [address], lambda row: row)


def list_order_statuses(call: Call) -> Any:
    return [
        {"id": status_id, "name": name, "order": status_id}
        for status_id, name in records.ORDER_STATUSES.items()
    ]


# -- customers -------------------------------------------------------------


def _customers(call: Call) -> list[Record]:
    rows = filter_rows(
        call.store.table("customers").values(), call.query, CUSTOMER_FILTERS, api="v2"
    )
    return sort_v2(
        rows, call.query, ("id", "date_created", "date_modified", "last_name")
    )


def list_customers(call: Call) -> Any:
    base = base_url(call)
    return page_of(call, _customers(call), lambda row: views.customer(row, base))


def count_customers(call: Call) -> Any:
    return count(_customers(call))


def get_customer(call: Call) -> Any:
    customer = get_or_404(call.store, "customers", call.param("customer_id"))
    return views.customer(customer, base_url(call))


def create_customer(call: Call) -> Any:
    fields = validate(
        call.body,
        CUSTOMER_SPEC,
        api="v2",
        required=("first_name", "last_name", "email"),
    )
    fields.pop("id", None)
    customers.check_email(call.store, fields["email"], "v2")
    customer = customers.create_customer(call.store, fields)
    return created(views.customer(customer, base_url(call)))


def update_customer(call: Call) -> Any:
    customer = get_or_404(call.store, "customers", call.param("customer_id"))
    fields = validate(call.body, CUSTOMER_SPEC, api="v2")
    fields.pop("id", None)
    if "email" in fields:
        customers.check_email(call.store, fields["email"], "v2", own_id=customer["id"])
    customer.update(fields)
    customer["date_modified"] = call.store.now()
    return views.customer(customer, base_url(call))


def delete_customer(call: Call) -> Any:
    customer = get_or_404(call.store, "customers", call.param("customer_id"))
    customers.delete_customer(call.store, customer["id"])
    return no_content()


def _addresses_of(call: Call) -> list[Record]:
    customer = get_or_404(call.store, "customers", call.param("customer_id"))
    rows = [
        row
        for row in call.store.table("addresses").values()
        if row["customer_id"] == customer["id"]
    ]
    return sorted(rows, key=lambda row: row["id"])


def list_addresses(call: Call) -> Any:
    return page_of(call, _addresses_of(call), views.customer_address)


def count_addresses(call: Call) -> Any:
    return count(_addresses_of(call))


def create_address(call: Call) -> Any:
    customer = get_or_404(call.store, "customers", call.param("customer_id"))
    body = require_object(call.body, "v2")
    renamed = {V2_ADDRESS_NAMES.get(key, key): value for key, value in body.items()}
    address = customers.add_address(call.store, customer["id"], renamed, "v2")
    return created(views.customer_address(address))


def routes() -> list[BaseRoute]:
    """Build the v2 routes, relative to /stores/{store_hash}/v2 and /api/v2."""
    order = "/orders/{order_id:int}"
    customer = "/customers/{customer_id:int}"
    return [
        route("/time", get_time, "GET"),
        route("/store", get_store, "GET"),
        route("/order_statuses", list_order_statuses, "GET"),
        route("/orders", list_orders, "GET"),
        route("/orders", create_order, "POST"),
        route("/orders/count", count_orders, "GET"),
        route(order, get_order, "GET"),
        route(order, update_order, "PUT"),
        route(order, delete_order, "DELETE"),
        route(order + "/products", list_order_products, "GET"),
        route(order + "/products/{line_id:int}", get_order_product, "GET"),
        route(order + "/shipments", list_shipments, "GET"),
        route(order + "/shipments", create_shipment, "POST"),
        route(order + "/shipments/count", count_shipments, "GET"),
        route(order + "/shipments/{shipment_id:int}", get_shipment, "GET"),
        route(order + "/shipments/{shipment_id:int}", delete_shipment, "DELETE"),
        route(order + "/shipping_addresses", list_shipping_addresses, "GET"),
        route("/customers", list_customers, "GET"),
        route("/customers", create_customer, "POST"),
        route("/customers/count", count_customers, "GET"),
        route(customer, get_customer, "GET"),
        route(customer, update_customer, "PUT"),
        route(customer, delete_customer, "DELETE"),
        route(customer + "/addresses", list_addresses, "GET"),
        route(customer + "/addresses", create_address, "POST"),
        route(customer + "/addresses/count", count_addresses, "GET"),
        *catalog_routes(),
    ]
