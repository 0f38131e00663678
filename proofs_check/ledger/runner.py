"""Running the ledger: each distinct check once, in two lanes, and the decision per entry.

The runner collects the checks of the selected entries by their ``key``: twin entries (smith's
statement of a chizat-bach result, and back) that refer to the same check share one run of it,
because the runner knows they are twins, not through a process-wide cache.

``lazycheck verify`` has two kinds of work of similar size and no shared state:

- the **proof lane**: the checks that read a proof chain (:class:`ProofRef`, :class:`MeasureRef`),
  the errata, which need every chain the report lists, and the searches of ``PROOF_LANE_SEARCHES``;
- the **main lane**: the derivations, the other adversarial searches and the studies.

On a machine with two cores they run side by side: the proof lane in one worker process, forked
at the start, the main lane here. The report is that of a serial run (the same checks with the
same configuration, decided in the ledger's order); only the times differ. Where fork is
unavailable, or with ``parallel=False``, both lanes run here, one after the other. Every search
isolates hypothesis from the constants of the loaded modules
(:func:`proofs_check.search.engine.local_constants_isolated`), so neither the lane nor the order
of the claims changes what a search draws.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import NamedTuple

from proofs_check.ledger import ledger
from proofs_check.ledger.decide import EntryResult, decide, run_check
from proofs_check.ledger.entry import Entry, MeasureRef, NumericRef, ProofRef
from proofs_check.proofs import PROOF_IDS
from proofs_check.proofs.catalog import run_proof
from proofs_check.proofs.chain import errata_of, formal_counts
from proofs_check.results import CheckResult
from proofs_check.settings import RunConfig
from proofs_check.progress import counted

#: Adversarial searches run in the proof lane, to balance the lanes (measured serially, ci profile: the
#: proof chains take about 20 s, the searches 3.5 s (Lemma 3.3), 6.5 s (Lemma A.1) and 6 s (the
#: time-dependent bound), the derivations and studies about 20 s).
PROOF_LANE_SEARCHES = frozenset({"chizat-bach/lemma-A.1"})


def in_proof_lane(check) -> bool:
    """Whether a check runs in the proof lane: it reads a proof chain, or it is one of PROOF_LANE_SEARCHES."""
    return isinstance(check, (ProofRef, MeasureRef)) or (
        isinstance(check, NumericRef) and check.claim_id in PROOF_LANE_SEARCHES)


def referenced_proofs(entries) -> list[str]:
    """The proofs the entries' checks read, in the order of PROOF_IDS."""
    wanted = {c.proof_id for e in entries for c in e.checks if isinstance(c, (ProofRef, MeasureRef))}
    return [proof_id for proof_id in PROOF_IDS if proof_id in wanted]


class LedgerOutcome(NamedTuple):
    """What :func:`run_ledger` returns: one EntryResult per entry (in order), the errata of the proofs the
    entries read, ``render(report)`` of each chain asked for, and how the steps of the proofs the entries read
    were checked (:func:`~proofs_check.proofs.chain.formal_counts`)."""

    results: list[EntryResult]
    errata: list
    chains: dict[str, object]
    formal: dict[str, int]


#: One lane's work: {check key: (result, seconds)}.
Done = dict[str, tuple[CheckResult, float]]


def _run_lane(entries: list[Entry], config: RunConfig, lane: Callable, done: Done, label: str, log) -> None:
    """Run the checks of ``entries`` in ``lane`` that are not done yet, with one progress line per entry."""
    for index, entry in enumerate(entries, 1):
        start = time.perf_counter()
        for check in entry.checks:
            if lane(check) and check.key not in done:
                began = time.perf_counter()
                done[check.key] = (run_check(check, config), time.perf_counter() - began)
        ran = [done[c.key][0] for c in entry.checks if lane(c)]
        failed = sum(not r.ok for r in ran)
        summary = f"{counted(len(ran), 'check')}, {failed} failed" if failed else (
            f"{counted(len(ran), 'check')} {'passes' if len(ran) == 1 else 'pass'}")
        print(f"[{label} {index:2d}/{len(entries)}] {entry.id}: {summary} {time.perf_counter() - start:.1f} s",
              file=log, flush=True)


