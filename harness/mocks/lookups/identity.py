"""Lookups of identity and secret objects: IAM roles, policies and users, KMS keys and
aliases, Secrets Manager secrets and generated passwords.

A role's or policy's identity follows from the name asked for, so those are answered as
if the account holds them; when the program created the object itself, the answer
agrees with what it created. A secret's value only exists if the program stored one.
"""

from __future__ import annotations

import hashlib
from typing import Any

from harness.mocks.account import stable_upper, stable_uuid
from harness.mocks.arns import secret_suffix
from harness.mocks.request import Answer, Handler, InvokeRequest, KnownResource, ProviderError

EMPTY_POLICY = '{"Version":"2012-10-17","Statement":[]}'
TIMESTAMP = "2024-01-01T00:00:00Z"

#: AWS managed policies that live under a path other than `/`.
MANAGED_POLICY_PATHS: dict[str, str] = {
    "AWSLambdaBasicExecutionRole": "/service-role/",
    "AWSLambdaVPCAccessExecutionRole": "/service-role/",
    "AWSLambdaDynamoDBExecutionRole": "/service-role/",
    "AWSLambdaKinesisExecutionRole": "/service-role/",
    "AWSLambdaSQSQueueExecutionRole": "/service-role/",
    "AWSLambdaRole": "/service-role/",
    "AmazonECSTaskExecutionRolePolicy": "/service-role/",
    "AmazonEC2ContainerServiceforEC2Role": "/service-role/",
    "AmazonEC2ContainerServiceRole": "/service-role/",
    "AmazonRDSEnhancedMonitoringRole": "/service-role/",
    "AmazonAPIGatewayPushToCloudWatchLogs": "/service-role/",
    "AWS_ConfigRole": "/service-role/",
    "AWSConfigRole": "/service-role/",
    "AWSBackupServiceRolePolicyForBackup": "/service-role/",
    "AWSBackupServiceRolePolicyForRestores": "/service-role/",
    "AWSCodeDeployRole": "/service-role/",
    "AWSCodeDeployRoleForECS": "/",
    "AWSGlueServiceRole": "/service-role/",
    "AmazonSSMAutomationRole": "/service-role/",
    "AWSIoTThingsRegistration": "/service-role/",
    "AWSIoTLogging": "/service-role/",
    "AWSIoTRuleActions": "/service-role/",
    "AmazonEC2RoleforSSM": "/service-role/",
    "AWSAppSyncPushToCloudWatchLogs": "/service-role/",
    "AmazonElasticMapReduceRole": "/service-role/",
    "AmazonElasticMapReduceforEC2Role": "/service-role/",
    "AWSStepFunctionsFullAccess": "/",
    "AWSDataSyncFullAccess": "/",
}


def get_role(req: InvokeRequest) -> Answer:
    name = req.text("name")
    account = req.account
    known = req.find_known("aws:iam/role:Role", "name", name)
    state: dict[str, Any] = dict(known.state) if known else {}
    path = state.get("path") or "/"
    return {
        "id": name,
        "name": name,
        "arn": state.get("arn")
        or f"arn:{account.partition}:iam::{account.account_id}:role{path}{name}",
        "uniqueId": state.get("uniqueId") or "AROA" + stable_upper("role", name, length=17),
        "path": path,
        "assumeRolePolicy": state.get("assumeRolePolicy") or EMPTY_POLICY,
        "description": state.get("description") or "",
        "maxSessionDuration": state.get("maxSessionDuration") or 3600,
        "permissionsBoundary": state.get("permissionsBoundary") or "",
        "createDate": TIMESTAMP,
        "roleLastUseds": [],
        "tags": state.get("tags") or {},
    }, bool(name)


def get_policy(req: InvokeRequest) -> Answer:
    account = req.account
    arn, name = req.text("arn"), req.text("name")
    if arn:
        name = arn.rsplit("/", 1)[-1]
    known = req.find_known("aws:iam/policy:Policy", "name", name)
    state: dict[str, Any] = dict(known.state) if known else {}
    if not arn:
        if state.get("arn"):
            arn = str(state["arn"])
        elif name in MANAGED_POLICY_PATHS or _looks_managed(name):
            path = MANAGED_POLICY_PATHS.get(name, "/")
            arn = f"arn:{account.partition}:iam::aws:policy{path}{name}"
        else:
            path = req.text("pathPrefix", "/")
            arn = f"arn:{account.partition}:iam::{account.account_id}:policy{path}{name}"
    path = arn.split(":policy", 1)[-1].rsplit("/", 1)[0] + "/"
    return {
        "id": arn,
        "arn": arn,
        "name": name,
        "path": path,
        "pathPrefix": req.args.get("pathPrefix"),
        "description": state.get("description") or "",
        "policy": state.get("policy") or EMPTY_POLICY,
        "policyId": state.get("policyId") or "ANPA" + stable_upper("policy", arn, length=17),
        "attachmentCount": 0,
        "tags": state.get("tags") or {},
    }, bool(name)


