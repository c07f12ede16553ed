"""Who may read and write the content, and under which key.

The key and the bucket policy both name the one distribution by ARN (`AWS:SourceArn`),
so no other distribution, not even one in this account, can read the site. They are
made after the distribution for that reason; the bucket is only switched to SSE-KMS
here. Deployments (CI) get a customer managed policy for exactly this bucket, key and
distribution, to attach to whatever principal publishes the site.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws

from .scope import Scope
from .validation import check_instance, check_output

SYMMETRIC_USE = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                 "kms:DescribeKey"]


@dataclass(frozen=True)
class ContentAccessArgs:
    scope: Scope
    bucket_id: pulumi.Input[str]
    bucket_arn: pulumi.Input[str]
    distribution_arn: pulumi.Input[str]

    def __post_init__(self) -> None:
        check_instance(self.scope, "scope", Scope)
        check_output(self.bucket_id, "bucket_id")
        check_output(self.bucket_arn, "bucket_arn")
        check_output(self.distribution_arn, "distribution_arn")


def key_policy(account_id: str, region: str, distribution_arn: str) -> str:
    """Administration by the account; use through S3 for the account; decrypt for CloudFront."""
    root = f"arn:aws:iam::{account_id}:root"
    statements: list[dict[str, Any]] = [
        {"Sid": "AccountAdministration", "Effect": "Allow", "Principal": {"AWS": root},
         "Action": "kms:*", "Resource": "*"},
        {"Sid": "UseThroughS3", "Effect": "Allow", "Principal": {"AWS": root},
         "Action": SYMMETRIC_USE, "Resource": "*",
         "Condition": {"StringEquals": {"kms:ViaService": f"s3.{region}.amazonaws.com",
                                        "kms:CallerAccount": account_id}}},
        {"Sid": "DecryptForTheSiteDistribution", "Effect": "Allow",
         "Principal": {"Service": "cloudfront.amazonaws.com"},
         "Action": "kms:Decrypt", "Resource": "*",
         "Condition": {"StringEquals": {"AWS:SourceArn": distribution_arn}}},
    ]
    return json.dumps({"Version": "2012-10-17", "Statement": statements})


def bucket_policy(bucket_arn: str, distribution_arn: str) -> str:
    """Reads by the distribution only; TLS for everyone."""
    return json.dumps({
        "Version": "2012-10-17",
        "Statement": [
            {"Sid": "ReadBySiteDistribution", "Effect": "Allow",
             "Principal": {"Service": "cloudfront.amazonaws.com"},
             "Action": "s3:GetObject", "Resource": f"{bucket_arn}/*",
             "Condition": {"StringEquals": {"AWS:SourceArn": distribution_arn}}},
            {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*",
             "Action": "s3:*", "Resource": [bucket_arn, f"{bucket_arn}/*"],
             "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
        ],
    })


def deployer_policy(bucket_arn: str, key_arn: str, distribution_arn: str) -> str:
    """Sync the bucket and invalidate the cache: nothing else, nowhere else."""
    return json.dumps({
        "Version": "2012-10-17",
        "Statement": [
            {"Sid": "ListSite", "Effect": "Allow", "Action": "s3:ListBucket",
             "Resource": bucket_arn},
            {"Sid": "SyncSite", "Effect": "Allow",
             "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
             "Resource": f"{bucket_arn}/*"},
            {"Sid": "EncryptUploads", "Effect": "Allow",
             "Action": ["kms:GenerateDataKey", "kms:Decrypt"], "Resource": key_arn},
            {"Sid": "InvalidateCache", "Effect": "Allow",
             "Action": ["cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"],
             "Resource": distribution_arn},
        ],
    })


class ContentAccess(pulumi.ComponentResource):
    """Content key, bucket encryption, bucket policy and the deployer policy."""

    key: aws.kms.Key
    deployer_policy: aws.iam.Policy

    def __init__(
        self, name: str, args: ContentAccessArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        check_instance(args, "args", ContentAccessArgs)
        super().__init__("site:security:ContentAccess", name, None, opts)
        scope = args.scope

        self.key = aws.kms.Key(
            scope.name("content-key"),
            description=f"{scope.name('content')}: objects served through CloudFront",
            customer_master_key_spec="SYMMETRIC_DEFAULT",
            key_usage="ENCRYPT_DECRYPT",
            enable_key_rotation=True,
            deletion_window_in_days=30,
            policy=pulumi.Output.all(scope.account_id, args.distribution_arn).apply(
                lambda values: key_policy(values[0], scope.region, values[1])
            ),
            tags=scope.with_tags("content-key"),
            opts=scope.opts(self),
        )
        aws.kms.Alias(
            scope.name("content-key-alias"),
            name=f"alias/{scope.name('content')}",
            target_key_id=self.key.key_id,
            opts=scope.opts(self),
        )
        aws.s3.BucketServerSideEncryptionConfiguration(
            scope.name("content-sse"),
            bucket=args.bucket_id,
            rules=[aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(
                apply_server_side_encryption_by_default=(
                    aws.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs(
                        sse_algorithm="aws:kms", kms_master_key_id=self.key.arn
                    )
                ),
                bucket_key_enabled=True,
            )],
            opts=scope.opts(self),
        )
        aws.s3.BucketPolicy(
            scope.name("content-policy"),
            bucket=args.bucket_id,
            policy=pulumi.Output.all(args.bucket_arn, args.distribution_arn).apply(
                lambda values: bucket_policy(values[0], values[1])
            ),
            opts=scope.opts(self),
        )
        self.deployer_policy = aws.iam.Policy(
            scope.name("deployer"),
            name=scope.name("deployer"),
            description="Publish the site: sync its bucket and invalidate its distribution",
            policy=pulumi.Output.all(args.bucket_arn, self.key.arn, args.distribution_arn).apply(
                lambda values: deployer_policy(values[0], values[1], values[2])
            ),
            tags=scope.with_tags("deployer"),
            opts=scope.opts(self),
        )
        self.register_outputs({
            "key_arn": self.key.arn,
            "deployer_policy_arn": self.deployer_policy.arn,
        })
