"""Lookups of named service objects: S3 buckets, hosted zones, certificates, CloudFront
managed policies and a few account-level endpoints (IoT, ECR, EKS)."""

from __future__ import annotations

import base64
from typing import Any

from harness.mocks.account import stable_hex, stable_upper, stable_uuid
from harness.mocks.request import Answer, Handler, InvokeRequest

TIMESTAMP = "2024-01-01T00:00:00Z"


def get_bucket(req: InvokeRequest) -> Answer:
    bucket, dns = req.text("bucket"), req.account.dns_suffix
    known = req.find_known("aws:s3/bucket:Bucket", "bucket", bucket) or req.find_known(
        "aws:s3/bucketV2:BucketV2", "bucket", bucket
    )
    region = known.region if known else req.region
    return {
        "id": bucket,
        "bucket": bucket,
        "arn": f"arn:{req.account.partition}:s3:::{bucket}",
        "bucketDomainName": f"{bucket}.s3.{dns}",
        "bucketRegionalDomainName": f"{bucket}.s3.{region}.{dns}",
        "bucketRegion": region,
        "hostedZoneId": req.account.s3_hosted_zone_id(region),
        "region": region,
        "websiteDomain": None,
        "websiteEndpoint": None,
    }, bool(bucket)


def get_bucket_policy(req: InvokeRequest) -> Answer:
    bucket = req.text("bucket")
    known = req.find_known("aws:s3/bucketPolicy:BucketPolicy", "bucket", bucket)
    policy = known.state.get("policy") if known else None
    result = {"id": bucket, "bucket": bucket, "policy": policy or "", "region": req.region}
    return result, known is not None


def get_buckets(req: InvokeRequest) -> Answer:
    names = [
        str(k.state.get("bucket"))
        for t in ("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2")
        for k in req.known_of(t, any_region=True)
        if k.state.get("bucket")
    ]
    prefix = req.text("prefix")
    buckets = [
        {"arn": f"arn:{req.account.partition}:s3:::{n}", "name": n, "creationDate": TIMESTAMP}
        for n in sorted(names)
        if n.startswith(prefix)
    ]
    return {"buckets": buckets, "prefix": req.args.get("prefix"), "region": req.region}, True


def get_zone(req: InvokeRequest) -> Answer:
    name = (req.text("name") or "").rstrip(".")
    zone_id = req.text("zoneId")
    known = req.find_known("aws:route53/zone:Zone", "name", name) or req.find_known(
        "aws:route53/zone:Zone", "zoneId", zone_id
    )
    state: dict[str, Any] = dict(known.state) if known else {}
    zone_id = str(state.get("zoneId") or zone_id or "Z" + stable_upper("zone", name, length=20))
    servers = state.get("nameServers") or [
        f"ns-{int(stable_hex(name, str(i), length=3), 16) % 512 + 512 * i}.awsdns-{i:02d}.{tld}"
        for i, tld in enumerate(("com", "net", "org", "co.uk"))
    ]
    return {
        "id": zone_id,
        "zoneId": zone_id,
        "name": str(state.get("name") or name),
        "arn": f"arn:{req.account.partition}:route53:::hostedzone/{zone_id}",
        "nameServers": servers,
        "primaryNameServer": servers[0],
        "privateZone": bool(req.args.get("privateZone")),
        "vpcId": req.args.get("vpcId"),
        "comment": state.get("comment") or "Managed by Pulumi",
        "callerReference": stable_uuid("zone", name),
        "resourceRecordSetCount": 2,
        "linkedServiceDescription": "",
        "linkedServicePrincipal": "",
        "tags": state.get("tags") or {},
    }, bool(name or zone_id)


def get_certificate(req: InvokeRequest) -> Answer:
    domain = req.text("domain")
    known = req.find_known("aws:acm/certificate:Certificate", "domainName", domain)
    account = req.account
    arn = (
        known.id
        if known
        else (
            f"arn:{account.partition}:acm:{req.region}:{account.account_id}:certificate/"
            + stable_uuid("certificate", req.region, domain)
        )
    )
    return {
        "id": arn,
        "arn": arn,
        "domain": domain,
        "status": "ISSUED",
        "certificate": "",
        "certificateChain": "",
        "keyTypes": req.args.get("keyTypes"),
        "mostRecent": req.args.get("mostRecent"),
        "statuses": req.args.get("statuses"),
        "types": req.args.get("types"),
        "tags": {},
        "region": req.region,
    }, bool(domain)


