"""Argument checks shared by the components.

Every component validates its arguments before it registers anything: a bad value
must stop the program with a message naming the argument, not create half a stack
or fail later inside the provider with an unrelated error.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from typing import Any

import pulumi
import pulumi_aws as aws

#: Lowercase so the value is valid inside RDS identifiers and S3 names; short so
#: "<env>-<region>-alb" stays within the 32-character ALB and target group limit.
ENVIRONMENT_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,15}$")
REGION_PATTERN = re.compile(r"^[a-z]{2}(-gov)?-[a-z]+-\d$")


def check_environment(value: Any) -> str:
    """Return the environment name or raise; no fallback, an empty name is an error."""
    if not isinstance(value, str):
        raise TypeError(f"environment must be a str, got {type(value).__name__}")
    if not ENVIRONMENT_PATTERN.match(value):
        raise ValueError(
            f"environment {value!r} is invalid: expected 1-16 characters, lowercase "
            "letters, digits or '-', starting with a letter"
        )
    return value


def check_region(value: Any, field: str = "region") -> str:
    """Return an AWS region name such as 'eu-west-1' or raise."""
    if not isinstance(value, str):
        raise TypeError(f"{field} must be a str, got {type(value).__name__}")
    if not REGION_PATTERN.match(value):
        raise ValueError(f"{field} {value!r} is not an AWS region name like 'eu-west-1'")
    return value


def check_tags(value: Any) -> dict[str, str]:
    """Return a copy of the tags; they are required because cost reports group by them."""
    if value is None:
        raise ValueError("tags are required: pass a non-empty mapping of str to str")
    if not isinstance(value, Mapping):
        raise TypeError(f"tags must be a mapping of str to str, got {type(value).__name__}")
    if not value:
        raise ValueError("tags must not be empty")
    for key, item in value.items():
        if not isinstance(key, str) or not key or not isinstance(item, str):
            raise TypeError(f"tag {key!r}={item!r}: keys and values must be non-empty str")
    return dict(value)


def check_cidr(value: Any, field: str, prefix: int) -> str:
    """Return an IPv4 network of exactly the given prefix length or raise."""
    if not isinstance(value, str):
        raise TypeError(f"{field} must be a str, got {type(value).__name__}")
    try:
        network = ipaddress.IPv4Network(value)
    except ValueError as exc:
        raise ValueError(f"{field} {value!r} is not an IPv4 network: {exc}") from exc
    if network.prefixlen != prefix:
        raise ValueError(f"{field} {value!r} must be a /{prefix} network")
    return str(network)


def check_provider(value: Any) -> aws.Provider:
    """Return the explicit AWS provider or raise; resources never fall back to the default."""
    if not isinstance(value, aws.Provider):
        raise TypeError(f"provider must be a pulumi_aws.Provider, got {type(value).__name__}")
    return value


def check_instance(value: Any, field: str, kind: type) -> Any:
    """Return value if it is an instance of kind, else raise naming the field."""
    if not isinstance(value, kind):
        raise TypeError(f"{field} must be a {kind.__name__}, got {type(value).__name__}")
    return value


def check_output(value: Any, field: str) -> pulumi.Input[str]:
    """Accept a str or a pulumi Output (ids and ARNs are usually Outputs); reject the rest."""
    if isinstance(value, str):
        if not value:
            raise ValueError(f"{field} must not be empty")
        return value
    if isinstance(value, pulumi.Output):
        return value
    raise TypeError(f"{field} must be a str or pulumi.Output, got {type(value).__name__}")


def check_outputs(value: Any, field: str, count: int) -> list[pulumi.Input[str]]:
    """Accept a list of exactly `count` ids (subnets come in pairs, one per AZ)."""
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"{field} must be a list, got {type(value).__name__}")
    if len(value) != count:
        raise ValueError(f"{field} must hold {count} items, got {len(value)}")
    return [check_output(item, f"{field}[{index}]") for index, item in enumerate(value)]
