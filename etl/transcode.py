"""GB18030/GBK text → UTF-8, strictly, split over the machine's cores.

DuckDB reads no GB18030 here, so such a CSV is transcoded to a temporary UTF-8 file first. The
file is cut into pieces at line breaks (byte 0x0A never occurs inside a GB18030 character) and
each piece is decoded by its own process — CPython's CJK codecs hold the GIL — and the pieces
are joined in order. Decoding is strict: the first undecodable byte fails the whole file.

Run as `python -m etl.transcode SRC START END DST ENCODING` for one piece (the worker); it
imports nothing heavy, so a worker starts in a few tens of milliseconds.
"""

from __future__ import annotations

import codecs
import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import BinaryIO

READ = 256 << 10  # small reads keep the decoder's buffers in cache (16 MB reads: 1.7× slower)
PARALLEL_FROM = 32 << 20  # smaller files are decoded in-process: a worker is not worth starting
BAD_BYTES = 3  # a worker's exit code when the text does not decode


class DecodeFailed(Exception):
    """The text is not valid in the encoding; `offset` is the first bad byte in the file."""

    def __init__(self, offset: int) -> None:
        self.offset = offset
        super().__init__(f"undecodable byte at offset {offset}")


def transcode_piece(src: Path, start: int, end: int, dst: Path, encoding: str) -> None:
    """Decode bytes [start, end) of src strictly and write them to dst as UTF-8."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    offset = start
    try:
        with src.open("rb") as f, dst.open("wb") as out:
            f.seek(start)
            while offset < end and (chunk := f.read(min(READ, end - offset))):
                out.write(decoder.decode(chunk).encode("utf-8"))
                offset += len(chunk)
            out.write(decoder.decode(b"", final=True).encode("utf-8"))
    except UnicodeDecodeError as e:
        raise DecodeFailed(offset + e.start) from e


def _cuts(src: Path, pieces: int) -> list[int]:
    """Piece boundaries: just after the first line break at or past each even share."""
    size = src.stat().st_size
    cuts = [0]
    with src.open("rb") as f:
        for i in range(1, pieces):
            f.seek(max(size * i // pieces, cuts[-1]))
            while True:
                block = f.read(1 << 16)
                if not block:
                    cut = size
                    break
                nl = block.find(b"\n")
                if nl != -1:
                    cut = f.tell() - len(block) + nl + 1
                    break
            cuts.append(cut)
    cuts.append(size)
    return sorted(set(cuts))


def _append(part: Path, joined: BinaryIO) -> None:
    """part's bytes at the end of joined, copied in the kernel where it can."""
    with part.open("rb") as f:
        try:
            while os.copy_file_range(f.fileno(), joined.fileno(), 1 << 30):
                pass
        except (AttributeError, OSError):  # not Linux, or a file system without it
            f.seek(0)
            joined.seek(0, os.SEEK_END)
            shutil.copyfileobj(f, joined, 1 << 20)


def transcode_to_utf8(src: Path, encoding: str, dst: Path) -> Path:
    """src as UTF-8 in dst (an owner-only scratch file: warehouse.scratch); raises DecodeFailed with
    the first bad byte's offset. The pieces are written beside dst and removed on every exit."""
    pieces = min(os.cpu_count() or 1, 4) if src.stat().st_size >= PARALLEL_FROM else 1
    cuts = _cuts(src, pieces)
    parts = [dst] + [dst.with_name(f"{dst.name}.{i}") for i in range(1, len(cuts) - 1)]
    root = str(Path(__file__).resolve().parents[1])  # so that the worker finds this package
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])),
    }
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "etl.transcode", str(src), str(a), str(b), str(p), encoding],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        for a, b, p in zip(cuts[1:-1], cuts[2:], parts[1:], strict=True)
    ]
    failures: list[int] = []
    try:
        try:
            transcode_piece(src, cuts[0], cuts[1], dst, encoding)
        except DecodeFailed as e:
            failures.append(e.offset)
        for w, start in zip(workers, cuts[1:-1], strict=True):
            out, _ = w.communicate()
            if w.returncode == BAD_BYTES:
                failures.append(int(out))
            elif w.returncode != 0:
                failures.append(start)
        if failures:
            raise DecodeFailed(min(failures))
        with dst.open("ab") as joined:
            for part in parts[1:]:
                _append(part, joined)
    except BaseException:
        dst.unlink(missing_ok=True)
        raise
    finally:
        for w in workers:
            if w.poll() is None:
                w.kill()
                w.wait()
        for part in parts[1:]:
            part.unlink(missing_ok=True)
    return dst


def _die_with_parent() -> None:
    """A worker must not outlive a loader killed with kill -9 (and keep writing its piece)."""
    with contextlib.suppress(OSError, AttributeError):  # not Linux: nothing to do
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def main(argv: list[str]) -> int:
    _die_with_parent()
    os.umask(0o077)
    src, start, end, dst, encoding = argv
    try:
        transcode_piece(Path(src), int(start), int(end), Path(dst), encoding)
    except DecodeFailed as e:
        print(e.offset)
        return BAD_BYTES
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
