"""What `faqbot draft` shows the editor on stderr: a progress bar and a summary table (rich)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from types import TracebackType
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from faqbot.draft import Draft

# Inputs with more blocks than this (paragraphs, items, rows) get a progress bar.
LONG_INPUT_BLOCKS = 150


def _console(stream: TextIO | None = None) -> Console:
    return Console(file=stream or sys.stderr, highlight=False, soft_wrap=True)


class DraftProgress:
    """A progress bar on stderr while a long article is drafted; nothing for short ones."""

    def __init__(self, blocks: int, stream: TextIO | None = None) -> None:
        self.shown = blocks > LONG_INPUT_BLOCKS
        self._progress = Progress(
            TextColumn("drafting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=_console(stream),
            transient=True,
            disable=not self.shown,
        )
        self._task = self._progress.add_task("draft", total=None)

    def __enter__(self) -> DraftProgress:
        self._progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._progress.stop()

    def update(self, done: int, total: int) -> None:
        """Report `done` of `total` steps (the total may grow as the work is found)."""
        self._progress.update(self._task, completed=done, total=total)


def print_summary(
    result: Draft,
    output: str,
    source: str,
    stream: TextIO | None = None,
    notes: Sequence[str] = (),
) -> None:
    """Print entries by kind, figures no entry quotes, and what to do next."""
    console = _console(stream)
    table = Table(title=f"Draft of {source}: {len(result.entries)} entries", title_justify="left")
    table.add_column("kind")
    table.add_column("entries", justify="right")
    table.add_column("phrasings", justify="right")
    for kind, count in result.counts().items():
        phrasings = sum(1 + len(e.alternates) for e in result.entries if e.kind is kind)
        table.add_row(kind.value, str(count), str(phrasings))
    table.add_row(
        "total",
        str(len(result.entries)),
        str(sum(1 + len(e.alternates) for e in result.entries)),
        style="bold",
    )
    console.print(table)
    console.print(f"sentences with figures not covered: {len(result.uncovered)}")
    for sentence in result.uncovered:
        console.print(f"  - {sentence}", markup=False)
    console.print(
        "alternates dropped (they led nowhere, to another entry or to a partial answer):"
        f" {result.dropped_alternates}"
    )
    if result.skipped:
        console.print(f"reader comments and calls to comment left out: {result.skipped} line(s)")
    console.print(f"written to {output}; every entry is marked draft: true", markup=False)
    for note in notes:
        console.print(note, markup=False)
    if output != "stdout":
        console.print(f"next: faqbot check {output} --article {source}", markup=False)