#: CloudFront managed policies: name -> id (the same in every account).
CLOUDFRONT_MANAGED: dict[str, str] = {
    "Managed-CachingOptimized": "658327ea-f89d-4fab-a63d-7e88639e58f6",
    "Managed-CachingDisabled": "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
    "Managed-CachingOptimizedForUncompressedObjects": "b2884449-e4de-46a7-ac36-70bc7f1ddd6d",
    "Managed-Elemental-MediaPackage": "08627262-05a9-4f76-9ded-b50ca2e3a84f",
    "Managed-Amplify": "4cc15a8a-d715-48a4-82b8-cc0b614638fe",
    "Managed-AllViewer": "216adef6-5c7f-47e4-b989-5492eafa07d3",
    "Managed-AllViewerExceptHostHeader": "b689b0a8-53d0-40ab-baf2-68738e2966ac",
    "Managed-CORS-S3Origin": "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf",
    "Managed-CORS-CustomOrigin": "59781a5b-3903-41f3-afcb-af62929ccde1",
    "Managed-UserAgentRefererHeaders": "acba4595-bd28-49b8-b9fe-13317c0390fa",
    "Managed-AllViewerAndCloudFrontHeaders-2022-06": "33f36d7e-f396-46d9-90e0-52428a34d9dc",
    "Managed-SecurityHeadersPolicy": "67f7725c-6f97-4210-82d7-5512b31e9d03",
    "Managed-SimpleCORS": "60669652-455b-4ae9-85a4-c4c02393f86c",
    "Managed-CORS-With-Preflight": "5cc3b908-e619-4b99-88e5-2cf7f45965bd",
    "Managed-CORS-and-SecurityHeadersPolicy": "e61eb60c-9c35-4d20-a928-2b84e02af89c",
    "Managed-CORS-with-preflight-and-SecurityHeadersPolicy": "eaab4381-ed33-4a86-88ca-d9558dc6cd63",
}


def cloudfront_policy(req: InvokeRequest) -> Answer:
    name = req.text("name")
    policy_id = req.text("id") or CLOUDFRONT_MANAGED.get(name) or stable_uuid("cf", name)
    kind = req.token.split("/")[1].split(":")[0].removeprefix("get")
    kebab = "".join("-" + c.lower() if c.isupper() else c for c in kind).lstrip("-")
    arn = f"arn:{req.account.partition}:cloudfront::aws:{kebab}/{policy_id}"
    answered = name in CLOUDFRONT_MANAGED or policy_id in CLOUDFRONT_MANAGED.values()
    return {
        "id": policy_id,
        "name": name or None,
        "arn": arn,
        "comment": "",
        "etag": "E" + stable_upper("etag", policy_id, length=13),
    }, answered


def iot_endpoint(req: InvokeRequest) -> Answer:
    kind = req.text("endpointType")
    label = stable_upper(req.account.account_id, req.region, "iot", length=14).lower()
    host = {
        "iot:Data-ATS": f"{label}-ats.iot",
        "iot:CredentialProvider": f"{label}.credentials.iot",
        "iot:Jobs": f"{label}.jobs.iot",
    }.get(kind, f"{label}.iot")
    address = f"{host}.{req.region}.{req.account.dns_suffix}"
    return {
        "id": address,
        "endpointAddress": address,
        "endpointType": kind or None,
        "region": req.region,
    }, True


def ecr_token(req: InvokeRequest) -> Answer:
    registry = req.text("registryId") or req.account.account_id
    password = base64.b64encode(stable_hex("ecr", registry, length=64).encode()).decode()
    return {
        "id": req.region,
        "registryId": registry,
        "userName": "AWS",
        "password": password,
        "authorizationToken": base64.b64encode(f"AWS:{password}".encode()).decode(),
        "proxyEndpoint": f"https://{registry}.dkr.ecr.{req.region}.{req.account.dns_suffix}",
        "expiresAt": "2024-01-01T12:00:00Z",
        "region": req.region,
    }, True


def eks_cluster_auth(req: InvokeRequest) -> Answer:
    name = req.text("name")
    return {
        "id": name,
        "name": name,
        "token": "k8s-aws-v1." + stable_hex("eks", name, length=64),
    }, True


HANDLERS: dict[str, Handler] = {
    "aws:s3/getBucket:getBucket": get_bucket,
    "aws:s3/getBucketPolicy:getBucketPolicy": get_bucket_policy,
    "aws:s3/getBuckets:getBuckets": get_buckets,
    "aws:route53/getZone:getZone": get_zone,
    "aws:acm/getCertificate:getCertificate": get_certificate,
    "aws:cloudfront/getCachePolicy:getCachePolicy": cloudfront_policy,
    "aws:cloudfront/getOriginRequestPolicy:getOriginRequestPolicy": cloudfront_policy,
    "aws:cloudfront/getResponseHeadersPolicy:getResponseHeadersPolicy": cloudfront_policy,
    "aws:iot/getEndpoint:getEndpoint": iot_endpoint,
    "aws:ecr/getAuthorizationToken:getAuthorizationToken": ecr_token,
    "aws:eks/getClusterAuth:getClusterAuth": eks_cluster_auth,
}
