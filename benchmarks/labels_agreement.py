"""Agreement between a run's absolute verdicts and the corpus's hand labels.

`labels-dev.jsonl` (beside the corpus) labels both sides of some corpus tasks on the
twelve categories. Side `model` is the run's model `corpus` (MODEL_RESPONSE.md); side
`ideal` is the run's model `ideal` (made with `--reference-as ideal`) or, where the
run has no such model, the `reference_verdict` column. Label `na` is verdict
`not_applicable`.

The figures are split by the program's baseline status: programs that ran `ok` were
judged by the checks; a program that did not run is not scored (every category
`not_applicable`), while the labels judged it by reading its code, so disagreements
there measure the mocks and the answer parsing, not the checks.

Prints agreement per category and side, overall figures, a confusion table (label ×
verdict), and every disagreement with the label's evidence and the check's first note.
Skips with a clear message where the corpus is not beside the project.

`--sample N` instead draws N `pass`/`fail` findings of the run (both models) for reading
by hand: one per category first, so that every category with such a verdict appears,
then the rest at random; `--seed` fixes the draw (docs/scoring.md records one).

    .venv/bin/python benchmarks/labels_agreement.py RUN_DIR [--labels PATH] [--csv OUT]
    .venv/bin/python benchmarks/labels_agreement.py RUN_DIR --sample 20 [--seed 20261129]
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harness.runs.folder import RunFolderError, load_run  # noqa: E402
from scoring.api import CATEGORIES  # noqa: E402

DEFAULT_LABELS = ROOT.parent / "shared" / "corpus" / "labels-dev.jsonl"
#: Label side → run model.
SIDE_MODEL = {"model": "corpus", "ideal": "ideal"}
LABEL_TO_VERDICT = {"pass": "pass", "fail": "fail", "na": "not_applicable"}
#: Verdict shown where the run has no finding for a labelled program.
MISSING = "missing"
VERDICT_ORDER = ["pass", "fail", "not_applicable", "error", MISSING]


def read_labels(path: Path) -> pd.DataFrame:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    frame = pd.DataFrame(rows)
    if "no_program" not in frame.columns:
        frame["no_program"] = False
    frame["no_program"] = frame["no_program"].fillna(False).astype(bool)
    unknown = set(frame["verdict"]) - set(LABEL_TO_VERDICT)
    if unknown:
        raise ValueError(f"{path}: unknown label verdicts {sorted(unknown)}")
    frame["label"] = frame["verdict"].map(LABEL_TO_VERDICT)
    return frame.drop(columns=["verdict"])


def first_note(evidence: Any) -> str:
    """The check's evidence, shortened: the first note and how many facts follow."""
    if not isinstance(evidence, str) or not evidence:
        return ""
    try:
        items = json.loads(evidence)
    except ValueError:
        return evidence[:200]
    if not items:
        return ""
    head = items[0]
    text = str(head.get("note", ""))
    where = head.get("urn") or head.get("source")
    if head.get("path"):
        text += f" [{head['path']}={json.dumps(head.get('value'))[:80]}]"
    if where:
        text += f" @ {str(where).rsplit('::', 1)[-1]}"
    if len(items) > 1:
        text += f" (+{len(items) - 1} more)"
    return text


def run_verdicts(findings: pd.DataFrame, programs: pd.DataFrame) -> pd.DataFrame:
    """One row per (case, side, category): the run's verdict, the check's evidence, status."""
    first = findings.sort_values("sample").drop_duplicates(["task", "model", "category"])
    parts = []
    for side, model in SIDE_MODEL.items():
        part = first[first["model"] == model]
        parts.append(pd.DataFrame({
            "case": part["task"], "side": side, "category": part["category"],
            "run_verdict": part["verdict"], "check_evidence": part["evidence"].map(first_note),
            "status": part["status"]}))
    out = pd.concat(parts, ignore_index=True)
    if "ideal" in set(first["model"]):
        return out
    # No `ideal` model in the run: the reference's verdicts travel on the corpus rows.
    ref = first[first["model"] == SIDE_MODEL["model"]]
    base = programs[(programs["role"] == "reference") & (programs["probe"] == "baseline")]
    status = base.drop_duplicates("task").set_index("task")["status"]
    ideal = pd.DataFrame({
        "case": ref["task"], "side": "ideal", "category": ref["category"],
        "run_verdict": ref["reference_verdict"], "check_evidence": "",
        "status": ref["task"].map(status).fillna("")})
    return pd.concat([out[out["side"] != "ideal"], ideal], ignore_index=True)


def case_statuses(programs: pd.DataFrame) -> dict[str, str]:
    """Status of cases the run could not read (role `case`), to explain missing rows."""
    rows = programs[programs["role"] == "case"]
    return {str(t): str(s) for t, s in zip(rows["task"], rows["status"], strict=True)}


def merge(labels: pd.DataFrame, verdicts: pd.DataFrame,
          unreadable: dict[str, str]) -> pd.DataFrame:
    table = labels.merge(verdicts, on=["case", "side", "category"], how="left")
    missing = table["run_verdict"].isna()
    table.loc[missing, "run_verdict"] = MISSING
    table.loc[missing, "status"] = table.loc[missing, "case"].map(unreadable).fillna("absent")
    table["check_evidence"] = table["check_evidence"].fillna("")
    table["ran_ok"] = table["status"] == "ok"
    table["agree"] = table["label"] == table["run_verdict"]
    return table


