"""JSON encoding of request bodies, keeping `Decimal` digits exact."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from decimal import Decimal
from email.utils import format_datetime
from typing import Any

from ._exceptions import ConfigurationException

__all__ = ["encode_body"]


def encode_body(data: Any, api_version: str) -> bytes:
    """Encode a request body as JSON.

    `Decimal` values are written as JSON numbers with their exact digits, never
    through float. Datetimes use the version's format (RFC 2822 for v2,
    ISO 8601 for v3), and a naive datetime is taken as UTC.
    """
    # The standard encoder can only write Decimal through float, so each one
    # is swapped for a unique placeholder string that is replaced afterwards.
    nonce = secrets.token_hex(8)
    decimals: list[str] = []

    def convert(value: Any) -> Any:
        if isinstance(value, Decimal):
            if not value.is_finite():
                raise ConfigurationException(
                    f"The body contains {value}, which JSON cannot represent."
                )
            decimals.append(format(value, "f"))
            return f"{nonce}:{len(decimals) - 1}"
        if isinstance(value, dt.datetime):
            if value.tzinfo is None:
                value = value.replace(tzinfo=dt.timezone.utc)
            value = value.astimezone(dt.timezone.utc)
            return format_datetime(value) if api_version == "v2" else value.isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {key: convert(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [convert(item) for item in value]
        return value

    try:
        text = json.dumps(convert(data), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise ConfigurationException(
            f"The request body cannot be encoded as JSON: {error}"
        ) from None
    for index, digits in enumerate(decimals):
        text = text.replace(f'"{nonce}:{index}"', digits, 1)
    return text.encode("utf-8")
