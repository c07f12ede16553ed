"""Static facts read from a block's source: what it leaves unbound, whether it is a test."""

from __future__ import annotations

from harness.answers._source import excerpt_reason, has_imports, looks_like_test, unbound_names

ON_IMPORT = '''\
def make(kind: Kind = DEFAULT, *, size=other) -> Result:
    return only_when_called


class Stack(Base):
    label = value

    def run(self):
        return self.missing


items = [n for n in range(3)]
try:
    pass
except ValueError as err:
    print(err)
handler = lambda event: event[unknown]
'''


def test_unbound_names_are_those_read_when_the_module_runs() -> None:
    assert unbound_names(ON_IMPORT) == ["Base", "DEFAULT", "Kind", "Result", "other", "value"]


def test_imports_inside_strings_do_not_count() -> None:
    assert not has_imports('CODE = """\nimport json\n"""\n')
    assert has_imports("def f():\n    import json\n")


def test_excerpt_reasons() -> None:
    assert excerpt_reason(ON_IMPORT) == (
        "imports nothing and uses Base, DEFAULT, Kind, Result, … without defining it")
    assert excerpt_reason("import pulumi\nx = aws.s3.Bucket('b')\n") is None
    assert excerpt_reason("x = (\n") == "imports nothing and does not parse"
    assert excerpt_reason('REGION = "eu-west-1"\n') is None


def test_tests_by_content() -> None:
    assert looks_like_test("import pytest\n\n\n@pytest.fixture\ndef stack():\n    return 1\n")
    assert looks_like_test("class StackTests:\n    def test_name(self):\n        assert 1\n")
    assert looks_like_test("def test_a():\n    pass\n\n\ndef helper():\n    pass\n")
    assert not looks_like_test(
        "def handler(e, c):\n    pass\n\n\ndef set_secret(e):\n    pass\n\n\n"
        "def test_secret(e):\n    pass\n")
    assert not looks_like_test("def fake():\n    from unittest.mock import MagicMock\n")
