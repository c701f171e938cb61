"""The record's canonical fields, their header aliases, and the closed sets of the contract."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal, get_args

Field = Literal[
    "name",
    "id_number",
    "programme",
    "start_date",
    "end_date",
    "gender",
    "town",
    "county",
    "city",
    "institution",
    "occupation",
    "level",
    "days",
    "hours",
    "certified",
    "certificate_type",
    "employed",
    "employment_date",
    "employment_place",
    "category",
    "phone",
    "class_id",
]
FIELDS: tuple[Field, ...] = get_args(Field)

REQUIRED: tuple[Field, ...] = ("name", "id_number", "programme", "start_date", "end_date")
DATE_FIELDS: tuple[Field, ...] = ("start_date", "end_date", "employment_date")
FLAG_FIELDS: tuple[Field, ...] = ("certified", "employed")
NUMBER_FIELDS: tuple[Field, ...] = ("days", "hours")
TEXT_FIELDS: tuple[Field, ...] = tuple(
    f for f in FIELDS if f not in DATE_FIELDS + FLAG_FIELDS + NUMBER_FIELDS
)

# CONTRACT §2: header aliases accepted, compared after normalise_header().
ALIASES: dict[Field, tuple[str, ...]] = {
    "name": ("姓名", "学员姓名"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "证件号码"),
    "programme": ("培训项目", "项目名称", "培训工程"),
    "start_date": ("开班日期", "开班时间", "培训开始日期", "开始日期"),
    "end_date": ("结业日期", "结业时间", "培训结束日期", "结束日期"),
    "gender": ("性别",),
    "town": ("镇街", "所属镇街", "乡镇（街道）", "所属镇（街道）", "镇（街道）", "所属乡镇"),
    "county": ("县（市、区）", "区县", "县区"),
    "city": ("市（州）", "地市", "市州"),
    "institution": ("培训机构", "培训单位", "定点培训机构"),
    "occupation": ("工种", "培训工种", "职业（工种）", "培训职业"),
    "level": ("等级", "技能等级", "培训等级"),
    "days": ("培训天数",),
    "hours": ("课时", "培训课时"),
    "certified": ("是否取证", "取证情况"),
    "certificate_type": ("证书类型", "证书名称"),
    "employed": ("是否就业", "就业情况"),
    "employment_date": ("就业日期", "就业时间"),
    "employment_place": ("就业地点", "就业地"),
    "category": ("人员类别", "学员类别"),
    "phone": ("联系电话", "手机号码"),
    "class_id": ("班级编号", "开班编号", "班次"),
}

Reason = Literal[
    "id_missing",
    "id_mangled",
    "id_invalid",
    "id_checksum",
    "name_missing",
    "programme_missing",
    "programme_unknown",
    "date_missing",
    "date_invalid",
    "date_order",
    "date_future",
    "flag_invalid",
]
# The order is the contract's: a rejected row is summarised under its first reason in this order.
REASONS: tuple[Reason, ...] = get_args(Reason)

YES_TOKENS = ("是", "√", "✓", "有", "已", "已取证", "已就业", "1", "y", "yes", "true")
NO_TOKENS = ("否", "×", "✗", "无", "未", "未取证", "未就业", "0", "n", "no", "false", "")

TOTAL_WORDS = ("合计", "总计", "小计")

_WS = re.compile(r"\s+")


def normalise_header(cell: str | None) -> str:
    """Header cell → comparable key: no whitespace (line breaks included), no leading '*', NFKC."""
    if cell is None:
        return ""
    s = _WS.sub("", unicodedata.normalize("NFKC", str(cell)))
    return s.lstrip("*").lstrip("＊")


ALIAS_TO_FIELD: dict[str, Field] = {
    normalise_header(alias): field for field, aliases in ALIASES.items() for alias in aliases
}
