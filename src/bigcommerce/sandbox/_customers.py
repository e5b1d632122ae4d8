"""Customer writes shared by the v2 and v3 routes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bigcommerce.sandbox import _records as records
from bigcommerce.sandbox._http import ApiError
from bigcommerce.sandbox._validate import FieldKind, validate, validation_status

if TYPE_CHECKING:
    from bigcommerce.sandbox._state import SandboxStore

Record = dict[str, Any]

COUNTRIES = {
    "US": "United States",
    "CA": "Canada",
    "GB": "United Kingdom",
    "AU": "Australia",
    "DE": "Germany",
    "FR": "France",
    "NL": "Netherlands",
}

ADDRESS_SPEC: dict[str, FieldKind] = {
    "first_name": "str",
    "last_name": "str",
    "company": "str",
    "address1": "str",
    "address2": "str",
    "city": "str",
    "state_or_province": "str",
    "postal_code": "str",
    "country_code": "str",
    "phone": "str",
    "address_type": ("residential", "commercial"),
}
ADDRESS_REQUIRED = (
    "first_name",
    "last_name",
    "address1",
    "city",
    "state_or_province",
    "country_code",
)


def check_email(store: SandboxStore, email: str, api: str, own_id: int = 0) -> None:
    """Reject an email address another customer already has."""
    for other in store.table("customers").values():
        if other["id"] != own_id and other["email"].lower() == email.lower():
            message = f"The email address {email} is already in use."
            # v3 rejects a duplicate email with 422, v2 with 409.
            status = validation_status(api) if api == "v3" else 409
            raise ApiError(
                status,
                message,
                errors={"email": message},
                details={"conflict_reason": message},
            )


def create_customer(store: SandboxStore, fields: Record) -> Record:
    customer_id = store.new_id("customers")
    now = store.now()
    customer = records.make_customer(customer_id, now, **fields)
    customer["id"] = customer_id
    store.table("customers")[customer_id] = customer
    return customer


def address_fields(body: Any, api: str) -> Record:
    """Validate an address body and return the fields of its record."""
    fields = validate(body, ADDRESS_SPEC, api=api, required=ADDRESS_REQUIRED)
    fields.pop("id", None)
    code = fields.get("country_code", "US")
    fields["country"] = COUNTRIES.get(code, code)
    return fields


def add_address(store: SandboxStore, customer_id: int, body: Any, api: str) -> Record:
    return store_address(store, customer_id, address_fields(body, api))


def store_address(store: SandboxStore, customer_id: int, fields: Record) -> Record:
    """Store an address from fields that `address_fields` has validated."""
    address_id = store.new_id("addresses")
    address = records.make_address(address_id, customer_id, **fields)
    store.table("addresses")[address_id] = address
    return address


def delete_customer(store: SandboxStore, customer_id: int) -> None:
    store.table("customers").pop(customer_id, None)
    addresses = store.table("addresses")
    for address_id in [
        k for k, row in addresses.items() if row["customer_id"] == customer_id
    ]:
        del addresses[address_id]
