"""Computed outputs of networking types: EC2/VPC, load balancers, Route 53, ACM,
CloudFront and WAF."""

from __future__ import annotations

import zlib

from harness.mocks.account import CLOUDFRONT_HOSTED_ZONE_ID
from harness.mocks.arns import lb_arn_suffix
from harness.mocks.request import Builder, Outputs, ResourceRequest


def fake_ip(request: ResourceRequest, first: int, *salt: str) -> str:
    """A stable IPv4 address with the given first octet."""
    h = bytes.fromhex(request.hex("ip", *salt, length=6))
    return f"{first}.{h[0]}.{h[1]}.{max(h[2], 4)}"


def pick_zone(request: ResourceRequest) -> str:
    """A subnet without an explicit zone lands in one of the region's zones, by name."""
    zone_id = request.text("availabilityZoneId")
    zones = request.account.availability_zones(request.region)
    for zone in zones:
        if zone_id and request.account.zone_id_of(zone) == zone_id:
            return zone
    return request.text("availabilityZone") or zones[int(request.hex("az", length=4), 16) % 3]


def ec2_dns(request: ResourceRequest, ip: str, public: bool) -> str:
    dashed = "ip-" + ip.replace(".", "-") if not public else "ec2-" + ip.replace(".", "-")
    if request.region == "us-east-1":
        return f"{dashed}.ec2.internal" if not public else f"{dashed}.compute-1.amazonaws.com"
    kind = "compute.internal" if not public else f"compute.{request.dns}"
    return f"{dashed}.{request.region}.{kind}"


def vpc(request: ResourceRequest) -> tuple[str, Outputs]:
    id_ = request.ec2_id("vpc")
    rtb = request.account.main_route_table_id(id_)
    out: Outputs = {
        "cidrBlock": request.text("cidrBlock", "10.0.0.0/16"),
        "defaultSecurityGroupId": request.account.default_security_group_id(id_),
        "defaultNetworkAclId": "acl-" + request.hex("default-acl"),
        "defaultRouteTableId": rtb,
        "mainRouteTableId": rtb,
        "dhcpOptionsId": "dopt-" + request.hex("dopt"),
        "ownerId": request.account.account_id,
        "enableDnsSupport": True,
        "enableDnsHostnames": False,
        "instanceTenancy": "default",
    }
    if request.flag("assignGeneratedIpv6CidrBlock"):
        h = request.hex("ipv6", length=4)
        out["ipv6CidrBlock"] = f"2600:1f18:{h}:de00::/56"
        out["ipv6AssociationId"] = "vpc-cidr-assoc-" + request.hex("ipv6")
    return id_, out


def subnet(request: ResourceRequest) -> tuple[str, Outputs]:
    zone = pick_zone(request)
    return request.ec2_id("subnet"), {
        "availabilityZone": zone,
        "availabilityZoneId": request.account.zone_id_of(zone),
        "mapPublicIpOnLaunch": False,
        "ownerId": request.account.account_id,
    }


def security_group(request: ResourceRequest) -> tuple[str, Outputs]:
    return request.ec2_id("sg"), {
        "description": "Managed by Pulumi",
        "vpcId": request.account.default_vpc_id(request.region),
        "ownerId": request.account.account_id,
    }


def owned(prefix: str) -> Builder:
    def build(request: ResourceRequest) -> tuple[str, Outputs]:
        return request.ec2_id(prefix), {"ownerId": request.account.account_id}

    return build


def eip(request: ResourceRequest) -> tuple[str, Outputs]:
    id_ = request.ec2_id("eipalloc")
    ip = fake_ip(request, 54)
    return id_, {
        "allocationId": id_,
        "domain": "vpc",
        "publicIp": ip,
        "publicDns": ec2_dns(request, ip, public=True),
        "publicIpv4Pool": "amazon",
    }


def nat_gateway(request: ResourceRequest) -> tuple[str, Outputs]:
    private = request.text("connectivityType") == "private"
    ip = fake_ip(request, 10, "private")
    out: Outputs = {
        "connectivityType": "private" if private else "public",
        "privateIp": ip,
        "networkInterfaceId": "eni-" + request.hex("eni"),
    }
    if not private:
        out["publicIp"] = fake_ip(request, 54)
        out["associationId"] = "eipassoc-" + request.hex("assoc")
    return request.ec2_id("nat"), out


