"""Set the start method for an example run, so the script itself stays unchanged.

The example runner puts this folder on PYTHONPATH and names the method in
POOL_GUIDE_START_METHOD. Python imports ``sitecustomize`` at start-up, in the
script's process and in every spawned or forkserver child.
"""

import os

_method = os.environ.get("POOL_GUIDE_START_METHOD")
if _method:
    import multiprocessing

    # force=True: a spawned child re-sets the method from its parent's data anyway.
    multiprocessing.set_start_method(_method, force=True)
