"""A container's CPU quota: Python's counts do not read it; this function does."""

import math
import os
from pathlib import Path


def cgroup_cpu_limit(root="/sys/fs/cgroup"):
    """CPUs the cgroup's CPU quota allows, rounded up; None if there is no quota."""
    v2 = Path(root, "cpu.max")  # v2: "max 100000" (no quota), "150000 100000"
    v1 = Path(root, "cpu", "cpu.cfs_quota_us")  # v1: -1 means no quota
    if v2.exists():
        quota, period = v2.read_text().split()
    elif v1.exists():
        quota = v1.read_text().strip()
        period = Path(root, "cpu", "cpu.cfs_period_us").read_text().strip()
    else:
        return None
    if quota in ("max", "-1"):
        return None
    return max(1, math.ceil(int(quota) / int(period)))


def usable_cpu_count():
    """The CPUs this process may run on, capped by the container's quota."""
    count = len(os.sched_getaffinity(0))
    limit = cgroup_cpu_limit()
    return count if limit is None else min(count, limit)


if __name__ == "__main__":
    for name in ("cpu.max", "cpu/cpu.cfs_quota_us", "cpu/cpu.cfs_period_us"):
        path = Path("/sys/fs/cgroup", name)
        shown = path.read_text().strip() if path.exists() else "(no such file)"
        print(f"{path}: {shown}")
    print("os.cpu_count():", os.cpu_count())
    print("len(os.sched_getaffinity(0)):", len(os.sched_getaffinity(0)))
    print("cgroup_cpu_limit():", cgroup_cpu_limit())
    print("usable_cpu_count():", usable_cpu_count())
