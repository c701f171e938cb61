"""The subsidy audit on hand-built ledgers, each answer worked out by hand from the documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from catalogue.region_scope import EVERYWHERE, RegionScope
from etl import audit
from targets import marts, subsidy
from tests.targets.subsidy_fixtures import (
    DONGNING,
    KAILI_SHORT,
    LINSHU,
    LINSHU_PROJECT,
    MONEY_BY_PLACE,
    YUNCHENG,
    ZHEJIANG,
    AuditWarehouse,
    Training,
)
from warehouse.migrations import SCHEMA_VERSION

D = date


@pytest.fixture
def wh(tmp_path: Path) -> AuditWarehouse:
    return AuditWarehouse(tmp_path)


def judged(wh: AuditWarehouse) -> dict[tuple[int, date], tuple[list[str], bool]]:
    """(person, start date) → (flag codes, ineligible) for every record."""
    cat = wh.catalogue()
    with marts.warehouse(wh.path) as con:
        rows = con.execute(  # `audit` keeps the flagged records only: no row, no flag
            "select cast(substr(r.id_number, 15, 3) as integer), r.start_date, "
            "coalesce(a.flags, 0), coalesce(a.ineligible, false) from records as r "
            "left join audit as a on a.batch_id = r.batch_id and a.source_row = r.source_row "
            "and a.source_sheet is not distinct from r.source_sheet"
        ).fetchall()
    assert cat.rules
    return {(p, s): (subsidy.flag_codes(f), i) for p, s, f, i in rows}


def money(
    wh: AuditWarehouse, as_of: date, region: RegionScope = EVERYWHERE
) -> dict[str, dict[str, Any]]:
    """institution → the contract's subsidies row at as_of, for a user of `region`."""
    cat = wh.catalogue()
    with marts.warehouse(wh.path) as con:
        frame = subsidy.subsidies(con, cat, as_of, subsidy.scope_of(cat, None), region)
    return {r["institution"]: r for r in frame.to_dicts()}


def test_five_trainings_of_one_person_in_linshu(wh: AuditWarehouse) -> None:
    """The issue's case: five 焊工/中级 trainings in 2020 — only the first may be subsidised."""
    wh.load(*(Training(1, LINSHU, D(2020, m, 1), D(2020, m, 10)) for m in range(1, 6)))
    j = judged(wh)
    assert j[(1, D(2020, 1, 1))] == ([], False)
    for m in (2, 3):
        assert j[(1, D(2020, m, 1))] == (["repeat_occupation_level"], True)
    for m in (4, 5):
        assert j[(1, D(2020, m, 1))] == (["over_yearly_limit", "repeat_occupation_level"], True)


def test_fourth_training_in_a_year_and_in_the_next(wh: AuditWarehouse) -> None:
    occupations = ["电工", "焊工", "钳工", "车工"]
    year_1 = [Training(1, LINSHU, D(2020, m, 1), D(2020, m, 5), occupation=o)
              for m, o in zip((3, 5, 7, 9), occupations, strict=True)]  # fmt: skip
    # 2021: an uncertified training does not count toward the three
    year_2 = [Training(1, LINSHU, D(2021, 1, 4), D(2021, 1, 8), occupation="养老护理员",
                       certified=False)]  # fmt: skip
    year_2 += [Training(1, LINSHU, D(2021, m, 1), D(2021, m, 5), occupation=o, level="高级")
               for m, o in zip((2, 4, 6, 8), occupations, strict=True)]  # fmt: skip
    wh.load(*year_1, *year_2)
    j = judged(wh)
    assert [j[(1, D(2020, m, 1))][0] for m in (3, 5, 7, 9)] == [[], [], [], ["over_yearly_limit"]]
    assert j[(1, D(2021, 1, 4))] == (["no_certificate"], True)
    assert [j[(1, D(2021, m, 1))][0] for m in (2, 4, 6, 8)] == [[], [], [], ["over_yearly_limit"]]


