"""Query filters, sorting, paging and the date and money formats of v2 and v3."""

from __future__ import annotations

import email.utils
import math
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from starlette.datastructures import QueryParams

from bigcommerce.sandbox._http import ApiError

Record = dict[str, Any]
FieldType = Literal["int", "num", "str", "bool", "date", "ints"]

V2_MAX_LIMIT = 250
V3_MAX_LIMIT = 250
DEFAULT_LIMIT = 50
V3_OPERATORS = ("in", "not_in", "min", "max", "greater", "less", "like", "not")


# -- dates and money -------------------------------------------------------


def iso(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone(timezone.utc).isoformat(timespec="seconds")


def rfc2822(value: datetime | None) -> str:
    if value is None:
        return ""
    return email.utils.format_datetime(value.astimezone(timezone.utc))


def parse_date(text: str) -> datetime:
    """Parse ISO 8601 (date or date-time), RFC 2822 or epoch seconds; UTC if naive."""
    text = text.strip()
    parsed: datetime | None = None
    if text.isdigit():
        try:
            return datetime.fromtimestamp(int(text), timezone.utc)
        except (OverflowError, OSError, ValueError):
            raise ValueError(f"epoch seconds out of range: {text!r}") from None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            parsed = None
    if parsed is None:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"not a date: {text!r}") from None
        parsed = datetime(day.year, day.month, day.day)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed


