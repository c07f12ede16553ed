"""security_services: flow logs, WAF in front of public entry points, alarms; relative."""

from __future__ import annotations

from collections.abc import Callable

from harness.program import Program
from scoring.api import MUTATIONS, CheckContext
from scoring.security_services import security_services, security_services_relative

ContextOf = Callable[..., CheckContext]
HEADER = """
import pulumi
import pulumi_aws as aws
"""
VPC = """
vpc = aws.ec2.Vpc("main", cidr_block="10.0.0.0/16")
"""
FLOW_LOG = """
aws.ec2.FlowLog("main-flow", vpc_id=vpc.id, traffic_type="ALL",
                log_destination="arn:aws:s3:::flow-logs", log_destination_type="s3")
"""
ALB = """
alb = aws.lb.LoadBalancer("web", load_balancer_type="application", subnets=["s-1", "s-2"])
aws.cloudwatch.MetricAlarm(
    "web-5xx", namespace="AWS/ApplicationELB", metric_name="HTTPCode_ELB_5XX_Count",
    dimensions={"LoadBalancer": alb.arn_suffix}, statistic="Sum", period=60,
    evaluation_periods=1, threshold=5, comparison_operator="GreaterThanThreshold")
"""


def web_acl(target: str = "alb.arn", managed_override: str = "none", rate: bool = True,
            scope: str = "REGIONAL") -> str:
    """A web ACL with one AWS managed rule group (and a rate rule), associated to target."""
    visibility = ("aws.wafv2.WebAclRuleVisibilityConfigArgs(cloudwatch_metrics_enabled=True, "
                  "metric_name='m', sampled_requests_enabled=True)")
    rules = [f"""aws.wafv2.WebAclRuleArgs(
        name="common", priority=1, visibility_config={visibility},
        override_action=aws.wafv2.WebAclRuleOverrideActionArgs(
            {managed_override}=aws.wafv2.WebAclRuleOverrideAction{managed_override.title()}Args()),
        statement=aws.wafv2.WebAclRuleStatementArgs(
            managed_rule_group_statement=aws.wafv2.WebAclRuleStatementManagedRuleGroupStatementArgs(
                name="AWSManagedRulesCommonRuleSet", vendor_name="AWS")))"""]
    if rate:
        rules.append(f"""aws.wafv2.WebAclRuleArgs(
        name="rate", priority=2, visibility_config={visibility},
        action=aws.wafv2.WebAclRuleActionArgs(block=aws.wafv2.WebAclRuleActionBlockArgs()),
        statement=aws.wafv2.WebAclRuleStatementArgs(
            rate_based_statement=aws.wafv2.WebAclRuleStatementRateBasedStatementArgs(
                limit=1000, aggregate_key_type="IP")))""")
    association = ("" if target is None else
                   f'aws.wafv2.WebAclAssociation("acl-link", resource_arn={target}, '
                   "web_acl_arn=acl.arn)\n")
    return f"""
acl = aws.wafv2.WebAcl("acl", scope="{scope}",
    default_action=aws.wafv2.WebAclDefaultActionArgs(allow=aws.wafv2.WebAclDefaultActionAllowArgs()),
    visibility_config=aws.wafv2.WebAclVisibilityConfigArgs(
        cloudwatch_metrics_enabled=True, metric_name="acl", sampled_requests_enabled=True),
    rules=[{", ".join(rules)}])
{association}"""


def test_nothing_to_protect_is_not_applicable(context_of: ContextOf) -> None:
    result = security_services(context_of(HEADER + "aws.s3.Bucket('assets')\n"))
    assert result.verdict == "not_applicable"


def test_vpc_without_flow_log_fails(context_of: ContextOf) -> None:
    result = security_services(context_of(HEADER + VPC))
    assert result.verdict == "fail"
    [evidence] = result.evidence
    assert evidence.urn.endswith("aws:ec2/vpc:Vpc::main")
    assert evidence.note == "VPC without a flow log"
    assert evidence.source == "__main__.py:5"


def test_vpc_with_flow_log_passes(context_of: ContextOf) -> None:
    result = security_services(context_of(HEADER + VPC + FLOW_LOG))
    assert result.verdict == "pass"
    assert result.evidence[0].note == "flow log main-flow"


