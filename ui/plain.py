"""User-supplied text (file names, institutions, towns, cells) made safe for Streamlit's Markdown.

Streamlit renders labels, captions, messages and `st.markdown` as Markdown: an institution named
`[请点此核对名单](http://…)` would become a link, and `![x](http://…/pixel.png)` an image fetched by
every browser that shows it. Every ASCII punctuation character of such text is escaped with a
backslash (CommonMark shows an escaped character as itself) and line breaks become spaces, so the
text reads exactly as it was typed and nothing in it is markup.
"""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


def plain(text: object) -> str:
    """text as Markdown that renders as exactly that text."""
    return _PUNCTUATION.sub(r"\\\1", _BREAKS.sub(" ", str(text)))


def chart_text(text: str) -> str:
    """text for a Plotly label, tick or hover: Plotly reads `<a href>`, `<b>`, `<br>` in them as
    markup (a link in a chart), so <, > and & become the entities it shows as themselves."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
