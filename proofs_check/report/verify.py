"""The report of ``lazycheck verify``: the derivations table, the ledger table, the errata, and the JSON.

Every check in the JSON carries the fields of :class:`~proofs_check.results.CheckResult` (observed,
bound, ratio, tight, searched, ranges, counterexample, replay, slopes); every entry its worst ratio
over all its checks, its witness ratio and whether a bound of it is meant to be tight.
"""

from __future__ import annotations

import textwrap
from typing import NamedTuple

from proofs_check.ledger.entry import STATUSES
from proofs_check.proofs import coq
from proofs_check.search.claims import CLAIMS_BY_ID
from proofs_check.report.derivations import derivation_json
from proofs_check.report.proofs import erratum_json
from proofs_check.progress import ELLIPSIS, clip, counted
from symbolic import TEXTS, Derivation


class DerivationRun(NamedTuple):
    """One derivation as ``lazycheck verify`` ran it: the derivation, or the error that stopped it."""

    name: str
    derivation: Derivation | None
    error: str | None
    seconds: float


def agreement_of(derivation: Derivation, text: str) -> str | None:
    """How ``text``'s statement of the result compares: "agrees" as written, "agrees as read" (the extracted
    formula is garbled and lazycheck's recorded reading agrees: never an erratum), "DIFFERS", or None."""
    if text not in derivation.agrees_with:
        return None
    if derivation.agrees_with[text]:
        return "agrees"
    read = [derivation.reading_agrees(s) for s in derivation.statements if s.text == text]
    return "agrees as read" if read and all(read) else "DIFFERS"


def _agreement_cell(derivation: Derivation, text: str) -> str:
    return agreement_of(derivation, text) or "-"


#: The legend of the derivations table.
DERIVATION_COLUMNS = ("columns: steps = steps verified / steps; " + ", ".join(TEXTS) + " = how the text's statement "
                      "compares (agrees as written, agrees as read, DIFFERS, - when the text does not state it); "
                      "remarks = intermediate constants a text writes along the way that differ from the derived ones")


def derivations_table(runs: list[DerivationRun]) -> str:
    """One row per derivation: steps verified, agreement with each text as written, differing remarks, time."""
    header = f"{'derivation':32} {'steps':>7}  " + "  ".join(f"{text:12}" for text in TEXTS) + f"  {'remarks':>8} {'time':>7}"
    rows = [header, "-" * len(header)]
    for name, derivation, error, seconds in runs:
        if derivation is None:
            rows.append(f"{name:32} CRASHED  {error}")
            continue
        passed = sum(s.ok for s in derivation.steps)
        cells = "  ".join(f"{_agreement_cell(derivation, text):12}" for text in TEXTS)
        differing = sum(not r.check.ok for r in derivation.remarks)
        rows.append(f"{name:32} {passed:>3}/{len(derivation.steps):<3}  {cells}  {differing:>8} {seconds:>6.2f}s")
    rows += [wrapped(derivations_summary(runs)), wrapped(DERIVATION_COLUMNS)]
    return "\n".join(rows)


def derivations_summary(runs: list[DerivationRun]) -> str:
    done = [run.derivation for run in runs if run.derivation is not None]
    verified = sum(d.ok for d in done)
    agreements = [agreement_of(d, text) for d in done for text in d.agrees_with]
    remarks = sum(not r.check.ok for d in done for r in d.remarks)
    return (f"{len(runs)} derivations: {verified} with every step verified, "
            f"{len(runs) - verified} failed or crashed; text statements: {agreements.count('agrees')} agree, "
            f"{agreements.count('agrees as read')} agree as read (garbled extraction, reading recorded), "
            f"{agreements.count('DIFFERS')} differ; {remarks} intermediate constants differ "
            f"(details: lazycheck derive NAME)")


def status_counts(claims) -> dict[str, int]:
    """{status: number of entries with it}, crashed included."""
    return {status: sum(c.status == status for c in claims) for status in STATUSES + ("crashed",)}


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.4f}"


#: Width of the report's detail lines (measured figures, counterexamples, errata); longer ones are clipped at a
#: word boundary with an ellipsis, and the JSON has them whole.
DETAIL_WIDTH = 150
#: The narrowest id column of the ledger table; a longer id widens the column.
ID_WIDTH = 46


def wrapped(paragraph: str) -> str:
    """A footer paragraph wrapped to :data:`DETAIL_WIDTH` columns, its continuation lines indented."""
    return textwrap.fill(paragraph, DETAIL_WIDTH, subsequent_indent="  ", break_long_words=False,
                         break_on_hyphens=False)


def run_line(config, claims: int) -> str:
    """The run's configuration in words: the profile, the seed, the search budgets and how many claims ran."""
    seed = "derandomized (no seed: every run gives the same report)" if config.seed is None else f"seed {config.seed}"
    return (f"run: {counted(claims, 'claim')}, profile {config.profile}, {seed}, {counted(config.examples, 'example')} "
            f"per adversarial search after a batched screen of {counted(config.batch_instances, 'instance')} per "
            f"lemma, {config.analytic_screen} per sampled proof step")


