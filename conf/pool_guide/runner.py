"""Run one example script the way a reader would, and capture what it printed.

This module knows nothing about Sphinx: it takes a script path and options and
returns a :class:`RunResult`. The measured facts it respects are in DESIGN.md:

* the environment is built here, never inherited, so ``PYTHONUNBUFFERED`` on
  the build machine cannot splice worker lines together;
* the default capture is a pseudo-terminal, where every process is
  line-buffered, as in the reader's terminal;
* the script runs in its own session; when it ends, fails or times out, its
  process group and any process of the run that left the group are killed
  (``processes`` finds them, portably), so no pool worker outlives the build.

It needs a POSIX system (Linux, macOS) for the pseudo-terminal and process groups.
"""

from __future__ import annotations

import errno
import os
import re
import select
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .processes import MARKER_VARIABLE, RunProcesses, new_token

Capture = Literal["pty", "pipe", "pipe-unbuffered"]
CAPTURE_MODES: tuple[str, ...] = ("pty", "pipe", "pipe-unbuffered")
START_METHODS: tuple[str, ...] = ("fork", "spawn", "forkserver")

#: What each capture mode is called where the output is shown.
CAPTURE_LABELS: dict[str, str] = {
    "pty": "terminal (line-buffered)",
    "pipe": "pipe (block-buffered)",
    "pipe-unbuffered": "pipe, with PYTHONUNBUFFERED=1",
}

# A folder whose sitecustomize.py sets the start method before the script runs,
# so the script itself stays unchanged.
_START_METHOD_DIR = Path(__file__).with_name("startmethod")

# Keep a runaway script from filling memory: its output is cut past this size.
MAX_OUTPUT_BYTES = 256 * 1024

# How long processes left behind by an exited script may keep the stream open.
EXIT_GRACE = 2.0

_ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@dataclass(frozen=True)
class RunSpec:
    """What to run and how."""

    script: Path
    capture: Capture = "pty"
    start_method: str | None = None
    timeout: float = 30.0
    args: tuple[str, ...] = ()
    python: str = sys.executable
    # Inherited by every process of the run, so they can be found even outside its group
    # and its tree (processes.py); new for each run unless the caller chooses one.
    token: str | None = None


@dataclass
class RunResult:
    """What one run produced."""

    spec: RunSpec
    output: str
    returncode: int | None  # None when the run was killed at its timeout
    duration: float
    timed_out: bool = False
    truncated: bool = False
    leftover_pids: list[int] = field(default_factory=list)  # every process killed at the end
    escaped_pids: list[int] = field(default_factory=list)  # those that had left its group

    @property
    def command(self) -> str:
        return " ".join(["python", self.spec.script.name, *self.spec.args])


def build_env(spec: RunSpec, token: str = "") -> dict[str, str]:
    """The whole environment of the script: nothing is inherited by accident."""
    env = {
        MARKER_VARIABLE: token,  # how its processes are found if they leave its group
        "PATH": os.environ.get("PATH", os.defpath),
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TERM": "dumb",
        "NO_COLOR": "1",  # colours off, for tools that honour it
        "PYTHON_COLORS": "0",  # Python 3.13+ colours tracebacks on a terminal
        "PYTHONDONTWRITEBYTECODE": "1",  # keep examples/ free of __pycache__
        "PYTHONIOENCODING": "utf-8",
        "COLUMNS": "100",
        "LINES": "40",
    }
    if spec.capture == "pipe-unbuffered":
        env["PYTHONUNBUFFERED"] = "1"
    if spec.start_method is not None:
        env["PYTHONPATH"] = str(_START_METHOD_DIR)
        env["POOL_GUIDE_START_METHOD"] = spec.start_method
    return env


