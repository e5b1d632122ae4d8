"""The `bigcommerce` command line: a local sandbox store, a demo and raw requests.

The commands need the `cli` extra (click, rich, starlette, uvicorn), so this
module imports them only when `main()` runs, and prints how to install them if missing.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main"]

_CLI_PACKAGES = frozenset({"click", "rich"})


def main(argv: Sequence[str] | None = None) -> None:
    """Run the `bigcommerce` command with `argv` (default: `sys.argv[1:]`)."""
    try:
        from bigcommerce.cli._app import cli
    except ImportError as error:
        if error.name not in _CLI_PACKAGES:
            raise
        sys.stderr.write(
            f"The bigcommerce command needs the '{error.name}' package, which is "
            "not installed. Install the command-line extra:\n"
            "    pip install 'bigcommerce-client[cli]'\n"
        )
        raise SystemExit(1) from None
    cli.main(args=list(argv) if argv is not None else None, prog_name="bigcommerce")
