"""Synthetic real-name training ledgers (实名制台账) for the five regions, as bureaus export them.

`generate()` returns one frame of text cells per region, with that bureau's headers, date style
and yes/no words; `write_demo_files()` writes them (UTF-8, UTF-8 with BOM and GB18030 CSV, and
Parquet for Zhejiang). The rows are clean: every one loads (no rejections, no duplicates).

Rows per programme (demo.plan): realistic = the quota's target × a completion factor that
differs per programme (Kaili's plan is open and its ledger stops at 2025-09-30; the ended plans
land at 85–110%). The realistic total is about 4.75 million rows, 3.5 million of them Zhejiang's,
so the command-line demo uses DEFAULT_ROWS: Kaili, Dongning and Linshu stay whole and Zhejiang
and Yuncheng are scaled down to fit, which `budget_note()` reports (their completion then reads
proportionally lower). Same seed and same `today` → identical frames, byte for byte.

Places are real (towns of 凯里市, 东宁市 and 临沭县, counties of 运城市, cities and counties of
浙江省); institutions are fictional; ID numbers are valid GB 11643 numbers of the region.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

from catalogue.loader import load_catalogue
from demo.flavour import flavour
from demo.places import DONGNING_TOWNS, KAILI_TOWNS, REGION_KEYS, RegionKey
from demo.plan import BudgetPlan, CatalogueLike, apportion, budget, programmes, region_order
from demo.rows import build
from demo.samples import write_samples

DEFAULT_ROWS = 400_000
ALLOCATIONS_DIR = Path(__file__).resolve().parent.parent / "catalogue" / "allocations"
GB18030_CHUNK = 200_000


@dataclass(frozen=True)
class Layout:
    """How one bureau's ledger looks: file, headers (in order) → fields, dates and yes/no words."""

    file_name: str
    columns: tuple[tuple[str, str], ...]  # (header, field); "#": 序号, "=text": a constant
    date_format: str
    yes: tuple[str, str]  # certified, employed
    no: tuple[str | None, str | None]  # None: left blank


def _cols(spec: str) -> tuple[tuple[str, str], ...]:
    return tuple((item.split(":")[0], item.split(":", 1)[1]) for item in spec.split())