def test_public_alb_without_waf_fails(context_of: ContextOf) -> None:
    result = security_services(context_of(HEADER + ALB))
    assert result.verdict == "fail"
    [evidence] = result.evidence
    assert evidence.urn.endswith("lb/loadBalancer:LoadBalancer::web")
    assert evidence.note == "no WAF web ACL associated"


def test_internal_alb_needs_only_an_alarm(context_of: ContextOf) -> None:
    source = HEADER + ALB.replace('load_balancer_type="application"', "internal=True")
    result = security_services(context_of(source))
    assert result.verdict == "pass"
    assert [e.note for e in result.evidence] == ["alarm web-5xx"]


def test_public_alb_with_managed_rules_and_rate_rule_passes(context_of: ContextOf) -> None:
    result = security_services(context_of(HEADER + ALB + web_acl()))
    assert result.verdict == "pass"
    assert "web ACL acl: 1 managed rule group(s), a rate rule" in result.evidence[0].note


def test_managed_rules_in_count_mode_fail(context_of: ContextOf) -> None:
    result = security_services(context_of(HEADER + ALB + web_acl(managed_override="count")))
    assert result.verdict == "fail"
    assert result.evidence[0].note == "web ACL acl lacks managed rule groups not in count mode"


def test_web_acl_without_rate_rule_fails(context_of: ContextOf) -> None:
    result = security_services(context_of(HEADER + ALB + web_acl(rate=False)))
    assert result.verdict == "fail"
    assert result.evidence[0].note == "web ACL acl lacks a rate-based rule"


def test_load_balancer_without_alarm_fails(context_of: ContextOf) -> None:
    source = HEADER + ALB.split("aws.cloudwatch")[0] + web_acl()
    result = security_services(context_of(source))
    assert result.verdict == "fail"
    assert [e.note for e in result.evidence] == ["no CloudWatch metric alarm"]


REST_API = """
api = aws.apigateway.RestApi("api")
resource = aws.apigateway.Resource("items", rest_api=api.id, parent_id=api.root_resource_id,
                                   path_part="items")
method = aws.apigateway.Method("get", rest_api=api.id, resource_id=resource.id,
                               http_method="GET", authorization="NONE")
integration = aws.apigateway.Integration("mock", rest_api=api.id, resource_id=resource.id,
                                         http_method="GET", type="MOCK")
deployment = aws.apigateway.Deployment("deploy", rest_api=api.id,
                                       opts=pulumi.ResourceOptions(depends_on=[integration]))
stage = aws.apigateway.Stage("live", rest_api=api.id, deployment=deployment.id,
                             stage_name="live")
"""


def test_rest_api_stage_needs_waf_but_http_api_does_not(context_of: ContextOf) -> None:
    rest = security_services(context_of(HEADER + REST_API))
    assert rest.verdict == "fail"
    assert rest.evidence[0].urn.endswith("apigateway/stage:Stage::live")
    assert security_services(context_of(HEADER + REST_API + web_acl("stage.arn"))
                             ).verdict == "pass"
    http = security_services(context_of(HEADER + """
api = aws.apigatewayv2.Api("http", protocol_type="HTTP")
aws.apigatewayv2.Stage("default", api_id=api.id, name="$default", auto_deploy=True)
"""))
    assert http.verdict == "not_applicable"


def test_cloudfront_distribution_uses_web_acl_id(context_of: ContextOf) -> None:
    distribution = """
aws.cloudfront.Distribution("cdn", enabled=True, {acl}
    origins=[aws.cloudfront.DistributionOriginArgs(domain_name="example.com", origin_id="o",
        custom_origin_config=aws.cloudfront.DistributionOriginCustomOriginConfigArgs(
            http_port=80, https_port=443, origin_protocol_policy="https-only",
            origin_ssl_protocols=["TLSv1.2"]))],
    default_cache_behavior=aws.cloudfront.DistributionDefaultCacheBehaviorArgs(
        allowed_methods=["GET", "HEAD"], cached_methods=["GET", "HEAD"],
        target_origin_id="o", viewer_protocol_policy="redirect-to-https",
        cache_policy_id="658327ea-f89d-4fab-a63d-7e88639e58f6"),
    restrictions=aws.cloudfront.DistributionRestrictionsArgs(
        geo_restriction=aws.cloudfront.DistributionRestrictionsGeoRestrictionArgs(
            restriction_type="none")),
    viewer_certificate=aws.cloudfront.DistributionViewerCertificateArgs(
        cloudfront_default_certificate=True))
"""
    acl = web_acl(target=None, scope="CLOUDFRONT")
    bare = security_services(context_of(HEADER + distribution.format(acl="")))
    assert bare.verdict == "fail" and bare.evidence[0].note == "no WAF web ACL associated"
    guarded = security_services(context_of(
        HEADER + acl + distribution.format(acl="web_acl_id=acl.arn,")))
    assert guarded.verdict == "pass"


