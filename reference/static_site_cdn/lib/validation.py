"""Argument checks shared by the components.

Each component checks its arguments before it registers anything, so a bad value stops
the program with a message naming the argument instead of half a stack or a provider
error about some unrelated property.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pulumi

#: Lowercase (S3 bucket names allow nothing else) and short, so that
#: "<env>-<site>-content-<account id>" stays within S3's 63 characters.
ENVIRONMENT_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,15}$")
REGION_PATTERN = re.compile(r"^[a-z]{2}(-gov)?-[a-z]+-\d$")
#: Site names join the environment in bucket names: lowercase, digits and '-'.
SITE_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,19}$")
DOMAIN_PATTERN = re.compile(r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def check_instance(value: Any, field: str, kind: type) -> Any:
    """Return value if it is an instance of kind, else raise naming the field."""
    if (isinstance(value, bool) and kind is not bool) or not isinstance(value, kind):
        raise TypeError(f"{field} must be a {kind.__name__}, got {type(value).__name__}")
    return value


def check_environment(value: Any) -> str:
    """Return the environment name or raise; an empty name is an error, never 'dev'."""
    check_instance(value, "environment", str)
    if not ENVIRONMENT_PATTERN.match(value):
        raise ValueError(
            f"environment {value!r} is invalid: 1-16 lowercase letters, digits or '-', "
            "starting with a letter"
        )
    return str(value)


def check_region(value: Any) -> str:
    """Return an AWS region name such as 'us-east-1' or raise."""
    check_instance(value, "region", str)
    if not REGION_PATTERN.match(value):
        raise ValueError(f"region {value!r} is not an AWS region name like 'us-east-1'")
    return str(value)


def check_site_name(value: Any) -> str:
    """Return a site name that is valid inside S3 bucket names or raise."""
    check_instance(value, "site_name", str)
    if not SITE_PATTERN.match(value):
        raise ValueError(f"site_name {value!r}: 1-20 lowercase letters, digits or '-'")
    return str(value)


def check_domain(value: Any, field: str) -> str:
    """Return a lowercase DNS name such as 'www.example.com' or raise."""
    check_instance(value, field, str)
    if not DOMAIN_PATTERN.match(value):
        raise ValueError(f"{field} {value!r} is not a lowercase DNS name like 'www.example.com'")
    return str(value)


def check_tags(value: Any) -> dict[str, str]:
    """Return a copy of the tags; required, because cost reports group by them."""
    if value is None:
        raise ValueError("tags are required: pass a non-empty mapping of str to str")
    if not isinstance(value, Mapping) or not value:
        raise ValueError("tags must be a non-empty mapping of str to str")
    for key, item in value.items():
        if not isinstance(key, str) or not key or not isinstance(item, str):
            raise TypeError(f"tag {key!r}={item!r}: keys and values must be non-empty str")
    return dict(value)


def check_int(value: Any, field: str, low: int, high: int) -> int:
    """Return an int within [low, high] or raise."""
    check_instance(value, field, int)
    if not low <= value <= high:
        raise ValueError(f"{field} {value} must be between {low} and {high}")
    return int(value)


def check_output(value: Any, field: str) -> pulumi.Input[str]:
    """Accept a non-empty str or a pulumi Output (ids and ARNs are usually Outputs)."""
    if isinstance(value, str):
        if not value:
            raise ValueError(f"{field} must not be empty")
        return value
    if isinstance(value, pulumi.Output):
        return value
    raise TypeError(f"{field} must be a str or pulumi.Output, got {type(value).__name__}")
