from __future__ import annotations

import json
from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner

from bigcommerce.cli._app import cli
from bigcommerce.cli._request import parse_params
from bigcommerce.sandbox import SandboxServer, SandboxStore

VARIABLES = (
    "BIGCOMMERCE_API_URL",
    "BIGCOMMERCE_LOGIN_URL",
    "BIGCOMMERCE_STORE_HASH",
    "BIGCOMMERCE_ACCESS_TOKEN",
    "BIGCOMMERCE_CLIENT_ID",
)


@pytest.fixture(scope="module")
def sandbox_url() -> Iterator[str]:
    with SandboxServer(
        store=SandboxStore(seed=True), host="127.0.0.1", port=0
    ) as server:
        yield server.url


@pytest.fixture
def no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def sandbox_environment(
    no_credentials: None, sandbox_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BIGCOMMERCE_API_URL", sandbox_url)
    monkeypatch.setenv("BIGCOMMERCE_LOGIN_URL", sandbox_url)
    monkeypatch.setenv("BIGCOMMERCE_STORE_HASH", "sandbox")
    monkeypatch.setenv("BIGCOMMERCE_ACCESS_TOKEN", "sandbox-token")


def test_get_without_credentials_explains(no_credentials: None) -> None:
    result = CliRunner().invoke(cli, ["get", "v3/catalog/products"])

    assert result.exit_code == 1
    assert "No store credentials" in result.output
    assert "(missing BIGCOMMERCE_STORE_HASH, BIGCOMMERCE_ACCESS_TOKEN)" in result.output
    assert "bigcommerce sandbox" in result.output


def test_get_path_without_version_rejected(no_credentials: None) -> None:
    result = CliRunner().invoke(cli, ["get", "catalog/products"])

    assert result.exit_code == 2
    assert "must start with the API version" in result.output


def test_get_v3_prints_json(sandbox_environment: None) -> None:
    result = CliRunner().invoke(
        cli, ["get", "v3/catalog/products", "-p", "limit=2", "-p", "include=images"]
    )

    assert result.exit_code == 0, result.output
    products = json.loads(result.output)
    assert len(products) == 2
    assert products[0]["name"].startswith("[Sample]")


def test_get_v2_count_prints_json(sandbox_environment: None) -> None:
    result = CliRunner().invoke(cli, ["get", "/v2/products/count"])

    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["count"] > 0


def test_get_not_found_exits_1(sandbox_environment: None) -> None:
    result = CliRunner().invoke(cli, ["get", "v2/products/999999"])

    assert result.exit_code == 1
    assert "GET v2/products/999999 failed with HTTP 404" in result.output


def test_get_unreachable_store_exits_1(
    sandbox_environment: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BIGCOMMERCE_API_URL", "http://127.0.0.1:9")
    # The client retries a refused connection with back-off; skip the waits.
    monkeypatch.setattr("time.sleep", lambda seconds: None)

    result = CliRunner().invoke(cli, ["get", "v3/catalog/products"])

    assert result.exit_code == 1
    assert "got no response" in result.output
    assert "BIGCOMMERCE_API_URL" in result.output


def test_parse_params_repeated_key() -> None:
    params = parse_params(["limit=5", "id:in=1", "id:in=2", "id:in=3", "q=a=b"])

    assert params == {"limit": "5", "id:in": ["1", "2", "3"], "q": "a=b"}


def test_parse_params_without_equals_rejected() -> None:
    with pytest.raises(click.BadParameter, match="'limit' is not key=value"):
        parse_params(["limit"])
