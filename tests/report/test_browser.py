"""The report in a real browser: headless Chromium draws it, runs its script, logs nothing.

"No errors" is decided from Chromium's own log (`--enable-logging=stderr`): every
console message a page produces (console.error, an uncaught exception, a resource the
Content-Security-Policy blocked) is written there as a `CONSOLE` line. The report's
script writes nothing to the console, so any such line is an error. A page with a
deliberate error shows that the scan does catch one, so a silent log means something.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from harness.report import answers, build_report, sources
from harness.runs.folder import RunData

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CONSOLE = re.compile(r":CONSOLE[:(\]]")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0"]

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).is_file(),
    reason="headless Chromium is not installed (/usr/bin/chromium; Debian package "
           "'chromium', which .ci/run installs)")


def chromium(tmp_path: Path, url: str, *args: str) -> tuple[str, list[str]]:
    """Run Chromium once on `url`: (stdout, console lines from its log)."""
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    proc = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args, url],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout, [line for line in proc.stderr.splitlines() if CONSOLE.search(line)]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_report_renders_with_charts_and_table_and_no_errors(run_a: RunData, run_b: RunData,
                                                            tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(build_report([run_a, run_b]).html, encoding="utf-8")
    shot = tmp_path / "report.png"
    _, logged = chromium(tmp_path, page.as_uri(), f"--screenshot={shot}",
                         "--window-size=1400,2000")
    assert logged == []
    assert png_size(shot) == (1400, 2000)
    assert shot.stat().st_size > 40_000, "the screenshot is (nearly) blank"

    # ?sort= makes the page's own script sort the task table once it has loaded.
    dom, logged = chromium(tmp_path, page.as_uri() + "?sort=-similarity", "--dump-dom")
    assert logged == []
    assert 'data-report-ready="1"' in dom, "the report's script did not run to its end"
    for element in ('<svg id="chart-heatmap"', '<svg id="chart-heatmap-relative"',
                    '<svg id="chart-status"', '<svg id="chart-scatter"',
                    '<table id="task-table" class="sortable">', '<table id="gate-table">'):
        assert element in dom
    assert re.search(r'<th class="num" data-key="similarity" aria-sort="descending">', dom)
    table = dom[dom.index('id="task-table"'):]
    table = table[:table.index("</table>")]
    shown = [float(v) for v in re.findall(r'<td class="num" data-v="([0-9.]+)">', table)]
    expected = sorted((a.similarity for s in sources([run_a, run_b])
                       for a in answers(s).itertuples() if a.similarity == a.similarity),
                      reverse=True)
    assert shown == pytest.approx(expected, abs=1e-3)


def test_an_error_on_the_page_is_caught(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text("<html><body><script>console.error('boom'); notAFunction();</script>"
                    "</body></html>")
    _, logged = chromium(tmp_path, page.as_uri(), "--dump-dom")
    text = "\n".join(logged)
    assert "boom" in text and "Uncaught ReferenceError" in text
