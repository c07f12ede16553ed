"""Two small runs shared by the report tests: the same two tasks, answered by two models.

`model-a` leaves its KMS key without a policy and names its bucket statically; `model-b`
writes the key right and answers `beta` with broken code, so the report has passes,
fails, a program that did not run, and an unreadable case to keep apart.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from harness.runs.folder import RunData
from harness.runs.run import run

REFERENCE = textwrap.dedent('''
    import os
    import pulumi
    import pulumi_aws as aws

    env = os.environ.get("ENVIRONMENT_SUFFIX", "dev")
    key = aws.kms.Key(f"{env}-key", enable_key_rotation=True, policy="{}")
    bucket = aws.s3.Bucket(f"{env}-{NAME}", bucket=f"{env}-{NAME}-bucket")
    pulumi.export("bucket", bucket.id)
''')

ANSWERS = {
    "model-a": textwrap.dedent('''
        import pulumi
        import pulumi_aws as aws

        key = aws.kms.Key("key")
        bucket = aws.s3.Bucket("{NAME}", bucket="{NAME}-bucket")
        pulumi.export("bucket", bucket.id)
    '''),
    "model-b": textwrap.dedent('''
        import os
        import pulumi
        import pulumi_aws as aws

        env = os.environ.get("ENVIRONMENT_SUFFIX", "dev")
        key = aws.kms.Key(f"{env}-key", enable_key_rotation=True, policy="{}")
        bucket = aws.s3.Bucket(f"{env}-{NAME}", bucket=f"{env}-{NAME}-bucket")
        pulumi.export("bucket", bucket.id)
    '''),
}

BROKEN = "def broken(:\n    pass\n"


def write_case(root: Path, task: str, broken: set[str]) -> None:
    folder = root / task
    folder.mkdir(parents=True)
    (folder / "case.yaml").write_text(f"version: 1\ntask: {task}\nreference: reference.py\n")
    (folder / "reference.py").write_text(REFERENCE.replace("{NAME}", task))
    for model, text in ANSWERS.items():
        (folder / "answers" / model).mkdir(parents=True)
        body = BROKEN if model in broken else text.replace("{NAME}", task)
        (folder / "answers" / model / "1.md").write_text(
            f"Here is the program.\n\n## File: __main__.py\n\n```python\n{body}```\n")


@pytest.fixture(scope="session")
def case_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("report") / "cases"
    write_case(root, "alpha", set())
    write_case(root, "beta", {"model-b"})
    (root / "broken").mkdir()
    (root / "broken" / "case.yaml").write_text("version: 1\nreference: reference.py\n")
    return root


@pytest.fixture(scope="session")
def run_a(case_set: Path) -> RunData:
    return run([case_set], case_set.parent / "run-a", models=["model-a"], workers=2,
               cache_dir=case_set.parent / "cache")


@pytest.fixture(scope="session")
def run_b(case_set: Path, run_a: RunData) -> RunData:
    return run([case_set], case_set.parent / "run-b", models=["model-b"], workers=2,
               cache_dir=case_set.parent / "cache")
