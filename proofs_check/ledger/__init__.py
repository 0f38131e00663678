"""The claims ledger: every result of both texts, its checks, its status and expected status.

The entries are data, two modules per text (:mod:`.chizat_bach` and :mod:`.chizat_bach_remarks`, :mod:`.smith` and
:mod:`.smith_remarks`); :mod:`.entry` holds
the entry type and the check references, :mod:`.decide` the decision rule, :mod:`.runner` the run.
"""

from __future__ import annotations

import fnmatch
from dataclasses import replace
from functools import cache

from proofs_check.ledger import chizat_bach, chizat_bach_remarks, smith, smith_remarks
from proofs_check.ledger.entry import STATUSES, Entry

__all__ = ["STATUSES", "Entry", "ledger", "select"]


@cache
def ledger() -> tuple[Entry, ...]:
    """Every entry, chizat-bach's then smith's, each text's main results then its remarks (each part in text
    order), built once (a tuple of frozen entries)."""
    entries = chizat_bach.entries() + chizat_bach_remarks.entries() + smith.entries() + smith_remarks.entries()
    return _with_reverse_twins(entries)


def _with_reverse_twins(entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """The entries with every twin link made mutual: a pair is declared once, on either side."""
    declared = {entry.id: set(entry.twins) for entry in entries}
    for entry in entries:
        for twin in entry.twins:
            declared.setdefault(twin, set()).add(entry.id)
    return tuple(replace(entry, twins=entry.twins + tuple(sorted(declared[entry.id] - set(entry.twins))))
                 for entry in entries)


def select(patterns: list[str] | tuple[str, ...] | None) -> tuple[Entry, ...]:
    """The entries whose id matches one of the glob ``patterns`` (all when None or empty)."""
    if not patterns:
        return ledger()
    return tuple(e for e in ledger() if any(fnmatch.fnmatchcase(e.id, p) for p in patterns))