def test_same_occupation_at_another_level_is_allowed(wh: AuditWarehouse) -> None:
    wh.load(
        Training(1, LINSHU, D(2020, 3, 1), D(2020, 3, 5), level="初级"),
        Training(1, LINSHU, D(2021, 3, 1), D(2021, 3, 5), level="中级"),
        Training(1, LINSHU, D(2021, 6, 1), D(2021, 6, 5), level="中级"),
    )
    j = judged(wh)
    assert j[(1, D(2020, 3, 1))] == ([], False)
    assert j[(1, D(2021, 3, 1))] == ([], False)
    assert j[(1, D(2021, 6, 1))] == (["repeat_occupation_level"], True)


def test_age_limit_of_kaili_short_courses(wh: AuditWarehouse) -> None:
    """65 in full years at the start date is allowed, 66 is not; 60 yuan a day for 3 days."""
    start, end = D(2024, 5, 1), D(2024, 5, 3)
    wh.load(
        Training(
            1, KAILI_SHORT, start, end, birth="19590501", institution="甲", days=3
        ),  # 65 today
        Training(
            2, KAILI_SHORT, start, end, birth="19580502", institution="甲", days=3
        ),  # 65 still
        Training(
            3, KAILI_SHORT, start, end, birth="19580501", institution="乙", days=3
        ),  # 66 today
        Training(4, KAILI_SHORT, start, D(2024, 5, 10), birth="19500101", institution="丙"),
    )
    j = judged(wh)
    assert j[(1, start)] == ([], False) and j[(2, start)] == ([], False)
    assert j[(3, start)] == (["over_age"], True)
    assert j[(4, start)] == (["over_age", "too_long"], True)  # the 74-year-old, 10 days
    m = money(wh, D(2024, 12, 31))
    assert (m["甲"]["records"], m["甲"]["eligible"], m["甲"]["amount"]) == (2, 2, 360.0)
    assert (m["乙"]["eligible"], m["乙"]["amount"]) == (0, 0.0)
    assert m["丙"]["records"] == 1 and m["丙"]["amount"] == 0.0


YUNCHENG_CASES = [  # days, certified, months to employment (None: not employed) → amount
    (8, True, 2, 1200.0),
    (10, True, 2, 1500.0),
    (12, True, 4, 1700.0),
    (20, True, None, 2000.0),  # 15 days paid: 10 × 150 + 5 × 100
    (12, False, 2, 0.0),
]


def test_yuncheng_days_certificate_and_employment(wh: AuditWarehouse) -> None:
    end = D(2020, 3, 31)
    trainings = []
    for n, (days, cert, months, _) in enumerate(YUNCHENG_CASES):
        employed = D(2020, 3 + months, 31 if months == 4 else 30) if months else None
        trainings.append(
            Training(n, YUNCHENG, D(2020, 3, 1), end, institution=f"机构{n}", days=days,
                     certified=cert, employed=months is not None, employment_date=employed)
        )  # fmt: skip
    wh.load(*trainings)
    # a month after the end: 80% on the certificate, the 20% waits for employment
    early = money(wh, D(2020, 4, 30))
    for n, (_, cert, _, amount) in enumerate(YUNCHENG_CASES):
        row = early[f"机构{n}"]
        assert (row["amount"], row["payable"], row["withheld"]) == (
            amount,
            amount * 0.8,
            pytest.approx(amount * 0.2),
        )
        assert row["eligible"] == int(cert)
    # five months on: employed at 2 months → all paid; at 4 months or never → the 20% lapsed
    late = money(wh, D(2020, 8, 31))
    expected = [(1200.0, 1200.0), (1500.0, 1500.0), (1360.0, 1360.0), (1600.0, 1600.0), (0, 0)]
    for n, (amount, payable) in enumerate(expected):
        row = late[f"机构{n}"]
        assert (row["amount"], row["payable"], row["withheld"]) == (amount, payable, 0.0)
    assert judged(wh)[(4, D(2020, 3, 1))] == (["no_certificate"], True)


LOCAL_LINSHU_AMOUNT = """
[rule."linshu-2019/project-based/per-person"]
kind = "per_person"
quotas = ["linshu-2019/project-based"]
amount = 1000
document = "临沭县人社局补贴标准.txt"
clause = "一"
quote = "项目制培训每人1000元"
"""


