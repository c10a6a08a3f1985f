# A scenario site read in parallel (sphinx-build -j): eight pages, runs that may overlap,
# runs that must be alone. The tests put the repository's conf/ on PYTHONPATH.
from pathlib import Path

HERE = Path(__file__).parent
extensions = ["myst_parser", "pool_guide"]
pool_guide_examples_dir = str(HERE / "examples")
