"""`python -m dashboard.serve [streamlit options]`: `streamlit run app.py`, warmed up first.

Streamlit runs app.py in threads of its own process and imports nothing before the first
visitor, who would then wait for the libraries to load, Plotly to build its first figure and
st.dataframe to load its data stack (about a second). This does that once, then runs
Streamlit's own command line in this process, so the first visitor gets the speed of the next.
`make run` starts the dashboard this way; `streamlit run app.py` works too, with a slower first
page.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"


def warm() -> None:
    """Import what the pages use and build one figure of each kind on a tiny frame."""
    import polars as pl

    import dashboard.cached
    import dashboard.overview  # noqa: F401
    from ui.charts.bullet import bullet_chart
    from ui.charts.institutions import breakdown_chart, quadrant_chart
    from ui.charts.places import heatmap_chart, ranking_chart
    from ui.charts.progress import rates_chart, trajectory_chart, yearly_chart

    day = date(2024, 1, 1)
    one = {
        "label": ["甲"], "name": ["甲"], "name_en": ["a"], "unit": ["人次"], "target": [2],
        "actual": [1], "completion": [0.5], "time_progress": [0.5], "status": ["behind"],
        "town": ["甲"], "month": [day], "date": [day], "cumulative": [1],
        "target_trajectory": [1.0], "certificate_rate": [0.9], "employment_rate": [0.4],
        "year": [2024], "institution": ["甲"], "trained": [1], "eligible_next_year": [True],
        "near": [False], "margin": [0.1], "value": ["甲"], "below": [False],
    }  # fmt: skip
    f = pl.DataFrame(one)
    figures = [
        bullet_chart(f, "zh"),
        trajectory_chart(f, target=2, unit="人次", as_of=day, projected=day, lang="zh"),
        rates_chart(f, certificate_threshold=0.8, employment_threshold=0.3, lang="zh"),
        yearly_chart(f, unit="人次", lang="zh"),
        ranking_chart(
            f, place="town", certificate_threshold=0.8, employment_threshold=0.3, lang="zh"
        ),
        heatmap_chart(f, place="town", order=["甲"], unit="人次", lang="zh"),
        quadrant_chart(f, certificate_threshold=0.8, employment_threshold=0.3, lang="zh"),
        breakdown_chart(f, unit="人次", lang="zh"),
    ]
    for fig in figures:
        fig.to_json()
    # st.dataframe's first call loads Streamlit's own data stack (about half a second), and a
    # widget's first label its emoji table
    from streamlit.dataframe_util import convert_anything_to_arrow_bytes, determine_data_format
    from streamlit.string_util import extract_leading_icon

    determine_data_format(f)
    convert_anything_to_arrow_bytes(f)
    extract_leading_icon("中文")


def main() -> None:
    warm()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
