"""The example runner: capture modes, environment, start methods, timeouts."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from pool_guide import runner
from pool_guide.runner import RunSpec, group_pids, run_script


def script(tmp_path: Path, body: str, name: str = "example.py") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body))
    return path


def test_pty_capture_is_a_terminal_and_pipe_is_not(tmp_path: Path) -> None:
    path = script(tmp_path, "import sys\nprint(sys.stdout.isatty(), sys.stderr.isatty())\n")
    assert run_script(RunSpec(path, capture="pty")).output.strip() == "True True"
    assert run_script(RunSpec(path, capture="pipe")).output.strip() == "False False"


def test_pty_merges_stdout_and_stderr_in_written_order(tmp_path: Path) -> None:
    path = script(
        tmp_path,
        """
        import sys
        print("one")
        print("two", file=sys.stderr)
        print("three")
    """,
    )
    assert run_script(RunSpec(path)).output.split() == ["one", "two", "three"]


def test_block_buffered_pipe_reorders_stdout_after_stderr(tmp_path: Path) -> None:
    # Through a pipe, stdout is block-buffered and stderr is not: "one" and
    # "three" wait in the buffer until exit. This is why the default is a pty.
    path = script(
        tmp_path,
        """
        import sys
        print("one")
        print("two", file=sys.stderr)
        print("three")
    """,
    )
    assert run_script(RunSpec(path, capture="pipe")).output.split() == ["two", "one", "three"]


def test_carriage_returns_and_colours_are_stripped(tmp_path: Path) -> None:
    path = script(
        tmp_path,
        r"""
        import sys
        sys.stdout.write("10%\r50%\r100%\n")
        print("\x1b[31mred\x1b[0m")
    """,
    )
    output = run_script(RunSpec(path)).output
    assert "\r" not in output and "\x1b" not in output
    assert output.splitlines() == ["100%", "red"]


def test_parent_pythonunbuffered_does_not_reach_the_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONUNBUFFERED", "1")
    monkeypatch.setenv("POOL_GUIDE_SECRET", "leaked")
    path = script(
        tmp_path,
        """
        import os
        print(os.environ.get("PYTHONUNBUFFERED"), os.environ.get("POOL_GUIDE_SECRET"))
    """,
    )
    assert run_script(RunSpec(path)).output.strip() == "None None"
    unbuffered = run_script(RunSpec(path, capture="pipe-unbuffered")).output.strip()
    assert unbuffered == "1 None"


@pytest.mark.parametrize("method", runner.START_METHODS)
def test_start_method_is_set_without_changing_the_script(tmp_path: Path, method: str) -> None:
    path = script(
        tmp_path,
        """
        import multiprocessing as mp

        def child_method(_):
            return mp.get_start_method()

        if __name__ == "__main__":
            with mp.Pool(1) as pool:
                print(mp.get_start_method(), pool.map(child_method, [0])[0])
    """,
    )
    result = run_script(RunSpec(path, start_method=method))
    assert result.returncode == 0, result.output
    assert result.output.split() == [method, method]


def test_exit_status_and_traceback_are_kept(tmp_path: Path) -> None:
    path = script(tmp_path, "raise SystemExit('goodbye')\n")
    result = run_script(RunSpec(path))
    assert result.returncode == 1
    assert "goodbye" in result.output


def test_timeout_kills_the_whole_process_group(tmp_path: Path) -> None:
    path = script(
        tmp_path,
        """
        import time
        from multiprocessing import Pool

        def nap(_):
            time.sleep(3600)

        if __name__ == "__main__":
            print("started", flush=True)
            with Pool(2) as pool:
                pool.map(nap, range(4))
    """,
    )
    result = run_script(RunSpec(path, timeout=2))
    assert result.timed_out and result.returncode is None
    assert result.output.strip() == "started"
    # The pool workers were alive at the timeout, and none is alive now.
    assert len(result.leftover_pids) >= 2
    assert [pid for pid in result.leftover_pids if _alive(pid)] == []


def test_processes_left_behind_by_a_finished_script_are_killed(tmp_path: Path) -> None:
    path = script(
        tmp_path,
        """
        import subprocess, sys
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3600)"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print("parent done")
    """,
    )
    result = run_script(RunSpec(path, timeout=10))
    assert result.returncode == 0 and not result.timed_out
    assert len(result.leftover_pids) == 1
    assert not _alive(result.leftover_pids[0])


def test_group_pids_sees_this_process_group() -> None:
    assert os.getpid() in group_pids(os.getpgid(0))


def test_bad_options_are_refused(tmp_path: Path) -> None:
    path = script(tmp_path, "print(1)\n")
    with pytest.raises(ValueError, match="capture"):
        run_script(RunSpec(path, capture="file"))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="start method"):
        run_script(RunSpec(path, start_method="thread"))
    with pytest.raises(FileNotFoundError):
        run_script(RunSpec(tmp_path / "missing.py"))


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_script_that_closes_its_output_and_hangs_times_out(tmp_path: Path) -> None:
    path = script(
        tmp_path,
        """
        import os, sys, time
        print("closing", flush=True)
        os.close(1)
        os.close(2)
        time.sleep(3600)
    """,
    )
    result = run_script(RunSpec(path, timeout=2))
    assert result.timed_out and result.returncode is None
    assert result.output.strip() == "closing"
