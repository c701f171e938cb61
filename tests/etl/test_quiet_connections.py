"""DuckDB draws its own progress bar on standard output for any statement over 2 s; on our
connections it must not, or a CLI's `--json` output would no longer be JSON (a 3M-row load
printed one before its JSON). Checked in a child process whose output is a pipe, as a script's
is: DuckDB decides from the process's standard output whether to draw."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = """
import json, sys
from pathlib import Path
import duckdb
from warehouse.store import connect_read, cursor_on, exclusive, writing
BAR = "select current_setting('enable_progress_bar')"
def bar(con):
    return bool(con.execute(BAR).fetchall()[0][0])
db = Path(sys.argv[1])
seen = {"default": bar(duckdb.connect())}
with exclusive(db), writing(db) as con:
    seen["writing"] = bar(con)
con = connect_read(db)
seen["reading"] = bar(con)
seen["cursor"] = bar(cursor_on(con))
print(json.dumps(seen))
"""


def test_the_warehouse_connections_draw_no_bar_where_duckdb_would(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "w.duckdb")],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    seen = json.loads(done.stdout)
    assert seen == {"default": True, "writing": False, "reading": False, "cursor": False}
