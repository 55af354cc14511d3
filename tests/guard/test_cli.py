"""The console script is installed, discovers its sub-commands and fails clearly without one."""

import subprocess
import sys

from guard import __version__
from guard.cli import build_parser, main


def test_version_through_the_installed_module() -> None:
    out = subprocess.run([sys.executable, "-m", "guard", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"vigie {__version__}"


def test_no_command_prints_help_and_exits_2(capsys) -> None:
    assert main([]) == 2
    assert "COMMANDE" in capsys.readouterr().err


def test_every_command_module_registers_a_callable() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, sub_parser in sub.choices.items():
        assert callable(sub_parser.get_default("func")), name
