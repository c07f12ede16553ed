"""The content bucket and the log bucket.

Both buckets block every form of public access; the content bucket is read only by
CloudFront (see `access.py`), keeps old versions for a month so a bad upload can be
rolled back, and sends its server access logs to the log bucket. The log bucket keeps
ACLs enabled because CloudFront's standard logging still delivers through an ACL grant.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from .scope import Scope
from .validation import check_instance, check_int


@dataclass(frozen=True)
class SiteStorageArgs:
    scope: Scope
    log_retention_days: int = 90
    noncurrent_version_days: int = 30

    def __post_init__(self) -> None:
        check_instance(self.scope, "scope", Scope)
        check_int(self.log_retention_days, "log_retention_days", 1, 3650)
        check_int(self.noncurrent_version_days, "noncurrent_version_days", 1, 365)


class SiteStorage(pulumi.ComponentResource):
    """Private, versioned content bucket and a log bucket with expiry."""

    content: aws.s3.Bucket
    logs: aws.s3.Bucket

    def __init__(
        self, name: str, args: SiteStorageArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        check_instance(args, "args", SiteStorageArgs)
        super().__init__("site:storage:SiteStorage", name, None, opts)
        self._scope = scope = args.scope

        self.logs = self._bucket("logs", ownership="BucketOwnerPreferred")
        aws.s3.BucketServerSideEncryptionConfiguration(
            scope.name("logs-sse"),
            bucket=self.logs.id,
            rules=[aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(
                apply_server_side_encryption_by_default=(
                    aws.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs(
                        # SSE-S3: CloudFront and S3 deliver logs with no grant on a KMS key.
                        sse_algorithm="AES256"
                    )
                ),
            )],
            opts=scope.opts(self),
        )
        self._expire("logs", self.logs, args.log_retention_days, args.noncurrent_version_days)

        self.content = self._bucket("content", ownership="BucketOwnerEnforced")
        self._expire("content", self.content, None, args.noncurrent_version_days)
        aws.s3.BucketLogging(
            scope.name("content-access-logs"),
            bucket=self.content.id,
            target_bucket=self.logs.id,
            target_prefix="s3-access/",
            opts=scope.opts(self),
        )
        aws.s3.BucketPolicy(
            scope.name("logs-policy"),
            bucket=self.logs.id,
            policy=pulumi.Output.all(self.logs.arn, self.content.arn, scope.account_id).apply(
                lambda values: self._logs_policy(*values)
            ),
            opts=scope.opts(self),
        )
        self.register_outputs({"content_bucket": self.content.id, "logs_bucket": self.logs.id})

    def _bucket(self, purpose: str, ownership: str) -> aws.s3.Bucket:
        """A bucket named after environment, site and account, closed to the public."""
        scope = self._scope
        bucket = aws.s3.Bucket(
            scope.name(purpose),
            bucket=pulumi.Output.from_input(scope.account_id).apply(
                lambda account_id: scope.name(f"{purpose}-{account_id}")
            ),
            tags=scope.with_tags(purpose),
            opts=scope.opts(self),
        )
        aws.s3.BucketPublicAccessBlock(
            scope.name(f"{purpose}-public-access-block"),
            bucket=bucket.id,
            block_public_acls=True,
            block_public_policy=True,
            ignore_public_acls=True,
            restrict_public_buckets=True,
            opts=scope.opts(self),
        )
        aws.s3.BucketOwnershipControls(
            scope.name(f"{purpose}-ownership"),
            bucket=bucket.id,
            rule=aws.s3.BucketOwnershipControlsRuleArgs(object_ownership=ownership),
            opts=scope.opts(self),
        )
        aws.s3.BucketVersioning(
            scope.name(f"{purpose}-versioning"),
            bucket=bucket.id,
            versioning_configuration=aws.s3.BucketVersioningVersioningConfigurationArgs(
                status="Enabled"
            ),
            opts=scope.opts(self),
        )
        return bucket

    def _expire(
        self, purpose: str, bucket: aws.s3.Bucket, current_days: int | None, old_days: int
    ) -> None:
        """Expire old versions (and, for logs, current objects) after the given days."""
        scope = self._scope
        aws.s3.BucketLifecycleConfiguration(
            scope.name(f"{purpose}-lifecycle"),
            bucket=bucket.id,
            rules=[aws.s3.BucketLifecycleConfigurationRuleArgs(
                id="expire-old-objects",
                status="Enabled",
                filter=aws.s3.BucketLifecycleConfigurationRuleFilterArgs(prefix=""),
                expiration=(
                    aws.s3.BucketLifecycleConfigurationRuleExpirationArgs(days=current_days)
                    if current_days else None
                ),
                noncurrent_version_expiration=(
                    aws.s3.BucketLifecycleConfigurationRuleNoncurrentVersionExpirationArgs(
                        noncurrent_days=old_days
                    )
                ),
                abort_incomplete_multipart_upload=(
                    aws.s3.BucketLifecycleConfigurationRuleAbortIncompleteMultipartUploadArgs(
                        days_after_initiation=7
                    )
                ),
            )],
            opts=scope.opts(self),
        )

    @staticmethod
    def _logs_policy(logs_arn: str, content_arn: str, account_id: str) -> str:
        """S3 access-log delivery from the content bucket only; TLS for everyone."""
        return json.dumps({
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "S3ServerAccessLogsFromContentBucket",
                    "Effect": "Allow",
                    "Principal": {"Service": "logging.s3.amazonaws.com"},
                    "Action": "s3:PutObject",
                    "Resource": f"{logs_arn}/s3-access/*",
                    "Condition": {
                        "ArnLike": {"aws:SourceArn": content_arn},
                        "StringEquals": {"aws:SourceAccount": account_id},
                    },
                },
                {
                    "Sid": "DenyInsecureTransport",
                    "Effect": "Deny",
                    "Principal": "*",
                    "Action": "s3:*",
                    "Resource": [logs_arn, f"{logs_arn}/*"],
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                },
            ],
        })
