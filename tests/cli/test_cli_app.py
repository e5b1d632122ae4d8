from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner

from bigcommerce import __version__
from bigcommerce.cli import main
from bigcommerce.cli._app import cli


def test_version_prints_package_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])

    assert result.exit_code == 0
    assert result.output == f"bigcommerce, version {__version__}\n"


def test_help_lists_commands() -> None:
    result = CliRunner().invoke(cli, ["--help"])

    assert result.exit_code == 0
    assert "Usage: bigcommerce" in result.output
    assert "demo" in result.output
    assert "sandbox" in result.output


def test_main_reads_argv(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])

    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_main_without_click_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "click", None)
    monkeypatch.delitem(sys.modules, "bigcommerce.cli._app")

    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])

    assert exit_info.value.code == 1
    error = capsys.readouterr().err
    assert "'click' package" in error
    assert "pip install 'bigcommerce-client[cli]'" in error
