"""Charts with Chinese labels are laid out with a font that has the glyphs, or say why not."""

from __future__ import annotations

import re
import shutil
import subprocess
import warnings

import pytest

from pool_guide import chart_fonts
from pool_guide.lab_charts import ChartSpec, draw_svg

ROWS = [{"size": s, "seconds": [0.1 * s] * 5, "series": "进程池"} for s in (1, 2, 4)]
SPEC = ChartSpec(
    kind="line",
    x="size",
    y="seconds",
    series="series",
    logx=False,
    logy=False,
    xlabel="每个任务的大小",
    ylabel="耗时（秒）",
    hline=None,
    salt="test",
)


def chinese_fonts_installed() -> bool:
    """What fontconfig, not matplotlib's cache, says is installed."""
    if not shutil.which("fc-list"):
        return False
    listed = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    return bool(listed.strip())


def draw() -> tuple[str, list[warnings.WarningMessage]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        svg = draw_svg(ROWS, SPEC, [])
    return svg, caught


@pytest.mark.skipif(not chinese_fonts_installed(), reason="no Chinese font on this machine")
def test_an_installed_chinese_font_measures_the_labels_without_a_warning() -> None:
    assert chart_fonts.cjk_fallbacks()  # found even when matplotlib's font cache predates it
    svg, caught = draw()
    assert [str(w.message) for w in caught] == []
    assert "每个任务的大小" in svg  # the label stays text, drawn by the page's font
    assert not re.search(r"font-family:\s*'", svg)  # the page's font, not matplotlib's


def test_without_a_chinese_font_one_note_replaces_a_warning_per_glyph(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(chart_fonts, "cjk_fallbacks", lambda: ())
    notes: list[str] = []
    monkeypatch.setattr(chart_fonts, "_note_no_cjk_font", lambda: notes.append("note"))
    svg, caught = draw()
    assert [str(w.message) for w in caught] == []
    assert notes  # said, once per build thanks to functools.cache on the real one
    assert "耗时（秒）" in svg


def test_other_warnings_of_a_chart_are_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chart_fonts, "cjk_fallbacks", lambda: ())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with chart_fonts.measuring():
            warnings.warn("something else", UserWarning, stacklevel=1)
    assert [str(w.message) for w in caught] == ["something else"]
