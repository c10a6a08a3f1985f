# A scenario site whose examples fail in every way the build must report.
# The tests put the repository's conf/ on PYTHONPATH.
from pathlib import Path

HERE = Path(__file__).parent
extensions = ["myst_parser", "pool_guide"]
pool_guide_examples_dir = str(HERE / "examples")
pool_guide_timeout = 3
# Any study is over this budget, so the build must warn about it.
pool_guide_study_build_seconds = 0.001