def _looks_managed(name: str) -> bool:
    return name.startswith(("AWS", "Amazon", "CloudWatch", "IAM", "AdministratorAccess")) or (
        name in ("ReadOnlyAccess", "PowerUserAccess", "SecretsManagerReadWrite", "ViewOnlyAccess")
    )


def get_user(req: InvokeRequest) -> Answer:
    name, account = req.text("userName"), req.account
    return {
        "id": "AIDA" + stable_upper("user", name, length=17),
        "userId": "AIDA" + stable_upper("user", name, length=17),
        "userName": name,
        "arn": f"arn:{account.partition}:iam::{account.account_id}:user/{name}",
        "path": "/",
        "permissionsBoundary": "",
        "tags": {},
    }, bool(name)


def session_context(req: InvokeRequest) -> Answer:
    arn = req.text("arn")
    issuer, session = arn, ""
    if ":assumed-role/" in arn:
        prefix, rest = arn.split(":assumed-role/", 1)
        role, _, session = rest.partition("/")
        issuer = f"{prefix.replace(':sts:', ':iam:')}:role/{role}"
    return {
        "id": arn,
        "arn": arn,
        "issuerArn": issuer,
        "issuerId": "AROA" + stable_upper("role", issuer, length=17),
        "issuerName": issuer.rsplit("/", 1)[-1],
        "sessionName": session,
    }, True


def _key_id_for(req: InvokeRequest, reference: str) -> str:
    """The key UUID behind a key id, key ARN, alias name or alias ARN."""
    if ":key/" in reference:
        return reference.rsplit("/", 1)[-1]
    alias = reference.split(":", 5)[-1] if reference.startswith("arn:") else reference
    if alias.startswith("alias/"):
        known = req.find_known("aws:kms/alias:Alias", "name", alias)
        target = known.state.get("targetKeyId") if known else None
        if isinstance(target, str) and target:
            return target.rsplit("/", 1)[-1]
        return stable_uuid(req.account.account_id, req.region, alias)
    return reference


def get_key(req: InvokeRequest) -> Answer:
    reference = req.text("keyId")
    key_id = _key_id_for(req, reference)
    account = req.account
    aws_managed = "alias/aws/" in reference
    return {
        "id": key_id,
        "keyId": key_id,
        "arn": f"arn:{account.partition}:kms:{req.region}:{account.account_id}:key/{key_id}",
        "awsAccountId": account.account_id,
        "enabled": True,
        "keyState": "Enabled",
        "keyUsage": "ENCRYPT_DECRYPT",
        "keySpec": "SYMMETRIC_DEFAULT",
        "customerMasterKeySpec": "SYMMETRIC_DEFAULT",
        "keyManager": "AWS" if aws_managed else "CUSTOMER",
        "origin": "AWS_KMS",
        "multiRegion": False,
        "multiRegionConfigurations": [],
        "description": "Default key that protects my data when no other key is defined"
        if aws_managed
        else "",
        "creationDate": TIMESTAMP,
        "expirationModel": "",
        "grantTokens": req.args.get("grantTokens"),
        "region": req.region,
    }, bool(reference)


def get_alias(req: InvokeRequest) -> Answer:
    name = req.text("name")
    account = req.account
    key_id = _key_id_for(req, name)
    prefix = f"arn:{account.partition}:kms:{req.region}:{account.account_id}"
    return {
        "id": f"{prefix}:{name}",
        "arn": f"{prefix}:{name}",
        "name": name,
        "targetKeyId": key_id,
        "targetKeyArn": f"{prefix}:key/{key_id}",
        "region": req.region,
    }, bool(name)


