"""The command line's contract: --help everywhere, exit codes 0/1/2, JSON for tools, --strict."""
from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder.cli import COMMANDS
from conftest import MINI, REPO, assert_no_traceback, run_cli


def _existing_commands() -> list[str]:
    out = []
    for name in COMMANDS:
        try:
            importlib.import_module(f"builder.commands.{name}")
        except ModuleNotFoundError:
            continue
        out.append(name)
    return out


def _clean_tree(tmp_path: Path) -> Path:
    """The mini tree with every objective served, so it has no warnings at all."""
    root = tmp_path / "clean"
    shutil.copytree(MINI, root)
    roles = root / "protocol_src" / "roles.md"
    roles.write_text(roles.read_text().replace('objectives: ["8.4"]', 'objectives: ["8.2", "8.3", "8.4", "8.5", "8.7", "8.8", "8.9"]'),
                     encoding="utf-8")
    return root


def test_top_level_help():
    proc = run_cli("--help")
    assert proc.returncode == 0
    for name in _existing_commands():
        assert name in proc.stdout


@pytest.mark.parametrize("name", _existing_commands())
def test_every_command_has_help(name):
    proc = run_cli(name, "--help")
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("usage: protocol " + name)


def test_check_clean_tree_exits_0_even_when_strict(tmp_path):
    root = _clean_tree(tmp_path)
    for extra in ([], ["--strict"]):
        proc = run_cli("check", "--root", str(root), *extra)
        assert_no_traceback(proc)
        assert proc.returncode == 0, proc.stdout
        assert proc.stdout.strip() == "No problems found."
    proc = run_cli("check", "--root", str(root), "--format", "json")
    assert proc.returncode == 0 and json.loads(proc.stdout) == []


def test_strict_turns_warnings_into_exit_1():
    plain = run_cli("check", "--root", str(MINI))
    strict = run_cli("check", "--root", str(MINI), "--strict")
    assert " warning T006: " in plain.stdout and " error " not in plain.stdout
    assert plain.returncode == 0
    assert strict.returncode == 1
    assert strict.stdout == plain.stdout  # the same report; only the exit code differs


def test_check_default_root_is_the_current_folder(tmp_path):
    root = _clean_tree(tmp_path)
    proc = run_cli("check", cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_json_output_for_tools(tmp_path):
    root = tmp_path / "t"
    shutil.copytree(MINI, root)
    roles = root / "protocol_src" / "roles.md"
    roles.write_text(roles.read_text().replace("{#roles-members}", "{#Roles}") + "\nSee [[nowhere]].\n", encoding="utf-8")
    proc = run_cli("check", "--root", str(root), "--format", "json")
    assert_no_traceback(proc)
    assert proc.returncode == 1
    items = json.loads(proc.stdout)  # stdout is JSON and nothing else
    assert {"code", "severity", "path", "line", "message", "hint"} <= set(items[0])
    got = {(d["path"], d["line"], d["code"], d["severity"]) for d in items}
    assert ("protocol_src/roles.md", 7, "I002", "error") in got
    assert ("protocol_src/roles.md", 9, "I003", "error") in got
    assert all(isinstance(d["line"], int) for d in items)
    assert items == sorted(items, key=lambda d: (d["path"], d["line"], d["code"], d["message"]))


def test_text_output_names_file_line_code_and_hint(tmp_path):
    root = tmp_path / "t"
    shutil.copytree(MINI, root)
    roles = root / "protocol_src" / "roles.md"
    roles.write_text(roles.read_text().replace("Members set policy.", "Members <b>set</b> policy."), encoding="utf-8")
    proc = run_cli("check", "--root", str(root))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    i = next(i for i, ln in enumerate(lines) if ln.startswith("protocol_src/roles.md:7: error X001: "))
    assert lines[i + 1].startswith("    hint: ")
    assert "1 error" in proc.stderr


def test_an_internal_fault_is_exit_3_without_traceback(monkeypatch, capsys):
    import builder.check
    from builder.cli import main

    def boom(root):
        raise RuntimeError("simulated fault")

    monkeypatch.setattr(builder.check, "check_root", boom)  # what `protocol check` runs
    monkeypatch.delenv("PROTOCOL_DEBUG", raising=False)
    assert main(["check", "--root", str(MINI)]) == 3
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: simulated fault" in err and "Traceback" not in err


def test_shipped_protocol_checks_clean_with_strict():
    proc = run_cli("check", "--root", str(REPO), "--strict")
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stdout


def test_a_command_that_fails_to_import_is_an_internal_error_not_a_missing_command(monkeypatch, capsys):
    """A broken command module must fail loudly (exit 3, naming the fault), never vanish from the parser."""
    import importlib

    import builder.cli as cli

    real = importlib.import_module

    def broken(name, package=None):
        if name == ".commands.trace":
            raise ModuleNotFoundError("No module named 'builder.commands.helper_that_is_gone'")
        return real(name, package)

    monkeypatch.setattr(cli.importlib, "import_module", broken)
    monkeypatch.delenv("PROTOCOL_DEBUG", raising=False)
    assert cli.main(["check", "--root", str(MINI)]) == 3
    err = capsys.readouterr().err
    assert "internal error: ModuleNotFoundError" in err and "helper_that_is_gone" in err and "Traceback" not in err


def test_the_command_line_starts_without_the_library():
    """Every command is registered (and --help, a usage error or another command's run answered) without
    loading the library: a command imports what it uses when it runs, so `protocol check` never pays for
    lxml (import), python-docx (diff, build) or mkdocs (serve). The time saved is in benchmarks/README.md."""
    code = ("import sys; from builder.cli import make_parser; make_parser(); "
            "print('\\n'.join(sorted(m for m in sys.modules if m.startswith('builder.') or '.' not in m)))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    loaded = set(proc.stdout.split())
    assert {f"builder.commands.{name}" for name in COMMANDS} <= loaded  # every command was registered
    heavy = {"yaml", "lxml", "docx", "jinja2", "mkdocs", "builder.load", "builder.check", "builder.diff",
             "builder.project", "builder.read", "builder.write", "builder.ids", "builder.release",
             "builder.consultation", "builder.edits"}
    assert loaded & heavy == set()
