"""Logical names reduced to the words that say what a resource is for.

Two programs that build the same infrastructure name it differently: one writes
`dev-primary-kms-key`, the other `primary-kms-key`, `PrimaryKmsKey` or
`TapStackdev-primary-key-0`. The words that differ are mostly noise from the
environment (stack and environment names, `pr123`, regions), loop indices and the
resource type repeated in its own name, version markers (`vpc-v2`). Matching compares
what remains.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from harness.graph import Settings

#: Words that name an environment rather than a resource. `stage` is left out on purpose:
#: it is a real resource word (API Gateway stages).
ENVIRONMENT_WORDS = frozenset(
    {
        "dev",
        "development",
        "prod",
        "production",
        "staging",
        "stg",
        "test",
        "testing",
        "qa",
        "uat",
        "preprod",
        "sandbox",
        "local",
    }
)

#: Environment words that may be glued to the end of a word (`TapStackdev`). Only short,
#: unambiguous ones: `test` would turn `latest` into `la`.
GLUED_SUFFIXES = ("dev", "prod", "staging", "stg", "qa", "uat")

_DIRECTIONS = "north|south|east|west|central|northeast|southeast|northwest|southwest"
_REGION = re.compile(
    rf"(?:us|eu|ap|sa|ca|me|af|il|mx|cn)-(?:gov-|iso-)?(?:{_DIRECTIONS})-\d"
    rf"|(?:us|eu|ap|sa|ca|me|af)(?:{_DIRECTIONS})\d",
    re.IGNORECASE,
)
_PULL_REQUEST = re.compile(r"[Pp][Rr]-?\d+(?![0-9a-z])")
_CAMEL = (
    (re.compile(r"([a-z0-9])([A-Z])"), r"\1 \2"),
    (re.compile(r"([A-Z]+)([A-Z][a-z])"), r"\1 \2"),
    (re.compile(r"([A-Za-z])(\d)"), r"\1 \2"),
    (re.compile(r"(\d)([A-Za-z])"), r"\1 \2"),
)
_SEPARATORS = re.compile(r"[^A-Za-z0-9]+")


def raw_tokens(text: str) -> list[str]:
    """Lower-case words of `text`, split on separators and camelCase, nothing removed."""
    for pattern, replacement in _CAMEL:
        text = pattern.sub(replacement, text)
    return [t for t in _SEPARATORS.split(text.lower()) if t]


def type_tokens(type_: str) -> frozenset[str]:
    """Words of a resource type that a name often repeats (`kms`, `key`, `sg`).

    `aws:ec2/securityGroup:SecurityGroup` gives `ec`, `security`, `group` and the
    acronym `sg`, so `app-sg` and `app-security-group` both reduce to `app`.
    """
    parts = type_.split(":")
    module = parts[1] if len(parts) > 2 else ""
    last = parts[-1]
    words = raw_tokens(module) + raw_tokens(last)
    class_words = [w for w in raw_tokens(last) if not w.isdigit()]
    if len(class_words) > 1:
        words.append("".join(w[0] for w in class_words))
    return frozenset(w for w in words if not w.isdigit())


def class_name(type_: str) -> str:
    """The last segment of a type token, lower-cased: what a component type is called.

    Component types are labels chosen by each program's author (`tap:stack:TapStack`,
    `custom:TapStack`), so two components are of the same kind when their class names
    agree, whatever package and module prefix they carry.
    """
    return type_.rsplit(":", 1)[-1].lower()


@dataclass(frozen=True)
class NameWords:
    """A logical name as the matcher sees it."""

    raw: str
    #: Every word, nothing removed: breaks ties between otherwise equal candidates.
    raw_words: tuple[str, ...]
    #: Words without environment markers and indices.
    words: tuple[str, ...]
    #: `words` without the words of the resource type; empty when nothing else is left.
    core: tuple[str, ...]


class NameCleaner:
    """Removes environment noise from names, knowing the stack settings of both graphs."""

    def __init__(self, settings: Iterable[Settings] = ()) -> None:
        markers = set(ENVIRONMENT_WORDS)
        glued = set(GLUED_SUFFIXES)
        for s in settings:
            for value in (s.stack, s.environment_suffix, s.project):
                markers.update(raw_tokens(value) if value else [])
            for value in (s.stack, s.environment_suffix):
                if value and value.isalnum():
                    glued.add(value.lower())
        self.markers = frozenset(markers)
        self.glued = tuple(sorted(glued, key=len, reverse=True))
        self._names: dict[tuple[str, str], NameWords] = {}

    def words(self, text: str) -> tuple[str, ...]:
        """The words of `text` that are not environment markers, regions or indices."""
        text = _PULL_REQUEST.sub(" ", _REGION.sub(" ", text))
        tokens = raw_tokens(text)
        out: list[str] = []
        for i, token in enumerate(tokens):
            version = token == "v" and i + 1 < len(tokens) and tokens[i + 1].isdigit()
            if version or token.isdigit() or token in self.markers:
                continue
            out.append(self._unglue(token))
        return tuple(out)

    def name(self, name: str, type_: str) -> NameWords:
        key = (name, type_)
        if key not in self._names:
            self._names[key] = self._name(name, type_)
        return self._names[key]

    def _name(self, name: str, type_: str) -> NameWords:
        raw = raw_tokens(name)
        words = self.words(name) or tuple(raw)
        noise = type_tokens(type_)
        core = tuple(w for w in words if w not in noise)
        return NameWords(raw=name.lower(), raw_words=tuple(raw), words=words, core=core)

    def _unglue(self, token: str) -> str:
        for suffix in self.glued:
            if token.endswith(suffix) and len(token) - len(suffix) >= 3:
                return token[: -len(suffix)]
        return token


def trigrams(words: Iterable[str]) -> list[str]:
    """Character trigrams of the joined words, so `logbucket` and `log-bucket` stay close."""
    text = f" {' '.join(words)} "
    return [text[i : i + 3] for i in range(len(text) - 2)]
