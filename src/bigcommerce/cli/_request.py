"""`bigcommerce get`: one raw request with the credentials from the environment."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any

import click
from rich.console import Console

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
    """Split `v3/catalog/products` into the API version and the resource path."""
    version, _, resource = path.strip("/").partition("/")
    if version not in VERSIONS or not resource:
        raise click.BadParameter(
            f"{path!r} must start with the API version, such as v3/catalog/products "
            "or v2/orders.",
            param_hint="'PATH'",
        )
    return version, resource


def run_get(console: Console, path: str, pairs: Sequence[str]) -> None:
    """Send GET PATH to the store named by the environment and print the JSON."""
    version, resource = split_version(path)
    params = parse_params(pairs)
    missing = [name for name in REQUIRED_VARIABLES if not os.environ.get(name)]
    if missing:
        raise click.ClickException(missing_credentials_message(missing))

    try:
        with api.OAuthConnection() as conn:
            view = conn.v3 if version == "v3" else conn.v2
            data = view.request("GET", resource, params=params)
    except api.HttpException as error:
        raise click.ClickException(
            f"GET {path} failed with HTTP {error.status_code}: {error.message}"
        ) from None
    except api.TransportException as error:
        raise click.ClickException(
            f"GET {path} got no response: {error.message}. Check "
            "BIGCOMMERCE_API_URL, and that the store or sandbox is running."
        ) from None
    except api.ConfigurationException as error:
        raise click.ClickException(str(error)) from None

    text = json.dumps(data, indent=2, default=str)
    if console.is_terminal:
        console.print_json(text)
    else:
        click.echo(text)
