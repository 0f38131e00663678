"""Running the ledger in two lanes: the proof chains in a forked worker, everything else here.

``lazycheck verify`` has two kinds of work of similar size and no shared state:

- the **proof lane**: the checks that read a proof chain (:class:`ProofRef`, :class:`MeasureRef`),
  the errata, which need every chain the report lists, and the searches of ``PROOF_LANE_SEARCHES``;
- the **main lane**: the derivations, the other adversarial searches and the measured sweeps.

On a machine with two cores they run side by side: the proof lane in one worker process,
forked at the start, the main lane here. The report is that of a serial run (the same checks
with the same seeds, in the ledger's order); only the times differ. Where fork is unavailable,
or with ``parallel=False``, both lanes run here, one after the other.

Why every module of lazycheck is imported first: hypothesis draws part of its examples from
constants it harvests from the local modules in ``sys.modules`` at the time of the search. A
search's examples therefore depend on what was imported before it. Importing everything up front
makes them independent of the lane, of the order of the claims, and of ``--claim``.
"""

from __future__ import annotations

import importlib
import multiprocessing
import pkgutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from typing import NamedTuple

from proofs_check import sweeps
from proofs_check.ledger import EntryResult, MeasureRef, NumericRef, ProofRef, decide, ledger, run_checks


def _reads_a_chain(check) -> bool:
    return isinstance(check, (ProofRef, MeasureRef))


#: Adversarial searches run in the proof lane, to balance the lanes. Measured serially (ci profile): the
#: proof chains take about 20 s, the searches 3.5 s (Lemma 3.3), 6.5 s (Lemma A.1) and 6 s (the
#: time-dependent bound), the derivations and measured sweeps about 20 s; this puts about 27 s in each.
PROOF_LANE_SEARCHES = frozenset({"chizat-bach/lemma-A.1"})


def in_proof_lane(check) -> bool:
    """Whether a check runs in the proof lane: it reads a proof chain, or it is one of PROOF_LANE_SEARCHES
    (twin entries share a search, and all of them run it in the same lane)."""
    return _reads_a_chain(check) or (isinstance(check, NumericRef) and check.claim_id in PROOF_LANE_SEARCHES)


def referenced_proofs(entries) -> list[str]:
    """The proofs the entries refer to, in the order of :func:`proofs_check.proofs.proof_ids`."""
    from proofs_check.proofs import proof_ids

    wanted = {check.proof_id for entry in entries for check in entry.checks if _reads_a_chain(check)}
    return [proof_id for proof_id in proof_ids() if proof_id in wanted]


def import_everything() -> None:
    """Import every module of the packages symbolic, numeric and proofs_check (see the module docstring)."""
    for package_name in ("symbolic", "numeric", "proofs_check"):
        package = importlib.import_module(package_name)
        for module in pkgutil.walk_packages(package.__path__, prefix=f"{package_name}."):
            if module.name not in ("proofs_check.__main__", "numeric.pytest_plugin"):
                importlib.import_module(module.name)


class LedgerOutcome(NamedTuple):
    """What :func:`run_ledger` returns: one EntryResult per entry (in order), the errata of the proofs the
    entries read, and the JSON form (:func:`proof_render.proof_json`) of each chain asked for."""

    results: list[EntryResult]
    errata: list
    chains: dict[str, dict]


def _proof_lane(entry_ids, proof_ids, max_examples, seed, profile, chain_ids=(), log=None) -> tuple[dict, list, dict]:
    """The proof lane: {entry id: ({check index: result}, seconds)}, the errata of ``proof_ids`` and the
    JSON forms of the chains ``chain_ids``.

    In the worker, progress goes to the inherited standard error (``log`` is not sent across).
    """
    from proofs_check.chain import errata_of
    from proofs_check.proof_render import proof_json
    from proofs_check.proofs import run_proof

    log = sys.stderr if log is None else log
    by_id = {entry.id: entry for entry in ledger()}
    found = {}
    with sweeps.depth(profile):
        for index, entry_id in enumerate(entry_ids, 1):
            start = time.perf_counter()
            checks = run_checks(by_id[entry_id], max_examples=max_examples, seed=seed, where=in_proof_lane)
            found[entry_id] = (checks, time.perf_counter() - start)
            print(f"[proof lane {index:2d}/{len(entry_ids)}] {entry_id}: {_summary(checks)} "
                  f"{found[entry_id][1]:.1f} s", file=log, flush=True)
        errata = [erratum for proof_id in proof_ids for erratum in errata_of(run_proof(proof_id))]
        chains = {proof_id: proof_json(run_proof(proof_id)) for proof_id in chain_ids}
    return found, errata, chains


