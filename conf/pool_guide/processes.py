"""Which processes belong to one example run, found with psutil on Linux and macOS.

A run's processes are found three ways, because each alone misses some:

* its **process group**: the script starts a session of its own, so pool workers,
  the forkserver and the resource tracker are in its group;
* its **process tree**, watched while it runs: a helper that calls ``setsid()``
  leaves the group (some cluster engines' daemons do) but was a descendant first;
* an **environment marker**: every process started by the run inherits a token,
  so a daemon that double-forks between two looks at the tree is still found.

Nothing here reads ``/proc`` itself: psutil does the platform's work.
"""

from __future__ import annotations

import os
import secrets
import signal
import time
from dataclasses import dataclass

import psutil

#: The variable that carries a run's token to every process it starts.
MARKER_VARIABLE = "POOL_GUIDE_RUN_TOKEN"

# psutil's statuses for a process that has ended but not yet been reaped.
_ENDED = {psutil.STATUS_ZOMBIE, psutil.STATUS_DEAD}


@dataclass(frozen=True)
class Leftovers:
    """Processes of a run still alive when it should have ended, all of them killed."""

    in_group: tuple[int, ...] = ()
    escaped: tuple[int, ...] = ()  # had left the script's process group

    @property
    def pids(self) -> list[int]:
        return sorted(self.in_group + self.escaped)


def new_token() -> str:
    return secrets.token_hex(8)


class RunProcesses:
    """Every process of one run: the script (the group leader) and what it started."""

    def __init__(self, leader: int, token: str) -> None:
        """``leader``: the script's PID. Its caller must not reap it before :meth:`kill`."""
        self.leader = leader
        self._leader = psutil.Process(leader)
        self.token = token
        # The same clock psutil gives every process's creation time (whole-second boot
        # time plus ticks), so "born after the script" compares like with like.
        self.started = self._leader.create_time()
        self._exited = False
        self._exit_checked_at = 0.0
        self._seen: dict[int, psutil.Process] = {}
        self._observed_at = 0.0

    def observe(self, at_most_every: float = 0.0) -> None:
        """Remember the script's descendants now, so one that leaves its group is still known."""
        now = time.monotonic()
        if now - self._observed_at < at_most_every:
            return
        self._observed_at = now
        try:
            children = self._leader.children(recursive=True)
        except psutil.Error:
            return  # the script has ended: its children are found by group or marker
        for child in children:
            self._seen.setdefault(child.pid, child)

    def leader_exited(self, at_most_every: float = 0.0) -> bool:
        """Whether the script has exited: it is a zombie, as it is not reaped yet."""
        now = time.monotonic()
        if not self._exited and now - self._exit_checked_at >= at_most_every:
            self._exit_checked_at = now
            self._exited = not _running(self._leader)
        return self._exited

    def alive(self) -> list[psutil.Process]:
        """The run's processes still running, the script itself excluded."""
        self.observe()
        found = dict(self._seen)
        for proc in psutil.process_iter(["create_time"]):
            if proc.pid in found or proc.pid == self.leader:
                continue
            # Only processes born after the script can belong to it (with slack for the
            # clock's granularity); this keeps the marker check to a handful of processes.
            born = proc.info["create_time"]
            if born is None or born < self.started - 0.05:
                continue
            if _in_group(proc.pid, self.leader) or _carries(proc, self.token):
                found[proc.pid] = proc
        return [p for p in found.values() if p.pid != self.leader and _running(p)]

    def wait_until_ended(self, seconds: float) -> None:
        """Give the run's processes up to ``seconds`` to end on their own."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.alive():
            time.sleep(0.05)

    def kill(self) -> Leftovers:
        """Kill the script's group and every process of the run outside it; report who was left.

        Killing is repeated until nothing of the run is left: a process can start (a pool
        replacing a worker) or leave the group between one look and the next.
        """
        in_group: set[int] = set()
        escaped: set[int] = set()
        deadline = time.monotonic() + 10
        while True:
            remaining = self.alive()
            for proc in remaining:
                (in_group if _in_group(proc.pid, self.leader) else escaped).add(proc.pid)
            try:
                # The script too, if it still runs. Safe: the leader is not reaped yet, so
                # its PID, which names the group, cannot belong to anyone else.
                os.killpg(self.leader, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass  # the group is already empty
            if not remaining or time.monotonic() > deadline:
                break
            for proc in remaining:
                if proc.pid in escaped:
                    try:
                        proc.kill()  # psutil checks the PID still names the same process
                    except psutil.Error:
                        pass
            # SIGKILL is asynchronous: wait until they are really gone.
            psutil.wait_procs(remaining, timeout=5)
        return Leftovers(tuple(sorted(in_group)), tuple(sorted(escaped - in_group)))


def kill_marked(token: str) -> list[int]:
    """Kill every process that carries ``token``: the run of a build process that died."""
    marked = [p for p in psutil.process_iter() if _carries(p, token) and _running(p)]
    for proc in marked:
        try:
            proc.kill()
        except psutil.Error:
            pass
    psutil.wait_procs(marked, timeout=5)
    return sorted(p.pid for p in marked)


def _in_group(pid: int, pgid: int) -> bool:
    try:
        return os.getpgid(pid) == pgid
    except OSError:  # gone, or (macOS) in another session we may not ask about
        return False


def _carries(proc: psutil.Process, token: str) -> bool:
    try:
        return proc.environ().get(MARKER_VARIABLE) == token
    except psutil.Error:  # gone, or another user's process
        return False


def _running(proc: psutil.Process) -> bool:
    try:
        return proc.is_running() and proc.status() not in _ENDED
    except psutil.Error:
        return False
