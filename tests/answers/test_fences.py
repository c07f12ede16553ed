"""Code fences as answers write them: languages, lengths, unclosed and nested fences."""

from __future__ import annotations

import textwrap

import pytest

from .samples import ENTRY, SCRIPT, STACK, assert_tap_layout, fence, md, read


@pytest.mark.parametrize("info", ["python", "py", "Python3", ""])
def test_languages(info: str) -> None:
    p = read(md("## lib/tap_stack.py\n", fence(STACK, info), "## tap.py\n", fence(ENTRY, info)))
    assert_tap_layout(p)


@pytest.mark.parametrize("ticks", [4, 6])
def test_long_fences_hold_short_ones(ticks: int) -> None:
    readme = "# Usage\n\n```bash\npulumi up\n```\n"
    p = read(md(
        "## README.md\n", fence(readme, "markdown", ticks),
        "## lib/tap_stack.py\n", fence(STACK, "python", ticks), "## tap.py\n", fence(ENTRY),
    ))
    assert_tap_layout(p)


def test_long_fence_closed_by_a_short_one() -> None:
    p = read("## lib/tap_stack.py\n````python\n" + STACK + "```\n\n## tap.py\n" + fence(ENTRY))
    assert_tap_layout(p)


def test_markdown_block_with_nested_fences() -> None:
    readme = "# Project\n\n```bash\npip install -r requirements.txt\n```\n\nThen deploy.\n"
    p = read(md(
        "## README.md\n", fence(readme, "markdown"),
        "## lib/tap_stack.py\n", fence(STACK), "## tap.py\n", fence(ENTRY),
    ))
    assert_tap_layout(p)


def test_indented_fences_inside_a_docstring_stay_in_the_file() -> None:
    code = STACK + '\n"""\nDeploy:\n     ```bash\n     pulumi up\n     ```\n"""\n'
    p = read(md("## lib/tap_stack.py\n", fence(code), "## tap.py\n", fence(ENTRY)))
    assert p.files["lib/tap_stack.py"] == code


def test_unclosed_fence_at_the_end() -> None:
    p = read(md("## lib/tap_stack.py\n", fence(STACK), "## tap.py\n", "```python\n" + ENTRY))
    assert_tap_layout(p)


def test_forgotten_close_before_the_next_block() -> None:
    text = "## lib/tap_stack.py\n```python\n" + STACK + "\n## tap.py\n" + fence(ENTRY)
    p = read(text)
    assert p.files["tap.py"] == ENTRY
    assert p.files["lib/tap_stack.py"].startswith(STACK)


def test_indented_fences_under_a_list_item() -> None:
    indented = textwrap.indent(fence(STACK), "   ")
    p = read(md("1. `lib/tap_stack.py`\n", indented, "2. `tap.py`\n", fence(ENTRY)))
    assert p.files["lib/tap_stack.py"] == STACK


def test_answer_without_fences_that_is_python() -> None:
    p = read(SCRIPT)
    assert p.files == {"__main__.py": SCRIPT}
    assert p.entry == "__main__.py"
    assert any("no code fences" in n for n in p.notes)
