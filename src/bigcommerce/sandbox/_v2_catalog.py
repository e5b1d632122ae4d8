"""The legacy v2 catalogue: products and their images, SKUs, custom fields and
options; categories, brands and option sets.

BigCommerce deprecated these endpoints in favour of /v3/catalog and dropped
them from the current API reference, so they are modelled from the older v2
documentation and are not covered by the contract tests.
"""

from __future__ import annotations

from typing import Any

from starlette.routing import BaseRoute

from bigcommerce.sandbox import _catalog as catalog
from bigcommerce.sandbox import _views_v2 as views
from bigcommerce.sandbox._http import ApiError, Call, no_content
from bigcommerce.sandbox._query import FieldType, filter_rows, sort_v2
from bigcommerce.sandbox._v2_common import base_url, count, created, page_of, route
from bigcommerce.sandbox._validate import validate
from bigcommerce.sandbox._views_v3 import rows_of

Record = dict[str, Any]

PRODUCT_FILTERS: dict[str, FieldType] = {
    "id": "int",
    "name": "str",
    "sku": "str",
    "price": "num",
    "weight": "num",
    "condition": "str",
    "availability": "str",
    "is_visible": "bool",
    "is_featured": "bool",
    "is_free_shipping": "bool",
    "brand_id": "int",
    "category": "ints",
    "inventory_level": "int",
    "total_sold": "int",
    "date_created": "date",
    "date_modified": "date",
    "date_last_imported": "date",
}
PRODUCT_SORTS = (
    "id",
    "name",
    "sku",
    "price",
    "date_created",
    "date_modified",
    "inventory_level",
    "total_sold",
)
V2_PRODUCT_SPEC: dict[str, Any] = {
    **catalog.PRODUCT_SPEC,
    "inventory_tracking": tuple(views.TRACKING_FROM_V2),
    "custom_url": "str",
    "meta_keywords": "str",
    "related_products": "str",
    "condition": ("New", "Used", "Refurbished"),
}
V2_PRODUCT_REQUIRED = ("name", "type", "price", "weight", "categories", "availability")


def _product_fields(call: Call, creating: bool) -> Record:
    required = V2_PRODUCT_REQUIRED if creating else ()
    fields = validate(call.body, V2_PRODUCT_SPEC, api="v2", required=required)
    fields.pop("id", None)
    if "inventory_tracking" in fields:
        fields["inventory_tracking"] = views.TRACKING_FROM_V2[
            fields["inventory_tracking"]
        ]
    if "custom_url" in fields:
        fields["custom_url"] = {"url": fields["custom_url"], "is_customized": True}
    if "meta_keywords" in fields:
        fields["meta_keywords"] = [k for k in fields["meta_keywords"].split(",") if k]
    if "related_products" in fields:
        text = fields.pop("related_products")
        try:
            fields["related_products"] = [int(part) for part in text.split(",") if part]
        except ValueError:
            raise ApiError(
                400, f"related_products {text!r} must list product ids."
            ) from None
    return fields


def _products(call: Call) -> list[Record]:
    rows = filter_rows(
        call.store.table("products").values(),
        call.query,
        PRODUCT_FILTERS,
        api="v2",
        columns={"category": "categories"},
    )
    keyword = call.query.get("keyword_filter")
    if keyword:
        rows = [row for row in rows if keyword.lower() in row["name"].lower()]
    return sort_v2(rows, call.query, PRODUCT_SORTS)


def list_products(call: Call) -> Any:
    base = base_url(call)
    return page_of(
        call, _products(call), lambda row: views.product(call.store, row, base)
    )


def count_products(call: Call) -> Any:
    return count(_products(call))


def get_product(call: Call) -> Any:
    product = catalog.get_or_404(call.store, "products", call.param("product_id"))
    return views.product(call.store, product, base_url(call))


def create_product(call: Call) -> Any:
    fields = _product_fields(call, creating=True)
    catalog.check_product(call.store, fields, "v2")
    product = catalog.create_product(call.store, fields)
    return created(views.product(call.store, product, base_url(call)))


def update_product(call: Call) -> Any:
    product = catalog.get_or_404(call.store, "products", call.param("product_id"))
    fields = _product_fields(call, creating=False)
    catalog.check_product(call.store, fields, "v2", own_id=product["id"])
    catalog.update_product(call.store, product, fields)
    return views.product(call.store, product, base_url(call))


def delete_product(call: Call) -> Any:
    product = catalog.get_or_404(call.store, "products", call.param("product_id"))
    catalog.delete_product(call.store, product["id"])
    return no_content()


# -- product sub-resources -------------------------------------------------