def run_script(spec: RunSpec) -> RunResult:
    """Run ``spec.script`` to its end or its timeout; never raises for the script's failures."""
    if spec.capture not in CAPTURE_MODES:
        raise ValueError(f"unknown capture mode {spec.capture!r}; use one of {CAPTURE_MODES}")
    if spec.start_method is not None and spec.start_method not in START_METHODS:
        raise ValueError(f"unknown start method {spec.start_method!r}; use one of {START_METHODS}")
    if not spec.script.is_file():
        raise FileNotFoundError(f"no such example script: {spec.script}")
    check_platform()
    import pty  # POSIX only: imported once the platform is known to have it

    token = spec.token or new_token()
    argv = [spec.python, spec.script.name, *spec.args]
    popen_kwargs = dict(
        cwd=spec.script.parent,
        env=build_env(spec, token),
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so we can kill all of it
    )
    with _StopOnSignal() as stop:
        reader_fd = follower = None
        proc = processes = None
        try:
            if spec.capture == "pty":
                reader_fd, follower = pty.openpty()
                _configure_terminal(follower)
                started = time.monotonic()
                proc = subprocess.Popen(argv, stdout=follower, stderr=follower, **popen_kwargs)
                os.close(follower)  # only the script's processes hold it now
                follower = None
            else:
                started = time.monotonic()
                proc = subprocess.Popen(
                    argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **popen_kwargs
                )
                reader_fd = proc.stdout.fileno()
            processes = RunProcesses(proc.pid, token)
            stop.arm()
            deadline = started + spec.timeout
            raw, truncated, timed_out = _read_until_exit(processes, reader_fd, deadline)
            duration = time.monotonic() - started
            if not timed_out:
                # Helpers such as the forkserver exit on their own once the script is gone.
                processes.wait_until_ended(EXIT_GRACE)
        except BaseException:
            # Ctrl-C or a kill of the build: the script is in a session of its own, so the
            # signal never reached it. Take its processes down before going.
            stop.hold()
            if processes is not None:
                processes.kill()
            elif proc is not None:
                os.killpg(proc.pid, signal.SIGKILL)
            if proc is not None:
                proc.wait()
            raise
        finally:
            stop.hold()  # no signal may cut the cleanup short; one that comes is raised after
            for fd in (follower, reader_fd if spec.capture == "pty" else None):
                if fd is not None:
                    os.close(fd)
            if proc is not None and proc.stdout is not None:
                proc.stdout.close()
        leftovers = processes.kill()
        proc.wait()
        stop.arm()  # a signal held during the cleanup is raised now

    return RunResult(
        spec=spec,
        output=clean_output(raw.decode("utf-8", errors="replace")),
        returncode=None if timed_out else proc.returncode,
        duration=duration,
        timed_out=timed_out,
        truncated=truncated,
        leftover_pids=leftovers.pids,
        escaped_pids=list(leftovers.escaped),
    )


class _StopOnSignal:
    """While a script runs, the first Ctrl-C or SIGTERM stops the run; later ones wait.

    The script runs in a session of its own, so a Ctrl-C in the build's terminal does
    not reach it: the build must take it down. On Ctrl-C, Sphinx's parallel reader gets
    SIGINT and, a moment later, SIGTERM from the main process, which by default would end
    the reader at once, in the middle of that cleanup. So the first of them raises
    (KeyboardInterrupt or SystemExit) and any that follow are ignored. A signal that
    comes while the script is being started is held until the run can clean up after
    it (``arm``). Between two runs Python's usual handlers are back.
    """

    def __init__(self) -> None:
        self.armed = False
        self.pending: int | None = None
        self.stopping = False

    def __enter__(self) -> _StopOnSignal:
        self.previous = {}
        if threading.current_thread() is threading.main_thread():  # else: cannot set them
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.previous[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc_info: object) -> None:
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)

    def arm(self) -> None:
        """The run can clean up from here on: raise for a signal that came before."""
        self.armed = True
        if self.pending is not None and not self.stopping:
            self._stop(self.pending)

    def hold(self) -> None:
        """From here until :meth:`arm`, a signal is kept for later, not raised."""
        self.armed = False

    def _handle(self, signum: int, frame: object) -> None:
        if self.stopping:
            return
        if not self.armed:
            self.pending = signum
            return
        self._stop(signum)

    def _stop(self, signum: int) -> None:
        self.stopping = True
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise SystemExit(128 + signum)


