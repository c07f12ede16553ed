"""What the installed Pulumi SDKs declare for a resource type.

The mocks compute outputs a provider would return, but a value the SDK class does not
declare can never be read by a program, and putting it in the state would invent a
property. So computed outputs are checked against the class the type token names
(`aws:s3/bucket:Bucket` -> `pulumi_aws.s3.Bucket`), and autonaming only applies to types
that have the name property at all. A token whose class cannot be found (a package that
is not installed, a type newer than the SDK) gets `None`: nothing is filtered then.
Importing a module here silences its import-time deprecation warnings, which belong to
the program that uses the module, not to the mocks.
"""

from __future__ import annotations

import importlib
import keyword
import typing
import warnings
from collections.abc import Awaitable
from functools import lru_cache

from pulumi import Output
from pulumi._types import (
    input_type_py_to_pulumi_names,
    input_type_types,
    resource_py_to_pulumi_names,
    resource_types,
    unwrap_optional_type,
)


def _resource_class(type_: str) -> type | None:
    parts = type_.split(":")
    if len(parts) != 3:
        return None
    package, module_path, class_name = parts
    module_name = module_path.split("/")[0]
    if keyword.iskeyword(module_name):
        module_name += "_"
    python_module = f"pulumi_{package.replace('-', '_')}"
    if module_name != "index":
        python_module += f".{module_name}"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            module = importlib.import_module(python_module)
    except ImportError:
        return None
    cls = getattr(module, class_name, None)
    return cls if isinstance(cls, type) else None


@lru_cache(maxsize=4096)
def output_names(type_: str) -> frozenset[str] | None:
    """The wire (camelCase) names of the outputs the SDK class for `type_` declares."""
    cls = _resource_class(type_)
    if cls is None:
        return None
    return frozenset(resource_py_to_pulumi_names(cls).values()) | {"id", "urn"}


def _args_class(cls: type) -> type | None:
    # Where a nested input type already has the name `<Class>Args` (the `Bucket.versioning`
    # type is `BucketVersioningArgs`), the SDK names the resource's args `<Class>InitArgs`.
    module = importlib.import_module(cls.__module__)
    args_cls = getattr(module, cls.__name__ + "InitArgs", None) or getattr(
        module, cls.__name__ + "Args", None
    )
    return args_cls if isinstance(args_cls, type) else None


@lru_cache(maxsize=4096)
def input_names(type_: str) -> frozenset[str] | None:
    """The wire names of the inputs the `<Class>Args` type for `type_` declares."""
    cls = _resource_class(type_)
    args_cls = _args_class(cls) if cls is not None else None
    if args_cls is None:
        return None
    return frozenset(input_type_py_to_pulumi_names(args_cls).values())


def _accepts_document(input_type: object) -> bool:
    """`Input[Union[str, PolicyDocumentArgs]]`: a string, or a structure the provider encodes."""
    members = typing.get_args(input_type) if typing.get_origin(input_type) is typing.Union else ()
    plain = [m for m in members if m is not type(None)
             and typing.get_origin(m) not in (Awaitable, Output)]
    return str in plain and len(plain) > 1


@lru_cache(maxsize=4096)
def json_document_names(type_: str) -> frozenset[str]:
    """Wire names of the properties the provider keeps as a JSON string but also accepts
    as a structure (a policy document, mostly).

    The SDK declares such an input as a union of `str` and a document type, and the output
    as `str`: the provider encodes a structure to its JSON text before storing it, so the
    program reads back a string. Properties whose input is `str` alone are not listed: a
    structure there is the program's mistake, which the provider would refuse.
    """
    cls = _resource_class(type_)
    args_cls = _args_class(cls) if cls is not None else None
    if cls is None or args_cls is None:
        return frozenset()
    outputs = resource_types(cls)
    return frozenset(
        name for name, input_type in input_type_types(args_cls).items()
        if unwrap_optional_type(outputs.get(name, object)) is str
        and _accepts_document(input_type)
    )


@lru_cache(maxsize=1024)
def invoke_result_names(token: str) -> frozenset[str] | None:
    """The wire names of the fields the SDK's `*Result` class for `token` reads."""
    parts = token.split(":")
    if len(parts) != 3:
        return None
    function = parts[2]
    cls = _resource_class(f"{parts[0]}:{parts[1]}:{function[:1].upper()}{function[1:]}Result")
    if cls is None:
        return None
    return frozenset(resource_py_to_pulumi_names(cls).values())
