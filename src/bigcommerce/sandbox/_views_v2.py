"""Render stored records in the v2 wire format: money strings, RFC 2822 dates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bigcommerce.sandbox import _records as records
from bigcommerce.sandbox._query import money_v2, rfc2822
from bigcommerce.sandbox._views_v3 import rows_of

if TYPE_CHECKING:
    from bigcommerce.sandbox._state import SandboxStore

Record = dict[str, Any]

# v3 inventory_tracking values and their v2 names.
TRACKING_TO_V2 = {"none": "none", "product": "simple", "variant": "sku"}
TRACKING_FROM_V2 = {value: key for key, value in TRACKING_TO_V2.items()}


def link(base: str, resource: str) -> dict[str, str]:
    return {"url": base + resource, "resource": resource}


def product(store: SandboxStore, record: Record, base: str) -> Record:
    product_id = record["id"]
    images = rows_of(store, "images", product_id)
    thumbnail = next((row for row in images if row["is_thumbnail"]), None)
    resource = f"/products/{product_id}"
    money = (
        "price",
        "cost_price",
        "retail_price",
        "sale_price",
        "weight",
        "width",
        "height",
        "depth",
        "fixed_cost_shipping_price",
    )
    data: Record = {
        "id": product_id,
        "keyword_filter": None,
        "name": record["name"],
        "type": record["type"],
        "sku": record["sku"],
        "description": record["description"],
        "search_keywords": record["search_keywords"],
        "availability_description": record["availability_description"],
        **{name: money_v2(record[name]) for name in money},
        "calculated_price": money_v2(record["sale_price"] or record["price"]),
        "sort_order": record["sort_order"],
        "is_visible": record["is_visible"],
        "is_featured": record["is_featured"],
        "related_products": ",".join(str(i) for i in record["related_products"]),
        "inventory_level": record["inventory_level"],
        "inventory_warning_level": record["inventory_warning_level"],
        "warranty": record["warranty"],
        "is_free_shipping": record["is_free_shipping"],
        "inventory_tracking": TRACKING_TO_V2[record["inventory_tracking"]],
        "rating_total": record["reviews_rating_sum"],
        "rating_count": record["reviews_count"],
        "total_sold": record["total_sold"],
        "date_created": rfc2822(record["date_created"]),
        "brand_id": record["brand_id"],
        "view_count": record["view_count"],
        "page_title": record["page_title"],
        "meta_keywords": ",".join(record["meta_keywords"]),
        "meta_description": record["meta_description"],
        "layout_file": record["layout_file"],
        "is_price_hidden": record["is_price_hidden"],
        "price_hidden_label": record["price_hidden_label"],
        "categories": list(record["categories"]),
        "date_modified": rfc2822(record["date_modified"]),
        "event_date_field_name": "Delivery Date",
        "event_date_type": "none",
        "event_date_start": "",
        "event_date_end": "",
        "condition": record["condition"],
        "is_condition_shown": record["is_condition_shown"],
        "preorder_release_date": rfc2822(record["preorder_release_date"]),
        "is_preorder_only": record["is_preorder_only"],
        "preorder_message": record["preorder_message"],
        "order_quantity_minimum": record["order_quantity_minimum"],
        "order_quantity_maximum": record["order_quantity_maximum"],
        "open_graph_type": record["open_graph_type"],
        "open_graph_title": record["open_graph_title"],
        "open_graph_description": record["open_graph_description"],
        "is_open_graph_thumbnail": record["open_graph_use_image"],
        "upc": record["upc"],
        "date_last_imported": "",
        "option_set_id": record["option_set_id"],
        "tax_class_id": record["tax_class_id"],
        "option_set_display": record["option_set_display"],
        "bin_picking_number": record["bin_picking_number"],
        "custom_url": record["custom_url"]["url"],
        "availability": record["availability"],
        "brand": link(base, f"/brands/{record['brand_id']}")
        if record["brand_id"]
        else None,
        "images": link(base, resource + "/images"),
        "discount_rules": link(base, resource + "/discount_rules"),
        "configurable_fields": link(base, resource + "/configurable_fields"),
        "custom_fields": link(base, resource + "/custom_fields"),
        "videos": link(base, resource + "/videos"),
        "skus": link(base, resource + "/skus"),
        "rules": link(base, resource + "/rules"),
        "option_set": (
            link(base, f"/option_sets/{record['option_set_id']}")
            if record["option_set_id"]
            else None
        ),
        "options": link(base, resource + "/options"),
        "tax_class": link(base, f"/tax_classes/{record['tax_class_id']}"),
        "primary_image": image_urls(thumbnail) if thumbnail else None,
    }
    return data


def image_urls(image: Record) -> Record:
    return {
        "id": image["id"],
        "zoom_url": image["url_zoom"],
        "thumbnail_url": image["url_thumbnail"],
        "standard_url": image["url_standard"],
        "tiny_url": image["url_tiny"],
    }


def image(record: Record) -> Record:
    return {
        "id": record["id"],
        "product_id": record["product_id"],
        "image_file": record["image_file"],
        **{key: value for key, value in image_urls(record).items() if key != "id"},
        "is_thumbnail": record["is_thumbnail"],
        "sort_order": record["sort_order"],
        "description": record["description"],
        "date_created": rfc2822(record["date_created"]),
    }


def sku(record: Record, product_record: Record) -> Record:
    price = record["price"]
    weight = record["weight"]
    return {
        "id": record["id"],
        "product_id": record["product_id"],
        "sku": record["sku"],
        "price": money_v2(price),
        "adjusted_price": money_v2(
            price if price is not None else product_record["price"]
        ),
        "cost_price": money_v2(record["cost_price"]) or "0.0000",
        "upc": record["upc"],
        "inventory_level": record["inventory_level"],
        "inventory_warning_level": record["inventory_warning_level"],
        "bin_picking_number": record["bin_picking_number"],
        "weight": money_v2(weight),
        "adjusted_weight": money_v2(
            weight if weight is not None else product_record["weight"]
        ),
        "is_purchasing_disabled": record["purchasing_disabled"],
        "purchasing_disabled_message": record["purchasing_disabled_message"],
        "image_file": record["image_url"],
        "options": [
            {"product_option_id": value["option_id"], "option_value_id": value["id"]}
            for value in record["option_values"]
        ],
    }


def custom_field(record: Record) -> Record:
    return {
        "id": record["id"],
        "product_id": record["product_id"],
        "name": record["name"],
        "text": record["value"],
    }


def product_option(record: Record) -> Record:
    return {
        "id": record["id"],
        "option_id": record["id"],
        "display_name": record["display_name"],
        "sort_order": record["sort_order"],
        "is_required": True,
    }


def option_set(record: Record, base: str) -> Record:
    return {
        "id": record["id"],
        "name": record["name"],
        "options": link(base, f"/option_sets/{record['id']}/options"),
    }


def category(store: SandboxStore, record: Record) -> Record:
    chain: list[int] = []
    current: Record | None = record
    while current is not None:
        chain.insert(0, current["id"])
        current = store.table("categories").get(current["parent_id"])
    return {
        "id": record["id"],
        "parent_id": record["parent_id"],
        "name": record["name"],
        "description": record["description"],
        "sort_order": record["sort_order"],
        "page_title": record["page_title"],
        "meta_keywords": list(record["meta_keywords"]),
        "meta_description": record["meta_description"],
        "layout_file": record["layout_file"],
        "parent_category_list": chain,
        "image_file": record["image_url"],
        "is_visible": record["is_visible"],
        "search_keywords": record["search_keywords"],
        "url": record["custom_url"]["url"],
    }


def brand(record: Record) -> Record:
    return {
        "id": record["id"],
        "name": record["name"],
        "page_title": record["page_title"],
        "meta_keywords": list(record["meta_keywords"]),
        "meta_description": record["meta_description"],
        "image_file": record["image_url"],
        "search_keywords": record["search_keywords"],
    }


def customer(record: Record, base: str) -> Record:
    return {
        "id": record["id"],
        "company": record["company"],
        "first_name": record["first_name"],
        "last_name": record["last_name"],
        "email": record["email"],
        "phone": record["phone"],
        "form_fields": None,
        "date_created": rfc2822(record["date_created"]),
        "date_modified": rfc2822(record["date_modified"]),
        "store_credit": money_v2(record["store_credit"]),
        "registration_ip_address": record["registration_ip_address"],
        "customer_group_id": record["customer_group_id"],
        "notes": record["notes"],
        "tax_exempt_category": record["tax_exempt_category"],
        "reset_pass_on_login": record["force_password_reset"],
        "accepts_marketing": record["accepts_marketing"],
        "addresses": link(base, f"/customers/{record['id']}/addresses"),
    }


def customer_address(record: Record) -> Record:
    return {
        "id": record["id"],
        "customer_id": record["customer_id"],
        "first_name": record["first_name"],
        "last_name": record["last_name"],
        "company": record["company"],
        "street_1": record["address1"],
        "street_2": record["address2"],
        "city": record["city"],
        "state": record["state_or_province"],
        "zip": record["postal_code"],
        "country": record["country"],
        "country_iso2": record["country_code"],
        "phone": record["phone"],
        "address_type": record["address_type"],
    }


ORDER_MONEY = (
    "subtotal_ex_tax",
    "subtotal_inc_tax",
    "subtotal_tax",
    "shipping_cost_ex_tax",
    "shipping_cost_inc_tax",
    "total_ex_tax",
    "total_inc_tax",
    "total_tax",
    "refunded_amount",
    "store_credit_amount",
    "gift_certificate_amount",
    "discount_amount",
    "coupon_discount",
)


def order(record: Record, base: str) -> Record:
    order_id = record["id"]
    zero = "0.0000"
    data: Record = {
        "id": order_id,
        "customer_id": record["customer_id"],
        "date_created": rfc2822(record["date_created"]),
        "date_modified": rfc2822(record["date_modified"]),
        "date_shipped": rfc2822(record["date_shipped"]),
        "status_id": record["status_id"],
        "status": records.ORDER_STATUSES.get(record["status_id"], "Unknown"),
        "cart_id": record["cart_id"],
        **{name: money_v2(record[name]) for name in ORDER_MONEY},
        "base_shipping_cost": money_v2(record["shipping_cost_ex_tax"]),
        "shipping_cost_tax": zero,
        "shipping_cost_tax_class_id": 0,
        "base_handling_cost": zero,
        "handling_cost_ex_tax": zero,
        "handling_cost_inc_tax": zero,
        "handling_cost_tax": zero,
        "handling_cost_tax_class_id": 0,
        "base_wrapping_cost": zero,
        "wrapping_cost_ex_tax": zero,
        "wrapping_cost_inc_tax": zero,
        "wrapping_cost_tax": zero,
        "wrapping_cost_tax_class_id": 0,
        "items_total": record["items_total"],
        "items_shipped": record["items_shipped"],
        "payment_method": record["payment_method"],
        "payment_provider_id": "",
        "payment_status": record["payment_status"],
        "currency_id": 1,
        "currency_code": record["currency_code"],
        "currency_exchange_rate": "1.0000000000",
        "default_currency_id": 1,
        "default_currency_code": record["currency_code"],
        "store_default_currency_code": record["currency_code"],
        "store_default_to_transactional_exchange_rate": "1.0000000000",
        "shipping_address_count": 1,
        "is_deleted": record["is_deleted"],
        "is_tax_inclusive_pricing": False,
        "is_email_opt_in": False,
        "order_is_digital": False,
        "ip_address": record["ip_address"],
        "ip_address_v6": "",
        "geoip_country": record["geoip_country"],
        "geoip_country_iso2": record["geoip_country_iso2"],
        "customer_message": record["customer_message"],
        "staff_notes": record["staff_notes"],
        "ebay_order_id": "0",
        "order_source": record["order_source"],
        "channel_id": record["channel_id"],
        "external_source": record["external_source"],
        "external_id": record["external_id"],
        "external_merchant_id": None,
        "external_order_id": "",
        "tax_provider_id": "",
        "customer_locale": "en",
        "billing_address": dict(record["billing_address"]),
        "products": link(base, f"/orders/{order_id}/products"),
        "shipping_addresses": link(base, f"/orders/{order_id}/shipping_addresses"),
        "coupons": link(base, f"/orders/{order_id}/coupons"),
    }
    return data


def order_product(record: Record) -> Record:
    money = (
        "base_price",
        "price_ex_tax",
        "price_inc_tax",
        "price_tax",
        "base_total",
        "total_ex_tax",
        "total_inc_tax",
        "total_tax",
    )
    return {
        "id": record["id"],
        "order_id": record["order_id"],
        "product_id": record["product_id"],
        "variant_id": record["variant_id"],
        "order_address_id": record["order_address_id"],
        "name": record["name"],
        "name_customer": record["name"],
        "name_merchant": record["name"],
        "sku": record["sku"],
        "upc": "",
        "type": record["type"],
        **{name: money_v2(record[name]) for name in money},
        "discounted_total_inc_tax": money_v2(record["total_inc_tax"]),
        "quantity": record["quantity"],
        "quantity_shipped": record["quantity_shipped"],
        "quantity_refunded": 0,
        "is_refunded": False,
        "refund_amount": "0.0000",
        "weight": money_v2(record["weight"]),
        "brand": record["brand"],
        "is_bundled_product": False,
        "parent_order_product_id": None,
        "option_set_id": None,
        "external_id": None,
        "applied_discounts": [],
        "product_options": [],
        "configurable_fields": [],
    }


def shipment(record: Record) -> Record:
    return {
        "id": record["id"],
        "order_id": record["order_id"],
        "customer_id": record["customer_id"],
        "order_address_id": record["order_address_id"],
        "date_created": rfc2822(record["date_created"]),
        "tracking_number": record["tracking_number"],
        "merchant_shipping_cost": "0.0000",
        "shipping_method": record["shipping_method"],
        "shipping_provider": record["shipping_provider"],
        "tracking_carrier": record["tracking_carrier"],
        "tracking_link": "",
        "comments": record["comments"],
        "billing_address": dict(record["billing_address"]),
        "shipping_address": dict(record["shipping_address"]),
        "items": [dict(item) for item in record["items"]],
    }
