"""The deterministic sample catalogue, customers and orders of a fresh sandbox."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from bigcommerce.sandbox import _records as records

Record = dict[str, Any]
Tables = dict[str, dict[int, Record]]

BASE_TIME = datetime(2024, 1, 2, 9, 0, 0, tzinfo=timezone.utc)

BIG_PRODUCT_ID = 77
FIRST_PRODUCT_ID = 77
FIRST_ORDER_ID = 100

CATEGORIES = [
    (18, "Shop All", 0),
    (19, "Bath", 0),
    (20, "Garden", 0),
    (21, "Kitchen", 0),
    (22, "Publications", 0),
    (23, "Utility", 0),
    (24, "Coffee", 21),
]

BRANDS = [
    (35, "Common Good"),
    (36, "Sagaform"),
    (37, "OFS"),
    (38, "Able Brewing"),
    (39, "Chemex"),
    (40, "Fog Linen Work"),
    (41, "Kinfolk"),
]

SIZES = ["Small", "Medium", "Large"]
FINISHES = ["Natural", "Charcoal", "Sage"]
ISSUES = ["Vol. 1", "Vol. 2", "Vol. 3"]

# name, category ids, brand id, price, weight, suffixes
BASE_ITEMS: list[tuple[str, list[int], int, str, str, list[str]]] = [
    ("Orbit Terrarium", [20], 37, "89.00", "3", SIZES),
    ("Able Brewing System", [21, 24], 38, "225.00", "4", FINISHES),
    ("Chemex Coffeemaker", [21, 24], 39, "49.50", "2", ["3 Cup", "6 Cup", "8 Cup"]),
    ("Oak Cheese Grater", [21], 37, "34.95", "1", FINISHES),
    ("Le Parfait Jar", [21], 36, "7.00", "1", ["0.5 L", "1 L", "1.5 L"]),
    ("Canvas Laundry Cart", [23], 35, "200.00", "9", FINISHES),
    ("Dustpan & Brush", [23], 35, "34.95", "1", FINISHES),
    ("Utility Caddy", [23], 37, "45.95", "2", SIZES),
    ("Tiered Wire Basket", [23], 37, "119.95", "5", SIZES),
    ("Laundry Detergent", [23], 35, "29.00", "2", ["Lavender", "Unscented", "Citrus"]),
    ("Smith Journal", [22], 41, "25.00", "1", ISSUES),
    ("Kinfolk Quarterly", [22], 41, "20.00", "1", ISSUES),
    ("Sodling Planter", [20], 36, "17.50", "2", SIZES),
    ("Garden Shears", [20], 37, "39.00", "1", FINISHES),
    ("Harvest Basket", [20], 35, "58.00", "2", SIZES),
    ("Plant Mister", [20], 36, "22.00", "1", FINISHES),
    ("Bath Brush", [19], 35, "18.00", "1", FINISHES),
    ("Fog Linen Bath Mat", [19], 40, "64.00", "2", FINISHES),
    ("Soap Dish", [19], 36, "12.00", "1", FINISHES),
    ("Coffee Canister", [21, 24], 36, "32.00", "1", SIZES),
    ("Ceramic Pour Over", [21, 24], 36, "38.00", "1", FINISHES),
]

BIG_PRODUCT_COLOURS = [
    "Beige Stripe",
    "Charcoal",
    "Natural",
    "Sage",
    "Indigo",
    "Rust",
    "Ochre",
    "Moss",
    "Slate",
    "Sand",
    "Clay",
    "Olive",
    "Navy",
    "Plum",
    "Coral",
    "Mint",
    "Ivory",
    "Stone",
    "Berry",
    "Teal",
    "Fern",
    "Smoke",
    "Honey",
    "Pebble",
    "Cocoa",
    "Sky",
]
BIG_PRODUCT_SIZES = [
    "30x30",
    "35x35",
    "40x60",
    "45x90",
    "50x70",
    "50x100",
    "60x120",
    "70x140",
    "90x150",
    "100x180",
]

CUSTOMER_NAMES = [
    ("Jane", "Doe"),
    ("John", "Smith"),
    ("Maria", "Garcia"),
    ("Wei", "Chen"),
    ("Aisha", "Khan"),
    ("Liam", "Murphy"),
    ("Sofia", "Rossi"),
    ("Noah", "Becker"),
    ("Yuki", "Tanaka"),
    ("Olivia", "Brown"),
    ("Mateo", "Silva"),
    ("Emma", "Dubois"),
    ("Lucas", "Novak"),
    ("Chloe", "Martin"),
    ("Arjun", "Patel"),
    ("Ava", "Wilson"),
    ("Elias", "Berg"),
    ("Mia", "Kowalski"),
    ("Omar", "Haddad"),
    ("Grace", "Okafor"),
    ("Hugo", "Lefevre"),
    ("Isla", "Campbell"),
    ("Leo", "Costa"),
    ("Zoe", "Fischer"),
]

CITIES = [
    ("Austin", "Texas", "78701"),
    ("Portland", "Oregon", "97205"),
    ("Denver", "Colorado", "80202"),
    ("Chicago", "Illinois", "60601"),
    ("Boston", "Massachusetts", "02108"),
    ("Seattle", "Washington", "98101"),
]

ORDER_STATUS_CYCLE = [11, 10, 2, 9, 1, 10, 5, 7, 2, 10, 3, 11]


class _Ids:
    def __init__(self) -> None:
        self.next: dict[str, int] = {}

    def take(self, table: str, first: int = 1) -> int:
        value = self.next.get(table, first)
        self.next[table] = value + 1
        return value


def build_seed() -> Tables:
    """Build the seeded tables; every run yields the same records and ids."""
    tables: Tables = {}
    ids = _Ids()
    for category_id, name, parent_id in CATEGORIES:
        category = records.make_category(
            category_id, name, parent_id=parent_id, sort_order=category_id - 18
        )
        tables.setdefault("categories", {})[category_id] = category
    for brand_id, name in BRANDS:
        tables.setdefault("brands", {})[brand_id] = records.make_brand(brand_id, name)
    _seed_products(tables, ids)
    _seed_customers(tables, ids)
    _seed_orders(tables, ids)
    return tables


def _seed_products(tables: Tables, ids: _Ids) -> None:
    products = tables.setdefault("products", {})
    rng = random.Random(77)

    big = records.make_product(
        BIG_PRODUCT_ID,
        "[Sample] Fog Linen Chambray Towel - Beige Stripe",
        BASE_TIME,
        sku="SLCTBS",
        price=Decimal("49.00"),
        weight=Decimal("1"),
        categories=[18, 19],
        brand_id=40,
        inventory_tracking="variant",
        is_featured=True,
        option_set_id=1,
    )
    products[BIG_PRODUCT_ID] = big
    _add_options(
        tables,
        ids,
        big,
        [("Colour", BIG_PRODUCT_COLOURS), ("Size", BIG_PRODUCT_SIZES)],
    )
    _add_image(tables, ids, big, "fog-linen-chambray-towel.jpg", thumbnail=True)

    product_id = FIRST_PRODUCT_ID + 1
    for index, (base, categories, brand_id, price, weight, suffixes) in enumerate(
        BASE_ITEMS
    ):
        for position, suffix in enumerate(suffixes):
            when = BASE_TIME + timedelta(
                days=product_id - FIRST_PRODUCT_ID, hours=index
            )
            name = f"[Sample] {base} - {suffix}"
            tracked = product_id % 3 == 0
            product = records.make_product(
                product_id,
                name,
                when,
                sku=f"SB-{product_id:04d}",
                price=Decimal(price) + Decimal(position * 5),
                cost_price=(Decimal(price) * Decimal("0.4")).quantize(Decimal("0.01")),
                weight=Decimal(weight),
                categories=[18, *categories],
                brand_id=brand_id,
                inventory_tracking="product" if tracked else "none",
                inventory_level=rng.randrange(0, 120) if tracked else 0,
                is_visible=product_id % 17 != 0,
                is_featured=product_id % 7 == 0,
                is_free_shipping=product_id % 11 == 0,
                total_sold=rng.randrange(0, 400),
                date_modified=when + timedelta(days=30 + product_id % 40),
            )
            products[product_id] = product
            if product_id % 5 == 0:
                product["option_set_id"] = 2
                _add_options(tables, ids, product, [("Finish", ["Matte", "Gloss"])])
            else:
                _add_base_variant(tables, ids, product)
            slug = records.slug(f"{base} {suffix}")
            _add_image(tables, ids, product, f"{slug}.jpg", thumbnail=True)
            if product_id % 4 == 0:
                _add_image(tables, ids, product, f"{slug}-detail.jpg", thumbnail=False)
            if product_id % 3 == 0:
                field_id = ids.take("custom_fields")
                tables.setdefault("custom_fields", {})[field_id] = {
                    "id": field_id,
                    "product_id": product_id,
                    "name": "Origin",
                    "value": ["Portugal", "Japan", "Sweden"][(product_id // 3) % 3],
                }
            product_id += 1

    tables["option_sets"] = {
        1: {"id": 1, "name": "Towel colours and sizes", "option_ids": [1, 2]},
        2: {"id": 2, "name": "Finish", "option_ids": []},
    }


def _add_base_variant(tables: Tables, ids: _Ids, product: Record) -> None:
    variant_id = ids.take("variants")
    variant = records.make_variant(
        variant_id,
        product,
        inventory_level=product["inventory_level"],
    )
    tables.setdefault("variants", {})[variant_id] = variant
    product["base_variant_id"] = variant_id


def _add_options(
    tables: Tables,
    ids: _Ids,
    product: Record,
    options: list[tuple[str, list[str]]],
) -> None:
    """Add product options and one variant for every combination of their values."""
    created_options: list[Record] = []
    for sort_order, (display_name, labels) in enumerate(options):
        option_id = ids.take("options")
        option = {
            "id": option_id,
            "product_id": product["id"],
            "display_name": display_name,
            "name": f"{display_name}-{option_id}",
            "type": "dropdown" if len(labels) > 3 else "rectangles",
            "sort_order": sort_order,
            "option_values": [
                {
                    "id": ids.take("option_values", 100),
                    "label": label,
                    "sort_order": position,
                    "is_default": False,
                    "value_data": None,
                }
                for position, label in enumerate(labels)
            ],
        }
        tables.setdefault("options", {})[option_id] = option
        created_options.append(option)

    combinations: list[list[tuple[Record, Record]]] = [[]]
    for option in created_options:
        combinations = [
            [*combo, (option, value)]
            for combo in combinations
            for value in option["option_values"]
        ]
    for combo in combinations:
        variant_id = ids.take("variants")
        suffix = "-".join(value["label"][:3].upper() for _, value in combo)
        variant = records.make_variant(
            variant_id,
            product,
            sku=f"{product['sku']}-{suffix}-{variant_id}",
            sku_id=variant_id,
            inventory_level=variant_id % 25,
            option_values=[
                {
                    "id": value["id"],
                    "label": value["label"],
                    "option_id": option["id"],
                    "option_display_name": option["display_name"],
                }
                for option, value in combo
            ],
        )
        tables.setdefault("variants", {})[variant_id] = variant
        if product.get("base_variant_id") is None:
            product["base_variant_id"] = variant_id


def _add_image(
    tables: Tables, ids: _Ids, product: Record, file_name: str, *, thumbnail: bool
) -> None:
    image_id = ids.take("images")
    image = records.make_image(
        image_id,
        product["id"],
        file_name,
        is_thumbnail=thumbnail,
        sort_order=0 if thumbnail else 1,
        date_created=product["date_created"],
        date_modified=product["date_created"],
    )
    tables.setdefault("images", {})[image_id] = image


def _seed_customers(tables: Tables, ids: _Ids) -> None:
    customers = tables.setdefault("customers", {})
    addresses = tables.setdefault("addresses", {})
    for index, (first, last) in enumerate(CUSTOMER_NAMES):
        customer_id = index + 1
        when = BASE_TIME + timedelta(days=3 * index, hours=index % 5)
        customer = records.make_customer(
            customer_id,
            when,
            email=f"{first.lower()}.{last.lower()}@example.com",
            first_name=first,
            last_name=last,
            company="Sandbox Goods Ltd" if index % 6 == 0 else "",
            phone=f"555-01{index:02d}",
            customer_group_id=1 if index % 4 == 0 else 0,
            accepts_marketing=index % 2 == 0,
            registration_ip_address=f"192.0.2.{index + 10}",
            date_modified=when + timedelta(days=10 + index),
        )
        customers[customer_id] = customer
        for number in range(1 + index % 2):
            city, state, postal_code = CITIES[(index + number) % len(CITIES)]
            address_id = ids.take("addresses")
            addresses[address_id] = records.make_address(
                address_id,
                customer_id,
                first_name=first,
                last_name=last,
                address1=f"{100 + index * 7 + number} Market Street",
                city=city,
                state_or_province=state,
                postal_code=postal_code,
                phone=customer["phone"],
                address_type="commercial" if number else "residential",
            )


def _seed_orders(tables: Tables, ids: _Ids) -> None:
    rng = random.Random(100)
    products = [p for p in tables["products"].values() if p["is_visible"]]
    customers = tables["customers"]
    first_address: dict[int, Record] = {}
    for address in tables["addresses"].values():
        first_address.setdefault(address["customer_id"], address)
    orders = tables.setdefault("orders", {})
    lines = tables.setdefault("order_products", {})
    shipments = tables.setdefault("shipments", {})

    for index in range(36):
        order_id = FIRST_ORDER_ID + index
        customer_id = 0 if index % 7 == 6 else 1 + (index * 5) % len(customers)
        buyer = customers[customer_id] if customer_id else customers[1]
        address = records.order_address(buyer, first_address[buyer["id"]])
        if not customer_id:
            address["email"] = f"guest{order_id}@example.com"
        when = BASE_TIME + timedelta(days=30 + 4 * index, hours=index % 9)
        status_id = ORDER_STATUS_CYCLE[index % len(ORDER_STATUS_CYCLE)]
        order = records.make_order(
            order_id,
            when,
            customer_id=customer_id,
            status_id=status_id,
            billing_address=address,
            shipping_address=dict(address),
            date_modified=when + timedelta(days=1),
            payment_status="captured" if status_id in (2, 3, 10) else "",
        )
        chosen = rng.sample(products, 1 + index % 3)
        order_lines = []
        for product in chosen:
            line_id = ids.take("order_products")
            line = records.make_order_product(
                line_id, order_id, product, 1 + rng.randrange(3)
            )
            lines[line_id] = line
            order_lines.append(line)
        total_order(order, order_lines)
        orders[order_id] = order
        if status_id in (2, 3, 10):
            shipped = order_lines if status_id != 3 else order_lines[:1]
            for line in shipped:
                line["quantity_shipped"] = line["quantity"]
            shipment_id = ids.take("shipments")
            shipments[shipment_id] = records.make_shipment(
                shipment_id, order, shipped, when + timedelta(days=2)
            )
            order["items_shipped"] = sum(line["quantity"] for line in shipped)
            order["date_shipped"] = when + timedelta(days=2)


def total_order(order: Record, lines: list[Record]) -> None:
    """Set an order's totals from its lines and a flat shipping charge."""
    subtotal = sum((line["total_inc_tax"] for line in lines), Decimal("0"))
    shipping = Decimal("10.00")
    order["subtotal_ex_tax"] = subtotal
    order["subtotal_inc_tax"] = subtotal
    order["shipping_cost_ex_tax"] = shipping
    order["shipping_cost_inc_tax"] = shipping
    order["total_ex_tax"] = subtotal + shipping
    order["total_inc_tax"] = subtotal + shipping
    order["items_total"] = sum(line["quantity"] for line in lines)
