"""The state a provider would return for a newly registered resource.

`resource_state` is the one entry point: inputs in, `(id, state)` out, where the state is
the inputs plus what the provider computes (physical name, ARN, endpoints, ...). Under
mocks the inputs arrive exactly as the program passed them (camelCase wire names, no
provider defaults, no autonaming), so this module supplies the provider's side:

1. the physical name: the given one, or `namePrefix` + a unique suffix, or Pulumi's
   autoname `<logical>-<7 hex>` (lowercased and truncated where AWS demands it);
2. the id and computed outputs, from the per-service builders in `outputs/`;
3. the outputs nearly every AWS type has: `arn`, `tagsAll`, `region`;
4. a policy document given as a structure where the provider stores JSON text
   (`assume_role_policy={...}`) becomes that text, as the provider encodes it.

Computed outputs are kept only when the SDK class declares them (`schema.output_names`),
so nothing a program could never read ends up in the graph. Everything is a pure function
of the arguments: no randomness, no clock.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from harness.mocks.account import Account, stable_uuid
from harness.mocks.arns import short_type
from harness.mocks.naming import physical_name
from harness.mocks.outputs import BUILDERS
from harness.mocks.request import ResourceRequest
from harness.mocks.schema import json_document_names, output_names

#: Types whose id is `<prefix>-<17 hex>`, like every EC2 id.
ID_PREFIXES: dict[str, str] = {
    "ec2/vpc": "vpc",
    "ec2/subnet": "subnet",
    "ec2/securityGroup": "sg",
    "ec2/defaultSecurityGroup": "sg",
    "ec2/internetGateway": "igw",
    "ec2/egressOnlyInternetGateway": "eigw",
    "ec2/natGateway": "nat",
    "ec2/routeTable": "rtb",
    "ec2/defaultRouteTable": "rtb",
    "ec2/eip": "eipalloc",
    "ec2/eipAssociation": "eipassoc",
    "ec2/instance": "i",
    "ec2/launchTemplate": "lt",
    "ec2/networkAcl": "acl",
    "ec2/defaultNetworkAcl": "acl",
    "ec2/networkAclAssociation": "aclassoc",
    "ec2/vpcEndpoint": "vpce",
    "ec2/vpcEndpointService": "vpce-svc",
    "ec2/flowLog": "fl",
    "ec2/networkInterface": "eni",
    "ec2/routeTableAssociation": "rtbassoc",
    "ec2/mainRouteTableAssociation": "rtbassoc",
    "ec2/vpcPeeringConnection": "pcx",
    "ec2/vpcDhcpOptions": "dopt",
    "ec2/vpnGateway": "vgw",
    "ec2/customerGateway": "cgw",
    "ec2/vpnConnection": "vpn",
    "ec2/ami": "ami",
    "ec2/amiCopy": "ami",
    "ec2/spotInstanceRequest": "sir",
    "ec2/vpcIpv4CidrBlockAssociation": "vpc-cidr-assoc",
    "vpc/securityGroupIngressRule": "sgr",
    "vpc/securityGroupEgressRule": "sgr",
    "ebs/volume": "vol",
    "ebs/snapshot": "snap",
    "ec2transitgateway/transitGateway": "tgw",
    "ec2transitgateway/vpcAttachment": "tgw-attach",
    "ec2transitgateway/routeTable": "tgw-rtb",
    "efs/fileSystem": "fs",
    "efs/mountTarget": "fsmt",
    "efs/accessPoint": "fsap",
}

#: Types whose id is their ARN in the Terraform provider.
ID_IS_ARN = frozenset(
    {
        "lb/loadBalancer",
        "alb/loadBalancer",
        "lb/targetGroup",
        "alb/targetGroup",
        "lb/listener",
        "alb/listener",
        "lb/listenerRule",
        "alb/listenerRule",
        "iam/policy",
        "sns/topic",
        "sns/topicSubscription",
        "secretsmanager/secret",
        "acm/certificate",
        "ecs/cluster",
        "ecs/service",
        "kinesis/stream",
        "kinesis/firehoseDeliveryStream",
        "sfn/stateMachine",
        "codebuild/project",
        "iam/openIdConnectProvider",
        "cloudtrail/trail",
        "msk/cluster",
        "lambda/alias",
        "acmpca/certificateAuthority",
    }
)


def _merged_tags(inputs: Mapping[str, Any], default_tags: Mapping[str, str]) -> dict[str, Any]:
    tags = inputs.get("tags")
    merged: dict[str, Any] = dict(default_tags)
    if isinstance(tags, Mapping):
        merged.update(tags)
    return merged


def _default_id(request: ResourceRequest) -> str:
    key = short_type(request.type_)
    if request.given_id:
        return request.given_id
    if key in ID_PREFIXES:
        return request.ec2_id(ID_PREFIXES[key])
    if key in ID_IS_ARN:
        return request.arn(request.physical_name or request.name)
    if request.physical_name:
        return request.physical_name
    if key.startswith("s3/") and isinstance(request.inputs.get("bucket"), str):
        return str(request.inputs["bucket"])
    return f"{request.name}-{request.hex(length=7)}"


def provider_state(type_: str, name: str, inputs: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """Providers get a UUID id, derived from their type, name and configuration."""
    config = "|".join(f"{k}={inputs[k]!r}" for k in sorted(inputs))
    return stable_uuid(type_, name, config), dict(inputs)


def resource_state(
    type_: str,
    name: str,
    inputs: Mapping[str, Any],
    *,
    region: str,
    account: Account,
    default_tags: Mapping[str, str] | None = None,
    resource_id: str | None = None,
) -> tuple[str, dict[str, Any]]:
    """(id, state) for a resource of `type_` registered as `name` with `inputs`.

    `region` is the provider's region; a `region` input (pulumi-aws 7 accepts one on
    every regional resource) takes precedence. `resource_id` is the id of an existing
    resource the program reads or imports; it is kept as the id. `default_tags` are the
    provider's default tags, which AWS merges into `tagsAll`.
    """
    if type_.startswith("pulumi:providers:"):
        return provider_state(type_, name, inputs)
    if type_ == "pulumi:pulumi:StackReference":
        stack = inputs.get("name", name)
        return resource_id or str(stack), {"name": stack, "outputs": {}, "secretOutputNames": []}
    explicit_region = inputs.get("region")
    if isinstance(explicit_region, str) and explicit_region:
        region = explicit_region
    pname, prop = physical_name(type_, name, inputs)
    request = ResourceRequest(type_, name, inputs, region, account, pname, resource_id)
    builder = BUILDERS.get(short_type(type_)) or BUILDERS.get(type_)
    computed: dict[str, Any] = {}
    id_ = ""
    if builder is not None:
        id_, computed = builder(request)
    id_ = resource_id or id_ or _default_id(request)
    if prop is not None:
        computed.setdefault(prop, pname)
    declared = output_names(type_)
    if type_.startswith("aws:") and declared is not None:
        computed.setdefault("arn", request.arn(id_))
        computed.setdefault("tagsAll", _merged_tags(inputs, default_tags or {}))
        computed.setdefault("region", region)
    state = dict(inputs)
    for key, value in computed.items():
        if value is None:
            continue
        if (declared is None or key in declared) and state.get(key) is None:
            state[key] = value
    for key in json_document_names(type_):
        if isinstance(state.get(key), (dict, list)):
            state[key] = json_document(state[key])
    return id_, state


def json_document(value: Any) -> str:
    """The text the provider stores for a document: Go's `json.Marshal`, keys sorted, compact."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"))
