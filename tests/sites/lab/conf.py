# A scenario site for the lab: a measurement, charts and tables of it on another
# page, claims that hold and one that does not. The tests put conf/ on PYTHONPATH.
from pathlib import Path

HERE = Path(__file__).parent
extensions = ["myst_parser", "pool_guide"]
myst_enable_extensions = ["colon_fence"]
pool_guide_examples_dir = str(HERE / "examples")
pool_guide_lab_timeout = 20
