"""Reading markdown answers into programs: one test per convention answers use."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from harness.answers import program_from_markdown
from harness.program import Program

STACK = '''\
import pulumi


class TapStackArgs:
    def __init__(self, environment_suffix=None, tags=None):
        self.environment_suffix = environment_suffix or "dev"
        self.tags = tags or {}


class TapStack(pulumi.ComponentResource):
    def __init__(self, name, args, opts=None):
        super().__init__("tap:stack:TapStack", name, None, opts)
        print("STARTED", name, args.environment_suffix)
'''

ENTRY = '''\
import pulumi
from lib.tap_stack import TapStack, TapStackArgs

stack = TapStack("TapStackdev", TapStackArgs(environment_suffix="dev"))
'''

SCRIPT = '''\
import pulumi
import pulumi_aws as aws

bucket = aws.s3.Bucket("logs")
pulumi.export("bucket", bucket.id)
'''


def fence(code: str, info: str = "python", ticks: int = 3) -> str:
    return f"{'`' * ticks}{info}\n{code}{'`' * ticks}\n"


def md(*parts: str) -> str:
    return "\n".join(textwrap.dedent(p) for p in parts)


def read(text: str) -> Program:
    return program_from_markdown(text, origin="answer.md")


def assert_tap_layout(p: Program) -> None:
    assert p.files["lib/tap_stack.py"] == STACK
    assert p.files["tap.py"] == ENTRY
    assert p.entry == "tap.py"
    assert p.runnable


# --- where the path is written ------------------------------------------------------


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


# --- fences -------------------------------------------------------------------------


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


# --- which blocks are files -----------------------------------------------------------


def test_project_files_kept_and_shell_json_yaml_snippets_ignored() -> None:
    pulumi_yaml = "name: tap\nruntime: python\nmain: tap.py\n"
    p = read(md(
        "## Pulumi.yaml\n", fence(pulumi_yaml, "yaml"),
        "## requirements.txt\n", fence("pulumi>=3.0.0,<4.0.0\npulumi-aws>=6\n", "text"),
        "Deploy with:\n", fence("pulumi up --yes\n", "bash"),
        "Example output:\n", fence('{"bucket": "logs-123"}\n', "json"),
        "Stack settings:\n", fence("config:\n  aws:region: us-east-1\n", "yaml"),
        "## lib/tap_stack.py\n", fence(STACK), "## tap.py\n", fence(ENTRY),
    ))
    assert set(p.files) == {"Pulumi.yaml", "requirements.txt", "lib/__init__.py",
                            "lib/tap_stack.py", "tap.py"}
    assert p.files["Pulumi.yaml"] == pulumi_yaml


def test_pulumi_yaml_main_is_the_entry_point() -> None:
    pulumi_yaml = "name: tap\nruntime: python\nmain: infra/\n"
    p = read(md("## Pulumi.yaml\n", fence(pulumi_yaml, "yaml"), "## infra/__main__.py\n",
                fence(SCRIPT), "## tap.py\n", fence(SCRIPT)))
    assert p.entry == "infra/__main__.py"


def test_pulumi_yaml_fragment_is_not_a_project_file() -> None:
    p = read(md("Add this to your Pulumi.yaml:\n", fence("config:\n  env: dev\n", "yaml"),
                "## __main__.py\n", fence(SCRIPT)))
    assert "Pulumi.yaml" not in p.files


def test_reasoning_trace_drafts_are_ignored() -> None:
    draft = "import pulumi\nimport pulumi_aws as aws\n\naws.s3.Bucket('draft')\n"
    p = read(md(
        "### Reasoning Trace\n", "Let me sketch it first.\n", "## __main__.py\n", fence(draft),
        "### Answer\n", "## lib/tap_stack.py\n", fence(STACK), "## tap.py\n", fence(ENTRY),
    ))
    assert "__main__.py" not in p.files
    assert_tap_layout(p)
    assert "ignored 1 code block(s) of the reasoning trace" in p.notes


def test_last_of_several_versions_is_kept() -> None:
    old = STACK.replace('"dev"', '"old"')
    p = read(md("## lib/tap_stack.py\n", fence(old), "## lib/tap_stack.py\n", fence(STACK),
                "## tap.py\n", fence(ENTRY)))
    assert p.files["lib/tap_stack.py"] == STACK
    assert "kept last of 2 versions of lib/tap_stack.py" in p.notes


def test_fragment_quoted_after_the_file_does_not_replace_it() -> None:
    fragment = "        self.tags = {**self.tags, 'Owner': 'team'}\n"
    p = read(md("## lib/tap_stack.py\n", fence(STACK), "## tap.py\n", fence(ENTRY),
                "The key change in lib/tap_stack.py:\n", fence(fragment)))
    assert p.files["lib/tap_stack.py"] == STACK


def test_label_copied_onto_another_module() -> None:
    other = "import pulumi\n\n\nclass Monitoring:\n    pass\n"
    stack = "from lib.monitoring import Monitoring\n" + STACK
    p = read(md("## lib/tap_stack.py\n", fence(stack), "## lib/tap_stack.py\n", fence(other),
                "## tap.py\n", fence(ENTRY)))
    assert p.files["lib/tap_stack.py"] == stack
    assert p.files["lib/monitoring.py"] == other


def test_test_files_are_dropped() -> None:
    test = "import unittest\n\n\nclass TestStack(unittest.TestCase):\n    pass\n"
    p = read(md("## lib/tap_stack.py\n", fence(STACK), "## tap.py\n", fence(ENTRY),
                "## tests/unit/test_tap_stack.py\n", fence(test), "## test_more.py\n", fence(test)))
    assert not any("test" in path for path in p.files)
    assert "dropped 2 test file(s)" in p.notes


def test_one_unnamed_block_is_the_program() -> None:
    p = read("Here is the program:\n\n" + fence(SCRIPT))
    assert p.files == {"__main__.py": SCRIPT}
    assert p.entry == "__main__.py"
    assert "guessed path __main__.py for an unnamed block" in p.notes


def test_unnamed_program_and_snippets_among_named_modules() -> None:
    helper = "def tags():\n    return {'Team': 'infra'}\n"
    program = "import pulumi\nimport pulumi_aws as aws\nfrom lib.helpers import tags\n\n" \
              "aws.s3.Bucket('logs', tags=tags())\n"
    p = read(md("## lib/helpers.py\n", fence(helper), "Then:\n", fence(program),
                "For example, to add a tag:\n", fence("tags()['Owner'] = 'me'\n")))
    assert p.files["__main__.py"] == program
    assert p.entry == "__main__.py"
    assert "dropped 1 unnamed snippet(s)" in p.notes


def test_unnamed_module_placed_where_it_is_imported() -> None:
    p = read(md("## tap.py\n", fence(ENTRY), "And the stack:\n", fence(STACK)))
    assert p.files["lib/tap_stack.py"] == STACK
    assert p.entry == "tap.py"


# --- placing files where imports look for them -----------------------------------------


def test_paths_relative_to_lib_follow_the_imports() -> None:
    network = "import pulumi\n\n\nclass Network(pulumi.ComponentResource):\n    pass\n"
    stack = "from lib.components.network import Network\n" + STACK
    p = read(md("## tap_stack.py\n", fence(stack), "## components/network.py\n", fence(network),
                "## tap.py\n", fence(ENTRY)))
    assert p.files["lib/tap_stack.py"] == stack
    assert p.files["lib/components/network.py"] == network
    assert p.files["lib/__init__.py"] == "" and p.files["lib/components/__init__.py"] == ""
    assert "moved tap_stack.py to lib/tap_stack.py to match `import lib.tap_stack`" in p.notes


def test_a_path_is_never_shortened_to_satisfy_an_import() -> None:
    entry = "from tap_stack import TapStack, TapStackArgs\nTapStack('s', TapStackArgs())\n"
    p = read(md("## lib/tap_stack.py\n", fence(STACK), "## tap.py\n", fence(entry)))
    assert "lib/tap_stack.py" in p.files and "tap_stack.py" not in p.files


def test_misspelt_file_name_matches_its_import() -> None:
    stack = "from lib.lambda_functions import handler_code\n" + STACK
    p = read(md("## lib/tap_stack.py\n", fence(stack), "## lib/lamda_functions.py\n",
                fence("def handler_code():\n    return ''\n"), "## tap.py\n", fence(ENTRY)))
    assert "lib/lambda_functions.py" in p.files
    assert any(n.startswith("renamed lib/lamda_functions.py") for n in p.notes)


def test_package_files_without_their_folder_go_under_lib() -> None:
    init = "from .tap_stack import TapStack, TapStackArgs\n"
    p = read(md("## __init__.py\n", fence(init), "## tap_stack.py\n", fence(STACK)))
    assert set(p.files) == {"lib/__init__.py", "lib/tap_stack.py", "__main__.py"}


def test_relative_imports_at_the_top_mean_a_package() -> None:
    network = "import pulumi\n\n\nclass Network(pulumi.ComponentResource):\n    pass\n"
    stack = "from .components.network import Network\n" + STACK
    p = read(md("## tap_stack.py\n", fence(stack), "## components/network.py\n", fence(network),
                "## tap.py\n", fence(ENTRY)))
    assert p.files["lib/components/network.py"] == network
    assert p.files["tap.py"] == ENTRY


# --- entry points ------------------------------------------------------------------------


def run_entry(p: Program, tmp_path: Path, suffix: str = "pr7") -> str:
    """Run the program's entry point under Pulumi mocks in a child process."""
    for path, text in p.files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    runner = textwrap.dedent(f"""
        import runpy, sys
        import pulumi
        class Mocks(pulumi.runtime.Mocks):
            def new_resource(self, args):
                return [args.name + "-id", args.inputs]
            def call(self, args):
                return {{}}
        pulumi.runtime.set_mocks(Mocks(), preview=False)
        sys.path.insert(0, ".")
        runpy.run_path({p.entry!r}, run_name="__main__")
    """)
    done = subprocess.run([sys.executable, "-c", runner], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120, env={"ENVIRONMENT_SUFFIX": suffix})
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_stack_never_started_gets_a_synthesised_entry(tmp_path: Path) -> None:
    p = read(md("## File: lib/tap_stack.py\n", fence(STACK)))
    assert p.entry == "__main__.py"
    assert "synthesised entry point __main__.py calling TapStack" in p.notes
    code = p.files["__main__.py"]
    assert "from lib.tap_stack import TapStack, TapStackArgs" in code
    assert ('stack = TapStack(f"TapStack{environment_suffix}", '
            'TapStackArgs(environment_suffix=environment_suffix))') in code
    assert run_entry(p, tmp_path).strip() == "STARTED TapStackpr7 pr7"


