"""What the user reads while and after a command runs: a dependency-free progress bar for long runs
(``lazycheck figures``), counted nouns, and report lines clipped at a word boundary."""

from __future__ import annotations

import sys
import time


class ProgressBar:
    """``label [#####.....] 50% 12.3 s``, redrawn in place on a terminal, every 10% otherwise."""

    WIDTH = 30

    def __init__(self, label: str, total: int, stream=None):
        self.label, self.total = label, max(int(total), 1)
        self.stream = sys.stderr if stream is None else stream
        self.start = time.perf_counter()
        self._shown = -1
        self._interactive = getattr(self.stream, "isatty", lambda: False)()

    def update(self, done: int) -> None:
        """Show that ``done`` of ``total`` units are finished."""
        fraction = min(done / self.total, 1.0)
        step = int(fraction * 100) if self._interactive else int(fraction * 10) * 10
        if step == self._shown:
            return
        self._shown = step
        filled = int(fraction * self.WIDTH)
        line = (f"{self.label} [{'#' * filled}{'.' * (self.WIDTH - filled)}] {fraction:4.0%} "
                f"{time.perf_counter() - self.start:6.1f} s")
        print(("\r" if self._interactive else "") + line, end="" if self._interactive else "\n",
              file=self.stream, flush=True)

    def close(self) -> float:
        """Finish the bar; return the elapsed seconds."""
        self.update(self.total)
        if self._interactive:
            print(file=self.stream, flush=True)
        return time.perf_counter() - self.start


#: The mark of a clipped line; the JSON (``--json FILE``) always has the whole text.
ELLIPSIS = " …"


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` with ``noun`` in the right number: ``counted(1, "check")`` is "1 check", ``counted(2, "check")``
    "2 checks"."""
    return f"{number} {noun if number == 1 else (plural or noun + 's')}"


def clip(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` characters at a word boundary, ending in :data:`ELLIPSIS` when cut."""
    if len(text) <= width:
        return text
    room = width - len(ELLIPSIS)
    cut = text.rfind(" ", 0, room + 1)
    return text[:cut if cut > room // 2 else room].rstrip(" ,;:") + ELLIPSIS
