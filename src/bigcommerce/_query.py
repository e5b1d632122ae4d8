"""Query-string encoding for filters, and safe joining of resource paths."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from email.utils import format_datetime
from typing import Any
from urllib.parse import quote

from ._exceptions import ConfigurationException

__all__ = ["V2_MAX_LIMIT", "encode_query", "encode_value", "join_path"]

V2_MAX_LIMIT = 250

# `:` and `,` stay literal because the API reads them as operators (`id:in`)
# and list separators; everything else outside the unreserved set is encoded.
_SAFE_IN_QUERY = ":,"
# Characters left alone inside a path segment written by the caller. `%` is
# kept so that a segment the caller encoded already is not encoded twice.
_SAFE_IN_PATH_SEGMENT = ":@!$&'()*+,;=%"
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def encode_value(name: str, value: Any, api_version: str) -> str | None:
    """Return the query text for one filter value, or None to drop the filter.

    Raises ConfigurationException for a value the API has no encoding for.
    """
    if value is None:
        return None
    if isinstance(value, (list, tuple, set, frozenset)):
        return _list_text(name, value, api_version)
    return quote(_scalar_text(name, value, api_version), safe=_SAFE_IN_QUERY)


def _list_text(name: str, value: Any, api_version: str) -> str:
    items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
    parts = []
    for item in items:
        if isinstance(item, (list, tuple, set, frozenset, dict)):
            raise ConfigurationException(
                f"Filter {name!r} contains a nested {type(item).__name__}; "
                "pass a flat list of values."
            )
        if item is None:
            continue
        text = _scalar_text(name, item, api_version)
        if "," in text:
            # The server splits the decoded value on commas, so no encoding
            # of this item survives as one value.
            raise ConfigurationException(
                f"Filter {name!r} has the item {text!r}, which contains a comma "
                "and would be read as several values; query it on its own."
            )
        parts.append(quote(text, safe=_SAFE_IN_QUERY))
    if not parts:
        # An empty `id:in=` is ignored by the server, so the request would
        # match every record: fatal on a delete by filter.
        raise ConfigurationException(
            f"Filter {name!r} is an empty list, which the API would ignore and "
            "so match everything; skip the call, or pass None to drop the filter."
        )
    return ",".join(parts)


def _scalar_text(name: str, value: Any, api_version: str) -> str:
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, str)):
        return str(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ConfigurationException(
                f"Filter {name!r} is {value}; pass a finite number."
            )
        return format(value, "f")
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ConfigurationException(
                f"Filter {name!r} is {value}; pass a finite number."
            )
        return repr(value)
    if isinstance(value, dt.datetime):
        return _datetime_text(value, api_version)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise ConfigurationException(
        f"Filter {name!r} has a value of type {type(value).__name__}, which has "
        "no query encoding; pass a string, number, boolean, date, datetime or a "
        "list of these."
    )


def _datetime_text(value: dt.datetime, api_version: str) -> str:
    # A naive datetime is taken as UTC, the zone the API reports in.
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    value = value.astimezone(dt.timezone.utc)
    if api_version == "v2":
        return format_datetime(value)
    return value.isoformat()


def encode_query(
    filters: Mapping[str, Any],
    api_version: str,
    *,
    max_limit: int | None = None,
) -> str:
    """Encode filters as a query string, percent-encoding each value once.

    `limit` must be a positive integer and at most `max_limit` when one is
    given; `page` must be a positive integer.
    """
    parts = []
    for name, value in filters.items():
        if not isinstance(name, str) or not name:
            raise ConfigurationException(
                f"Filter names must be non-empty strings, got {name!r}."
            )
        if isinstance(value, Mapping):
            raise ConfigurationException(
                f"Filter {name!r} is a mapping; pass a scalar or a list. Names "
                "such as 'id:in' go in params={'id:in': [1, 2]}."
            )
        if name in ("limit", "page") and value is not None:
            value = _positive_integer(
                name, value, max_limit if name == "limit" else None
            )
        text = encode_value(name, value, api_version)
        if text is None:
            continue
        parts.append(f"{quote(name, safe=_SAFE_IN_QUERY)}={text}")
    return "&".join(parts)


def _positive_integer(name: str, value: Any, maximum: int | None) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.isascii() and value.isdigit():
        number = int(value)
    else:
        raise ConfigurationException(
            f"{name}={value!r} is not a whole number; pass an integer."
        )
    if number < 1:
        raise ConfigurationException(f"{name}={number} must be 1 or more.")
    if maximum is not None and number > maximum:
        raise ConfigurationException(
            f"{name}={number} is above the maximum of {maximum} for this API; "
            f"pass {name}={maximum} or less, or iterate to read every page."
        )
    return number


def join_path(resource: str, resource_id: Any = None) -> str:
    """Join a resource path and an optional id into a relative path.

    Ids are integers or strings; a string id is percent-encoded as one path
    segment, so `/` or `?` in it cannot reach another resource.
    """
    if not isinstance(resource, str):
        raise ConfigurationException(
            f"The resource must be a path string such as 'products', got "
            f"{type(resource).__name__}."
        )
    placeholder = _PLACEHOLDER.search(resource)
    if placeholder:
        raise ConfigurationException(
            f"The resource path {resource!r} still contains the placeholder "
            f"{placeholder.group()}; fill it in, e.g. "
            "'products/{}/images'.format(product_id)."
        )
    if "?" in resource or "#" in resource:
        raise ConfigurationException(
            f"The resource path {resource!r} contains a query or fragment; pass "
            "filters as keyword arguments or params= instead."
        )
    segments = resource.strip("/").split("/")
    if resource.strip("/") == "" or any(segment == "" for segment in segments):
        raise ConfigurationException(
            f"The resource path {resource!r} has an empty segment; is an id missing?"
        )
    if any(segment in (".", "..") for segment in segments):
        raise ConfigurationException(
            f"The resource path {resource!r} contains a '.' or '..' segment, which "
            "would reach another resource; is an id wrong?"
        )
    encoded = [quote(segment, safe=_SAFE_IN_PATH_SEGMENT) for segment in segments]
    if resource_id is not None:
        encoded.append(_id_segment(resource_id))
    return "/".join(encoded)


def _id_segment(resource_id: Any) -> str:
    if isinstance(resource_id, bool):
        raise ConfigurationException(
            f"The id {resource_id!r} is a boolean; pass an integer or a string."
        )
    if isinstance(resource_id, int):
        return str(resource_id)
    if isinstance(resource_id, str):
        if resource_id == "":
            raise ConfigurationException("The id is an empty string; pass an id.")
        if resource_id in (".", ".."):
            # HTTP clients remove dot segments, so the request would reach
            # the collection itself: a delete would hit every record.
            raise ConfigurationException(
                f"The id {resource_id!r} is not a valid id; pass the record's id."
            )
        return quote(resource_id, safe="")
    raise ConfigurationException(
        f"The id {resource_id!r} is a {type(resource_id).__name__}; pass an "
        "integer or a string."
    )


def iter_filters(
    params: Mapping[str, Any] | None, filters: Mapping[str, Any]
) -> Iterable[tuple[str, Any]]:
    """Yield keyword filters, then `params` entries (which win on a clash)."""
    merged = dict(filters)
    if params is not None:
        if not isinstance(params, Mapping):
            raise ConfigurationException(
                f"params must be a mapping of filter names to values, got "
                f"{type(params).__name__}."
            )
        merged.update(params)
    return merged.items()
