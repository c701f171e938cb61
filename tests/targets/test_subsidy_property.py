"""Properties of the subsidy audit for any ledger, loaded in two batches, at any as-of date:

* amount = payable + withheld, per institution and programme;
* a flag that comes from a document's rule is raised only on a record whose own programme has
  that rule (no flag from a rule of another document);
* judging the second batch's people alone (what a load does) gives what judging every record
  gives;
* a region's figures add up, over the places that split the ledger, to what every region reads
  from the loads' marts (month and day grain); and a region's figures — the marts for the
  programmes whose document lies inside it, the place marts inside it for the rest — and every
  programme read from the place marts alike are what counting every programme from its audited
  trainings inside the region gives (tests/targets/subsidy_reference.py), for a province, a city,
  a county and a town (town names repeat across counties; some records have no town).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from unittest import mock

import duckdb
import polars as pl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from catalogue.loader import Catalogue, load_catalogue
from catalogue.region_scope import EVERYWHERE, RegionScope
from catalogue.rules import FLAG_OF_KIND, rules_for
from etl import audit
from etl.statements import sql
from targets import subsidy
from tests.targets import subsidy_reference
from tests.targets.subsidy_fixtures import MONEY_BY_PLACE
from warehouse.store import create_schema

NO_LOCAL = Path(__file__).resolve().parent / "no-such-local.toml"
CATALOGUE = load_catalogue(local_path=NO_LOCAL)
PROGRAMMES = [
    "linshu-2019",
    "linshu-2019/project-based",
    "kaili-2024/agri-short",
    "kaili-2024/qiancai-chef",
    "yuncheng-2018",
    "dongning-2019",
    "zhejiang-2021/jinfu",
]
BIRTHS = ["19580501", "19590501", "19900101"]
DAY0 = date(2020, 1, 1)
# Records are placed region first (CONTRACT §2): in their document's region; where the document
# covers more than a county, each person lives in one of two places inside it. Below the county,
# in one of two towns (of the same names in every county) or none given.
SPLIT = {
    "浙江省": [("杭州市", None), ("宁波市", None)],
    "运城市": [("运城市", "盐湖区"), ("运城市", "永济市")],
}
TOWNS = ["城关镇", "新华街道", None]


def place(programme_id: str, person: int) -> RegionScope:
    """The person's county for the programme (no town)."""
    region = CATALOGUE.get(programme_id).region
    if region.county is not None:
        return RegionScope(region.province, region.city, region.county)
    city, county = SPLIT[region.city or region.province][person % 2]
    return RegionScope(region.province, city, county)


def town(person: int) -> str | None:
    return TOWNS[person % 3]


LEAVES = sorted({place(p, n) for p in PROGRAMMES for n in (0, 1)}, key=lambda r: r.path)
WIDER = [RegionScope("浙江省"), RegionScope("山西省", "运城市"), RegionScope("山西省")]
TOWN_SCOPES = [
    RegionScope(*leaf.parts()[:3], t)
    for leaf in LEAVES
    for t in TOWNS
    if t is not None and leaf.county is not None  # a town's scope lies below a county
]

training = st.fixed_dictionaries(
    {
        "person": st.integers(0, 7),
        "programme_id": st.sampled_from(PROGRAMMES),
        "start": st.integers(0, 900),
        "length": st.integers(0, 25),
        "institution": st.sampled_from(["甲", "甲", "乙", None]),
        "occupation": st.sampled_from(["焊工", "电工"]),
        "level": st.sampled_from(["初级", "中级", ""]),
        "certified": st.booleans(),
        "employed_after": st.one_of(st.none(), st.integers(-5, 300)),
        "category": st.sampled_from(["脱贫劳动力", "企业职工"]),
        "phone": st.sampled_from(["13900000000", "13900000000", "13900000000", None]),
    }
)


def frame(rows: list[dict[str, object]], batch: str) -> pl.DataFrame:
    out = []
    for i, r in enumerate(rows):
        start = DAY0 + timedelta(days=int(r["start"]))  # type: ignore[call-overload]
        end = start + timedelta(days=int(r["length"]))  # type: ignore[call-overload]
        after = r["employed_after"]
        birth = BIRTHS[int(r["person"]) % 3]  # type: ignore[call-overload]
        out.append(
            {
                "batch_id": batch, "source_sheet": None, "source_row": i + 2,
                "name": f"学员{r['person']}", "id_number": f"520102{birth}{r['person']:03d}X",
                "programme_id": r["programme_id"], "programme_raw": "x",
                "start_date": start, "end_date": end, "institution": r["institution"],
                "occupation": r["occupation"], "level": r["level"], "days": None,
                "certified": r["certified"], "employed": after is not None,
                "employment_date": None if after is None else end + timedelta(days=int(after)),  # type: ignore[call-overload]
                "category": r["category"], "phone": r["phone"], "key_hash": i,
                **dict(zip(("province", "city", "county"),
                           place(str(r["programme_id"]), int(r["person"])).parts()[:3],  # type: ignore[call-overload]
                           strict=True)),
                "town": town(int(r["person"])),  # type: ignore[call-overload]
            }
        )  # fmt: skip
    return pl.DataFrame(out)


def insert(con: duckdb.DuckDBPyConnection, rows: pl.DataFrame, cat: Catalogue) -> None:
    con.register("incoming", rows.to_arrow())
    con.execute("insert into records by name select * from incoming")
    con.unregister("incoming")
    # the batch's summary rows, as a load writes them before its audit (the Linshu projects'
    # employment rates and the unflagged records' counts are read from them)
    con.execute(sql("insert_summary"), {"batch_id": str(rows["batch_id"][0])})
    audit.refresh(con, str(rows["batch_id"][0]), cat)


