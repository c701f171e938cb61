"""One small test per rule and per reason code, on tiny hostile ledgers built here."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from catalogue.loader import load_catalogue
from etl.fields import REASONS
from etl.pipeline import prepare
from etl.validate import REASON_LABELS, REASON_RULES
from tests.etl.ledger import HEADERS, TODAY, make_id, row, table, wrong_check


def run(rows: list[list[str | None]], headers: list[str] = HEADERS) -> pl.DataFrame:
    t = table(rows, headers)
    return prepare(t.frame.collect(), t, load_catalogue(), TODAY)


def reasons_of(**cells: str | None) -> list[str]:
    out = run([row(0, **cells)])
    return list(out.get_column("reasons")[0])


def test_a_clean_row_is_ok() -> None:
    out = run([row(0)])
    assert out.get_column("status").to_list() == ["ok"]
    assert out.get_column("programme_id").to_list() == ["kaili-2024/guizhou-technician"]


REASON_CASES: list[tuple[dict[str, str | None], str]] = [
    ({"身份证号": None}, "id_missing"),
    ({"身份证号": "   "}, "id_missing"),
    ({"身份证号": "5.22601199001011E+17"}, "id_mangled"),
    ({"身份证号": "522601199001011000.0"}, "id_mangled"),
    ({"身份证号": "52260119900101123"}, "id_invalid"),  # 17 characters
    ({"身份证号": "52260119900101123Y"}, "id_invalid"),  # not a digit or X
    ({"身份证号": make_id(1, prefix="992601")}, "id_invalid"),  # no province 99
    ({"身份证号": make_id(1, birth="19900230")}, "id_invalid"),  # 30 February
    ({"身份证号": make_id(1, birth="20300101")}, "id_invalid"),  # born in the future
    ({"身份证号": wrong_check(make_id(3))}, "id_checksum"),
    ({"姓名": None}, "name_missing"),
    ({"姓名": " \u3000 "}, "name_missing"),
    ({"培训项目": None}, "programme_missing"),
    ({"培训项目": "不存在的项目"}, "programme_unknown"),
    ({"开班日期": None}, "date_missing"),
    ({"结业日期": ""}, "date_missing"),
    ({"开班日期": "2025-02-30"}, "date_invalid"),
    ({"结业日期": "2024年13月5日"}, "date_invalid"),
    ({"结业日期": "待定"}, "date_invalid"),
    ({"开班日期": "2024-03-20", "结业日期": "2024-03-05"}, "date_order"),
    ({"结业日期": "2030-01-01"}, "date_future"),
    ({"是否取证": "待定"}, "flag_invalid"),
    ({"是否就业": "maybe"}, "flag_invalid"),
]


@pytest.mark.parametrize(("cells", "reason"), REASON_CASES)
def test_each_reason_code(cells: dict[str, str | None], reason: str) -> None:
    assert reasons_of(**cells)[0] == reason


def test_every_reason_is_tested_above() -> None:
    assert {reason for _, reason in REASON_CASES} == set(REASONS)


def test_every_reason_code_has_one_record_with_its_expression_and_both_labels() -> None:
    """The registry (etl.validate.REASON_RULES): code, expression, Chinese and English label."""
    assert tuple(r.code for r in REASON_RULES) == REASONS  # each code once, in contract order
    for r in REASON_RULES:
        assert isinstance(r.rule(TODAY), pl.Expr), r.code
        assert any("\u4e00" <= c <= "\u9fff" for c in r.zh), r.code
        assert r.en and r.en.isascii(), r.code
        assert REASON_LABELS[r.code] == (r.zh, r.en)


def test_all_reasons_are_kept_in_contract_order() -> None:
    got = reasons_of(**{"身份证号": wrong_check(make_id(2)), "培训项目": "?", "是否取证": "x"})
    assert got == ["id_checksum", "programme_unknown", "flag_invalid"]


def test_numeric_id_cell_is_mangled_even_when_it_looks_complete() -> None:
    t = table([row(0, 身份证号="522601199001011328")])
    frame = t.frame.collect().with_columns(pl.lit(True).alias("__id_numeric"))
    out = prepare(frame, t, load_catalogue(), TODAY)
    assert list(out.get_column("reasons")[0]) == ["id_mangled"]


@pytest.mark.parametrize(
    "cell",
    [
        "2024-03-05",
        "2024/3/5",
        "2024.3.5",
        "20240305",
        "2024年3月5日",
        "2024-03-05 00:00:00",
        "2024/3/5 8:30",
        "45356",
        "２０２４－０３－０５",
    ],
)
def test_every_date_form(cell: str) -> None:
    out = run([row(0, 开班日期=cell)])
    assert out.get_column("start_date").to_list() == [date(2024, 3, 5)]
    assert out.get_column("status").to_list() == ["ok"]


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("是", True),
        ("√", True),
        ("✓", True),
        ("有", True),
        ("已", True),
        ("已取证", True),
        ("已就业", True),
        ("1", True),
        ("Y", True),
        ("yes", True),
        ("TRUE", True),
        ("否", False),
        ("×", False),
        ("✗", False),
        ("无", False),
        ("未", False),
        ("未取证", False),
        ("未就业", False),
        ("0", False),
        ("n", False),
        ("No", False),
        ("false", False),
        (None, False),
        (" ", False),
    ],
)
def test_yes_no_tokens(cell: str | None, value: bool) -> None:
    out = run([row(0, 是否取证=cell)])
    assert out.get_column("certified").to_list() == [value]


def test_id_normalisation_whitespace_fullwidth_and_lower_x() -> None:
    valid = next(i for i in (make_id(n, birth="19851212") for n in range(50)) if i[-1] == "X")
    spaced = (
        " ".join(valid[:9])
        + " "
        + valid[9:].translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    )
    out = run([row(0, 身份证号=spaced.lower())])
    assert out.get_column("id_number").to_list() == [valid]
    assert out.get_column("status").to_list() == ["ok"]


def test_names_lose_inner_spaces_but_keep_the_middle_dot() -> None:
    out = run([row(0, 姓名=" 阿依古丽 · 买买提 "), row(1, 姓名="张　三")])
    assert out.get_column("name").to_list() == ["阿依古丽·买买提", "张三"]


def test_text_is_trimmed_and_half_width() -> None:
    headers = [*HEADERS, "培训机构"]
    out = run([[*row(0), "  凯里市ＡＢＣ培训学校（一） "]], headers)
    assert out.get_column("institution").to_list() == ["凯里市ABC培训学校(一)"]


@pytest.mark.parametrize(
    "wording",
    ["“贵州技工”培训", "「贵州技工」工程", " 贵州技工 ", "贵州技工培训项目", "（贵州技工）"],
)
def test_programme_wordings(wording: str) -> None:
    out = run([row(0, 培训项目=wording)])
    assert out.get_column("programme_id").to_list() == ["kaili-2024/guizhou-technician"]


@pytest.mark.parametrize(
    ("county_header", "town_header"),
    [
        ("县（市、区）", "所属镇（街道）"),
        ("县(市、区)", "所属镇(街道)"),  # half-width brackets
        ("*县（市、\n区）", " 乡镇（街道）\n"),  # a leading *, line breaks and spaces
        ("区县", "镇(街道)"),
    ],
)
def test_header_wordings_of_county_and_town(county_header: str, town_header: str) -> None:
    headers = [*HEADERS, county_header, town_header]
    out = run([[*row(0), "凯里市", "万潮镇"]], headers)
    assert out.select("county", "town").row(0) == ("凯里市", "万潮镇")


def test_region_is_filled_from_the_programme() -> None:
    out = run([row(0)])
    assert out.select("province", "county").row(0) == ("贵州省", "凯里市")


def test_blank_rows_are_not_rows() -> None:
    out = run([row(0), [None] * len(HEADERS), ["  ", "", "\u3000", None, "", "", "", ""], row(1)])
    assert out.height == 2
    assert out.get_column("source_row").to_list() == [2, 5]


def test_repeated_header_and_totals_rows_are_skipped() -> None:
    out = run(
        [
            row(0),
            list(HEADERS),
            [
                "*序号",
                "姓 名",
                "身份证号码",
                "培训项目",
                "开班日期",
                "结业日期",
                "是否取证",
                "是否就业",
            ],
            row(1),
            ["合 计", "2", None, None, None, None, None, None],
            [None, "总计：2人", None, None, None, None, None, None],
            [None, None, "小计", None, None, None, None, None],
        ]
    )
    assert out.get_column("status").to_list() == [
        "ok",
        "skipped",
        "skipped",
        "ok",
        "skipped",
        "skipped",
        "skipped",
    ]


def test_a_totals_word_later_in_the_row_is_not_a_totals_row() -> None:
    out = run([row(0, 姓名="张合计")])
    assert out.get_column("status").to_list() == ["ok"]


@pytest.mark.parametrize(
    ("birth", "valid"),
    [
        ("20000229", True),  # 2000 is a leap year (divisible by 400)
        ("20040229", True),
        ("19000229", False),  # 1900 is not (divisible by 100)
        ("20230229", False),
        ("19900431", False),  # April has 30 days
        ("19901231", True),
        ("19901301", False),  # month 13
        ("19900100", False),  # day 0
        ("18991231", False),  # before 1900
        (TODAY.strftime("%Y%m%d"), True),  # born on the day of loading
    ],
)
def test_birth_date_in_the_id_must_exist(birth: str, valid: bool) -> None:
    got = reasons_of(**{"身份证号": make_id(4, birth=birth)})
    assert (got == []) is valid, got
