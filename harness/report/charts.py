"""Charts as inline SVG, drawn from plain data.

The report has to open without a network and without a plotting library in the browser,
so each chart is a string of SVG written here. Every mark carries a `<title>`, which the
browser shows as a tooltip: a number in a chart can always be traced to its counts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

#: Series colours (colour-blind friendly, after Okabe and Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000")

#: Status colours: `ok` green, model failures warm, the harness's own failure apart.
STATUS_COLOURS = {
    "ok": "#2e7d32", "empty": "#9e9e9e", "no_program": "#bdbdbd", "syntax_error": "#b71c1c",
    "import_error": "#e64a19", "type_error": "#ffa000", "config_missing": "#fdd835",
    "runtime_error": "#d81b60", "timeout": "#6d4c41", "memory": "#8d6e63",
    "crashed": "#4e342e", "invalid_case": "#546e7a", "harness_error": "#6a1b9a",
}


@dataclass(frozen=True)
class Cell:
    """One heatmap cell: the fail rate and the counts it was computed from."""

    failed: int
    judged: int

    @property
    def rate(self) -> float | None:
        return self.failed / self.judged if self.judged else None


@dataclass(frozen=True)
class Point:
    """One scatter point; `href` links it to the task's section of the report."""

    x: float
    y: float
    series: str
    label: str
    href: str = ""


def heatmap(chart_id: str, rows: Sequence[str], columns: Sequence[str],
            cells: Mapping[tuple[str, str], Cell], title: str) -> str:
    """Rows × columns of fail rates, white (0) to red (1); grey where nothing was judged."""
    cw, ch, left = 96, 26, 150
    longest = max([len(c) for c in columns] + [1])
    flat = longest <= 14
    top = 30 if flat else 24 + int(6.2 * min(longest, 30) * 0.5)
    right = 10 if flat else int(6.2 * min(longest, 30) * 0.87)
    width, height = left + cw * max(1, len(columns)) + right, top + ch * len(rows) + 10
    out = [_open(chart_id, width, height, title)]
    for j, col in enumerate(columns):
        x = left + j * cw + cw / 2
        if flat:
            out.append(f'<text class="axis" x="{x:.0f}" y="{top - 8}" text-anchor="middle">'
                       f"{escape(col)}</text>")
        else:
            out.append(f'<text class="axis" x="{x - 10:.0f}" y="{top - 8}" '
                       f'transform="rotate(-30 {x - 10:.0f} {top - 8})">{_cut(col, 30)}'
                       f"<title>{escape(col)}</title></text>")
    for i, row in enumerate(rows):
        y = top + i * ch
        out.append(f'<text class="axis" x="{left - 6}" y="{y + ch / 2 + 4:.0f}" '
                   f'text-anchor="end">{escape(row)}</text>')
        for j, col in enumerate(columns):
            cell = cells.get((row, col), Cell(0, 0))
            rate = cell.rate
            fill = "#e0e0e0" if rate is None else _red(rate)
            text = "–" if rate is None else f"{100 * rate:.0f}%"
            ink = "#fff" if rate is not None and rate > 0.55 else "#222"
            tip = (f"{row} · {col}: " + ("nothing judged" if rate is None else
                                           f"{cell.failed} failed of {cell.judged} judged"))
            x = left + j * cw
            out.append(f'<g class="cell"><rect x="{x}" y="{y}" width="{cw - 2}" '
                       f'height="{ch - 2}" fill="{fill}"><title>{escape(tip)}</title></rect>'
                       f'<text x="{x + cw / 2 - 1:.0f}" y="{y + ch / 2 + 4:.0f}" '
                       f'text-anchor="middle" fill="{ink}">{text}</text></g>')
    out.append("</svg>")
    return "".join(out)


