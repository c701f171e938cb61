"""Reading an AppTest run: its dataframes and its Plotly charts."""

from __future__ import annotations

import json
import re
from typing import Any

from streamlit.testing.v1 import AppTest

FULL_ID = re.compile(r"\b\d{17}[\dX]\b")
FULL_PHONE = re.compile(r"\b1\d{10}\b")


def frames(at: AppTest) -> list[Any]:
    """Every st.dataframe of the run, as the pandas frames AppTest holds."""
    return [df.value for df in at.dataframe]


def frame_with(at: AppTest, *columns: str) -> Any:
    """The first st.dataframe with these columns (AppTest gives dataframes no key)."""
    for value in frames(at):
        if all(c in value.columns for c in columns):
            return value
    raise AssertionError(f"no dataframe with columns {columns}")


def chart_spec(at: AppTest, key: str) -> dict[str, Any]:
    """The Plotly figure (as JSON) of the st.plotly_chart with this key."""
    for chart in at.get("plotly_chart"):
        if chart.proto.id.endswith(f"-{key}"):
            spec: dict[str, Any] = json.loads(chart.proto.spec)
            return spec
    raise AssertionError(f"no chart {key!r}")


def leaked_numbers(at: AppTest) -> list[str]:
    """Unmasked ID or phone numbers anywhere in the run's dataframes and text."""
    texts = [str(v) for df in frames(at) for v in df.astype(str).to_numpy().ravel()]
    texts += [e.value for e in [*at.markdown, *at.caption, *at.text] if isinstance(e.value, str)]
    return [m for t in texts for m in [*FULL_ID.findall(t), *FULL_PHONE.findall(t)]]