LAYOUTS: dict[RegionKey, Layout] = {
    "kaili": Layout(
        "kaili.csv",
        _cols(
            "序号:# 姓名:name 性别:gender 身份证号码:id_number 联系电话:phone "
            "人员类别:category 县（市、区）:=凯里市 所属镇（街道）:town 培训项目:programme "
            "培训机构:institution 培训工种:occupation 培训等级:level 开班日期:start_date "
            "结业日期:end_date 培训天数:days 培训课时:hours 班级编号:class_id "
            "是否取证:certified 证书类型:certificate_type 是否就业:employed "
            "就业日期:employment_date 就业地点:employment_place 备注:note"
        ),
        "%Y-%m-%d",
        ("是", "是"),
        ("否", "否"),
    ),
    "zhejiang": Layout(
        "zhejiang.parquet",
        _cols(
            "序号:# 地市:city 县（市、区）:county 学员姓名:name 性别:gender "
            "公民身份号码:id_number 手机号码:phone 学员类别:category 项目名称:programme "
            "培训单位:institution 职业（工种）:occupation 技能等级:level "
            "培训开始日期:start_date 培训结束日期:end_date 课时:hours 开班编号:class_id "
            "取证情况:certified 证书名称:certificate_type 就业情况:employed "
            "就业时间:employment_date 就业地:employment_place"
        ),
        "%Y-%m-%d",
        ("是", "是"),
        ("否", "否"),
    ),
    "dongning": Layout(
        "dongning.csv",
        _cols(
            "序号:# 姓名:name 性别:gender 身份证号:id_number 区县:=东宁市 所属乡镇:town "
            "培训工程:programme 培训机构:institution 工种:occupation 等级:level "
            "开班时间:start_date 结业时间:end_date 培训天数:days 是否取证:certified "
            "证书类型:certificate_type 是否就业:employed 就业日期:employment_date "
            "就业地点:employment_place 人员类别:category 联系电话:phone 班次:class_id "
            "备注:note"
        ),
        "%Y/%-m/%-d",
        ("已取证", "已就业"),
        ("未取证", "未就业"),
    ),
    "yuncheng": Layout(
        "yuncheng.csv",
        _cols(
            "序号:# 市州:=运城市 县（市、区）:county 姓名:name 性别:gender "
            "身份证号码:id_number 培训项目:programme 定点培训机构:institution "
            "培训职业:occupation 等级:level 开班日期:start_date 结业日期:end_date "
            "培训天数:days 培训课时:hours 是否取证:certified 证书类型:certificate_type "
            "是否就业:employed 就业日期:employment_date 就业地点:employment_place "
            "人员类别:category 联系电话:phone 班级编号:class_id"
        ),
        "%Y年%-m月%-d日",
        ("√", "√"),
        (None, None),
    ),
    "linshu": Layout(
        "linshu.csv",
        _cols(
            "序号:# 姓名:name 性别:gender 证件号码:id_number 县区:=临沭县 镇街:town "
            "项目名称:programme 培训单位:institution 培训工种:occupation 技能等级:level "
            "开始日期:start_date 结束日期:end_date 培训天数:days 取证情况:certified "
            "证书类型:certificate_type 就业情况:employed 就业日期:employment_date "
            "就业地点:employment_place 学员类别:category 手机号码:phone "
            "开班编号:class_id 备注:note"
        ),
        "%Y.%-m.%-d",
        ("是", "是"),
        ("否", "否"),
    ),
}
ENCODINGS: dict[RegionKey, str] = {"dongning": "utf-8-sig", "linshu": "gb18030"}
# Any other region's ledger: the contract's first header for each field, its county written in.
GENERIC_COLUMNS = (
    "序号:# 姓名:name 性别:gender 身份证号码:id_number 联系电话:phone 人员类别:category "
    "镇街:town 培训项目:programme 培训机构:institution 培训工种:occupation 培训等级:level "
    "开班日期:start_date 结业日期:end_date 培训天数:days 培训课时:hours 班级编号:class_id "
    "是否取证:certified 证书类型:certificate_type 是否就业:employed 就业日期:employment_date "
    "就业地点:employment_place"
)


def layout_for(region: RegionKey) -> Layout:
    """The region's ledger layout; the generic one for a region of another key."""
    if region in LAYOUTS:
        return LAYOUTS[region]
    county, city = flavour(region).written
    written = [f"县（市、区）:={county}"] if county else [f"市（州）:={city}"] if city else []
    columns = _cols(" ".join([*written, GENERIC_COLUMNS]))
    return Layout(f"{region}.csv", columns, "%Y-%m-%d", ("是", "是"), ("否", "否"))


def plan(
    rows: int | None, today: date | None = None, catalogue: CatalogueLike | None = None
) -> BudgetPlan:
    """The programmes and their row counts for a budget of `rows` (None: realistic)."""
    return budget(programmes(catalogue or load_catalogue(), today or date.today()), rows)


def budget_note(
    rows: int | None, today: date | None = None, catalogue: CatalogueLike | None = None
) -> str:
    """What a budget means: the realistic total and how far each region was scaled."""
    return plan(rows, today, catalogue).note


def generate(
    rows: int | None = None,
    seed: int = 0,
    today: date | None = None,
    *,
    catalogue: CatalogueLike | None = None,
) -> dict[str, pl.DataFrame]:
    """One frame of text cells per region key, with the region's own headers."""
    return dict(_frames(rows, seed, today, catalogue))