def route(request: ResourceRequest) -> tuple[str, Outputs]:
    destination = request.text("destinationCidrBlock") or request.text("destinationPrefixListId")
    rtb = request.text("routeTableId")
    return f"r-{rtb}{zlib.crc32(destination.encode())}", {
        "origin": "CreateRoute",
        "state": "active",
    }


def instance(request: ResourceRequest) -> tuple[str, Outputs]:
    zone = pick_zone(request)
    private_ip = request.text("privateIp") or fake_ip(request, 10, "private")
    out: Outputs = {
        "availabilityZone": zone,
        "privateIp": private_ip,
        "privateDns": ec2_dns(request, private_ip, public=False),
        "instanceState": "running",
        "primaryNetworkInterfaceId": "eni-" + request.hex("eni"),
        "tenancy": "default",
        "publicIp": "",
        "publicDns": "",
    }
    if request.flag("associatePublicIpAddress"):
        out["publicIp"] = fake_ip(request, 54)
        out["publicDns"] = ec2_dns(request, out["publicIp"], public=True)
    return request.ec2_id("i"), out


def launch_template(request: ResourceRequest) -> tuple[str, Outputs]:
    return request.ec2_id("lt"), {"latestVersion": 1, "defaultVersion": 1}


def network_acl_rule(request: ResourceRequest) -> tuple[str, Outputs]:
    return request.given_id or f"nacl-{int(request.hex('nacl', length=8), 16)}", {}


def vpc_endpoint(request: ResourceRequest) -> tuple[str, Outputs]:
    id_ = request.ec2_id("vpce")
    kind = request.text("vpcEndpointType", "Gateway")
    service = request.text("serviceName").rsplit(".", 1)[-1]
    out: Outputs = {
        "vpcEndpointType": kind,
        "state": "available",
        "ownerId": request.account.account_id,
        "requesterManaged": False,
        "networkInterfaceIds": [],
        "dnsEntries": [],
        "cidrBlocks": [],
    }
    if kind == "Gateway":
        out["prefixListId"] = "pl-" + request.hex("pl", length=8)
    else:
        suffix = request.lower_alnum(8, "dns")
        host = f"{id_}-{suffix}.{service}.{request.region}.vpce.{request.dns}"
        out["dnsEntries"] = [{"dnsName": host, "hostedZoneId": "Z" + request.upper("vpce-zone")}]
        out["networkInterfaceIds"] = ["eni-" + request.hex("eni")]
    return id_, out


def security_group_rule(request: ResourceRequest) -> tuple[str, Outputs]:
    id_ = request.given_id or f"sgrule-{int(request.hex('sgrule', length=8), 16)}"
    return id_, {"securityGroupRuleId": "sgr-" + request.hex()}


def sg_ingress_rule(request: ResourceRequest) -> tuple[str, Outputs]:
    id_ = request.ec2_id("sgr")
    return id_, {"securityGroupRuleId": id_}


def transit_gateway(request: ResourceRequest) -> tuple[str, Outputs]:
    rtb = "tgw-rtb-" + request.hex("rtb")
    return request.ec2_id("tgw"), {
        "ownerId": request.account.account_id,
        "associationDefaultRouteTableId": rtb,
        "propagationDefaultRouteTableId": rtb,
        "amazonSideAsn": 64512,
    }


def tgw_attachment(request: ResourceRequest) -> tuple[str, Outputs]:
    return request.ec2_id("tgw-attach"), {"vpcOwnerId": request.account.account_id}


def peering(request: ResourceRequest) -> tuple[str, Outputs]:
    status = "active" if request.flag("autoAccept") else "pending-acceptance"
    return request.ec2_id("pcx"), {"acceptStatus": status}


