"""Which blocks are files of the program: project files, versions, tests, unnamed blocks."""

from __future__ import annotations

from .samples import ENTRY, SCRIPT, STACK, assert_tap_layout, fence, md, read


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


ROTATION = '''\
import boto3


def handler(event, context):
    steps = {"createSecret": create_secret, "testSecret": test_secret}
    return steps[event["Step"]](event)


def create_secret(event):
    return boto3.client("secretsmanager").get_random_password()


def test_secret(event):
    return True
'''


def test_handler_with_a_test_step_is_a_program_file() -> None:
    p = read(md("## lib/tap_stack.py\n", fence(STACK), "## tap.py\n", fence(ENTRY),
                "## lib/lambda/rotation.py\n", fence(ROTATION)))
    assert p.files["lib/lambda/rotation.py"] == ROTATION
    assert not any("test file" in n for n in p.notes)


def test_mock_imported_inside_a_function_does_not_make_a_test() -> None:
    stack = STACK + "\n\ndef offline_random():\n    from unittest.mock import MagicMock\n" \
                    "    return MagicMock()\n"
    p = read(md("## lib/tap_stack.py\n", fence(stack), "## tap.py\n", fence(ENTRY)))
    assert p.files["lib/tap_stack.py"] == stack


def test_plain_test_functions_without_a_framework_import_are_a_test() -> None:
    tests = ("from lib.tap_stack import TapStackArgs\n\n\n"
             "def test_default_suffix():\n    assert TapStackArgs().environment_suffix == 'dev'\n")
    p = read(md("## lib/tap_stack.py\n", fence(STACK), "## tap.py\n", fence(ENTRY),
                "The tests:\n", fence(tests)))
    assert set(p.files) == {"lib/tap_stack.py", "tap.py", "lib/__init__.py"}
    assert "dropped 1 test file(s)" in p.notes
