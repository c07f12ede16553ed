"""One Lambda function of the API, its own role, its log group and its error alarm.

Each function gets a role of its own with only the table actions its routes use, on
the table's ARN, not `dynamodb:*` on `*`: the read function cannot write, and neither
can touch another table. Logging comes from AWS's baseline execution policy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from .scope import Scope
from .validation import check_instance, check_int, check_output

BASIC_EXECUTION = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
#: Handler source, shared by both functions; each uses one entry point.
HANDLER_SOURCE = '''\
import json
import os

import boto3

TABLE = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])


def _reply(status, body):
    return {"statusCode": status, "headers": {"Content-Type": "application/json"},
            "body": json.dumps(body, default=str)}


def read(event, context):
    item_id = (event.get("pathParameters") or {}).get("id")
    if item_id is None:
        return _reply(200, TABLE.scan(Limit=50).get("Items", []))
    item = TABLE.get_item(Key={"pk": item_id}).get("Item")
    return _reply(200, item) if item else _reply(404, {"message": "not found"})


def write(event, context):
    try:
        item = json.loads(event.get("body") or "")
    except ValueError:
        return _reply(400, {"message": "body must be JSON"})
    if not isinstance(item, dict) or not isinstance(item.get("pk"), str):
        return _reply(400, {"message": "body must be an object with a string 'pk'"})
    TABLE.put_item(Item=item)
    return _reply(201, item)
'''


@dataclass(frozen=True)
class ApiFunctionArgs:
    scope: Scope
    #: Short role of the function ('items-read'); prefixes every physical name.
    purpose: str
    #: Entry point in the handler module ('read' or 'write').
    entry_point: str
    table_name: pulumi.Input[str]
    table_arn: pulumi.Input[str]
    #: DynamoDB actions this function needs, e.g. ['dynamodb:GetItem'].
    table_actions: list[str]
    kms_key_arn: pulumi.Input[str]
    alarm_topic_arn: pulumi.Input[str]
    memory_mb: int = 256
    timeout_s: int = 10

    def __post_init__(self) -> None:
        check_instance(self.scope, "scope", Scope)
        for field in ("purpose", "entry_point"):
            value = check_instance(getattr(self, field), field, str)
            if not value.replace("-", "").isalnum():
                raise ValueError(f"{field} {value!r} must be letters, digits and '-'")
        for field in ("table_name", "table_arn", "kms_key_arn", "alarm_topic_arn"):
            check_output(getattr(self, field), field)
        check_instance(self.table_actions, "table_actions", list)
        if not self.table_actions or not all(
            isinstance(a, str) and a.startswith("dynamodb:") and "*" not in a
            for a in self.table_actions
        ):
            raise ValueError("table_actions must list named dynamodb actions, no wildcards")
        check_int(self.memory_mb, "memory_mb", 128, 10240)
        check_int(self.timeout_s, "timeout_s", 1, 29)  # API Gateway gives up after 29 s


class ApiFunction(pulumi.ComponentResource):
    """Role, log group, function and an alarm on its errors."""

    function: aws.lambda_.Function

    def __init__(
        self, name: str, args: ApiFunctionArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        check_instance(args, "args", ApiFunctionArgs)
        super().__init__("serverless:compute:ApiFunction", name, None, opts)
        scope = args.scope
        function_name = scope.name(args.purpose)

        role = aws.iam.Role(
            scope.name(f"{args.purpose}-role"),
            name=scope.name(f"{args.purpose}-role"),
            assume_role_policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"Service": "lambda.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                }],
            }),
            tags=scope.with_tags(f"{args.purpose}-role"),
            opts=scope.opts(self),
        )
        aws.iam.RolePolicyAttachment(
            scope.name(f"{args.purpose}-basic-execution"),
            role=role.name,
            policy_arn=BASIC_EXECUTION,
            opts=scope.opts(self),
        )
        aws.iam.RolePolicy(
            scope.name(f"{args.purpose}-table-access"),
            role=role.id,
            policy=pulumi.Output.all(args.table_arn, args.kms_key_arn).apply(
                lambda arns: self._table_policy(arns[0], arns[1], args, scope.region)
            ),
            opts=scope.opts(self),
        )
        log_group = aws.cloudwatch.LogGroup(
            scope.name(f"{args.purpose}-logs"),
            name=f"/aws/lambda/{function_name}",
            retention_in_days=30,
            kms_key_id=args.kms_key_arn,
            tags=scope.with_tags(f"{args.purpose}-logs"),
            opts=scope.opts(self),
        )
        self.function = aws.lambda_.Function(
            function_name,
            name=function_name,
            runtime="python3.12",
            architectures=["arm64"],
            handler=f"handler.{args.entry_point}",
            code=pulumi.AssetArchive({"handler.py": pulumi.StringAsset(HANDLER_SOURCE)}),
            role=role.arn,
            memory_size=args.memory_mb,
            timeout=args.timeout_s,
            environment=aws.lambda_.FunctionEnvironmentArgs(
                variables={"TABLE_NAME": args.table_name}
            ),
            logging_config=aws.lambda_.FunctionLoggingConfigArgs(
                log_format="JSON", log_group=log_group.name
            ),
            tags=scope.with_tags(args.purpose),
            opts=scope.opts(self, depends_on=[log_group]),
        )
        aws.cloudwatch.MetricAlarm(
            scope.name(f"{args.purpose}-errors"),
            name=scope.name(f"{args.purpose}-errors"),
            alarm_description=f"{function_name}: invocation errors in 5 minutes",
            namespace="AWS/Lambda",
            metric_name="Errors",
            dimensions={"FunctionName": self.function.name},
            statistic="Sum",
            period=300,
            evaluation_periods=1,
            threshold=1,
            comparison_operator="GreaterThanOrEqualToThreshold",
            treat_missing_data="notBreaching",
            alarm_actions=[args.alarm_topic_arn],
            ok_actions=[args.alarm_topic_arn],
            tags=scope.with_tags(f"{args.purpose}-errors"),
            opts=scope.opts(self),
        )
        self.register_outputs({"function_arn": self.function.arn})

    @staticmethod
    def _table_policy(table_arn: str, key_arn: str, args: ApiFunctionArgs, region: str) -> str:
        """The function's actions on this table (and its indexes) and the table's key."""
        return json.dumps({
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "ItemsTable",
                    "Effect": "Allow",
                    "Action": sorted(set(args.table_actions)),
                    "Resource": [table_arn, f"{table_arn}/index/*"],
                },
                {
                    "Sid": "TableKeyThroughDynamoDb",
                    "Effect": "Allow",
                    "Action": ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
                    "Resource": key_arn,
                    "Condition": {
                        "StringEquals": {"kms:ViaService": f"dynamodb.{region}.amazonaws.com"}
                    },
                },
            ],
        })