def _children(call: Call, table: str) -> tuple[Record, list[Record]]:
    product = catalog.get_or_404(call.store, "products", call.param("product_id"))
    rows = rows_of(call.store, table, product["id"])
    if table == "variants":
        rows = sorted(
            (row for row in rows if row["option_values"]), key=lambda r: r["id"]
        )
    return product, rows


def _child(call: Call, table: str, key: str) -> tuple[Record, Record]:
    product, rows = _children(call, table)
    for row in rows:
        if row["id"] == call.param(key):
            return product, row
    raise ApiError(404, "The requested resource was not found.")


def list_images(call: Call) -> Any:
    return page_of(call, _children(call, "images")[1], views.image)


def count_images(call: Call) -> Any:
    return count(_children(call, "images")[1])


def get_image(call: Call) -> Any:
    return views.image(_child(call, "images", "image_id")[1])


def create_image(call: Call) -> Any:
    product = catalog.get_or_404(call.store, "products", call.param("product_id"))
    spec = {
        "image_file": "str",
        "is_thumbnail": "bool",
        "sort_order": "int",
        "description": "str",
    }
    fields = validate(call.body, spec, api="v2", required=("image_file",))
    image = catalog.add_image(
        call.store, product["id"], fields.pop("image_file"), fields
    )
    return created(views.image(image))


def delete_image(call: Call) -> Any:
    _, image = _child(call, "images", "image_id")
    del call.store.table("images")[image["id"]]
    return no_content()


def list_skus(call: Call) -> Any:
    product, rows = _children(call, "variants")
    rows = filter_rows(rows, call.query, {"id": "int", "sku": "str"}, api="v2")
    return page_of(call, rows, lambda row: views.sku(row, product))


def count_skus(call: Call) -> Any:
    return count(_children(call, "variants")[1])


def get_sku(call: Call) -> Any:
    product, row = _child(call, "variants", "sku_id")
    return views.sku(row, product)


def list_custom_fields(call: Call) -> Any:
    return page_of(call, _children(call, "custom_fields")[1], views.custom_field)


def get_custom_field(call: Call) -> Any:
    return views.custom_field(_child(call, "custom_fields", "field_id")[1])


def create_custom_field(call: Call) -> Any:
    product = catalog.get_or_404(call.store, "products", call.param("product_id"))
    fields = validate(
        call.body, {"name": "str", "text": "str"}, api="v2", required=("name", "text")
    )
    row = catalog.add_custom_field(
        call.store, product["id"], fields["name"], fields["text"]
    )
    return created(views.custom_field(row))


def update_custom_field(call: Call) -> Any:
    _, row = _child(call, "custom_fields", "field_id")
    fields = validate(call.body, {"name": "str", "text": "str"}, api="v2")
    if "text" in fields:
        row["value"] = fields["text"]
    if "name" in fields:
        row["name"] = fields["name"]
    return views.custom_field(row)


def delete_custom_field(call: Call) -> Any:
    _, row = _child(call, "custom_fields", "field_id")
    del call.store.table("custom_fields")[row["id"]]
    return no_content()


def list_product_options(call: Call) -> Any:
    return page_of(call, _children(call, "options")[1], views.product_option)


def get_product_option(call: Call) -> Any:
    return views.product_option(_child(call, "options", "option_id")[1])


# -- categories, brands and option sets ------------------------------------


def _rows(call: Call, table: str, filters: dict[str, FieldType]) -> list[Record]:
    rows = filter_rows(call.store.table(table).values(), call.query, filters, api="v2")
    return sort_v2(rows, call.query, ("id", "name", "sort_order"))


CATEGORY_FILTERS: dict[str, FieldType] = {
    "id": "int",
    "name": "str",
    "parent_id": "int",
    "is_visible": "bool",
}
BRAND_FILTERS: dict[str, FieldType] = {"id": "int", "name": "str"}


def list_categories(call: Call) -> Any:
    rows = _rows(call, "categories", CATEGORY_FILTERS)
    return page_of(call, rows, lambda row: views.category(call.store, row))


def count_categories(call: Call) -> Any:
    return count(_rows(call, "categories", CATEGORY_FILTERS))


def get_category(call: Call) -> Any:
    row = catalog.get_or_404(call.store, "categories", call.param("category_id"))
    return views.category(call.store, row)


def _category_fields(call: Call, creating: bool) -> Record:
    spec = {**catalog.CATEGORY_SPEC, "image_file": "str", "url": "str"}
    fields = validate(call.body, spec, api="v2", required=("name",) if creating else ())
    fields.pop("id", None)
    if "image_file" in fields:
        fields["image_url"] = fields.pop("image_file")
    if "url" in fields:
        fields["custom_url"] = {"url": fields.pop("url"), "is_customized": True}
    return fields


