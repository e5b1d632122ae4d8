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
    ISO 8601 for v3), and a naive datetime is taken as UTC. A value with no
    JSON form raises ConfigurationException naming where it is in the body.
    """
    converter = _Converter(api_version)
    try:
        text = json.dumps(converter.convert(data), ensure_ascii=False, allow_nan=False)
        encoded = text.encode("utf-8")
    except RecursionError:
        raise ConfigurationException(
            "The request body is nested too deeply to encode as JSON."
        ) from None
    except (TypeError, ValueError) as error:
        raise ConfigurationException(
            f"The request body cannot be encoded as JSON: {error}"
        ) from None
    return converter.restore_decimals(encoded)


class _Converter:
    """Turns a body into values the standard JSON encoder accepts."""

    def __init__(self, api_version: str) -> None:
        self.api_version = api_version
        # The standard encoder writes Decimal only through float, so each one is
        # swapped for a unique placeholder string and put back afterwards.
        self.nonce = secrets.token_hex(8)
        self.decimals: list[str] = []
        self.path: list[str] = []
        self.open_containers: set[int] = set()

    def where(self) -> str:
        return "body" + "".join(self.path)

    def convert(self, value: Any) -> Any:
        if isinstance(value, (str, int, float, bool)) or value is None:
            return value
        if isinstance(value, Decimal):
            return self._decimal(value)
        if isinstance(value, dt.datetime):
            return self._datetime(value)
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, (dict, list, tuple)):
            return self._container(value)
        raise ConfigurationException(
            f"{self.where()} is a {type(value).__name__}, which has no JSON form; "
            "convert it to a string, number, list or dict."
        )

    def restore_decimals(self, encoded: bytes) -> bytes:
        if not self.decimals:
            return encoded
        text = encoded.decode("utf-8")
        for index, digits in enumerate(self.decimals):
            text = text.replace(f'"{self.nonce}:{index}"', digits, 1)
        return text.encode("utf-8")

    def _decimal(self, value: Decimal) -> str:
        if not value.is_finite():
            raise ConfigurationException(
                f"{self.where()} is {value}, which JSON cannot represent."
            )
        self.decimals.append(format(value, "f"))
        return f"{self.nonce}:{len(self.decimals) - 1}"

    def _datetime(self, value: dt.datetime) -> str:
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        value = value.astimezone(dt.timezone.utc)
        return format_datetime(value) if self.api_version == "v2" else value.isoformat()

    def _container(self, value: dict[Any, Any] | list[Any] | tuple[Any, ...]) -> Any:
        if id(value) in self.open_containers:
            raise ConfigurationException(
                f"{self.where()} contains itself; JSON cannot represent a circular "
                "structure."
            )
        self.open_containers.add(id(value))
        if isinstance(value, dict):
            converted: Any = {key: self._item(key, item) for key, item in value.items()}
        else:
            converted = [self._item(index, item) for index, item in enumerate(value)]
        self.open_containers.discard(id(value))
        return converted

    def _item(self, key: Any, item: Any) -> Any:
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise ConfigurationException(
                f"{self.where()} has the key {key!r} of type {type(key).__name__}; "
                "JSON keys must be strings."
            )
        self.path.append(f"[{key!r}]")
        converted = self.convert(item)
        self.path.pop()
        return converted
