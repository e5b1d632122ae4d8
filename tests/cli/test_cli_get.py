from __future__ import annotations

import json
import socket
import time
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
def sandbox() -> Iterator[SandboxServer]:
    with SandboxServer(
        store=SandboxStore(seed=True), host="127.0.0.1", port=0
    ) as server:
        yield server


@pytest.fixture
def sandbox_url(sandbox: SandboxServer) -> str:
    return sandbox.url


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


def test_get_not_found_exits_1(sandbox_environment: None, sandbox_url: str) -> None:
    result = CliRunner().invoke(cli, ["get", "v2/products/999999"])

    assert result.exit_code == 1
    url = f"{sandbox_url}/stores/sandbox/v2/products/999999"
    assert result.stderr == f"Error: GET {url} returned 404 Not Found: " + (
        "The requested resource was not found.\n"
    )


def test_get_wrong_token_names_variables(
    sandbox_environment: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BIGCOMMERCE_ACCESS_TOKEN", "not-the-token")

    result = CliRunner().invoke(cli, ["get", "v2/products"])

    assert result.exit_code == 1
    assert "401 Unauthorized" in result.stderr
    assert "Check BIGCOMMERCE_ACCESS_TOKEN and BIGCOMMERCE_STORE_HASH" in result.stderr


@pytest.mark.parametrize(
    "path", ["v2//products", "v2/products//77", "v2/products/../orders", "v3/./x"]
)
def test_get_empty_or_dot_segment_rejected(
    path: str, sandbox_environment: None
) -> None:
    result = CliRunner().invoke(cli, ["get", path])

    assert result.exit_code == 2
    assert f"{path!r} contains an empty, '.' or '..' segment" in result.stderr


def test_get_query_string_rejected(sandbox_environment: None) -> None:
    result = CliRunner().invoke(cli, ["get", "v2/products?limit=1"])

    assert result.exit_code == 2
    assert "contains a query string" in result.stderr
    assert "-p limit=5" in result.stderr


def test_get_empty_response_warns_on_stderr(sandbox_environment: None) -> None:
    result = CliRunner().invoke(cli, ["get", "v2/products", "-p", "name=no such"])

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []
    assert result.stderr.startswith("Warning: GET ")
    assert "204 No Content" in result.stderr
    assert "EmptyResponseWarning" not in result.stderr


def test_get_retry_reported_on_stderr(
    sandbox_environment: None,
    sandbox: SandboxServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    sandbox.store.add_fault(503, path_prefix="/stores/sandbox/v2/products/count")

    result = CliRunner().invoke(cli, ["get", "v2/products/count"])

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["count"] > 0
    assert "GET v2/products/count did not succeed; retrying in " in result.stderr
    assert "(attempt 2 of 4, Ctrl+C to stop)" in result.stderr
    assert "BIGCOMMERCE_LOG=info" in result.stderr


def test_get_unreachable_store_exits_1(
    sandbox_environment: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BIGCOMMERCE_API_URL", "http://127.0.0.1:9")
    # The client retries a refused connection with back-off; skip the waits.
    monkeypatch.setattr("time.sleep", lambda seconds: None)

    result = CliRunner().invoke(cli, ["get", "v3/catalog/products"])

    assert result.exit_code == 1
    assert result.stderr.count("did not succeed; retrying in ") == 3
    assert "(attempt 4 of 4, Ctrl+C to stop)." in result.stderr
    assert result.stderr.count("BIGCOMMERCE_LOG=info") == 1
    assert "Connection refused). Check BIGCOMMERCE_API_URL" in result.stderr
    assert ".." not in result.stderr


def test_get_max_retries_zero_fails_at_once(
    sandbox_environment: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BIGCOMMERCE_API_URL", "http://127.0.0.1:9")

    result = CliRunner().invoke(cli, ["get", "v2/products", "--max-retries", "0"])

    assert result.exit_code == 1
    assert "retrying" not in result.stderr
    assert "Connection refused" in result.stderr


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections but never responds."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


def test_get_silent_server_times_out(
    sandbox_environment: None, silent_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BIGCOMMERCE_API_URL", f"http://127.0.0.1:{silent_port}")
    started = time.monotonic()

    result = CliRunner().invoke(
        cli, ["get", "v2/products", "--timeout", "0.2", "--max-retries", "0"]
    )

    assert result.exit_code == 1
    assert time.monotonic() - started < 5
    assert "timed out: no response within 0.2 s, in 1 attempt." in result.stderr
    assert "Pass a larger --timeout" in result.stderr
    assert "with_options" not in result.stderr


@pytest.mark.parametrize("value", ["0", "-1", "abc", "nan", "inf", "1e308"])
def test_get_invalid_timeout_rejected(value: str, no_credentials: None) -> None:
    result = CliRunner().invoke(cli, ["get", "v2/products", "--timeout", value])

    assert result.exit_code == 2
    assert "Invalid value for '--timeout'" in result.stderr


def test_parse_params_repeated_key() -> None:
    params = parse_params(["limit=5", "id:in=1", "id:in=2", "id:in=3", "q=a=b"])

    assert params == {"limit": "5", "id:in": ["1", "2", "3"], "q": "a=b"}


def test_parse_params_without_equals_rejected() -> None:
    with pytest.raises(click.BadParameter, match="'limit' is not key=value"):
        parse_params(["limit"])
