"""GB18030 → UTF-8 in pieces: the same text as one strict decode, and the first bad byte named."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl import transcode
from etl.exceptions import UnreadableFile
from etl.read import transcode_to_utf8

# 䶮 is outside GBK: only GB18030's four-byte form holds it.
LINES = [f"{i},龚䶮{i},52260119900101{i % 10000:04d},凯里市\n" for i in range(4000)]


@pytest.fixture
def pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Split every file over worker processes, however small."""
    monkeypatch.setattr(transcode, "PARALLEL_FROM", 0)
    monkeypatch.setattr(transcode.os, "cpu_count", lambda: 3)


def test_pieces_join_to_the_whole_text(tmp_path: Path, pieces: None) -> None:
    src = tmp_path / "gb.csv"
    src.write_bytes("".join(LINES).encode("gb18030"))
    cuts = transcode._cuts(src, 3)
    assert len(cuts) == 4  # three pieces, each ending on a line break
    out = transcode_to_utf8(src, "gb18030", tmp_path / "out.csv")
    assert out.read_text(encoding="utf-8") == "".join(LINES)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gb.csv", "out.csv"]  # no piece left


def test_a_bad_byte_in_a_later_piece_is_named_by_its_offset(tmp_path: Path, pieces: None) -> None:
    good = "".join(LINES).encode("gb18030")
    bad_at = len(good) * 3 // 4
    bad_at = good.index(b"\n", bad_at) + 1
    src = tmp_path / "bad.csv"
    src.write_bytes(good[:bad_at] + b"\xff\xff" + good[bad_at:])
    with pytest.raises(UnreadableFile, match=f"第 {bad_at} 字节处") as e:
        transcode_to_utf8(src, "gb18030", tmp_path / "out.csv", "坏文件.csv")
    assert str(e.value).startswith("坏文件.csv：") and f"at byte {bad_at};" in e.value.detail_en
    assert [p.name for p in tmp_path.iterdir()] == ["bad.csv"]  # the copy and its pieces gone
