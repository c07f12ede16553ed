"""Computed outputs of integration and operations types: AppSync, SES, Pinpoint, DMS,
CloudTrail, Global Accelerator, Amazon MQ and global databases."""

from __future__ import annotations

from harness.mocks.request import Builder, Outputs, ResourceRequest


def arn_of(request: ResourceRequest, service: str, resource: str, region: bool = True) -> str:
    a = request.account
    return (
        f"arn:{a.partition}:{service}:{request.region if region else ''}:{a.account_id}:{resource}"
    )


def graphql_api(request: ResourceRequest) -> tuple[str, Outputs]:
    id_ = request.given_id or request.lower_alnum(26)
    host = request.lower_alnum(26, "host")
    region, dns = request.region, request.dns
    return id_, {
        "arn": arn_of(request, "appsync", f"apis/{id_}"),
        "uris": {
            "GRAPHQL": f"https://{host}.appsync-api.{region}.{dns}/graphql",
            "REALTIME": f"wss://{host}.appsync-realtime-api.{region}.{dns}/graphql",
        },
    }


def appsync_key(request: ResourceRequest) -> tuple[str, Outputs]:
    key_id = "da2-" + request.lower_alnum(26)
    return f"{request.text('apiId')}:{key_id}", {"apiKeyId": key_id, "key": key_id}


def appsync_child(kind: str) -> Builder:
    def build(request: ResourceRequest) -> tuple[str, Outputs]:
        api = request.text("apiId")
        name = request.text("name") or request.text("field") or request.name
        type_name = request.text("type")
        path = (
            f"types/{type_name}/resolvers/{name}" if kind == "resolver" else f"datasources/{name}"
        )
        return f"{api}-{name}", {"arn": arn_of(request, "appsync", f"apis/{api}/{path}")}

    return build


def dms_endpoint(request: ResourceRequest) -> tuple[str, Outputs]:
    return request.text("endpointId", request.name), {
        "endpointArn": arn_of(request, "dms", "endpoint:" + request.upper(length=26))
    }


def dms_instance(request: ResourceRequest) -> tuple[str, Outputs]:
    return request.text("replicationInstanceId", request.name), {
        "replicationInstanceArn": arn_of(request, "dms", "rep:" + request.upper(length=26)),
        "replicationInstancePrivateIps": [f"10.0.0.{int(request.hex(length=2), 16)}"],
        "replicationInstancePublicIps": [],
    }


def dms_task(request: ResourceRequest) -> tuple[str, Outputs]:
    return request.text("replicationTaskId", request.name), {
        "replicationTaskArn": arn_of(request, "dms", "task:" + request.upper(length=26)),
        "status": "ready",
    }


def dms_subnet_group(request: ResourceRequest) -> tuple[str, Outputs]:
    name = request.text("replicationSubnetGroupId", request.name)
    return name, {"replicationSubnetGroupArn": arn_of(request, "dms", f"subgrp:{name}")}


def trail(request: ResourceRequest) -> tuple[str, Outputs]:
    out: Outputs = {"homeRegion": request.region}
    topic = request.text("snsTopicName")
    if topic:
        out["snsTopicArn"] = topic if topic.startswith("arn:") else arn_of(request, "sns", topic)
    return "", out


def topic_policy(request: ResourceRequest) -> tuple[str, Outputs]:
    return request.text("arn"), {"owner": request.account.account_id}


def global_cluster(request: ResourceRequest) -> tuple[str, Outputs]:
    name = request.physical_name
    label = request.lower_alnum(12, "global")
    return name, {
        "endpoint": f"{name}.global-{label}.global.rds.{request.dns}",
        "globalClusterResourceId": "cluster-" + request.upper(length=26),
        "globalClusterMembers": [],
    }


def ses_identity(request: ResourceRequest) -> tuple[str, Outputs]:
    domain = request.text("domain")
    return domain, {
        "arn": arn_of(request, "ses", f"identity/{domain}"),
        "verificationToken": request.upper("token", length=44),
    }


def email_identity(request: ResourceRequest) -> tuple[str, Outputs]:
    identity = request.text("emailIdentity")
    kind = "EMAIL_ADDRESS" if "@" in identity else "DOMAIN"
    return identity, {
        "arn": arn_of(request, "ses", f"identity/{identity}"),
        "identityType": kind,
        "verificationStatus": "PENDING",
        "verifiedForSendingStatus": False,
    }


def accelerator(request: ResourceRequest) -> tuple[str, Outputs]:
    arn = f"arn:{request.account.partition}:globalaccelerator::{request.account.account_id}"
    arn += f":accelerator/{request.uuid()}"
    return arn, {
        "arn": arn,
        "dnsName": f"a{request.lower_alnum(16)}.awsglobalaccelerator.com",
        "hostedZoneId": "Z2BJ6XQ5FK7U4H",
    }


def mq_broker(request: ResourceRequest) -> tuple[str, Outputs]:
    broker_id = "b-" + request.uuid()
    host = f"{broker_id}-1.mq.{request.region}.{request.dns}"
    return broker_id, {
        "arn": arn_of(request, "mq", f"broker:{request.physical_name}:{broker_id}"),
        "instances": [
            {
                "consoleUrl": f"https://{host}",
                "endpoints": [f"amqps://{host}:5671"],
                "ipAddress": "",
            }
        ],
    }


def pinpoint_app(request: ResourceRequest) -> tuple[str, Outputs]:
    app_id = request.given_id or request.hex(length=32)
    return app_id, {
        "applicationId": app_id,
        "arn": arn_of(request, "mobiletargeting", f"apps/{app_id}"),
    }


BUILDERS: dict[str, Builder] = {
    "appsync/graphQLApi": graphql_api,
    "appsync/apiKey": appsync_key,
    "appsync/dataSource": appsync_child("datasource"),
    "appsync/resolver": appsync_child("resolver"),
    "dms/endpoint": dms_endpoint,
    "dms/replicationInstance": dms_instance,
    "dms/replicationTask": dms_task,
    "dms/replicationSubnetGroup": dms_subnet_group,
    "cloudtrail/trail": trail,
    "sns/topicPolicy": topic_policy,
    "rds/globalCluster": global_cluster,
    "ses/domainIdentity": ses_identity,
    "sesv2/emailIdentity": email_identity,
    "globalaccelerator/accelerator": accelerator,
    "mq/broker": mq_broker,
    "pinpoint/app": pinpoint_app,
}
