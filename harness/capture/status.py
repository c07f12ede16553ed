"""Classify how a program run ended, and point at the line of the program that caused it.

The taxonomy is the one of CATEGORIES.md. A user reads the status first, so the
classification errs towards the cause in the program's own code: a `TypeError` raised
inside the provider SDK because of a wrong keyword is the program's `type_error`, and
the location is the program's line that made the call, not the SDK's.

The SDK wraps an error raised while it prepares a resource in its own ("While processing
resource: 'web', type '…'" / "While processing input: 'vpc_id', …"), once per resource
and input the failure travelled through. The message reported is the root cause's, with
the innermost resource and input it names; where no frame of the program is on the
traceback (the SDK raised from a task), the location is where the program created that
`apply` or that resource (`harness.capture.origins`).
"""

from __future__ import annotations

import contextlib
import errno
import re
import traceback
from collections.abc import Callable

from harness.graph import Location, RunError

SDK_PATH_MARKERS = ("/pulumi_aws/", "/pulumi/", "/pulumi_random/", "/pulumi_tls/")

#: The SDK's wrappers, and what they name.
_WRAPPER = re.compile(r"^While processing (resource|input): ")
_IN_RESOURCE = re.compile(r"While processing resource: '(?P<name>[^']*)'")
_IN_INPUT = re.compile(r"While processing input: '(?P<name>[^']*)'")
_AT_RESOURCE = re.compile(r"at resource `(?P<name>[^`]*)`")

ResourceOrigin = Callable[[str], Location | None]


def classify(exc: BaseException, workdir: str,
             resource_origin: ResourceOrigin | None = None) -> tuple[str, RunError]:
    """Return (status, error) for an exception that escaped the program.

    `resource_origin` maps a resource name to the program line that created it.
    """
    root = root_cause(exc)
    resource, input_name, own = _named_in(exc, root)
    location = _location(exc, workdir) or _origin(exc)
    if location is None and resource and resource_origin is not None:
        location = resource_origin(resource)
    message = _message(root)
    if _WRAPPER.match(message):  # a wrapper without its cause: the text still holds it
        message = str(root).splitlines()[-1].split("has risen: ", 1)[-1]
    context = [f"resource '{resource}'"] if resource and not own else []
    context += [f"input '{input_name}'"] if input_name else []
    if root is not exc and context:
        suffix = f" ({', '.join(context)})"
        message = message[:500 - len(suffix)] + suffix
    error = RunError(type=type(root).__name__, message=message, location=location)
    return _status(root), error


def root_cause(exc: BaseException) -> BaseException:
    """The exception under the SDK's "While processing …" wrappers."""
    seen: set[int] = set()
    current = exc
    while _WRAPPER.match(str(current)) and id(current) not in seen:
        seen.add(id(current))
        inner = current.__cause__ or current.__context__
        if inner is None:
            break
        current = inner
    return current


def _named_in(exc: BaseException, root: BaseException
              ) -> tuple[str | None, str | None, bool]:
    """The innermost resource the wrappers (or the root's own message) name, the input of
    that resource the failure came through, and whether the root's message names it."""
    text = str(exc)
    resources = list(_IN_RESOURCE.finditer(text))
    resource = resources[-1]["name"] if resources else None
    after = resources[-1].end() if resources else 0
    inputs = _IN_INPUT.search(text, after)
    input_name = inputs["name"] if inputs and resources else None
    own = _AT_RESOURCE.search(str(root))
    if own:
        return own["name"], None, True
    return resource, input_name, False


def _status(exc: BaseException) -> str:
    name = type(exc).__name__
    if isinstance(exc, SyntaxError):
        return "syntax_error"
    if isinstance(exc, ImportError):
        return "import_error"
    if isinstance(exc, MemoryError):
        return "memory"
    if name == "ConfigMissingError":
        return "config_missing"
    if isinstance(exc, TypeError) and _raised_in_sdk(exc):
        return "type_error"
    if isinstance(exc, AssertionError) and str(exc).startswith("Unexpected type"):
        return "type_error"  # the SDK found a value of the wrong shape for a property
    return "runtime_error"


def _raised_in_sdk(exc: BaseException) -> bool:
    """A TypeError from a constructor of the SDK: wrong or missing arguments to a resource."""
    frames = traceback.extract_tb(exc.__traceback__)
    if frames and any(m in frames[-1].filename for m in SDK_PATH_MARKERS):
        return True
    text = str(exc)
    return "unexpected keyword argument" in text or "Missing required property" in text


def _message(exc: BaseException) -> str:
    if isinstance(exc, SystemExit):
        return f"the program called sys.exit({exc.code!r}) before it finished"
    if isinstance(exc, OSError) and exc.errno == errno.EFBIG:
        return "the program wrote past its file-size limit (its output or a file it wrote)"
    text = str(exc).strip() or type(exc).__name__
    first = text.splitlines()[0] if text else ""
    return first[:500]


def _location(exc: BaseException, workdir: str) -> Location | None:
    prefix = workdir.rstrip("/") + "/"
    if isinstance(exc, SyntaxError) and exc.filename and exc.filename.startswith(prefix):
        return Location(exc.filename[len(prefix):], int(exc.lineno or 0))
    # Follow the chain: the SDK often re-raises a program's exception wrapped in its own,
    # or with another traceback (then the frames kept by `mark_frames` are the true ones).
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = getattr(current, FRAMES_ATTR, None) or traceback.extract_tb(current.__traceback__)
        for frame in reversed(frames):
            if frame.filename.startswith(prefix):
                return Location(frame.filename[len(prefix):], int(frame.lineno or 0))
        current = current.__cause__ or current.__context__
    return None


def _origin(exc: BaseException) -> Location | None:
    """The program line that created the `apply` an exception of the chain came from."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        origin = getattr(current, ORIGIN_ATTR, None)
        if isinstance(origin, Location):
            return origin
        current = current.__cause__ or current.__context__
    return None


FRAMES_ATTR = "_harness_frames"
ORIGIN_ATTR = "_harness_origin"


def mark_frames(exc: BaseException, origin: Location | None = None) -> None:
    """Keep where an exception was raised (the SDK re-raises it with another traceback),
    and `origin`, the program line that created the callback it was raised in."""
    # An exception type without a __dict__ keeps only its message.
    if getattr(exc, FRAMES_ATTR, None) is None:
        with contextlib.suppress(AttributeError, TypeError):
            setattr(exc, FRAMES_ATTR, traceback.extract_tb(exc.__traceback__))
            setattr(exc, ORIGIN_ATTR, origin)
