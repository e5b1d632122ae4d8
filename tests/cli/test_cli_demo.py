from __future__ import annotations

import base64
import errno
import io
import json
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner
from rich.console import Console

import bigcommerce as api
from bigcommerce.cli import _demo
from bigcommerce.cli._app import cli
from bigcommerce.sandbox import SandboxServer, SandboxStore


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


def test_demo_runs_end_to_end() -> None:
    product_count = len(SandboxStore(seed=True).table("products"))

    result = CliRunner().invoke(cli, ["demo"])

    assert result.exit_code == 0, result.output
    assert '>>> products = conn.get("products", limit=5)' in result.output
    assert 'product["price"]: ' in result.output
    assert "Something Else" in result.output
    assert "error.status_code: 404" in result.output
    assert "error.errors: [{" in result.output
    assert "gone: NotFoundException, status 404" in result.output
    assert f"{product_count} products, page 1 of" in result.output
    assert "fetch_token(client_secret, code, context, scope" in result.output
    assert '...     store_info = installing.get("store")' in result.output
    assert "store_info.name: Sandbox Store" in result.output
    assert 'claims["user"]["email"]: owner@sandbox.example' in result.output
    assert 'claims["sub"]: stores/sandbox' in result.output
    assert "result: False" in result.output
    assert 'payload["store_hash"]: sandbox' in result.output
    assert f"expected: {product_count}" in result.output
    assert "pager.pages_read: 4" in result.output
    assert f"both pagers read all {product_count} products" in result.output
    assert "Demo finished in " in result.output
    assert "\x1b[" not in result.output
    for number in range(1, 5):
        assert f"Step {number} of 4: " in result.output


def test_demo_paging_on_terminal_shows_progress(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_demo, "STEPS", [("Paging", _demo.show_paging)])
    output = io.StringIO()
    console = Console(file=output, force_terminal=True, width=100)

    status = _demo.run_demo(console, console)

    assert status == 0, output.getvalue()
    assert "\x1b[" in output.getvalue()
    assert "both pagers read all" in output.getvalue()


def test_demo_masks_fetched_token(monkeypatch: pytest.MonkeyPatch) -> None:
    tokens: list[str] = []
    fetch_token = api.OAuthConnection.fetch_token

    def record_token(self: api.OAuthConnection, *args: Any) -> Any:
        token = fetch_token(self, *args)
        tokens.append(token["access_token"])
        return token

    monkeypatch.setattr(api.OAuthConnection, "fetch_token", record_token)

    result = CliRunner().invoke(cli, ["demo"])

    assert result.exit_code == 0, result.output
    assert len(tokens) == 1
    assert tokens[0] not in result.output
    assert 'token["access_token"]: ' in result.output
    assert "********" in result.output


def test_demo_failing_step_exits_1(monkeypatch: pytest.MonkeyPatch) -> None:
    def request_missing_resource(out: object, server: SandboxServer) -> None:
        with api.Connection(server.url, server.store.basic_auth) as conn:
            conn.get("no-such-resource")

    def do_nothing(out: object, server: SandboxServer) -> None:
        pass

    steps = [
        ("Working step", do_nothing),
        ("Broken step", request_missing_resource),
        ("Unreached step", do_nothing),
        ("Unreached step", do_nothing),
    ]
    monkeypatch.setattr(_demo, "STEPS", steps)

    result = CliRunner().invoke(cli, ["demo"])

    assert result.exit_code == 1
    assert "Demo failed at Step 2 of 4: Broken step." in result.stderr
    assert "NotFoundException: " in result.stderr
    assert "What to try: The sandbox responded with HTTP 404." in result.stderr
    assert "BIGCOMMERCE_LOG=debug" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Demo finished" not in result.output


def test_demo_unexpected_error_prints_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def misuse_library(out: object, server: SandboxServer) -> None:
        raise TypeError("an argument of the wrong type")

    monkeypatch.setattr(_demo, "STEPS", [("Misusing", misuse_library)])

    result = CliRunner().invoke(cli, ["demo"])

    assert result.exit_code == 1
    assert "Traceback" in result.stderr
    assert "misuse_library" in result.stderr
    assert "Demo failed at Step 1 of 1: Misusing." in result.stderr
    assert "TypeError: an argument of the wrong type" in result.stderr


def test_demo_failed_check_exits_1(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail_check(out: object, server: SandboxServer) -> None:
        raise _demo.DemoCheckFailed("the count is off")

    monkeypatch.setattr(_demo, "STEPS", [("Checking", fail_check)])

    result = CliRunner().invoke(cli, ["demo"])

    assert result.exit_code == 1
    assert "Demo failed at Step 1 of 1: Checking." in result.stderr
    assert "DemoCheckFailed: the count is off" in result.stderr


def test_demo_port_in_use_exits_1(busy_port: int) -> None:
    result = CliRunner().invoke(cli, ["demo", "--port", str(busy_port)])

    assert result.exit_code == 1
    assert "Demo failed at Starting the sandbox." in result.stderr
    assert f"Port {busy_port} is already in use" in result.stderr


def test_edit_jwt_claims_keeps_signature() -> None:
    store = SandboxStore(seed=False)
    token = store.mint_signed_payload_jwt()

    edited = _demo.edit_jwt_claims(token, user_email="someone@app.example")

    header, payload, signature = edited.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert claims["user"]["email"] == "someone@app.example"
    assert header == token.split(".")[0]
    assert signature == token.split(".")[2]
    assert api.verify_payload_jwt(token, store.client_secret, store.client_id)
    assert not api.verify_payload_jwt(edited, store.client_secret, store.client_id)


@pytest.mark.parametrize(
    ("error", "port", "expected"),
    [
        (ModuleNotFoundError("no uvicorn", name="uvicorn"), 0, "pip install"),
        (
            OSError(errno.EADDRINUSE, "Address already in use"),
            8123,
            "Port 8123 is already in use",
        ),
        (OSError(errno.EACCES, "Permission denied"), 80, "on port 80 failed"),
        (api.ConnectionException("refused"), 0, "did not answer"),
        (
            api.ServerException("boom", 503),
            0,
            "The sandbox responded with HTTP 503.",
        ),
        (RuntimeError("odd"), 0, "BIGCOMMERCE_LOG=debug"),
    ],
)
def test_suggest_fix_cases(error: Exception, port: int, expected: str) -> None:
    assert expected in _demo.suggest_fix(error, port)
