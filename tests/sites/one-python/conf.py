# A site built with one interpreter: the comparisons must say so, and the build pass.
# The tests put the repository's conf/ on PYTHONPATH.
from pathlib import Path

extensions = ["myst_parser", "pool_guide"]
pool_guide_interpreters = []  # look for no other CPython
pool_guide_examples_dir = str(Path(__file__).parent / "examples")
pool_guide_compare_versions = True