def test_synthesis_follows_the_signatures() -> None:
    stack = textwrap.dedent('''\
        from dataclasses import dataclass
        import pulumi

        @dataclass
        class WebStackProps:
            region: str = "us-east-1"

        class WebStack(pulumi.ComponentResource):
            def __init__(self, stack_name: str, props: WebStackProps, *, opts=None):
                super().__init__("web:Stack", stack_name, None, opts)
        ''')
    p = read(md("## infra/web_stack.py\n", fence(stack)))
    assert "from infra.web_stack import WebStack, WebStackProps" in p.files["__main__.py"]
    assert 'stack = WebStack(f"WebStack{environment_suffix}", WebStackProps())' in p.files[
        "__main__.py"]


def test_synthesis_without_an_args_class_passes_the_name_only() -> None:
    stack = textwrap.dedent('''\
        import pulumi

        class TapStack(pulumi.ComponentResource):
            def __init__(self, name, opts=None):
                super().__init__("tap:Stack", name, None, opts)
        ''')
    p = read(md("## lib/tap_stack.py\n", fence(stack)))
    assert 'stack = TapStack(f"TapStack{environment_suffix}")' in p.files["__main__.py"]


def test_synthesis_passes_the_suffix_where_the_stack_takes_it() -> None:
    stack = textwrap.dedent('''\
        import pulumi

        class TapStack(pulumi.ComponentResource):
            def __init__(self, name: str, environment_suffix: str, opts=None):
                super().__init__("tap:Stack", name, None, opts)
        ''')
    p = read(md("## lib/tap_stack.py\n", fence(stack)))
    assert ('stack = TapStack(f"TapStack{environment_suffix}", environment_suffix)'
            in p.files["__main__.py"])


