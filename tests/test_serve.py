"""protocol serve: a real server process, a real Chromium page, a real edit of a source file.

Proves the live preview: the page open in the browser shows the edited text
without anyone reloading it (mkdocs' live-reload script long-polls the server).
The only wait is a generous poll for the new text, not a timed assertion.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import assert_no_traceback, run_cli
from test_site_browser import shared_browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, limit: float = 60) -> None:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise AssertionError(f"protocol serve stopped: {proc.stderr.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} never answered")


@pytest.mark.slow
def test_editing_a_source_file_refreshes_the_open_page(mini_tree):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "builder.cli", "serve", "--root", str(mini_tree), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/protocol/roles.html"
        wait_for(url, proc)
        page = shared_browser().new_page()
        page.goto(url)
        assert "Members set policy." in page.inner_text("article")
        roles = mini_tree / "protocol_src" / "roles.md"
        roles.write_text(roles.read_text(encoding="utf-8").replace(
            "Members set policy.", "Members set policy and hold the executive to account."), encoding="utf-8")
        # The page reloads itself: poll its text (generous limit; typically about a second).
        page.wait_for_function(
            "() => document.querySelector('article') && "
            "document.querySelector('article').innerText.includes('hold the executive to account')",
            timeout=30_000)
        page.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert "Traceback" not in proc.stderr.read()


def test_serve_listens_on_localhost_only_and_has_help():
    proc = run_cli("serve", "--help")
    assert proc.returncode == 0
    assert "127.0.0.1" in proc.stdout and "--port" in proc.stdout
    from builder.commands.serve import HOST

    assert HOST == "127.0.0.1"


def test_serve_refuses_a_folder_without_sources(tmp_path):
    proc = run_cli("serve", "--root", str(tmp_path), "--port", str(free_port()))
    assert_no_traceback(proc)
    assert proc.returncode == 2
    assert "protocol_src" in proc.stderr
