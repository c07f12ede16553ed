"""Probes: the counterfactual captures the categories need, run through `capture`.

- `empty_config`: no config at all beyond `Pulumi.yaml` defaults. A program that
  `require`s a key ends `config_missing` here; that is the `configuration` evidence.
- `baseline`: like `empty_config`, but every key the program required is filled with a
  plausible value, rerunning until nothing is missing, so a program that needs config
  is still scored on everything else. The filled keys are noted on the graph.
- `second_env`: the baseline's config under another stack and environment suffix
  (`prod`): a physical name equal in both is static (`static_names`).
- `sentinel`: every config value the baseline read, replaced by a recognisable
  sentinel: a password equal to a sentinel came from config, not from the source
  (`hardcoded_secret`).
- `bad_args:<Class>`: each component class the program defines, constructed alone with
  empty strings for its string arguments and `None` for the rest (`input_validation`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import replace

from harness.capture import Limits, Worker, capture, probe_settings
from harness.graph import ResourceGraph, Settings
from harness.program import Program

SECOND_ENVS = ("prod", "staging")
SENTINEL_PREFIX = "sentinel-"
MAX_FILL_ROUNDS = 8
PROBE_ENTRY = "__harness_probe__.py"
BAD_ARGS = "bad_args:"

Capture = Callable[[Program, Settings], ResourceGraph]


def default_capture(worker: Worker | None = None, limits: Limits | None = None) -> Capture:
    def run(program: Program, settings: Settings) -> ResourceGraph:
        return capture(program, settings, worker=worker, limits=limits)

    return run


def run_probes(program: Program, run: Capture, names: set[str] | None = None
               ) -> dict[str, ResourceGraph]:
    """Capture the baseline and the requested probes (all of them by default)."""
    empty, baseline, filled = capture_baseline(program, run)
    graphs = {"empty_config": empty, "baseline": baseline}
    if baseline.status != "ok":
        return graphs
    wanted = names if names is not None else {"second_env", "sentinel", BAD_ARGS}
    if "second_env" in wanted:
        other = second_env_name(baseline)
        graphs["second_env"] = run(program, probe_settings(
            program, stack=other, config=second_env_config(baseline, other),
            name="second_env"))
    if "sentinel" in wanted:
        graphs["sentinel"] = run(program, probe_settings(
            program, config=sentinel_config(baseline), name="sentinel"))
    if BAD_ARGS in wanted:
        for cls, probe_program in bad_args_programs(program).items():
            graphs[BAD_ARGS + cls] = run(probe_program, probe_settings(
                probe_program, config=filled, name=BAD_ARGS + cls))
    return graphs


def capture_baseline(program: Program, run: Capture
                     ) -> tuple[ResourceGraph, ResourceGraph, dict[str, str]]:
    """(empty_config graph, baseline graph, the config values the baseline filled in)."""
    empty = run(program, probe_settings(program, name="empty_config"))
    baseline, filled = fill_required(program, empty, run,
                                     probe_settings(program, name="baseline"))
    return empty, baseline, filled


def fill_required(program: Program, first: ResourceGraph, run: Capture, base: Settings
                  ) -> tuple[ResourceGraph, dict[str, str]]:
    """Rerun under `base` plus a plausible value for each key the program required and
    did not find, until none is missing. Returns a new graph (never `first` changed),
    named as `base`, noting the keys it filled."""
    graph, filled = first, {}
    for _ in range(MAX_FILL_ROUNDS):
        missing = [r for r in graph.config_reads if r.required and not r.found
                   and _short(r.key) not in filled]
        if graph.status != "config_missing" or not missing:
            break
        for read in missing:
            filled[_short(read.key)] = plausible_value(read.key, read.method)
        graph = run(program, replace(base, config={**base.config, **filled}))
    notes = list(graph.notes)
    if filled:
        notes.append("config filled for required keys: " +
                     ", ".join(f"{k}={v}" for k, v in sorted(filled.items())))
    return replace(graph, settings=replace(graph.settings, name=base.name), notes=notes), filled


def _short(full_key: str) -> str:
    """`project:key` → `key`: probes set the project's own keys without their namespace."""
    namespace, _, key = full_key.partition(":")
    return full_key if namespace == "aws" or not key else key


_HINTS: tuple[tuple[str, str], ...] = (
    (r"secondary.*region|region.*2|dr.?region", "eu-west-1"),
    (r"region", "us-east-1"),
    (r"cidr", "10.0.0.0/16"),
    (r"pass|secret|token|key$", "Probe-Value-1"),
    (r"env|stage|suffix", "dev"),
    (r"email", "ops@example.com"),
    (r"domain|host", "example.com"),
    (r"port", "443"),
    (r"count|size|min|max|desired|capacity|days|retention|memory|timeout", "2"),
)


def plausible_value(full_key: str, method: str) -> str:
    """A value a user would plausibly set for a key, typed by the `require_*` method."""
    if "bool" in method:
        return "true"
    if "int" in method or "float" in method:
        return "2"
    if "object" in method:
        return "{}"
    key = full_key.split(":")[-1].lower()
    for pattern, value in _HINTS:
        if re.search(pattern, key):
            return value
    return f"probe-{re.sub(r'[^a-z0-9]+', '-', key)}"


