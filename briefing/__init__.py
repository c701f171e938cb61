"""Briefings for the joint meeting (联席会议): the 通报 (.docx), slides (.pptx) and tables (.xlsx)
in one go, from the CLI (`python -m briefing`, CONTRACT §4) and the dashboard's 会议简报 page.

    gather.py        the figures, once, from the progress engine → figures.Briefing
    changes.py       what moved since the previous snapshot
    snapshots.py     each briefing's figures saved as JSON beside the warehouse
    text.py          the sentences; tables.py the text tables; charts.py the PNG charts
    docx_writer.py   the 通报     pptx_writer.py  the slides     xlsx_writer.py  the tables
    render.py        gather → compare → write (atomically) → save; cli.py the command
    i18n.py          the page's strings

Errors are briefing.exceptions.BriefingError.
"""
