"""Catalogue writes shared by the v2 and v3 routes: uniqueness, references, cascades."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from bigcommerce.sandbox import _records as records
from bigcommerce.sandbox._http import ApiError, not_found
from bigcommerce.sandbox._validate import FieldKind, validation_status

if TYPE_CHECKING:
    from bigcommerce.sandbox._state import SandboxStore

Record = dict[str, Any]

PRODUCT_SPEC: dict[str, FieldKind] = {
    "name": "str",
    "type": ("physical", "digital"),
    "sku": "str",
    "description": "str",
    "weight": "num",
    "width": "num",
    "depth": "num",
    "height": "num",
    "price": "num",
    "cost_price": "num",
    "retail_price": "num",
    "sale_price": "num",
    "map_price": "num",
    "tax_class_id": "int",
    "product_tax_code": "str",
    "categories": "ints",
    "brand_id": "int",
    "inventory_level": "int",
    "inventory_warning_level": "int",
    "inventory_tracking": ("none", "product", "variant"),
    "fixed_cost_shipping_price": "num",
    "is_free_shipping": "bool",
    "is_visible": "bool",
    "is_featured": "bool",
    "related_products": "ints",
    "warranty": "str",
    "bin_picking_number": "str",
    "layout_file": "str",
    "upc": "str",
    "mpn": "str",
    "gtin": "str",
    "search_keywords": "str",
    "availability": ("available", "disabled", "preorder"),
    "availability_description": "str",
    "sort_order": "int",
    "condition": ("New", "Used", "Refurbished"),
    "is_condition_shown": "bool",
    "order_quantity_minimum": "int",
    "order_quantity_maximum": "int",
    "page_title": "str",
    "meta_keywords": "strs",
    "meta_description": "str",
    "preorder_message": "str",
    "is_preorder_only": "bool",
    "is_price_hidden": "bool",
    "price_hidden_label": "str",
    "custom_url": "object",
    "open_graph_type": "str",
    "open_graph_title": "str",
    "open_graph_description": "str",
    "gift_wrapping_options_type": ("any", "none", "list"),
}
PRODUCT_REQUIRED = ("name", "type", "weight", "price")

CATEGORY_SPEC: dict[str, FieldKind] = {
    "name": "str",
    "parent_id": "int",
    "description": "str",
    "sort_order": "int",
    "page_title": "str",
    "meta_keywords": "strs",
    "meta_description": "str",
    "layout_file": "str",
    "image_url": "str",
    "is_visible": "bool",
    "search_keywords": "str",
    "default_product_sort": "str",
    "custom_url": "object",
}
BRAND_SPEC: dict[str, FieldKind] = {
    "name": "str",
    "page_title": "str",
    "meta_keywords": "strs",
    "meta_description": "str",
    "search_keywords": "str",
    "image_url": "str",
    "custom_url": "object",
}


def conflict(message: str, field: str) -> ApiError:
    return ApiError(
        409,
        message,
        errors={field: message},
        details={"conflict_reason": message},
    )


def get_or_404(store: SandboxStore, table: str, row_id: int) -> Record:
    row = store.table(table).get(row_id)
    if row is None:
        raise not_found()
    return row


# -- products --------------------------------------------------------------


def check_product(
    store: SandboxStore, fields: Record, api: str, own_id: int = 0
) -> None:
    """Raise 409 for a duplicate name or SKU and for unknown brands or categories."""
    name = fields.get("name")
    if name is not None:
        for other in store.table("products").values():
            if other["id"] != own_id and other["name"] == name:
                raise conflict(
                    f"A product with the name {name!r} already exists.", "name"
                )
    sku = fields.get("sku")
    if sku:
        check_sku(store, sku, own_product=own_id)
    brand_id = fields.get("brand_id")
    if brand_id and brand_id not in store.table("brands"):
        raise conflict(f"The brand {brand_id} does not exist.", "brand_id")
    for category_id in fields.get("categories") or []:
        if category_id not in store.table("categories"):
            raise conflict(f"The category {category_id} does not exist.", "categories")
    if api == "v2" and fields.get("categories") == []:
        raise ApiError(
            validation_status(api),
            "A product needs at least one category.",
            errors={"categories": "Provide at least one category id."},
        )


def check_sku(
    store: SandboxStore, sku: str, *, own_product: int = 0, own_variant: int = 0
) -> None:
    for other in store.table("products").values():
        if other["sku"] == sku and other["id"] != own_product:
            raise conflict(f"The SKU {sku!r} is already in use.", "sku")
    for variant in store.table("variants").values():
        if variant["sku"] != sku or variant["id"] == own_variant:
            continue
        if own_variant or variant["product_id"] != own_product:
            raise conflict(f"The SKU {sku!r} is already in use.", "sku")


def create_product(store: SandboxStore, fields: Record) -> Record:
    product_id = store.new_id("products")
    now = store.now()
    product = records.make_product(product_id, fields["name"], now, **fields)
    product["id"] = product_id
    product["date_created"] = now
    product["date_modified"] = now
    store.table("products")[product_id] = product
    variant_id = store.new_id("variants")
    store.table("variants")[variant_id] = records.make_variant(
        variant_id, product, inventory_level=product["inventory_level"]
    )
    product["base_variant_id"] = variant_id
    return product


def update_product(store: SandboxStore, product: Record, fields: Record) -> Record:
    fields = {key: value for key, value in fields.items() if key != "id"}
    product.update(fields)
    product["date_modified"] = store.now()
    base = store.table("variants").get(product.get("base_variant_id") or 0)
    if base is not None and not base["option_values"] and "sku" in fields:
        base["sku"] = fields["sku"]
    return product


def delete_product(store: SandboxStore, product_id: int) -> None:
    store.table("products").pop(product_id, None)
    for table in ("variants", "images", "custom_fields", "options"):
        rows = store.table(table)
        for row_id in [
            key for key, row in rows.items() if row["product_id"] == product_id
        ]:
            del rows[row_id]


def add_image(store: SandboxStore, product_id: int, url: str, fields: Record) -> Record:
    image_id = store.new_id("images")
    file_name = url.rstrip("/").rsplit("/", 1)[-1] or f"image-{image_id}.jpg"
    now = store.now()
    image = records.make_image(
        image_id, product_id, file_name, date_created=now, date_modified=now
    )
    image["url_zoom"] = url
    settable = image.keys() - {"id", "product_id"}
    image.update({key: value for key, value in fields.items() if key in settable})
    store.table("images")[image_id] = image
    return image


def add_custom_field(
    store: SandboxStore, product_id: int, name: str, value: str
) -> Record:
    field_id = store.new_id("custom_fields")
    row = {"id": field_id, "product_id": product_id, "name": name, "value": value}
    store.table("custom_fields")[field_id] = row
    return row


def product_price(product: Record) -> Decimal:
    price: Decimal = product["sale_price"] or product["price"]
    return price


# -- categories and brands -------------------------------------------------


def check_category(store: SandboxStore, fields: Record, own_id: int = 0) -> None:
    parent_id = fields.get("parent_id")
    if parent_id and parent_id not in store.table("categories"):
        raise conflict(f"The parent category {parent_id} does not exist.", "parent_id")
    name = fields.get("name")
    if name is None:
        return
    current = store.table("categories").get(own_id, {})
    parent = parent_id if parent_id is not None else current.get("parent_id", 0)
    for other in store.table("categories").values():
        if (
            other["id"] != own_id
            and other["name"] == name
            and other["parent_id"] == parent
        ):
            raise conflict(f"A category named {name!r} already exists there.", "name")


def check_brand(store: SandboxStore, fields: Record, own_id: int = 0) -> None:
    name = fields.get("name")
    for other in store.table("brands").values():
        if name is not None and other["id"] != own_id and other["name"] == name:
            raise conflict(f"A brand named {name!r} already exists.", "name")


def create_category(store: SandboxStore, fields: Record) -> Record:
    category_id = store.new_id("categories")
    category = records.make_category(category_id, fields["name"], **fields)
    category["id"] = category_id
    store.table("categories")[category_id] = category
    return category


def create_brand(store: SandboxStore, fields: Record) -> Record:
    brand_id = store.new_id("brands")
    brand = records.make_brand(brand_id, fields["name"], **fields)
    brand["id"] = brand_id
    store.table("brands")[brand_id] = brand
    return brand


def delete_category(store: SandboxStore, category_id: int) -> None:
    store.table("categories").pop(category_id, None)
    for product in store.table("products").values():
        if category_id in product["categories"]:
            product["categories"] = [
                c for c in product["categories"] if c != category_id
            ]


def delete_brand(store: SandboxStore, brand_id: int) -> None:
    store.table("brands").pop(brand_id, None)
    for product in store.table("products").values():
        if product["brand_id"] == brand_id:
            product["brand_id"] = 0