def test_inner_components_are_not_started() -> None:
    stack = "from lib.network import Network\n" + STACK + "        Network('net')\n"
    network = "import pulumi\n\n\nclass Network(pulumi.ComponentResource):\n    pass\n"
    p = read(md("## lib/network.py\n", fence(network), "## lib/tap_stack.py\n", fence(stack)))
    assert "synthesised entry point __main__.py calling TapStack" in p.notes
    assert "Network" not in p.files["__main__.py"]


def test_entry_that_only_defines_main_gets_a_call(tmp_path: Path) -> None:
    entry = ("import pulumi\nfrom lib.tap_stack import TapStack, TapStackArgs\n\n\n"
             "def main():\n    TapStack('TapStackmain', TapStackArgs('x'))\n")
    p = read(md("## lib/tap_stack.py\n", fence(STACK), "## tap.py\n", fence(entry)))
    assert p.entry == "__main__.py"
    assert "synthesised entry point __main__.py calling main() of tap.py" in p.notes
    assert run_entry(p, tmp_path).strip() == "STARTED TapStackmain x"


def test_main_file_that_never_calls_its_main_is_run_by_another() -> None:
    code = ("import pulumi\nimport pulumi_aws as aws\n\n\n"
            "def main():\n    aws.s3.Bucket('logs')\n")
    p = read(md("## __main__.py\n", fence(code)))
    assert p.entry == "tap.py"
    assert "synthesised entry point tap.py calling main() of __main__.py" in p.notes
    assert 'runpy.run_path(os.path.join(' in p.files["tap.py"]
    assert p.files["tap.py"].rstrip().endswith("main()")
    compile(p.files["tap.py"], "tap.py", "exec")