def _proof_lane(entry_ids, proof_ids, config, chain_ids=(), render=None, log=None) -> tuple[Done, list, dict, dict]:
    """The proof lane: its checks' results, the errata of ``proof_ids``, ``render`` of the chains ``chain_ids``, and
    the formal counts of ``proof_ids``.

    In the worker, progress goes to the inherited standard error (``log`` is not sent across).
    """
    log = sys.stderr if log is None else log
    by_id = {entry.id: entry for entry in ledger()}
    done: Done = {}
    _run_lane([by_id[i] for i in entry_ids], config, in_proof_lane, done, "proof lane", log)
    errata = [erratum for proof_id in proof_ids for erratum in errata_of(run_proof(proof_id, config))]
    chains = {proof_id: (render or (lambda report: report))(run_proof(proof_id, config)) for proof_id in chain_ids}
    return done, errata, chains, formal_counts([run_proof(proof_id, config) for proof_id in proof_ids])


def _fork_context():
    try:
        return multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform
        return None


def run_ledger(entries, config: RunConfig, *, parallel: bool = True, chains=(), render: Callable | None = None,
               before=lambda: None, log=None) -> LedgerOutcome:
    """Run ``entries`` in two lanes; the proof lane also renders the chains ``chains`` with ``render``
    (a module-level function, so that it crosses to the worker).

    ``before`` runs here while the proof lane starts (``lazycheck verify`` runs its derivations there).
    Progress goes to ``log`` (default: standard error), one whole line per entry, so that the lanes'
    lines never mix.
    """
    started, log = time.perf_counter(), sys.stderr if log is None else log
    active = [entry for entry in entries if not entry.pending]
    lane_entries = [entry for entry in active if any(in_proof_lane(c) for c in entry.checks)]
    arguments = ([e.id for e in lane_entries], referenced_proofs(entries), config, tuple(chains), render)
    context = _fork_context() if parallel else None
    pool = ProcessPoolExecutor(max_workers=1, mp_context=context) if context is not None else None
    future = pool.submit(_proof_lane, *arguments) if pool is not None else None
    try:
        before()
        done: Done = {}
        _run_lane(active, config, lambda c: not in_proof_lane(c), done, "claim", log)
        if future is None:
            lane, errata, rendered, formal = _lane_result(lambda: _proof_lane(*arguments, log=log), lane_entries, log)
        else:
            print(f"[main lane] done in {time.perf_counter() - started:.1f} s; waiting for the proof lane ...",
                  file=log, flush=True)
            lane, errata, rendered, formal = _lane_result(future.result, lane_entries, log)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return LedgerOutcome([_decided(entry, done | lane) for entry in entries], errata, rendered, formal)


def _decided(entry: Entry, done: Done) -> EntryResult:
    """The entry's status from its checks' results; its time is the sum of its checks' times (a check shared by
    twins counts for each)."""
    if entry.pending:
        return decide(entry, [])
    results = [done[check.key] for check in entry.checks]
    return decide(entry, [result for result, _ in results], sum(seconds for _, seconds in results))


def _lane_result(result, lane_entries, log) -> tuple[Done, list, dict, dict]:
    """``result()``, the proof lane's result; if the lane itself failed, its checks are reported as crashed."""
    try:
        return result()
    except Exception as error:  # the worker died or raised outside the per-check guard
        reason = f"proof lane: {type(error).__name__}: {error}"
        print(f"[proof lane] crashed: {reason}", file=log, flush=True)
        crashed = {c.key: (CheckResult.crash(c.kind, c.key, reason), 0.0)
                   for entry in lane_entries for c in entry.checks if in_proof_lane(c)}
        return crashed, [], {}, {}


def run_entry(entry: Entry, config: RunConfig) -> EntryResult:
    """Run one entry's checks here, serially, and decide its status."""
    if entry.pending:
        return decide(entry, [])
    done: Done = {}
    for check in entry.checks:
        began = time.perf_counter()
        done.setdefault(check.key, (run_check(check, config), time.perf_counter() - began))
    return _decided(entry, done)