def _frames(
    rows: int | None, seed: int, today: date | None, catalogue: CatalogueLike | None
) -> Iterator[tuple[RegionKey, pl.DataFrame]]:
    """Region by region, so that a writer holds one region's frame at a time."""
    programmes_ = plan(rows, today, catalogue).programmes
    others = sorted({p.region for p in programmes_} - set(REGION_KEYS), key=region_order)
    for index, region in enumerate((*REGION_KEYS, *others)):
        rng = np.random.default_rng([seed, index])
        layout = layout_for(region)
        mine = [p for p in programmes_ if p.region == region]
        yield region, _lay_out(build(region, mine, rng, layout.date_format), layout)


def _lay_out(frame: pl.DataFrame, layout: Layout) -> pl.DataFrame:
    exprs: list[pl.Expr] = []
    for header, field in layout.columns:
        if field == "#":
            expr = pl.int_range(1, pl.len() + 1).cast(pl.String)
        elif field.startswith("="):
            expr = pl.lit(field[1:], dtype=pl.String)
        elif field in ("certified", "employed"):
            k = 0 if field == "certified" else 1
            expr = (
                pl.when(pl.col(field))
                .then(pl.lit(layout.yes[k]))
                .otherwise(pl.lit(layout.no[k], dtype=pl.String))
            )
        else:
            expr = pl.col(field)
        exprs.append(expr.alias(header))
    return frame.select(exprs)


def write_demo_files(
    out_dir: Path,
    rows: int | None,
    seed: int,
    today: date,
    catalogue: CatalogueLike | None = None,
) -> list[Path]:
    """Write one ledger per region into out_dir; returns their paths in region order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for region, frame in _frames(rows, seed, today, catalogue):
        path = out_dir / layout_for(region).file_name
        encoding = ENCODINGS.get(region, "utf-8")
        if path.suffix == ".parquet":
            frame.write_parquet(path)
        elif encoding == "gb18030":
            write_csv_encoded(frame, path, encoding)
        else:
            frame.write_csv(path, include_bom=encoding == "utf-8-sig")
        paths.append(path)
    return paths


def allocations(catalogue: CatalogueLike | None = None) -> dict[str, pl.DataFrame]:
    """Town allocations (任务分解): file stem → programme_id,town,target, each programme's target
    split over the region's real towns by population (at least 1 each; sums equal the target).
    Kaili: its total and every trained programme of 100人次 or more; Dongning: its total."""
    cat = catalogue or load_catalogue()
    out: dict[str, pl.DataFrame] = {}
    for root, towns in (("kaili-2024", KAILI_TOWNS), ("dongning-2019", DONGNING_TOWNS)):
        quotas = [q for q in cat.quotas if q.id == root or (
            q.id.startswith(root + "/") and q.matchable and (q.target or 0) >= 100
            and q.unit == "人次")]  # fmt: skip
        rows: list[tuple[str, str, int]] = []
        for q in quotas:
            assert q.target is not None
            shares = apportion(q.target - len(towns), [t.weight for t in towns])
            rows += [(q.id, t.name, 1 + n) for t, n in zip(towns, shares, strict=True)]
        out[root] = pl.DataFrame(rows, schema=["programme_id", "town", "target"], orient="row")
    return out


def write_allocations(out_dir: Path = ALLOCATIONS_DIR) -> list[Path]:
    """Write catalogue/allocations/<programme>.csv for Kaili and Dongning."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for stem, frame in allocations().items():
        path = out_dir / f"{stem}.csv"
        frame.write_csv(path)
        paths.append(path)
    return paths


def write_csv_encoded(frame: pl.DataFrame, path: Path, encoding: str) -> None:
    """CSV in a legacy encoding, converted in chunks so memory stays flat."""
    with path.open("wb") as fh:
        for start in range(0, max(frame.height, 1), GB18030_CHUNK):
            chunk = frame.slice(start, GB18030_CHUNK)
            text = chunk.write_csv(include_header=start == 0)
            fh.write(text.encode(encoding))


__all__ = [
    "DEFAULT_ROWS",
    "LAYOUTS",
    "allocations",
    "budget_note",
    "generate",
    "plan",
    "write_allocations",
    "write_demo_files",
    "write_samples",
]