ENVIRONMENT_KEY = re.compile(r"^(env|environment|stage|environment_?suffix|env_?suffix|"
                             r"environmentname|env_?name|deployment_?env)$", re.IGNORECASE)


def _environment_keys(baseline: ResourceGraph) -> set[str]:
    keys = set(baseline.settings.config) | {_short(r.key) for r in baseline.config_reads}
    return {k for k in keys if ENVIRONMENT_KEY.match(k.split(":")[-1].replace("-", "_"))}


def second_env_name(baseline: ResourceGraph) -> str:
    """An environment the baseline is not in (a project may default its own to `prod`)."""
    used = {baseline.settings.stack, baseline.settings.environment_suffix}
    used |= {baseline.settings.config.get(k, "") for k in _environment_keys(baseline)}
    return next(name for name in SECOND_ENVS if name not in used)


def second_env_config(baseline: ResourceGraph, other: str) -> dict[str, str]:
    """The baseline's config with every environment-naming key moved to `other`.

    A key filled or defaulted to `dev` would otherwise keep the second stack in `dev`,
    and every name would look static for the wrong reason.
    """
    out = dict(baseline.settings.config)
    for key in _environment_keys(baseline):
        out[key] = other
    return out


SECRET_KEY = re.compile(r"pass|secret|token|credential|key", re.IGNORECASE)


def sentinel_config(baseline: ResourceGraph) -> dict[str, str]:
    """Secret-looking config keys the baseline read, set to a value nobody would write.

    Only keys that could hold a secret (read with `*_secret`, or named like one) change:
    other values (an environment name) keep the baseline's, so the program's own
    validation of them does not end the probe.
    """
    out = dict(baseline.settings.config)
    for read in baseline.config_reads:
        if any(t in read.method for t in ("int", "bool", "float", "object")):
            continue
        key = _short(read.key)
        if "secret" in read.method or SECRET_KEY.search(key.split(":")[-1]):
            out[key] = f"{SENTINEL_PREFIX}{key.split(':')[-1].lower()}-s3cr3t"
    return out


# -- bad constructor arguments ---------------------------------------------------------


def component_classes(program: Program) -> dict[str, str]:
    """Component classes the program defines: class name → importable module."""
    found: dict[str, str] = {}
    for path, text in sorted(program.files.items()):
        if not path.endswith(".py") or path == PROBE_ENTRY:
            continue
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and any(
                _base_name(b) == "ComponentResource" for b in node.bases
            ):
                found.setdefault(node.name, _module_name(path))
    return found


def _base_name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _module_name(path: str) -> str:
    parts = path[:-3].split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def bad_args_programs(program: Program) -> dict[str, Program]:
    """One probe program per component class; the entry builds it with invalid arguments."""
    out: dict[str, Program] = {}
    for cls, module in component_classes(program).items():
        if not module or module == "__main__" or module == _module_name(program.entry):
            continue  # classes in the entry point cannot be imported without running it
        files = dict(program.files)
        files[PROBE_ENTRY] = _BAD_ARGS_TEMPLATE.format(module=module, cls=cls)
        out[cls] = Program(files=files, entry=PROBE_ENTRY, origin=program.origin,
                           notes=(f"probe: {cls} with invalid arguments",))
    return out


_BAD_ARGS_TEMPLATE = '''\
import inspect
import typing

import pulumi

from {module} import {cls} as Component

SDK_ROOTS = ("builtins", "typing", "collections", "pulumi", "pulumi_aws", "pulumi_random",
             "pulumi_tls")


def invalid(annotation, depth=0):
    """An empty string where a string is expected; for an args class, one built that way."""
    if annotation is inspect.Parameter.empty:
        return None
    if annotation is str or annotation == "str":
        return ""
    if inspect.isclass(annotation) and depth == 0 and _programs_own(annotation):
        try:
            params = inspect.signature(annotation).parameters.values()
        except (TypeError, ValueError):
            return None
        kwargs = {{p.name: invalid(p.annotation, 1) for p in params
                  if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}}
        return annotation(**kwargs)
    return None


def _programs_own(cls):
    """An args class of the program's own, not a resource or a type of the SDK."""
    root = cls.__module__.split(".")[0]
    return root not in SDK_ROOTS and not issubclass(cls, (dict, list, pulumi.Resource))


hints = {{}}
try:
    hints = typing.get_type_hints(Component.__init__)
except Exception:
    pass
params = [p for p in inspect.signature(Component.__init__).parameters.values()
          if p.name not in ("self", "opts") and p.kind in (p.POSITIONAL_OR_KEYWORD,
                                                          p.KEYWORD_ONLY)]
kwargs = {{}}
for index, p in enumerate(params):
    if index == 0:
        kwargs[p.name] = "probe"
    else:
        kwargs[p.name] = invalid(hints.get(p.name, p.annotation))
Component(**kwargs)
'''
