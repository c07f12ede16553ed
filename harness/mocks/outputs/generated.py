"""Outputs of resources whose whole point is a generated value: `pulumi_random` and
`pulumi_tls`.

The values honour the inputs that shape them (length, character classes, minimum counts,
byte length, key algorithm) so programs that check them keep working, but they come from
a hash of the resource's type and name rather than from a random source. Keys and
certificates are PEM-shaped text, not usable key material.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator

from harness.mocks.request import Builder, Outputs, ResourceRequest

LOWER = "abcdefghijklmnopqrstuvwxyz"
UPPER = LOWER.upper()
NUMERIC = "0123456789"
SPECIAL = "!@#$%&*()-_=+[]{}<>:?"

#: `pulumi_tls` certificates have a validity window; a fixed start keeps them stable.
VALIDITY_START = "2024-01-01T00:00:00Z"

ADJECTIVES = ("brave", "calm", "eager", "fancy", "gentle", "happy", "jolly", "lively")
ANIMALS = ("otter", "falcon", "badger", "lynx", "heron", "panda", "koala", "marten")


def byte_stream(*parts: str) -> Iterator[int]:
    """An endless, reproducible stream of bytes seeded by `parts`."""
    counter = 0
    seed = "\x1f".join(parts).encode()
    while True:
        yield from hashlib.sha256(seed + counter.to_bytes(8, "big")).digest()
        counter += 1


def _choose(stream: Iterator[int], alphabet: str) -> str:
    return alphabet[next(stream) % len(alphabet)]


def random_text(request: ResourceRequest) -> str:
    """What `random_string`/`random_password` produce for these inputs."""
    length = request.number("length", 16)
    numeric = request.flag("numeric", request.flag("number", True))
    classes = [
        (request.flag("lower", True), LOWER, request.number("minLower", 0)),
        (request.flag("upper", True), UPPER, request.number("minUpper", 0)),
        (numeric, NUMERIC, request.number("minNumeric", 0)),
        (
            request.flag("special", True),
            request.text("overrideSpecial", SPECIAL),
            request.number("minSpecial", 0),
        ),
    ]
    stream = byte_stream(request.type_, request.name)
    chars: list[str] = []
    alphabet = ""
    for enabled, letters, minimum in classes:
        if enabled and letters:
            alphabet += letters
            chars += [_choose(stream, letters) for _ in range(minimum)]
    alphabet = alphabet or LOWER
    chars += [_choose(stream, alphabet) for _ in range(max(length - len(chars), 0))]
    for i in range(len(chars) - 1, 0, -1):
        j = next(stream) % (i + 1)
        chars[i], chars[j] = chars[j], chars[i]
    return "".join(chars)


def random_password(request: ResourceRequest) -> tuple[str, Outputs]:
    result = random_text(request)
    digest = hashlib.sha256(result.encode()).digest()
    bcrypt = "$2a$10$" + base64.b64encode(digest + digest[:12]).decode()[:53]
    return "none", {"result": result, "bcryptHash": bcrypt}


def random_string(request: ResourceRequest) -> tuple[str, Outputs]:
    result = random_text(request)
    return result, {"result": result}


def random_id(request: ResourceRequest) -> tuple[str, Outputs]:
    stream = byte_stream(request.type_, request.name)
    raw = bytes(next(stream) for _ in range(request.number("byteLength", 8)))
    prefix = request.text("prefix")
    b64_url = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    return b64_url, {
        "hex": prefix + raw.hex(),
        "b64Std": prefix + base64.b64encode(raw).decode(),
        "b64Url": prefix + b64_url,
        "dec": prefix + str(int.from_bytes(raw, "big")),
    }


def random_integer(request: ResourceRequest) -> tuple[str, Outputs]:
    low, high = request.number("min", 0), request.number("max", 0)
    seed = request.text("seed")
    span = max(high - low + 1, 1)
    value = low + int(hashlib.sha256(f"{request.name}|{seed}".encode()).hexdigest(), 16) % span
    return str(value), {"result": value}


def random_uuid(request: ResourceRequest) -> tuple[str, Outputs]:
    value = request.uuid()
    return value, {"result": value}


def random_pet(request: ResourceRequest) -> tuple[str, Outputs]:
    stream = byte_stream(request.type_, request.name)
    length = request.number("length", 2)
    words = [_choose_word(stream, ADJECTIVES) for _ in range(max(length - 1, 0))]
    words.append(_choose_word(stream, ANIMALS))
    if request.text("prefix"):
        words.insert(0, request.text("prefix"))
    return request.text("separator", "-").join(words), {}


def _choose_word(stream: Iterator[int], words: tuple[str, ...]) -> str:
    return words[next(stream) % len(words)]


def random_shuffle(request: ResourceRequest) -> tuple[str, Outputs]:
    items = list(request.items("inputs"))
    stream = byte_stream(request.type_, request.name, request.text("seed"))
    for i in range(len(items) - 1, 0, -1):
        j = next(stream) % (i + 1)
        items[i], items[j] = items[j], items[i]
    count = request.number("resultCount", len(items))
    return "-", {"results": items[:count]}


def random_bytes(request: ResourceRequest) -> tuple[str, Outputs]:
    stream = byte_stream(request.type_, request.name)
    raw = bytes(next(stream) for _ in range(request.number("length", 32)))
    return "none", {"base64": base64.b64encode(raw).decode(), "hex": raw.hex()}


def pem(label: str, *parts: str, size: int = 256) -> str:
    """PEM-armoured bytes derived from `parts`: the right shape, not a real key."""
    stream = byte_stream(label, *parts)
    body = base64.b64encode(bytes(next(stream) for _ in range(size))).decode()
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return "\n".join([f"-----BEGIN {label}-----", *lines, f"-----END {label}-----", ""])


def private_key(request: ResourceRequest) -> tuple[str, Outputs]:
    algorithm = request.text("algorithm", "RSA")
    size = request.number("rsaBits", 2048) // 8 if algorithm == "RSA" else 48
    seed = (request.type_, request.name)
    public_der = hashlib.sha256("|".join(seed).encode()).digest()
    kind = {"RSA": "ssh-rsa", "ED25519": "ssh-ed25519"}.get(algorithm, "ecdsa-sha2-nistp256")
    md5 = hashlib.md5(public_der, usedforsecurity=False).hexdigest()
    sha = base64.b64encode(hashlib.sha256(public_der).digest()).decode().rstrip("=")
    return hashlib.sha1(public_der, usedforsecurity=False).hexdigest(), {
        "algorithm": algorithm,
        "privateKeyPem": pem(f"{algorithm} PRIVATE KEY", *seed, size=size),
        "privateKeyPemPkcs8": pem("PRIVATE KEY", *seed, size=size),
        "privateKeyOpenssh": pem("OPENSSH PRIVATE KEY", *seed, size=size),
        "publicKeyPem": pem("PUBLIC KEY", *seed, size=size // 2),
        "publicKeyOpenssh": f"{kind} {base64.b64encode(public_der * 4).decode()}\n",
        "publicKeyFingerprintMd5": ":".join(md5[i : i + 2] for i in range(0, 32, 2)),
        "publicKeyFingerprintSha256": f"SHA256:{sha}",
    }


def certificate(label: str) -> Builder:
    def build(request: ResourceRequest) -> tuple[str, Outputs]:
        hours = request.number("validityPeriodHours", 24)
        days, rem = divmod(hours, 24)
        end = f"2024-01-{1 + days:02d}T{rem:02d}:00:00Z" if days < 31 else "2025-01-01T00:00:00Z"
        serial = str(int(request.hex("serial", length=30), 16))
        out: Outputs = {"certPem": pem("CERTIFICATE", request.type_, request.name)}
        if label == "csr":
            return request.hex(length=40), {
                "certRequestPem": pem("CERTIFICATE REQUEST", request.type_, request.name)
            }
        out |= {
            "validityStartTime": VALIDITY_START,
            "validityEndTime": end,
            "readyForRenewal": False,
            "keyAlgorithm": "RSA",
            "caKeyAlgorithm": "RSA",
        }
        return serial, out

    return build


BUILDERS: dict[str, Builder] = {
    "random:index/randomPassword:RandomPassword": random_password,
    "random:index/randomString:RandomString": random_string,
    "random:index/randomId:RandomId": random_id,
    "random:index/randomInteger:RandomInteger": random_integer,
    "random:index/randomUuid:RandomUuid": random_uuid,
    "random:index/randomPet:RandomPet": random_pet,
    "random:index/randomShuffle:RandomShuffle": random_shuffle,
    "random:index/randomBytes:RandomBytes": random_bytes,
    "tls:index/privateKey:PrivateKey": private_key,
    "tls:index/selfSignedCert:SelfSignedCert": certificate("self"),
    "tls:index/locallySignedCert:LocallySignedCert": certificate("local"),
    "tls:index/certRequest:CertRequest": certificate("csr"),
}