def test_linshu_project_at_84_and_85_percent(wh: AuditWarehouse) -> None:
    """60% first; the rest once the project's employment rate reaches 85% (a county's amount)."""
    wh.local_text = LOCAL_LINSHU_AMOUNT
    end = D(2020, 6, 30)
    rows = []
    for inst, employed in (("八十四", 84), ("八十五", 85)):
        base = 0 if inst == "八十四" else 100
        rows += [
            Training(base + i, LINSHU_PROJECT, D(2020, 6, 1), end, institution=inst,
                     employed=i < employed, employment_date=D(2020, 7, 15) if i < employed
                     else None)
            for i in range(100)
        ]  # fmt: skip
    wh.load(*rows)
    m = money(wh, D(2020, 12, 31))
    assert (m["八十四"]["amount"], m["八十四"]["payable"], m["八十四"]["withheld"]) == (
        100_000.0,
        60_000.0,
        40_000.0,
    )
    assert (m["八十五"]["amount"], m["八十五"]["payable"], m["八十五"]["withheld"]) == (
        100_000.0,
        100_000.0,
        0.0,
    )


def test_overlapping_classes_across_two_regions(wh: AuditWarehouse) -> None:
    """A fraud signal, not a rule: both trainings flagged, neither excluded for it."""
    wh.load(Training(1, KAILI_SHORT, D(2024, 5, 1), D(2024, 5, 3), institution="甲", days=3))
    wh.load(
        Training(1, ZHEJIANG, D(2024, 5, 3), D(2024, 5, 20), institution="乙"),
        Training(1, ZHEJIANG, D(2024, 6, 1), D(2024, 6, 20), institution="乙", occupation="电工"),
        region="浙江省",
    )
    j = judged(wh)
    assert j[(1, D(2024, 5, 1))] == (["overlapping_classes"], False)
    assert j[(1, D(2024, 5, 3))] == (["overlapping_classes"], False)
    assert j[(1, D(2024, 6, 1))] == ([], False)
    assert money(wh, D(2024, 12, 31))["甲"]["amount"] == 180.0


def test_shared_phone_and_later_batches(wh: AuditWarehouse) -> None:
    """Five trainees on one phone are not flagged; a sixth in a later batch flags all six, and
    a training arriving later with an earlier start makes another the fourth of its year."""
    phone = "13912345678"
    wh.load(*(Training(n, LINSHU, D(2020, 3, 1), D(2020, 3, 5), phone=phone) for n in range(5)))
    wh.load(*(Training(9, LINSHU, D(2020, m, 1), D(2020, m, 5), occupation=o)
              for m, o in ((4, "电工"), (6, "钳工"), (8, "车工"))))  # fmt: skip
    j = judged(wh)
    assert all(j[(n, D(2020, 3, 1))] == ([], False) for n in range(5))
    assert j[(9, D(2020, 8, 1))] == ([], False)
    wh.load(
        Training(5, LINSHU, D(2020, 5, 1), D(2020, 5, 5), phone=phone),
        Training(9, LINSHU, D(2020, 2, 1), D(2020, 2, 5), occupation="铣工"),
    )
    j = judged(wh)
    assert all(j[(n, D(2020, 3, 1))] == (["shared_phone"], False) for n in range(5))
    assert j[(5, D(2020, 5, 1))] == (["shared_phone"], False)
    assert j[(9, D(2020, 8, 1))] == (["over_yearly_limit"], True)
    assert j[(9, D(2020, 2, 1))] == ([], False)


def test_dongning_levels_and_employment_grant(wh: AuditWarehouse) -> None:
    """初级 = 初级工 1000 yuan; 200 yuan for a key group employed within 6 months, else lapsed."""
    end = D(2020, 1, 31)
    wh.load(
        Training(1, DONGNING, D(2020, 1, 6), end, level="初级", institution="甲",
                 category="脱贫劳动力", employed=True, employment_date=D(2020, 6, 30)),
        Training(2, DONGNING, D(2020, 1, 6), end, level="中级", institution="乙",
                 category="脱贫劳动力", employed=True, employment_date=D(2020, 9, 1)),
        Training(3, DONGNING, D(2020, 1, 6), end, level="高级", institution="丙",
                 category="企业职工", employed=True, employment_date=D(2020, 3, 1)),
    )  # fmt: skip
    m = money(wh, D(2020, 3, 31))  # both grants still possible
    assert (m["甲"]["amount"], m["甲"]["payable"], m["甲"]["withheld"]) == (1200.0, 1000.0, 200.0)
    assert (m["乙"]["amount"], m["乙"]["withheld"]) == (1700.0, 200.0)
    assert (m["丙"]["amount"], m["丙"]["withheld"]) == (2000.0, 0.0)
    m = money(wh, D(2020, 12, 31))
    assert (m["甲"]["amount"], m["甲"]["payable"]) == (1200.0, 1200.0)
    assert (m["乙"]["amount"], m["乙"]["payable"]) == (1500.0, 1500.0)  # employed after 7 months


