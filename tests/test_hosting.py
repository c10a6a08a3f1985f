"""Deploy configurations and citation: same nox session everywhere, labels published."""

from __future__ import annotations

import pytest
import yaml

from conftest import REPO, Build

README_BUILD = ".venv-nox/bin/nox -s docs"


def test_read_the_docs_builds_with_the_nox_session() -> None:
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text())
    assert config["version"] == 2
    commands = config["build"]["commands"]
    assert any(README_BUILD in c for c in commands)
    assert any("$READTHEDOCS_OUTPUT/html" in c for c in commands)
    assert "graphviz" in config["build"]["apt_packages"]
    # The other CPythons, installed before the build so that it finds them.
    install = next(i for i, c in enumerate(commands) if "uv python install" in c)
    assert install < next(i for i, c in enumerate(commands) if README_BUILD in c)


def test_github_pages_workflow_builds_with_nox_and_deploys() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text())
    build = workflow["jobs"]["build"]
    runs = [step.get("run", "") for step in build["steps"]]
    assert any(README_BUILD in r for r in runs)
    build_step = next(r for r in runs if README_BUILD in r)
    assert build_step.index("uv python install") < build_step.index(README_BUILD)
    uploads = [s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", "")]
    assert uploads and uploads[0]["with"]["path"] == "build/html"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert any("deploy-pages" in s.get("uses", "") for s in deploy["steps"])


def test_the_readme_gives_the_same_commands() -> None:
    readme = (REPO / "README.md").read_text()
    assert README_BUILD in readme and ".venv-nox/bin/nox -s tests" in readme


@pytest.mark.site
def test_objects_inv_lists_every_method_label(site: Build) -> None:
    from sphinx.util.inventory import InventoryFile

    with (site.outdir / "objects.inv").open("rb") as stream:
        inventory = InventoryFile.load(stream, "https://example.invalid/", lambda a, b: a + b)
    labels = inventory["std:label"]
    for label in [
        "pool-apply",
        "pool-apply-async",
        "pool-map",
        "pool-starmap",
        "map-async-engine",
        "default-chunksize",
        "how-to-cite",
    ]:
        assert label in labels, label
    assert labels["default-chunksize"].uri.endswith("map-engine.html#default-chunksize")


@pytest.mark.site
def test_sitemap_404_and_opengraph_are_built(site: Build) -> None:
    assert (site.outdir / "sitemap.xml").is_file()
    assert (site.outdir / "404.html").is_file()
    apply = (site.outdir / "apply.html").read_text()
    assert '<meta property="og:title" content="apply and apply_async"' in apply
    assert 'name="description"' in apply
    # The pasted-link preview says what the page's own description says.
    assert '<meta property="og:description" content="multiprocessing.Pool.apply versus' in apply
    assert (site.outdir / "_static" / "favicon.svg").is_file()


def _inventory(site: Build) -> dict:
    from sphinx.util.inventory import InventoryFile

    with (site.outdir / "objects.inv").open("rb") as stream:
        return InventoryFile.load(stream, "https://example.invalid/", lambda a, b: a + b)


@pytest.mark.site
def test_every_pitfall_id_is_unique_and_in_objects_inv(site: Build) -> None:
    import re

    written = re.findall(
        r"^```\{pitfall\} (\S+)$", (REPO / "docs/pitfalls/index.md").read_text(), re.M
    )
    assert len(written) >= 20 and len(written) == len(set(written)), written
    published = _inventory(site)["std:pitfall"]
    assert set(published) == set(written)
    html = (site.outdir / "pitfalls" / "index.html").read_text()
    for pitfall_id, item in published.items():
        assert item.uri.endswith(f"pitfalls/index.html#{pitfall_id.lower()}")
        assert f'id="{pitfall_id.lower()}"' in html, pitfall_id


@pytest.mark.site
def test_the_label_index_lists_every_label_of_objects_inv(site: Build) -> None:
    """Complete by construction: paragraph labels too (maxtasksperchild-fork-warning)."""
    import re

    html = (site.outdir / "cite.html").read_text()
    listed = set(
        re.findall(
            r'<li><p><code class="docutils literal notranslate"><span class="pre">([^<]+)</span>',
            html,
        )
    )
    published = set(_inventory(site)["std:label"]) - {
        "genindex",
        "modindex",
        "search",
        "py-modindex",
    }
    assert "maxtasksperchild-fork-warning" in listed
    assert listed == published