def money_v2(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return f"{value:.4f}"


def to_decimal(value: Any) -> Decimal:
    """Convert a JSON number or numeric string; raise ValueError otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise ValueError(f"not a number: {value!r}")
    try:
        result = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None
    if not result.is_finite():
        raise ValueError(f"not a number: {value!r}")
    return result


# -- filter values ---------------------------------------------------------


def _convert(kind: FieldType, text: str) -> Any:
    if kind in ("int", "ints"):
        return int(text)
    if kind == "num":
        return to_decimal(text)
    if kind == "bool":
        lowered = text.lower()
        if lowered in ("true", "1"):
            return True
        if lowered in ("false", "0"):
            return False
        raise ValueError(f"not a boolean: {text!r}")
    if kind == "date":
        return parse_date(text)
    return text


def _matches(kind: FieldType, operator: str, actual: Any, expected: Any) -> bool:
    if kind == "ints":
        values = set(actual or [])
        if operator in ("", "in"):
            return bool(values & set(expected))
        if operator in ("not_in", "not"):
            return not values & set(expected)
        return True
    if actual is None:
        return False
    if kind == "str" and isinstance(actual, str):
        actual_text = actual.lower()
        if operator == "like":
            return any(part.lower() in actual_text for part in expected)
        if operator in ("", "in"):
            return actual_text in {part.lower() for part in expected}
        if operator in ("not", "not_in"):
            return actual_text not in {part.lower() for part in expected}
    if kind == "bool":
        return bool(actual) is bool(expected[0])
    comparisons: dict[str, Callable[[], bool]] = {
        "": lambda: actual in expected,
        "in": lambda: actual in expected,
        "not": lambda: actual not in expected,
        "not_in": lambda: actual not in expected,
        "min": lambda: actual >= expected[0],
        "max": lambda: actual <= expected[0],
        "greater": lambda: actual > expected[0],
        "less": lambda: actual < expected[0],
        "like": lambda: str(expected[0]).lower() in str(actual).lower(),
    }
    return bool(comparisons[operator]())


def _date_bound(operator: str, value: datetime, text: str) -> datetime:
    """Make a date-only upper bound include the whole day."""
    if operator == "max" and len(text.strip()) == 10:
        return value.replace(hour=23, minute=59, second=59)
    return value


def invalid_filter(api: str, name: str, text: str) -> ApiError:
    status = 422 if api == "v3" else 400
    return ApiError(
        status,
        f"The filter {name}={text!r} is not valid.",
        errors={name: f"Invalid value {text!r}."},
    )


def filter_rows(
    rows: Iterable[Record],
    query: QueryParams | Mapping[str, str],
    fields: Mapping[str, FieldType],
    *,
    api: str,
    columns: Mapping[str, str] | None = None,
) -> list[Record]:
    """Keep the rows matching every recognised filter; unknown filters are ignored.

    v3 filters are `field`, `field:in`, `field:min` and so on; v2 filters are
    `field`, `min_field` and `max_field`. `columns` maps a filter name to
    the record key when they differ.
    """
    tests: list[tuple[str, FieldType, str, list[Any]]] = []
    for name, text in query.items():
        parsed = _parse_filter_name(name, fields, api)
        if parsed is None:
            continue
        field, operator = parsed
        kind = fields[field]
        parts = (
            text.split(",")
            if operator in ("in", "not_in") or kind == "ints"
            else [text]
        )
        if kind == "str" and operator == "like":
            parts = [text]
        try:
            values = [_convert(kind, part) for part in parts if part != ""]
        except ValueError:
            raise invalid_filter(api, name, text) from None
        if not values:
            continue
        if kind == "date":
            values = [_date_bound(operator, values[0], text)]
        key = (columns or {}).get(field, field)
        tests.append((key, kind, operator, values))

    return [
        row
        for row in rows
        if all(
            _matches(kind, op, row.get(key), expected)
            for key, kind, op, expected in tests
        )
    ]


def _parse_filter_name(
    name: str, fields: Mapping[str, FieldType], api: str
) -> tuple[str, str] | None:
    if api == "v3":
        field, _, operator = name.partition(":")
        if field in fields and (operator == "" or operator in V3_OPERATORS):
            return field, operator
        return None
    if name in fields:
        return name, ""
    for prefix, operator in (("min_", "min"), ("max_", "max")):
        if name.startswith(prefix) and name[len(prefix) :] in fields:
            return name[len(prefix) :], operator
    return None


# -- sorting ---------------------------------------------------------------


def _sort_key(value: Any) -> tuple[int, Any]:
    if value is None:
        return (0, 0)
    if isinstance(value, str):
        return (1, value.lower())
    return (1, value)


def sort_rows(rows: list[Record], field: str, descending: bool) -> list[Record]:
    """Sort by a field, then by id, so equal keys keep a stable order."""
    ordered = sorted(rows, key=lambda row: row["id"])
    return sorted(
        ordered, key=lambda row: _sort_key(row.get(field)), reverse=descending
    )


def sort_v3(
    rows: list[Record], query: QueryParams, allowed: Iterable[str]
) -> list[Record]:
    field = query.get("sort", "id")
    direction = query.get("direction", "asc").lower()
    if ":" in field:
        field, _, direction = field.partition(":")
    if field not in allowed:
        field = "id"
    return sort_rows(rows, field, direction == "desc")


def sort_v2(
    rows: list[Record], query: QueryParams, allowed: Iterable[str]
) -> list[Record]:
    field, _, direction = query.get("sort", "id").partition(":")
    if field not in allowed:
        field = "id"
    return sort_rows(rows, field, direction.lower() == "desc")


# -- paging ----------------------------------------------------------------


def _positive_int(query: QueryParams, name: str, default: int, api: str) -> int:
    text = query.get(name)
    if text is None or text == "":
        return default
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        status = 400 if api == "v2" else 422
        raise ApiError(
            status,
            f"The parameter {name}={text!r} is invalid: use a whole number from 1.",
            errors={name: "Must be a positive integer."},
        )
    return value


def v2_page(rows: list[Record], query: QueryParams) -> list[Record]:
    """Cut one v2 page. Callers respond with 204 when it is empty."""
    limit = _positive_int(query, "limit", DEFAULT_LIMIT, "v2")
    page = _positive_int(query, "page", 1, "v2")
    if limit > V2_MAX_LIMIT:
        raise ApiError(
            413,
            f"The limit {limit} is too large: the maximum is {V2_MAX_LIMIT}.",
            details={"limit": limit, "maximum": V2_MAX_LIMIT},
        )
    start = (page - 1) * limit
    return rows[start : start + limit]


def v3_paging(query: QueryParams, max_limit: int = V3_MAX_LIMIT) -> tuple[int, int]:
    """Read `page` and `limit`; a limit above the maximum is lowered to it."""
    # NOTE: the platform's handling of a v3 limit above 250 varies by
    # endpoint; the sandbox lowers it and reports the cap in meta.per_page.
    limit = min(_positive_int(query, "limit", DEFAULT_LIMIT, "v3"), max_limit)
    page = _positive_int(query, "page", 1, "v3")
    return page, limit


def pagination_meta(total: int, count: int, page: int, limit: int) -> dict[str, Any]:
    total_pages = max(1, math.ceil(total / limit)) if total else 0
    links: dict[str, str] = {"current": f"?page={page}&limit={limit}"}
    if page > 1:
        links["previous"] = f"?page={page - 1}&limit={limit}"
    if page < total_pages:
        links["next"] = f"?page={page + 1}&limit={limit}"
    return {
        "total": total,
        "count": count,
        "per_page": limit,
        "current_page": page,
        "total_pages": total_pages,
        "links": links,
    }


def v3_page(
    rows: list[Record], query: QueryParams, max_limit: int = V3_MAX_LIMIT
) -> tuple[list[Record], dict[str, Any]]:
    page, limit = v3_paging(query, max_limit)
    start = (page - 1) * limit
    chunk = rows[start : start + limit]
    return chunk, {"pagination": pagination_meta(len(rows), len(chunk), page, limit)}
