"""The fake AWS account the mocks answer for.

Every identifier the mocks hand out (ARNs, availability zones, the default VPC, the caller
identity) is derived from one `Account`, so that answers agree with each other: the
account id in a role ARN is the one `get_caller_identity` returns, the zone a subnet lands
in is one of the zones `get_availability_zones` lists.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

#: Display names AWS gives its regions (`get_region().description`).
REGION_DESCRIPTIONS: dict[str, str] = {
    "us-east-1": "US East (N. Virginia)",
    "us-east-2": "US East (Ohio)",
    "us-west-1": "US West (N. California)",
    "us-west-2": "US West (Oregon)",
    "af-south-1": "Africa (Cape Town)",
    "ap-east-1": "Asia Pacific (Hong Kong)",
    "ap-south-1": "Asia Pacific (Mumbai)",
    "ap-south-2": "Asia Pacific (Hyderabad)",
    "ap-northeast-1": "Asia Pacific (Tokyo)",
    "ap-northeast-2": "Asia Pacific (Seoul)",
    "ap-northeast-3": "Asia Pacific (Osaka)",
    "ap-southeast-1": "Asia Pacific (Singapore)",
    "ap-southeast-2": "Asia Pacific (Sydney)",
    "ap-southeast-3": "Asia Pacific (Jakarta)",
    "ap-southeast-4": "Asia Pacific (Melbourne)",
    "ca-central-1": "Canada (Central)",
    "ca-west-1": "Canada West (Calgary)",
    "eu-central-1": "Europe (Frankfurt)",
    "eu-central-2": "Europe (Zurich)",
    "eu-west-1": "Europe (Ireland)",
    "eu-west-2": "Europe (London)",
    "eu-west-3": "Europe (Paris)",
    "eu-north-1": "Europe (Stockholm)",
    "eu-south-1": "Europe (Milan)",
    "eu-south-2": "Europe (Spain)",
    "il-central-1": "Israel (Tel Aviv)",
    "me-central-1": "Middle East (UAE)",
    "me-south-1": "Middle East (Bahrain)",
    "sa-east-1": "South America (Sao Paulo)",
}

_DIRECTIONS = {
    "east": "e",
    "west": "w",
    "north": "n",
    "south": "s",
    "central": "c",
    "northeast": "ne",
    "northwest": "nw",
    "southeast": "se",
    "southwest": "sw",
}

#: Hosted zone ids AWS uses for S3 website endpoints and ELBs, per region; other
#: regions fall back to a derived id of the same shape.
S3_HOSTED_ZONE_IDS: dict[str, str] = {
    "us-east-1": "Z3AQBSTGFYJSTF",
    "us-east-2": "Z2O1EMRO9K5GLX",
    "us-west-1": "Z2F56UZL2M1ACD",
    "us-west-2": "Z3BJ6K6RIION7M",
    "eu-west-1": "Z1BKCTXD74EZPE",
    "eu-central-1": "Z21DNDUVLTQW6Q",
    "ap-southeast-1": "Z3O0J2DXBE1FTB",
    "ap-northeast-1": "Z2M4EHUR26P7ZW",
}
ELB_HOSTED_ZONE_IDS: dict[str, str] = {
    "us-east-1": "Z35SXDOTRQ7X7K",
    "us-east-2": "Z3AADJGX6KTTL2",
    "us-west-1": "Z368ELLRRE2KJ0",
    "us-west-2": "Z1H1FL5HABSF5",
    "eu-west-1": "Z32O12XQLNTSW2",
    "eu-central-1": "Z215JYRZR1TBD5",
    "ap-southeast-1": "Z1LMS91P8CMLE5",
    "ap-northeast-1": "Z14GRHDCWA56QT",
}
NLB_HOSTED_ZONE_IDS: dict[str, str] = {
    "us-east-1": "Z26RNL4JYFTOTI",
    "us-east-2": "ZLMOA37VPKANP",
    "us-west-1": "Z24FKFUX50B4VW",
    "us-west-2": "Z18D5FSROUN65G",
    "eu-west-1": "Z2IFOLAFXWLO4F",
    "eu-central-1": "Z3F0SRJ5LGBH90",
}
#: The account AWS uses for ELB access logs in each region (`aws.elb.get_service_account`).
ELB_SERVICE_ACCOUNTS: dict[str, str] = {
    "us-east-1": "127311923021",
    "us-east-2": "033677994240",
    "us-west-1": "027434742980",
    "us-west-2": "797873946194",
    "af-south-1": "098369216593",
    "ap-east-1": "754344448648",
    "ap-south-1": "718504428378",
    "ap-northeast-1": "582318560864",
    "ap-northeast-2": "600734575887",
    "ap-northeast-3": "383597477331",
    "ap-southeast-1": "114774131450",
    "ap-southeast-2": "783225319266",
    "ca-central-1": "985666609251",
    "eu-central-1": "054676820928",
    "eu-west-1": "156460612806",
    "eu-west-2": "652711504416",
    "eu-west-3": "009996457667",
    "eu-north-1": "897822967062",
    "eu-south-1": "635631232127",
    "me-south-1": "076674570225",
    "sa-east-1": "507241528517",
}

#: CloudFront serves every distribution from this one hosted zone.
CLOUDFRONT_HOSTED_ZONE_ID = "Z2FDTNDATAQYW2"


def stable_hex(*parts: str, length: int = 17) -> str:
    """Lowercase hex derived from `parts` only, so the same resource always gets the same id."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    while len(digest) < length:
        digest += hashlib.sha256(digest.encode()).hexdigest()
    return digest[:length]


