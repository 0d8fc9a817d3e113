"""The real clients the test suite drives, found where tests/run.sh installs them.

Every test that runs pandoc, LibreOffice, Chromium, pdftoppm, openxml-audit or
axe-core takes its path from here, never from the luck of PATH:

- Debian's programs (pandoc, LibreOffice, Chromium, poppler's tools, fc-list)
  are looked up on PATH, as apt puts them in /usr/bin;
- openxml-audit is a console script of the test extra, so it lives beside the
  Python that runs the tests (`sys.executable`'s folder: .venv/bin);
- LibreOffice's Python bridge (`import uno`) belongs to Debian's own Python 3
  (/usr/bin/python3 with python3-uno), not to the virtual environment;
- axe-core is installed by npm into tests/js/node_modules.

`missing()` lists what is absent, one line each with the install step that
provides it; conftest.py fails the run at once when the list is not empty
(a skip would let a broken set-up pass). `versions()` is printed once at the
start of every run, so a failing CI log says what it ran against.
"""
from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
AXE = REPO / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
UNO_PYTHON = "/usr/bin/python3"  # Debian's python3-uno is built for the system Python only
APT = "tests/run.sh installs it: apt-get install"


def _debian(name: str) -> str | None:
    """A program from Debian's packages (apt installs them in /usr/bin, which is on every PATH)."""
    return shutil.which(name)


def pandoc() -> str | None:
    return _debian("pandoc")


def soffice() -> str | None:
    return _debian("soffice") or _debian("libreoffice")


def impress() -> str | None:
    """LibreOffice Impress (Debian: libreoffice-impress-nogui), which converts .pptx: its slide show library
    beside soffice's real program, /usr/lib/libreoffice/program/libslideshowlo.so, with the drawing core
    (libsdlo.so, which libreoffice-draw-nogui also installs). Without the Impress package soffice starts, reads
    the slides and fails to write the PDF (seen: 'double free detected', exit 134)."""
    found = soffice()
    if not found:
        return None
    program = Path(found).resolve().parent
    libraries = [program / "libsdlo.so", program / "libslideshowlo.so"]
    return str(libraries[1]) if all(p.is_file() for p in libraries) else None


def chromium() -> str | None:
    return _debian("chromium")


def pdftoppm() -> str | None:
    return _debian("pdftoppm")


def pdftotext() -> str | None:
    return _debian("pdftotext")


def node() -> str | None:
    """Node.js, which npm (tests/run.sh, for axe-core) needs too: benchmarks/search.py runs the theme's search in it."""
    return _debian("node")


def openxml_audit() -> str | None:
    """The test extra's console script, beside the interpreter running the tests (the venv's bin folder)."""
    candidate = Path(sys.executable).parent / "openxml-audit"
    if candidate.is_file():
        return str(candidate)
    return None


def require(found: str | None, what: str) -> str:
    """The path of a client the suite needs (the session-start check has already proved it is there)."""
    if not found:
        raise AssertionError(f"{what} is missing; run bash tests/run.sh, which installs it")
    return found


@functools.cache
def uno_works() -> bool:
    python = Path(UNO_PYTHON)
    if not python.is_file():
        return False
    proc = subprocess.run([str(python), "-c", "import uno"], capture_output=True, timeout=60)
    return proc.returncode == 0


@functools.cache
def liberation_fonts() -> bool:
    fc_list = _debian("fc-list")
    if not fc_list:
        return False
    proc = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, timeout=60)
    return "Liberation Sans" in proc.stdout and "Liberation Serif" in proc.stdout


def missing() -> list[str]:
    """One line per missing client: what it is and the install step that provides it."""
    problems = []
    if not pandoc():
        problems.append(f"pandoc: not found; {APT} pandoc")
    if not soffice():
        problems.append(f"LibreOffice (soffice): not found; {APT} libreoffice-writer-nogui")
    elif not uno_works():
        problems.append(f"LibreOffice's Python bridge: '{UNO_PYTHON} -c \"import uno\"' fails; {APT} python3-uno")
    if soffice() and not impress():
        problems.append(f"LibreOffice Impress (converts the training slides): not found; {APT} "
                        "libreoffice-impress-nogui")
    if not chromium():
        problems.append(f"Chromium: not found; {APT} chromium")
    if not pdftoppm() or not pdftotext():
        problems.append(f"pdftoppm/pdftotext: not found; {APT} poppler-utils")
    if not liberation_fonts():
        problems.append(f"Liberation fonts: fc-list shows no Liberation Sans and Serif; {APT} fonts-liberation")
    if not openxml_audit():
        problems.append(f"openxml-audit: not beside {sys.executable}; tests/run.sh installs it with "
                        "pip install -e \".[test]\" into .venv")
    if not AXE.is_file():
        problems.append(f"axe-core: {AXE.relative_to(REPO)} is missing; tests/run.sh installs it with "
                        "npm install in tests/js")
    try:
        import playwright  # noqa: F401
    except ImportError:
        problems.append("playwright (Python): not importable; tests/run.sh installs it with pip install -e \".[test]\"")
    return problems


def _first_line(args: list[str]) -> str:
    try:
        proc = subprocess.run(args, capture_output=True, text=True, timeout=60)
    except OSError as exc:
        return f"cannot run ({exc.strerror or exc})"
    text = (proc.stdout or proc.stderr).strip()
    return text.splitlines()[0].strip() if text else "(no version printed)"


def versions() -> list[str]:
    """One line per client: the version it reports of itself."""
    lines = [f"python: {sys.version.split()[0]} ({sys.executable})"]
    for name, program, flag in (("pandoc", pandoc(), "--version"), ("LibreOffice", soffice(), "--version"),
                                ("Chromium", chromium(), "--version"), ("pdftoppm", pdftoppm(), "-v")):
        lines.append(f"{name}: {_first_line([program, flag]) if program else 'not found'}")
    audit = openxml_audit()
    lines.append(f"openxml-audit: {_package_version('openxml-audit') if audit else 'not found'}")
    lines.append(f"axe-core: {_axe_version()}")
    lines.append(f"playwright: {_package_version('playwright')}")
    return lines


def _package_version(name: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _axe_version() -> str:
    if not AXE.is_file():
        return "not found"
    head = AXE.read_text(encoding="utf-8", errors="replace")[:400]
    match = re.search(r"axe v(\d+(?:\.\d+)+)", head)
    return match.group(1) if match else "found (version not printed)"
