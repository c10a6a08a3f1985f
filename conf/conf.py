"""Sphinx configuration for Pool Guide: ``sphinx-build -c conf docs <out>``.

The configuration lives apart from the pages so that docs/ holds only what a
reader reads; the local extension beside this file does the running and quoting.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

CONF_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(CONF_DIR))

# -- Project information -----------------------------------------------------

project = "Pool Guide"
author = "Pool Guide contributors"
copyright = "2026, Pool Guide contributors"
# Outputs carry their own date and commit (see the provenance notes); the
# version here is the site's, not Python's.
version = release = "0.1"

# -- General configuration ---------------------------------------------------

extensions = [
    "sphinx.ext.graphviz",  # diagrams drawn at build time by Graphviz's dot, served locally
    "myst_nb",  # MyST pages and notebooks; brings myst_parser with it
    "sphinx_copybutton",
    "sphinx_design",
    "sphinxext.opengraph",
    "sphinx_sitemap",
    "notfound.extension",
    "sphinx_reredirects",
    "pool_guide",
]
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
# Page paths mirror topics and are a contract: reviewers paste them. The builder
# is plain "html" (pages end in .html): it works from file:// and on any static
# host without rewrite rules, so the same link works everywhere.
root_doc = "index"
# Warnings are errors (nox runs sphinx-build -W --keep-going -n).
nitpicky = True

# -- Translations ------------------------------------------------------------

# The Chinese edition: `nox -s docs` builds it into build/html/zh_CN with
# -D language=zh_CN, from the catalogues in docs/locale/zh_CN/LC_MESSAGES (one per page,
# updated by `nox -s translations`). It shows the English build's runs (pool_guide_runs_from).
language = "en"
locale_dirs = [str(CONF_DIR.parent / "docs" / "locale")]
gettext_compact = False
gettext_uuid = False
gettext_location = True
# The Chinese search index: jieba cuts text into words; these terms of the site stay whole
# words in it (进程池, 工作进程...), so searching for one finds the pages that use it.
html_search_options = {
    "dict": str(CONF_DIR.parent / "docs" / "locale" / "zh_CN" / "search_terms.txt")
}
# The editions, for the language switcher and the hreflang links: code, name, folder.
pool_guide_editions = [("en", "English", ""), ("zh_CN", "简体中文", "zh_CN/")]

# -- Options for MyST --------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist", "attrs_inline", "attrs_block", "substitution"]
# Keep "--", quotes and "..." as typed: captions and prose quote commands and code.
smartquotes = False
# Explicit labels only: headings do not get implicit anchors that could move.
myst_heading_anchors = 0

# -- Options for MyST-NB -----------------------------------------------------

# "cache", emptied before the English build reads a notebook (pool_guide/shared_runs.py):
# the page is executed afresh each time it is read, as with "force" (the cache keys on
# cell text, so a kept entry would show stale outputs after an edit to what a cell
# imports), and the Chinese edition shows that same kernel run from the cache.
# Errors stay warnings, so -W --keep-going lists them all.
nb_execution_mode = "cache"
nb_execution_raise_on_error = False
nb_execution_timeout = 120

# -- Options for graphviz ----------------------------------------------------

# SVG: sharp at any zoom, text searchable, no JavaScript and nothing from a CDN.
graphviz_output_format = "svg"
# Transparent, so the diagram sits on the page's own background in both themes; the
# extension puts it inline and gives its colours dark variants (pool_guide/figures.py).
graphviz_dot_args = ["-Gbgcolor=transparent"]

# -- Options for Pool Guide's extension --------------------------------------

# Seconds an example may run before its process group is killed.
pool_guide_timeout = 60
# Ordering studies (the :runs: option) run a script many times. Their budget: at most
# 50 runs and 10 s per study, and 60 s for all the studies of the site together (a
# build warning past that). The studies' real total is on the "About this build" page.
pool_guide_study_max_runs = 50
pool_guide_study_seconds = 10
pool_guide_study_build_seconds = 60
# The performance lab (docs/performance/): each measurement runs alone, repeats every
# point at least 5 times, and may take 180 s. Together they take about 70 s on a 2-core
# machine; past 120 s the build warns. The margin absorbs Ray's own start, which varies
# from 5 to 16 s here. Their real total is on the "About this build" page.
pool_guide_lab_timeout = 180
pool_guide_lab_min_repeats = 5
pool_guide_lab_build_seconds = 120
pool_guide_description = (
    "Python's multiprocessing.Pool taught from real, executed examples and annotated "
    "excerpts of CPython's pool.py."
)
# Every page with outputs links here for the full provenance and the run report.
pool_guide_about_label = "about-this-build"
# Every example also runs on the other CPythons the build finds, in the venvs `nox -s docs`
# makes (build/pythons); the versions page compares them.
pool_guide_compare_versions = True
pool_guide_versions_page = "versions"

# -- Options for intersphinx-like cross references ----------------------------

# The Python docs are not fetched (the build runs offline); links to them are
# written out in full.

# -- Options for HTML output -------------------------------------------------

# The address the site is served from. Read the Docs sets its canonical URL; the
# GitHub Pages workflow sets POOL_GUIDE_BASEURL. A local build names localhost,
# which keeps the sitemap and OpenGraph tags valid without claiming a host.
html_baseurl = (
    os.environ.get("POOL_GUIDE_BASEURL")
    or os.environ.get("READTHEDOCS_CANONICAL_URL")
    or "http://127.0.0.1:8000/"
)
if not html_baseurl.endswith("/"):
    html_baseurl += "/"
html_favicon = "_static/favicon.svg"

html_theme = "furo"
html_title = "Pool Guide"
html_static_path = ["_static"]
html_css_files = [
    "pool-guide.css",
    "layout.css",
    "outputs.css",
    "excerpts.css",
    "pitfalls.css",
]
# Opens a chart or diagram full size (a native <dialog>); pages without one drop it.
html_js_files = [("figures.js", {"defer": "defer"}), ("editions.js", {"defer": "defer"})]
# The theme's page with the language switcher (pool_guide/editions.py).
templates_path = ["_templates"]
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = False

# The cite page shows readers the address of the copy they are reading.
myst_substitutions = {"baseurl": html_baseurl}

# -- Options for sphinxext-opengraph -----------------------------------------

# Titles and descriptions for links pasted into reviews and chats. The description
# comes from each page's html_meta front matter. No generated social-card images:
# they need fonts and time, and a text preview is what a review needs.
ogp_site_url = html_baseurl
ogp_site_name = "Pool Guide"
ogp_enable_meta_description = True
ogp_social_cards = {"enable": False}

# -- Options for sphinx-sitemap ----------------------------------------------

sitemap_url_scheme = "{link}"
sitemap_excludes = ["search.html", "genindex.html", "404.html"]

# -- Options for sphinx-notfound-page -----------------------------------------

# The 404 page is served at any depth, so its links are absolute: the base URL's path.
notfound_urls_prefix = urlsplit(html_baseurl).path or "/"

# -- Options for sphinx-reredirects -------------------------------------------

# Page paths and labels are a contract with every review that linked them. A page
# that moves leaves a redirect here ("old/path": "new/path.html"); none has moved.
redirects: dict[str, str] = {}

# -- Options for sphinx-copybutton -------------------------------------------

# Copy code only: line numbers are excluded and prompts are stripped.
copybutton_exclude = ".linenos, .gp, .go"
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = False
