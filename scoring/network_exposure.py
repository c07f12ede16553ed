"""network_exposure: security-group rules wider than needed.

Rule (CATEGORIES.md, 6): ingress from `0.0.0.0/0` or `::/0` on ports other than 80/443,
any rule with protocol `-1` to the world, or a CIDR that covers more than the subnets it
is meant for (a `/16` where the target subnets are `/24`). Applies when the program has
security groups or security-group rule resources.

Rules come in three shapes (inline `ingress`/`egress` blocks, `ec2.SecurityGroupRule`,
and `vpc.SecurityGroupIngressRule`/`EgressRule`); they are read into one form and merged
per group, so a group is judged the same whichever shape its rules take. A tcp/udp rule
over every port is the same as protocol `-1` and is judged as such. A private CIDR is
too wide where it is the whole VPC while the VPC is cut into smaller subnets, or wider
than the VPC itself; in both directions, since the seed's own example of this defect is
an egress rule to the VPC's /16 meant for the /24 database subnets. Egress to the world
on named ports (HTTPS to AWS APIs) is not in the rule and passes.
"""

from __future__ import annotations

import ast
import ipaddress
from dataclasses import dataclass
from typing import Any

from harness.graph import UNKNOWN, Resource, ResourceGraph
from harness.program import Program
from scoring.api import CheckContext, Evidence, Finding, check, finding, mutation
from scoring.mutate import rewrite_python

SLUG = "network_exposure"
GROUP_TYPES = ("aws:ec2/securityGroup:SecurityGroup",
               "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup")
RULE = "aws:ec2/securityGroupRule:SecurityGroupRule"
INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
VPC = "aws:ec2/vpc:Vpc"
SUBNET = "aws:ec2/subnet:Subnet"
WORLD = ("0.0.0.0/0", "::/0")
WEB_PORTS = (80, 443)
ALL_PORTS = (0, 65535)
_PROTOCOLS = {"-1": "all", "all": "all", "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6"}


@dataclass(frozen=True)
class Rule:
    """One rule in a common form, with the resource and property path it came from."""

    owner: Resource
    group: Resource | None
    direction: str
    protocol: str
    ports: tuple[int, int]
    cidrs: tuple[tuple[str, str], ...]  # (property path, CIDR)

    def describe(self) -> str:
        if self.protocol == "all":
            what = "all traffic"
        elif self.ports[0] == self.ports[1]:
            what = f"{self.protocol} port {self.ports[0]}"
        elif self.ports == ALL_PORTS:
            what = f"{self.protocol} all ports"
        else:
            what = f"{self.protocol} ports {self.ports[0]}-{self.ports[1]}"
        group = self.group.name if self.group else "an unresolved group"
        return f"{self.direction} {what} (group {group})"


@check(SLUG, version=1)
def network_exposure(ctx: CheckContext) -> Finding:
    graph = ctx.graph
    rules = _rules(graph)
    groups = graph.of_type(*GROUP_TYPES)
    if not groups and not rules:
        return finding(SLUG, "not_applicable",
                       [Evidence(note="no security group or security-group rule")])
    vpcs = _Vpcs(graph)
    rules.sort(key=lambda r: (r.group.name if r.group else "", r.group.urn if r.group else "",
                              r.direction, r.owner.urn))
    evidence = [e for rule in rules for e in _judge(rule, vpcs)]
    if evidence:
        return finding(SLUG, "fail", evidence)
    return finding(SLUG, "pass", [Evidence(
        note=f"{len(groups)} security group(s), {len(rules)} rule(s): world ingress only on "
             "80/443, no all-protocol rule to the world, no CIDR wider than its subnets")])


def _judge(rule: Rule, vpcs: _Vpcs) -> list[Evidence]:
    out = []
    towards = "from" if rule.direction == "ingress" else "to"
    everything = rule.protocol == "all" or (rule.protocol in ("tcp", "udp")
                                            and rule.ports == ALL_PORTS)
    web = rule.protocol in ("tcp", "udp") and rule.ports in ((p, p) for p in WEB_PORTS)
    for path, cidr in rule.cidrs:
        if cidr in WORLD:
            if everything:
                why = "protocol -1" if rule.protocol == "all" else "every port (same as -1)"
                out.append(Evidence.of(rule.owner, f"{rule.describe()} {towards} {cidr}: {why} "
                                                   "to the world", path=path, value=cidr))
            elif rule.direction == "ingress" and not web:
                out.append(Evidence.of(rule.owner, f"{rule.describe()} open to {cidr}: only "
                                                   "80/443 may face the world",
                                       path=path, value=cidr))
            continue
        wide = vpcs.too_wide(cidr, rule.group)
        if wide:
            out.append(Evidence.of(rule.owner, f"{rule.describe()} {towards} {cidr}: {wide}",
                                   path=path, value=cidr))
    return out


