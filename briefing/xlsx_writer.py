"""The tables (.xlsx) in the dashboard's on-screen layout: 总览 (every programme and its parts),
镇街 (the region's places, worst first), 分项目镇街 (each allocated programme's places), 培训机构,
数据新鲜度 and 较上次变化. Every share is a formula over the counts beside it (completion =
完成 ÷ 目标, rates = 取证人数 ÷ 培训人次), its value cached for readers that do not calculate;
each 合计 row sums the counts and divides the sums.

Names users type are written as typed, as strings, into a workbook that never turns strings into
formulas; one that starts like a formula also gets Excel's quote prefix (briefing.xlsx_book).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from xlsxwriter.worksheet import Worksheet

from briefing import text
from briefing.changes import Changes, PlanChanges
from briefing.figures import Briefing, Places, Row
from briefing.tables import places_total
from briefing.xlsx_book import Book, Columns
from ui.i18n import status_label

Step = Callable[[str], None]
PROGRAMME_COLUMNS: Columns = (
    *(("项目", 30), ("状态", 10), ("目标", 10), ("完成", 10), ("单位", 6), ("完成率", 9)),
    *(("序时进度", 9), ("培训人次", 10), ("取证人数", 10), ("就业人数", 10), ("取证率", 9)),
    *(("取证率要求", 10), ("就业率", 9), ("就业率要求", 10), ("赶上序时还差", 12)),
    ("预计完成日期", 13),
)
PLACE_COLUMNS: Columns = (
    *(("镇街", 24), ("状态", 10), ("目标", 10), ("完成", 10), ("完成率", 9), ("序时进度", 9)),
    *(("培训人次", 10), ("取证人数", 10), ("就业人数", 10), ("取证率", 9), ("就业率", 9)),
    ("赶上序时还差", 12),
)
INSTITUTION_COLUMNS: Columns = (
    *(("培训机构", 34), ("明年资格", 16), ("培训人次", 10), ("取证人数", 10), ("就业人数", 10)),
    *(("取证率", 9), ("就业率", 9), ("距离门槛（百分点）", 16)),
)
FRESHNESS_COLUMNS: Columns = (
    *(("地区", 16), ("最新结业日期", 14), ("早于统计截止日（天）", 18), ("记录数", 12)),
    *(("批次数", 8), ("最近导入", 18), ("最近导入的文件", 30)),
)
CHANGE_COLUMNS: Columns = (
    *(("项目", 30), ("新增", 10), ("完成率变化（百分点）", 18), ("上次状态", 12)),
    ("本次状态", 12),
)


class Tables(Book):
    def programme_rows(self, ws: Worksheet, row: int, rows: Sequence[Row]) -> int:
        for r in rows:
            self.text(ws, row, 0, "　" * r.level + r.name)
            ws.write_string(row, 1, status_label(r.status, "zh"), self.status(r.status))
            counts = ((2, r.target), (3, r.actual), (7, r.trained), (8, r.certified))
            self.numbers(ws, row, (*counts, (9, r.employed), (14, r.needed_to_be_on_pace)))
            self.text(ws, row, 4, r.unit)
            if r.target:
                self.share(ws, row, 5, 3, 2, r.completion)
            else:  # a share of the parent's records, or no target
                self.number(ws, row, 5, r.completion, "pct")
            self.numbers(ws, row, ((6, r.time_progress), (11, r.certificate_threshold)), "pct")
            self.number(ws, row, 13, r.employment_threshold, "pct")
            self.share(ws, row, 10, 8, 7, r.certificate_rate)
            self.share(ws, row, 12, 9, 7, r.employment_rate)
            if r.projected_completion is not None:
                ws.write_datetime(row, 15, r.projected_completion, self.f["date"])
            else:
                ws.write_blank(row, 15, None, self.f["date"])
            row += 1
        return row

    def overview(self) -> None:
        ws = self.sheet("总览", PROGRAMME_COLUMNS, "各项目完成情况")
        row = 3
        for p in self.b.plans:
            years = f"{p.period_start.year}–{p.period_end.year}年"
            ws.write(row, 0, f"{p.place}（{years}）", self.f["title"])
            self.header(ws, row + 1, PROGRAMME_COLUMNS)
            rows = [p.head]
            for sec in p.sections:
                if sec.head.programme_id != p.head.programme_id:
                    rows += [replace(r, level=r.level + 1) for r in sec.rows]
            row = self.programme_rows(ws, row + 2, rows) + 1
        ws.freeze_panes(5, 1)

    def places_block(self, ws: Worksheet, row: int, pl: Places) -> int:
        """One quota's places, worst first, then 合计 (sums of counts, shares of sums)."""
        self.header(ws, row, [(text.LEVEL_WORDS.get(pl.level, "镇街"), 24), *PLACE_COLUMNS[1:]])
        first = row = row + 1
        for p in pl.rows:
            self.text(ws, row, 0, text.shown(p.name))
            ws.write_string(row, 1, status_label(p.status, "zh"), self.status(p.status))
            counts = ((2, p.target), (3, p.actual), (6, p.trained), (7, p.certified))
            self.numbers(ws, row, (*counts, (8, p.employed), (11, p.needed_to_be_on_pace)))
            self.share(ws, row, 4, 3, 2, p.completion)
            self.number(ws, row, 5, p.time_progress, "pct")
            self.share(ws, row, 9, 7, 6, p.certificate_rate)
            self.share(ws, row, 10, 8, 6, p.employment_rate)
            row += 1
        t = places_total(pl.rows)
        self.text(ws, row, 0, "合计", "total_text")
        self.text(ws, row, 1, "", "total_text")
        for c, v in ((2, t.target), (3, t.actual), (6, t.trained), (7, t.certified)):
            self.total(ws, row, c, first, v)
        self.total(ws, row, 8, first, t.employed)
        self.share(ws, row, 4, 3, 2, t.completion, total=True)
        self.share(ws, row, 9, 7, 6, t.certificate_rate, total=True)
        self.share(ws, row, 10, 8, 6, t.employment_rate, total=True)
        ws.write_blank(row, 5, None, self.f["total_pct"])
        ws.write_blank(row, 11, None, self.f["total_int"])
        return row + 2

    def places(self) -> None:
        blocks = [(p.place, p.places) for p in self.b.plans if p.places is not None]
        if blocks:
            ws = self.sheet("镇街", PLACE_COLUMNS, "各地完成情况（最落后的在前）")
            row = 3
            for place, pl in blocks:
                ws.write(row, 0, f"{place} · {pl.name}", self.f["title"])
                row = self.places_block(ws, row + 1, pl)
        sections = [
            (p.place, s.places) for p in self.b.plans for s in p.sections if s.places is not None
        ]
        if sections:
            ws = self.sheet("分项目镇街", PLACE_COLUMNS, "各项目分镇（街道）完成情况")
            row = 3
            for place, pl in sections:
                ws.write(row, 0, f"{place} · {pl.name}", self.f["title"])
                row = self.places_block(ws, row + 1, pl)

    def institutions(self) -> None:
        ws = self.sheet("培训机构", INSTITUTION_COLUMNS, "培训机构取证率、就业率")
        row = 3
        for p in self.b.plans:
            inst = p.institutions
            cert, emp = inst.certificate_threshold, inst.employment_threshold
            rule = f"{inst.year}年度 · 取证率≥{cert:.0%}、就业率≥{emp:.0%}"
            ws.write(row, 0, f"{p.place} · {rule}", self.f["title"])
            self.header(ws, row + 1, INSTITUTION_COLUMNS)
            row += 2
            for i in inst.rows:
                word, colour = ("保留", "on_track")
                if i.eligible is False:
                    word, colour = f"取消{inst.year + 1}年资格", "behind"
                elif i.eligible is None and i.below:
                    word, colour = "低于参考线", "behind"
                elif i.near:
                    word, colour = "保留（接近要求）", "lagging"
                self.text(ws, row, 0, text.shown(i.name))
                ws.write_string(row, 1, word, self.status(colour))
                self.numbers(ws, row, ((2, i.trained), (3, i.certified), (4, i.employed)))
                self.share(ws, row, 5, 3, 2, i.certificate_rate)
                self.share(ws, row, 6, 4, 2, i.employment_rate)
                margin = None if i.margin is None else round(i.margin * 100, 1)
                self.number(ws, row, 7, margin, "text")
                row += 1
            row += 1

    def freshness(self) -> None:
        ws = self.sheet("数据新鲜度", FRESHNESS_COLUMNS, "各地数据报送情况")
        self.header(ws, 3, FRESHNESS_COLUMNS)
        for row, p in enumerate(self.b.plans, start=4):
            fr = p.freshness
            self.text(ws, row, 0, p.place)
            if fr.latest_record is not None:
                ws.write_datetime(row, 1, fr.latest_record, self.f["date"])
            else:
                ws.write_blank(row, 1, None, self.f["date"])
            lag = None if fr.latest_record is None else (self.b.as_of - fr.latest_record).days
            self.numbers(ws, row, ((2, lag), (3, fr.records), (4, fr.batches)))
            if fr.latest_load is not None:
                ws.write_datetime(row, 5, fr.latest_load, self.f["time"])
            else:
                ws.write_blank(row, 5, None, self.f["time"])
            self.text(ws, row, 6, text.shown(fr.latest_file, ""))

    def changes(self, changes: Changes) -> None:
        title = f"与上次会议相比（上次统计截至{text.day(changes.previous_as_of)}）"
        ws = self.sheet("较上次变化", CHANGE_COLUMNS, title)
        row = 3
        for ch in changes.plans:
            ws.write(row, 0, ch.place, self.f["title"])
            self.header(ws, row + 1, CHANGE_COLUMNS)
            row = self.change_rows(ws, row + 2, ch) + 1

    def change_rows(self, ws: Worksheet, row: int, ch: PlanChanges) -> int:
        for c in (ch.head, *ch.rows):
            self.text(ws, row, 0, c.name)
            self.number(ws, row, 1, c.actual)
            moved = None if c.completion is None else round(c.completion * 100, 1)
            self.number(ws, row, 2, moved, "text")
            for col, status in ((3, c.status_before), (4, c.status_now)):
                ws.write_string(row, col, status_label(status, "zh"), self.status(status))
            row += 1
        lists = (
            ("新增落后", ch.joined),
            ("已赶上序时进度", ch.left),
            ("新增不达标机构", ch.failing_joined),
            ("已整改达标机构", ch.failing_left),
        )
        for label, names in lists:
            if names:
                self.text(ws, row, 0, label)
                self.text(ws, row, 1, "、".join(text.shown(n) for n in names))
                row += 1
        return row


def write_xlsx(b: Briefing, changes: Changes | None, path: Path, step: Step) -> None:
    """Write the tables to `path`; `step` hears what is being written."""
    book = Tables(path, b)
    book.overview()
    book.places()
    book.institutions()
    book.freshness()
    if changes is not None:
        book.changes(changes)
    step("统计表：保存")
    book.wb.close()
