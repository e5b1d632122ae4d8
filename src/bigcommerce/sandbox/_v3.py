"""v3 catalogue routes: products and their sub-resources, categories, brands."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bigcommerce.sandbox import _catalog as catalog
from bigcommerce.sandbox import _records as records
from bigcommerce.sandbox import _views_v3 as views
from bigcommerce.sandbox._http import ERROR_TYPE, ApiError, Call, endpoint, no_content
from bigcommerce.sandbox._query import FieldType, filter_rows, sort_v3, v3_page
from bigcommerce.sandbox._validate import FieldKind, require_object, validate

Record = dict[str, Any]

BATCH_MAX = 10
DELETE_BY_FILTER_MAX = 250
SMALL_PAGE = 10

PRODUCT_FILTERS: dict[str, FieldType] = {
    "id": "int",
    "name": "str",
    "sku": "str",
    "price": "num",
    "weight": "num",
    "brand_id": "int",
    "is_visible": "bool",
    "is_featured": "bool",
    "is_free_shipping": "bool",
    "inventory_level": "int",
    "total_sold": "int",
    "type": "str",
    "categories": "ints",
    "date_created": "date",
    "date_modified": "date",
    "availability": "str",
    "condition": "str",
    "mpn": "str",
    "upc": "str",
}
PRODUCT_SORTS = (
    "id",
    "name",
    "sku",
    "price",
    "date_modified",
    "date_created",
    "inventory_level",
    "is_visible",
    "total_sold",
)
CATEGORY_FILTERS: dict[str, FieldType] = {
    "id": "int",
    "name": "str",
    "parent_id": "int",
    "page_title": "str",
    "is_visible": "bool",
}
BRAND_FILTERS: dict[str, FieldType] = {"id": "int", "name": "str", "page_title": "str"}
VARIANT_SPEC: dict[str, FieldKind] = {
    "sku": "str",
    "price": "num",
    "cost_price": "num",
    "sale_price": "num",
    "retail_price": "num",
    "weight": "num",
    "width": "num",
    "height": "num",
    "depth": "num",
    "is_free_shipping": "bool",
    "fixed_cost_shipping_price": "num",
    "purchasing_disabled": "bool",
    "purchasing_disabled_message": "str",
    "upc": "str",
    "mpn": "str",
    "gtin": "str",
    "image_url": "str",
    "inventory_level": "int",
    "inventory_warning_level": "int",
    "bin_picking_number": "str",
    "option_values": "object_list",
}
IMAGE_SPEC: dict[str, FieldKind] = {
    "image_url": "str",
    "is_thumbnail": "bool",
    "sort_order": "int",
    "description": "str",
}
CUSTOM_FIELD_SPEC: dict[str, FieldKind] = {"name": "str", "value": "str"}


def envelope(data: Any) -> dict[str, Any]:
    return {"data": data, "meta": {}}


def _includes(call: Call) -> set[str]:
    text = call.query.get("include", "")
    return {part.strip() for part in text.split(",") if part.strip()}


def _trim(call: Call, data: Record, keep: set[str]) -> Record:
    return views.trim_fields(
        data, call.query.get("include_fields"), call.query.get("exclude_fields"), keep
    )


def _keyword(rows: list[Record], call: Call, fields: tuple[str, ...]) -> list[Record]:
    keyword = call.query.get("keyword")
    if not keyword:
        return rows
    needle = keyword.lower()
    return [
        row
        for row in rows
        if any(needle in str(row.get(name, "")).lower() for name in fields)
    ]


def _listing(
    call: Call,
    table: str,
    filters: Mapping[str, FieldType],
    sorts: tuple[str, ...],
    render: Callable[[Record], Record],
    *,
    keyword_fields: tuple[str, ...] = ("name",),
    max_limit: int = 250,
    keep: set[str] | None = None,
) -> dict[str, Any]:
    rows = filter_rows(call.store.table(table).values(), call.query, filters, api="v3")
    rows = _keyword(rows, call, keyword_fields)
    rows = sort_v3(rows, call.query, sorts)
    chunk, meta = v3_page(rows, call.query, max_limit)
    data = [_trim(call, render(row), keep or set()) for row in chunk]
    return {"data": data, "meta": meta}


def _filters_present(call: Call, filters: Mapping[str, FieldType]) -> bool:
    # An empty value (`id:in=`) filters nothing, so it does not count: a
    # delete by filter must never fall through to every record.
    return any(
        name.partition(":")[0] in filters and str(value).strip()
        for name, value in call.query.multi_items()
    )


def _delete_by_filter(
    call: Call,
    table: str,
    filters: Mapping[str, FieldType],
    delete: Callable[[int], None],
) -> Response:
    if not _filters_present(call, filters):
        raise ApiError(
            422,
            "Deleting by filter needs at least one filter, such as id:in=1,2,3.",
            errors={"filter": "No filter was given."},
        )
    rows = filter_rows(call.store.table(table).values(), call.query, filters, api="v3")
    if len(rows) > DELETE_BY_FILTER_MAX:
        raise ApiError(
            413,
            f"The filter matches {len(rows)} items: "
            f"the maximum is {DELETE_BY_FILTER_MAX}.",
        )
    for row in rows:
        delete(row["id"])
    return no_content()


# -- products --------------------------------------------------------------


def list_products(call: Call) -> Any:
    includes = _includes(call)
    small = bool(includes & views.SMALL_PAGE_INCLUDES)
    return _listing(
        call,
        "products",
        PRODUCT_FILTERS,
        PRODUCT_SORTS,
        lambda row: views.product(call.store, row, includes),
        keyword_fields=("name", "sku", "description", "search_keywords"),
        max_limit=SMALL_PAGE if small else 250,
        keep=includes,
    )


def get_product(call: Call) -> Any:
    product = catalog.get_or_404(call.store, "products", call.param("product_id"))
    includes = _includes(call)
    return envelope(_trim(call, views.product(call.store, product, includes), includes))


def _product_fields(call: Call, body: Any, *, creating: bool) -> Record:
    required = catalog.PRODUCT_REQUIRED if creating else ()
    return validate(body, catalog.PRODUCT_SPEC, api="v3", required=required)


def _embedded(
    body: Record, name: str, spec: Mapping[str, FieldKind], required: tuple[str, ...]
) -> list[Record]:
    """Validate the sub-resources a product create request embeds under `name`."""
    items = body.get(name)
    if items is None:
        return []
    if not isinstance(items, list):
        raise ApiError(
            422,
            f"{name} must be an array of objects, got {items!r}.",
            errors={name: "Expected an array of objects."},
        )
    checked = []
    for index, item in enumerate(items):
        try:
            checked.append(validate(item, spec, api="v3", required=required))
        except ApiError as error:
            raise ApiError(
                422,
                f"{name}[{index}]: {error.message}",
                errors={
                    f"{name}.{index}.{key}": text for key, text in error.errors.items()
                },
            ) from None
    return checked


def create_product(call: Call) -> Any:
    body = require_object(call.body, "v3")
    fields = _product_fields(call, body, creating=True)
    fields.pop("id", None)
    images = _embedded(body, "images", IMAGE_SPEC, ("image_url",))
    custom_fields = _embedded(
        body, "custom_fields", CUSTOM_FIELD_SPEC, ("name", "value")
    )
    catalog.check_product(call.store, fields, "v3")
    product = catalog.create_product(call.store, fields)
    for image in images:
        catalog.add_image(call.store, product["id"], image.pop("image_url"), image)
    for field in custom_fields:
        catalog.add_custom_field(
            call.store, product["id"], field["name"], field["value"]
        )
    return envelope(views.product(call.store, product, _includes(call)))


def update_product(call: Call) -> Any:
    product = catalog.get_or_404(call.store, "products", call.param("product_id"))
    fields = _product_fields(call, call.body, creating=False)
    catalog.check_product(call.store, fields, "v3", own_id=product["id"])
    catalog.update_product(call.store, product, fields)
    return envelope(views.product(call.store, product, _includes(call)))


def delete_product(call: Call) -> Any:
    product = catalog.get_or_404(call.store, "products", call.param("product_id"))
    catalog.delete_product(call.store, product["id"])
    return no_content()


def delete_products(call: Call) -> Any:
    return _delete_by_filter(
        call,
        "products",
        PRODUCT_FILTERS,
        lambda product_id: catalog.delete_product(call.store, product_id),
    )


def _batch_errors(call: Call, item: Any) -> Record | str:
    """Apply one item of a batch update; return the product or the error text."""
    if not isinstance(item, dict) or "id" not in item:
        return "Each item needs an integer id."
    try:
        fields = validate(item, catalog.PRODUCT_SPEC, api="v3")
        product = call.store.table("products").get(fields["id"])
        if product is None:
            return f"Product {fields['id']} was not found."
        catalog.check_product(call.store, fields, "v3", own_id=product["id"])
    except ApiError as error:
        return error.message
    catalog.update_product(call.store, product, fields)
    return product


def batch_update_products(call: Call) -> Any:
    if not isinstance(call.body, list):
        raise ApiError(422, "The request body must be a JSON array of products.")
    if len(call.body) > BATCH_MAX:
        raise ApiError(
            413,
            "The request payload is too large. "
            f"The maximum items allowed in the array is {BATCH_MAX}.",
        )
    updated: list[Record] = []
    errors: dict[str, str] = {}
    for index, item in enumerate(call.body):
        outcome = _batch_errors(call, item)
        if isinstance(outcome, str):
            errors[str(index)] = outcome
        else:
            updated.append(outcome)
    data = [views.product(call.store, product) for product in updated]
    if not errors:
        return {"data": data, "meta": {}}
    if not updated:
        raise ApiError(422, "No product in the batch could be updated.", errors=errors)
    error_block = {
        "status": 207,
        "title": "Some products in the batch were not updated.",
        "type": ERROR_TYPE,
        "errors": errors,
    }
    return JSONResponse({"data": data, "errors": error_block, "meta": {}}, 207)


# -- product sub-resources -------------------------------------------------


def _product(call: Call) -> Record:
    return catalog.get_or_404(call.store, "products", call.param("product_id"))


def _child(call: Call, table: str, key: str) -> Record:
    product = _product(call)
    row = call.store.table(table).get(call.param(key))
    if row is None or row["product_id"] != product["id"]:
        raise ApiError(404, "The requested resource was not found.")
    return row


def _sub_listing(call: Call, table: str, render: Callable[[Record], Record]) -> Any:
    product = _product(call)
    rows = views.rows_of(call.store, table, product["id"])
    if table == "variants":
        rows = sorted(rows, key=lambda row: row["id"])
    rows = filter_rows(rows, call.query, {"id": "int"}, api="v3")
    chunk, meta = v3_page(rows, call.query)
    return {"data": [_trim(call, render(row), set()) for row in chunk], "meta": meta}


def list_variants(call: Call) -> Any:
    product = _product(call)
    return _sub_listing(call, "variants", lambda row: views.variant(row, product))


def get_variant(call: Call) -> Any:
    row = _child(call, "variants", "variant_id")
    return envelope(views.variant(row, _product(call)))


def _option_values(call: Call, product: Record, requested: Any) -> list[Record]:
    options = views.rows_of(call.store, "options", product["id"])
    if not isinstance(requested, list):
        raise ApiError(
            422,
            "option_values must be an array.",
            errors={"option_values": "Expected an array."},
        )
    resolved = []
    for entry in requested:
        match = None
        for option in options:
            for value in option["option_values"]:
                if not isinstance(entry, dict):
                    continue
                by_id = entry.get("id") == value["id"] and entry.get("option_id") in (
                    None,
                    option["id"],
                )
                by_label = (
                    entry.get("label") == value["label"]
                    and entry.get("option_display_name") == option["display_name"]
                )
                if by_id or by_label:
                    match = {
                        "id": value["id"],
                        "label": value["label"],
                        "option_id": option["id"],
                        "option_display_name": option["display_name"],
                    }
        if match is None:
            raise ApiError(
                422,
                f"The option value {entry!r} does not exist.",
                errors={"option_values": "Unknown option value."},
            )
        resolved.append(match)
    return resolved


def _variant_fields(call: Call, product: Record, creating: bool) -> Record:
    spec = {key: kind for key, kind in VARIANT_SPEC.items() if kind != "object_list"}
    fields = validate(call.body, spec, api="v3", required=("sku",) if creating else ())
    fields.pop("id", None)
    if "option_values" in call.body:
        fields["option_values"] = _option_values(
            call, product, call.body["option_values"]
        )
    elif creating and views.rows_of(call.store, "options", product["id"]):
        raise ApiError(
            422,
            "Missing required fields: option_values.",
            errors={"option_values": "Please provide option_values."},
        )
    return fields


def create_variant(call: Call) -> Any:
    product = _product(call)
    fields = _variant_fields(call, product, creating=True)
    catalog.check_sku(call.store, fields["sku"], own_product=-1)
    variant_id = call.store.new_id("variants")
    variant = records.make_variant(variant_id, product, sku_id=variant_id, **fields)
    call.store.table("variants")[variant_id] = variant
    return envelope(views.variant(variant, product))


def update_variant(call: Call) -> Any:
    product = _product(call)
    variant = _child(call, "variants", "variant_id")
    fields = _variant_fields(call, product, creating=False)
    if fields.get("sku"):
        catalog.check_sku(
            call.store, fields["sku"], own_product=-1, own_variant=variant["id"]
        )
    variant.update(fields)
    return envelope(views.variant(variant, product))


def delete_variant(call: Call) -> Any:
    variant = _child(call, "variants", "variant_id")
    del call.store.table("variants")[variant["id"]]
    return no_content()


def list_images(call: Call) -> Any:
    return _sub_listing(call, "images", views.image)


def get_image(call: Call) -> Any:
    return envelope(views.image(_child(call, "images", "image_id")))


def create_image(call: Call) -> Any:
    product = _product(call)
    fields = validate(call.body, IMAGE_SPEC, api="v3", required=("image_url",))
    image = catalog.add_image(
        call.store, product["id"], fields.pop("image_url"), fields
    )
    return envelope(views.image(image))


def update_image(call: Call) -> Any:
    image = _child(call, "images", "image_id")
    fields = validate(call.body, IMAGE_SPEC, api="v3")
    if "image_url" in fields:
        image["url_zoom"] = fields.pop("image_url")
    fields.pop("id", None)
    image.update(fields)
    image["date_modified"] = call.store.now()
    return envelope(views.image(image))


def delete_image(call: Call) -> Any:
    image = _child(call, "images", "image_id")
    del call.store.table("images")[image["id"]]
    return no_content()


def list_custom_fields(call: Call) -> Any:
    return _sub_listing(call, "custom_fields", views.custom_field)


def get_custom_field(call: Call) -> Any:
    return envelope(
        views.custom_field(_child(call, "custom_fields", "custom_field_id"))
    )


def create_custom_field(call: Call) -> Any:
    product = _product(call)
    fields = validate(
        call.body, CUSTOM_FIELD_SPEC, api="v3", required=("name", "value")
    )
    row = catalog.add_custom_field(
        call.store, product["id"], fields["name"], fields["value"]
    )
    return envelope(views.custom_field(row))


def update_custom_field(call: Call) -> Any:
    row = _child(call, "custom_fields", "custom_field_id")
    fields = validate(call.body, CUSTOM_FIELD_SPEC, api="v3")
    fields.pop("id", None)
    row.update(fields)
    return envelope(views.custom_field(row))


def delete_custom_field(call: Call) -> Any:
    row = _child(call, "custom_fields", "custom_field_id")
    del call.store.table("custom_fields")[row["id"]]
    return no_content()


# -- categories and brands -------------------------------------------------


def list_categories(call: Call) -> Any:
    return _listing(
        call,
        "categories",
        CATEGORY_FILTERS,
        ("id", "name", "parent_id", "sort_order"),
        views.category,
        keyword_fields=("name", "description", "search_keywords"),
    )


def get_category(call: Call) -> Any:
    category = catalog.get_or_404(call.store, "categories", call.param("category_id"))
    return envelope(_trim(call, views.category(category), set()))


def create_category(call: Call) -> Any:
    fields = validate(
        call.body, catalog.CATEGORY_SPEC, api="v3", required=("name", "parent_id")
    )
    fields.pop("id", None)
    catalog.check_category(call.store, fields)
    return envelope(views.category(catalog.create_category(call.store, fields)))


def update_category(call: Call) -> Any:
    category = catalog.get_or_404(call.store, "categories", call.param("category_id"))
    fields = validate(call.body, catalog.CATEGORY_SPEC, api="v3")
    fields.pop("id", None)
    catalog.check_category(call.store, fields, own_id=category["id"])
    category.update(fields)
    return envelope(views.category(category))


def delete_category(call: Call) -> Any:
    category = catalog.get_or_404(call.store, "categories", call.param("category_id"))
    catalog.delete_category(call.store, category["id"])
    return no_content()


def delete_categories(call: Call) -> Any:
    return _delete_by_filter(
        call,
        "categories",
        CATEGORY_FILTERS,
        lambda row_id: catalog.delete_category(call.store, row_id),
    )


def list_brands(call: Call) -> Any:
    return _listing(call, "brands", BRAND_FILTERS, ("id", "name"), views.brand)


def get_brand(call: Call) -> Any:
    brand = catalog.get_or_404(call.store, "brands", call.param("brand_id"))
    return envelope(_trim(call, views.brand(brand), set()))


def create_brand(call: Call) -> Any:
    fields = validate(call.body, catalog.BRAND_SPEC, api="v3", required=("name",))
    fields.pop("id", None)
    catalog.check_brand(call.store, fields)
    return envelope(views.brand(catalog.create_brand(call.store, fields)))


def update_brand(call: Call) -> Any:
    brand = catalog.get_or_404(call.store, "brands", call.param("brand_id"))
    fields = validate(call.body, catalog.BRAND_SPEC, api="v3")
    fields.pop("id", None)
    catalog.check_brand(call.store, fields, own_id=brand["id"])
    brand.update(fields)
    return envelope(views.brand(brand))


def delete_brand(call: Call) -> Any:
    brand = catalog.get_or_404(call.store, "brands", call.param("brand_id"))
    catalog.delete_brand(call.store, brand["id"])
    return no_content()


def delete_brands(call: Call) -> Any:
    return _delete_by_filter(
        call,
        "brands",
        BRAND_FILTERS,
        lambda row_id: catalog.delete_brand(call.store, row_id),
    )


def _route(path: str, handler: Callable[[Call], Any], methods: list[str]) -> Route:
    return Route(path, endpoint(handler), methods=methods)


def _crud(
    path: str, key: str, handlers: tuple[Callable[[Call], Any], ...]
) -> list[Route]:
    listing, create, get, update, delete = handlers
    item = f"{path}/{{{key}:int}}"
    return [
        _route(path, listing, ["GET"]),
        _route(path, create, ["POST"]),
        _route(item, get, ["GET"]),
        _route(item, update, ["PUT"]),
        _route(item, delete, ["DELETE"]),
    ]


def routes() -> list[Route]:
    """Build the v3 catalogue routes, relative to /stores/{store_hash}/v3."""
    products = "/catalog/products"
    product = products + "/{product_id:int}"
    return [
        _route(products, batch_update_products, ["PUT"]),
        _route(products, delete_products, ["DELETE"]),
        *_crud(
            products,
            "product_id",
            (
                list_products,
                create_product,
                get_product,
                update_product,
                delete_product,
            ),
        ),
        *_crud(
            product + "/variants",
            "variant_id",
            (
                list_variants,
                create_variant,
                get_variant,
                update_variant,
                delete_variant,
            ),
        ),
        *_crud(
            product + "/images",
            "image_id",
            (list_images, create_image, get_image, update_image, delete_image),
        ),
        *_crud(
            product + "/custom-fields",
            "custom_field_id",
            (
                list_custom_fields,
                create_custom_field,
                get_custom_field,
                update_custom_field,
                delete_custom_field,
            ),
        ),
        _route("/catalog/categories", delete_categories, ["DELETE"]),
        *_crud(
            "/catalog/categories",
            "category_id",
            (
                list_categories,
                create_category,
                get_category,
                update_category,
                delete_category,
            ),
        ),
        _route("/catalog/brands", delete_brands, ["DELETE"]),
        *_crud(
            "/catalog/brands",
            "brand_id",
            (list_brands, create_brand, get_brand, update_brand, delete_brand),
        ),
    ]
