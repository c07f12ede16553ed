"""Security groups of the three tiers, each rule as narrow as its purpose.

Rules are separate `aws.vpc` rule resources rather than inline blocks: the ALB and
app groups reference each other, which inline blocks cannot express without a cycle.
No group has an allow-all egress rule; every egress names its port and destination.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from .scope import RegionScope
from .validation import check_cidr, check_instance, check_output

HTTP, HTTPS, MYSQL = 80, 443, 3306
WORLD = "0.0.0.0/0"


@dataclass(frozen=True)
class SecurityGroupsArgs:
    scope: RegionScope
    vpc_id: pulumi.Input[str]
    #: The /24s of the database subnets: the only place instances may open MySQL connections.
    database_cidrs: list[str]

    def __post_init__(self) -> None:
        check_instance(self.scope, "scope", RegionScope)
        check_output(self.vpc_id, "vpc_id")
        check_instance(self.database_cidrs, "database_cidrs", list)
        if not self.database_cidrs:
            raise ValueError("database_cidrs must list the database subnets")
        for index, cidr in enumerate(self.database_cidrs):
            check_cidr(cidr, f"database_cidrs[{index}]", 24)


class SecurityGroups(pulumi.ComponentResource):
    """ALB group (public web ports), app group (from the ALB only), DB group (from the app only)."""

    alb: aws.ec2.SecurityGroup
    app: aws.ec2.SecurityGroup
    database: aws.ec2.SecurityGroup

    def __init__(
        self, name: str, args: SecurityGroupsArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        check_instance(args, "args", SecurityGroupsArgs)
        super().__init__("seed:network:SecurityGroups", name, None, opts)
        scope = args.scope

        def group(tier: str, description: str) -> aws.ec2.SecurityGroup:
            return aws.ec2.SecurityGroup(
                scope.name(f"{tier}-sg"),
                name=scope.name(f"{tier}-sg"),
                description=description,
                vpc_id=args.vpc_id,
                tags=scope.with_tags(f"{tier}-sg"),
                opts=scope.opts(self),
            )

        self.alb = group("alb", "Load balancer: HTTP and HTTPS from the internet")
        self.app = group("app", "Application instances: HTTP from the load balancer only")
        self.database = group("db", "MySQL: from the application instances only")

        def ingress(
            key: str,
            sg: aws.ec2.SecurityGroup,
            port: int,
            description: str,
            cidr: str | None = None,
            source: aws.ec2.SecurityGroup | None = None,
        ) -> None:
            aws.vpc.SecurityGroupIngressRule(
                scope.name(key),
                security_group_id=sg.id,
                ip_protocol="tcp",
                from_port=port,
                to_port=port,
                cidr_ipv4=cidr,
                referenced_security_group_id=source.id if source else None,
                description=description,
                opts=scope.opts(self),
            )

        def egress(
            key: str,
            sg: aws.ec2.SecurityGroup,
            port: int,
            description: str,
            cidr: str | None = None,
            target: aws.ec2.SecurityGroup | None = None,
        ) -> None:
            aws.vpc.SecurityGroupEgressRule(
                scope.name(key),
                security_group_id=sg.id,
                ip_protocol="tcp",
                from_port=port,
                to_port=port,
                cidr_ipv4=cidr,
                referenced_security_group_id=target.id if target else None,
                description=description,
                opts=scope.opts(self),
            )

        ingress("alb-in-http", self.alb, HTTP, "HTTP from the internet", cidr=WORLD)
        ingress("alb-in-https", self.alb, HTTPS, "HTTPS from the internet", cidr=WORLD)
        egress("alb-out-app", self.alb, HTTP, "To application instances", target=self.app)

        ingress("app-in-alb", self.app, HTTP, "HTTP from the load balancer", source=self.alb)
        for index, cidr in enumerate(args.database_cidrs):
            egress(
                f"app-out-db-{index + 1}", self.app, MYSQL, "MySQL to a database subnet", cidr=cidr
            )
        egress(
            "app-out-https", self.app, HTTPS, "HTTPS to AWS APIs and package mirrors", cidr=WORLD
        )

        ingress(
            "db-in-app", self.database, MYSQL, "MySQL from application instances", source=self.app
        )
        self.register_outputs(
            {"alb_sg": self.alb.id, "app_sg": self.app.id, "db_sg": self.database.id}
        )
