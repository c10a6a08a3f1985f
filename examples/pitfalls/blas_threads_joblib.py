"""joblib limits BLAS threads in its workers by default; loky alone does not."""

import os

import joblib
import loky
from joblib import Parallel, delayed
from joblib.externals.loky import get_reusable_executor as joblib_executor
from threadpoolctl import threadpool_info


def blas_threads(_=None):
    import numpy  # noqa: F401  (in the worker: OpenBLAS reads the environment)

    libs = threadpool_info()
    threads = [lib["num_threads"] for lib in libs if lib["user_api"] == "blas"]
    variable = os.environ.get("OPENBLAS_NUM_THREADS")
    return f"OPENBLAS_NUM_THREADS={variable}, BLAS threads {threads}"


if __name__ == "__main__":
    versions = f"joblib {joblib.__version__}, loky {loky.__version__}"
    print(f"{versions}, os.cpu_count() {os.cpu_count()}")
    print(f"parent: {blas_threads()}")
    answers = Parallel(n_jobs=2)(delayed(blas_threads)() for _ in range(4))
    for answer in sorted(set(answers)):
        print(f"joblib Parallel(n_jobs=2) worker: {answer}")
    # loky on its own, without joblib:
    executor = loky.get_reusable_executor(max_workers=2)
    for answer in sorted(set(executor.map(blas_threads, range(4)))):
        print(f"loky get_reusable_executor(max_workers=2) worker: {answer}")
    executor.shutdown(wait=True)
    joblib_executor().shutdown(wait=True)  # joblib keeps its workers: stop them