def create_category(call: Call) -> Any:
    fields = _category_fields(call, creating=True)
    fields.setdefault("parent_id", 0)
    catalog.check_category(call.store, fields)
    return created(
        views.category(call.store, catalog.create_category(call.store, fields))
    )


def update_category(call: Call) -> Any:
    row = catalog.get_or_404(call.store, "categories", call.param("category_id"))
    fields = _category_fields(call, creating=False)
    catalog.check_category(call.store, fields, own_id=row["id"])
    row.update(fields)
    return views.category(call.store, row)


def delete_category(call: Call) -> Any:
    row = catalog.get_or_404(call.store, "categories", call.param("category_id"))
    catalog.delete_category(call.store, row["id"])
    return no_content()


def list_brands(call: Call) -> Any:
    return page_of(call, _rows(call, "brands", BRAND_FILTERS), views.brand)


def count_brands(call: Call) -> Any:
    return count(_rows(call, "brands", BRAND_FILTERS))


def get_brand(call: Call) -> Any:
    return views.brand(catalog.get_or_404(call.store, "brands", call.param("brand_id")))


def _brand_fields(call: Call, creating: bool) -> Record:
    spec = {**catalog.BRAND_SPEC, "image_file": "str"}
    fields = validate(call.body, spec, api="v2", required=("name",) if creating else ())
    fields.pop("id", None)
    if "image_file" in fields:
        fields["image_url"] = fields.pop("image_file")
    return fields


def create_brand(call: Call) -> Any:
    fields = _brand_fields(call, creating=True)
    catalog.check_brand(call.store, fields)
    return created(views.brand(catalog.create_brand(call.store, fields)))


def update_brand(call: Call) -> Any:
    row = catalog.get_or_404(call.store, "brands", call.param("brand_id"))
    fields = _brand_fields(call, creating=False)
    catalog.check_brand(call.store, fields, own_id=row["id"])
    row.update(fields)
    return views.brand(row)


def delete_brand(call: Call) -> Any:
    row = catalog.get_or_404(call.store, "brands", call.param("brand_id"))
    catalog.delete_brand(call.store, row["id"])
    return no_content()


def list_option_sets(call: Call) -> Any:
    base = base_url(call)
    rows = _rows(call, "option_sets", {"id": "int", "name": "str"})
    return page_of(call, rows, lambda row: views.option_set(row, base))


def count_option_sets(call: Call) -> Any:
    return count(call.store.table("option_sets").values())


def get_option_set(call: Call) -> Any:
    row = catalog.get_or_404(call.store, "option_sets", call.param("option_set_id"))
    return views.option_set(row, base_url(call))


def routes() -> list[BaseRoute]:
    """Build the legacy catalogue routes, relative to a v2 root."""
    product = "/products/{product_id:int}"
    category = "/categories/{category_id:int}"
    brand = "/brands/{brand_id:int}"
    return [
        route("/products", list_products, "GET"),
        route("/products", create_product, "POST"),
        route("/products/count", count_products, "GET"),
        route(product, get_product, "GET"),
        route(product, update_product, "PUT"),
        route(product, delete_product, "DELETE"),
        route(product + "/images", list_images, "GET"),
        route(product + "/images", create_image, "POST"),
        route(product + "/images/count", count_images, "GET"),
        route(product + "/images/{image_id:int}", get_image, "GET"),
        route(product + "/images/{image_id:int}", delete_image, "DELETE"),
        route(product + "/skus", list_skus, "GET"),
        route(product + "/skus/count", count_skus, "GET"),
        route(product + "/skus/{sku_id:int}", get_sku, "GET"),
        route(product + "/custom_fields", list_custom_fields, "GET"),
        route(product + "/custom_fields", create_custom_field, "POST"),
        route(product + "/custom_fields/{field_id:int}", get_custom_field, "GET"),
        route(product + "/custom_fields/{field_id:int}", update_custom_field, "PUT"),
        route(product + "/custom_fields/{field_id:int}", delete_custom_field, "DELETE"),
        route(product + "/options", list_product_options, "GET"),
        route(product + "/options/{option_id:int}", get_product_option, "GET"),
        route("/categories", list_categories, "GET"),
        route("/categories", create_category, "POST"),
        route("/categories/count", count_categories, "GET"),
        route(category, get_category, "GET"),
        route(category, update_category, "PUT"),
        route(category, delete_category, "DELETE"),
        route("/brands", list_brands, "GET"),
        route("/brands", create_brand, "POST"),
        route("/brands/count", count_brands, "GET"),
        route(brand, get_brand, "GET"),
        route(brand, update_brand, "PUT"),
        route(brand, delete_brand, "DELETE"),
        route("/option_sets", list_option_sets, "GET"),
        route("/option_sets/count", count_option_sets, "GET"),
        route("/option_sets/{option_set_id:int}", get_option_set, "GET"),
    ]
