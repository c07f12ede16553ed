"""Answers to provider functions (invokes), computed locally.

`answer_invoke` maps a token such as `aws:index/getAvailabilityZones:getAvailabilityZones`
to a handler. Each handler returns the result under the wire (camelCase) names the SDK's
`*Result` class reads, because under mocks the SDK builds that class from the returned
dict and any field it reads but does not find becomes `None`.

A handler also says whether it really answered: lookups of things the fake account can
derive (its zones, the default VPC, an AWS managed policy, a resource the program itself
created) are answered; lookups of data only a real account holds (the value of a
parameter nobody created) get a well-formed but empty answer marked unanswered, so the
capture can report them. Unknown tokens get `({}, False)`.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping, Sequence
from typing import Any

from harness.mocks.account import REGION_DESCRIPTIONS, Account
from harness.mocks.lookups import identity, images, network, services, vpc
from harness.mocks.policy_document import render_policy_document
from harness.mocks.request import Answer, Handler, InvokeRequest, KnownResource
from harness.mocks.schema import invoke_result_names


def _matches(value: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatchcase(value, p) for p in patterns)


def availability_zones(req: InvokeRequest) -> Answer:
    account, region = req.account, req.region
    state = req.text("state")
    zones = [
        (name, zone_id)
        for name, zone_id in zip(
            account.availability_zones(region), account.zone_ids(region), strict=True
        )
        if name not in req.items("excludeNames") and zone_id not in req.items("excludeZoneIds")
    ]
    if state and state != "available":
        zones = []
    #: Filters on fields every zone here shares: the value each zone has for them.
    shared = {
        "state": "available",
        "opt-in-status": "opt-in-not-required",
        "zone-type": "availability-zone",
        "region-name": region,
        "group-name": region,
    }
    for key, patterns in req.filters().items():
        if key in ("zone-name", "zone-id"):
            index = 0 if key == "zone-name" else 1
            zones = [z for z in zones if _matches(z[index], patterns)]
        elif key in shared and not _matches(shared[key], patterns):
            zones = []
    return {
        "id": region,
        "names": [z[0] for z in zones],
        "zoneIds": [z[1] for z in zones],
        "groupNames": [region] if zones else [],
        "region": region,
        "state": state or None,
        "allAvailabilityZones": req.args.get("allAvailabilityZones"),
        "excludeNames": req.args.get("excludeNames"),
        "excludeZoneIds": req.args.get("excludeZoneIds"),
        "filters": req.args.get("filters"),
    }, True


def caller_identity(req: InvokeRequest) -> Answer:
    account = req.account
    return {
        "id": account.account_id,
        "accountId": account.account_id,
        "arn": account.caller_arn,
        "userId": account.user_id,
    }, True


def partition(req: InvokeRequest) -> Answer:
    account = req.account
    return {
        "id": account.partition,
        "partition": account.partition,
        "dnsSuffix": account.dns_suffix,
        "reverseDnsPrefix": account.reverse_dns_prefix,
    }, True


def region_info(req: InvokeRequest) -> Answer:
    region = req.text("region") or req.text("name") or req.text("id") or req.region
    endpoint = req.text("endpoint")
    if endpoint and not req.text("region") and not req.text("name"):
        region = endpoint.split(".")[1] if endpoint.count(".") >= 2 else region
    return {
        "id": region,
        "name": region,
        "region": region,
        "description": req.account.region_description(region),
        "endpoint": f"ec2.{region}.{req.account.dns_suffix}",
    }, True


def regions(req: InvokeRequest) -> Answer:
    names = sorted(REGION_DESCRIPTIONS)
    for key, patterns in req.filters().items():
        if key == "region-name":
            names = [n for n in names if _matches(n, patterns)]
    return {
        "id": req.account.partition,
        "names": names,
        "allRegions": req.args.get("allRegions"),
        "filters": req.args.get("filters"),
    }, True


def service_principal(req: InvokeRequest) -> Answer:
    service = req.text("serviceName")
    region = req.text("region") or req.region
    suffix = req.account.dns_suffix
    name = f"{service}.{suffix}"
    return {
        "id": f"{service}.{region}.{suffix}",
        "name": name,
        "region": region,
        "serviceName": service,
        "suffix": suffix,
    }, bool(service)


def arn_parts(req: InvokeRequest) -> Answer:
    arn = req.text("arn")
    parts = arn.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn":
        return {"id": arn, "arn": arn}, False
    return {
        "id": arn,
        "arn": arn,
        "partition": parts[1],
        "service": parts[2],
        "region": parts[3],
        "account": parts[4],
        "resource": parts[5],
    }, True


def billing_service_account(req: InvokeRequest) -> Answer:
    account_id = "386209384616"
    return {"id": account_id, "arn": f"arn:{req.account.partition}:iam::{account_id}:root"}, True


def default_tags(req: InvokeRequest) -> Answer:
    return {"id": req.account.partition, "tags": dict(req.default_tags or {})}, True


def policy_document(req: InvokeRequest) -> Answer:
    return render_policy_document(req.args), True


HANDLERS: dict[str, Handler] = {
    "aws:index/getAvailabilityZones:getAvailabilityZones": availability_zones,
    "aws:index/getCallerIdentity:getCallerIdentity": caller_identity,
    "aws:index/getPartition:getPartition": partition,
    "aws:index/getRegion:getRegion": region_info,
    "aws:index/getRegions:getRegions": regions,
    "aws:index/getServicePrincipal:getServicePrincipal": service_principal,
    "aws:index/getArn:getArn": arn_parts,
    "aws:index/getBillingServiceAccount:getBillingServiceAccount": billing_service_account,
    "aws:index/getDefaultTags:getDefaultTags": default_tags,
    "aws:iam/getPolicyDocument:getPolicyDocument": policy_document,
    **vpc.HANDLERS,
    **network.HANDLERS,
    **images.HANDLERS,
    **identity.HANDLERS,
    **services.HANDLERS,
}


def answer_invoke(
    token: str,
    args: Mapping[str, Any],
    *,
    region: str,
    account: Account,
    known: Sequence[KnownResource] = (),
    default_tags: Mapping[str, str] | None = None,
) -> tuple[dict[str, Any], bool]:
    """(result, answered) for a call of `token` with `args`.

    `region` is the region of the provider the call goes through; an explicit `region`
    argument (pulumi-aws 7 accepts one on every regional function) takes precedence.
    `known` lists the resources the program registered so far, so lookups agree with
    them. Only fields the SDK's result class declares are returned. Raises
    `ProviderError` where the provider would return an error (a policy document it
    rejects, a lookup of something the program created that does not exist yet).
    """
    handler = HANDLERS.get(token)
    if handler is None:
        return {}, False
    explicit = args.get("region")
    request = InvokeRequest(
        token,
        args,
        explicit if isinstance(explicit, str) and explicit else region,
        account,
        tuple(known),
        default_tags,
    )
    result, answered = handler(request)
    declared = invoke_result_names(token)
    if declared is not None:
        result = {k: v for k, v in result.items() if k in declared}
    return result, answered