class UnsupportedPlatform(RuntimeError):
    """The examples cannot run here; the message says what to use instead."""


def check_platform() -> None:
    """Stop at once, with what to do instead, where examples cannot run (Windows)."""
    if os.name != "posix":
        raise UnsupportedPlatform(
            "Pool Guide runs its examples on a POSIX pseudo-terminal, in process groups, "
            f"which {sys.platform} does not have. Build the site in WSL 2 (Ubuntu) or on "
            "Linux or macOS; or build the pages without running examples with "
            "`sphinx-build -D pool_guide_execute=0 -D nb_execution_mode=off ...`."
        )


def clean_output(text: str) -> str:
    """Strip what a terminal adds: carriage returns and colour escapes."""
    text = _ANSI_ESCAPE.sub("", text)
    # A progress bar redraws its line with "\r": keep what the terminal would show last.
    return "\n".join(line.rstrip("\r").rsplit("\r", 1)[-1] for line in text.split("\n"))


def _configure_terminal(fd: int) -> None:
    # No echo of input, and a fixed width so output does not depend on the build machine.
    import termios

    attrs = termios.tcgetattr(fd)
    attrs[3] &= ~termios.ECHO
    termios.tcsetattr(fd, termios.TCSANOW, attrs)
    try:
        import fcntl
        import struct

        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    except OSError:
        pass


def _read_until_exit(processes: RunProcesses, fd: int, deadline: float) -> tuple[bytes, bool, bool]:
    """Read ``fd`` until the script exits and the stream is drained, or the deadline passes.

    The script is not reaped here (no ``poll()``): until the run is over its PID, which
    names its process group, cannot be given to another process, so killing the group
    can never hit someone else's.
    """
    chunks: list[bytes] = []
    size = 0
    truncated = False
    exited_at: float | None = None
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return b"".join(chunks), truncated, True
        ready, _, _ = select.select([fd], [], [], min(remaining, 0.1))
        processes.observe(0.1)  # a daemon that leaves the group later is still known
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError as exc:  # a pty reports EIO once every writer has closed it
                if exc.errno != errno.EIO:
                    raise
                data = b""
            if not data:
                # End of stream: nothing holds the terminal or pipe open any more. The
                # script may still run (it can close its output): wait up to the deadline.
                while not processes.leader_exited():
                    if time.monotonic() > deadline:
                        return b"".join(chunks), truncated, True
                    time.sleep(0.02)
                return b"".join(chunks), truncated, False
            if size < MAX_OUTPUT_BYTES:
                chunks.append(data[: MAX_OUTPUT_BYTES - size])
                truncated = truncated or size + len(data) > MAX_OUTPUT_BYTES
                size += len(data)
            if exited_at is None and not processes.leader_exited(at_most_every=0.1):
                continue
        if exited_at is not None or processes.leader_exited():
            # The script has exited. Give what is left of its run a moment to flush, then
            # stop (even if a leftover keeps writing): the caller kills and reports it.
            if exited_at is None:
                exited_at = time.monotonic()
            if not processes.alive() or time.monotonic() - exited_at > EXIT_GRACE:
                return b"".join(chunks) + _drain(fd), truncated, False


def _drain(fd: int, seconds: float = 1.0) -> bytes:
    """What is left in the stream, within a time and size limit (a leftover may keep writing)."""
    chunks: list[bytes] = []
    size = 0
    until = time.monotonic() + seconds
    while (
        size < MAX_OUTPUT_BYTES and time.monotonic() < until and select.select([fd], [], [], 0)[0]
    ):
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)
