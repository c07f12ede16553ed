"""VPC of one region: public, private and database subnets in two AZs, with flow logs.

Three tiers so that only the load balancer faces the internet, instances reach out
through NAT, and the database subnets have no route out at all. Flow logs go to an
encrypted log group through a role that may write to that group only.
"""

from __future__ import annotations

import ipaddress
import json
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from .scope import RegionScope
from .validation import check_cidr, check_instance, check_output, check_outputs

AZ_COUNT = 2
FLOW_LOG_RETENTION_DAYS = 365


@dataclass(frozen=True)
class NetworkArgs:
    scope: RegionScope
    #: A /16 per region, distinct between regions so they can be peered later.
    vpc_cidr: str
    availability_zones: list[pulumi.Input[str]]
    kms_key_arn: pulumi.Input[str]

    def __post_init__(self) -> None:
        check_instance(self.scope, "scope", RegionScope)
        check_cidr(self.vpc_cidr, "vpc_cidr", 16)
        check_outputs(self.availability_zones, "availability_zones", AZ_COUNT)
        check_output(self.kms_key_arn, "kms_key_arn")


def tier_cidrs(vpc_cidr: str) -> dict[str, list[str]]:
    """Split the /16 into /24s: two public, two private, two database (one per AZ)."""
    blocks = [str(net) for net in ipaddress.IPv4Network(vpc_cidr).subnets(new_prefix=24)]
    return {"public": blocks[0:2], "private": blocks[2:4], "database": blocks[4:6]}