def stable_upper(*parts: str, length: int = 13) -> str:
    """Uppercase letters and digits derived from `parts` (Route 53 and CloudFront ids)."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    number = int(stable_hex(*parts, length=64), 16)
    out = []
    for _ in range(length):
        number, digit = divmod(number, len(alphabet))
        out.append(alphabet[digit])
    return "".join(out)


def stable_uuid(*parts: str) -> str:
    """A UUID-shaped (version 4 layout) string derived from `parts`."""
    h = stable_hex(*parts, length=32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:32]}"


@dataclass(frozen=True)
class Account:
    """One AWS account: identity, partition and the shape of every region it can see.

    Every region gets three availability zones (`<region>a`, `b`, `c`): real regions have
    between three and six, and three is what nearly every program asks for.
    """

    account_id: str = "123456789012"
    partition: str = "aws"
    default_region: str = "us-east-1"
    user_name: str = "iac-harness"
    user_id: str = "AIDAIACHARNESSEXAMPLE"
    dns_suffix: str = "amazonaws.com"
    az_letters: tuple[str, ...] = ("a", "b", "c")
    default_vpc_cidr: str = "172.31.0.0/16"

    @property
    def caller_arn(self) -> str:
        return f"arn:{self.partition}:iam::{self.account_id}:user/{self.user_name}"

    @property
    def reverse_dns_prefix(self) -> str:
        return ".".join(reversed(self.dns_suffix.split(".")))

    def region_code(self, region: str) -> str:
        """The short form AWS uses in zone ids: `us-east-1` -> `use1`, `eu-west-2` -> `euw2`."""
        parts = region.split("-")
        if len(parts) < 3:
            return region.replace("-", "")
        return parts[0] + _DIRECTIONS.get(parts[1], parts[1][:2]) + parts[2]

    def region_description(self, region: str) -> str:
        return REGION_DESCRIPTIONS.get(region, region)

    def availability_zones(self, region: str) -> list[str]:
        return [f"{region}{letter}" for letter in self.az_letters]

    def zone_ids(self, region: str) -> list[str]:
        code = self.region_code(region)
        return [f"{code}-az{i + 1}" for i in range(len(self.az_letters))]

    def zone_id_of(self, availability_zone: str) -> str:
        region, letter = availability_zone[:-1], availability_zone[-1]
        if letter in self.az_letters:
            return f"{self.region_code(region)}-az{self.az_letters.index(letter) + 1}"
        return f"{self.region_code(region)}-az{ord(letter) - ord('a') + 1}"

    def default_vpc_id(self, region: str) -> str:
        return "vpc-" + stable_hex(self.account_id, region, "default-vpc")

    def default_subnet_ids(self, region: str) -> list[str]:
        return [
            "subnet-" + stable_hex(self.account_id, az, "default-subnet")
            for az in self.availability_zones(region)
        ]

    def default_subnet_cidrs(self) -> list[str]:
        """Default subnets are the first /20s of the default VPC's /16, one per zone."""
        base = self.default_vpc_cidr.split(".")
        return [f"{base[0]}.{base[1]}.{16 * i}.0/20" for i in range(len(self.az_letters))]

    def default_security_group_id(self, vpc_id: str) -> str:
        return "sg-" + stable_hex(vpc_id, "default-sg")

    def main_route_table_id(self, vpc_id: str) -> str:
        return "rtb-" + stable_hex(vpc_id, "main-rtb")

    def elb_service_account(self, region: str) -> str:
        return ELB_SERVICE_ACCOUNTS.get(region, ELB_SERVICE_ACCOUNTS["us-east-1"])

    def s3_hosted_zone_id(self, region: str) -> str:
        return S3_HOSTED_ZONE_IDS.get(region) or "Z" + stable_upper(region, "s3", length=13)

    def elb_hosted_zone_id(self, region: str, network: bool = False) -> str:
        table = NLB_HOSTED_ZONE_IDS if network else ELB_HOSTED_ZONE_IDS
        kind = "nlb" if network else "elb"
        return table.get(region) or "Z" + stable_upper(region, kind, length=13)
