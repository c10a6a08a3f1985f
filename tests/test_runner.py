"""The example runner: capture modes, environment, start methods, timeouts."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

from pool_guide import runner
from pool_guide.processes import MARKER_VARIABLE
from pool_guide.runner import RunSpec, run_script


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


def test_a_daemon_that_leaves_the_group_is_found_killed_and_reported(tmp_path: Path) -> None:
    # Double fork and setsid, as a daemon (or a cluster engine's helper) does: the
    # grandchild is in no process group of the script's and no longer in its tree.
    path = script(
        tmp_path,
        """
        import os, sys, time
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                time.sleep(3600)
            os._exit(0)
        os.wait()
        print("daemon started")
    """,
    )
    result = run_script(RunSpec(path, timeout=10))
    assert result.returncode == 0 and result.output.strip() == "daemon started"
    assert len(result.escaped_pids) == 1 and result.escaped_pids == result.leftover_pids
    assert not _alive(result.escaped_pids[0])


def test_every_process_of_a_run_carries_its_token(tmp_path: Path) -> None:
    path = script(tmp_path, f"import os\nprint(len(os.environ['{MARKER_VARIABLE}']))\n")
    assert run_script(RunSpec(path)).output.strip() == "16"


def test_interrupting_the_build_takes_the_example_down_too(tmp_path: Path) -> None:
    """SIGTERM (how Sphinx stops its parallel readers) or Ctrl-C in the middle of a run."""
    sleeper = script(
        tmp_path,
        """
        import time
        from multiprocessing import Pool

        def nap(_):
            time.sleep(3600)

        if __name__ == "__main__":
            with Pool(2) as pool:
                pool.map(nap, range(2))
    """,
        name="sleeper.py",
    )
    for signum in (signal.SIGTERM, signal.SIGINT):
        builder = subprocess.Popen(
            [sys.executable, "-c", _RUN_ONE.format(conf=CONF, script=sleeper)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert builder.stdout.readline().strip() == "running"
        time.sleep(1.0)  # the pool's workers are up
        run = [p for p in psutil.Process(builder.pid).children(recursive=True)]
        assert len(run) >= 3  # the script and its two workers
        builder.send_signal(signum)
        assert builder.wait(timeout=15) != 0
        _, alive = psutil.wait_procs(run, timeout=5)
        assert alive == [], f"{signal.Signals(signum).name} left {alive}"


CONF = Path(__file__).resolve().parents[1] / "conf"
_RUN_ONE = """
import sys, threading
sys.path.insert(0, "{conf}")
from pathlib import Path
from pool_guide.runner import RunSpec, run_script
threading.Timer(0.3, lambda: print("running", flush=True)).start()
run_script(RunSpec(Path("{script}"), timeout=60))
"""


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
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


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


def test_windows_stops_at_once_and_says_what_to_use(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner.os, "name", "nt")
    monkeypatch.setattr(runner.sys, "platform", "win32")
    with pytest.raises(runner.UnsupportedPlatform, match="WSL 2") as raised:
        runner.check_platform()
    assert "pool_guide_execute=0" in str(raised.value)
