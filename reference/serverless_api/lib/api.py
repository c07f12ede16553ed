"""REST API in front of the functions: routes, stage, access logs, throttling, 5xx alarm.

A REST API (not an HTTP API) because only REST API stages can carry a WAF web ACL.
Every request is written to an encrypted access log; the stage throttles before the
functions do; an alarm fires on server errors. Writes are signed (`AWS_IAM`), reads are
public.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from .functions import ApiFunction
from .scope import Scope
from .validation import check_instance, check_int, check_output, check_stage_name

PUSH_TO_LOGS = "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
ACCESS_LOG_FORMAT = json.dumps({
    "requestId": "$context.requestId",
    "ip": "$context.identity.sourceIp",
    "caller": "$context.identity.caller",
    "requestTime": "$context.requestTime",
    "httpMethod": "$context.httpMethod",
    "resourcePath": "$context.resourcePath",
    "status": "$context.status",
    "responseLength": "$context.responseLength",
    "integrationLatency": "$context.integrationLatency",
    "wafResponse": "$context.waf.status",
})


@dataclass(frozen=True)
class ItemsApiArgs:
    scope: Scope
    stage_name: str
    read_function: ApiFunction
    write_function: ApiFunction
    kms_key_arn: pulumi.Input[str]
    alarm_topic_arn: pulumi.Input[str]
    #: API Gateway's CloudWatch role is one setting per account and region: let exactly
    #: one stack in the account manage it.
    manage_account_logging_role: bool = True
    throttle_rate: int = 100
    throttle_burst: int = 200

    def __post_init__(self) -> None:
        check_instance(self.scope, "scope", Scope)
        check_stage_name(self.stage_name)
        check_instance(self.read_function, "read_function", ApiFunction)
        check_instance(self.write_function, "write_function", ApiFunction)
        check_output(self.kms_key_arn, "kms_key_arn")
        check_output(self.alarm_topic_arn, "alarm_topic_arn")
        check_instance(self.manage_account_logging_role, "manage_account_logging_role", bool)
        check_int(self.throttle_rate, "throttle_rate", 1, 10000)
        check_int(self.throttle_burst, "throttle_burst", 1, 5000)


class ItemsApi(pulumi.ComponentResource):
    """`GET /items`, `POST /items`, `GET /items/{id}` on one logged, throttled stage."""

    rest_api: aws.apigateway.RestApi
    stage: aws.apigateway.Stage

    def __init__(
        self, name: str, args: ItemsApiArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        check_instance(args, "args", ItemsApiArgs)
        super().__init__("serverless:api:ItemsApi", name, None, opts)
        scope = args.scope
        self._scope = scope

        self.rest_api = aws.apigateway.RestApi(
            scope.name("items-api"),
            name=scope.name("items-api"),
            description=f"{scope.environment}: items API",
            endpoint_configuration=aws.apigateway.RestApiEndpointConfigurationArgs(
                types="REGIONAL"
            ),
            tags=scope.with_tags("items-api"),
            opts=scope.opts(self),
        )
        items = aws.apigateway.Resource(
            scope.name("items-resource"),
            rest_api=self.rest_api.id,
            parent_id=self.rest_api.root_resource_id,
            path_part="items",
            opts=scope.opts(self),
        )
        item = aws.apigateway.Resource(
            scope.name("item-resource"),
            rest_api=self.rest_api.id,
            parent_id=items.id,
            path_part="{id}",
            opts=scope.opts(self),
        )
        routes = [
            ("list-items", items, "GET", "NONE", args.read_function, "/items"),
            ("create-item", items, "POST", "AWS_IAM", args.write_function, "/items"),
            ("get-item", item, "GET", "NONE", args.read_function, "/items/*"),
        ]
        integrations = [self._route(*route) for route in routes]

        # Redeploy whenever the routes change; the stage then moves to the new deployment.
        shape = [(key, method, auth, path) for key, _, method, auth, _, path in routes]
        fingerprint = hashlib.sha256(repr(shape).encode()).hexdigest()
        deployment = aws.apigateway.Deployment(
            scope.name("items-deployment"),
            rest_api=self.rest_api.id,
            triggers={"routes": fingerprint},
            opts=scope.opts(self, depends_on=integrations),
        )
        access_logs = aws.cloudwatch.LogGroup(
            scope.name("items-api-access-logs"),
            name=f"/aws/apigateway/{scope.name('items-api')}/access",
            retention_in_days=90,
            kms_key_id=args.kms_key_arn,
            tags=scope.with_tags("items-api-access-logs"),
            opts=scope.opts(self),
        )
        logging_ready = [self._account_logging_role()] if args.manage_account_logging_role else []
        self.stage = aws.apigateway.Stage(
            scope.name("items-stage"),
            rest_api=self.rest_api.id,
            deployment=deployment.id,
            stage_name=args.stage_name,
            xray_tracing_enabled=True,
            access_log_settings=aws.apigateway.StageAccessLogSettingsArgs(
                destination_arn=access_logs.arn, format=ACCESS_LOG_FORMAT
            ),
            tags=scope.with_tags("items-stage"),
            opts=scope.opts(self, depends_on=logging_ready),
        )
        aws.apigateway.MethodSettings(
            scope.name("items-stage-settings"),
            rest_api=self.rest_api.id,
            stage_name=self.stage.stage_name,
            method_path="*/*",
            settings=aws.apigateway.MethodSettingsSettingsArgs(
                metrics_enabled=True,
                logging_level="ERROR",
                throttling_rate_limit=args.throttle_rate,
                throttling_burst_limit=args.throttle_burst,
            ),
            opts=scope.opts(self),
        )
        aws.cloudwatch.MetricAlarm(
            scope.name("items-api-5xx"),
            name=scope.name("items-api-5xx"),
            alarm_description="Items API: 5 or more server errors in 5 minutes",
            namespace="AWS/ApiGateway",
            metric_name="5XXError",
            dimensions={"ApiName": self.rest_api.name, "Stage": self.stage.stage_name},
            statistic="Sum",
            period=300,
            evaluation_periods=1,
            threshold=5,
            comparison_operator="GreaterThanOrEqualToThreshold",
            treat_missing_data="notBreaching",
            alarm_actions=[args.alarm_topic_arn],
            ok_actions=[args.alarm_topic_arn],
            tags=scope.with_tags("items-api-5xx"),
            opts=scope.opts(self),
        )
        self.url = self.stage.invoke_url
        self.register_outputs({"url": self.url, "stage_arn": self.stage.arn})

    def _route(
        self,
        key: str,
        resource: aws.apigateway.Resource,
        method: str,
        authorization: str,
        target: ApiFunction,
        path: str,
    ) -> aws.apigateway.Integration:
        """Method, Lambda proxy integration, and the permission for this route only."""
        scope = self._scope
        api_method = aws.apigateway.Method(
            scope.name(f"{key}-method"),
            rest_api=self.rest_api.id,
            resource_id=resource.id,
            http_method=method,
            authorization=authorization,
            opts=scope.opts(self),
        )
        aws.lambda_.Permission(
            scope.name(f"{key}-invoke"),
            action="lambda:InvokeFunction",
            function=target.function.name,
            principal="apigateway.amazonaws.com",
            source_arn=self.rest_api.execution_arn.apply(lambda arn: f"{arn}/*/{method}{path}"),
            opts=scope.opts(self),
        )
        return aws.apigateway.Integration(
            scope.name(f"{key}-integration"),
            rest_api=self.rest_api.id,
            resource_id=resource.id,
            http_method=api_method.http_method,
            type="AWS_PROXY",
            integration_http_method="POST",
            uri=target.function.invoke_arn,
            opts=scope.opts(self),
        )

    def _account_logging_role(self) -> aws.apigateway.Account:
        """The role API Gateway uses to write logs, set on the account for this region."""
        scope = self._scope
        role = aws.iam.Role(
            scope.name("apigateway-logs-role"),
            name=scope.name("apigateway-logs-role"),
            assume_role_policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"Service": "apigateway.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                }],
            }),
            tags=scope.with_tags("apigateway-logs-role"),
            opts=scope.opts(self),
        )
        attachment = aws.iam.RolePolicyAttachment(
            scope.name("apigateway-logs-push"),
            role=role.name,
            policy_arn=PUSH_TO_LOGS,
            opts=scope.opts(self),
        )
        return aws.apigateway.Account(
            scope.name("apigateway-account"),
            cloudwatch_role_arn=role.arn,
            opts=scope.opts(self, depends_on=[attachment]),
        )