# -- reading the three shapes ------------------------------------------------------------


def _rules(graph: ResourceGraph) -> list[Rule]:
    groups = graph.of_type(*GROUP_TYPES)
    out: list[Rule] = []
    for sg in groups:
        for direction in ("ingress", "egress"):
            blocks = sg.inputs.get(direction)
            for i, block in enumerate(blocks if isinstance(blocks, list) else []):
                if isinstance(block, dict):
                    out.append(_rule(sg, sg, direction, block, f"{direction}[{i}].",
                                     "protocol", ("cidrBlocks", "ipv6CidrBlocks")))
    for resource in graph.of_type(RULE, INGRESS_RULE, EGRESS_RULE):
        group = _group_of(resource, graph, groups)
        if resource.type == RULE:
            direction = str(resource.inputs.get("type", "ingress"))
            out.append(_rule(resource, group, direction, resource.inputs, "", "protocol",
                             ("cidrBlocks", "ipv6CidrBlocks")))
        else:
            direction = "ingress" if resource.type == INGRESS_RULE else "egress"
            out.append(_rule(resource, group, direction, resource.inputs, "", "ipProtocol",
                             ("cidrIpv4", "cidrIpv6")))
    return out


def _rule(owner: Resource, group: Resource | None, direction: str, block: dict[str, Any],
          prefix: str, protocol_key: str, cidr_keys: tuple[str, str]) -> Rule:
    raw = str(block.get(protocol_key, "-1")).lower()
    protocol = _PROTOCOLS.get(raw, raw)
    if protocol == "all":
        ports = ALL_PORTS
    else:
        ports = (_port(block.get("fromPort"), ALL_PORTS[0]), _port(block.get("toPort"),
                                                                  ALL_PORTS[1]))
    cidrs: list[tuple[str, str]] = []
    for key in cidr_keys:
        value = block.get(key)
        if isinstance(value, str):
            cidrs.append((prefix + key, value))
        elif isinstance(value, list):
            cidrs += [(f"{prefix}{key}[{j}]", v) for j, v in enumerate(value)
                      if isinstance(v, str)]
    return Rule(owner, group, direction, protocol, ports, tuple(cidrs))