def test_a_changed_rule_judges_every_record_again(wh: AuditWarehouse) -> None:
    """local.toml raises the age limit; the next load judges the records already loaded."""
    wh.load(Training(1, KAILI_SHORT, D(2024, 5, 1), D(2024, 5, 3), birth="19580501", days=3))
    assert judged(wh)[(1, D(2024, 5, 1))] == (["over_age"], True)
    wh.local_text = '[rule."kaili-2024/agri-short/max-age"]\nage = 70\n'
    wh.load(Training(2, KAILI_SHORT, D(2024, 6, 1), D(2024, 6, 3), days=3))
    assert judged(wh)[(1, D(2024, 5, 1))] == ([], False)


# The place marts, the money with its places' texts (audit_money_places), not their ids.
PLACE_MARTS = {
    "audit_place_counts": "select * from audit_place_counts",
    "audit_place_events": MONEY_BY_PLACE,
}


def test_a_warehouse_made_before_the_month_marts_reads_the_same_once_upgraded(
    wh: AuditWarehouse,
) -> None:
    """Schema 4 adds the audit's month marts: a version-3 file (its month tables empty, its audit
    a row per record with its money and without towns) is migrated by its first reader and gives
    the same money and flags, not "no audit yet", and the same marts by place."""
    import duckdb

    wh.load(
        Training(1, YUNCHENG, D(2020, 3, 1), D(2020, 3, 12), days=12, employed=True,
                 employment_date=D(2020, 4, 20)),
        Training(2, YUNCHENG, D(2020, 5, 1), D(2020, 5, 8), days=8, certified=False),
        Training(3, KAILI_SHORT, D(2024, 5, 1), D(2024, 5, 3), days=3),
    )  # fmt: skip
    as_of = D(2024, 12, 31)
    before = money(wh, as_of)
    cat = wh.catalogue()
    ids = subsidy.scope_of(cat, None)
    with marts.warehouse(wh.path) as con:
        flags = subsidy.flag_counts(con, cat, as_of, ids, EVERYWHERE)
    con = duckdb.connect(str(wh.path))
    places = {t: con.execute(f"{q} order by all").fetchall() for t, q in PLACE_MARTS.items()}
    audit.judge_every_record(con, cat)
    con.execute("drop table audit")
    con.execute("create table audit as select * exclude (town) from audit_every")
    for table in ("audit_counts_months", "audit_money_months", "audit_money_places", *PLACE_MARTS):
        con.execute(f"delete from {table}")  # our constants
    con.execute("delete from schema_version")
    con.execute("insert into schema_version (version, applied_at) values (3, current_timestamp)")
    con.close()
    assert money(wh, as_of) == before and before["测试培训学校"]["amount"] > 0
    with marts.warehouse(wh.path) as con:
        assert subsidy.flag_counts(con, cat, as_of, ids, EVERYWHERE).equals(flags)
        [(version,)] = con.execute("select max(version) from schema_version").fetchall()
        for table, rows in places.items():
            assert con.execute(f"{PLACE_MARTS[table]} order by all").fetchall() == rows, table
    assert version == SCHEMA_VERSION