def stacked_bars(chart_id: str, counts: Mapping[str, Mapping[str, int]], title: str) -> str:
    """One horizontal bar per row label, split by status, with a legend of the statuses."""
    labels = list(counts)
    statuses = sorted({s for row in counts.values() for s, n in row.items() if n},
                      key=_status_order)
    bar_w, bh, left, top = 400, 22, 160, 12
    total_max = max([sum(row.values()) for row in counts.values()] + [1])
    legend_top = top + len(labels) * (bh + 8) + 10
    height = legend_top + 22 * math.ceil(max(1, len(statuses)) / 3) + 6
    out = [_open(chart_id, left + bar_w + 40, height, title)]
    for i, label in enumerate(labels):
        y = top + i * (bh + 8)
        out.append(f'<text class="axis" x="{left - 6}" y="{y + bh / 2 + 4:.0f}" '
                   f'text-anchor="end">{_cut(label, 24)}<title>{escape(label)}</title></text>')
        x = float(left)
        row = counts[label]
        for status in statuses:
            n = row.get(status, 0)
            if not n:
                continue
            w = bar_w * n / total_max
            out.append(f'<rect class="bar" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bh}" '
                       f'fill="{_status_colour(status)}"><title>{escape(label)}: '
                       f"{n} {escape(status)}</title></rect>")
            if w >= 22:
                out.append(f'<text x="{x + w / 2:.1f}" y="{y + bh / 2 + 4:.0f}" '
                           f'text-anchor="middle" fill="#fff">{n}</text>')
            x += w
        out.append(f'<text class="axis" x="{x + 6:.1f}" y="{y + bh / 2 + 4:.0f}">'
                   f"{sum(row.values())}</text>")
    for k, status in enumerate(statuses):
        lx, ly = left + (k % 3) * 130 - 100, legend_top + 22 * (k // 3)
        out.append(f'<rect x="{lx}" y="{ly}" width="12" height="12" '
                   f'fill="{_status_colour(status)}"/><text class="axis" x="{lx + 17}" '
                   f'y="{ly + 11}">{escape(status)}</text>')
    out.append("</svg>")
    return "".join(out)


def scatter(chart_id: str, points: Sequence[Point], x_label: str, y_label: str,
            x_max: int, title: str) -> str:
    """Integer x (failed categories) against y in [0, 1], jittered so ties stay visible."""
    pw, ph, left, top = 520, 280, 56, 14
    series = sorted({p.series for p in points})
    colour = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(series)}
    legend_top = top + ph + 44
    height = legend_top + 20 * math.ceil(max(1, len(series)) / 3) + 6
    out = [_open(chart_id, left + pw + 20, height, title),
           f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="#fafafa" '
           'stroke="#ccc"/>']

    def sx(x: float) -> float:
        return left + pw * (x + 0.5) / (x_max + 1)

    def sy(y: float) -> float:
        return top + ph * (1 - y)

    for x in range(x_max + 1):
        out.append(f'<text class="axis" x="{sx(x):.1f}" y="{top + ph + 16}" '
                   f'text-anchor="middle">{x}</text>')
    for k in range(6):
        y = k / 5
        out.append(f'<line x1="{left}" x2="{left + pw}" y1="{sy(y):.1f}" y2="{sy(y):.1f}" '
                   f'stroke="#e6e6e6"/><text class="axis" x="{left - 6}" y="{sy(y) + 4:.1f}" '
                   f'text-anchor="end">{y:.1f}</text>')
    out.append(f'<text class="axis" x="{left + pw / 2}" y="{top + ph + 34}" '
               f'text-anchor="middle">{escape(x_label)}</text>'
               f'<text class="axis" transform="rotate(-90)" x="{-(top + ph / 2)}" y="14" '
               f'text-anchor="middle">{escape(y_label)}</text>')
    for p in points:
        px = sx(p.x + _jitter(p.label))
        dot = (f'<circle class="point" cx="{px:.1f}" cy="{sy(min(max(p.y, 0.0), 1.0)):.1f}" '
               f'r="5" fill="{colour[p.series]}" fill-opacity="0.75" stroke="#fff">'
               f"<title>{escape(p.label)}</title></circle>")
        out.append(f'<a href="{escape(p.href)}">{dot}</a>' if p.href else dot)
    for k, s in enumerate(series):
        lx, ly = left + (k % 3) * 200, legend_top + 20 * (k // 3)
        out.append(f'<circle cx="{lx + 6}" cy="{ly + 6}" r="5" fill="{colour[s]}"/>'
                   f'<text class="axis" x="{lx + 16}" y="{ly + 10}">{_cut(s, 26)}</text>')
    out.append("</svg>")
    return "".join(out)


def _open(chart_id: str, width: float, height: float, title: str) -> str:
    return (f'<svg id="{escape(chart_id)}" class="chart" xmlns="http://www.w3.org/2000/svg" '
            f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>')


def _red(rate: float) -> str:
    """White at 0 to a strong red at 1: one hue, so darker always means more failures."""
    lo, hi = (255, 247, 243), (178, 24, 43)
    r, g, b = (round(a + (z - a) * rate) for a, z in zip(lo, hi, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def _status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, "#78909c")


def _status_order(status: str) -> tuple[int, str]:
    order = list(STATUS_COLOURS)
    return (order.index(status) if status in order else len(order), status)


def _jitter(label: str) -> float:
    """A fixed offset in [-0.3, 0.3] from the label, so the chart is the same every time."""
    h = sum((i + 1) * ord(c) for i, c in enumerate(label)) % 1000
    return (h / 999 - 0.5) * 0.6


def _cut(text: str, limit: int) -> str:
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")
