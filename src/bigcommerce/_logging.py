"""The `bigcommerce` logger and the redaction of secrets from logged text."""

from __future__ import annotations

import logging
import os
import re
from typing import Any

__all__ = ["REDACTED", "logger", "redact_fields", "redact_text"]

REDACTED = "<redacted>"

logger = logging.getLogger("bigcommerce")
logger.addHandler(logging.NullHandler())

# Field names whose values are credentials. `code` alone is the OAuth install
# code; `postal_code` and `country_code` are plain data.
_SECRET_FIELD = re.compile(
    r"password|secret|token|signature|^(code|auth_code|authorization_code)$",
    re.IGNORECASE,
)
_SECRET_HEADERS = frozenset(
    {"x-auth-token", "authorization", "sf-api-token", "x-auth-client", "cookie"}
)


def _configure_from_environment() -> None:
    level_name = os.environ.get("BIGCOMMERCE_LOG", "").strip().lower()
    levels = {"info": logging.INFO, "debug": logging.DEBUG}
    if level_name not in levels:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s")
    )
    logger.addHandler(handler)
    logger.setLevel(levels[level_name])


_configure_from_environment()


def redact_fields(value: Any) -> Any:
    """Return a copy of decoded JSON with secret-looking fields replaced."""
    if isinstance(value, dict):
        return {
            key: REDACTED if _SECRET_FIELD.search(str(key)) else redact_fields(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [redact_fields(item) for item in value]
    return value


def redact_headers(headers: Any) -> dict[str, str]:
    """Return headers as a dict with credential headers replaced."""
    return {
        key: REDACTED if key.lower() in _SECRET_HEADERS else value
        for key, value in headers.items()
    }


# Shorter values are not replaced inside text: they would match ordinary words
# and paths, and revealing them gives little away.
_MIN_REDACTED_LENGTH = 6


def redact_text(text: str, secrets: Any) -> str:
    """Replace every occurrence of each secret in `text`."""
    for secret in secrets:
        if secret and len(secret) >= _MIN_REDACTED_LENGTH:
            text = text.replace(secret, REDACTED)
    return text
