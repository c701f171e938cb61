"""The load a competent analyst would write without skilltrack: the baseline of bench/scale.py.

    .venv/bin/python -m bench.pandas_load FILE DB [--chunk ROWS] [--today YYYY-MM-DD]

pandas reads the file as text (`read_csv` / `read_parquet` / `read_excel`, all cells str); the
same ID and date checks as the product's, row by row with `Series.apply` (required name,
programme and ID; 18 characters, 17 digits + digit/X, a known province code, a real birth date
not in the future, the GB 11643 check digit; start and end dates in the ledgers' five spellings,
real dates, end not before start, neither after today); drop_duplicates on the contract's key;
then one bulk insert into a DuckDB file. With --chunk the file is read in pieces of that many rows
(what a 10-million-row file needs on a 24 GB machine) and duplicates across pieces are removed in
DuckDB at the end. Prints one JSON line: rows read, kept, rejected, duplicates.
Benchmark code only: pandas is never used by the product.
"""

from __future__ import annotations

import argparse
import codecs
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

NAME, ID, PROGRAMME = "姓名", "身份证号", "培训项目"
START, END, INSTITUTION, OCCUPATION = "开班日期", "结业日期", "培训机构", "工种"
KEY = [ID, PROGRAMME, INSTITUTION, OCCUPATION, START]
PROVINCES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82",
}  # fmt: skip
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"
# 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305 (a time part after a space is ignored)
DATE = re.compile(r"(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?")


def id_ok(value: object, today: date) -> bool:
    """GB 11643: shape, province, birth date, check digit."""
    if not isinstance(value, str):
        return False
    s = "".join(value.split()).upper()
    if len(s) != 18 or not s[:17].isdigit() or not (s[17].isdigit() or s[17] == "X"):
        return False
    if s[:2] not in PROVINCES:
        return False
    try:
        born = date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return False
    if born > today or born.year < 1900:
        return False
    return CHECK[sum(int(c) * w for c, w in zip(s[:17], WEIGHTS, strict=True)) % 11] == s[17]


def parse_date(value: object) -> date | None:
    """A date in any of the ledgers' spellings, or None."""
    if not isinstance(value, str):
        return None
    m = DATE.fullmatch(value.strip().split(" ")[0])
    if m is None:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:  # 2025-02-30
        return None


def check(frame: pd.DataFrame, today: date) -> pd.DataFrame:
    """The rows that pass, with start and end as dates."""
    ok_id = frame[ID].apply(id_ok, today=today)
    start = frame[START].apply(parse_date)
    end = frame[END].apply(parse_date)
    ok_dates = start.notna() & end.notna()
    ok_dates &= pd.Series(
        [
            s is not None and e is not None and s <= e <= today
            for s, e in zip(start, end, strict=True)
        ],
        index=frame.index,
    )
    required = frame[NAME].notna() & frame[PROGRAMME].notna()
    kept = frame[ok_id & ok_dates & required].copy()
    kept[START] = start[kept.index]
    kept[END] = end[kept.index]
    return kept


def pieces(path: Path, chunk: int | None) -> Iterator[pd.DataFrame]:
    """The file as frames of text cells: whole, or `chunk` rows at a time."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open("rb") as f:
            head = f.read(1 << 20)
        try:
            codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
            encoding = "utf-8-sig"
        except UnicodeDecodeError:
            encoding = "gb18030"
        if chunk:
            yield from pd.read_csv(path, dtype=str, encoding=encoding, chunksize=chunk)
        else:
            yield pd.read_csv(path, dtype=str, encoding=encoding)
    elif suffix == ".parquet":
        if chunk:
            import pyarrow.parquet as pq

            for batch in pq.ParquetFile(path).iter_batches(batch_size=chunk):
                yield batch.to_pandas()  # the ledger's columns are text already
        else:
            yield pd.read_parquet(path)
    else:
        yield pd.read_excel(path, dtype=str)


def load(path: Path, db: Path, chunk: int | None, today: date) -> dict[str, int]:
    con = duckdb.connect(str(db))
    read = kept = n_pieces = 0
    for n_pieces, frame in enumerate(pieces(path, chunk), start=1):
        read += len(frame)
        good = check(frame, today).drop_duplicates(subset=KEY)
        kept += len(good)
        con.register("good", good)
        if n_pieces == 1:
            con.execute("create table records as select * from good")
        else:
            con.execute("insert into records select * from good")
        con.unregister("good")
    if n_pieces > 1:  # duplicates across pieces
        key = ", ".join(f'"{c}"' for c in KEY)
        con.execute(
            "create table deduped as select * from records "
            f"qualify row_number() over (partition by {key}) = 1"
        )
        con.execute("drop table records")
        con.execute("alter table deduped rename to records")
    row = con.execute("select count(*) from records").fetchone()
    loaded = int(row[0]) if row else 0
    con.execute("checkpoint")
    con.close()
    return {"rows": read, "loaded": loaded, "rejected": read - kept, "duplicates": kept - loaded}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("db", type=Path)
    parser.add_argument("--chunk", type=int, default=0, help="rows per piece (0: whole file)")
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    args = parser.parse_args()
    print(json.dumps(load(args.file, args.db, args.chunk or None, args.today)))


if __name__ == "__main__":
    main()
