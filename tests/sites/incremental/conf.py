# A scenario site with two pages, one example each, to test what a rebuild re-runs.
# The tests put the repository's conf/ on PYTHONPATH.
from pathlib import Path

HERE = Path(__file__).parent
extensions = ["myst_parser", "pool_guide"]
pool_guide_examples_dir = str(HERE / "examples")
