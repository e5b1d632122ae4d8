from __future__ import annotations

import io
import os
import select
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest
from click.testing import CliRunner
from rich.console import Console

import bigcommerce.sandbox
from bigcommerce.cli._app import cli
from bigcommerce.cli._sandbox import print_instructions
from bigcommerce.sandbox import SandboxStore


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
    process = subprocess.Popen(
        [sys.executable, "-m", "bigcommerce.cli", "sandbox", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        # The instructions are printed once the server accepts connections.
        printed = read_until(process, "Control API for tests:")
        url = printed.split("Sandbox store running at ", 1)[1].split()[0]
        response = httpx.get(
            url + "/api/v2/products/count",
            auth=("admin", "sandbox-api-key"),
            timeout=5,
            trust_env=False,
        )

        assert response.status_code == 200
        assert response.json()["count"] > 0
    finally:
        process.terminate()
        try:
            output, errors = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            output, errors = process.communicate()

    assert url.startswith("http://127.0.0.1:")
    assert f"export BIGCOMMERCE_API_URL={url}\n" in printed
    assert "export BIGCOMMERCE_STORE_HASH=sandbox\n" in printed
    assert "Sandbox stopped." in output.decode(), errors.decode()


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_instructions_exports_run_in_bash() -> None:
    output = io.StringIO()
    console = Console(file=output, width=200)
    print_instructions(console, "http://[::1]:8000", SandboxStore(seed=False))
    exports = [line for line in output.getvalue().splitlines() if "export " in line]

    # failglob turns any pattern that matches no file, such as [::1], into an error.
    script = "\n".join([*exports, 'printf %s "$BIGCOMMERCE_API_URL"'])
    completed = subprocess.run(
        ["bash", "-O", "failglob", "-c", script],
        capture_output=True,
        text=True,
        check=False,
        cwd="/",
    )

    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == "http://[::1]:8000"


def read_until(process: subprocess.Popen[bytes], marker: str) -> str:
    """Read the process's output until a line contains `marker`; fail after 10 s."""
    assert process.stdout is not None
    deadline = time.monotonic() + 10
    text = ""
    while marker not in text:
        remaining = deadline - time.monotonic()
        ready, _, _ = select.select([process.stdout], [], [], max(remaining, 0))
        chunk = os.read(process.stdout.fileno(), 4096) if ready else b""
        if not chunk:
            raise AssertionError(f"no {marker!r} in the sandbox's output: {text!r}")
        text += chunk.decode()
    return text
