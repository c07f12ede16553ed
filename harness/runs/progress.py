"""Progress on the terminal: done, failed, rate and time left, on one updating line."""

from __future__ import annotations

import sys
import time


class Progress:
    """Writes to stderr only when enabled (the CLI on a terminal); silent in the API."""

    def __init__(self, total: int, already: int = 0, *, enabled: bool = True) -> None:
        self.total = total
        self.done = already
        self.already = already
        self.failed = 0
        self.enabled = enabled and total > 0
        self.started = time.monotonic()
        self._tty = sys.stderr.isatty()
        self._last = 0.0
        if self.enabled:
            self._draw(force=True)

    def advance(self, *, failed: bool) -> None:
        self.done += 1
        self.failed += int(failed)
        self._draw()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        fresh = self.done - self.already
        rate = fresh / elapsed
        left = (self.total - self.done) / rate if rate > 0 else float("nan")
        eta = f"{left:5.0f}s left" if left == left else "   ? s left"
        return (f"programs {self.done:>4}/{self.total} | not ok {self.failed:>3} | "
                f"{rate:5.2f}/s | {eta}")

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and self._tty and now - self._last < 0.2 and self.done < self.total:
            return
        if not self._tty and not force and self.done % 10 and self.done < self.total:
            return
        self._last = now
        end = "\r" if self._tty else "\n"
        sys.stderr.write(self.line() + end)
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled and self._tty:
            sys.stderr.write("\n")
            sys.stderr.flush()
