from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest
from click.testing import CliRunner

import bigcommerce.sandbox
from bigcommerce.cli._app import cli


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


@pytest.mark.parametrize("host", ["10.0.0.1", "0.0.0.0", "::", "example.com"])
def test_sandbox_rejects_non_loopback_host(
    host: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail_to_start(*args: object, **kwargs: object) -> None:
        raise AssertionError("the sandbox started for a non-loopback host")

    monkeypatch.setattr(bigcommerce.sandbox, "SandboxServer", fail_to_start)

    result = CliRunner().invoke(cli, ["sandbox", "--host", host])

    assert result.exit_code == 2
    assert "Invalid value for '--host'" in result.output
    assert f"not {host!r}" in result.output
    assert "127.0.0.1, ::1 or localhost" in result.output


def test_sandbox_port_in_use_exits_1(busy_port: int) -> None:
    result = CliRunner().invoke(cli, ["sandbox", "--port", str(busy_port)])

    assert result.exit_code == 1
    assert f"Port {busy_port} on 127.0.0.1 is already in use" in result.output
    assert "--port 0" in result.output


def test_sandbox_subprocess_serves_request() -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "bigcommerce.cli", "sandbox", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        response = wait_for_sandbox(process, url + "/api/v2/products/count")

        assert response.status_code == 200
        assert response.json()["count"] > 0
    finally:
        process.terminate()
        try:
            output, errors = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            output, errors = process.communicate()

    text = output.decode()
    assert f"Sandbox store running at {url}" in text
    assert f"export BIGCOMMERCE_API_URL={url}" in text
    assert "export BIGCOMMERCE_STORE_HASH=sandbox" in text
    assert "Sandbox stopped." in text, errors.decode()


def wait_for_sandbox(process: subprocess.Popen[bytes], url: str) -> httpx.Response:
    deadline = time.monotonic() + 10
    while True:
        if process.poll() is not None:
            raise AssertionError(f"the sandbox exited with status {process.returncode}")
        try:
            return httpx.get(
                url, auth=("admin", "sandbox-api-key"), timeout=2, trust_env=False
            )
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
