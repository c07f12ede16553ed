"""Entry points: the declared one, a guessed one, or one synthesised for a stack never started."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from harness.program import Program

from .samples import ENTRY, STACK, fence, md, read


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
