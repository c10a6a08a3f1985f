# A site with a Chinese edition: it shows the English build's runs and fails while a
# message has no translation. The tests put the repository's conf/ on PYTHONPATH.
from pathlib import Path

HERE = Path(__file__).parent
extensions = ["myst_parser", "pool_guide"]
pool_guide_interpreters = []  # this build's CPython only
pool_guide_examples_dir = str(HERE / "examples")
locale_dirs = [str(HERE / "locale")]
gettext_compact = False
pool_guide_editions = [("en", "English", ""), ("zh_CN", "简体中文", "zh_CN/")]