def _summary(checks: dict[int, dict]) -> str:
    failed = sum(not c["ok"] for c in checks.values())
    return f"{len(checks)} checks, {failed} failed" if failed else f"{len(checks)} checks pass"


def _fork_context():
    try:
        return multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform
        return None


def run_ledger(entries, *, max_examples: int, seed: int | None, profile: str = "ci", parallel: bool = True,
               chains=(), before=lambda: None, log=None) -> LedgerOutcome:
    """Run ``entries`` in two lanes; the proof lane also renders the chains ``chains`` as JSON.

    ``before`` runs here while the proof lane starts (``lazycheck verify`` runs its derivations
    there). Progress goes to ``log`` (default: standard error), one whole line per step, so that the
lanes' lines never mix.
    """
    started, log = time.perf_counter(), sys.stderr if log is None else log
    import_everything()
    active = [entry for entry in entries if not entry.pending]
    lane_ids = [entry.id for entry in active if any(in_proof_lane(c) for c in entry.checks)]
    arguments = (lane_ids, referenced_proofs(entries), max_examples, seed, profile, tuple(chains))
    context = _fork_context() if parallel else None
    pool = ProcessPoolExecutor(max_workers=1, mp_context=context) if context is not None else None
    future = pool.submit(_proof_lane, *arguments) if pool is not None else None
    try:
        before()
        main = {}
        with sweeps.depth(profile):
            for index, entry in enumerate(entries, 1):
                start = time.perf_counter()
                checks = {} if entry.pending else run_checks(entry, max_examples=max_examples, seed=seed,
                                                              where=lambda c: not in_proof_lane(c))
                main[entry.id] = (checks, time.perf_counter() - start)
                settled = "" if entry.id in lane_ids else _settled(entry, checks, main[entry.id][1])
                print(f"[claim {index:2d}/{len(entries)}] {entry.id}: "
                      f"{settled or _summary(checks) + ', proof checks in the proof lane'} {main[entry.id][1]:.1f} s",
                      file=log, flush=True)
        lane_entries = [entry for entry in active if entry.id in lane_ids]
        if future is None:
            lane, errata, rendered = _lane_result(lambda: _proof_lane(*arguments, log=log), lane_entries, log)
        else:
            print(f"[main lane] done in {time.perf_counter() - started:.1f} s; waiting for the proof lane ...",
                  file=log, flush=True)
            lane, errata, rendered = _lane_result(future.result, lane_entries, log)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    results = [_merge(entry, main[entry.id], lane.get(entry.id, ({}, 0.0))) for entry in entries]
    return LedgerOutcome(results, errata, rendered)


def _lane_result(result, lane_entries, log) -> tuple[dict, list, dict]:
    """``result()``, the proof lane's result; if the lane itself failed, its checks are reported as crashed."""
    try:
        return result()
    except Exception as error:  # the worker died or raised outside the per-check guard
        reason = f"crashed: proof lane: {type(error).__name__}: {error}"
        print(f"[proof lane] {reason}", file=log, flush=True)
        crashed = {entry.id: ({i: {"kind": c.kind, "ref": getattr(c, "proof_id", getattr(c, "claim_id", "")),
                                   "ok": False, "detail": reason, "crashed": True}
                               for i, c in enumerate(entry.checks) if in_proof_lane(c)}, 0.0)
                   for entry in lane_entries}
        return crashed, [], {}


def _settled(entry, checks: dict[int, dict], seconds: float) -> str:
    result = decide(entry, [checks[i] for i in sorted(checks)], seconds)
    return result.status + ("" if result.as_expected else " (UNEXPECTED)")


def _merge(entry, main: tuple[dict, float], lane: tuple[dict, float]) -> EntryResult:
    checks = main[0] | lane[0]
    return decide(entry, [checks[i] for i in sorted(checks)], main[1] + lane[1])