class Network(pulumi.ComponentResource):
    """VPC, subnets, gateways, route tables and the VPC flow log."""

    vpc: aws.ec2.Vpc
    public_subnet_ids: list[pulumi.Output[str]]
    private_subnet_ids: list[pulumi.Output[str]]
    database_subnet_ids: list[pulumi.Output[str]]
    database_cidrs: list[str]

    def __init__(
        self, name: str, args: NetworkArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        check_instance(args, "args", NetworkArgs)
        super().__init__("seed:network:Network", name, None, opts)
        scope = args.scope
        cidrs = tier_cidrs(args.vpc_cidr)
        self.database_cidrs = cidrs["database"]

        self.vpc = aws.ec2.Vpc(
            scope.name("vpc"),
            cidr_block=args.vpc_cidr,
            enable_dns_hostnames=True,
            enable_dns_support=True,
            tags=scope.with_tags("vpc"),
            opts=scope.opts(self),
        )
        subnets: dict[str, list[aws.ec2.Subnet]] = {}
        for tier, blocks in cidrs.items():
            subnets[tier] = [
                aws.ec2.Subnet(
                    scope.name(f"{tier}-subnet-{index + 1}"),
                    vpc_id=self.vpc.id,
                    cidr_block=block,
                    availability_zone=args.availability_zones[index],
                    map_public_ip_on_launch=False,
                    tags=scope.with_tags(f"{tier}-subnet-{index + 1}"),
                    opts=scope.opts(self),
                )
                for index, block in enumerate(blocks)
            ]
        self.public_subnet_ids = [subnet.id for subnet in subnets["public"]]
        self.private_subnet_ids = [subnet.id for subnet in subnets["private"]]
        self.database_subnet_ids = [subnet.id for subnet in subnets["database"]]

        self._routes(scope, subnets)
        self.flow_log = self._flow_log(scope, args.kms_key_arn)
        self.register_outputs({"vpc_id": self.vpc.id})

    def _routes(self, scope: RegionScope, subnets: dict[str, list[aws.ec2.Subnet]]) -> None:
        """Internet gateway for the public tier, one NAT per AZ for the private tier.

        A NAT gateway per AZ keeps the other AZ's instances online when one AZ fails.
        The database tier gets a route table with only the local route.
        """
        igw = aws.ec2.InternetGateway(
            scope.name("igw"),
            vpc_id=self.vpc.id,
            tags=scope.with_tags("igw"),
            opts=scope.opts(self),
        )
        public_table = aws.ec2.RouteTable(
            scope.name("public-rt"),
            vpc_id=self.vpc.id,
            routes=[aws.ec2.RouteTableRouteArgs(cidr_block="0.0.0.0/0", gateway_id=igw.id)],
            tags=scope.with_tags("public-rt"),
            opts=scope.opts(self),
        )
        for index, subnet in enumerate(subnets["public"]):
            aws.ec2.RouteTableAssociation(
                scope.name(f"public-rta-{index + 1}"),
                subnet_id=subnet.id,
                route_table_id=public_table.id,
                opts=scope.opts(self),
            )
        for index, (public, private) in enumerate(
            zip(subnets["public"], subnets["private"], strict=True)
        ):
            eip = aws.ec2.Eip(
                scope.name(f"nat-eip-{index + 1}"),
                domain="vpc",
                tags=scope.with_tags(f"nat-eip-{index + 1}"),
                opts=scope.opts(self, depends_on=[igw]),
            )
            nat = aws.ec2.NatGateway(
                scope.name(f"nat-{index + 1}"),
                allocation_id=eip.id,
                subnet_id=public.id,
                tags=scope.with_tags(f"nat-{index + 1}"),
                opts=scope.opts(self),
            )
            private_table = aws.ec2.RouteTable(
                scope.name(f"private-rt-{index + 1}"),
                vpc_id=self.vpc.id,
                routes=[aws.ec2.RouteTableRouteArgs(cidr_block="0.0.0.0/0", nat_gateway_id=nat.id)],
                tags=scope.with_tags(f"private-rt-{index + 1}"),
                opts=scope.opts(self),
            )
            aws.ec2.RouteTableAssociation(
                scope.name(f"private-rta-{index + 1}"),
                subnet_id=private.id,
                route_table_id=private_table.id,
                opts=scope.opts(self),
            )
        database_table = aws.ec2.RouteTable(
            scope.name("database-rt"),
            vpc_id=self.vpc.id,
            tags=scope.with_tags("database-rt"),
            opts=scope.opts(self),
        )
        for index, subnet in enumerate(subnets["database"]):
            aws.ec2.RouteTableAssociation(
                scope.name(f"database-rta-{index + 1}"),
                subnet_id=subnet.id,
                route_table_id=database_table.id,
                opts=scope.opts(self),
            )

    def _flow_log(self, scope: RegionScope, kms_key_arn: pulumi.Input[str]) -> aws.ec2.FlowLog:
        """All traffic to an encrypted log group; the role can write to that group only."""
        log_group = aws.cloudwatch.LogGroup(
            scope.name("vpc-flow-logs"),
            name=f"/{scope.environment}/{scope.region}/vpc-flow-logs",
            retention_in_days=FLOW_LOG_RETENTION_DAYS,
            kms_key_id=kms_key_arn,
            tags=scope.with_tags("vpc-flow-logs"),
            opts=scope.opts(self),
        )
        assume = pulumi.Output.from_input(scope.account_id).apply(
            lambda account_id: json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "vpc-flow-logs.amazonaws.com"},
                            "Action": "sts:AssumeRole",
                            "Condition": {"StringEquals": {"aws:SourceAccount": account_id}},
                        }
                    ],
                }
            )
        )
        role = aws.iam.Role(
            scope.name("flow-log-role"),
            name=scope.name("flow-log-role"),
            assume_role_policy=assume,
            tags=scope.with_tags("flow-log-role"),
            opts=scope.opts(self),
        )
        aws.iam.RolePolicy(
            scope.name("flow-log-write"),
            role=role.id,
            policy=log_group.arn.apply(
                lambda arn: json.dumps(
                    {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Sid": "WriteFlowLogGroup",
                                "Effect": "Allow",
                                "Action": [
                                    "logs:CreateLogStream",
                                    "logs:PutLogEvents",
                                    "logs:DescribeLogGroups",
                                    "logs:DescribeLogStreams",
                                ],
                                "Resource": [arn, f"{arn}:*"],
                            }
                        ],
                    }
                )
            ),
            opts=scope.opts(self),
        )
        return aws.ec2.FlowLog(
            scope.name("vpc-flow-log"),
            vpc_id=self.vpc.id,
            traffic_type="ALL",
            log_destination_type="cloud-watch-logs",
            log_destination=log_group.arn,
            iam_role_arn=role.arn,
            max_aggregation_interval=60,
            tags=scope.with_tags("vpc-flow-log"),
            opts=scope.opts(self),
        )
