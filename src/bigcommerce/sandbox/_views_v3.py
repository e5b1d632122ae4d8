"""Render stored records in the v3 wire format: numbers for money, ISO 8601 dates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from bigcommerce.sandbox._query import iso

if TYPE_CHECKING:
    from bigcommerce.sandbox._state import SandboxStore

Record = dict[str, Any]

# The platform lowers the page size to 10 when these are embedded.
SMALL_PAGE_INCLUDES = frozenset({"options", "modifiers"})
PRODUCT_HIDDEN = frozenset({"base_variant_id"})


def plain(value: Any) -> Any:
    """Convert Decimals to floats and datetimes to ISO 8601, recursively."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def plain_record(record: Record) -> Record:
    return {key: plain(value) for key, value in record.items()}


def trim_fields(
    data: Record,
    include_fields: str | None,
    exclude_fields: str | None,
    keep: Iterable[str] = (),
) -> Record:
    """Apply `include_fields` / `exclude_fields`; `id` and `keep` always stay."""
    result = data
    if include_fields:
        requested = {name.strip() for name in include_fields.split(",")} | {"id", *keep}
        result = {key: value for key, value in result.items() if key in requested}
    if exclude_fields:
        unwanted = {name.strip() for name in exclude_fields.split(",")} - {"id"}
        result = {key: value for key, value in result.items() if key not in unwanted}
    return result


def variant(record: Record, product: Record | None = None) -> Record:
    data = plain_record(record)
    data.pop("map_price", None)
    price = (
        record["price"] if record["price"] is not None else (product or {}).get("price")
    )
    weight = (
        record["weight"]
        if record["weight"] is not None
        else (product or {}).get("weight")
    )
    data["calculated_price"] = float(price) if price is not None else 0.0
    data["calculated_weight"] = float(weight) if weight is not None else 0.0
    return data


def image(record: Record) -> Record:
    data = plain_record(record)
    data["image_url"] = record["url_zoom"]
    data.pop("description", None)
    data.pop("date_created", None)
    data.pop("image_file", None)
    return data


def primary_image(record: Record) -> Record:
    data = image(record)
    data.pop("image_url", None)
    data["image_file"] = record["image_file"]
    return data


def custom_field(record: Record) -> Record:
    return {"id": record["id"], "name": record["name"], "value": record["value"]}


def option(record: Record) -> Record:
    return plain_record(record)


def product(
    store: SandboxStore, record: Record, includes: Iterable[str] = ()
) -> Record:
    data = {
        key: plain(value) for key, value in record.items() if key not in PRODUCT_HIDDEN
    }
    if data["option_set_id"] is None:
        del data["option_set_id"]
    price = record["sale_price"] or record["price"]
    data["calculated_price"] = float(price)
    if record.get("base_variant_id") is not None:
        data["base_variant_id"] = record["base_variant_id"]

    _embed(store, record, data, set(includes))
    return data


def _embed(
    store: SandboxStore, record: Record, data: Record, requested: set[str]
) -> None:
    """Add the sub-resources named in a product request's `include` parameter."""
    product_id = record["id"]
    if "variants" in requested:
        data["variants"] = [
            variant(row, record) for row in rows_of(store, "variants", product_id)
        ]

    images = rows_of(store, "images", product_id)
    if "images" in requested:
        data["images"] = [image(row) for row in images]
    if "primary_image" in requested:
        thumbnails = [row for row in images if row["is_thumbnail"]] or images
        if thumbnails:
            data["primary_image"] = primary_image(thumbnails[0])

    if "custom_fields" in requested:
        data["custom_fields"] = [
            custom_field(row) for row in rows_of(store, "custom_fields", product_id)
        ]
    if "options" in requested:
        data["options"] = [option(row) for row in rows_of(store, "options", product_id)]
    for empty in ("modifiers", "bulk_pricing_rules", "videos", "parent_relations"):
        if empty in requested:
            data[empty] = []
    if "channels" in requested:
        data["channels"] = [1]


def rows_of(store: SandboxStore, table: str, product_id: int) -> list[Record]:
    rows = [
        row for row in store.table(table).values() if row["product_id"] == product_id
    ]
    return sorted(rows, key=lambda row: (row.get("sort_order", 0), row["id"]))


def category(record: Record) -> Record:
    return plain_record(record)


def brand(record: Record) -> Record:
    return plain_record(record)


def address(record: Record) -> Record:
    return plain_record(record)


def customer(
    store: SandboxStore, record: Record, includes: Iterable[str] = ()
) -> Record:
    requested = set(includes)
    addresses = [
        row
        for row in store.table("addresses").values()
        if row["customer_id"] == record["id"]
    ]
    data: Record = {
        "id": record["id"],
        "email": record["email"],
        "first_name": record["first_name"],
        "last_name": record["last_name"],
        "company": record["company"],
        "phone": record["phone"],
        "registration_ip_address": record["registration_ip_address"],
        "notes": record["notes"],
        "tax_exempt_category": record["tax_exempt_category"],
        "customer_group_id": record["customer_group_id"],
        "date_created": iso(record["date_created"]),
        "date_modified": iso(record["date_modified"]),
        "address_count": len(addresses),
        "attribute_count": 0,
        "authentication": {"force_password_reset": record["force_password_reset"]},
        "accepts_product_review_abandoned_cart_emails": record["accepts_marketing"],
        "origin_channel_id": record["origin_channel_id"],
        "channel_ids": list(record["channel_ids"]),
    }
    if "addresses" in requested:
        data["addresses"] = [address(row) for row in sorted(addresses, key=_by_id)]
    if "storecredit" in requested:
        data["store_credit_amounts"] = [{"amount": float(record["store_credit"])}]
    if "attributes" in requested:
        data["attributes"] = []
    if "formfields" in requested:
        data["form_fields"] = []
    return data


def _by_id(row: Record) -> int:
    return int(row["id"])
