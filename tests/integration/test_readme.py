"""Run the README's Python examples, in order, against the sandbox."""

import re
from pathlib import Path

import pytest

import bigcommerce as api

REPOSITORY = Path(__file__).resolve().parents[2]

BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def readme_blocks():
    return BLOCK.findall((REPOSITORY / "README.md").read_text(encoding="utf-8"))


def test_readme_has_examples():
    assert len(readme_blocks()) >= 8


def test_readme_examples_run(server, store, monkeypatch):
    monkeypatch.setenv("BIGCOMMERCE_API_URL", server.url)
    monkeypatch.setenv("BIGCOMMERCE_LOGIN_URL", server.url)
    monkeypatch.setenv("BIGCOMMERCE_STORE_HASH", store.store_hash)
    monkeypatch.setenv("BIGCOMMERCE_ACCESS_TOKEN", store.access_token)
    monkeypatch.setenv("BIGCOMMERCE_CLIENT_ID", store.client_id)
    redirect_uri = "https://app.example/auth"
    scope = "store_v2_products"
    # What an app's callbacks receive from BigCommerce, here minted by the sandbox.
    namespace = {
        "client_id": store.client_id,
        "client_secret": store.client_secret,
        "store_hash": store.store_hash,
        "context": f"stores/{store.store_hash}",
        "scope": scope,
        "redirect_uri": redirect_uri,
        "code": store.mint_install_code(scope=scope, redirect_uri=redirect_uri),
        "signed_payload_jwt": store.mint_signed_payload_jwt(),
    }
    for number, block in enumerate(readme_blocks(), start=1):
        try:
            exec(compile(block, f"README.md python block {number}", "exec"), namespace)
        except Exception as error:
            pytest.fail(f"README python block {number} failed: {error!r}\n{block}")
    for value in namespace.values():
        if isinstance(value, api.OAuthConnection):
            value.close()