def test_a_towns_user_reads_the_place_marts_and_an_older_warehouse_gains_them(
    wh: AuditWarehouse,
) -> None:
    """Kaili's 短平快 pays 60 元 a day for at most 3 days: 180 元 a training. A 舟溪镇 user sees
    its own two trainings, not 三棵树镇's, nor the one without a town; a 凯里市 user sees all four.
    Schema 5 keeps the audit by place: a version-4 file (audit without towns, no place marts) is
    migrated by its first reader to the same figures."""
    import duckdb

    wh.load(
        Training(1, KAILI_SHORT, D(2024, 5, 1), D(2024, 5, 3), days=3, town="舟溪镇"),
        Training(2, KAILI_SHORT, D(2024, 5, 1), D(2024, 5, 3), days=3, town="舟溪镇",
                 institution="乙学校"),
        Training(3, KAILI_SHORT, D(2024, 6, 1), D(2024, 6, 3), days=3, town="三棵树镇"),
        Training(4, KAILI_SHORT, D(2024, 7, 1), D(2024, 7, 5), days=5),  # too long: no money
    )  # fmt: skip
    cat = wh.catalogue()
    ids = subsidy.scope_of(cat, None)
    as_of = D(2024, 12, 31)
    town = RegionScope("贵州省", "黔东南苗族侗族自治州", "凯里市", "舟溪镇")
    county = RegionScope(*town.parts()[:3])

    def read(region: RegionScope) -> dict[str | None, tuple[int, int, float]]:
        with marts.warehouse(wh.path) as con:
            rows = subsidy.subsidies(con, cat, as_of, ids, region).to_dicts()
        return {r["institution"]: (r["records"], r["eligible"], r["amount"]) for r in rows}

    expected = {"测试培训学校": (1, 1, 180.0), "乙学校": (1, 1, 180.0)}
    assert read(town) == expected
    assert read(county) == {"测试培训学校": (3, 2, 360.0), "乙学校": (1, 1, 180.0)}
    con = duckdb.connect(str(wh.path))
    audit.judge_every_record(con, cat)  # a version-4 file's audit held every record, with money
    con.execute("drop table audit")
    con.execute("create table audit as select * from audit_every")
    con.execute("alter table audit drop column town")
    con.execute("delete from audit_place_counts")
    con.execute("delete from audit_place_events")
    con.execute("delete from audit_money_places")
    con.execute("delete from schema_version")
    con.execute("insert into schema_version (version, applied_at) values (4, current_timestamp)")
    con.close()
    assert read(town) == expected
    with marts.warehouse(wh.path) as con:
        [(version,)] = con.execute("select max(version) from schema_version").fetchall()
        towns = con.execute("select town, count(*) from audit group by 1 order by 1").fetchall()
        columns = [name for name, *_ in con.execute("describe audit").fetchall()]
    assert version == SCHEMA_VERSION
    assert towns == [(None, 1)]  # schema 7: only the flagged record (too long) is kept
    assert "first_amount" not in columns  # schema 8: without its money


def test_a_towns_user_counts_the_unflagged_trainings_from_the_summary(wh: AuditWarehouse) -> None:
    """Schema 9: the place counts keep the flagged trainings only, and a town's user counts the
    others as the summary's trainings less the flagged ones. 舟溪镇 has two trainings of
    测试培训学校 in 2024 (one too long: no money, 180 元 for the other) and one in 2023;
    三棵树镇's is not its. A version-8 file (its place counts with the unflagged trainings too)
    reads the same once upgraded."""
    import duckdb

    wh.load(
        Training(1, KAILI_SHORT, D(2024, 5, 1), D(2024, 5, 3), days=3, town="舟溪镇"),
        Training(2, KAILI_SHORT, D(2024, 7, 1), D(2024, 7, 5), days=5, town="舟溪镇"),
        Training(3, KAILI_SHORT, D(2023, 6, 1), D(2023, 6, 3), days=3, town="舟溪镇"),
        Training(4, KAILI_SHORT, D(2024, 6, 1), D(2024, 6, 3), days=3, town="三棵树镇"),
    )  # fmt: skip
    cat = wh.catalogue()
    ids = subsidy.scope_of(cat, None)
    as_of = D(2024, 12, 31)
    town = RegionScope("贵州省", "黔东南苗族侗族自治州", "凯里市", "舟溪镇")

    def read() -> tuple[dict[str | None, tuple[int, int, float]], dict[str, int], list[int]]:
        with marts.warehouse(wh.path) as con:
            rows = subsidy.subsidies(con, cat, as_of, ids, town).to_dicts()
            flags = subsidy.flag_counts(con, cat, as_of, ids, town, year=2024).to_dicts()
            years, _ = subsidy.options(con, ids, as_of, town, cat)
        [school] = flags
        return (
            {r["institution"]: (r["records"], r["eligible"], r["amount"]) for r in rows},
            {k: school[k] for k in ("records", "flagged", "too_long", "too_long_excluded")},
            years,
        )

    expected = (
        {"测试培训学校": (3, 2, 360.0)},
        {"records": 2, "flagged": 1, "too_long": 1, "too_long_excluded": 1},
        [2024, 2023],
    )
    assert read() == expected
    con = duckdb.connect(str(wh.path))
    assert con.execute("select count(*) from audit_place_counts where flags = 0").fetchall() == [
        (0,)
    ]
    audit.judge_every_record(con, cat)  # a version-8 file kept the unflagged trainings too
    con.execute(
        "insert into audit_place_counts select programme_id, institution, province, city, "
        "county, town, end_date, flags, ineligible, count(*) from audit_every where flags = 0 "
        "group by all"
    )
    con.execute("delete from schema_version")
    con.execute("insert into schema_version (version, applied_at) values (8, current_timestamp)")
    con.close()
    assert read() == expected
    with marts.warehouse(wh.path) as con:
        [(version,)] = con.execute("select max(version) from schema_version").fetchall()
        unflagged = con.execute("select count(*) from audit_place_counts where flags = 0")
        assert unflagged.fetchall() == [(0,)]
    assert version == SCHEMA_VERSION


