"""Where answers write a block's file path: headings, labels, comments, separators."""

from __future__ import annotations

import pytest

from .samples import ENTRY, STACK, assert_tap_layout, fence, md, read


def test_file_heading() -> None:
    p = read(md("## File: lib/tap_stack.py\n", fence(STACK), "## File: tap.py\n", fence(ENTRY)))
    assert_tap_layout(p)
    assert p.origin == "answer.md"


def test_bare_path_heading() -> None:
    p = read(md("### lib/tap_stack.py\n", fence(STACK), "### tap.py\n", fence(ENTRY)))
    assert_tap_layout(p)


def test_bold_file_label() -> None:
    p = read(md("**File: lib/tap_stack.py**\n", fence(STACK), "**File: tap.py**\n", fence(ENTRY)))
    assert_tap_layout(p)


def test_bold_path() -> None:
    p = read(md("**lib/tap_stack.py**\n", fence(STACK), "**tap.py**\n", fence(ENTRY)))
    assert_tap_layout(p)


def test_backticked_path_in_the_line_before() -> None:
    p = read(md(
        "Create `lib/tap_stack.py`:\n", fence(STACK),
        "### 2. Entry point (`tap.py`)\n", fence(ENTRY),
    ))
    assert_tap_layout(p)


def test_heading_then_paragraph_then_block() -> None:
    p = read(md(
        "## lib/tap_stack.py\n", "The component that holds every resource.\n", fence(STACK),
        "## tap.py\n", fence(ENTRY),
    ))
    assert_tap_layout(p)


def test_first_line_comment() -> None:
    p = read(md(fence("# lib/tap_stack.py\n" + STACK), fence("# File: tap.py\n" + ENTRY)))
    assert p.files["lib/tap_stack.py"].startswith("# lib/tap_stack.py\n")
    assert p.files["tap.py"].startswith("# File: tap.py\n")
    assert p.entry == "tap.py"


def test_first_line_comment_beats_a_sentence_that_mentions_another_file() -> None:
    test_code = "# tests/test_stack.py\nimport pytest\n\n\ndef test_it():\n    assert True\n"
    p = read(md(
        "## lib/tap_stack.py\n", fence(STACK), "## tap.py\n", fence(ENTRY),
        "Now the tests, which exercise the classes of lib/tap_stack.py in depth:\n",
        fence(test_code),
    ))
    assert p.files["lib/tap_stack.py"] == STACK
    assert "dropped 1 test file(s)" in p.notes


def test_separator_lines_between_blocks() -> None:
    p = read(md("=== lib/tap_stack.py ===\n", fence(STACK), "=== tap.py ===\n", fence(ENTRY)))
    assert_tap_layout(p)


def test_separator_lines_inside_one_block() -> None:
    block = "=== lib/tap_stack.py ===\n" + STACK + "\n=== tap.py ===\n" + ENTRY
    p = read(fence(block))
    assert p.files["lib/tap_stack.py"].strip() == STACK.strip()
    assert p.files["tap.py"] == ENTRY


def test_path_comments_split_one_block_into_files() -> None:
    block = "# lib/tap_stack.py\n" + STACK + "\n# lib/helpers.py\ndef tags():\n    return {}\n"
    p = read(md("Everything in one go:\n", fence(block), "## tap.py\n", fence(ENTRY)))
    assert p.files["lib/helpers.py"].startswith("# lib/helpers.py\n")
    assert "def tags" not in p.files["lib/tap_stack.py"]


def test_module_starts_inside_one_block() -> None:
    helper = '"""\nhelpers.py\n\nShared tags.\n"""\nimport pulumi\n\n\ndef tags():\n    return {}\n'
    entry = "# main.py\n" + '"""Entry."""\nimport pulumi\nfrom helpers import tags\n'
    stack = "# tap.py comments are just comments\n" + STACK
    p = read(md("## lib/tap_stack.py\n", fence(stack + helper + "\n" + entry)))
    assert p.files["lib/tap_stack.py"] == stack
    assert p.files["helpers.py"] == helper
    assert p.files["main.py"] == entry


def test_path_inside_a_docstring_does_not_split_the_block() -> None:
    code = '"""\ntap_stack.py\n\nThe stack.\n"""\n' + STACK
    p = read(md("## File: lib/tap_stack.py\n", fence(code), "## File: tap.py\n", fence(ENTRY)))
    assert p.files["lib/tap_stack.py"] == code


def test_path_after_the_language() -> None:
    p = read(md(fence(STACK, "python lib/tap_stack.py"), fence(ENTRY, 'python title="tap.py"')))
    assert_tap_layout(p)


def test_windows_paths() -> None:
    p = read(md("## File: lib\\tap_stack.py\n", fence(STACK), "## File: .\\tap.py\n", fence(ENTRY)))
    assert_tap_layout(p)


@pytest.mark.parametrize("label", [
    "## File: lib/**init**.py",
    "## File: lib/\\_\\_init\\_\\_.py",
    "## File: lib\\*\\*init\\*\\*.py",
    "## File: lib\\\\__init__.py",
    "4. lib_init\\_\\_.py",
])
def test_escaped_dunder_names(label: str) -> None:
    init = "from lib.tap_stack import TapStack\n"
    p = read(md(label + "\n", fence(init), "## lib/tap_stack.py\n", fence(STACK),
                "## tap.py\n", fence(ENTRY)))
    assert p.files["lib/__init__.py"] == init


def test_docstring_written_above_the_fence_belongs_to_the_file() -> None:
    doc = '"""\ntap_stack.py\n\nThe whole stack.\n"""\n'
    text = doc + fence(STACK) + "## tap.py\n" + fence(ENTRY)
    p = read(text)
    assert p.files["lib/tap_stack.py"].startswith('"""\ntap_stack.py')
    assert p.files["lib/tap_stack.py"].endswith(STACK)


def test_typos_in_labels() -> None:
    p = read(md("## lib\\tap_stack,py\n", fence(STACK), "## tap.py.py\n", fence(ENTRY)))
    assert_tap_layout(p)


def test_doubled_docstring_quote_does_not_split_the_file() -> None:
    """The file name on the docstring's first line is not a new file's label."""
    doubled = '"""\n"""\ntap_stack.py\n\nThe stack.\n"""\n' + STACK
    p = read(md("## File: lib/tap_stack.py\n", fence(doubled), "## File: tap.py\n", fence(ENTRY)))
    assert set(p.files) == {"lib/tap_stack.py", "lib/__init__.py", "tap.py"}
    assert p.files["lib/tap_stack.py"].endswith("The stack.\n\"\"\"\n" + STACK)
    assert p.entry == "tap.py"
