"""Computed outputs of compute and application types: Lambda, API Gateway (REST and v2),
ECS, ECR, EKS, Auto Scaling, CloudWatch (logs, alarms, events), Step Functions and the
developer tools."""

from __future__ import annotations

import base64

from harness.mocks.naming import unique_id
from harness.mocks.request import Builder, Outputs, ResourceRequest


def execute_api_arn(request: ResourceRequest, path: str) -> str:
    a = request.account
    return f"arn:{a.partition}:execute-api:{request.region}:{a.account_id}:{path}"


def lambda_invoke_arn(request: ResourceRequest, function_arn: str) -> str:
    prefix = f"arn:{request.account.partition}:apigateway:{request.region}:lambda:path"
    return f"{prefix}/2015-03-31/functions/{function_arn}/invocations"


def function(request: ResourceRequest) -> tuple[str, Outputs]:
    arn = request.arn(request.physical_name)
    version = "1" if request.flag("publish") else "$LATEST"
    p = request.account.partition
    return request.physical_name, {
        "arn": arn,
        "invokeArn": lambda_invoke_arn(request, arn),
        "qualifiedArn": f"{arn}:{version}",
        "qualifiedInvokeArn": lambda_invoke_arn(request, f"{arn}:{version}"),
        "responseStreamingInvokeArn": f"arn:{p}:apigateway:{request.region}:lambda:path/"
        f"2021-11-15/functions/{arn}/response-streaming-invocations",
        "version": version,
        "memorySize": 128,
        "timeout": 3,
        "packageType": "Zip",
        "architectures": ["x86_64"],
    }


def function_arn_of(request: ResourceRequest) -> str:
    name = request.text("functionName")
    if name.startswith("arn:"):
        return name
    a = request.account
    return f"arn:{a.partition}:lambda:{request.region}:{a.account_id}:function:{name}"


def alias(request: ResourceRequest) -> tuple[str, Outputs]:
    arn = request.arn(request.physical_name)
    return arn, {"arn": arn, "invokeArn": lambda_invoke_arn(request, arn)}


def layer_version(request: ResourceRequest) -> tuple[str, Outputs]:
    arn = request.arn(request.text("layerName"))
    return arn, {"arn": arn, "layerArn": arn.rsplit(":", 1)[0], "version": "1"}


def event_source_mapping(request: ResourceRequest) -> tuple[str, Outputs]:
    uuid = request.given_id or request.uuid()
    return uuid, {"uuid": uuid, "functionArn": function_arn_of(request), "state": "Enabled"}


def permission(request: ResourceRequest) -> tuple[str, Outputs]:
    statement = request.text("statementId") or request.text("statementIdPrefix", "terraform-")
    if not request.text("statementId"):
        statement += unique_id(request.type_, request.name)
    return statement, {"statementId": statement}


def function_url(request: ResourceRequest) -> tuple[str, Outputs]:
    url_id = request.lower_alnum(32, "url")
    return request.text("functionName"), {
        "functionUrl": f"https://{url_id}.lambda-url.{request.region}.on.aws/",
        "urlId": url_id,
        "functionArn": function_arn_of(request),
    }


def rest_api(request: ResourceRequest) -> tuple[str, Outputs]:
    id_ = request.given_id or request.lower_alnum(10)
    return id_, {
        "rootResourceId": request.lower_alnum(10, "root"),
        "executionArn": execute_api_arn(request, id_),
        "arn": request.arn(id_),
    }


def short_id(length: int) -> Builder:
    def build(request: ResourceRequest) -> tuple[str, Outputs]:
        return request.given_id or request.lower_alnum(length), {}

    return build


def stage(request: ResourceRequest) -> tuple[str, Outputs]:
    api, name = request.text("restApi"), request.text("stageName")
    return f"ags-{api}-{name}", {
        "invokeUrl": f"https://{api}.execute-api.{request.region}.{request.dns}/{name}",
        "executionArn": execute_api_arn(request, f"{api}/{name}"),
    }


def method_like(prefix: str, *extra: str) -> Builder:
    """Methods, integrations and their responses have ids built from their coordinates."""

    def build(request: ResourceRequest) -> tuple[str, Outputs]:
        parts = [request.text("restApi"), request.text("resourceId"), request.text("httpMethod")]
        parts += [request.text(key) for key in extra]
        return f"{prefix}-" + "-".join(parts), {}

    return build


def api_key(request: ResourceRequest) -> tuple[str, Outputs]:
    id_ = request.given_id or request.lower_alnum(10)
    return id_, {"value": request.text("value") or request.upper("value", length=40)}


