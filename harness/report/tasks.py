"""One section per answer program: its probes, the twelve verdicts with evidence, its diff.

Evidence is shown as the checks wrote it (note, source line, resource, property, value)
so that a reader can agree or disagree with a verdict without opening the run folder.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

import pandas as pd

from harness.diff import GraphDiff, render_text
from harness.report.data import Source, diff_of
from harness.report.page import table, td
from scoring.api import CATEGORIES

#: Evidence items shown before the rest fold into a <details>.
SHOWN_EVIDENCE = 3
#: Lines of diff text kept per task; the whole diff is `GraphDiff.to_json`.
MAX_DIFF_LINES = 400
MAX_VALUE = 120


def task_section(src: Source, answer: Any) -> str:
    """The section of one row of `data.answers`."""
    run = src.run
    f = run.findings
    mine = f[(f["task"] == answer.task) & (f["model"] == answer.model)
             & (f["sample"] == answer.sample)]
    order = {c: i for i, c in enumerate(CATEGORIES)}
    mine = mine.sort_values("category", key=lambda s: s.map(lambda c: order.get(c, 99)))
    where = f" ({escape(src.label)})" if src.label else ""
    sim = "" if pd.isna(answer.similarity) else f", similarity {answer.similarity:.3f}"
    head = (f'<section class="task" id="{escape(answer.anchor)}"><h3>{escape(answer.task)} · '
            f"{escape(answer.model)} #{answer.sample}{where}</h3>"
            f"<p>status <b>{escape(answer.status)}</b>{sim}; {answer.failed} failed "
            f"({answer.failed_relative} against the reference), {answer.passed} passed"
            + (f", {answer.harness_errors} harness errors" if answer.harness_errors else "")
            + "</p>")
    parts = [head, _probes(src, answer)]
    if mine.empty:
        parts.append("<p class=muted>No verdicts: the program was not scored.</p>")
    else:
        rows = [[escape(str(r.category)), _verdict(r.verdict), _verdict(r.reference_verdict),
                 _verdict(r.relative_verdict), _evidence(str(r.evidence))]
                for r in mine.itertuples()]
        parts.append(table(["category", "verdict", "reference", "relative", "evidence"],
                           rows))
    parts.append(_diff_block(src, answer))
    return "".join(parts) + "</section>"


def _probes(src: Source, answer: Any) -> str:
    p = src.run.programs
    rows = p[(p["task"] == answer.task) & (p["model"] == answer.model)
             & (p["sample"] == answer.sample) & (p["role"] == "answer")]
    items = []
    for r in rows.itertuples():
        text = f"{escape(str(r.probe or 'case'))}: <b>{escape(str(r.status))}</b>"
        if r.error:
            loc = f" at {r.error_location}" if r.error_location else ""
            text += f" <span class=muted>({escape(_cut(str(r.error), 200))}{escape(loc)})</span>"
        items.append(f"<li>{text}</li>")
    if not items:
        return ""
    return f"<details><summary>Probes ({len(items)})</summary><ul>{''.join(items)}</ul></details>"


def _verdict(verdict: str) -> str:
    return td(escape(verdict), cls=f"v-{escape(verdict)}")


def _evidence(raw: str) -> str:
    try:
        items = json.loads(raw) if raw else []
    except ValueError:
        return f"<code>{escape(_cut(raw, 400))}</code>"
    if not isinstance(items, list) or not items:
        return '<span class="muted">–</span>'
    lines = [f"<li>{_one(e)}</li>" for e in items]
    shown = "".join(lines[:SHOWN_EVIDENCE])
    rest = lines[SHOWN_EVIDENCE:]
    more = (f"<details><summary>{len(rest)} more</summary>"
            f'<ul class="evidence">{"".join(rest)}</ul></details>') if rest else ""
    return f'<ul class="evidence">{shown}</ul>{more}'


def _one(e: Any) -> str:
    if not isinstance(e, dict):
        return escape(_cut(str(e), MAX_VALUE))
    out = escape(str(e.get("note", "")))
    facts = []
    if e.get("source"):
        facts.append(f"at <code>{escape(str(e['source']))}</code>")
    if e.get("urn"):
        name = str(e["urn"]).rsplit("::", 1)[-1]
        facts.append(f"<code>{escape(str(e.get('type') or ''))} {escape(name)}</code>")
    if e.get("path"):
        value = e.get("value")
        shown = "" if value is None else f" = {escape(_short(value))}"
        facts.append(f"<code>{escape(str(e['path']))}</code>{shown}")
    elif e.get("value") is not None:
        facts.append(f"value {escape(_short(e['value']))}")
    return out + (f' <span class="muted">({"; ".join(facts)})</span>' if facts else "")


def _diff_block(src: Source, answer: Any) -> str:
    if answer.status == "invalid_case" or not answer.reference_hash:
        return ""
    graph_diff = diff_of(src.run, str(answer.program_hash), str(answer.reference_hash))
    if graph_diff is None:
        return "<p class=muted>Graph diff: the saved graphs are not in the run folder.</p>"
    return (f"<details><summary>Graph diff against the reference: {_diff_line(graph_diff)}"
            f"</summary>{diff_pre(graph_diff)}</details>")


def _diff_line(d: GraphDiff) -> str:
    f = d.figures
    changed = sum(1 for m in d.matches if m.changes)
    return (f"similarity {f.similarity:.3f}; {f.matched_resources} of "
            f"{f.reference_resources} reference resources matched, {len(d.missing)} missing, "
            f"{len(d.extra)} extra, {changed} changed")


def diff_pre(d: GraphDiff) -> str:
    """`render_text` in a <pre>, its lines coloured by sign (- missing, + extra, ~ changed)."""
    lines = render_text(d).rstrip("\n").splitlines()
    cut = len(lines) - MAX_DIFF_LINES
    lines = lines[:MAX_DIFF_LINES]
    out = []
    for line in lines:
        mark = line.lstrip()[:1]
        cls = {"-": "minus", "+": "plus", "~": "tilde"}.get(mark, "")
        if line and not line[0].isspace():
            cls = "head"
        out.append(f'<span class="{cls}">{escape(line)}</span>' if cls else escape(line))
    if cut > 0:
        out.append(f"... {cut} more lines")
    return '<pre class="diff">' + "\n".join(out) + "</pre>"


def _short(value: Any) -> str:
    """Compact JSON; a URN as its last part (type and name say which resource it is)."""
    if isinstance(value, str) and value.startswith("urn:pulumi:"):
        return value.rsplit("::", 1)[-1]
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)
    return _cut(text, MAX_VALUE)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
