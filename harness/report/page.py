"""The page around the sections: inline CSS, a small inline script, a strict CSP.

The Content-Security-Policy allows nothing from outside the file (no fetch, no image,
no font), so a report that opens at all is self-contained by construction, and any
attempt to load something is a console error the browser test catches.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
       "img-src data:")

CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d1d1f;margin:0;
 background:#fff}
header{background:#263238;color:#fff;padding:14px 28px}
header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;color:#cfd8dc}
nav{padding:6px 28px;background:#eceff1;position:sticky;top:0;z-index:2}
nav a{margin-right:16px;color:#263238}
main{padding:8px 28px 40px;max-width:1340px;box-sizing:border-box}
h2{border-bottom:2px solid #cfd8dc;padding-bottom:4px;margin-top:32px}
h3{margin:22px 0 6px}
table{border-collapse:collapse;margin:8px 0}
th,td{border:1px solid #dde3e6;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f5f7f8}
td.num,th.num{text-align:right}
table.sortable th{cursor:pointer;user-select:none;white-space:nowrap}
table.sortable th::after{content:" \\2195";color:#90a4ae}
table.sortable th[aria-sort=ascending]::after{content:" \\2191";color:#263238}
table.sortable th[aria-sort=descending]::after{content:" \\2193";color:#263238}
.charts{display:flex;flex-wrap:wrap;gap:26px;align-items:flex-start}
figure{margin:6px 0;width:min-content}
figcaption{color:#546e7a;font-size:12px;min-width:260px}
.tiles{display:flex;gap:12px;flex-wrap:wrap;margin:8px 0}
.tile{border:1px solid #dde3e6;border-radius:6px;padding:6px 14px;min-width:110px}
.tile b{display:block;font-size:22px}.tile span{color:#546e7a;font-size:12px}
dl.manifest{display:grid;grid-template-columns:repeat(3,max-content 1fr);gap:2px 10px;
 font-size:12px;margin:8px 0}
dl.manifest dt{font-weight:600;color:#37474f}dl.manifest dd{margin:0;overflow-wrap:anywhere}
.small{font-size:12px}
svg.chart text{font:11px system-ui,sans-serif}
svg.chart .cell text{font-size:12px}
.v-pass{background:#e8f5e9}.v-fail{background:#ffebee;font-weight:600}
.v-not_applicable{color:#78909c}.v-error{background:#f3e5f5;color:#6a1b9a}
.s-ok{color:#2e7d32}.s-bad{color:#c62828;font-weight:600}.s-harness{color:#6a1b9a}
.apart{border-left:4px solid #6a1b9a;background:#faf5fc;padding:6px 12px;margin:8px 0}
.muted{color:#78909c}
ul.evidence{margin:0;padding-left:18px}
ul.evidence li{margin:1px 0}
code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace}
pre.diff{background:#fafafa;border:1px solid #e0e0e0;padding:8px;overflow-x:auto;
 max-height:480px}
pre.diff .minus{color:#b71c1c}pre.diff .plus{color:#1b5e20}pre.diff .tilde{color:#e65100}
pre.diff .head{font-weight:700}
section.task{border-top:1px solid #cfd8dc;margin-top:18px}
details>summary{cursor:pointer;color:#37474f}
.verdict-regression{color:#b71c1c;font-weight:700}.verdict-warning{color:#e65100}
.verdict-improvement{color:#1b5e20}.verdict-pass{color:#2e7d32}
"""

SCRIPT = """
(function () {
  "use strict";
  function value(cell) {
    var raw = cell.getAttribute("data-v");
    if (raw === null) { raw = cell.textContent.trim(); }
    if (raw === "") { return null; }
    var n = Number(raw);
    return isNaN(n) ? raw.toLowerCase() : n;
  }
  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") { return a - b; }
    a = String(a); b = String(b);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  function sortBy(table, th, descending) {
    var col = Array.prototype.indexOf.call(th.parentNode.children, th);
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var a = value(r1.cells[col]), b = value(r2.cells[col]);
      if (a === null || b === null) { return (a === null) - (b === null); }
      var c = compare(a, b);
      return descending ? -c : c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    table.querySelectorAll("thead th").forEach(function (h) {
      h.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (th) {
      th.addEventListener("click", function () {
        sortBy(table, th, th.getAttribute("aria-sort") === "ascending");
      });
    });
  });
  var wanted = new URLSearchParams(window.location.search).get("sort");
  if (wanted) {
    var key = wanted.replace(/^-/, "");
    var th = document.querySelector('table.sortable th[data-key="' + key + '"]');
    if (th) { sortBy(th.closest("table"), th, wanted.charAt(0) === "-"); }
  }
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var el = id ? document.getElementById(id) : null;
    if (el) { el.querySelectorAll("details").forEach(function (d) { d.open = true; }); }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  document.documentElement.setAttribute("data-report-ready", "1");
})();
"""


def page(title: str, subtitle: str, nav: Sequence[tuple[str, str]], body: str) -> str:
    """A whole HTML document; `nav` is (anchor id, label) pairs."""
    links = "".join(f'<a href="#{escape(i)}">{escape(label)}</a>' for i, label in nav)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        f"<header><h1>{escape(title)}</h1><p>{escape(subtitle)}</p></header>"
        f"<nav>{links}</nav><main>{body}</main>"
        f"<script>{SCRIPT}</script></body></html>\n")


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, table_id: str = "",
          sortable: bool = False, keys: Sequence[str] = (), numeric: Sequence[int] = ()
          ) -> str:
    """An HTML table from cells that are already HTML (escape text before passing it).

    A cell may carry its sort value as `data-v`: pass it pre-built with `td(...)`.
    """
    attrs = f' id="{escape(table_id)}"' if table_id else ""
    attrs += ' class="sortable"' if sortable else ""
    head = "".join(_th(h, keys[i] if i < len(keys) else "", i in numeric)
                   for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(c if c.startswith("<td") else
                                    (td(c, cls="num") if i in numeric else td(c))
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table{attrs}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def td(html: str, *, sort: str | float | None = None, cls: str = "") -> str:
    """One cell; `sort` is the value the table sorts by when it differs from the text."""
    attrs = f' class="{cls}"' if cls else ""
    if sort is not None:
        attrs += f' data-v="{escape(str(sort))}"'
    return f"<td{attrs}>{html}</td>"


def _th(text: str, key: str, numeric: bool) -> str:
    attrs = ' class="num"' if numeric else ""
    attrs += f' data-key="{escape(key)}"' if key else ""
    return f"<th{attrs}>{escape(text)}</th>"
