"""The rows of the sample ledgers, each tagged with what the loader must do with it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, cast, get_args

import numpy as np

from demo.people import ID_CHECK, check_digit
from demo.places import GIVEN_FEMALE, GIVEN_MALE, PHONE_PREFIXES

Cell = str | int | float | date | None
Outcome = Literal["loaded", "duplicate", "rejected", "skipped", "blank"]
EXCEL_EPOCH = date(1899, 12, 30)


@dataclass(frozen=True)
class SampleRow:
    line: int  # 1-based line of the file / row of the sheet
    cells: tuple[Cell, ...]
    outcome: Outcome
    reasons: tuple[str, ...] = ()  # the contract's reason codes, in its order
    why: str = ""


@dataclass(frozen=True)
class SampleFile:
    file_name: str
    description: str
    encoding: str  # "xlsx" for the workbook
    titles: tuple[str, ...]  # rows above the header
    groups: tuple[tuple[int, int, str], ...]  # merged cells above the header (xlsx)
    headers: tuple[str, ...]
    rows: tuple[SampleRow, ...]

    @property
    def header_row(self) -> int:
        return len(self.titles) + (1 if self.groups else 0) + 1


@dataclass
class People:
    """Valid trainees for a sample: distinct IDs under one prefix, plausible names and phones."""

    prefix: str
    rng: np.random.Generator
    used: set[str] = field(default_factory=set)

    def id(self, born: str, male: bool = True, check: str | None = None) -> str:
        """A fresh valid ID; with `check`, one whose check character is that ('X'), or any
        digit ('digit': an ID that Excel can hold as a number)."""
        while True:
            body = f"{self.prefix}{born}{int(self.rng.integers(0, 500)) * 2 + male:03d}"
            c = check_digit(body)
            fits = check is None or c == check or (check == "digit" and c != "X")
            if body not in self.used and fits:
                self.used.add(body)
                return body + check_digit(body)

    def name(self, surname: str, male: bool = True) -> str:
        pool = GIVEN_MALE if male else GIVEN_FEMALE
        return surname + "".join(pool[int(i)] for i in self.rng.integers(0, len(pool), 2))

    def phone(self) -> str:
        prefix = PHONE_PREFIXES[int(self.rng.integers(0, len(PHONE_PREFIXES)))]
        return f"{prefix}{int(self.rng.integers(0, 10**8)):08d}"


def wrong_check(id18: str) -> str:
    """The same ID with a check character that is not the right one."""
    return id18[:17] + ID_CHECK[(ID_CHECK.index(id18[17]) + 3) % 11]


def serial(d: date) -> int:
    """Excel's serial day number of a date."""
    return (d - EXCEL_EPOCH).days


@dataclass(frozen=True)
class SampleSpec:
    """A sample file as written in demo.sample_data: rows of '|'-separated cells."""

    file_name: str
    description: str
    encoding: str
    prefix: str  # ID prefix of its valid trainees
    titles: tuple[str, ...]
    groups: tuple[tuple[int, int, str], ...]
    headers: tuple[str, ...]
    rows: tuple[tuple[str, str, str], ...]  # (outcome [reasons…], why, cells)


_FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def build_sample(spec: SampleSpec, people: People) -> SampleFile:
    """Resolve the cells of every row and number the rows from below the header."""
    rows: list[SampleRow] = []
    seen: dict[int, dict[str, str]] = {}
    header_row = len(spec.titles) + (1 if spec.groups else 0) + 1
    for offset, (verdict, why, cells) in enumerate(spec.rows):
        line = header_row + 1 + offset
        outcome, *reasons = verdict.split()
        values: tuple[Cell, ...]
        if outcome == "blank":
            values = ()
        elif outcome == "header":
            outcome, values = "skipped", spec.headers
        else:
            texts = cells.split("|")
            if len(texts) > len(spec.headers):
                raise ValueError(f"{spec.file_name} line {line}: more cells than headers")
            texts += [""] * (len(spec.headers) - len(texts))
            seen[line] = {}
            values = tuple(_cell(t, people, seen, line) for t in texts)
        rows.append(SampleRow(line, values, _outcome(outcome), tuple(reasons), why))
    return SampleFile(
        spec.file_name, spec.description, spec.encoding, spec.titles, spec.groups, spec.headers,
        tuple(rows),
    )  # fmt: skip


def _outcome(word: str) -> Outcome:
    if word not in get_args(Outcome):
        raise ValueError(f"unknown outcome {word!r}; expected one of {get_args(Outcome)}")
    return cast(Outcome, word)


def _cell(text: str, people: People, seen: dict[int, dict[str, str]], line: int) -> Cell:
    """One cell: literal text, or num:/date:/serial:/name:/id:/phone: (see demo_sample_data)."""
    kind, _, arg = text.partition(":")
    if not _ or kind not in ("num", "date", "serial", "name", "id", "phone"):
        return text or None
    if kind == "num":
        return float(arg) if "." in arg else int(arg)
    if kind in ("date", "serial"):
        day = date.fromisoformat(arg)
        return day if kind == "date" else serial(day)
    if kind == "phone":
        return people.phone()
    if arg.startswith("="):
        return seen[int(arg[1:])][kind]
    if kind == "name":
        value = people.name(arg.rstrip("f"), male=not arg.endswith("f"))
    else:
        value = _id(arg, people)
    seen[line][kind] = value
    return float(value) if arg.endswith("/num") else value


def _id(arg: str, people: People) -> str:
    """id:BIRTH[f][/num|/bad|/17|/spaced|/wide], or id:!17DIGITS for a given body."""
    if arg.startswith("!"):
        return arg[1:] + check_digit(arg[1:])
    born, _, how = arg.partition("/")
    male = not born.endswith("f")
    check = {"num": "digit", "spaced": "X"}.get(how)
    value = people.id(born.rstrip("f"), male, check)
    if how == "bad":
        return wrong_check(value)
    if how == "17":
        return value[:17]
    if how == "spaced":
        low = value.lower()
        return f"{low[:6]} {low[6:14]} {low[14:]}"
    if how == "wide":
        return value.translate(_FULL_WIDTH)
    return value
