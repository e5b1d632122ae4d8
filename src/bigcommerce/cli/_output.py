"""Rich output shared by the commands, readable with or without a terminal."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table


def make_console(*, stderr: bool = False) -> Console:
    """Build a console that falls back to plain text when output is piped.

    Rich reads `sys.stdout` at each write, so click's test runner and shell
    redirections both receive the text. Long lines are not wrapped, so that
    URLs and messages stay whole in logs.
    """
    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def mask_secret(secret: str) -> str:
    """Return a stand-in for a secret that shows only its first characters."""
    visible = secret[:4] if len(secret) >= 12 else ""
    return f"{visible}{'*' * 8} ({len(secret)} characters)"


class Printer:
    """The demo's transcript writer: headings, Python calls and their results."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def heading(self, text: str) -> None:
        self.console.print()
        self.console.rule(f"[bold]{escape(text)}", align="left")

    def call(self, code: str, *, continued: bool = False) -> None:
        """Show a line of Python before the result it produces.

        `continued` marks a line inside a block, with the REPL's `...` prompt.
        """
        prompt = "..." if continued else ">>>"
        self.console.print(f"[bold cyan]{prompt}[/] {escape(code)}")

    def line(self, text: str) -> None:
        self.console.print(f"    {escape(text)}")

    def value(self, label: str, value: Any) -> None:
        text = f"    [dim]{escape(label)}:[/] {escape(str(value))}"
        self.console.print(text)

    def success(self, text: str) -> None:
        self.console.print(f"    [green]OK[/] {escape(text)}")

    @contextmanager
    def progress(self, label: str, *, total: int) -> Iterator[Callable[[], None]]:
        """Show a progress bar on a terminal; yield the function that advances it.

        Without a terminal the bar is hidden, so piped output stays plain text.
        """
        progress = Progress(
            TextColumn("    {task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=self.console,
            transient=True,
            disable=not self.console.is_terminal,
        )
        with progress:
            task = progress.add_task(label, total=total)
            yield lambda: progress.advance(task)

    def table(
        self,
        rows: Iterable[Mapping[str, Any]],
        columns: Sequence[str],
        *,
        title: str | None = None,
    ) -> None:
        """Print the chosen keys of each row as a table."""
        table = Table(title=title, title_justify="left", padding=(0, 1))
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(escape(_cell(row.get(column))) for column in columns))
        self.console.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