def _port(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _ids(resource: Resource) -> set[str]:
    values = (resource.id, resource.outputs.get("id"), resource.outputs.get("arn"))
    return {v for v in values if isinstance(v, str) and v and v != UNKNOWN}


def _group_of(rule: Resource, graph: ResourceGraph, groups: list[Resource]) -> Resource | None:
    for urn in rule.property_dependencies.get("securityGroupId", []):
        if urn in graph.resources and graph.resources[urn].type in GROUP_TYPES:
            return graph.resources[urn]
    target = rule.inputs.get("securityGroupId")
    return next((g for g in groups if target in _ids(g)), None)


class _Vpcs:
    """The program's VPCs with the CIDRs of their subnets, to see what a rule's CIDR covers."""

    def __init__(self, graph: ResourceGraph) -> None:
        self.graph = graph
        self.networks: dict[str, ipaddress.IPv4Network] = {}
        self.subnets: dict[str, list[ipaddress.IPv4Network]] = {}
        for vpc in graph.of_type(VPC):
            network = _network(vpc.inputs.get("cidrBlock"))
            if network:
                self.networks[vpc.urn] = network
                self.subnets[vpc.urn] = []
        for subnet in graph.of_type(SUBNET):
            network = _network(subnet.inputs.get("cidrBlock"))
            owner = self._vpc_of(subnet, "vpcId")
            if network and owner in self.subnets:
                self.subnets[owner].append(network)

    def _vpc_of(self, resource: Resource, key: str) -> str | None:
        for urn in resource.property_dependencies.get(key, []):
            if urn in self.networks:
                return urn
        target = resource.inputs.get(key)
        return next((urn for urn in self.networks
                     if target in _ids(self.graph.resources[urn])), None)

    def too_wide(self, cidr: str, group: Resource | None) -> str | None:
        """Why `cidr` covers more than the subnets it can be meant for, or None."""
        network = _network(cidr)
        if network is None:
            return None
        own = self._vpc_of(group, "vpcId") if group else None
        for urn in [own] if own else list(self.networks):
            vpc = self.networks[urn]
            if network != vpc and network.supernet_of(vpc):
                return f"wider than the whole VPC {vpc}"
            narrower = sorted({s.prefixlen for s in self.subnets[urn]
                               if s.prefixlen > vpc.prefixlen})
            if network == vpc and narrower:
                sizes = "/".join(str(p) for p in narrower)
                return f"the whole VPC {vpc}, while its subnets are /{sizes}"
        return None


def _network(value: Any) -> ipaddress.IPv4Network | None:
    if not isinstance(value, str):
        return None
    try:
        return ipaddress.IPv4Network(value, strict=False)
    except ValueError:
        return None


# -- mutation: open ingress to the world ------------------------------------------------

#: (call name, CIDR keyword, its value) for the ingress shapes; source keywords to drop.
_CIDR_KEYWORD = {"SecurityGroupIngressRule": ("cidr_ipv4", "0.0.0.0/0"),
                 "SecurityGroupRule": ("cidr_blocks", ["0.0.0.0/0"]),
                 "SecurityGroupIngressArgs": ("cidr_blocks", ["0.0.0.0/0"])}
_SOURCES = ("referenced_security_group_id", "source_security_group_id", "security_groups",
            "self", "prefix_list_id", "prefix_list_ids", "cidr_ipv6", "ipv6_cidr_blocks")


@mutation(SLUG)
def open_ingress_to_world(program: Program) -> Program:
    """Every ingress rule not on 80/443 admits `0.0.0.0/0` instead of its narrower source.

    Rules whose ports are not literals (built in a helper) are all opened: the ones on
    80/443 stay acceptable, the others become the defect.
    """
    return rewrite_python(program, SLUG, _open_calls)


def _open_calls(tree: ast.Module) -> bool:
    changed = False
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
            changed |= _open_call(node, name)
    return changed


def _open_call(call: ast.Call, name: str) -> bool:
    if name == "SecurityGroup":
        blocks = [k.value for k in call.keywords if k.arg == "ingress"]
        dicts = [d for b in blocks if isinstance(b, ast.List) for d in b.elts
                 if isinstance(d, ast.Dict)]
        return any([_open_dict(d) for d in dicts])
    if name not in _CIDR_KEYWORD:
        return False
    keywords = {k.arg: k.value for k in call.keywords if k.arg}
    kind = keywords.get("type")
    if name == "SecurityGroupRule" and not (isinstance(kind, ast.Constant)
                                            and kind.value == "ingress"):
        return False
    if _web_only(keywords.get("from_port"), keywords.get("to_port")):
        return False
    key, value = _CIDR_KEYWORD[name]
    call.keywords = [k for k in call.keywords if k.arg not in (key, *_SOURCES)]
    call.keywords.append(ast.keyword(arg=key, value=ast.parse(repr(value), mode="eval").body))
    return True


def _open_dict(block: ast.Dict) -> bool:
    """An inline ingress block written as a dict (`{"from_port": 22, ...}`)."""
    entries = {k.value: v for k, v in zip(block.keys, block.values, strict=True)
               if isinstance(k, ast.Constant) and isinstance(k.value, str)}
    if _web_only(entries.get("from_port"), entries.get("to_port")):
        return False
    keep = [(k, v) for k, v in zip(block.keys, block.values, strict=True)
            if not (isinstance(k, ast.Constant) and k.value in ("cidr_blocks", *_SOURCES))]
    block.keys = [k for k, _ in keep] + [ast.Constant("cidr_blocks")]
    block.values = [v for _, v in keep] + [ast.parse("['0.0.0.0/0']", mode="eval").body]
    return True


def _web_only(from_port: ast.expr | None, to_port: ast.expr | None) -> bool:
    """Both ports are the same literal 80 or 443: that rule may stay open."""
    return (isinstance(from_port, ast.Constant) and isinstance(to_port, ast.Constant)
            and from_port.value == to_port.value and from_port.value in WEB_PORTS)
