"""Lookups of routing objects (route tables, internet gateways, prefix lists, endpoint
services) and of the ELB constants each region has."""

from __future__ import annotations

from harness.mocks.lookups.vpc import Description, select, vpcs
from harness.mocks.request import Answer, Handler, InvokeRequest


def route_tables(req: InvokeRequest) -> list[Description]:
    account = req.account
    associations: dict[str, list[str]] = {}
    for known in req.known_of("aws:ec2/routeTableAssociation:RouteTableAssociation"):
        rtb, subnet = known.state.get("routeTableId"), known.state.get("subnetId")
        if isinstance(rtb, str) and isinstance(subnet, str):
            associations.setdefault(rtb, []).append(subnet)
    found = [
        {"id": vpc["mainRouteTableId"], "vpcId": vpc["id"], "main": True, "tags": {}}
        for vpc in vpcs(req)
    ]
    for known in req.known_of("aws:ec2/routeTable:RouteTable"):
        found.append({**known.state, "id": known.id, "main": False})
    for table in found:
        table["subnetIds"] = associations.get(table["id"], [])
        table["routeTableId"] = table["id"]
        table["ownerId"] = account.account_id
        table["arn"] = (
            f"arn:{account.partition}:ec2:{req.region}:{account.account_id}"
            f":route-table/{table['id']}"
        )
    return found


def get_route_tables(req: InvokeRequest) -> Answer:
    found = select(req, route_tables(req), vpcId=req.args.get("vpcId"))
    return {
        "id": req.region,
        "ids": [t["id"] for t in found],
        "vpcId": req.args.get("vpcId"),
        "region": req.region,
        "filters": req.args.get("filters"),
        "tags": req.args.get("tags"),
    }, True


def get_route_table(req: InvokeRequest) -> Answer:
    candidates = route_tables(req)
    subnet_id = req.text("subnetId")
    if subnet_id:
        candidates = [t for t in candidates if subnet_id in t["subnetIds"]] or [
            t for t in candidates if t["main"]
        ]
    direct = {"id": req.args.get("routeTableId"), "vpcId": req.args.get("vpcId")}
    found = select(req, candidates, **direct)
    table = found[0] if found else route_tables(req)[0]
    result = {k: v for k, v in table.items() if k not in ("subnetIds", "main", "tags_all", "route")}
    result |= {
        "routes": [],
        "associations": [],
        "subnetId": subnet_id or None,
        "gatewayId": req.args.get("gatewayId"),
        "region": req.region,
        "filters": req.args.get("filters"),
    }
    return result, bool(found)


def get_internet_gateway(req: InvokeRequest) -> Answer:
    account = req.account
    default_vpc = account.default_vpc_id(req.region)
    candidates: list[Description] = [
        {"id": "igw-" + req.hex("igw", default_vpc), "attachedVpcId": default_vpc}
    ]
    for known in req.known_of("aws:ec2/internetGateway:InternetGateway"):
        candidates.append(
            {**known.state, "id": known.id, "attachedVpcId": known.state.get("vpcId")}
        )
    found = select(req, candidates, id=req.args.get("internetGatewayId"))
    gateway = found[0] if found else candidates[0]
    igw_id = gateway["id"]
    return {
        "id": igw_id,
        "internetGatewayId": igw_id,
        "arn": f"arn:{account.partition}:ec2:{req.region}:{account.account_id}"
        f":internet-gateway/{igw_id}",
        "ownerId": account.account_id,
        "attachments": [{"state": "available", "vpcId": gateway.get("attachedVpcId")}],
        "tags": gateway.get("tags") or {},
        "region": req.region,
        "filters": req.args.get("filters"),
    }, bool(found)


def elb_service_account(req: InvokeRequest) -> Answer:
    account_id = req.account.elb_service_account(req.region)
    arn = f"arn:{req.account.partition}:iam::{account_id}:root"
    return {"id": account_id, "arn": arn, "region": req.region}, True


def elb_hosted_zone(req: InvokeRequest) -> Answer:
    network = req.text("loadBalancerType") == "network"
    zone = req.account.elb_hosted_zone_id(req.region, network)
    return {
        "id": zone,
        "region": req.region,
        "loadBalancerType": req.args.get("loadBalancerType"),
    }, True


def prefix_list(req: InvokeRequest) -> Answer:
    name = req.text("name") or (req.filters().get("prefix-list-name") or [""])[0]
    if not name:
        name = f"com.amazonaws.{req.region}.s3"
    pl_id = (
        req.text("prefixListId") or req.text("id") or "pl-" + req.hex(req.region, name, length=8)
    )
    account = req.account
    return {
        "id": pl_id,
        "prefixListId": pl_id,
        "name": name,
        "cidrBlocks": [],
        "entries": [],
        "addressFamily": "IPv4",
        "maxEntries": 0,
        "ownerId": "AWS",
        "version": 1,
        "arn": f"arn:{account.partition}:ec2:{req.region}:aws:prefix-list/{pl_id}",
        "region": req.region,
        "filters": req.args.get("filters"),
        "tags": {},
    }, True


def endpoint_service(req: InvokeRequest) -> Answer:
    service = req.text("service")
    name = req.text("serviceName") or f"com.amazonaws.{req.region}.{service}"
    short = name.rsplit(".", 1)[-1]
    gateway = short in ("s3", "dynamodb") and req.text("serviceType", "Gateway") == "Gateway"
    dns = f"{short}.{req.region}.{req.account.dns_suffix}"
    return {
        "id": req.hex(name, length=8),
        "service": service or short,
        "serviceName": name,
        "serviceType": "Gateway" if gateway else "Interface",
        "serviceId": "vpce-svc-" + req.hex(name),
        "availabilityZones": req.account.availability_zones(req.region),
        "baseEndpointDnsNames": [dns],
        "privateDnsName": "" if gateway else dns,
        "privateDnsNames": [] if gateway else [dns],
        "owner": "amazon",
        "acceptanceRequired": False,
        "managesVpcEndpoints": False,
        "vpcEndpointPolicySupported": True,
        "supportedIpAddressTypes": ["ipv4"],
        "region": req.region,
        "serviceRegion": req.region,
        "tags": {},
    }, True


HANDLERS: dict[str, Handler] = {
    "aws:ec2/getRouteTables:getRouteTables": get_route_tables,
    "aws:ec2/getRouteTable:getRouteTable": get_route_table,
    "aws:ec2/getInternetGateway:getInternetGateway": get_internet_gateway,
    "aws:ec2/getPrefixList:getPrefixList": prefix_list,
    "aws:ec2/getManagedPrefixList:getManagedPrefixList": prefix_list,
    "aws:ec2/getVpcEndpointService:getVpcEndpointService": endpoint_service,
    "aws:elb/getServiceAccount:getServiceAccount": elb_service_account,
    "aws:elb/getHostedZoneId:getHostedZoneId": elb_hosted_zone,
    "aws:lb/getHostedZoneId:getHostedZoneId": elb_hosted_zone,
}
