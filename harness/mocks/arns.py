"""ARN formats per resource type.

`TEMPLATES` holds the format AWS uses for each common type, with placeholders filled from
an `ArnParts`: `{p}` partition, `{r}` region, `{a}` account id, `{name}` the physical name,
`{id}` the resource id, `{h}` a 16-hex suffix, `{u}` a UUID, plus per-type fields. Types
not listed get `generic_arn`: `arn:<p>:<service>:<region>:<account>:<kebab-type>/<name>`,
which is the shape most AWS services use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from harness.mocks.account import Account, stable_hex, stable_upper, stable_uuid

#: Module of the token -> service in the ARN, where they differ.
SERVICES: dict[str, str] = {
    "lb": "elasticloadbalancing",
    "alb": "elasticloadbalancing",
    "elb": "elasticloadbalancing",
    "efs": "elasticfilesystem",
    "cfg": "config",
    "sfn": "states",
    "opensearch": "es",
    "elasticsearch": "es",
    "msk": "kafka",
    "cognito": "cognito-idp",
    "apigatewayv2": "apigateway",
    "ec2transitgateway": "ec2",
    "ebs": "ec2",
    "vpc": "ec2",
    "appautoscaling": "application-autoscaling",
    "kinesis": "kinesis",
    "ecr": "ecr",
    "cloudwatch": "cloudwatch",
    "lambda": "lambda",
}

#: Services whose ARNs carry no region.
GLOBAL_SERVICES = frozenset({"iam", "cloudfront", "route53", "organizations", "waf", "s3"})


@dataclass(frozen=True)
class ArnParts:
    """Everything a template may refer to."""

    type_: str
    name: str
    id: str
    region: str
    account: Account
    inputs: Mapping[str, Any] = field(default_factory=dict)
    #: The logical name; random-looking parts (`{h}`, `{u}`) derive from it, so an ARN
    #: does not change when it is computed before or after the id is known.
    logical: str = ""

    def fields(self) -> dict[str, str]:
        logical = f"{self.type_}|{self.logical or self.name}"
        return {
            "p": self.account.partition,
            "r": self.region,
            "a": self.account.account_id,
            "name": self.name,
            "id": self.id,
            "h": stable_hex(logical, "arn", length=16),
            "u": stable_uuid(logical, "arn"),
            "path": _iam_path(self.inputs.get("path")),
        }


def _iam_path(path: Any) -> str:
    if not isinstance(path, str) or not path:
        return "/"
    return path if path.endswith("/") else path + "/"


_IAM = "arn:{p}:iam::{a}:"
_EC2 = "arn:{p}:ec2:{r}:{a}:"
_RDS = "arn:{p}:rds:{r}:{a}:"
_ELB = "arn:{p}:elasticloadbalancing:{r}:{a}:"
_ELASTICACHE = "arn:{p}:elasticache:{r}:{a}:"
_APIGW = "arn:{p}:apigateway:{r}::"

TEMPLATES: dict[str, str] = {
    "s3/bucket": "arn:{p}:s3:::{name}",
    "s3/bucketV2": "arn:{p}:s3:::{name}",
    "s3/directoryBucket": "arn:{p}:s3express:{r}:{a}:bucket/{name}",
    "s3/accessPoint": "arn:{p}:s3:{r}:{a}:accesspoint/{name}",
    "iam/role": _IAM + "role{path}{name}",
    "iam/policy": _IAM + "policy{path}{name}",
    "iam/user": _IAM + "user{path}{name}",
    "iam/group": _IAM + "group{path}{name}",
    "iam/instanceProfile": _IAM + "instance-profile{path}{name}",
    "iam/samlProvider": _IAM + "saml-provider/{name}",
    "iam/serverCertificate": _IAM + "server-certificate{path}{name}",
    "rds/instance": _RDS + "db:{name}",
    "rds/clusterInstance": _RDS + "db:{name}",
    "rds/cluster": _RDS + "cluster:{name}",
    "rds/subnetGroup": _RDS + "subgrp:{name}",
    "rds/parameterGroup": _RDS + "pg:{name}",
    "rds/clusterParameterGroup": _RDS + "cluster-pg:{name}",
    "rds/optionGroup": _RDS + "og:{name}",
    "rds/eventSubscription": _RDS + "es:{name}",
    "rds/proxy": _RDS + "db-proxy:prx-{h}",
    "rds/clusterEndpoint": _RDS + "cluster-endpoint:{name}",
    "rds/globalCluster": "arn:{p}:rds::{a}:global-cluster:{name}",
    "lb/loadBalancer": _ELB + "loadbalancer/{lbkind}/{name}/{h}",
    "alb/loadBalancer": _ELB + "loadbalancer/{lbkind}/{name}/{h}",
    "lb/targetGroup": _ELB + "targetgroup/{name}/{h}",
    "alb/targetGroup": _ELB + "targetgroup/{name}/{h}",
    "elb/loadBalancer": _ELB + "loadbalancer/{name}",
    "lambda/function": "arn:{p}:lambda:{r}:{a}:function:{name}",
    "lambda/alias": "arn:{p}:lambda:{r}:{a}:function:{function}:{name}",
    "lambda/layerVersion": "arn:{p}:lambda:{r}:{a}:layer:{layer}:1",
    "lambda/eventSourceMapping": "arn:{p}:lambda:{r}:{a}:event-source-mapping:{id}",
    "lambda/codeSigningConfig": "arn:{p}:lambda:{r}:{a}:code-signing-config:csc-{h}",
    "sqs/queue": "arn:{p}:sqs:{r}:{a}:{name}",
    "sns/topic": "arn:{p}:sns:{r}:{a}:{name}",
    "sns/topicSubscription": "{topic}:{u}",
    "dynamodb/table": "arn:{p}:dynamodb:{r}:{a}:table/{name}",
    "dynamodb/globalTable": "arn:{p}:dynamodb::{a}:global-table/{name}",
    "kms/key": "arn:{p}:kms:{r}:{a}:key/{id}",
    "kms/replicaKey": "arn:{p}:kms:{r}:{a}:key/{id}",
    "kms/alias": "arn:{p}:kms:{r}:{a}:{name}",
    "cloudwatch/logGroup": "arn:{p}:logs:{r}:{a}:log-group:{name}",
    "cloudwatch/logStream": "arn:{p}:logs:{r}:{a}:log-group:{log_group}:log-stream:{name}",
    "cloudwatch/logDestination": "arn:{p}:logs:{r}:{a}:destination:{name}",
    "cloudwatch/metricAlarm": "arn:{p}:cloudwatch:{r}:{a}:alarm:{name}",
    "cloudwatch/compositeAlarm": "arn:{p}:cloudwatch:{r}:{a}:alarm:{name}",
    "cloudwatch/dashboard": "arn:{p}:cloudwatch::{a}:dashboard/{name}",
    "cloudwatch/eventRule": "arn:{p}:events:{r}:{a}:rule/{bus_prefix}{name}",
    "cloudwatch/eventBus": "arn:{p}:events:{r}:{a}:event-bus/{name}",
    "cloudwatch/eventArchive": "arn:{p}:events:{r}:{a}:archive/{name}",
    "cloudwatch/eventConnection": "arn:{p}:events:{r}:{a}:connection/{name}/{u}",
    "secretsmanager/secret": "arn:{p}:secretsmanager:{r}:{a}:secret:{name}-{suffix6}",
    "ssm/parameter": "arn:{p}:ssm:{r}:{a}:parameter{ssm_name}",
    "ssm/document": "arn:{p}:ssm:{r}:{a}:document/{name}",
    "wafv2/webAcl": "arn:{p}:wafv2:{waf_region}:{a}:{waf_scope}/webacl/{name}/{id}",
    "wafv2/ipSet": "arn:{p}:wafv2:{waf_region}:{a}:{waf_scope}/ipset/{name}/{id}",
    "wafv2/ruleGroup": "arn:{p}:wafv2:{waf_region}:{a}:{waf_scope}/rulegroup/{name}/{id}",
    "wafv2/regexPatternSet": (
        "arn:{p}:wafv2:{waf_region}:{a}:{waf_scope}/regexpatternset/{name}/{id}"
    ),
    "cloudfront/distribution": "arn:{p}:cloudfront::{a}:distribution/{id}",
    "cloudfront/originAccessIdentity": (
        "arn:{p}:iam::cloudfront:user/CloudFront Origin Access Identity {id}"
    ),
    "cloudfront/originAccessControl": "arn:{p}:cloudfront::{a}:origin-access-control/{id}",
    "cloudfront/function": "arn:{p}:cloudfront::{a}:function/{name}",
    "cloudfront/cachePolicy": "arn:{p}:cloudfront::{a}:cache-policy/{id}",
    "cloudfront/responseHeadersPolicy": "arn:{p}:cloudfront::{a}:response-headers-policy/{id}",
    "apigateway/restApi": _APIGW + "/restapis/{id}",
    "apigateway/stage": _APIGW + "/restapis/{rest_api}/stages/{stage}",
    "apigateway/apiKey": _APIGW + "/apikeys/{id}",
    "apigateway/usagePlan": _APIGW + "/usageplans/{id}",
    "apigateway/domainName": _APIGW + "/domainnames/{name}",
    "apigateway/vpcLink": _APIGW + "/vpclinks/{id}",
    "apigateway/clientCertificate": _APIGW + "/clientcertificates/{id}",
    "apigatewayv2/api": _APIGW + "/apis/{id}",
    "apigatewayv2/stage": _APIGW + "/apis/{api}/stages/{name}",
    "apigatewayv2/domainName": _APIGW + "/domainnames/{name}",
    "apigatewayv2/vpcLink": _APIGW + "/vpclinks/{id}",
    "ecr/repository": "arn:{p}:ecr:{r}:{a}:repository/{name}",
    "ecrpublic/repository": "arn:{p}:ecr-public::{a}:repository/{name}",
    "ecs/cluster": "arn:{p}:ecs:{r}:{a}:cluster/{name}",
    "ecs/service": "arn:{p}:ecs:{r}:{a}:service/{cluster}/{name}",
    "ecs/taskDefinition": "arn:{p}:ecs:{r}:{a}:task-definition/{name}:1",
    "ecs/capacityProvider": "arn:{p}:ecs:{r}:{a}:capacity-provider/{name}",
    "eks/cluster": "arn:{p}:eks:{r}:{a}:cluster/{name}",
    "eks/nodeGroup": "arn:{p}:eks:{r}:{a}:nodegroup/{cluster}/{name}/{u}",
    "eks/fargateProfile": "arn:{p}:eks:{r}:{a}:fargateprofile/{cluster}/{name}/{u}",
    "eks/addon": "arn:{p}:eks:{r}:{a}:addon/{cluster}/{name}/{u}",
    "elasticache/replicationGroup": _ELASTICACHE + "replicationgroup:{name}",
    "elasticache/cluster": _ELASTICACHE + "cluster:{name}",
    "elasticache/subnetGroup": _ELASTICACHE + "subnetgroup:{name}",
    "elasticache/parameterGroup": _ELASTICACHE + "parametergroup:{name}",
    "elasticache/serverlessCache": _ELASTICACHE + "serverlesscache:{name}",
    "elasticache/user": _ELASTICACHE + "user:{name}",
    "elasticache/userGroup": _ELASTICACHE + "usergroup:{name}",
    "kinesis/stream": "arn:{p}:kinesis:{r}:{a}:stream/{name}",
    "kinesis/firehoseDeliveryStream": "arn:{p}:firehose:{r}:{a}:deliverystream/{name}",
    "sfn/stateMachine": "arn:{p}:states:{r}:{a}:stateMachine:{name}",
    "sfn/activity": "arn:{p}:states:{r}:{a}:activity:{name}",
    "autoscaling/group": (
        "arn:{p}:autoscaling:{r}:{a}:autoScalingGroup:{u}:autoScalingGroupName/{name}"
    ),
    "autoscaling/policy": (
        "arn:{p}:autoscaling:{r}:{a}:scalingPolicy:{u}:autoScalingGroupName/{asg}:policyName/{name}"
    ),
    "appautoscaling/policy": (
        "arn:{p}:autoscaling:{r}:{a}:scalingPolicy:{u}:resource/{namespace}/{resource_id}"
        ":policyName/{name}"
    ),
    "appautoscaling/target": "arn:{p}:application-autoscaling:{r}:{a}:scalable-target/{h}",
    "route53/zone": "arn:{p}:route53:::hostedzone/{id}",
    "route53/healthCheck": "arn:{p}:route53:::healthcheck/{id}",
    "acm/certificate": "arn:{p}:acm:{r}:{a}:certificate/{u}",
    "acmpca/certificateAuthority": "arn:{p}:acm-pca:{r}:{a}:certificate-authority/{u}",
    "codebuild/project": "arn:{p}:codebuild:{r}:{a}:project/{name}",
    "codepipeline/pipeline": "arn:{p}:codepipeline:{r}:{a}:{name}",
    "codecommit/repository": "arn:{p}:codecommit:{r}:{a}:{name}",
    "codedeploy/application": "arn:{p}:codedeploy:{r}:{a}:application:{name}",
    "codedeploy/deploymentGroup": "arn:{p}:codedeploy:{r}:{a}:deploymentgroup:{app}/{name}",
    "cloudtrail/trail": "arn:{p}:cloudtrail:{r}:{a}:trail/{name}",
    "cfg/rule": "arn:{p}:config:{r}:{a}:config-rule/config-rule-{h6}",
    "guardduty/detector": "arn:{p}:guardduty:{r}:{a}:detector/{id}",
    "efs/fileSystem": "arn:{p}:elasticfilesystem:{r}:{a}:file-system/{id}",
    "efs/accessPoint": "arn:{p}:elasticfilesystem:{r}:{a}:access-point/{id}",
    "backup/vault": "arn:{p}:backup:{r}:{a}:backup-vault:{name}",
    "backup/plan": "arn:{p}:backup:{r}:{a}:backup-plan:{id}",
    "cognito/userPool": "arn:{p}:cognito-idp:{r}:{a}:userpool/{id}",
    "msk/cluster": "arn:{p}:kafka:{r}:{a}:cluster/{name}/{u}",
    "opensearch/domain": "arn:{p}:es:{r}:{a}:domain/{name}",
    "iot/thing": "arn:{p}:iot:{r}:{a}:thing/{name}",
    "iot/topicRule": "arn:{p}:iot:{r}:{a}:rule/{name}",
    "iot/policy": "arn:{p}:iot:{r}:{a}:policy/{name}",
    "dms/replicationInstance": "arn:{p}:dms:{r}:{a}:rep:{upper}",
    "dms/endpoint": "arn:{p}:dms:{r}:{a}:endpoint:{upper}",
    "dms/replicationTask": "arn:{p}:dms:{r}:{a}:task:{upper}",
    "athena/workgroup": "arn:{p}:athena:{r}:{a}:workgroup/{name}",
    "glue/catalogDatabase": "arn:{p}:glue:{r}:{a}:database/{name}",
    "glue/job": "arn:{p}:glue:{r}:{a}:job/{name}",
    "glue/crawler": "arn:{p}:glue:{r}:{a}:crawler/{name}",
    "servicediscovery/privateDnsNamespace": "arn:{p}:servicediscovery:{r}:{a}:namespace/{id}",
    "ec2/eip": _EC2 + "elastic-ip/{id}",
    "ec2/keyPair": _EC2 + "key-pair/{keypair_id}",
    "ec2/ami": "arn:{p}:ec2:{r}::image/{id}",
}

#: EC2 resources whose ARN is `arn:<p>:ec2:<r>:<a>:<kind>/<id>`.
EC2_KINDS: dict[str, str] = {
    "ec2/vpc": "vpc",
    "ec2/subnet": "subnet",
    "ec2/securityGroup": "security-group",
    "ec2/internetGateway": "internet-gateway",
    "ec2/egressOnlyInternetGateway": "egress-only-internet-gateway",
    "ec2/natGateway": "natgateway",
    "ec2/routeTable": "route-table",
    "ec2/instance": "instance",
    "ec2/launchTemplate": "launch-template",
    "ec2/networkAcl": "network-acl",
    "ec2/defaultNetworkAcl": "network-acl",
    "ec2/vpcEndpoint": "vpc-endpoint",
    "ec2/flowLog": "vpc-flow-log",
    "ec2/networkInterface": "network-interface",
    "ec2/vpcPeeringConnection": "vpc-peering-connection",
    "ec2/vpcDhcpOptions": "dhcp-options",
    "ec2/vpnGateway": "vpn-gateway",
    "ec2/customerGateway": "customer-gateway",
    "ec2/vpnConnection": "vpn-connection",
    "ec2/placementGroup": "placement-group",
    "ec2/securityGroupRule": "security-group-rule",
    "vpc/securityGroupIngressRule": "security-group-rule",
    "vpc/securityGroupEgressRule": "security-group-rule",
    "ebs/volume": "volume",
    "ebs/snapshot": "snapshot",
    "ec2transitgateway/transitGateway": "transit-gateway",
    "ec2transitgateway/vpcAttachment": "transit-gateway-attachment",
    "ec2transitgateway/routeTable": "transit-gateway-route-table",
    "ec2/vpcEndpointService": "vpc-endpoint-service",
}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _after_last(value: Any, sep: str) -> str:
    text = _text(value)
    return text.rsplit(sep, 1)[-1] if text else ""


def _extra_fields(parts: ArnParts) -> dict[str, str]:
    """Fields only some templates use, each derived from the inputs that name them."""
    i = parts.inputs
    scope = _text(i.get("scope")).upper()
    lb_type = _text(i.get("loadBalancerType")) or "application"
    bus = _text(i.get("eventBusName"))
    if bus.startswith("arn:"):
        bus = _after_last(bus, "/")
    ssm_name = parts.name if parts.name.startswith("/") else "/" + parts.name
    return {
        "lbkind": {"network": "net", "gateway": "gwy"}.get(lb_type, "app"),
        "function": _after_last(i.get("functionName"), ":") or _text(i.get("functionName")),
        "layer": _text(i.get("layerName")) or parts.name,
        "topic": _text(i.get("topic")),
        "log_group": _text(i.get("logGroupName")),
        "bus_prefix": f"{bus}/" if bus and bus != "default" else "",
        "suffix6": secret_suffix(parts.type_, parts.name),
        "ssm_name": ssm_name,
        "waf_region": "us-east-1" if scope == "CLOUDFRONT" else parts.region,
        "waf_scope": "global" if scope == "CLOUDFRONT" else "regional",
        "rest_api": _text(i.get("restApi")),
        "stage": _text(i.get("stageName")) or parts.name,
        "api": _text(i.get("apiId")),
        "cluster": _after_last(i.get("cluster") or i.get("clusterName"), "/"),
        "asg": _text(i.get("autoscalingGroupName")),
        "namespace": _text(i.get("serviceNamespace")),
        "resource_id": _text(i.get("resourceId")),
        "app": _text(i.get("appName")),
        "h6": stable_hex(parts.type_, parts.logical or parts.name, "h6", length=6),
        "upper": stable_upper(parts.type_, parts.logical or parts.name, length=26),
        "keypair_id": "key-" + stable_hex(parts.type_, parts.logical or parts.name),
    }


def secret_suffix(type_: str, name: str) -> str:
    """Secrets Manager appends `-` and six random letters and digits to every secret ARN."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    number = int(stable_hex(type_, name, "secret-suffix", length=24), 16)
    out = []
    for _ in range(6):
        number, digit = divmod(number, len(alphabet))
        out.append(alphabet[digit])
    return "".join(out)