def _secret_arn(req: InvokeRequest, reference: str) -> tuple[str, str, KnownResource | None]:
    known = req.find_known("aws:secretsmanager/secret:Secret", "name", reference) or req.find_known(
        "aws:secretsmanager/secret:Secret", "arn", reference
    )
    if known:
        return str(known.state.get("arn") or known.id), str(known.state.get("name")), known
    if reference.startswith("arn:"):
        name = reference.split(":secret:", 1)[-1].rsplit("-", 1)[0]
        return reference, name, None
    account = req.account
    arn = f"arn:{account.partition}:secretsmanager:{req.region}:{account.account_id}:secret:"
    return (
        arn + f"{reference}-" + secret_suffix("aws:secretsmanager/secret:Secret", reference),
        reference,
        None,
    )


def get_secret(req: InvokeRequest) -> Answer:
    arn, name, known = _secret_arn(req, req.text("arn") or req.text("name"))
    state: dict[str, Any] = dict(known.state) if known else {}
    return {
        "id": arn,
        "arn": arn,
        "name": name,
        "description": state.get("description") or "",
        "kmsKeyId": state.get("kmsKeyId") or "",
        "policy": state.get("policy") or "",
        "createdDate": TIMESTAMP,
        "lastChangedDate": TIMESTAMP,
        "tags": state.get("tags") or {},
        "region": req.region,
    }, bool(name)


def get_secret_version(req: InvokeRequest) -> Answer:
    """The value of a secret version the program wrote.

    A secret the program created but has written no value to (yet: a read that waits only
    for the secret races the `SecretVersion` that writes it) has no version for AWS
    either, which answers with an error. A secret the program did not create could hold
    anything: its answer is empty and marked unanswered.
    """
    arn, name, known = _secret_arn(req, req.text("secretId"))
    stage = req.text("versionStage", "AWSCURRENT")
    references = {arn, name, req.text("secretId")} | ({known.id} if known else set())
    version: dict[str, Any] = {}
    for candidate in req.known_of("aws:secretsmanager/secretVersion:SecretVersion"):
        if candidate.state.get("secretId") in references:
            version = dict(candidate.state)
    if known is not None and not version:
        wanted = req.text("versionId") or stage
        kind = "VersionId" if req.text("versionId") else "staging label"
        raise ProviderError(
            f"reading Secrets Manager Secret Version ({arn}|{wanted}): "
            "ResourceNotFoundException: Secrets Manager can't find the specified secret "
            f"value for {kind}: {wanted}"
        )
    version_id = req.text("versionId") or version.get("versionId") or stable_uuid(arn, stage)
    return {
        "id": f"{arn}|{stage}",
        "arn": arn,
        "secretId": req.text("secretId"),
        "secretArn": arn,
        "secretString": version.get("secretString") or ("" if version else "{}"),
        "secretBinary": version.get("secretBinary") or "",
        "versionId": version_id,
        "versionStage": stage,
        "versionStages": version.get("versionStages") or [stage],
        "createdDate": TIMESTAMP,
        "region": req.region,
    }, bool(version)


def random_password(req: InvokeRequest) -> Answer:
    length = int(req.args.get("passwordLength") or 32)
    alphabet = ""
    if not req.args.get("excludeLowercase"):
        alphabet += "abcdefghijklmnopqrstuvwxyz"
    if not req.args.get("excludeUppercase"):
        alphabet += "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if not req.args.get("excludeNumbers"):
        alphabet += "0123456789"
    if not req.args.get("excludePunctuation"):
        alphabet += "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
    if req.args.get("includeSpace"):
        alphabet += " "
    excluded = req.text("excludeCharacters")
    alphabet = "".join(c for c in alphabet if c not in excluded) or "abcdefghijklmnopqrstuvwxyz"
    seed = hashlib.sha256(repr(sorted(req.args.items())).encode()).digest() * (length // 32 + 1)
    password = "".join(alphabet[b % len(alphabet)] for b in seed[:length])
    return {**req.args, "id": req.region, "randomPassword": password, "region": req.region}, True


HANDLERS: dict[str, Handler] = {
    "aws:iam/getRole:getRole": get_role,
    "aws:iam/getPolicy:getPolicy": get_policy,
    "aws:iam/getUser:getUser": get_user,
    "aws:iam/getSessionContext:getSessionContext": session_context,
    "aws:kms/getKey:getKey": get_key,
    "aws:kms/getAlias:getAlias": get_alias,
    "aws:secretsmanager/getSecret:getSecret": get_secret,
    "aws:secretsmanager/getSecretVersion:getSecretVersion": get_secret_version,
    "aws:secretsmanager/getRandomPassword:getRandomPassword": random_password,
}