def test_the_money_by_place_moves_to_place_ids_and_reads_the_same(wh: AuditWarehouse) -> None:
    """Schema 10 keeps the money by place on one id per (programme, institution, place):
    Yuncheng pays 150 元 a day for 10 days and 100 after, 80% on the certificate, the rest on a
    job within 3 months. A 解州镇 user (盐湖区) sees its own two trainings, not 北相镇's: 12 days
    (1700 元: 1360 on the certificate, 340 on the job of month 2, all payable) and 8 days
    uncertified (flagged, nothing). A version-9 file (the money by place under its six texts)
    reads the same once upgraded, and keeps no old table."""
    import duckdb

    yanhu = (YUNCHENG[0], "盐湖区")
    wh.load(
        Training(1, yanhu, D(2020, 3, 1), D(2020, 3, 12), days=12, employed=True,
                 employment_date=D(2020, 5, 1), town="解州镇"),
        Training(2, yanhu, D(2020, 5, 1), D(2020, 5, 8), days=8, certified=False,
                 town="解州镇"),
        Training(3, yanhu, D(2020, 5, 1), D(2020, 5, 10), days=10, town="北相镇"),
    )  # fmt: skip
    as_of = D(2020, 12, 31)
    town = RegionScope("山西省", "运城市", "盐湖区", "解州镇")

    def read() -> list[dict[str, object]]:
        keys = ("institution", "records", "eligible", "amount", "payable", "withheld")
        return [{k: r[k] for k in keys} for r in money(wh, as_of, town).values()]

    expected = [
        {"institution": "测试培训学校", "records": 2, "eligible": 1, "amount": 1700.0,
         "payable": 1700.0, "withheld": 0.0},
    ]  # fmt: skip
    assert read() == expected
    con = duckdb.connect(str(wh.path))
    [(places,)] = con.execute("select count(*) from audit_money_places").fetchall()
    assert places == 2  # the two towns' places of the one school
    con.execute(f"create table audit_place_money as {MONEY_BY_PLACE}")  # schema 9's money
    con.execute("delete from audit_place_events")
    con.execute("delete from audit_money_places")
    con.execute("delete from schema_version")
    con.execute("insert into schema_version (version, applied_at) values (9, current_timestamp)")
    con.close()
    assert read() == expected
    with marts.warehouse(wh.path) as con:
        [(version,)] = con.execute("select max(version) from schema_version").fetchall()
        tables = {t for (t,) in con.execute("select table_name from duckdb_tables()").fetchall()}
        [(places,)] = con.execute("select count(*) from audit_money_places").fetchall()
    assert version == SCHEMA_VERSION and "audit_place_money" not in tables and places == 2
