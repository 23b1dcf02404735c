"""The charts package: headless under Agg, without pyplot; only it and the UI import matplotlib."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap

from tests.support import REPO_ROOT

_NO_PYPLOT = textwrap.dedent(
    """
    import sys
    from datetime import date
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    import wellbeing_app.charts as charts
    from wellbeing_app.domain.insights import Range, insights_for
    from wellbeing_app.domain.synthetic import (
        synthetic_checkins,
        synthetic_rota,
        synthetic_selfchecks,
    )

    today = date(2026, 11, 20)
    insights = insights_for(
        synthetic_checkins(60, end=today),
        today,
        Range.THREE_MONTHS,
        rota=synthetic_rota(),
        selfchecks=synthetic_selfchecks(today),
    )
    for theme in charts.THEMES:
        for chart in charts.CHARTS:
            figure = Figure(layout="constrained")
            FigureCanvasAgg(figure)
            chart.draw(figure.add_subplot(), insights, theme)
            figure.canvas.draw()
    assert "matplotlib.pyplot" not in sys.modules, "pyplot was imported"
    print("ok")
    """
)


def test_charts_never_import_pyplot() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _NO_PYPLOT],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=120,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


_IMPORTS_MATPLOTLIB = re.compile(r"^\s*(import|from)\s+matplotlib\b", re.MULTILINE)


_IMPORTS_PYPLOT = re.compile(
    r"^\s*(import\s+matplotlib\.pyplot|from\s+matplotlib(\.pyplot)?\s+import\s+.*pyplot)",
    re.MULTILINE,
)


def test_only_the_charts_package_and_the_ui_import_matplotlib_and_nothing_imports_pyplot() -> None:
    package = REPO_ROOT / "wellbeing_app"
    allowed = {package / "charts", package / "ui"}  # the UI hosts the Qt canvas
    sources = {path: path.read_text(encoding="utf-8") for path in package.rglob("*.py")}
    outside = [
        str(path.relative_to(REPO_ROOT))
        for path, text in sources.items()
        if not any(folder in path.parents for folder in allowed)
        and _IMPORTS_MATPLOTLIB.search(text)
    ]
    assert outside == []
    pyplot = [
        str(p.relative_to(REPO_ROOT)) for p, text in sources.items() if _IMPORTS_PYPLOT.search(text)
    ]
    assert pyplot == []
    assert _IMPORTS_PYPLOT.search("from matplotlib import pyplot as plt")
    assert _IMPORTS_PYPLOT.search("import matplotlib.pyplot as plt")
    assert _IMPORTS_MATPLOTLIB.search(sources[package / "charts" / "drawing.py"])
