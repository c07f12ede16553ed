"""Computed outputs of identity and secret types: IAM, KMS, Secrets Manager and SSM."""

from __future__ import annotations

import re

from harness.mocks.naming import unique_id
from harness.mocks.request import Builder, Outputs, ResourceRequest

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def iam_unique_id(request: ResourceRequest, prefix: str) -> str:
    """IAM unique ids are a four-letter kind prefix and 17 uppercase letters and digits."""
    return prefix + request.upper("unique", length=17)


def role(request: ResourceRequest) -> tuple[str, Outputs]:
    return request.physical_name, {
        "uniqueId": iam_unique_id(request, "AROA"),
        "path": "/",
        "maxSessionDuration": 3600,
    }


def policy(request: ResourceRequest) -> tuple[str, Outputs]:
    arn = request.arn(request.physical_name)
    return arn, {
        "policyId": iam_unique_id(request, "ANPA"),
        "path": "/",
        "attachmentCount": 0,
    }


def named_with_unique_id(prefix: str) -> Builder:
    def build(request: ResourceRequest) -> tuple[str, Outputs]:
        return request.physical_name, {"uniqueId": iam_unique_id(request, prefix), "path": "/"}

    return build


def role_policy(request: ResourceRequest) -> tuple[str, Outputs]:
    return f"{request.text('role')}:{request.physical_name}", {}


def role_policy_attachment(request: ResourceRequest) -> tuple[str, Outputs]:
    owner = request.text("role") or request.text("user") or request.text("group")
    return f"{owner}-{unique_id(request.type_, request.name)}", {}


def access_key(request: ResourceRequest) -> tuple[str, Outputs]:
    return "AKIA" + request.upper(length=16), {
        "secret": request.upper("secret", length=40),
        "status": request.text("status", "Active"),
    }


def oidc_provider(request: ResourceRequest) -> tuple[str, Outputs]:
    a = request.account
    host = request.text("url").removeprefix("https://")
    arn = f"arn:{a.partition}:iam::{a.account_id}:oidc-provider/{host}"
    return arn, {"arn": arn}


def kms_key(request: ResourceRequest) -> tuple[str, Outputs]:
    key_id = request.given_id or request.uuid()
    spec = request.text("customerMasterKeySpec", "SYMMETRIC_DEFAULT")
    return key_id, {
        "keyId": key_id,
        "arn": request.arn(key_id),
        "keyUsage": request.text("keyUsage", "ENCRYPT_DECRYPT"),
        "customerMasterKeySpec": spec,
        "isEnabled": True,
        "multiRegion": False,
    }


def kms_alias(request: ResourceRequest) -> tuple[str, Outputs]:
    target = request.text("targetKeyId")
    a = request.account
    if _UUID.match(target):
        target_arn = f"arn:{a.partition}:kms:{request.region}:{a.account_id}:key/{target}"
    else:
        target_arn = target
    return request.physical_name, {"targetKeyArn": target_arn}


def replica_key(request: ResourceRequest) -> tuple[str, Outputs]:
    primary = request.text("primaryKeyArn")
    key_id = primary.rsplit("/", 1)[-1] if "/" in primary else request.uuid()
    return key_id, {"keyId": key_id, "arn": request.arn(key_id)}


def secret(request: ResourceRequest) -> tuple[str, Outputs]:
    arn = request.arn(request.physical_name)
    return arn, {"arn": arn}


def secret_version(request: ResourceRequest) -> tuple[str, Outputs]:
    secret_id = request.text("secretId")
    version_id = request.uuid("version")
    stages = request.items("versionStages") or ["AWSCURRENT"]
    return f"{secret_id}|{version_id}", {
        "arn": secret_id,
        "secretArn": secret_id,
        "versionId": version_id,
        "versionStages": stages,
    }


def secret_attachment(request: ResourceRequest) -> tuple[str, Outputs]:
    return request.text("secretId") or request.text("secretArn") or request.hex(), {}


def parameter(request: ResourceRequest) -> tuple[str, Outputs]:
    return request.physical_name, {
        "version": 1,
        "tier": request.text("tier", "Standard"),
        "dataType": request.text("dataType", "text"),
    }


BUILDERS: dict[str, Builder] = {
    "iam/role": role,
    "iam/policy": policy,
    "iam/user": named_with_unique_id("AIDA"),
    "iam/group": named_with_unique_id("AGPA"),
    "iam/instanceProfile": named_with_unique_id("AIPA"),
    "iam/rolePolicy": role_policy,
    "iam/rolePolicyAttachment": role_policy_attachment,
    "iam/userPolicyAttachment": role_policy_attachment,
    "iam/groupPolicyAttachment": role_policy_attachment,
    "iam/accessKey": access_key,
    "iam/openIdConnectProvider": oidc_provider,
    "kms/key": kms_key,
    "kms/alias": kms_alias,
    "kms/replicaKey": replica_key,
    "secretsmanager/secret": secret,
    "secretsmanager/secretVersion": secret_version,
    "secretsmanager/secretRotation": secret_attachment,
    "secretsmanager/secretPolicy": secret_attachment,
    "ssm/parameter": parameter,
}
