"""Machine image lookups: `ec2.get_ami`, `ec2.get_ami_ids`, and SSM parameters, which
programs use both for AWS's public AMI aliases (`/aws/service/ami-amazon-linux-latest/...`)
and for their own configuration."""

from __future__ import annotations

import json
import re
from typing import Any

from harness.mocks.request import Answer, Handler, InvokeRequest

#: Well-known AMI owners: alias -> (owner account, owner alias).
OWNERS: dict[str, tuple[str, str | None]] = {
    "amazon": ("137112412989", "amazon"),
    "aws-marketplace": ("679593333241", "aws-marketplace"),
    "canonical": ("099720109477", None),
    "099720109477": ("099720109477", None),
    "microsoft": ("801119661308", "amazon"),
    "801119661308": ("801119661308", "amazon"),
    "137112412989": ("137112412989", "amazon"),
}

AMI_DATE = "20240101"


def _owner(req: InvokeRequest, owners: list[Any]) -> tuple[str, str | None]:
    for owner in owners:
        if owner == "self":
            return req.account.account_id, None
        if isinstance(owner, str) and owner in OWNERS:
            return OWNERS[owner]
        if isinstance(owner, str) and owner.isdigit():
            return owner, None
    return OWNERS["amazon"]


def concrete_name(pattern: str) -> str:
    """A name the pattern (glob or simple regex) would match, with a fixed date."""
    text = pattern.strip("^$")
    text = re.sub(r"\\d\{?\d*,?\d*\}?[+*]?", "0", text)
    text = text.replace(".*", AMI_DATE).replace(".+", AMI_DATE).replace("\\.", ".")
    text = re.sub(r"\[[^\]]*\]", "0", text)
    return text.replace("*", AMI_DATE).replace("?", "0")


def ami_description(
    req: InvokeRequest, name: str, owners: list[Any], arch: str = ""
) -> dict[str, Any]:
    """Everything `get_ami` returns for an image with this name in this region."""
    owner_id, owner_alias = _owner(req, owners)
    if not arch:
        arch = "arm64" if re.search(r"arm64|aarch64", name) else "x86_64"
    ami_id = "ami-" + req.hex("ami", req.region, name, owner_id, arch)
    windows = name.lower().startswith("windows")
    ubuntu = "ubuntu" in name.lower()
    root = "/dev/sda1" if ubuntu or windows else "/dev/xvda"
    snapshot = "snap-" + req.hex("snap", ami_id)
    account = req.account
    return {
        "id": ami_id,
        "imageId": ami_id,
        "arn": f"arn:{account.partition}:ec2:{req.region}::image/{ami_id}",
        "name": name,
        "description": name,
        "architecture": arch,
        "ownerId": owner_id,
        "imageOwnerAlias": owner_alias,
        "imageLocation": f"{owner_alias or owner_id}/{name}",
        "imageType": "machine",
        "state": "available",
        "public": owner_id != account.account_id,
        "platform": "windows" if windows else "",
        "platformDetails": "Windows" if windows else "Linux/UNIX",
        "usageOperation": "RunInstances:0002" if windows else "RunInstances",
        "virtualizationType": "hvm",
        "hypervisor": "xen",
        "enaSupport": True,
        "sriovNetSupport": "simple",
        "bootMode": "uefi-preferred" if arch == "arm64" else "",
        "imdsSupport": "v2.0" if name.startswith("al2023") else "",
        "tpmSupport": "",
        "kernelId": "",
        "ramdiskId": "",
        "rootDeviceName": root,
        "rootDeviceType": "ebs",
        "rootSnapshotId": snapshot,
        "blockDeviceMappings": [
            {
                "deviceName": root,
                "ebs": {
                    "delete_on_termination": "true",
                    "encrypted": "false",
                    "iops": "0",
                    "snapshot_id": snapshot,
                    "throughput": "0",
                    "volume_size": "30" if windows else "8",
                    "volume_type": "gp3" if name.startswith("al2023") else "gp2",
                },
                "noDevice": "",
                "virtualName": "",
            }
        ],
        "productCodes": [],
        "creationDate": "2024-01-01T00:00:00.000Z",
        "deprecationTime": "2026-01-01T00:00:00.000Z",
        "lastLaunchedTime": "",
        "stateReason": {"code": "UNSET", "message": "UNSET"},
        "tags": {},
        "region": req.region,
    }


