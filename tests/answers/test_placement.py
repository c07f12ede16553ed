"""Placing files where the program's own imports look for them."""

from __future__ import annotations

from .samples import ENTRY, STACK, fence, md, read


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


def test_snippet_showing_the_imports_is_not_placed_as_the_module() -> None:
    main = "import pulumi\nfrom network import make_vpc\n\nmake_vpc()\n"
    snippet = "# before\nfrom network import make_vpc\n# after\nfrom lib.network import make_vpc\n"
    p = read(md("## File: __main__.py\n", fence(main), "The import fix:\n", fence(snippet)))
    assert set(p.files) == {"__main__.py"}
    assert "dropped 1 unnamed snippet(s)" in p.notes
