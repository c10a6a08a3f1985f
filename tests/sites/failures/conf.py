# A scenario site whose examples fail in every way the build must report.
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[2] / "conf"))
extensions = ["myst_parser", "pool_guide"]
pool_guide_examples_dir = str(HERE / "examples")
pool_guide_timeout = 3