def share(part: pd.DataFrame) -> str:
    if part.empty:
        return "-"
    return f"{part['agree'].mean() * 100:.0f}% ({int(part['agree'].sum())}/{len(part)})"


def per_category(table: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for category in CATEGORIES:
        part = table[table["category"] == category]
        rows.append({"category": category,
                     "model": share(part[part["side"] == "model"]),
                     "ideal": share(part[part["side"] == "ideal"]),
                     "both": share(part)})
    rows.append({"category": "all", "model": share(table[table["side"] == "model"]),
                 "ideal": share(table[table["side"] == "ideal"]), "both": share(table)})
    return pd.DataFrame(rows).set_index("category")


def confusion(table: pd.DataFrame) -> pd.DataFrame:
    frame = pd.crosstab(table["label"], table["run_verdict"], margins=True, margins_name="all")
    cols = [c for c in VERDICT_ORDER if c in frame.columns] + ["all"]
    rows = [r for r in ("pass", "fail", "not_applicable") if r in frame.index] + ["all"]
    return frame.reindex(index=rows, columns=cols, fill_value=0)


def section(title: str, table: pd.DataFrame) -> None:
    programs = table.drop_duplicates(["case", "side"])
    print(f"\n## {title}: {len(programs)} programs, {len(table)} labels\n")
    if table.empty:
        print("(none)")
        return
    print(per_category(table).to_string())
    print("\nlabel × verdict:")
    print(confusion(table).to_string())
    scored = table[table["label"] != "not_applicable"]
    print(f"\nagreement where the label is pass/fail: {share(scored)}")


def disagreements(table: pd.DataFrame, width: int) -> None:
    wrong = table[~table["agree"]].sort_values(["ran_ok", "category", "case", "side"],
                                               ascending=[False, True, True, True])
    print(f"\n## Disagreements: {len(wrong)} "
          f"({int(wrong['ran_ok'].sum())} on programs that ran ok)")
    for ran_ok, group in wrong.groupby("ran_ok", sort=False):
        print("\n### " + ("programs that ran ok" if ran_ok else "programs that did not run ok"))
        for r in group.itertuples():
            print(f"\n{r.case} {r.side} {r.category}: label {r.label}, verdict "
                  f"{r.run_verdict} (status {r.status}, confidence {r.confidence})")
            print(textwrap.fill(f"label: {r.evidence}", width, initial_indent="  ",
                                subsequent_indent="    "))
            if r.check_evidence:
                print(textwrap.fill(f"check: {r.check_evidence}", width, initial_indent="  ",
                                    subsequent_indent="    "))


def hand_sample(findings: pd.DataFrame, n: int, seed: int) -> pd.DataFrame:
    """N judged findings: one per category (as far as N allows), then the rest at random."""
    pool = findings[findings["verdict"].isin(["pass", "fail"])].reset_index(drop=True)
    first = pool.groupby("category", group_keys=False).sample(n=1, random_state=seed)
    first = first.sample(n=min(n, len(first)), random_state=seed)
    rest = pool.drop(first.index)
    rest = rest.sample(n=min(n - len(first), len(rest)), random_state=seed)
    return pd.concat([first, rest]).sort_values(["category", "task", "model"])


def print_sample(findings: pd.DataFrame, n: int, seed: int, width: int) -> None:
    sample = hand_sample(findings, n, seed)
    print(f"# {len(sample)} findings to read by hand (seed {seed})")
    for r in sample.itertuples():
        print(f"\n{r.task} {r.model} {r.category}: {r.verdict} (reference {r.reference_verdict},"
              f" check v{r.check_version})")
        print(textwrap.fill(first_note(r.evidence), width, initial_indent="  ",
                            subsequent_indent="    "))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_dir", help="a run folder made on ../shared/corpus/pulumi-py")
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--csv", type=Path, help="also write the merged table here")
    parser.add_argument("--width", type=int, default=110)
    parser.add_argument("--sample", type=int, default=0,
                        help="draw this many pass/fail findings to read by hand instead")
    parser.add_argument("--seed", type=int, default=20261129)
    args = parser.parse_args()
    if not args.labels.is_file():
        print(f"skipped: the corpus labels are not at {args.labels}")
        return 0
    try:
        run = load_run(args.run_dir)
    except RunFolderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.sample:
        print_sample(run.findings, args.sample, args.seed, args.width)
        return 0
    labels = read_labels(args.labels)
    verdicts = run_verdicts(run.findings, run.programs)
    table = merge(labels, verdicts, case_statuses(run.programs))
    if args.csv:
        table.to_csv(args.csv, index=False)
    checks = run.manifest.get("checks", {})
    print(f"# Label agreement: {args.run_dir}")
    print(f"labels: {args.labels} ({labels['case'].nunique()} cases, {len(labels)} labels)")
    print("check versions: " + ", ".join(f"{k} {v}" for k, v in sorted(checks.items())))
    ok = table[table["ran_ok"]]
    section("Programs that ran ok (judged by the checks)", ok)
    section("Programs that did not run ok (not scored: every category not_applicable)",
            table[~table["ran_ok"]])
    section("All labelled programs", table)
    programs = table.drop_duplicates(["case", "side"])
    per_status = pd.DataFrame({
        "programs": programs.groupby(["side", "status"]).size(),
        "disagreements": table[~table["agree"]].groupby(["side", "status"]).size(),
    }).fillna(0).astype(int)
    print("\nprograms and disagreements per side and status:")
    print(per_status.to_string())
    disagreements(table, args.width)
    return 0


if __name__ == "__main__":
    sys.exit(main())