def _ami_query(req: InvokeRequest) -> tuple[str, str]:
    filters = req.filters()
    pattern = (filters.get("name") or [""])[0] or req.text("nameRegex")
    arch = (filters.get("architecture") or [""])[0]
    if "*" in arch or "?" in arch:
        arch = ""
    return concrete_name(pattern) if pattern else "amzn2-ami-hvm-" + AMI_DATE + "-x86_64-gp2", arch


def get_ami(req: InvokeRequest) -> Answer:
    name, arch = _ami_query(req)
    result = ami_description(req, name, req.items("owners"), arch)
    for key in ("filters", "owners", "mostRecent", "nameRegex", "executableUsers"):
        result[key] = req.args.get(key)
    result["includeDeprecated"] = req.args.get("includeDeprecated")
    result["allowUnsafeFilter"] = req.args.get("allowUnsafeFilter")
    result["uefiData"] = req.args.get("uefiData")
    return result, True


def get_ami_ids(req: InvokeRequest) -> Answer:
    name, arch = _ami_query(req)
    image = ami_description(req, name, req.items("owners"), arch)
    return {
        "id": req.region,
        "ids": [image["id"]],
        "owners": req.args.get("owners"),
        "filters": req.args.get("filters"),
        "nameRegex": req.args.get("nameRegex"),
        "region": req.region,
    }, True


def public_parameter(req: InvokeRequest, name: str) -> str | None:
    """Values of the public `/aws/service/...` parameters programs commonly read."""
    if not name.startswith("/aws/service/"):
        return None
    parts = name.strip("/").split("/")
    if parts[2:3] == ["global-infrastructure"] and parts[-1] == "longName":
        return req.account.region_description(parts[-2])
    image_alias = parts[2] in ("ami-amazon-linux-latest", "ami-windows-latest")
    if image_alias or parts[-1] in ("image_id", "ami-id"):
        base = parts[-1] if image_alias else "-".join(parts[2:-1])
        owner = "canonical" if parts[2] == "canonical" else "amazon"
        return str(ami_description(req, base, [owner])["id"])
    if parts[-1] == "recommended":
        base = "-".join(parts[2:-1])
        image = ami_description(req, base, ["amazon"])
        return json.dumps(
            {"image_id": image["id"], "image_name": image["name"], "os": "Amazon Linux 2"}
        )
    return None


def get_parameter(req: InvokeRequest) -> Answer:
    name = req.text("name")
    account = req.account
    arn_name = name if name.startswith("/") else "/" + name
    result: dict[str, Any] = {
        "id": name,
        "name": name,
        "arn": f"arn:{account.partition}:ssm:{req.region}:{account.account_id}:parameter{arn_name}",
        "type": "String",
        "value": "",
        "insecureValue": "",
        "version": 1,
        "withDecryption": req.args.get("withDecryption"),
        "region": req.region,
    }
    public = public_parameter(req, name)
    if public is not None:
        return result | {"value": public, "insecureValue": public}, True
    for known in req.known_of("aws:ssm/parameter:Parameter"):
        if known.state.get("name") == name:
            value = known.state.get("value") or known.state.get("insecureValue") or ""
            kind = known.state.get("type") or "String"
            return result | {"value": value, "insecureValue": value, "type": kind}, True
    return result, False


HANDLERS: dict[str, Handler] = {
    "aws:ec2/getAmi:getAmi": get_ami,
    "aws:ec2/getAmiIds:getAmiIds": get_ami_ids,
    "aws:ssm/getParameter:getParameter": get_parameter,
}
