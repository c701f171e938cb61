"""The synthetic ledgers, the sample files and the town allocations (demo.generate)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from catalogue.loader import load_catalogue
from demo.generate import (
    DEFAULT_ROWS,
    LAYOUTS,
    allocations,
    generate,
    plan,
    write_demo_files,
    write_samples,
)
from demo.places import places
from demo.plan import KAILI_CUTOFF
from demo.rows import build
from etl.fields import ALIAS_TO_FIELD, normalise_header

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = load_catalogue(local_path=ROOT / "tests" / "no-such-local.toml")
TODAY = date(2026, 1, 15)
ROWS = 2000
YES = {"是", "√", "已取证", "已就业"}


@pytest.fixture(scope="module")
def frames() -> dict[str, pl.DataFrame]:
    return generate(ROWS, seed=7, today=TODAY, catalogue=CATALOGUE)


def canonical(frame: pl.DataFrame) -> pl.DataFrame:
    """The region's headers → contract field names (序号, 备注 dropped)."""
    keep = {h: ALIAS_TO_FIELD[normalise_header(h)] for h in frame.columns
            if normalise_header(h) in ALIAS_TO_FIELD}  # fmt: skip
    return frame.select(list(keep)).rename(keep)


_DATE = re.compile(r"^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))$")


def parse_day(text: str) -> date:
    m = _DATE.match(text)
    assert m, text
    month, day = (m[2], m[3]) if m[2] else (m[4], m[5])
    return date(int(m[1]), int(month), int(day))


def gb11643_ok(id18: str) -> bool:
    """Independent check: 17 digits + ISO 7064 MOD 11-2 check character, real birth date."""
    if not re.fullmatch(r"\d{17}[\dX]", id18):
        return False
    weights = [2 ** (17 - i) % 11 for i in range(17)]  # ISO 7064: 2^(position from right) mod 11
    total = sum(int(d) * w for d, w in zip(id18[:17], weights, strict=True))
    check = (12 - total % 11) % 11
    if ("X" if check == 10 else str(check)) != id18[17]:
        return False
    try:
        date(int(id18[6:10]), int(id18[10:12]), int(id18[12:14]))
    except ValueError:
        return False
    return True


def test_same_seed_same_frames_other_seed_other_frames(frames: dict[str, pl.DataFrame]) -> None:
    again = generate(ROWS, seed=7, today=TODAY, catalogue=CATALOGUE)
    other = generate(ROWS, seed=8, today=TODAY, catalogue=CATALOGUE)
    for region, frame in frames.items():
        assert_frame_equal(frame, again[region])
        assert frame.write_csv() == again[region].write_csv()
        assert not frame.equals(other[region])


def test_budget_is_spent_exactly_and_columns_are_text(frames: dict[str, pl.DataFrame]) -> None:
    assert sum(f.height for f in frames.values()) == ROWS
    assert set(frames) == {"kaili", "zhejiang", "dongning", "yuncheng", "linshu"}
    for region, frame in frames.items():
        assert frame.columns == [h for h, _ in LAYOUTS[region].columns]
        assert all(dtype == pl.String for dtype in frame.dtypes)


def test_default_budget_keeps_small_regions_whole() -> None:
    budget = plan(DEFAULT_ROWS, TODAY, CATALOGUE)
    assert sum(p.rows for p in budget.programmes) == DEFAULT_ROWS
    for p in budget.programmes:
        if p.region in ("kaili", "dongning", "linshu"):
            assert p.rows == p.realistic
    assert budget.scale["zhejiang"] < 1 and "zhejiang" in budget.note


def test_every_id_is_a_valid_gb11643_number_of_an_adult(frames: dict[str, pl.DataFrame]) -> None:
    for frame in frames.values():
        rows = canonical(frame).select("id_number", "name", "start_date").rows()
        for id18, _, start in rows:
            assert gb11643_ok(id18), id18
            born = date(int(id18[6:10]), int(id18[10:12]), int(id18[12:14]))
            assert 16 <= (parse_day(start) - born).days / 365.2425 < 66


def test_ids_name_one_person_and_keys_are_unique(frames: dict[str, pl.DataFrame]) -> None:
    for frame in frames.values():
        f = canonical(frame)
        assert f.group_by("id_number").agg(pl.col("name").n_unique())["name"].max() == 1
        key = ["id_number", "programme", "institution", "occupation", "start_date"]
        assert not f.select(key).is_duplicated().any()


def quota_ids(f: pl.DataFrame) -> pl.Series:
    """Each row's programme id, matched as the loader would: cell, county, city."""
    cols = [pl.col(c) if c in f.columns else pl.lit(None) for c in ("programme", "county", "city")]
    return pl.Series(
        [CATALOGUE.match_programme(*cells) for cells in f.select(cols).rows()], dtype=pl.String
    )


def test_programme_cells_match_their_catalogue_quota(frames: dict[str, pl.DataFrame]) -> None:
    planned = {p.quota.id for p in plan(ROWS, TODAY, CATALOGUE).programmes}
    for frame in frames.values():
        assert set(quota_ids(canonical(frame))) <= planned


