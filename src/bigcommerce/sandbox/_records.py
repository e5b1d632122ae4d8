"""Builders for the sandbox's stored records, with the platform's default values.

Records use v3 field names. Money is `Decimal`, dates are aware UTC
`datetime`s. The v2 and v3 views render them into each API's wire format.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from typing import Any

Record = dict[str, Any]

CDN = "https://cdn11.bigcommerce.com/s-sandbox"
ZERO = Decimal("0")

ORDER_STATUSES = {
    0: "Incomplete",
    1: "Pending",
    2: "Shipped",
    3: "Partially Shipped",
    4: "Refunded",
    5: "Cancelled",
    6: "Declined",
    7: "Awaiting Payment",
    8: "Awaiting Pickup",
    9: "Awaiting Shipment",
    10: "Completed",
    11: "Awaiting Fulfillment",
    12: "Manual Verification Required",
    13: "Disputed",
    14: "Partially Refunded",
}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def product_url(name: str) -> str:
    return "/" + slug(name.replace("[Sample]", "")) + "/"


def make_product(
    product_id: int, name: str, when: datetime, /, **fields: Any
) -> Record:
    record: Record = {
        "id": product_id,
        "name": name,
        "type": "physical",
        "sku": "",
        "description": f"<p>{name.replace('[Sample] ', '')}.</p>",
        "weight": Decimal("1"),
        "width": ZERO,
        "depth": ZERO,
        "height": ZERO,
        "price": ZERO,
        "cost_price": ZERO,
        "retail_price": ZERO,
        "sale_price": ZERO,
        "map_price": ZERO,
        "tax_class_id": 0,
        "product_tax_code": "",
        "categories": [],
        "brand_id": 0,
        "option_set_id": None,
        "option_set_display": "right",
        "inventory_level": 0,
        "inventory_warning_level": 0,
        "inventory_tracking": "none",
        "fixed_cost_shipping_price": ZERO,
        "is_free_shipping": False,
        "is_visible": True,
        "is_featured": False,
        "related_products": [-1],
        "warranty": "",
        "bin_picking_number": "",
        "layout_file": "product.html",
        "upc": "",
        "mpn": "",
        "gtin": "",
        "search_keywords": "",
        "availability": "available",
        "availability_description": "",
        "gift_wrapping_options_type": "any",
        "gift_wrapping_options_list": [],
        "sort_order": 0,
        "condition": "New",
        "is_condition_shown": False,
        "order_quantity_minimum": 0,
        "order_quantity_maximum": 0,
        "page_title": "",
        "meta_keywords": [],
        "meta_description": "",
        "view_count": 0,
        "preorder_release_date": None,
        "preorder_message": "",
        "is_preorder_only": False,
        "is_price_hidden": False,
        "price_hidden_label": "",
        "custom_url": {"url": product_url(name), "is_customized": False},
        "open_graph_type": "product",
        "open_graph_title": "",
        "open_graph_description": "",
        "open_graph_use_meta_description": True,
        "open_graph_use_product_name": True,
        "open_graph_use_image": True,
        "reviews_rating_sum": 0,
        "reviews_count": 0,
        "total_sold": 0,
        "date_created": when,
        "date_modified": when,
        "date_last_imported": "",
        "base_variant_id": None,
    }
    record.update(fields)
    return record


def make_variant(variant_id: int, product: Record, /, **fields: Any) -> Record:
    record: Record = {
        "id": variant_id,
        "product_id": product["id"],
        "sku": product["sku"],
        "sku_id": None,
        "price": None,
        "cost_price": None,
        "sale_price": None,
        "retail_price": None,
        "map_price": None,
        "weight": None,
        "width": None,
        "height": None,
        "depth": None,
        "is_free_shipping": False,
        "fixed_cost_shipping_price": None,
        "purchasing_disabled": False,
        "purchasing_disabled_message": "",
        "image_url": "",
        "upc": "",
        "mpn": "",
        "gtin": "",
        "inventory_level": 0,
        "inventory_warning_level": 0,
        "bin_picking_number": "",
        "option_values": [],
    }
    record.update(fields)
    return record


def make_image(
    image_id: int, product_id: int, file_name: str, /, **fields: Any
) -> Record:
    path = f"products/{product_id}/images/{image_id}/{file_name}"
    record: Record = {
        "id": image_id,
        "product_id": product_id,
        "image_file": f"{file_name[0]}/{image_id:03d}/{file_name}",
        "url_zoom": f"{CDN}/images/stencil/1280x1280/{path}",
        "url_standard": f"{CDN}/images/stencil/500x659/{path}",
        "url_thumbnail": f"{CDN}/images/stencil/220x290/{path}",
        "url_tiny": f"{CDN}/images/stencil/60x90/{path}",
        "is_thumbnail": False,
        "sort_order": 0,
        "description": "",
        "date_created": None,
        "date_modified": None,
    }
    record.update(fields)
    return record


def make_category(category_id: int, name: str, /, **fields: Any) -> Record:
    record: Record = {
        "id": category_id,
        "parent_id": 0,
        "name": name,
        "description": f"<p>{name}</p>",
        "views": 0,
        "sort_order": 0,
        "page_title": "",
        "meta_keywords": [""],
        "meta_description": "",
        "layout_file": "category.html",
        "image_url": "",
        "is_visible": True,
        "search_keywords": "",
        "default_product_sort": "use_store_settings",
        "custom_url": {"url": f"/{slug(name)}/", "is_customized": False},
    }
    record.update(fields)
    return record


def make_brand(brand_id: int, name: str, /, **fields: Any) -> Record:
    record: Record = {
        "id": brand_id,
        "name": name,
        "page_title": name,
        "meta_keywords": [],
        "meta_description": "",
        "search_keywords": "",
        "image_url": "",
        "custom_url": {"url": f"/brands/{slug(name)}.html", "is_customized": False},
    }
    record.update(fields)
    return record


def make_customer(customer_id: int, when: datetime, /, **fields: Any) -> Record:
    record: Record = {
        "id": customer_id,
        "email": "",
        "first_name": "",
        "last_name": "",
        "company": "",
        "phone": "",
        "notes": "",
        "tax_exempt_category": "",
        "customer_group_id": 0,
        "registration_ip_address": "",
        "store_credit": ZERO,
        "accepts_marketing": False,
        "force_password_reset": False,
        "origin_channel_id": 1,
        "channel_ids": [1],
        "date_created": when,
        "date_modified": when,
    }
    record.update(fields)
    return record


def make_address(address_id: int, customer_id: int, /, **fields: Any) -> Record:
    record: Record = {
        "id": address_id,
        "customer_id": customer_id,
        "first_name": "",
        "last_name": "",
        "company": "",
        "address1": "",
        "address2": "",
        "city": "",
        "state_or_province": "",
        "postal_code": "",
        "country": "United States",
        "country_code": "US",
        "phone": "",
        "address_type": "residential",
    }
    record.update(fields)
    return record


def make_order(order_id: int, when: datetime, /, **fields: Any) -> Record:
    record: Record = {
        "id": order_id,
        "customer_id": 0,
        "status_id": 11,
        "date_created": when,
        "date_modified": when,
        "date_shipped": None,
        "cart_id": "",
        "subtotal_ex_tax": ZERO,
        "subtotal_inc_tax": ZERO,
        "subtotal_tax": ZERO,
        "shipping_cost_ex_tax": ZERO,
        "shipping_cost_inc_tax": ZERO,
        "total_ex_tax": ZERO,
        "total_inc_tax": ZERO,
        "total_tax": ZERO,
        "items_total": 0,
        "items_shipped": 0,
        "payment_method": "Cash on Delivery",
        "payment_status": "",
        "refunded_amount": ZERO,
        "store_credit_amount": ZERO,
        "gift_certificate_amount": ZERO,
        "discount_amount": ZERO,
        "coupon_discount": ZERO,
        "currency_code": "USD",
        "ip_address": "127.0.0.1",
        "geoip_country": "",
        "geoip_country_iso2": "",
        "customer_message": "",
        "staff_notes": "",
        "order_source": "www",
        "channel_id": 1,
        "external_source": None,
        "external_id": None,
        "billing_address": {},
        "shipping_address": {},
        "is_deleted": False,
    }
    record.update(fields)
    return record


def make_order_product(
    line_id: int, order_id: int, product: Record, quantity: int, **fields: Any
) -> Record:
    price: Decimal = product["price"]
    record: Record = {
        "id": line_id,
        "order_id": order_id,
        "product_id": product["id"],
        "variant_id": product.get("base_variant_id") or 0,
        "order_address_id": 0,
        "name": product["name"],
        "sku": product["sku"],
        "type": product["type"],
        "base_price": price,
        "price_ex_tax": price,
        "price_inc_tax": price,
        "price_tax": ZERO,
        "base_total": price * quantity,
        "total_ex_tax": price * quantity,
        "total_inc_tax": price * quantity,
        "total_tax": ZERO,
        "quantity": quantity,
        "quantity_shipped": 0,
        "weight": product["weight"],
        "brand": "",
    }
    record.update(fields)
    return record


def make_shipment(
    shipment_id: int, order: Record, items: list[Record], when: datetime
) -> Record:
    return {
        "id": shipment_id,
        "order_id": order["id"],
        "customer_id": order["customer_id"],
        "order_address_id": order["id"],
        "date_created": when,
        "tracking_number": f"1Z999AA1{shipment_id:010d}",
        "shipping_method": "Flat Rate",
        "shipping_provider": "ups",
        "tracking_carrier": "ups",
        "comments": "",
        "billing_address": dict(order["billing_address"]),
        "shipping_address": dict(order["shipping_address"]),
        "items": [
            {
                "order_product_id": item["id"],
                "product_id": item["product_id"],
                "quantity": item["quantity"],
            }
            for item in items
        ],
    }


def order_address(customer: Record, address: Record) -> Record:
    """Build a v2 order address from a customer and one of their addresses."""
    return {
        "first_name": address["first_name"],
        "last_name": address["last_name"],
        "company": address["company"],
        "street_1": address["address1"],
        "street_2": address["address2"],
        "city": address["city"],
        "state": address["state_or_province"],
        "zip": address["postal_code"],
        "country": address["country"],
        "country_iso2": address["country_code"],
        "phone": address["phone"],
        "email": customer["email"],
    }
