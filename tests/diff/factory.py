"""Resource graphs built by hand, shaped like what capture records under the mocks.

`GraphBuilder` registers resources the way the monitor sees them: URNs with the parent
type chain, parent and provider URNs, dependencies and property dependencies, and
outputs that echo the inputs plus an id and an ARN. `tap_stack` builds a small but
typical task answer (component, provider, KMS key, VPC, subnets, security group,
bucket, role and policy) under any naming scheme, so tests can diff two programs that
build the same thing under different names.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from harness.graph import STACK_TYPE, Resource, ResourceGraph, Settings


class GraphBuilder:
    def __init__(self, program_hash: str = "model", stack: str = "dev", project: str = "tap"):
        self.stack, self.project = stack, project
        self.graph = ResourceGraph(
            program_hash=program_hash,
            entry="__main__.py",
            settings=Settings(stack=stack, project=project, environment_suffix=stack),
            status="ok",
        )
        self.stack_urn = self._register(STACK_TYPE, f"{project}-{stack}", {}, custom=False)

    def urn(self, type_: str, name: str, parent: str | None = None) -> str:
        chain = type_
        if parent and parent != self.stack_urn:
            chain = f"{parent.split('::')[2]}${type_}"
        return f"urn:pulumi:{self.stack}::{self.project}::{chain}::{name}"

    def add(
        self,
        type_: str,
        name: str,
        inputs: Mapping[str, Any] | None = None,
        *,
        parent: str | None = None,
        provider: str | None = None,
        depends_on: Sequence[str] = (),
        refs: Mapping[str, Sequence[str]] | None = None,
    ) -> str:
        """A custom resource; `refs` are property dependencies (input key → URNs)."""
        return self._register(
            type_,
            name,
            dict(inputs or {}),
            parent=parent,
            provider=provider,
            depends_on=depends_on,
            refs=refs,
        )

    def component(self, type_: str, name: str, parent: str | None = None) -> str:
        return self._register(type_, name, {}, custom=False, parent=parent)

    def provider(self, name: str, inputs: Mapping[str, Any], parent: str | None = None) -> str:
        return self._register("pulumi:providers:aws", name, dict(inputs), parent=parent)

    def arn(self, urn: str) -> str:
        return str(self.graph.resources[urn].outputs["arn"])

    def id(self, urn: str) -> str:
        return str(self.graph.resources[urn].id)

    def build(self) -> ResourceGraph:
        return self.graph

    def _register(
        self,
        type_: str,
        name: str,
        inputs: dict[str, Any],
        *,
        custom: bool = True,
        parent: str | None = None,
        provider: str | None = None,
        depends_on: Sequence[str] = (),
        refs: Mapping[str, Sequence[str]] | None = None,
    ) -> str:
        parent = parent or (None if type_ == STACK_TYPE else self.stack_urn)
        urn = self.urn(type_, name, parent)
        refs = {k: list(v) for k, v in (refs or {}).items()}
        deps = sorted({*depends_on, *(u for us in refs.values() for u in us)})
        service = type_.split(":")[1].split("/")[0] if type_.count(":") == 2 else "x"
        outputs = dict(inputs)
        resource_id = None
        if custom:
            digest = hashlib.sha256(f"{self.graph.program_hash}{urn}".encode()).hexdigest()
            resource_id = f"{name}-{digest[:8]}"
            outputs["arn"] = f"arn:aws:{service}:us-east-1:123456789012:{resource_id}"
        self.graph.resources[urn] = Resource(
            urn=urn,
            type=type_,
            name=name,
            custom=custom,
            parent=parent,
            provider=provider,
            dependencies=deps,
            property_dependencies=refs,
            options={},
            inputs=inputs,
            secret_paths=[],
            outputs=outputs,
            id=resource_id,
        )
        return urn


def policy(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


ASSUME_LAMBDA = policy(
    {
        "Effect": "Allow",
        "Principal": {"Service": "lambda.amazonaws.com"},
        "Action": "sts:AssumeRole",
    }
)


def tap_stack(
    naming: Callable[[str], str] = lambda n: n,
    *,
    program_hash: str = "model",
    provider_under_component: bool = True,
    web_cidr: str = "10.0.3.0/24",
    bucket_actions: Sequence[str] = ("s3:GetObject", "s3:PutObject"),
    reverse_lists: bool = False,
    actions_as_lists: bool = False,
    use_component: bool = True,
) -> GraphBuilder:
    """A typical answer under a naming scheme.

    `reverse_lists` reverses every list and the tags, `actions_as_lists` writes single
    IAM actions and resources as one-item lists: neither changes what is deployed.
    `use_component=False` registers everything directly under the stack.
    """

    def one(value: str) -> str | list[str]:
        return [value] if actions_as_lists else value

    def order(items: list[Any]) -> list[Any]:
        return list(reversed(items)) if reverse_lists else items

    b = GraphBuilder(program_hash)
    n = naming
    stack = b.component("tap:stack:TapStack", n("TapStackdev")) if use_component else None
    aws = b.provider(
        n("aws-provider"),
        {"region": "us-east-1"},
        parent=stack if provider_under_component else None,
    )
    on = {"parent": stack, "provider": aws}
    tags = {"Project": "tap", "Environment": "dev", "Owner": "platform"}
    if reverse_lists:
        tags = dict(reversed(list(tags.items())))
    key = b.add("aws:kms/key:Key", n("primary-kms-key"), {"enableKeyRotation": True}, **on)
    vpc = b.add("aws:ec2/vpc:Vpc", n("main-vpc"), {"cidrBlock": "10.0.0.0/16", "tags": tags}, **on)
    subnets = [
        b.add(
            "aws:ec2/subnet:Subnet",
            n(f"public-subnet-{i}"),
            {"vpcId": b.id(vpc), "cidrBlock": f"10.0.{i + 1}.0/24", "availabilityZone": az},
            refs={"vpcId": [vpc]},
            **on,
        )
        for i, az in enumerate(["us-east-1a", "us-east-1b"])
    ]
    route_table = b.add(
        "aws:ec2/routeTable:RouteTable",
        n("public-rt"),
        {"vpcId": b.id(vpc)},
        refs={"vpcId": [vpc]},
        **on,
    )
    for i, subnet in enumerate(subnets):
        b.add(
            "aws:ec2/routeTableAssociation:RouteTableAssociation",
            n(f"public-rta-{i}"),
            {"subnetId": b.id(subnet), "routeTableId": b.id(route_table)},
            refs={"subnetId": [subnet], "routeTableId": [route_table]},
            **on,
        )
    b.add(
        "aws:ec2/securityGroup:SecurityGroup",
        n("web-sg"),
        {
            "vpcId": b.id(vpc),
            "description": "web tier",
            "ingress": order(
                [
                    {"protocol": "tcp", "fromPort": 443, "toPort": 443, "cidrBlocks": [web_cidr]},
                    {
                        "protocol": "tcp",
                        "fromPort": 80,
                        "toPort": 80,
                        "cidrBlocks": order(["10.0.1.0/24", "10.0.2.0/24"]),
                    },
                ]
            ),
        },
        refs={"vpcId": [vpc]},
        **on,
    )
    bucket = b.add(
        "aws:s3/bucketV2:BucketV2", n("logs-bucket"), {"tags": tags, "forceDestroy": True}, **on
    )
    assume = ASSUME_LAMBDA
    if actions_as_lists:
        assume = policy(
            {
                "Effect": "Allow",
                "Principal": {"Service": ["lambda.amazonaws.com"]},
                "Action": ["sts:AssumeRole"],
            }
        )
    role = b.add("aws:iam/role:Role", n("lambda-role"), {"assumeRolePolicy": assume}, **on)
    statements = [
        {
            "Sid": "ReadWrite",
            "Effect": "Allow",
            "Action": order(list(bucket_actions)),
            "Resource": [b.arn(bucket), f"{b.arn(bucket)}/*"],
        },
        {
            "Sid": "Decrypt" if not actions_as_lists else "AllowKmsDecrypt",
            "Effect": "Allow",
            "Action": one("kms:Decrypt"),
            "Resource": one(b.arn(key)),
        },
    ]
    b.add(
        "aws:iam/rolePolicy:RolePolicy",
        n("lambda-policy"),
        {"role": {"$ref": role}, "policy": policy(*order(statements))},
        refs={"role": [role], "policy": [bucket, key]},
        **on,
    )
    return b