def test_entry_that_starts_the_stack_is_kept() -> None:
    p = read(md("## lib/tap_stack.py\n", fence(STACK), "## tap.py\n", fence(ENTRY)))
    assert p.entry == "tap.py"
    assert not any("synthesised" in n for n in p.notes)


def test_stack_module_that_starts_itself_is_the_entry() -> None:
    code = STACK + '\nTapStack("TapStackdev", TapStackArgs())\n'
    p = read(md("## lib/tap_stack.py\n", fence(code)))
    assert p.entry == "lib/tap_stack.py"
    assert any(n.startswith("guessed entry point lib/tap_stack.py") for n in p.notes)


def test_stack_that_imports_from_its_own_folder_gets_it_on_sys_path(tmp_path: Path) -> None:
    helper = "def suffix(s):\n    return s\n"
    stack = "from helpers import suffix\n" + STACK
    p = read(md("## lib/tap_stack.py\n", fence(stack), "## lib/helpers.py\n", fence(helper)))
    assert 'sys.path.insert(0, os.path.join(' in p.files["__main__.py"]
    assert run_entry(p, tmp_path).strip() == "STARTED TapStackpr7 pr7"


def test_truncated_only_file_is_still_the_program() -> None:
    p = read(md("## lib/tap_stack.py\n", fence(STACK + "    def broken(self,\n")))
    assert p.entry == "lib/tap_stack.py"
    assert p.runnable


# --- answers without a program ---------------------------------------------------------


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
