"""Classify how a program run ended, and point at the line of the program that caused it.

The taxonomy is the one of CATEGORIES.md. A user reads the status first, so the
classification errs towards the cause in the program's own code: a `TypeError` raised
inside the provider SDK because of a wrong keyword is the program's `type_error`, and
the location is the program's line that made the call, not the SDK's.
"""

from __future__ import annotations

import contextlib
import traceback

from harness.graph import Location, RunError

SDK_PATH_MARKERS = ("/pulumi_aws/", "/pulumi/", "/pulumi_random/", "/pulumi_tls/")


def classify(exc: BaseException, workdir: str) -> tuple[str, RunError]:
    """Return (status, error) for an exception that escaped the program."""
    location = _location(exc, workdir)
    message = _message(exc)
    error = RunError(type=type(exc).__name__, message=message, location=location)
    return _status(exc), error


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


FRAMES_ATTR = "_harness_frames"


def mark_frames(exc: BaseException) -> None:
    """Keep where an exception was raised: the SDK re-raises it with another traceback."""
    # An exception type without a __dict__ keeps only its message.
    if getattr(exc, FRAMES_ATTR, None) is None:
        with contextlib.suppress(AttributeError, TypeError):
            setattr(exc, FRAMES_ATTR, traceback.extract_tb(exc.__traceback__))
