from conftest import MINI, run_cli, assert_no_traceback


def test_check_runs_on_the_mini_tree():
    proc = run_cli("check", "--root", str(MINI))
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_missing_root_is_a_usage_error(tmp_path):
    proc = run_cli("check", "--root", str(tmp_path / "nope"))
    assert proc.returncode == 2
    assert "no such folder" in proc.stderr
    assert_no_traceback(proc)
