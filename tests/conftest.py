"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent


def find_openapi_dir() -> Path | None:
    """Locate the official OpenAPI reference, or return None."""
    configured = os.environ.get("BIGCOMMERCE_OPENAPI_DIR")
    candidates = [Path(configured)] if configured else []
    candidates.append(REPOSITORY.parent / "shared" / "bigcommerce-openapi")
    for candidate in candidates:
        if candidate.is_dir() and any(candidate.glob("*.y*ml")):
            return candidate
    return None


@pytest.fixture(scope="session")
def openapi_dir() -> Path:
    """The OpenAPI reference folder; skips, or fails in CI, when it is absent."""
    found = find_openapi_dir()
    if found is not None:
        return found
    message = (
        "The BigCommerce OpenAPI reference was not found: set "
        "BIGCOMMERCE_OPENAPI_DIR to the folder of its YAML files (the "
        "'reference' folder of BigCommerce's public docs repository)."
    )
    if os.environ.get("BIGCOMMERCE_REQUIRE_OPENAPI") == "1":
        pytest.fail(message + " BIGCOMMERCE_REQUIRE_OPENAPI=1 makes this a failure.")
    pytest.skip(message)
