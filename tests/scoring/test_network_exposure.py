"""network_exposure: world ingress beyond 80/443, `-1` to the world, CIDRs wider than subnets."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from harness.graph import Resource
from harness.program import Program
from scoring.api import MUTATIONS, CheckContext
from scoring.network_exposure import network_exposure


def resource(ctx: CheckContext, name: str) -> Resource:
    [found] = [r for r in ctx.graph.resources.values() if r.name == name]
    return found


HEADER = """\
import pulumi_aws as aws

vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16")
subnets = [aws.ec2.Subnet(f"db-{i}", vpc_id=vpc.id, cidr_block=f"10.0.{i}.0/24")
           for i in (4, 5)]
"""

NARROW = HEADER + """
web = aws.ec2.SecurityGroup("web", vpc_id=vpc.id,
    ingress=[aws.ec2.SecurityGroupIngressArgs(protocol="tcp", from_port=443, to_port=443,
                                              cidr_blocks=["0.0.0.0/0"]),
             {"protocol": "tcp", "from_port": 80, "to_port": 80, "ipv6_cidr_blocks": ["::/0"]}],
    egress=[{"protocol": "tcp", "from_port": 3306, "to_port": 3306,
             "cidr_blocks": ["10.0.4.0/24", "10.0.5.0/24"]}])
app = aws.ec2.SecurityGroup("app", vpc_id=vpc.id)
aws.ec2.SecurityGroupRule("app-from-web", type="ingress", security_group_id=app.id,
                          protocol="tcp", from_port=8080, to_port=8080,
                          source_security_group_id=web.id)
# egress to the world on a named port (HTTPS to AWS APIs) is not in the rule
aws.vpc.SecurityGroupEgressRule("app-https", security_group_id=app.id, ip_protocol="tcp",
                                from_port=443, to_port=443, cidr_ipv4="0.0.0.0/0")
"""


def test_narrow_rules_of_all_three_shapes_pass(context_of: Callable[..., CheckContext]) -> None:
    result = network_exposure(context_of(NARROW))
    assert result.verdict == "pass", result
    assert result.evidence[0].note.startswith("2 security group(s), 5 rule(s)")


WIDE = HEADER + """
# inline blocks
bastion = aws.ec2.SecurityGroup("bastion", vpc_id=vpc.id,
    ingress=[{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"]},
             {"protocol": "tcp", "from_port": 80, "to_port": 443, "cidr_blocks": ["0.0.0.0/0"]}],
    egress=[{"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"]}])
# the classic rule resource: the whole VPC where the database subnets are /24
db = aws.ec2.SecurityGroup("db", vpc_id=vpc.id)
aws.ec2.SecurityGroupRule("db-from-vpc", type="ingress", security_group_id=db.id,
                          protocol="tcp", from_port=3306, to_port=3306,
                          cidr_blocks=[vpc.cidr_block])
aws.ec2.SecurityGroupRule("db-to-vpc", type="egress", security_group_id=db.id,
                          protocol="tcp", from_port=3306, to_port=3306, cidr_blocks=["10.0.0.0/8"])
# the vpc rule resources, IPv6 world
aws.vpc.SecurityGroupIngressRule("db-ipv6", security_group_id=db.id, ip_protocol="-1",
                                 cidr_ipv6="::/0")
aws.vpc.SecurityGroupEgressRule("db-all-tcp", security_group_id=db.id, ip_protocol="tcp",
                                from_port=0, to_port=65535, cidr_ipv4="0.0.0.0/0")
"""


def test_each_wide_rule_is_evidence_merged_per_group(context_of: Callable[..., CheckContext]
                                                     ) -> None:
    ctx = context_of(WIDE)
    result = network_exposure(ctx)
    assert result.verdict == "fail"
    urn = {n: resource(ctx, n).urn for n in ("bastion", "db-from-vpc", "db-to-vpc", "db-ipv6",
                                              "db-all-tcp")}
    assert {(e.urn, e.path, e.value) for e in result.evidence} == {
        (urn["bastion"], "ingress[0].cidrBlocks[0]", "0.0.0.0/0"),
        (urn["bastion"], "ingress[1].cidrBlocks[0]", "0.0.0.0/0"),
        (urn["bastion"], "egress[0].cidrBlocks[0]", "0.0.0.0/0"),
        (urn["db-from-vpc"], "cidrBlocks[0]", "10.0.0.0/16"),
        (urn["db-to-vpc"], "cidrBlocks[0]", "10.0.0.0/8"),
        (urn["db-ipv6"], "cidrIpv6", "::/0"),
        (urn["db-all-tcp"], "cidrIpv4", "0.0.0.0/0"),
    }
    notes = {(e.urn, e.path): e.note for e in result.evidence}
    assert notes[(urn["bastion"], "ingress[0].cidrBlocks[0]")] == (
        "ingress tcp port 22 (group bastion) open to 0.0.0.0/0: only 80/443 may face the world")
    assert notes[(urn["bastion"], "ingress[1].cidrBlocks[0]")].startswith(
        "ingress tcp ports 80-443 (group bastion)")
    assert notes[(urn["bastion"], "egress[0].cidrBlocks[0]")] == (
        "egress all traffic (group bastion) to 0.0.0.0/0: protocol -1 to the world")
    # rules of another shape name the group they belong to
    assert notes[(urn["db-from-vpc"], "cidrBlocks[0]")] == (
        "ingress tcp port 3306 (group db) from 10.0.0.0/16: the whole VPC 10.0.0.0/16, while "
        "its subnets are /24")
    assert notes[(urn["db-to-vpc"], "cidrBlocks[0]")].endswith(
        "wider than the whole VPC 10.0.0.0/16")
    assert "every port (same as -1)" in notes[(urn["db-all-tcp"], "cidrIpv4")]
    # evidence is ordered by group
    groups = [e.note.split("(group ")[1].split(")")[0] for e in result.evidence]
    assert groups == sorted(groups)


def test_no_security_group_is_not_applicable(context_of: Callable[..., CheckContext]) -> None:
    assert network_exposure(context_of(HEADER)).verdict == "not_applicable"


def test_mutation_opens_ingress_except_on_web_ports(context_of: Callable[..., CheckContext]
                                                    ) -> None:
    program = Program(files={"__main__.py": textwrap.dedent(NARROW)}, entry="__main__.py")
    mutated = MUTATIONS["network_exposure"](program)
    text = mutated.files["__main__.py"]
    assert "source_security_group_id" not in text and "::/0" in text
    ctx = context_of(mutated)
    result = network_exposure(ctx)
    assert result.verdict == "fail"
    assert [(e.urn, e.path, e.value) for e in result.evidence] == [
        (resource(ctx, "app-from-web").urn, "cidrBlocks[0]", "0.0.0.0/0")]


# -- the reference, the flawed answer, the mutation ---------------------------------------


def test_reference_passes(reference: Program, probed: Callable[[Program], CheckContext]) -> None:
    assert network_exposure(probed(reference)).verdict == "pass"


def test_flawed_answer_fails(flawed_answer: Program,
                             probed: Callable[[Program], CheckContext]) -> None:
    result = network_exposure(probed(flawed_answer))
    assert result.verdict == "fail"
    assert all(e.urn and e.path and e.value for e in result.evidence), result
