"""CloudTrail trail of one region with its private, encrypted, versioned log bucket.

Each regional stack records its own region's API calls, so either region can be
audited without the other; only the primary region also records global services
(IAM, STS), which would otherwise be logged twice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from .scope import RegionScope
from .validation import check_instance, check_output


@dataclass(frozen=True)
class AuditTrailArgs:
    scope: RegionScope
    kms_key_arn: pulumi.Input[str]
    trail_name: str
    include_global_service_events: bool

    def __post_init__(self) -> None:
        check_instance(self.scope, "scope", RegionScope)
        check_output(self.kms_key_arn, "kms_key_arn")
        check_instance(self.trail_name, "trail_name", str)
        if not self.trail_name.startswith(self.scope.environment):
            raise ValueError(f"trail_name {self.trail_name!r} must start with the environment")
        check_instance(self.include_global_service_events, "include_global_service_events", bool)


def bucket_policy(bucket_arn: str, account_id: str, trail_arn: str) -> str:
    """CloudTrail may check the ACL and write under AWSLogs/<account>, for this trail only."""
    only_this_trail = {"StringEquals": {"aws:SourceArn": trail_arn}}
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "CloudTrailAclCheck",
                    "Effect": "Allow",
                    "Principal": {"Service": "cloudtrail.amazonaws.com"},
                    "Action": "s3:GetBucketAcl",
                    "Resource": bucket_arn,
                    "Condition": only_this_trail,
                },
                {
                    "Sid": "CloudTrailWrite",
                    "Effect": "Allow",
                    "Principal": {"Service": "cloudtrail.amazonaws.com"},
                    "Action": "s3:PutObject",
                    "Resource": f"{bucket_arn}/AWSLogs/{account_id}/*",
                    "Condition": {
                        "StringEquals": {
                            "aws:SourceArn": trail_arn,
                            "s3:x-amz-acl": "bucket-owner-full-control",
                        }
                    },
                },
                {
                    "Sid": "DenyInsecureTransport",
                    "Effect": "Deny",
                    "Principal": "*",
                    "Action": "s3:*",
                    "Resource": [bucket_arn, f"{bucket_arn}/*"],
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                },
            ],
        }
    )


class AuditTrail(pulumi.ComponentResource):
    """Log bucket (private, versioned, KMS), its policy and the trail writing to it."""

    trail: aws.cloudtrail.Trail

    def __init__(
        self, name: str, args: AuditTrailArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        check_instance(args, "args", AuditTrailArgs)
        super().__init__("seed:security:AuditTrail", name, None, opts)
        scope = args.scope

        # No explicit bucket name: S3 names are global, so the env-prefixed logical name
        # plus Pulumi's random suffix is what keeps two stacks from colliding.
        bucket = aws.s3.Bucket(
            scope.name("trail-logs"),
            force_destroy=False,
            tags=scope.with_tags("trail-logs"),
            opts=scope.opts(self),
        )
        aws.s3.BucketOwnershipControls(
            scope.name("trail-logs-ownership"),
            bucket=bucket.id,
            rule=aws.s3.BucketOwnershipControlsRuleArgs(object_ownership="BucketOwnerEnforced"),
            opts=scope.opts(self),
        )
        public_access = aws.s3.BucketPublicAccessBlock(
            scope.name("trail-logs-public-access"),
            bucket=bucket.id,
            block_public_acls=True,
            block_public_policy=True,
            ignore_public_acls=True,
            restrict_public_buckets=True,
            opts=scope.opts(self),
        )
        aws.s3.BucketVersioning(
            scope.name("trail-logs-versioning"),
            bucket=bucket.id,
            versioning_configuration=aws.s3.BucketVersioningVersioningConfigurationArgs(
                status="Enabled"
            ),
            opts=scope.opts(self),
        )
        aws.s3.BucketServerSideEncryptionConfiguration(
            scope.name("trail-logs-encryption"),
            bucket=bucket.id,
            rules=[
                aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(
                    apply_server_side_encryption_by_default=(
                        aws.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs(
                            sse_algorithm="aws:kms", kms_master_key_id=args.kms_key_arn
                        )
                    ),
                    bucket_key_enabled=True,
                )
            ],
            opts=scope.opts(self),
        )
        trail_arn = pulumi.Output.from_input(scope.account_id).apply(
            lambda account_id: (
                f"arn:aws:cloudtrail:{scope.region}:{account_id}:trail/{args.trail_name}"
            )
        )
        policy = aws.s3.BucketPolicy(
            scope.name("trail-logs-policy"),
            bucket=bucket.id,
            policy=pulumi.Output.all(bucket.arn, scope.account_id, trail_arn).apply(
                lambda values: bucket_policy(values[0], values[1], values[2])
            ),
            opts=scope.opts(self, depends_on=[public_access]),
        )
        self.trail = aws.cloudtrail.Trail(
            scope.name("trail"),
            name=args.trail_name,
            s3_bucket_name=bucket.id,
            kms_key_id=args.kms_key_arn,
            enable_log_file_validation=True,
            is_multi_region_trail=False,
            include_global_service_events=args.include_global_service_events,
            tags=scope.with_tags("trail"),
            opts=scope.opts(self, depends_on=[policy]),
        )
        self.register_outputs({"trail_arn": self.trail.arn, "bucket": bucket.id})
