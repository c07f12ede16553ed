"""Computed outputs of storage, database and messaging types: S3, RDS, DynamoDB,
ElastiCache, EFS, OpenSearch, Kinesis, MSK, SQS and SNS."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from harness.mocks.account import stable_upper
from harness.mocks.arns import secret_suffix
from harness.mocks.request import Builder, Outputs, ResourceRequest

#: Default port per database engine, as RDS and ElastiCache assign it.
ENGINE_PORTS: dict[str, int] = {
    "mysql": 3306,
    "mariadb": 3306,
    "aurora": 3306,
    "aurora-mysql": 3306,
    "postgres": 5432,
    "aurora-postgresql": 5432,
    "oracle": 1521,
    "sqlserver": 1433,
    "db2": 50000,
    "redis": 6379,
    "valkey": 6379,
    "memcached": 11211,
    "docdb": 27017,
    "neptune": 8182,
}

#: Version AWS picks when the program names none.
ENGINE_VERSIONS: dict[str, str] = {
    "mysql": "8.0.39",
    "mariadb": "10.11.9",
    "aurora": "5.6.10a",
    "aurora-mysql": "8.0.mysql_aurora.3.05.2",
    "postgres": "16.4",
    "aurora-postgresql": "15.4",
    "redis": "7.1.0",
    "valkey": "8.0.1",
    "memcached": "1.6.22",
}

#: Regions whose S3 website endpoint uses `s3-website-<region>` rather than `.<region>`.
S3_WEBSITE_DASH_REGIONS = frozenset(
    {
        "us-east-1",
        "us-west-1",
        "us-west-2",
        "ap-southeast-1",
        "ap-southeast-2",
        "ap-northeast-1",
        "eu-west-1",
        "sa-east-1",
    }
)


def engine_port(engine: str) -> int:
    """The port for `engine`, matching editions by prefix (`sqlserver-ex` -> `sqlserver`)."""
    if engine in ENGINE_PORTS:
        return ENGINE_PORTS[engine]
    prefixes = [p for p in ENGINE_PORTS if engine.startswith(p + "-")]
    return ENGINE_PORTS[max(prefixes, key=len)] if prefixes else 3306


def engine_version(request: ResourceRequest, engine: str) -> str:
    return request.text("engineVersion") or ENGINE_VERSIONS.get(engine, "")


def account_dns_label(request: ResourceRequest, service: str, length: int = 12) -> str:
    """The per-account, per-region label AWS puts in every RDS or cache endpoint."""
    return stable_upper(request.account.account_id, request.region, service, length=length).lower()


def website_domain(request: ResourceRequest) -> str:
    sep = "-" if request.region in S3_WEBSITE_DASH_REGIONS else "."
    return f"s3-website{sep}{request.region}.{request.dns}"


def bucket(request: ResourceRequest) -> tuple[str, Outputs]:
    name = request.physical_name
    out: Outputs = {
        "bucketDomainName": f"{name}.s3.{request.dns}",
        "bucketRegionalDomainName": f"{name}.s3.{request.region}.{request.dns}",
        "bucketRegion": request.region,
        "hostedZoneId": request.account.s3_hosted_zone_id(request.region),
    }
    if isinstance(request.inputs.get("website"), Mapping):
        out["websiteDomain"] = website_domain(request)
        out["websiteEndpoint"] = f"{name}.{website_domain(request)}"
    return name, out


def bucket_website(request: ResourceRequest) -> tuple[str, Outputs]:
    name = request.text("bucket")
    domain = website_domain(request)
    return name, {"websiteDomain": domain, "websiteEndpoint": f"{name}.{domain}"}


def bucket_object(request: ResourceRequest) -> tuple[str, Outputs]:
    key = request.text("key", request.name)
    content = request.text("content") or request.text("contentBase64")
    etag = hashlib.md5(content.encode(), usedforsecurity=False).hexdigest()
    arn = f"arn:{request.account.partition}:s3:::{request.text('bucket')}/{key}"
    return key, {"key": key, "etag": etag, "versionId": "", "arn": arn}


def master_user_secrets(request: ResourceRequest, kind: str) -> list[dict[str, Any]]:
    """What RDS returns when it manages the master password in Secrets Manager."""
    if not request.flag("manageMasterUserPassword"):
        return []
    p, r, a = request.account.partition, request.region, request.account.account_id
    name = f"rds!{kind}-{request.uuid('master-secret')}"
    kms = request.text("masterUserSecretKmsKeyId") or f"arn:{p}:kms:{r}:{a}:key/" + request.uuid(
        "aws/secretsmanager"
    )
    return [
        {
            "kmsKeyId": kms,
            "secretArn": f"arn:{p}:secretsmanager:{r}:{a}:secret:{name}-"
            + secret_suffix(request.type_, name),
            "secretStatus": "active",
        }
    ]


def rds_hosted_zone(request: ResourceRequest) -> str:
    return "Z" + stable_upper(request.region, "rds", length=13)


def db_instance(request: ResourceRequest) -> tuple[str, Outputs]:
    engine = request.text("engine", "mysql")
    port = request.number("port", engine_port(engine))
    label = account_dns_label(request, "rds")
    host = f"{request.physical_name}.{label}.{request.region}.rds.{request.dns}"
    resource_id = "db-" + request.upper("resource", length=26)
    return resource_id, {
        "address": host,
        "endpoint": f"{host}:{port}",
        "port": port,
        "engine": engine,
        "engineVersionActual": engine_version(request, engine),
        "resourceId": resource_id,
        "hostedZoneId": rds_hosted_zone(request),
        "status": "available",
        "masterUserSecrets": master_user_secrets(request, "db"),
        "replicas": [],
        "listenerEndpoints": [],
    }


def db_cluster(request: ResourceRequest) -> tuple[str, Outputs]:
    engine = request.text("engine", "aurora-mysql")
    label = account_dns_label(request, "rds")
    base = f"{request.physical_name}.cluster-{{}}{label}.{request.region}.rds.{request.dns}"
    service = {"docdb/cluster": "docdb", "neptune/cluster": "neptune"}.get(
        request.type_.split(":")[1], "rds"
    )
    base = base.replace(".rds.", f".{service}.")
    return request.physical_name, {
        "endpoint": base.format(""),
        "readerEndpoint": base.format("ro-"),
        "port": request.number("port", engine_port(engine if service == "rds" else service)),
        "engineVersionActual": engine_version(request, engine),
        "clusterResourceId": "cluster-" + request.upper("resource", length=26),
        "hostedZoneId": rds_hosted_zone(request),
        "availabilityZones": request.account.availability_zones(request.region),
        "masterUserSecrets": master_user_secrets(request, "cluster"),
    }


def db_cluster_instance(request: ResourceRequest) -> tuple[str, Outputs]:
    engine = request.text("engine", "aurora-mysql")
    label = account_dns_label(request, "rds")
    return request.physical_name, {
        "endpoint": f"{request.physical_name}.{label}.{request.region}.rds.{request.dns}",
        "port": engine_port(engine),
        "dbiResourceId": "db-" + request.upper("resource", length=26),
        "engineVersionActual": engine_version(request, engine),
        "networkType": "IPV4",
    }


def db_proxy(request: ResourceRequest) -> tuple[str, Outputs]:
    label = account_dns_label(request, "rds")
    host = f"{request.physical_name}.proxy-{label}.{request.region}.rds.{request.dns}"
    return request.physical_name, {"endpoint": host}


def table(request: ResourceRequest) -> tuple[str, Outputs]:
    out: Outputs = {}
    if request.flag("streamEnabled"):
        label = "2024-01-01T00:00:00.000"
        arn = request.arn(request.physical_name)
        out = {"streamArn": f"{arn}/stream/{label}", "streamLabel": label}
    return request.physical_name, out


def cache_host(request: ResourceRequest, *parts: str) -> str:
    label = account_dns_label(request, "cache", 6)
    code = request.account.region_code(request.region)
    return ".".join([*parts[:1], label, *parts[1:], code, "cache", request.dns])


def replication_group(request: ResourceRequest) -> tuple[str, Outputs]:
    rg = request.physical_name
    engine = request.text("engine", "redis")
    groups = request.number("numNodeGroups", 1)
    cluster_mode = groups > 1 or "cluster.on" in request.text("parameterGroupName")
    cluster_mode = cluster_mode or request.text("clusterMode") == "enabled"
    out: Outputs = {
        "engine": engine,
        "port": request.number("port", engine_port(engine)),
        "engineVersionActual": engine_version(request, engine),
        "clusterEnabled": cluster_mode,
    }
    if cluster_mode:
        replicas = request.number("replicasPerNodeGroup", 0)
        out["configurationEndpointAddress"] = cache_host(request, f"clustercfg.{rg}")
        out["memberClusters"] = [
            f"{rg}-{g:04d}-{n:03d}" for g in range(1, groups + 1) for n in range(1, replicas + 2)
        ]
    else:
        count = request.number("numCacheClusters", 1)
        out["primaryEndpointAddress"] = cache_host(request, f"master.{rg}")
        out["readerEndpointAddress"] = cache_host(request, f"replica.{rg}")
        out["memberClusters"] = [f"{rg}-{n:03d}" for n in range(1, count + 1)]
    return rg, out


def cache_cluster(request: ResourceRequest) -> tuple[str, Outputs]:
    cid = request.physical_name
    engine = request.text("engine", "redis")
    port = request.number("port", engine_port(engine))
    zone = request.account.availability_zones(request.region)[0]
    nodes = [
        {"id": f"{n:04d}", "address": cache_host(request, cid, f"{n:04d}"), "port": port}
        | {"availabilityZone": request.text("availabilityZone", zone)}
        for n in range(1, request.number("numCacheNodes", 1) + 1)
    ]
    out: Outputs = {"cacheNodes": nodes, "port": port, "engine": engine}
    out["engineVersionActual"] = engine_version(request, engine)
    if engine == "memcached":
        out["clusterAddress"] = cache_host(request, cid, "cfg")
        out["configurationEndpoint"] = f"{out['clusterAddress']}:{port}"
    return cid, out


def serverless_cache(request: ResourceRequest) -> tuple[str, Outputs]:
    name = request.physical_name
    port = engine_port(request.text("engine", "redis"))
    host = f"{name}-{account_dns_label(request, 'cache', 6)}.serverless."
    host += f"{request.account.region_code(request.region)}.cache.{request.dns}"
    return name, {
        "endpoints": [{"address": host, "port": port}],
        "readerEndpoints": [{"address": host, "port": port + 1}],
        "status": "available",
    }


def file_system(request: ResourceRequest) -> tuple[str, Outputs]:
    id_ = request.ec2_id("fs")
    tags = request.inputs.get("tags")
    return id_, {
        "name": tags.get("Name") if isinstance(tags, dict) else None,
        "dnsName": f"{id_}.efs.{request.region}.{request.dns}",
        "ownerId": request.account.account_id,
        "numberOfMountTargets": 0,
    }


def mount_target(request: ResourceRequest) -> tuple[str, Outputs]:
    fs = request.text("fileSystemId")
    zone = request.account.availability_zones(request.region)[0]
    p, r, a = request.account.partition, request.region, request.account.account_id
    return request.ec2_id("fsmt"), {
        "dnsName": f"{fs}.efs.{r}.{request.dns}",
        "mountTargetDnsName": f"{zone}.{fs}.efs.{r}.{request.dns}",
        "networkInterfaceId": "eni-" + request.hex("eni"),
        "fileSystemArn": f"arn:{p}:elasticfilesystem:{r}:{a}:file-system/{fs}",
        "ownerId": a,
    }


def search_domain(request: ResourceRequest) -> tuple[str, Outputs]:
    name = request.physical_name
    host = f"search-{name}-{request.lower_alnum(26, 'es')}.{request.region}.es.{request.dns}"
    return request.arn(name), {
        "endpoint": host,
        "dashboardEndpoint": f"{host}/_dashboards",
        "domainId": f"{request.account.account_id}/{name}",
    }


def queue(request: ResourceRequest) -> tuple[str, Outputs]:
    account = request.account.account_id
    url = f"https://sqs.{request.region}.{request.dns}/{account}/{request.physical_name}"
    return url, {"url": url}


def topic(request: ResourceRequest) -> tuple[str, Outputs]:
    return request.arn(request.physical_name), {"owner": request.account.account_id}


def subscription(request: ResourceRequest) -> tuple[str, Outputs]:
    arn = request.arn("")
    pending = request.text("protocol") in ("email", "email-json", "http", "https")
    return arn, {
        "ownerId": request.account.account_id,
        "pendingConfirmation": pending,
        "confirmationWasAuthenticated": not pending,
    }


def msk_cluster(request: ResourceRequest) -> tuple[str, Outputs]:
    name = request.physical_name or request.text("clusterName")
    label = request.lower_alnum(6, "msk")
    brokers = request.number("numberOfBrokerNodes", 3)
    hosts = [
        f"b-{n}.{name}.{label}.c{n}.kafka.{request.region}.{request.dns}"
        for n in range(1, brokers + 1)
    ]
    return request.arn(name), {
        "bootstrapBrokers": ",".join(f"{h}:9092" for h in hosts),
        "bootstrapBrokersTls": ",".join(f"{h}:9094" for h in hosts),
        "bootstrapBrokersSaslIam": ",".join(f"{h}:9098" for h in hosts),
        "bootstrapBrokersSaslScram": ",".join(f"{h}:9096" for h in hosts),
        "zookeeperConnectString": ",".join(f"z-{n}.{name}.{label}.c{n}:2181" for n in (1, 2, 3)),
        "clusterUuid": request.uuid("msk"),
        "currentVersion": "K" + request.upper("version", length=13),
    }


def redshift_cluster(request: ResourceRequest) -> tuple[str, Outputs]:
    cid = request.text("clusterIdentifier", request.name)
    host = f"{cid}.{account_dns_label(request, 'redshift')}.{request.region}.redshift.{request.dns}"
    port = request.number("port", 5439)
    return cid, {"dnsName": host, "endpoint": f"{host}:{port}", "port": port}


def stream(request: ResourceRequest) -> tuple[str, Outputs]:
    return request.arn(request.physical_name), {}


BUILDERS: dict[str, Builder] = {
    "s3/bucket": bucket,
    "s3/bucketV2": bucket,
    "s3/bucketWebsiteConfiguration": bucket_website,
    "s3/bucketWebsiteConfigurationV2": bucket_website,
    "s3/bucketObject": bucket_object,
    "s3/bucketObjectv2": bucket_object,
    "rds/instance": db_instance,
    "rds/cluster": db_cluster,
    "docdb/cluster": db_cluster,
    "neptune/cluster": db_cluster,
    "rds/clusterInstance": db_cluster_instance,
    "rds/proxy": db_proxy,
    "dynamodb/table": table,
    "elasticache/replicationGroup": replication_group,
    "elasticache/cluster": cache_cluster,
    "elasticache/serverlessCache": serverless_cache,
    "efs/fileSystem": file_system,
    "efs/mountTarget": mount_target,
    "opensearch/domain": search_domain,
    "sqs/queue": queue,
    "sns/topic": topic,
    "sns/topicSubscription": subscription,
    "msk/cluster": msk_cluster,
    "redshift/cluster": redshift_cluster,
    "kinesis/stream": stream,
}
