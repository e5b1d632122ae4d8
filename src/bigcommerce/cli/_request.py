"""`bigcommerce get`: one raw request with the credentials from the environment."""

from __future__ import annotations

import json
import os
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

import bigcommerce as api

REQUIRED_VARIABLES = ("BIGCOMMERCE_STORE_HASH", "BIGCOMMERCE_ACCESS_TOKEN")
VERSIONS = ("v2", "v3")


def missing_credentials_message(missing: Sequence[str]) -> str:
    return (
        f"No store credentials (missing {', '.join(missing)}). Export "
        "BIGCOMMERCE_STORE_HASH and BIGCOMMERCE_ACCESS_TOKEN (and "
        "BIGCOMMERCE_API_URL for a store other than api.bigcommerce.com), or run "
        "`bigcommerce sandbox` in another terminal and export the variables it "
        "prints."
    )


def parse_params(pairs: Sequence[str]) -> dict[str, Any]:
    """Turn `key=value` options into query parameters; a repeated key makes a list."""
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise click.BadParameter(
                f"{pair!r} is not key=value, such as -p limit=5.",
                param_hint="'-p'",
            )
        previous = params.get(key)
        if previous is None:
            params[key] = value
        elif isinstance(previous, list):
            previous.append(value)
        else:
            params[key] = [previous, value]
    return params


def split_version(path: str) -> tuple[str, str]:
    """Split `v3/catalog/products` into the API version and the resource path.

    The resource path never starts with a slash, because the connection reads
    a leading slash as relative to the API origin rather than to the version.
    """
    if "?" in path or "#" in path:
        raise click.BadParameter(
            f"{path!r} contains a query string; pass each parameter with -p "
            "instead, such as -p limit=5.",
            param_hint="'PATH'",
        )
    version, _, resource = path.strip("/").partition("/")
    if version not in VERSIONS or not resource:
        raise click.BadParameter(
            f"{path!r} must start with the API version, such as v3/catalog/products "
            "or v2/orders.",
            param_hint="'PATH'",
        )
    segments = resource.split("/")
    if any(segment in ("", ".", "..") for segment in segments):
        raise click.BadParameter(
            f"{path!r} contains an empty, '.' or '..' segment; write the path "
            "without them, such as v2/products/77/images.",
            param_hint="'PATH'",
        )
    return version, resource


def run_get(
    console: Console,
    error_console: Console,
    path: str,
    pairs: Sequence[str],
    *,
    timeout: float,
    max_retries: int,
) -> None:
    """Send GET PATH to the store named by the environment and print the JSON.

    Retries and a 204 response are reported on `error_console`, so that the
    standard output contains only the JSON.
    """
    version, resource = split_version(path)
    params = parse_params(pairs)
    missing = [name for name in REQUIRED_VARIABLES if not os.environ.get(name)]
    if missing:
        raise click.ClickException(missing_credentials_message(missing))

    announce_retry = _retry_announcer(error_console, path, attempts=max_retries + 1)
    try:
        with _waiting(error_console, path), _report_warnings(error_console):
            conn = api.OAuthConnection(
                timeout=timeout, max_retries=max_retries, sleep=announce_retry
            )
            with conn:
                view = conn.v3 if version == "v3" else conn.v2
                data = view.request("GET", resource, params=params)
    except api.HttpException as error:
        raise click.ClickException(describe_http_error(error)) from None
    except api.TimeoutException as error:
        attempts = "1 attempt" if max_retries == 0 else f"{max_retries + 1} attempts"
        raise click.ClickException(
            f"GET {error.url or path} timed out: no response within {timeout:g} s, "
            f"in {attempts}. Pass a larger --timeout if the store is slow, and "
            "check BIGCOMMERCE_API_URL."
        ) from None
    except api.TransportException as error:
        raise click.ClickException(
            f"{error.message.rstrip('.')}. Check BIGCOMMERCE_API_URL, and that "
            "the store or sandbox is running."
        ) from None
    except api.ConfigurationException as error:
        raise click.ClickException(str(error)) from None

    text = json.dumps(data, indent=2, default=str)
    if console.is_terminal:
        console.print_json(text)
    else:
        click.echo(text)


def describe_http_error(error: api.HttpException) -> str:
    """Return the error's message, with what to check for a rejected credential."""
    message = error.message
    if error.status_code in (401, 403):
        message += (
            " Check BIGCOMMERCE_ACCESS_TOKEN and BIGCOMMERCE_STORE_HASH, and that "
            "the token's scopes include this resource."
        )
    return message


def _retry_announcer(
    console: Console, path: str, *, attempts: int
) -> Callable[[float], None]:
    """Return the connection's `sleep`, which prints each retry on `console`.

    The connection sleeps only before a retry, so the n-th call precedes
    attempt n + 1.
    """
    retries = 0

    def sleep(seconds: float) -> None:
        nonlocal retries
        retries += 1
        hint = " BIGCOMMERCE_LOG=info logs why." if retries == 1 else ""
        console.print(
            f"GET {escape(path)} did not succeed; retrying in {seconds:.1f} s "
            f"(attempt {retries + 1} of {attempts}, Ctrl+C to stop).{hint}"
        )
        time.sleep(seconds)

    return sleep


@contextmanager
def _waiting(console: Console, path: str) -> Iterator[None]:
    """Show a spinner on a terminal while the request runs."""
    if not console.is_terminal:
        yield
        return
    with console.status(f"GET {escape(path)}"):
        yield


@contextmanager
def _report_warnings(console: Console) -> Iterator[None]:
    """Print warnings, such as a 204's EmptyResponseWarning, as one line each."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", api.EmptyResponseWarning)
        try:
            yield
        finally:
            for warning in caught:
                console.print(f"Warning: {escape(str(warning.message))}")