def _claim_rows(c, id_width: int) -> list[str]:
    """A claim's row, and under it what a reader needs: measured figures, counterexamples, a study's finding when
    it comes with a replay, and the replay commands."""
    status = c.status + ("" if c.as_expected else "!")
    kinds = ",".join(sorted({check.kind for check in c.checks})) or "-"
    ratios = "" if c.worst_ratio is None else f"{_ratio(c.worst_ratio)}/{_ratio(c.witness_ratio)}"
    rows = [f"{c.entry.id:{id_width}} {status:10} {kinds:28} {ratios:>15} {c.seconds:5.1f}s"]
    for check in c.checks:
        if check.counterexample:
            rows.append(clip(f"    counterexample ({check.ref}): {check.counterexample}", DETAIL_WIDTH))
        elif (check.kind == "measured" and check.ok) or check.replay:
            rows.append(clip(f"    {check.kind}: {check.detail}", DETAIL_WIDTH))
        rows += [f"    replay: {command}" for command in check.replay]
    return rows


def ledger_table(claims, config) -> str:
    """One row per claim (status, kinds of check, worst and witness ratios, time), with the measured details,
    counterexamples and replay commands under it, then the counts and a legend of the columns."""
    id_width = max([ID_WIDTH] + [len(c.entry.id) for c in claims])
    header = f"{'claim':{id_width}} {'status':10} {'checks':28} {'worst/witness':>15} {'time':>6}"
    rows = [header, "-" * len(header)]
    for c in claims:
        rows += _claim_rows(c, id_width)
    counts = ", ".join(f"{n} {s}" for s, n in status_counts(claims).items() if n)
    unexpected = [c.entry.id for c in claims if not c.as_expected]
    rows.append(f"{counted(len(claims), 'claim')}: {counts}; "
                + ("all as expected" if not unexpected else f"UNEXPECTED (marked !): {', '.join(unexpected)}"))
    rows.append(wrapped(instances_line(claims)))
    rows.append(wrapped(f"worst/witness: the largest observed/bound over every check of the claim (adversarial searches: "
                f"{counted(config.examples, 'hypothesis example')} after a batched screen of "
                f"{counted(config.batch_instances, 'instance')} per lemma) and on the constructed near-extremal "
                f"instance; lines ending in{ELLIPSIS} are clipped, the JSON (--json FILE) has them whole"))
    if any(c.status == "pending" for c in claims):
        rows.append("pending: a claim the ledger records but does not check yet")
    return "\n".join(rows)


def instances_line(claims) -> str:
    """The total of instances the searches and sampled checks evaluated (a check shared by twins counted once)."""
    seen = {(check.kind, check.ref, check.detail): check.searched for c in claims for check in c.checks
            if check.kind in ("numeric", "study", "proof", "measured") and check.searched}
    lemmas = sum(n for (kind, ref, _), n in seen.items() if kind == "numeric" and ref in CLAIMS_BY_ID)
    return (f"instances evaluated: {sum(seen.values())} by the searches and studies, {lemmas} of them by the lemma "
            "searches (hypothesis and the batched screen; per check in the JSON's 'instances' and 'ranges'; the "
            "sampled proof steps report theirs in their own detail)")


def errata_lines(errata) -> str:
    lines = [f"{len(errata)} errata in the proofs ({sum(not e.survives for e in errata)} where the conclusion does not "
             "survive); details: lazycheck errata"]
    for erratum in errata:
        lines.append(clip(f"  {erratum.id} [{erratum.status}]: {erratum.wording}", DETAIL_WIDTH))
        lines.append(f"      replay: {erratum.replay}")
    return "\n".join(lines)


def formal_line(formal: dict[str, int]) -> str:
    """How the proof steps were checked: formally in all, machine-checked by Coq, and the Coq checks not run here."""
    if not formal:
        return "proof steps: none run"
    line = (f"proof steps: {formal['formal']} of {formal['steps']} checked formally (Coq, z3, SymPy identity or a "
            f"reference); {formal['coq']} machine-checked by Coq")
    if formal["coq_failed"]:
        line += f", {formal['coq_failed']} Coq checks FAILED"
    if formal["coq_not_run"]:
        line += f"; {formal['coq_not_run']} Coq checks not run ({coq.coq_missing()})"
    if formal.get("sampled_checks"):
        line += (f"; {formal['sampled_checks']} sampled checks evaluated {formal['sampled_instances']} instances "
                 f"(at least {formal['fewest_sampled_instances']} each)")
    return line


def verify_json(runs: list[DerivationRun], claims, errata, config, formal: dict | None = None) -> dict:
    """The whole report as JSON: the run configuration, the derivations, the claims, the errata, and how the proof
    steps were checked."""
    derivations = []
    for name, derivation, error, seconds in runs:
        entry = {"name": name, "seconds": round(seconds, 4), "error": error}
        if derivation is not None:
            entry |= derivation_json(derivation) | {"ok": derivation.ok}
        derivations.append(entry)
    return {"derivations": derivations, "summary": derivations_summary(runs), **config.as_json(),
            "claims": [c.as_json() for c in claims], "summary_claims": status_counts(claims),
            "errata": [erratum_json(e) for e in errata], "proof_steps": formal or {}}
