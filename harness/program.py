"""A `Program`: the files of one Pulumi Python program, its entry point and content hash.

Programs come from a folder, a single `.py` file or a markdown answer (see
`harness.answers`). The content hash keys every cache, so it covers exactly what the
child process will see: the file paths, their text and the entry point.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

ENTRY_CANDIDATES = ("__main__.py", "tap.py")
#: Folders never read into a program: environments, caches, version control.
SKIP_DIRS = {".venv", "venv", "__pycache__", ".git", "node_modules", ".pytest_cache", "tests"}
#: Text files that belong to a Pulumi project besides Python sources.
PROJECT_FILES = {"Pulumi.yaml", "requirements.txt"}
MAX_FILE_BYTES = 2_000_000


class ProgramError(ValueError):
    """A path that cannot be read as a program; the message names the path and why."""


@dataclass(frozen=True)
class Program:
    """Files (relative posix path → text), an entry point among them, and provenance."""

    files: Mapping[str, str]
    entry: str
    origin: str = ""
    language: str = "python"
    #: What was guessed or synthesised while building the program (file paths, entry point).
    notes: tuple[str, ...] = field(default=())

    @property
    def hash(self) -> str:
        payload = json.dumps(
            {"entry": self.entry, "files": dict(sorted(self.files.items()))}, sort_keys=True
        )
        return hashlib.sha256(payload.encode()).hexdigest()[:16]

    @property
    def runnable(self) -> bool:
        return bool(self.entry) and self.entry in self.files

    def describe(self) -> str:
        """One line saying what was inferred, for the CLI."""
        py = sorted(p for p in self.files if p.endswith(".py"))
        shown = ", ".join(py[:6]) + (f", … (+{len(py) - 6})" if len(py) > 6 else "")
        entry = self.entry or "none"
        extra = f"; {'; '.join(self.notes)}" if self.notes else ""
        return f"{self.origin}: {len(py)} Python file(s) [{shown}], entry point {entry}{extra}"


def load_program(path: str | Path) -> Program:
    """Read a folder, a `.py` file or a markdown answer into a `Program`."""
    p = Path(path)
    if not p.exists():
        raise ProgramError(f"{p}: no such file or folder")
    if p.is_dir():
        return _from_folder(p)
    if p.suffix == ".md":
        return _from_markdown(p)
    text = _read_text(p)
    if p.suffix == ".py":
        return Program(files={p.name: text}, entry=p.name, origin=str(p))
    raise ProgramError(f"{p}: expected a folder, a .py file or a .md answer, got '{p.suffix}'")


def _from_markdown(p: Path) -> Program:
    """An answer is prose from a model: a stray byte in it must not lose the whole answer."""
    from harness.answers import program_from_markdown

    try:
        return program_from_markdown(_read_text(p), origin=str(p))
    except ProgramError as exc:
        if "not UTF-8" not in str(exc):
            raise
    raw = p.read_bytes()
    text = raw.decode("utf-8", errors="replace")
    program = program_from_markdown(text, origin=str(p))
    note = f"replaced {text.count(chr(0xFFFD))} byte(s) that are not UTF-8"
    return replace(program, notes=(*program.notes, note))


def _read_text(p: Path) -> str:
    try:
        if p.stat().st_size > MAX_FILE_BYTES:
            raise ProgramError(f"{p}: file is larger than {MAX_FILE_BYTES} bytes")
        return p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ProgramError(f"{p}: not UTF-8 text ({exc.reason})") from exc
    except OSError as exc:
        raise ProgramError(f"{p}: cannot be read ({exc.strerror})") from exc


def _from_folder(root: Path) -> Program:
    files: dict[str, str] = {}
    for f in sorted(root.rglob("*")):
        rel = f.relative_to(root)
        if any(part in SKIP_DIRS for part in rel.parts[:-1]) or not f.is_file():
            continue
        if f.suffix == ".py" or rel.as_posix() in PROJECT_FILES:
            files[rel.as_posix()] = _read_text(f)
    if not any(p.endswith(".py") for p in files):
        raise ProgramError(f"{root}: folder holds no Python program (no .py file)")
    entry = _entry_point(root, files)
    if entry is None:
        raise ProgramError(
            f"{root}: no entry point (no Pulumi.yaml 'main', __main__.py or tap.py)"
        )
    return Program(files=files, entry=entry, origin=str(root))


def _entry_point(root: Path, files: Mapping[str, str]) -> str | None:
    main = _pulumi_yaml_main(root, files.get("Pulumi.yaml"))
    if main:
        if main in files:
            return main
        candidate = f"{main.rstrip('/')}/__main__.py"
        if candidate in files:
            return candidate
    for name in ENTRY_CANDIDATES:
        if name in files:
            return name
    return None


def _pulumi_yaml_main(root: Path, text: str | None) -> str | None:
    if not text:
        return None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ProgramError(f"{root / 'Pulumi.yaml'}: not valid YAML ({exc})") from exc
    if isinstance(data, dict) and isinstance(data.get("main"), str):
        return str(data["main"]).strip("./") or None
    return None


def project_config_defaults(program: Program) -> dict[str, str]:
    """Config defaults declared in the program's `Pulumi.yaml` (they count as defaults)."""
    text = program.files.get("Pulumi.yaml")
    if not text:
        return {}
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return {}
    config = data.get("config") if isinstance(data, dict) else None
    out: dict[str, str] = {}
    if isinstance(config, dict):
        for key, spec in config.items():
            value = spec.get("default") if isinstance(spec, dict) else spec
            if value is not None and not isinstance(value, dict | list):
                out[str(key)] = str(value)
    return out


def project_name(program: Program, fallback: str = "tap") -> str:
    text = program.files.get("Pulumi.yaml")
    if text:
        try:
            data = yaml.safe_load(text)
            if isinstance(data, dict) and isinstance(data.get("name"), str):
                return str(data["name"])
        except yaml.YAMLError:
            pass
    return fallback
