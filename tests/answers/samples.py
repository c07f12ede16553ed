"""Small answers and builders shared by the tests of `harness.answers`."""

from __future__ import annotations

import textwrap

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