def test_dates_lie_in_the_programme_period_and_not_after_today(
    frames: dict[str, pl.DataFrame],
) -> None:
    for region, frame in frames.items():
        f = canonical(frame).with_columns(qid=quota_ids(canonical(frame)))
        if "days" not in f.columns:  # Zhejiang writes hours only
            f = f.with_columns(days=None)
        cutoff = min(TODAY, KAILI_CUTOFF) if region == "kaili" else TODAY
        cols = ("qid", "start_date", "end_date", "employed", "employment_date", "days")
        for qid, start, end, employed, emp_day, days in f.select(cols).rows():
            q = CATALOGUE.get(qid)
            s, e = parse_day(start), parse_day(end)
            assert q.period_start <= s <= e <= min(q.period_end, cutoff)
            if days is not None:
                assert int(days) == (e - s).days + 1
            if q.id == "kaili-2024/agri-short":
                assert (e - s).days < 3
            if employed in YES:
                assert e < parse_day(emp_day) <= min(q.period_end, cutoff)
            else:
                assert emp_day is None


def test_institutions_and_towns_differ_in_their_rates() -> None:
    kaili = [p for p in plan(None, TODAY, CATALOGUE).programmes if p.region == "kaili"]
    f = build("kaili", kaili, np.random.default_rng(0), "%Y-%m-%d")
    by_inst = f.group_by("institution").agg(pl.col("certified").mean(), pl.col("employed").mean())
    assert (by_inst["certified"] < 0.8).any() and (by_inst["certified"] >= 0.8).any()
    assert (by_inst["employed"] < 0.3).any() and (by_inst["employed"] >= 0.3).any()
    tech = f.filter(pl.col("programme").str.contains("贵州技工"))
    rates = tech.group_by("institution").agg(pl.col("certified").mean(), pl.col("employed").mean())
    assert ((rates["certified"] < 0.9) | (rates["employed"] < 0.8)).any()  # its own 90% / 80%
    assert ((rates["certified"] >= 0.9) & (rates["employed"] >= 0.8)).any()
    by_town = f.group_by("town").agg(pl.col("certified").mean())["certified"]
    assert by_town.max() - by_town.min() > 0.05
    order = f.filter(pl.col("programme").str.contains("订单|融湾") & pl.col("employed"))
    assert (order["employment_place"] == "广东省佛山市").mean() > 0.6  # type: ignore[operator]


def test_allocations_sum_to_targets_and_name_generated_towns(
    frames: dict[str, pl.DataFrame],
) -> None:
    computed = allocations(CATALOGUE)
    for stem, region in (("kaili-2024", "kaili"), ("dongning-2019", "dongning")):
        committed = pl.read_csv(ROOT / "catalogue" / "allocations" / f"{stem}.csv")
        assert_frame_equal(committed, computed[stem], check_dtypes=False)
        assert stem in committed["programme_id"].to_list()
        for (qid,), part in committed.group_by(["programme_id"]):
            assert part["target"].sum() == CATALOGUE.get(str(qid)).target
            assert part["target"].min() >= 1
        towns = {p.name for p in places(region)}
        assert set(committed["town"]) == towns
        assert set(canonical(frames[region])["town"]) <= towns


def test_demo_files_round_trip(tmp_path: Path) -> None:
    paths = write_demo_files(tmp_path, 1500, seed=3, today=TODAY)
    assert [p.name for p in paths] == [layout.file_name for layout in LAYOUTS.values()]
    frames = generate(1500, seed=3, today=TODAY)
    for path, (region, frame) in zip(paths, frames.items(), strict=True):
        raw = path.read_bytes()
        if path.suffix == ".parquet":
            back = pl.read_parquet(path)
        else:
            encoding = {"dongning": "utf-8-sig", "linshu": "gb18030"}.get(region, "utf-8")
            assert raw.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
            text = raw.decode(encoding)
            back = pl.read_csv(text.encode(), infer_schema=False)
        assert_frame_equal(back, frame)
    with pytest.raises(UnicodeDecodeError):
        (tmp_path / "linshu.csv").read_bytes().decode("utf-8")


def test_committed_samples_are_what_write_samples_writes(tmp_path: Path) -> None:
    paths = write_samples(tmp_path)
    committed = ROOT / "data" / "samples"
    for path in paths:
        assert (committed / path.name).read_bytes() == path.read_bytes(), path.name
    expected = json.loads((committed / "EXPECTED.json").read_text(encoding="utf-8"))
    for e in expected.values():
        assert e["rows"] == e["loaded"] + e["duplicates"] + e["rejected"] + e["skipped"]
        assert sum(e["reasons"].values()) == e["rejected"]
    assert "䶮" in (committed / "linshu-2020-gb18030.csv").read_bytes().decode("gb18030")


def test_a_plan_seen_before_its_start_has_no_rows() -> None:
    early = plan(1000, date(2019, 6, 30), CATALOGUE)
    assert {p.region for p in early.programmes} == {"dongning", "yuncheng", "linshu"}
    assert all(p.first <= p.last <= date(2019, 6, 30) for p in early.programmes)
    assert sum(p.rows for p in early.programmes) == 1000
