"""Validation of JSON request bodies against small per-resource field tables."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from bigcommerce.sandbox._http import ApiError
from bigcommerce.sandbox._query import to_decimal

# A field kind is "str", "int", "num", "bool", "ints", "strs", "object", or a
# tuple of allowed strings (an enum).
FieldKind = str | tuple[str, ...]
Spec = Mapping[str, FieldKind]

MAX_NUMBER = Decimal(sys.float_info.max)


def _check(kind: FieldKind, value: Any, api: str) -> tuple[bool, Any]:
    if isinstance(kind, tuple):
        return value in kind, value
    if kind == "str":
        return isinstance(value, str), value
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool), value
    if kind == "num":
        if isinstance(value, str) and api == "v3":
            return False, value
        try:
            number = to_decimal(value)
        except ValueError:
            return False, value
        # The reference gives money, weight and size fields a minimum of 0. v3
        # renders numbers as floats, and JSON cannot carry the infinity that a
        # larger value would become.
        return 0 <= number <= MAX_NUMBER, number
    if kind == "bool":
        return isinstance(value, bool), value
    if kind == "ints":
        ok = isinstance(value, list) and all(
            isinstance(item, int) and not isinstance(item, bool) for item in value
        )
        return ok, value
    if kind == "strs":
        ok = isinstance(value, list) and all(isinstance(item, str) for item in value)
        return ok, value
    if kind == "object":
        return isinstance(value, dict), value
    raise AssertionError(f"unknown field kind {kind!r}")


def _describe(kind: FieldKind) -> str:
    if isinstance(kind, tuple):
        return "one of " + ", ".join(kind)
    return {
        "str": "a string",
        "int": "an integer",
        "num": "a number from 0",
        "bool": "a boolean",
        "ints": "an array of integers",
        "strs": "an array of strings",
        "object": "an object",
    }[kind]


def validation_status(api: str) -> int:
    return 422 if api == "v3" else 400


def require_object(body: Any, api: str) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise ApiError(
            validation_status(api),
            "The request body must be a JSON object.",
            errors={"body": "Expected a JSON object."},
        )
    return body


def validate(
    body: Any,
    spec: Spec,
    *,
    api: str,
    required: Iterable[str] = (),
) -> dict[str, Any]:
    """Check the known fields of a body and return them converted.

    Unknown fields are ignored, as the platform ignores read-only ones. An
    `id` present in the body must be an integer. Numbers become `Decimal`.
    """
    data = require_object(body, api)
    missing = [name for name in required if data.get(name) in (None, "")]
    if missing:
        raise ApiError(
            validation_status(api),
            "Missing required fields: " + ", ".join(missing) + ".",
            errors={name: f"Please provide {name}." for name in missing},
            details={"invalid_reason": "The required field(s) were not supplied."},
        )

    errors: dict[str, str] = {}
    result: dict[str, Any] = {}
    full_spec = {"id": "int", **spec}
    for name, value in data.items():
        kind = full_spec.get(name)
        if kind is None:
            continue
        if value is None and name not in ("id",):
            continue
        ok, converted = _check(kind, value, api)
        if not ok:
            errors[name] = f"{name} must be {_describe(kind)}, got {value!r}."
        else:
            result[name] = converted
    if errors:
        raise ApiError(
            validation_status(api),
            "Invalid field values: " + ", ".join(errors) + ".",
            errors=errors,
            details={"invalid_reason": "; ".join(errors.values())},
        )
    return result
