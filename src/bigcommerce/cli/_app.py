"""The click command group behind `bigcommerce`."""

from __future__ import annotations

import math

import click

from bigcommerce._version import __version__
from bigcommerce.cli._demo import run_demo
from bigcommerce.cli._output import make_console
from bigcommerce.cli._request import run_get
from bigcommerce.cli._sandbox import run_sandbox

# One hour. A huge value such as 1e308 overflows the socket time-out.
MAX_TIMEOUT = 3600.0


def reject_nan(
    context: click.Context, parameter: click.Parameter, value: float
) -> float:
    # NaN passes FloatRange, because every comparison with NaN is false.
    if math.isnan(value):
        raise click.BadParameter("nan is not a number of seconds; pass one such as 30.")
    return value


@click.group(
    name="bigcommerce", context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, prog_name="bigcommerce")
def cli() -> None:
    """Work with the BigCommerce APIs and a local sandbox store.

    Start with `bigcommerce demo`, which runs the library's main calls against
    a sandbox store on loopback, or `bigcommerce sandbox` to serve one.
    """


@cli.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Loopback address to listen on (127.0.0.1, ::1 or localhost).",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="TCP port to listen on; 0 picks a free one.",
)
@click.option("--empty", is_flag=True, help="Start with no sample data.")
def sandbox(host: str, port: int, empty: bool) -> None:
    """Serve an emulated store in the foreground until Ctrl+C.

    It prints the environment variables that point the client at it.
    """
    run_sandbox(make_console(), host, port, empty=empty)


@cli.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    show_default=True,
    help="TCP port for the demo's sandbox; 0 picks a free one.",
)
def demo(port: int) -> None:
    """Run the README's calls against a fresh sandbox store over HTTP.

    Exits with status 1, naming the step that failed, if anything goes wrong.
    """
    status = run_demo(make_console(), make_console(stderr=True), port)
    if status:
        raise SystemExit(status)


@cli.command()
@click.argument("path")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="Query parameter; repeat it for more, such as -p limit=5 -p page=2.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0, MAX_TIMEOUT, min_open=True),
    callback=reject_nan,
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="Seconds to wait for each response (connecting waits at most 5).",
)
@click.option(
    "--max-retries",
    type=click.IntRange(0),
    default=3,
    show_default=True,
    metavar="COUNT",
    help="Retries after a lost connection, a time-out, a 429, or a 500, 502, "
    "503 or 504.",
)
def get(path: str, params: tuple[str, ...], timeout: float, max_retries: int) -> None:
    """Send GET PATH (v2/... or v3/...) and print the response as JSON.

    The store comes from BIGCOMMERCE_STORE_HASH, BIGCOMMERCE_ACCESS_TOKEN and
    BIGCOMMERCE_API_URL; `bigcommerce sandbox` prints values for a local store.
    v3 envelopes are unwrapped: the output is the data, without meta.
    Retries and warnings go to stderr, so stdout is only JSON.
    """
    run_get(
        make_console(),
        make_console(stderr=True),
        path,
        params,
        timeout=timeout,
        max_retries=max_retries,
    )