def key_pair(request: ResourceRequest) -> tuple[str, Outputs]:
    pairs = [request.hex("fp", length=32)[i : i + 2] for i in range(0, 32, 2)]
    return request.physical_name, {
        "keyPairId": "key-" + request.hex(),
        "fingerprint": ":".join(pairs),
        "keyType": "rsa",
    }


def load_balancer(request: ResourceRequest) -> tuple[str, Outputs]:
    kind = request.text("loadBalancerType", "application")
    name = request.physical_name
    arn = request.arn(name)
    internal = request.flag("internal")
    prefix = "internal-" if internal else ""
    if kind == "network":
        dns = f"{prefix}{name}-{request.hex('dns', length=16)}.elb.{request.region}.{request.dns}"
    else:
        number = int(request.hex("dns", length=8), 16) % 10**10
        dns = f"{prefix}{name}-{number}.{request.region}.elb.{request.dns}"
    return arn, {
        "arnSuffix": lb_arn_suffix(arn),
        "dnsName": dns.lower(),
        "zoneId": request.account.elb_hosted_zone_id(request.region, kind == "network"),
        "loadBalancerType": kind,
        "internal": internal,
        "ipAddressType": "ipv4",
    }


def target_group(request: ResourceRequest) -> tuple[str, Outputs]:
    arn = request.arn(request.physical_name)
    return arn, {"arnSuffix": lb_arn_suffix(arn), "targetType": "instance"}


def target_group_attachment(request: ResourceRequest) -> tuple[str, Outputs]:
    tg = request.text("targetGroupArn")
    return request.given_id or f"{tg}-{int(request.hex(length=8), 16)}", {}


def zone(request: ResourceRequest) -> tuple[str, Outputs]:
    zone_id = request.given_id or "Z" + request.upper(length=20)
    n = int(request.hex("ns", length=8), 16)
    servers = [
        f"ns-{n % 512}.awsdns-{n % 64:02d}.com",
        f"ns-{512 + n % 512}.awsdns-{(n >> 6) % 64:02d}.net",
        f"ns-{1024 + n % 512}.awsdns-{(n >> 12) % 64:02d}.org",
        f"ns-{1536 + n % 512}.awsdns-{(n >> 18) % 64:02d}.co.uk",
    ]
    return zone_id, {"zoneId": zone_id, "nameServers": servers, "primaryNameServer": servers[0]}


def record(request: ResourceRequest) -> tuple[str, Outputs]:
    name = request.text("name").rstrip(".")
    parts = [request.text("zoneId"), name, request.text("type")]
    if request.text("setIdentifier"):
        parts.append(request.text("setIdentifier"))
    return request.given_id or "_".join(parts), {"fqdn": name}


def certificate(request: ResourceRequest) -> tuple[str, Outputs]:
    arn = request.arn("")
    imported = bool(request.text("privateKey") or request.text("certificateBody"))
    domains = [request.text("domainName")] + [
        d for d in request.items("subjectAlternativeNames") if isinstance(d, str)
    ]
    options, seen = [], set()
    for domain in domains:
        if not domain or domain in seen:
            continue
        seen.add(domain)
        base = domain.removeprefix("*.")
        token = request.hex("dv", base, length=32)
        options.append(
            {
                "domainName": domain,
                "resourceRecordName": f"_{token}.{base}.",
                "resourceRecordType": "CNAME",
                "resourceRecordValue": f"_{request.hex('dvv', base, length=32)}"
                f".{request.lower_alnum(10, 'acm', base)}.acm-validations.aws.",
            }
        )
    return arn, {
        "domainValidationOptions": [] if imported else options,
        "status": "ISSUED" if imported else "PENDING_VALIDATION",
        "type": "IMPORTED" if imported else "AMAZON_ISSUED",
        "validationMethod": None if imported else request.text("validationMethod", "DNS"),
        "validationEmails": [],
        "pendingRenewal": False,
        "renewalEligibility": "INELIGIBLE",
        "keyAlgorithm": request.text("keyAlgorithm", "RSA_2048"),
    }


def certificate_validation(request: ResourceRequest) -> tuple[str, Outputs]:
    return request.given_id or request.text("certificateArn") or request.hex(), {}


