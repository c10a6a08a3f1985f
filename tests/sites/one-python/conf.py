# A site built with one interpreter: the comparisons must say so, and the build pass.
# The tests put the repository's conf/ on PYTHONPATH.
extensions = ["myst_parser", "pool_guide"]
pool_guide_interpreters = []  # look for no other CPython
