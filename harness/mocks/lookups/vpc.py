"""Lookups of VPCs, subnets and security groups, and the filter matching every EC2
lookup shares.

Each lookup describes every candidate the fake account holds in the region (the default
VPC with its default subnets, security group and main route table, plus what the program
created) and filters them with the EC2 filter names the program passed.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from typing import Any

from harness.mocks.request import Answer, Handler, InvokeRequest

Description = dict[str, Any]

#: EC2 filter names -> keys of a description, where they differ only in spelling.
FILTER_KEYS: dict[str, str] = {
    "vpc-id": "vpcId",
    "subnet-id": "id",
    "group-id": "id",
    "route-table-id": "id",
    "internet-gateway-id": "id",
    "group-name": "name",
    "cidr": "cidrBlock",
    "cidr-block": "cidrBlock",
    "cidrBlock": "cidrBlock",
    "availability-zone": "availabilityZone",
    "availabilityZone": "availabilityZone",
    "availability-zone-id": "availabilityZoneId",
    "default-for-az": "defaultForAz",
    "defaultForAz": "defaultForAz",
    "isDefault": "default",
    "is-default": "default",
    "map-public-ip-on-launch": "mapPublicIpOnLaunch",
    "owner-id": "ownerId",
    "state": "state",
    "description": "description",
    "dhcp-options-id": "dhcpOptionsId",
    "association.main": "main",
    "attachment.vpc-id": "attachedVpcId",
    "association.subnet-id": "subnetIds",
}


def _as_texts(value: Any) -> list[str]:
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, list):
        return [t for v in value for t in _as_texts(v)]
    return [] if value is None else [str(value)]


def matches(description: Description, name: str, patterns: list[str]) -> bool:
    tags = description.get("tags") or {}
    if name.startswith("tag:"):
        values = _as_texts(tags.get(name[4:]))
    elif name == "tag-key":
        values = list(tags)
    else:
        values = _as_texts(description.get(FILTER_KEYS.get(name, name)))
    return any(fnmatch.fnmatchcase(v, p) for v in values for p in patterns)


def select(req: InvokeRequest, candidates: list[Description], **direct: Any) -> list[Description]:
    """Candidates that satisfy the filters, `tags`, and the direct arguments given."""
    out = []
    wanted_tags = req.args.get("tags") if isinstance(req.args.get("tags"), Mapping) else {}
    for candidate in candidates:
        if any(not matches(candidate, n, p) for n, p in req.filters().items()):
            continue
        tags = candidate.get("tags") or {}
        if any(tags.get(k) != v for k, v in (wanted_tags or {}).items()):
            continue
        if any(v is not None and candidate.get(k) != v for k, v in direct.items()):
            continue
        out.append(candidate)
    return out


def vpcs(req: InvokeRequest) -> list[Description]:
    account, region = req.account, req.region
    default_id = account.default_vpc_id(region)
    found: list[Description] = [
        {
            "id": default_id,
            "cidrBlock": account.default_vpc_cidr,
            "default": True,
            "tags": {},
            "enableDnsHostnames": True,
        }
    ]
    for known in req.known_of("aws:ec2/vpc:Vpc"):
        found.append({**known.state, "id": known.id, "default": False})
    for vpc in found:
        vpc_id = str(vpc["id"])
        vpc.setdefault("mainRouteTableId", account.main_route_table_id(vpc_id))
        vpc.setdefault("dhcpOptionsId", "dopt-" + req.hex("dopt", vpc_id))
        vpc.setdefault("enableDnsSupport", True)
        vpc.setdefault("enableDnsHostnames", False)
        vpc.setdefault("instanceTenancy", "default")
        vpc.update(
            {
                "arn": f"arn:{account.partition}:ec2:{region}:{account.account_id}:vpc/{vpc_id}",
                "ownerId": account.account_id,
                "state": "available",
                "enableNetworkAddressUsageMetrics": False,
                "ipv6AssociationId": vpc.get("ipv6AssociationId", ""),
                "ipv6CidrBlock": vpc.get("ipv6CidrBlock", ""),
                "region": region,
                "ipv6CidrBlockAssociations": [],
                "cidrBlockAssociations": [
                    {
                        "associationId": "vpc-cidr-assoc-" + req.hex("assoc", vpc_id),
                        "cidrBlock": vpc.get("cidrBlock", ""),
                        "state": "associated",
                    }
                ],
            }
        )
    return found


def get_vpc(req: InvokeRequest) -> Answer:
    found = select(
        req,
        vpcs(req),
        id=req.args.get("id"),
        cidrBlock=req.args.get("cidrBlock"),
        default=req.args.get("default"),
    )
    echo = {"filters": req.args.get("filters")}
    if found:
        return {**found[0], **echo}, True
    fallback = vpcs(req)[0] | {"id": req.text("id", vpcs(req)[0]["id"]), "default": False}
    return {**fallback, **echo}, False


def get_vpcs(req: InvokeRequest) -> Answer:
    ids = [v["id"] for v in select(req, vpcs(req))]
    return {
        "id": req.region,
        "ids": ids,
        "region": req.region,
        "filters": req.args.get("filters"),
    }, True


def subnets(req: InvokeRequest) -> list[Description]:
    account, region = req.account, req.region
    default_vpc = account.default_vpc_id(region)
    found: list[Description] = []
    for subnet_id, zone, cidr in zip(
        account.default_subnet_ids(region),
        account.availability_zones(region),
        account.default_subnet_cidrs(),
        strict=True,
    ):
        found.append(
            {
                "id": subnet_id,
                "vpcId": default_vpc,
                "availabilityZone": zone,
                "cidrBlock": cidr,
                "defaultForAz": True,
                "mapPublicIpOnLaunch": True,
                "tags": {},
            }
        )
    for known in req.known_of("aws:ec2/subnet:Subnet"):
        found.append({**known.state, "id": known.id, "defaultForAz": False})
    for subnet in found:
        subnet.setdefault("mapPublicIpOnLaunch", False)
        zone = subnet.get("availabilityZone") or account.availability_zones(region)[0]
        subnet.update(
            {
                "arn": f"arn:{account.partition}:ec2:{region}:{account.account_id}"
                f":subnet/{subnet['id']}",
                "availabilityZone": zone,
                "availabilityZoneId": account.zone_id_of(zone),
                "ownerId": account.account_id,
                "state": "available",
                "availableIpAddressCount": 4091,
                "assignIpv6AddressOnCreation": False,
                "ipv6CidrBlock": subnet.get("ipv6CidrBlock", ""),
                "ipv6CidrBlockAssociationId": "",
                "ipv6Native": False,
                "enableDns64": False,
                "enableLniAtDeviceIndex": 0,
                "enableResourceNameDnsARecordOnLaunch": False,
                "enableResourceNameDnsAaaaRecordOnLaunch": False,
                "privateDnsHostnameTypeOnLaunch": "ip-name",
                "mapCustomerOwnedIpOnLaunch": False,
                "customerOwnedIpv4Pool": "",
                "outpostArn": "",
                "region": region,
            }
        )
    return found


def get_subnets(req: InvokeRequest) -> Answer:
    ids = [s["id"] for s in select(req, subnets(req), vpcId=req.args.get("vpcId"))]
    return {
        "id": req.region,
        "ids": ids,
        "region": req.region,
        "filters": req.args.get("filters"),
        "tags": req.args.get("tags"),
    }, True


def get_subnet(req: InvokeRequest) -> Answer:
    direct = {
        k: req.args.get(k)
        for k in (
            "id",
            "vpcId",
            "availabilityZone",
            "availabilityZoneId",
            "cidrBlock",
            "defaultForAz",
        )
    }
    found = select(req, subnets(req), **direct)
    if found:
        return {**found[0], "filters": req.args.get("filters")}, True
    return {**subnets(req)[0], "id": req.text("id", subnets(req)[0]["id"])}, False


def security_groups(req: InvokeRequest) -> list[Description]:
    account = req.account
    found: list[Description] = []
    for vpc in vpcs(req):
        found.append(
            {
                "id": account.default_security_group_id(vpc["id"]),
                "name": "default",
                "description": "default VPC security group",
                "vpcId": vpc["id"],
                "tags": {},
            }
        )
    for known in req.known_of("aws:ec2/securityGroup:SecurityGroup"):
        found.append({**known.state, "id": known.id})
    for group in found:
        group["arn"] = (
            f"arn:{account.partition}:ec2:{req.region}:{account.account_id}"
            f":security-group/{group['id']}"
        )
        group["ownerId"] = account.account_id
        group["region"] = req.region
    return found


def get_security_group(req: InvokeRequest) -> Answer:
    direct = {k: req.args.get(k) for k in ("id", "name", "vpcId")}
    found = select(req, security_groups(req), **direct)
    if not direct["vpcId"] and not direct["id"] and direct["name"] == "default":
        default_vpc = req.account.default_vpc_id(req.region)
        found = [g for g in found if g["vpcId"] == default_vpc] or found
    if found:
        return {**found[0], "filters": req.args.get("filters")}, True
    fallback = security_groups(req)[0]
    return {**fallback, "id": req.text("id", fallback["id"]), "name": req.text("name")}, False


def get_security_groups(req: InvokeRequest) -> Answer:
    found = select(req, security_groups(req))
    return {
        "id": req.region,
        "ids": [g["id"] for g in found],
        "arns": [g["arn"] for g in found],
        "vpcIds": [g["vpcId"] for g in found],
        "region": req.region,
        "filters": req.args.get("filters"),
        "tags": req.args.get("tags"),
    }, True


HANDLERS: dict[str, Handler] = {
    "aws:ec2/getVpc:getVpc": get_vpc,
    "aws:ec2/getVpcs:getVpcs": get_vpcs,
    "aws:ec2/getSubnets:getSubnets": get_subnets,
    "aws:ec2/getSubnet:getSubnet": get_subnet,
    "aws:ec2/getSecurityGroup:getSecurityGroup": get_security_group,
    "aws:ec2/getSecurityGroups:getSecurityGroups": get_security_groups,
}