def distribution(request: ResourceRequest) -> tuple[str, Outputs]:
    id_ = request.given_id or "E" + request.upper(length=13)
    return id_, {
        "domainName": f"d{request.lower_alnum(13, 'cf')}.cloudfront.net",
        "hostedZoneId": CLOUDFRONT_HOSTED_ZONE_ID,
        "status": "Deployed",
        "etag": "E" + request.upper("etag", length=13),
        "callerReference": "pulumi-" + request.hex("caller", length=32),
        "inProgressValidationBatches": 0,
        "arn": request.arn(id_),
    }


def origin_access_identity(request: ResourceRequest) -> tuple[str, Outputs]:
    id_ = request.given_id or "E" + request.upper(length=13)
    return id_, {
        "iamArn": f"arn:{request.account.partition}:iam::cloudfront:user/"
        f"CloudFront Origin Access Identity {id_}",
        "cloudfrontAccessIdentityPath": f"origin-access-identity/cloudfront/{id_}",
        "s3CanonicalUserId": request.hex("canonical", length=64),
        "etag": "E" + request.upper("etag", length=13),
        "callerReference": "pulumi-" + request.hex("caller", length=32),
        "arn": request.arn(id_),
    }


def cloudfront_with_etag(request: ResourceRequest) -> tuple[str, Outputs]:
    id_ = request.given_id or "E" + request.upper(length=13)
    return id_, {"etag": "E" + request.upper("etag", length=13), "arn": request.arn(id_)}


def waf_entity(request: ResourceRequest) -> tuple[str, Outputs]:
    id_ = request.given_id or request.uuid()
    rules = request.items("rules")
    return id_, {
        "arn": request.arn(id_),
        "lockToken": request.uuid("lock"),
        "capacity": sum(50 for _ in rules),
    }


def waf_association(request: ResourceRequest) -> tuple[str, Outputs]:
    return f"{request.text('webAclArn')},{request.text('resourceArn')}", {}


BUILDERS: dict[str, Builder] = {
    "ec2/vpc": vpc,
    "ec2/subnet": subnet,
    "ec2/securityGroup": security_group,
    "ec2/internetGateway": owned("igw"),
    "ec2/egressOnlyInternetGateway": owned("eigw"),
    "ec2/routeTable": owned("rtb"),
    "ec2/networkAcl": owned("acl"),
    "ec2/eip": eip,
    "ec2/natGateway": nat_gateway,
    "ec2/route": route,
    "ec2/instance": instance,
    "ec2/launchTemplate": launch_template,
    "ec2/networkAclRule": network_acl_rule,
    "ec2/vpcEndpoint": vpc_endpoint,
    "ec2/securityGroupRule": security_group_rule,
    "vpc/securityGroupIngressRule": sg_ingress_rule,
    "vpc/securityGroupEgressRule": sg_ingress_rule,
    "ec2transitgateway/transitGateway": transit_gateway,
    "ec2transitgateway/vpcAttachment": tgw_attachment,
    "ec2/vpcPeeringConnection": peering,
    "ec2/keyPair": key_pair,
    "lb/loadBalancer": load_balancer,
    "alb/loadBalancer": load_balancer,
    "lb/targetGroup": target_group,
    "alb/targetGroup": target_group,
    "lb/targetGroupAttachment": target_group_attachment,
    "alb/targetGroupAttachment": target_group_attachment,
    "route53/zone": zone,
    "route53/record": record,
    "acm/certificate": certificate,
    "acm/certificateValidation": certificate_validation,
    "cloudfront/distribution": distribution,
    "cloudfront/originAccessIdentity": origin_access_identity,
    "cloudfront/originAccessControl": cloudfront_with_etag,
    "cloudfront/cachePolicy": cloudfront_with_etag,
    "cloudfront/originRequestPolicy": cloudfront_with_etag,
    "cloudfront/responseHeadersPolicy": cloudfront_with_etag,
    "wafv2/webAcl": waf_entity,
    "wafv2/ipSet": waf_entity,
    "wafv2/ruleGroup": waf_entity,
    "wafv2/regexPatternSet": waf_entity,
    "wafv2/webAclAssociation": waf_association,
}
