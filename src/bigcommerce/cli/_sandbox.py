"""`bigcommerce sandbox`: run the sandbox store in the foreground on loopback."""

from __future__ import annotations

import errno
import signal
import time
from types import FrameType
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.markup import escape

from bigcommerce import ConfigurationException

if TYPE_CHECKING:
    from bigcommerce.sandbox import SandboxStore


def run_sandbox(console: Console, host: str, port: int, *, empty: bool) -> None:
    """Serve a sandbox store until Ctrl+C or SIGTERM."""
    try:
        from bigcommerce.sandbox import SandboxServer, SandboxStore, check_loopback
    except ImportError as error:
        raise click.ClickException(
            f"The sandbox needs the '{error.name}' package: install it with "
            "pip install 'bigcommerce-client[cli]'."
        ) from None

    try:
        check_loopback(host)
    except ConfigurationException as error:
        raise click.BadParameter(str(error), param_hint="'--host'") from None

    store = SandboxStore(seed=not empty)
    try:
        server = SandboxServer(store=store, host=host, port=port)
    except OSError as error:
        raise click.ClickException(describe_bind_error(host, port, error)) from None

    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        with server:
            print_instructions(console, server.url, store)
            while True:
                time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    console.print("Sandbox stopped.")


def describe_bind_error(host: str, port: int, error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return (
            f"Port {port} on {host} is already in use: stop the program using it, "
            "or pass another --port (--port 0 picks a free one)."
        )
    return f"Cannot listen on {host} port {port}: {error.strerror or error}."


def _exit_on_sigterm(signum: int, frame: FrameType | None) -> None:
    # Raising in the main thread unwinds the `with` block, which stops uvicorn.
    raise KeyboardInterrupt


def print_instructions(console: Console, url: str, store: SandboxStore) -> None:
    """Print the sandbox's URL and the settings that point the client at it."""
    contents = "sample catalogue, customers and orders" if store.seeded else "empty"
    console.print(f"[bold green]Sandbox store running at[/] {escape(url)} ({contents})")
    console.print("Press Ctrl+C to stop it. Its data lives in memory only.")
    console.print()
    console.print("OAuthConnection() reads these environment variables:")
    variables = {
        "BIGCOMMERCE_API_URL": url,
        "BIGCOMMERCE_LOGIN_URL": url,
        "BIGCOMMERCE_STORE_HASH": store.store_hash,
        "BIGCOMMERCE_ACCESS_TOKEN": store.access_token,
        "BIGCOMMERCE_CLIENT_ID": store.client_id,
    }
    for name, value in variables.items():
        console.print(f"export {name}={escape(value)}")
    console.print()
    username, api_key = store.basic_auth
    console.print(
        f"Client secret (fetch_token, verify_payload_jwt): {store.client_secret}"
    )
    console.print(
        f'Legacy basic auth on v2: api.Connection("{escape(url)}", '
        f'("{escape(username)}", "{escape(api_key)}"))'
    )
    console.print(f"Control API for tests: {escape(url)}/_sandbox/")