DATABASE = """
db = aws.rds.Instance("orders", identifier="orders-db", engine="mysql",
                      instance_class="db.t3.micro", allocated_storage=20, username="admin",
                      manage_master_user_password=True)
"""
DB_ALARM = """
aws.cloudwatch.MetricAlarm(
    "orders-cpu", namespace="AWS/RDS", metric_name="CPUUtilization",
    dimensions={"DBInstanceIdentifier": "orders-db"}, statistic="Average", period=300,
    evaluation_periods=2, threshold=80, comparison_operator="GreaterThanThreshold")
"""


def test_database_needs_an_alarm_linked_by_dependency_or_value(context_of: ContextOf) -> None:
    bare = security_services(context_of(HEADER + DATABASE))
    assert bare.verdict == "fail"
    assert bare.evidence[0].urn.endswith("rds/instance:Instance::orders")
    watched = security_services(context_of(HEADER + DATABASE + DB_ALARM))
    assert watched.verdict == "pass"
    assert watched.evidence[0].note == "alarm orders-cpu"


def relative_of(model: CheckContext, reference: CheckContext) -> str:
    model.reference = reference
    return security_services_relative(model, security_services(model),
                                      security_services(reference)).verdict


def test_relative_fails_where_the_model_lacks_a_reference_service(context_of: ContextOf) -> None:
    trail = ('aws.cloudtrail.Trail("audit", s3_bucket_name="trail-logs", '
             "enable_log_file_validation=True)\n")
    reference = context_of(HEADER + VPC + FLOW_LOG + trail)
    model = context_of(HEADER + VPC + FLOW_LOG)
    assert security_services(model).verdict == "pass"  # no trail: not an absolute fail
    model.reference = reference
    result = security_services_relative(model, security_services(model),
                                        security_services(reference))
    assert result.verdict == "fail"
    [evidence] = result.evidence
    assert evidence.urn.endswith("cloudtrail/trail:Trail::audit")
    assert "the reference has CloudTrail" in evidence.note


def test_relative_follows_the_absolute_verdicts_otherwise(context_of: ContextOf) -> None:
    good = context_of(HEADER + VPC + FLOW_LOG)
    bare = context_of(HEADER + VPC)
    assert relative_of(context_of(HEADER + VPC + FLOW_LOG), good) == "pass"
    assert relative_of(context_of(HEADER + VPC), bare) == "not_applicable"


def test_mutation_removes_waf_association_and_flow_logs(context_of: ContextOf) -> None:
    clean = Program(files={"__main__.py": HEADER + VPC + FLOW_LOG + ALB + web_acl()},
                    entry="__main__.py")
    assert security_services(context_of(clean)).verdict == "pass"
    mutated = MUTATIONS["security_services"](clean)
    assert "FlowLog" not in mutated.files["__main__.py"]
    result = security_services(context_of(mutated))
    assert result.verdict == "fail"
    assert [e.note for e in result.evidence] == ["VPC without a flow log",
                                                 "no WAF web ACL associated"]


# -- the reference, the flawed answer, the mutation ---------------------------------------

Probed = Callable[[Program], CheckContext]


def test_reference_passes(reference: Program, probed: Probed) -> None:
    assert security_services(probed(reference)).verdict == "pass"


def test_flawed_answer_fails(flawed_answer: Program, probed: Probed) -> None:
    result = security_services(probed(flawed_answer))
    assert result.verdict == "fail"
    assert all(e.urn and e.source for e in result.evidence), result