def kebab(name: str) -> str:
    """`EventBus` -> `event-bus`."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def service_of(type_: str) -> str:
    module = type_.split(":")[1].split("/")[0] if type_.count(":") == 2 else type_
    return SERVICES.get(module, module)


def generic_arn(parts: ArnParts) -> str:
    """`arn:<p>:<service>:<region>:<account>:<kebab-type>/<name or id>`."""
    service = service_of(parts.type_)
    region = "" if service in GLOBAL_SERVICES else parts.region
    account = "" if service == "s3" else parts.account.account_id
    kind = kebab(parts.type_.rsplit(":", 1)[-1])
    ident = parts.name or parts.id
    return f"arn:{parts.account.partition}:{service}:{region}:{account}:{kind}/{ident}"


_SPECIAL: dict[str, Callable[[ArnParts], str]] = {}


def short_type(type_: str) -> str:
    """`aws:s3/bucket:Bucket` -> `s3/bucket`: the key the tables here use."""
    parts = type_.split(":")
    return parts[1] if len(parts) == 3 and parts[0] == "aws" else type_


def resource_arn(parts: ArnParts) -> str:
    """The ARN a resource of `parts.type_` with this name and id gets."""
    key = short_type(parts.type_)
    if key in _SPECIAL:
        return _SPECIAL[key](parts)
    fields = parts.fields()
    if key in EC2_KINDS:
        return "arn:{p}:ec2:{r}:{a}:".format(**fields) + f"{EC2_KINDS[key]}/{parts.id}"
    template = TEMPLATES.get(key)
    if template is None:
        return generic_arn(parts)
    return template.format(**fields, **_extra_fields(parts))


def _listener_arn(parts: ArnParts) -> str:
    lb = _text(parts.inputs.get("loadBalancerArn"))
    if ":loadbalancer/" not in lb:
        return generic_arn(parts)
    return lb.replace(":loadbalancer/", ":listener/", 1) + "/" + parts.fields()["h"]


def _listener_rule_arn(parts: ArnParts) -> str:
    listener = _text(parts.inputs.get("listenerArn"))
    if ":listener/" not in listener:
        return generic_arn(parts)
    return listener.replace(":listener/", ":listener-rule/", 1) + "/" + parts.fields()["h"]


_SPECIAL.update(
    {
        "lb/listener": _listener_arn,
        "alb/listener": _listener_arn,
        "lb/listenerRule": _listener_rule_arn,
        "alb/listenerRule": _listener_rule_arn,
    }
)


def lb_arn_suffix(arn: str) -> str:
    """What CloudWatch metrics call a load balancer or target group: the ARN after `:`."""
    return arn.split(":", 5)[-1].removeprefix("loadbalancer/")
