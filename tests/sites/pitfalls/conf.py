# A scenario site for the pitfall catalogue and the error-message index: one message that a
# section explains, one that none does, an explanation that matches nothing, pitfalls whose
# message was and was not printed, and a pitfall ID used twice.
# The tests put the repository's conf/ on PYTHONPATH.
from pathlib import Path

HERE = Path(__file__).parent
extensions = ["myst_parser", "pool_guide"]
pool_guide_examples_dir = str(HERE / "examples")
pool_guide_timeout = 10
html_baseurl = "https://example.org/guide/"
