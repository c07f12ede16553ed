"""Physical names: the name a resource gets in AWS when the program gives none.

Pulumi autonames most resources `<logical name>-<7 random hex>`; some AWS services then
lowercase or cap the length. A `namePrefix` instead gets the Terraform provider's
timestamp-and-counter suffix. Both are derived from the type and logical name here, so
they are the same on every run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from harness.mocks.account import stable_hex
from harness.mocks.arns import short_type
from harness.mocks.schema import input_names, output_names

#: `id.PrefixedUniqueId` in the Terraform provider appends a timestamp and a counter; a
#: fixed timestamp keeps the answer deterministic.
UNIQUE_TIMESTAMP = "202401010000000000"


@dataclass(frozen=True)
class NameSpec:
    """Which input holds a type's physical name and how AWS constrains it."""

    prop: str
    prefix_prop: str | None = None
    max_length: int | None = None
    lowercase: bool = False
    #: Autonames start with this (KMS aliases must start with `alias/`).
    autoname_prefix: str = ""


NAME_SPECS: dict[str, NameSpec] = {
    "s3/bucket": NameSpec("bucket", "bucketPrefix", 63, True),
    "s3/bucketV2": NameSpec("bucket", "bucketPrefix", 63, True),
    "rds/instance": NameSpec("identifier", "identifierPrefix", 63, True),
    "rds/clusterInstance": NameSpec("identifier", "identifierPrefix", 63, True),
    "rds/cluster": NameSpec("clusterIdentifier", "clusterIdentifierPrefix", 63, True),
    "rds/subnetGroup": NameSpec("name", "namePrefix", 255, True),
    "rds/parameterGroup": NameSpec("name", "namePrefix", 255, True),
    "rds/clusterParameterGroup": NameSpec("name", "namePrefix", 255, True),
    "rds/optionGroup": NameSpec("name", "namePrefix", 255, True),
    "elasticache/cluster": NameSpec("clusterId", None, 50, True),
    "elasticache/replicationGroup": NameSpec("replicationGroupId", None, 40, True),
    "elasticache/subnetGroup": NameSpec("name", None, 255, True),
    "elasticache/parameterGroup": NameSpec("name", None, 255, True),
    "lb/loadBalancer": NameSpec("name", "namePrefix", 32),
    "alb/loadBalancer": NameSpec("name", "namePrefix", 32),
    "lb/targetGroup": NameSpec("name", "namePrefix", 32),
    "alb/targetGroup": NameSpec("name", "namePrefix", 32),
    "elb/loadBalancer": NameSpec("name", "namePrefix", 32),
    "lambda/function": NameSpec("name", None, 64),
    "iam/role": NameSpec("name", "namePrefix", 64),
    "iam/user": NameSpec("name", None, 64),
    "iam/policy": NameSpec("name", "namePrefix", 128),
    "iam/instanceProfile": NameSpec("name", "namePrefix", 128),
    "sqs/queue": NameSpec("name", "namePrefix", 80),
    "sns/topic": NameSpec("name", "namePrefix", 256),
    "ecr/repository": NameSpec("name", None, 256, True),
    "cloudwatch/eventRule": NameSpec("name", "namePrefix", 64),
    "cloudwatch/logGroup": NameSpec("name", "namePrefix", 512),
    "ec2/keyPair": NameSpec("keyName", "keyNamePrefix", 255),
    "eks/cluster": NameSpec("name", None, 100),
    "eks/nodeGroup": NameSpec("nodeGroupName", "nodeGroupNamePrefix", 63),
    "kinesis/firehoseDeliveryStream": NameSpec("name", None, 64),
    "opensearch/domain": NameSpec("domainName", None, 28, True),
    "kms/alias": NameSpec("name", "namePrefix", 256, False, "alias/"),
    "docdb/cluster": NameSpec("clusterIdentifier", "clusterIdentifierPrefix", 63, True),
    "neptune/cluster": NameSpec("clusterIdentifier", "clusterIdentifierPrefix", 63, True),
    "rds/globalCluster": NameSpec("globalClusterIdentifier"),
    "redshift/cluster": NameSpec("clusterIdentifier"),
    "ecs/taskDefinition": NameSpec("family"),
    "cloudwatch/dashboard": NameSpec("dashboardName"),
    "apigateway/stage": NameSpec("stageName"),
    "apigateway/domainName": NameSpec("domainName"),
    "apigatewayv2/domainName": NameSpec("domainName"),
    "lambda/layerVersion": NameSpec("layerName"),
    "eks/fargateProfile": NameSpec("fargateProfileName"),
    "eks/addon": NameSpec("addonName"),
    "msk/cluster": NameSpec("clusterName"),
    "codecommit/repository": NameSpec("repositoryName"),
    "codedeploy/deploymentGroup": NameSpec("deploymentGroupName"),
    "xray/group": NameSpec("groupName"),
    "dms/endpoint": NameSpec("endpointId"),
    "dms/replicationInstance": NameSpec("replicationInstanceId"),
    "dms/replicationTask": NameSpec("replicationTaskId"),
}


def unique_id(type_: str, name: str) -> str:
    """The timestamp-and-counter suffix the provider appends to a `namePrefix`."""
    return UNIQUE_TIMESTAMP + stable_hex(type_, name, "unique", length=8)


def autoname(type_: str, name: str, spec: NameSpec | None = None) -> str:
    """Pulumi's autoname: the logical name, `-`, and seven hex characters.

    The logical part is cut so the whole name fits the type's length limit, leaving room
    for the `.fifo` that FIFO queues and topics must end with.
    """
    spec = spec or NameSpec("name")
    base = name.lower() if spec.lowercase else name
    suffix = stable_hex(type_, name, "autoname", length=7)
    limit = spec.max_length
    if limit is not None and _fifo_capable(type_):
        limit -= len(".fifo")
    if limit is not None and len(base) + 8 > limit:
        base = base[: max(limit - 8, 1)]
    return f"{spec.autoname_prefix}{base}-{suffix}"


def name_spec(type_: str) -> NameSpec | None:
    """The name property of `type_`: from the table, else `name` when the SDK has one."""
    key = short_type(type_)
    if key in NAME_SPECS:
        return NAME_SPECS[key]
    inputs, outputs = input_names(type_), output_names(type_)
    if inputs is None or outputs is None or "name" not in inputs or "name" not in outputs:
        return None
    return NameSpec("name", "namePrefix" if "namePrefix" in inputs else None)


def physical_name(type_: str, name: str, inputs: Mapping[str, Any]) -> tuple[str, str | None]:
    """(physical name, property it lives in), or ("", None) for types without one."""
    spec = name_spec(type_)
    if spec is None:
        return "", None
    given = inputs.get(spec.prop)
    if isinstance(given, str) and given:
        return given, spec.prop
    prefix = inputs.get(spec.prefix_prop) if spec.prefix_prop else None
    if isinstance(prefix, str) and prefix:
        value = prefix + unique_id(type_, name)
        if spec.max_length is not None:
            value = value[: spec.max_length]
    else:
        value = autoname(type_, name, spec)
    if _is_fifo(type_, inputs) and not value.endswith(".fifo"):
        value += ".fifo"
    return value, spec.prop


def _fifo_capable(type_: str) -> bool:
    return short_type(type_) in ("sqs/queue", "sns/topic")


def _is_fifo(type_: str, inputs: Mapping[str, Any]) -> bool:
    key = short_type(type_)
    flag = {"sqs/queue": "fifoQueue", "sns/topic": "fifoTopic"}.get(key)
    return flag is not None and inputs.get(flag) is True