def authorizer(request: ResourceRequest) -> tuple[str, Outputs]:
    id_ = request.given_id or request.lower_alnum(6)
    a = request.account
    api = request.text("restApi")
    return id_, {
        "arn": f"arn:{a.partition}:apigateway:{request.region}::/restapis/{api}/authorizers/{id_}"
    }


def domain_name(request: ResourceRequest) -> tuple[str, Outputs]:
    name = request.text("domainName")
    regional = f"d-{request.lower_alnum(10)}.execute-api.{request.region}.{request.dns}"
    return name, {
        "cloudfrontDomainName": f"d{request.lower_alnum(13, 'cf')}.cloudfront.net",
        "cloudfrontZoneId": "Z2FDTNDATAQYW2",
        "regionalDomainName": regional,
        "regionalZoneId": "Z" + request.upper(request.region, "apigw", length=13),
        "domainNameId": request.lower_alnum(10, "id"),
    }


def http_api(request: ResourceRequest) -> tuple[str, Outputs]:
    id_ = request.given_id or request.lower_alnum(10)
    scheme = "wss" if request.text("protocolType") == "WEBSOCKET" else "https"
    return id_, {
        "apiEndpoint": f"{scheme}://{id_}.execute-api.{request.region}.{request.dns}",
        "executionArn": execute_api_arn(request, id_),
        "arn": request.arn(id_),
    }


def http_stage(request: ResourceRequest) -> tuple[str, Outputs]:
    api, name = request.text("apiId"), request.physical_name
    base = f"https://{api}.execute-api.{request.region}.{request.dns}/"
    return name, {
        "invokeUrl": base if name == "$default" else base + name,
        "executionArn": execute_api_arn(request, f"{api}/{name}"),
    }


def cluster_arn_id(request: ResourceRequest) -> tuple[str, Outputs]:
    arn = request.arn(request.physical_name)
    return arn, {"arn": arn}


def task_definition(request: ResourceRequest) -> tuple[str, Outputs]:
    family = request.text("family", request.name)
    arn = request.arn(family, name=family)
    return family, {"arn": arn, "arnWithoutRevision": arn.rsplit(":", 1)[0], "revision": 1}


def repository(request: ResourceRequest) -> tuple[str, Outputs]:
    a = request.account
    url = f"{a.account_id}.dkr.ecr.{request.region}.{request.dns}/{request.physical_name}"
    return request.physical_name, {"repositoryUrl": url, "registryId": a.account_id}


def eks_cluster(request: ResourceRequest) -> tuple[str, Outputs]:
    token = request.hex("endpoint", length=32).upper()
    fake_ca = base64.b64encode(("-----BEGIN CERTIFICATE-----\n" + token).encode()).decode()
    issuer = f"https://oidc.eks.{request.region}.{request.dns}/id/{token}"
    return request.physical_name, {
        "endpoint": f"https://{token}.gr7.{request.region}.eks.{request.dns}",
        "certificateAuthority": {"data": fake_ca},
        "identities": [{"oidcs": [{"issuer": issuer}]}],
        "platformVersion": "eks.1",
        "status": "ACTIVE",
        "version": request.text("version", "1.31"),
    }


def node_group(request: ResourceRequest) -> tuple[str, Outputs]:
    name, cluster = request.physical_name, request.text("clusterName")
    groups = [{"name": f"eks-{name}-{request.uuid('asg')}"}]
    return f"{cluster}:{name}", {
        "status": "ACTIVE",
        "resources": [{"autoscalingGroups": groups, "remoteAccessSecurityGroupId": ""}],
    }


def scalable_target(request: ResourceRequest) -> tuple[str, Outputs]:
    return request.text("resourceId", request.name), {}


def event_rule(request: ResourceRequest) -> tuple[str, Outputs]:
    bus = request.text("eventBusName")
    name = request.physical_name
    return (f"{bus}/{name}" if bus and bus != "default" else name), {}


def event_target(request: ResourceRequest) -> tuple[str, Outputs]:
    target = request.text("targetId") or "terraform-" + unique_id(request.type_, request.name)
    return f"{request.text('rule')}-{target}", {"targetId": target}


def dashboard(request: ResourceRequest) -> tuple[str, Outputs]:
    name = request.text("dashboardName", request.name)
    return name, {"dashboardArn": request.arn(name, name=name)}


