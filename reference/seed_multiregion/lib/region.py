"""Everything one region runs, behind that region's own AWS provider.

The provider is created here, as a child of this component, and handed explicitly to
every resource below it: the region's resources, their provider and their component
then form one subtree that can be read, moved or deleted as a unit.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from .audit import AuditTrail, AuditTrailArgs
from .compute import AppServers, AppServersArgs
from .database import Database, DatabaseArgs
from .encryption import EncryptionKey, EncryptionKeyArgs
from .load_balancer import LoadBalancer, LoadBalancerArgs
from .network import Network, NetworkArgs
from .scope import RegionScope
from .security_groups import SecurityGroups, SecurityGroupsArgs
from .validation import check_cidr, check_environment, check_instance, check_region, check_tags
from .waf import WebFirewall, WebFirewallArgs


@dataclass(frozen=True)
class RegionalStackArgs:
    environment: str
    region: str
    vpc_cidr: str
    tags: dict[str, str]
    #: The primary region's trail also records global services (IAM, STS).
    is_primary: bool
    certificate_arn: str | None = None

    def __post_init__(self) -> None:
        check_environment(self.environment)
        check_region(self.region)
        check_cidr(self.vpc_cidr, "vpc_cidr", 16)
        object.__setattr__(self, "tags", check_tags(self.tags))
        check_instance(self.is_primary, "is_primary", bool)
        if self.certificate_arn is not None:
            check_instance(self.certificate_arn, "certificate_arn", str)


class RegionalStack(pulumi.ComponentResource):
    """Key, network, database, web tier, WAF, audit trail and alarms of one region."""

    def __init__(
        self, name: str, args: RegionalStackArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        check_instance(args, "args", RegionalStackArgs)
        super().__init__("seed:region:RegionalStack", name, None, opts)
        prefix = f"{args.environment}-{args.region}"

        provider = aws.Provider(
            f"{prefix}-provider",
            region=args.region,
            default_tags=aws.ProviderDefaultTagsArgs(tags=args.tags),
            opts=pulumi.ResourceOptions(parent=self),
        )
        invoke = pulumi.InvokeOutputOptions(parent=self, provider=provider)
        identity = aws.get_caller_identity_output(opts=invoke)
        zones = aws.get_availability_zones_output(state="available", opts=invoke)
        scope = RegionScope(
            environment=args.environment,
            region=args.region,
            tags=args.tags,
            provider=provider,
            account_id=identity.account_id,
        )
        child = pulumi.ResourceOptions(parent=self, provider=provider)
        trail_name = scope.name("trail")

        key = EncryptionKey(
            scope.name("encryption"), EncryptionKeyArgs(scope, trail_name=trail_name), child
        )
        alerts = aws.sns.Topic(
            scope.name("alerts"),
            name=scope.name("alerts"),
            kms_master_key_id=key.key.id,
            tags=scope.with_tags("alerts"),
            opts=scope.opts(self),
        )
        network = Network(
            scope.name("network"),
            NetworkArgs(
                scope,
                vpc_cidr=args.vpc_cidr,
                availability_zones=[zones.names[0], zones.names[1]],
                kms_key_arn=key.key.arn,
            ),
            child,
        )
        groups = SecurityGroups(
            scope.name("security-groups"),
            SecurityGroupsArgs(scope, network.vpc.id, database_cidrs=network.database_cidrs),
            child,
        )
        self.database = Database(
            scope.name("database"),
            DatabaseArgs(
                scope,
                subnet_ids=list(network.database_subnet_ids),
                security_group_id=groups.database.id,
                kms_key_arn=key.key.arn,
                alarm_topic_arn=alerts.arn,
            ),
            child,
        )
        self.load_balancer = LoadBalancer(
            scope.name("load-balancer"),
            LoadBalancerArgs(
                scope,
                vpc_id=network.vpc.id,
                subnet_ids=list(network.public_subnet_ids),
                security_group_id=groups.alb.id,
                alarm_topic_arn=alerts.arn,
                certificate_arn=args.certificate_arn,
            ),
            child,
        )
        self.firewall = WebFirewall(
            scope.name("firewall"),
            WebFirewallArgs(scope, resource_arn=self.load_balancer.alb.arn),
            child,
        )
        AppServers(
            scope.name("app"),
            AppServersArgs(
                scope,
                subnet_ids=list(network.private_subnet_ids),
                security_group_id=groups.app.id,
                target_group_arn=self.load_balancer.target_group.arn,
                kms_key_arn=key.key.arn,
            ),
            child,
        )
        AuditTrail(
            scope.name("audit"),
            AuditTrailArgs(
                scope,
                kms_key_arn=key.key.arn,
                trail_name=trail_name,
                include_global_service_events=args.is_primary,
            ),
            child,
        )

        self.vpc_id = network.vpc.id
        self.alb_dns_name = self.load_balancer.alb.dns_name
        self.db_endpoint = self.database.instance.endpoint
        self.web_acl_arn = self.firewall.web_acl.arn
        self.register_outputs(
            {
                "vpc_id": self.vpc_id,
                "alb_dns_name": self.alb_dns_name,
                "db_endpoint": self.db_endpoint,
                "web_acl_arn": self.web_acl_arn,
            }
        )
