"""A small case set written for the run tests: three tasks, two models, a broken case."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

REFERENCE = textwrap.dedent('''
    import os
    import pulumi
    import pulumi_aws as aws

    env = os.environ.get("ENVIRONMENT_SUFFIX", "dev")
    key = aws.kms.Key(f"{env}-key", enable_key_rotation=True, policy="{}")
    bucket = aws.s3.Bucket(f"{env}-{NAME}", bucket=f"{env}-{NAME}-bucket")
    pulumi.export("bucket", bucket.id)
''')

ANSWER = textwrap.dedent('''
    import pulumi
    import pulumi_aws as aws

    key = aws.kms.Key("key")
    bucket = aws.s3.Bucket("{NAME}", bucket="{NAME}-bucket")
    pulumi.export("bucket", bucket.id)
''')

CASE = "version: 1\ntask: {task}\nreference: reference.py\n"


def write_case(root: Path, task: str, models: dict[str, int]) -> Path:
    folder = root / task
    folder.mkdir(parents=True)
    (folder / "case.yaml").write_text(CASE.format(task=task))
    (folder / "reference.py").write_text(REFERENCE.replace("{NAME}", task))
    for model, samples in models.items():
        (folder / "answers" / model).mkdir(parents=True)
        for sample in range(1, samples + 1):
            text = ANSWER.replace("{NAME}", f"{task}{sample}")
            (folder / "answers" / model / f"{sample}.md").write_text(
                f"Here is the program.\n\n## File: __main__.py\n\n```python\n{text}```\n")
    return folder


@pytest.fixture
def case_set(tmp_path: Path) -> Path:
    root = tmp_path / "cases"
    write_case(root, "alpha", {"model-a": 2, "model-b": 1})
    write_case(root, "beta", {"model-a": 2, "model-b": 1})
    write_case(root, "gamma", {"model-a": 1})
    broken = root / "broken"
    broken.mkdir()
    (broken / "case.yaml").write_text("version: 1\nreference: reference.py\n")
    return root
