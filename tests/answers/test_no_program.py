"""Answers that hold no runnable program, and say why."""

from __future__ import annotations

import pytest

from .samples import ENTRY, STACK, fence, md, read


@pytest.mark.parametrize("text", [
    "Provide the answer here\n",
    "",
    md("Run this:\n", fence("pulumi up\n", "bash")),
    md("Java instead:\n", fence("class Main {}\n", "java")),
    md("Name resources like this:\n", fence("name = f'app-{environment_suffix}'\n")),
])
def test_no_python_code(text: str) -> None:
    p = read(text)
    assert not p.runnable and p.entry == "" and p.files == {}
    assert any(n.startswith("no program:") for n in p.notes)
    assert p.origin == "answer.md"


# --- excerpts: blocks cut out of a file to show a change ----------------------------------


def test_answer_made_of_excerpts_holds_no_program() -> None:
    export = "pulumi.export('bucket', stack.bucket.id)\n# ... more outputs\n"
    method = "self.bucket = aws.s3.Bucket(f'logs-{self.suffix}')\n"
    p = read(md("### Outputs added to tap.py\n", fence(export),
                "## File: lib/tap_stack.py\n", fence(method)))
    assert not p.runnable and p.entry == ""
    assert "no program: every Python file of the answer is an excerpt" in p.notes


def test_stack_class_given_without_its_imports_is_an_excerpt() -> None:
    classes = STACK.split("\n\n\n", 1)[1]
    p = read(md("The stack:\n", fence(classes)))
    assert not p.runnable
    assert any(n.startswith("excerpts, never run") and "pulumi" in n for n in p.notes)


def test_unparsable_excerpt_is_not_run_as_the_program() -> None:
    cut = "def __init__(self, name,\n             args: TapStackArgs,\n             ...\n"
    p = read(md("## File: lib/tap_stack.py\n", fence(cut)))
    assert not p.runnable
    assert any("imports nothing and does not parse" in n for n in p.notes)


def test_entry_that_creates_nothing_and_never_imports_pulumi_is_no_program() -> None:
    fix = "import sys\nsys.path.insert(0, os.path.dirname(__file__))\n"
    p = read(md("### 1. Import fix (tap.py)\n", fence(fix)))
    assert not p.runnable
    assert "no program: tap.py creates no resource and no file imports pulumi" in p.notes


def test_excerpt_that_the_program_imports_stays_in_it() -> None:
    """The run then fails inside the excerpt, at the line that uses what it never imports."""
    part = ("class TapStackArgs:\n"
            "    def __init__(self, environment_suffix: Optional[str] = None):\n"
            "        self.environment_suffix = environment_suffix\n")
    p = read(md("## File: lib/tap_stack.py\n", fence(part), "## File: tap.py\n", fence(ENTRY)))
    assert p.entry == "tap.py" and p.files["lib/tap_stack.py"] == part


def test_module_without_imports_that_defines_what_it_uses_is_whole() -> None:
    settings = 'REGION = "us-east-1"\nTAGS = {"Region": REGION, "Team": "tap"}\n'
    stack = "from lib.settings import TAGS\n" + STACK
    p = read(md("## lib/settings.py\n", fence(settings), "## lib/tap_stack.py\n", fence(stack),
                "## tap.py\n", fence(ENTRY)))
    assert p.files["lib/settings.py"] == settings and p.entry == "tap.py"
    assert not any("excerpt" in n for n in p.notes)


def test_answer_whose_only_block_is_a_requirements_file_has_no_python() -> None:
    p = read(md("## requirements.txt\n", fence("pulumi>=3\npulumi-aws>=6\n", "")))
    assert "no program: the answer has no Python code blocks" in p.notes