def state_machine(request: ResourceRequest) -> tuple[str, Outputs]:
    arn = request.arn(request.physical_name)
    return arn, {"arn": arn, "status": "ACTIVE", "stateMachineVersionArn": ""}


def config_rule(request: ResourceRequest) -> tuple[str, Outputs]:
    return request.physical_name, {"ruleId": "config-rule-" + request.hex("h6", length=6)}


def detector(request: ResourceRequest) -> tuple[str, Outputs]:
    return request.given_id or request.hex(length=32), {"accountId": request.account.account_id}


def user_pool(request: ResourceRequest) -> tuple[str, Outputs]:
    id_ = request.given_id or f"{request.region}_{request.upper(length=9)}"
    return id_, {
        "endpoint": f"cognito-idp.{request.region}.{request.dns}/{id_}",
        "estimatedNumberOfUsers": 0,
        "arn": request.arn(id_),
    }


def user_pool_client(request: ResourceRequest) -> tuple[str, Outputs]:
    out: Outputs = {}
    if request.flag("generateSecret"):
        out["clientSecret"] = request.lower_alnum(51, "secret")
    return request.given_id or request.lower_alnum(26), out


def codecommit(request: ResourceRequest) -> tuple[str, Outputs]:
    name = request.physical_name
    host = f"git-codecommit.{request.region}.{request.dns}/v1/repos/{name}"
    return name, {
        "cloneUrlHttp": f"https://{host}",
        "cloneUrlSsh": f"ssh://{host}",
        "repositoryId": request.uuid(),
    }


def codedeploy_app(request: ResourceRequest) -> tuple[str, Outputs]:
    app_id = request.uuid()
    return f"{app_id}:{request.physical_name}", {"applicationId": app_id}


def deployment_group(request: ResourceRequest) -> tuple[str, Outputs]:
    group_id = request.uuid()
    return group_id, {"deploymentGroupId": group_id}


def namespace(request: ResourceRequest) -> tuple[str, Outputs]:
    id_ = request.given_id or "ns-" + request.lower_alnum(16)
    return id_, {"hostedZone": "Z" + request.upper("zone", length=20), "arn": request.arn(id_)}


def discovery_service(request: ResourceRequest) -> tuple[str, Outputs]:
    id_ = request.given_id or "srv-" + request.lower_alnum(16)
    return id_, {"arn": request.arn(id_)}


BUILDERS: dict[str, Builder] = {
    "lambda/function": function,
    "lambda/alias": alias,
    "lambda/layerVersion": layer_version,
    "lambda/eventSourceMapping": event_source_mapping,
    "lambda/permission": permission,
    "lambda/functionUrl": function_url,
    "apigateway/restApi": rest_api,
    "apigateway/resource": short_id(6),
    "apigateway/deployment": short_id(6),
    "apigateway/usagePlan": short_id(6),
    "apigateway/requestValidator": short_id(6),
    "apigateway/stage": stage,
    "apigateway/method": method_like("agm"),
    "apigateway/integration": method_like("agi"),
    "apigateway/methodResponse": method_like("agmr", "statusCode"),
    "apigateway/integrationResponse": method_like("agir", "statusCode"),
    "apigateway/apiKey": api_key,
    "apigateway/authorizer": authorizer,
    "apigateway/domainName": domain_name,
    "apigatewayv2/api": http_api,
    "apigatewayv2/stage": http_stage,
    "apigatewayv2/integration": short_id(7),
    "apigatewayv2/route": short_id(7),
    "apigatewayv2/deployment": short_id(6),
    "apigatewayv2/authorizer": short_id(6),
    "apigatewayv2/vpcLink": short_id(6),
    "ecs/cluster": cluster_arn_id,
    "ecs/service": cluster_arn_id,
    "ecs/taskDefinition": task_definition,
    "ecr/repository": repository,
    "eks/cluster": eks_cluster,
    "eks/nodeGroup": node_group,
    "appautoscaling/target": scalable_target,
    "cloudwatch/eventRule": event_rule,
    "cloudwatch/eventTarget": event_target,
    "cloudwatch/dashboard": dashboard,
    "sfn/stateMachine": state_machine,
    "cfg/rule": config_rule,
    "guardduty/detector": detector,
    "cognito/userPool": user_pool,
    "cognito/userPoolClient": user_pool_client,
    "codecommit/repository": codecommit,
    "codedeploy/application": codedeploy_app,
    "codedeploy/deploymentGroup": deployment_group,
    "servicediscovery/privateDnsNamespace": namespace,
    "servicediscovery/service": discovery_service,
}
