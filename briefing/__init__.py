"""Briefings for the joint meeting (联席会议): the 通报 (.docx), slides (.pptx) and tables (.xlsx)
in one go, from the CLI (`python -m briefing`, CONTRACT §4) and the dashboard's 会议简报 page.

    gather.py        the figures, once, from the progress engine → figures.Briefing
    changes.py       what moved since the previous snapshot
    snapshots.py     each briefing's figures saved as JSON beside the warehouse
    text.py          the sentences; tables.py the text tables; charts.py the PNG charts
    docx_writer.py   the 通报 (docx_style.py its look)
    pptx_writer.py   the slides (pptx_slides.py, pptx_parts.py, pptx_charts.py)
    xlsx_writer.py   the tables (xlsx_book.py its look)
    render.py        gather → compare → write (atomically) → save; cli.py the command
    fonts.py         the CJK font of the charts; session.py and i18n.py serve the page

Errors are briefing.exceptions.BriefingError.
"""