def _by_key(rows: pl.DataFrame) -> dict[tuple[object, object], list[float]]:
    """(institution, programme) → [records, eligible, amount] (amount to the cent)."""
    return {
        (r["institution"], r["programme_id"]): [r["records"], r["eligible"], round(r["amount"], 2)]
        for r in rows.to_dicts()
    }


def _figures(
    con: duckdb.DuckDBPyConnection, cat: Catalogue, day: date, region: RegionScope
) -> tuple[pl.DataFrame, pl.DataFrame, tuple[list[int], list[str]]]:
    """What the CLI, the page and its choices read for a region."""
    return (
        subsidy.subsidies(con, cat, day, PROGRAMMES, region),
        subsidy.flag_counts(con, cat, day, PROGRAMMES, region),
        subsidy.options(con, PROGRAMMES, day, region, cat),
    )


def _one(person: int, start: int) -> dict[str, object]:
    return {"person": person, "programme_id": "linshu-2019", "start": start, "length": 3,
            "institution": "甲", "occupation": "焊工", "level": "中级", "certified": True,
            "employed_after": None, "category": "企业职工", "phone": "13900000000"}  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    first=st.lists(training, min_size=1, max_size=24),
    second=st.lists(training, min_size=1, max_size=6),
    as_of=st.integers(0, 1300),
)
@example(  # a sixth trainee on a phone in the second batch flags the first five too
    first=[_one(p, 10) for p in range(5)], second=[_one(5, 20)], as_of=100
)
def test_audit_properties(
    first: list[dict[str, object]], second: list[dict[str, object]], as_of: int
) -> None:
    cat = CATALOGUE
    con = duckdb.connect(":memory:")
    create_schema(con)
    insert(con, frame(first, "b1"), cat)
    insert(con, frame(second, "b2"), cat)
    day = DAY0 + timedelta(days=as_of)

    rows = subsidy.subsidies(con, cat, day, PROGRAMMES, EVERYWHERE).to_dicts()
    for r in rows:
        assert r["amount"] == pytest.approx(r["payable"] + r["withheld"])
        assert r["payable"] >= 0 and r["withheld"] >= -1e-9 and r["eligible"] <= r["records"]

    document_flags = {flag: kind for kind, flag in FLAG_OF_KIND.items()}
    judged = con.execute("select programme_id, flags, ineligible from audit").fetchall()
    for pid, flags, ineligible in judged:
        own = rules_for(pid, cat.rules)
        for code in subsidy.flag_codes(flags):
            if code in document_flags:
                assert document_flags[code] in own, (pid, code)
                assert own[document_flags[code]].document == cat.get(pid).source.document
        assert ineligible == any(
            r.excludes and r.flag in subsidy.flag_codes(flags) for r in own.values()
        )

    audit.judge_every_record(con, cat)  # the reference's records, one row each
    kept = ", ".join(name for name, *_ in con.execute("describe audit").fetchall())
    judged_flags = con.execute(f"select {kept} from audit_every where flags <> 0 except all "
                               f"select {kept} from audit").fetchall()  # fmt: skip
    assert judged_flags == []  # `audit` keeps every flagged record
    every = _by_key(subsidy.subsidies(con, cat, day, PROGRAMMES, EVERYWHERE))
    parts = [_by_key(subsidy.subsidies(con, cat, day, PROGRAMMES, leaf)) for leaf in LEAVES]
    summed = {k: [sum(h.get(k, [0, 0, 0.0])[i] for h in parts) for i in range(3)] for k in every}
    assert summed.keys() == every.keys() and all(
        summed[k][:2] == every[k][:2] and summed[k][2] == pytest.approx(every[k][2]) for k in every
    )
    moved = con.execute(  # the audit keeps each record's places (the place marts are its)
        "select count(*) from audit as a join records as r on r.batch_id = a.batch_id"
        " and r.source_row = a.source_row where a.province is distinct from r.province"
        " or a.city is distinct from r.city or a.county is distinct from r.county"
        " or a.town is distinct from r.town"
    ).fetchall()
    assert moved == [(0,)]
    for region in [*LEAVES, *WIDER, *TOWN_SCOPES]:
        fast = _figures(con, cat, day, region)
        with mock.patch.object(subsidy, "_split", lambda c, p, r: ([], p)):
            places = _figures(con, cat, day, region)  # every programme from the place marts
            # every programme counted from its audited trainings inside the region
            with mock.patch.object(subsidy, "_inside", subsidy_reference.read):
                slow = _figures(con, cat, day, region)
        for got in (fast, places):
            assert _by_key(got[0]) == _by_key(slow[0]), region
            assert got[1].equals(slow[1]) and got[2] == slow[2], region

    def kept() -> list[list[object]]:
        """The flagged records and every mart, as the loads keep them."""
        return [
            sorted(con.execute(f"select * exclude (batch_id) from {t}" if t == "audit" else
                               MONEY_BY_PLACE if t == "audit_place_events" else
                               f"select * from {t}").fetchall(), key=str)
            for t in ("audit", *audit.MARTS)
        ]  # fmt: skip

    incremental = kept()  # the second batch's people judged as they are and as they were
    con.execute("delete from audit_state")  # another digest: the next refresh judges everyone
    audit.refresh(con, "b2", cat)
    assert incremental == kept()
    con.close()
