"""v3 customers: offset and cursor pagination, batch create, update and delete."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from starlette.routing import Route

from bigcommerce.sandbox import _customers as customers
from bigcommerce.sandbox import _views_v3 as views
from bigcommerce.sandbox._http import ApiError, Call, endpoint, no_content
from bigcommerce.sandbox._query import (
    FieldType,
    filter_rows,
    pagination_meta,
    sort_v3,
    v3_paging,
)
from bigcommerce.sandbox._validate import validate

Record = dict[str, Any]

BATCH_MAX = 10
FILTERS: dict[str, FieldType] = {
    "id": "int",
    "email": "str",
    "name": "str",
    "company": "str",
    "customer_group_id": "int",
    "phone": "str",
    "registration_ip_address": "str",
    "date_created": "date",
    "date_modified": "date",
}
SORTS = ("id", "date_created", "date_modified", "last_name")
SPEC = {
    "email": "str",
    "first_name": "str",
    "last_name": "str",
    "company": "str",
    "phone": "str",
    "notes": "str",
    "tax_exempt_category": "str",
    "customer_group_id": "int",
    "registration_ip_address": "str",
    "accepts_product_review_abandoned_cart_emails": "bool",
    "origin_channel_id": "int",
    "channel_ids": "ints",
    "authentication": "object",
    "addresses": "object_list",
}
REQUIRED = ("email", "first_name", "last_name")


def encode_cursor(customer_id: int) -> str:
    return base64.b64encode(f"id:{customer_id}".encode()).decode()


def decode_cursor(text: str) -> int:
    try:
        decoded = base64.b64decode(text.encode(), validate=True).decode()
        prefix, _, number = decoded.partition(":")
        if prefix != "id":
            raise ValueError(decoded)
        return int(number)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ApiError(
            422,
            f"The cursor {text!r} is not valid: use a start_cursor or end_cursor "
            "from a previous response.",
            errors={"cursor": "Invalid cursor."},
        ) from None


def _cursor_start(rows: list[Record], call: Call, limit: int) -> tuple[int, int]:
    """Return the slice [start, end) that the `after` or `before` cursor selects."""
    after = call.query.get("after")
    text = after if after is not None else call.query["before"]
    cursor_id = decode_cursor(text)
    positions = {row["id"]: index for index, row in enumerate(rows)}
    if cursor_id in positions:
        after_start = positions[cursor_id] + 1
        before_end = positions[cursor_id]
    elif "sort" not in call.query:
        # The cursor's row is gone: continue from where its id would sort.
        after_start = before_end = sum(1 for row in rows if row["id"] < cursor_id)
    else:
        raise ApiError(422, f"The cursor {text!r} no longer points at a customer.")
    if after is not None:
        return after_start, after_start + limit
    return max(0, before_end - limit), before_end


def _cursor_meta(
    rows: list[Record], start: int, chunk: list[Record], limit: int
) -> Any:
    links: dict[str, str] = {}
    block: dict[str, Any] = {"count": len(chunk), "per_page": limit, "links": links}
    if chunk:
        block["start_cursor"] = encode_cursor(chunk[0]["id"])
        block["end_cursor"] = encode_cursor(chunk[-1]["id"])
        if start > 0:
            links["previous"] = f"?limit={limit}&before={block['start_cursor']}"
        if start + len(chunk) < len(rows):
            links["next"] = f"?limit={limit}&after={block['end_cursor']}"
    return block


def list_customers(call: Call) -> Any:
    table = call.store.table("customers").values()
    named = [
        {**row, "name": f"{row['first_name']} {row['last_name']}"} for row in table
    ]
    rows = filter_rows(named, call.query, FILTERS, api="v3")
    rows = sort_v3(rows, call.query, SORTS)
    page, limit = v3_paging(call.query)
    if "after" in call.query or "before" in call.query:
        start, end = _cursor_start(rows, call, limit)
        page = start // limit + 1
    else:
        start, end = (page - 1) * limit, page * limit
    chunk = rows[start:end]
    includes = {part for part in call.query.get("include", "").split(",") if part}
    data = [views.customer(call.store, row, includes) for row in chunk]
    meta = {
        "pagination": pagination_meta(len(rows), len(chunk), page, limit),
        "cursor_pagination": _cursor_meta(rows, start, chunk, limit),
    }
    return {"data": data, "meta": meta}


def _check_batch(call: Call) -> list[Any]:
    if not isinstance(call.body, list):
        raise ApiError(422, "The request body must be a JSON array of customers.")
    if len(call.body) > BATCH_MAX:
        raise ApiError(
            413,
            "The request payload is too large. "
            f"The maximum items allowed in the array is {BATCH_MAX}.",
        )
    return call.body


def _fields(item: Any, required: tuple[str, ...]) -> Record:
    spec = {key: kind for key, kind in SPEC.items() if kind != "object_list"}
    fields = validate(item, spec, api="v3", required=required)
    authentication = fields.pop("authentication", {})
    if "force_password_reset" in authentication:
        fields["force_password_reset"] = bool(authentication["force_password_reset"])
    if "accepts_product_review_abandoned_cart_emails" in fields:
        value = fields.pop("accepts_product_review_abandoned_cart_emails")
        fields["accepts_marketing"] = value
    return fields


def _addresses(item: Record) -> list[Record]:
    """Validate the addresses of one new customer before anything is stored."""
    given = item.get("addresses")
    if given is None:
        return []
    if not isinstance(given, list):
        raise ApiError(
            422,
            f"addresses must be an array of objects, got {given!r}.",
            errors={"addresses": "Expected an array of objects."},
        )
    return [customers.address_fields(address, "v3") for address in given]


def create_customers(call: Call) -> Any:
    items = _check_batch(call)
    prepared = []
    seen: set[str] = set()
    for item in items:
        fields = _fields(item, REQUIRED)
        fields.pop("id", None)
        customers.check_email(call.store, fields["email"], "v3")
        if fields["email"].lower() in seen:
            raise ApiError(422, f"The email address {fields['email']} appears twice.")
        seen.add(fields["email"].lower())
        prepared.append((fields, _addresses(item)))
    created = []
    for fields, addresses in prepared:
        customer = customers.create_customer(call.store, fields)
        for address in addresses:
            customers.store_address(call.store, customer["id"], address)
        created.append(customer)
    return {
        "data": [views.customer(call.store, row, {"addresses"}) for row in created],
        "meta": {},
    }


def update_customers(call: Call) -> Any:
    items = _check_batch(call)
    updates = []
    for index, item in enumerate(items):
        fields = _fields(item, ("id",))
        customer = call.store.table("customers").get(fields["id"])
        if customer is None:
            raise ApiError(
                422,
                f"Customer {fields['id']} at index {index} was not found.",
                errors={str(index): "Unknown customer id."},
            )
        if "email" in fields:
            customers.check_email(
                call.store, fields["email"], "v3", own_id=customer["id"]
            )
        updates.append((customer, fields))
    for customer, fields in updates:
        fields.pop("id")
        customer.update(fields)
        customer["date_modified"] = call.store.now()
    return {"data": [views.customer(call.store, row) for row, _ in updates], "meta": {}}


def delete_customers(call: Call) -> Any:
    text = call.query.get("id:in")
    if not text:
        raise ApiError(
            422,
            "Deleting customers needs the filter id:in=1,2,3.",
            errors={"id:in": "Missing filter."},
        )
    rows = filter_rows(
        call.store.table("customers").values(), {"id:in": text}, {"id": "int"}, api="v3"
    )
    for row in rows:
        customers.delete_customer(call.store, row["id"])
    return no_content()


def routes() -> list[Route]:
    """Build the v3 customer routes, relative to /stores/{store_hash}/v3."""
    return [
        Route("/customers", endpoint(list_customers), methods=["GET"]),
        Route("/customers", endpoint(create_customers), methods=["POST"]),
        Route("/customers", endpoint(update_customers), methods=["PUT"]),
        Route("/customers", endpoint(delete_customers), methods=["DELETE"]),
    ]
