"""Render proof chains and errata as text, LaTeX, JSON and Markdown."""

from __future__ import annotations

from proofs_check.proofs.chain import Erratum, ProofReport, StepResult
from proofs_check.report import markdown as render


def _mark(status: str) -> str:
    good, bad = render.marks()
    return {"holds": good, "fails": bad, "gap": "gap", "unchecked": "?"}[status]


def step_json(result: StepResult) -> dict:
    step = result.step
    return {
        "label": step.label, "location": step.location, "before": step.before, "after": step.after,
        "justification": step.justification, "kind": step.kind, "kinds": step.kinds, "coq": coq_json(result),
        "status": result.status, "expected": step.expected,
        "detail": None if result.outcome is None else result.outcome.detail,
        "counterexample": None if result.outcome is None else (result.outcome.counterexample or None),
        "witness": None if result.outcome is None or result.outcome.witness is None else result.outcome.witness.as_json(),
        "corrected_statement": step.corrected_statement or None,
        "corrected": None if result.corrected is None else {"ok": result.corrected.ok, "detail": result.corrected.detail},
        "result": None if result.outcome is None else result.outcome.as_json(),
        "explanation": step.explanation or None, "reading": step.reading or None,
        "unchecked_reason": step.unchecked_reason or None, "seconds": round(result.seconds, 4),
    }


def coq_json(result: StepResult) -> dict | None:
    """The step's Coq lemma (:func:`lemma_json`) and its verdict here."""
    check = result.step.coq
    if check is None:
        return None
    verdict = None if result.formal is None else {"ok": result.formal.ok, "skipped": result.formal.skipped,
                                                  "detail": result.formal.detail}
    return lemma_json(check.lemma, check.role) | {"verdict": verdict}


def lemma_json(lemma, role: str = "statement") -> dict:
    """A Coq lemma: its file, its name, the statement the kernel checks, what it proves of its step (``role``) and
    the hypotheses that stand for facts the development does not prove."""
    return {"file": f"proofs_check/coq/{lemma.file}", "name": lemma.name, "role": role,
            "statement": " ".join(lemma.statement.split()), "assumes": list(lemma.assumes)}


#: What a Coq lemma proves of its step (or of its ledger entry), by role.
COQ_ROLES = {"statement": "proves the step", "claim": "proves the claim", "corrected": "proves the corrected step",
             "negation": "proves the negation of the step at an admissible witness"}


def proof_json(report: ProofReport) -> dict:
    proof = report.proof
    return {"id": proof.id, "title": proof.title, "source": proof.source, "location": proof.location,
            "statement": proof.statement, "twins": list(proof.twins), "status": report.status,
            "as_expected": report.as_expected, "counts": report.counts(), "seconds": round(report.seconds, 3),
            "steps": [step_json(r) for r in report.results]}


def step_text(result: StepResult) -> str:
    step = result.step
    lines = [f"  {_mark(result.status):>4} {step.label:>3} [{step.kinds}] {step.after}",
             f"           from: {step.before}   ({step.justification or 'no justification given'}; {step.location})"]
    if result.outcome is not None:
        lines.append(f"           {result.outcome.detail}")
        if result.outcome.counterexample:
            lines.append(f"           counterexample: {result.outcome.counterexample}")
    lines += _coq_lines(result)
    if step.reading:
        lines.append(f"           reading: {step.reading}")
    if result.status in ("fails", "gap"):
        lines.append(f"           why: {step.explanation}")
        if step.corrected_statement:
            verdict = "" if result.corrected is None else (" [holds]" if result.corrected.ok else " [fails]")
            lines.append(f"           corrected: {step.corrected_statement}{verdict}")
    if result.status != step.expected:
        lines.append(f"           UNEXPECTED: expected {step.expected}")
    return "\n".join(lines)


def _coq_lines(result: StepResult) -> list[str]:
    coq = coq_json(result)
    if coq is None:
        return []
    lines = [f"           coq ({COQ_ROLES[coq['role']]}): {coq['verdict']['detail']}",
             f"             {coq['file']}: {coq['name']} : {coq['statement']}"]
    return lines + [f"             hypothesis standing for a fact: {fact}" for fact in coq["assumes"]]


def proof_text(report: ProofReport) -> str:
    proof = report.proof
    counts = ", ".join(f"{n} {s}" for s, n in report.counts().items() if n)
    lines = [f"{proof.id}: {proof.title} ({proof.source}, {proof.location})", f"  statement: {proof.statement}"]
    if proof.twins:
        lines.append(f"  twins: {', '.join(proof.twins)}")
    lines += [step_text(r) for r in report.results]
    lines.append(f"  status: {report.status} ({counts}); {report.seconds:.1f} s")
    return "\n".join(lines)


def proof_latex(report: ProofReport) -> str:
    """A chain as a LaTeX fragment (for amsmath and amssymb): the statement and one item per step, their ASCII math
    typeset by :func:`~proofs_check.report.markdown.latex_math_text`."""
    math = render.latex_math_text
    symbol = {"holds": r"$\checkmark$", "fails": r"$\times$", "gap": "gap", "unchecked": "?"}
    lines = [rf"\paragraph{{{render.latex_text(report.proof.id)}}} {math(report.proof.statement)}", r"\begin{enumerate}"]
    for r in report.results:
        detail = "" if r.outcome is None else math(r.outcome.detail)
        justification = f" ({math(r.step.justification)})" if r.step.justification else ""
        lines.append(rf"  \item[{render.latex_text(r.step.label)}] {symbol[r.status]} "
                     rf"\emph{{{render.latex_text(r.step.kinds)}}}: {math(r.step.after)}{justification}. {detail}")
    lines.append(r"\end{enumerate}")
    return "\n".join(lines)


def erratum_json(erratum: Erratum) -> dict:
    return dict(vars(erratum))


def erratum_text(erratum: Erratum) -> str:
    survives = "the conclusion survives" if erratum.survives else "the conclusion does NOT survive"
    return "\n".join([
        f"{erratum.id} [{erratum.status}] ({erratum.text}, {erratum.location})",
        f"  as written: {erratum.wording}",
        f"  why: {erratum.why}",
        f"  counterexample: {erratum.counterexample or 'none (' + erratum.finding + ')'}",
        f"  corrected: {erratum.corrected_statement} {('(' + erratum.corrected_check + ')') if erratum.corrected_check else ''}",
        f"  {survives}; replay: {erratum.replay}",
    ])


# Markdown, for the teaching notes (``lazycheck notes``). These take the JSON forms above (proof_json,
# erratum_json), so that a chain run in another process renders the same.

#: The mark of a step's status in Markdown.
MARKDOWN_STEP_MARKS = {"holds": "✓", "fails": "✗", "gap": "gap", "unchecked": "unchecked"}


def step_markdown(step: dict) -> str:
    """One step of a chain (a :func:`step_json` dictionary) as a Markdown list item with nested details."""
    code, text = render.markdown_code, render.markdown_text
    justification = step["justification"] or "no justification given"
    mark = MARKDOWN_STEP_MARKS[step["status"]]
    lines = [f"- {mark} **{step['label']}** · *{step['kinds']}* · {code(step['after'])}",
             f"  - from {code(step['before'])} ({text(justification)}; {text(step['location'])})"]
    if step["detail"] is not None:
        lines.append(f"  - check: {code(step['detail'])}")
    lines += coq_markdown(step["coq"])
    if step["counterexample"]:
        lines.append(f"  - counterexample: {code(step['counterexample'])}")
    if step["reading"]:
        lines.append(f"  - reading: {text(step['reading'])}")
    if step["unchecked_reason"]:
        lines.append(f"  - unchecked: {text(step['unchecked_reason'])}")
    if step["status"] != step["expected"]:
        lines.append(f"  - **unexpected**: the chain expects {step['expected']}")
    return "\n".join(lines)


def coq_markdown(coq: dict | None, notes_to_root: str = "..", indent: str = "  ") -> list[str]:
    """The step's Coq lemma as nested list items: what it proves, a link to its file, the statement the kernel
    checked, and the hypotheses that stand for facts. Its verdict here is left out: the notes read the same on a
    machine without Coq (``lazycheck proof`` and ``verify`` report it)."""
    if coq is None:
        return []
    code = render.markdown_code
    link = f"[{coq['file'].rsplit('/', 1)[-1]}]({notes_to_root}/{coq['file']})"
    lines = [f"{indent}- machine-checked (Coq, {link}, `{coq['name']}`) {COQ_ROLES[coq['role']]}: "
             f"{code(coq['statement'])}"]
    return lines + [f"{indent}  - hypothesis standing for a fact: {render.markdown_text(fact)}" for fact in coq["assumes"]]


def proof_markdown(proof: dict, heading: str = "###") -> str:
    """A chain (a :func:`proof_json` dictionary) as Markdown: heading, statement, status, one item per step."""
    counts = ", ".join(f"{n} {status}" for status, n in proof["counts"].items() if n)
    twins = "".join(f"; twin of `{twin}`" for twin in proof["twins"])
    lines = [f"{heading} `{proof['id']}`: {render.markdown_text(proof['title'])}", "",
             f"*{render.markdown_text(proof['source'])}, {render.markdown_text(proof['location'])}*{twins}.", "",
             f"Statement: {render.markdown_code(proof['statement'])}", "",
             f"Status: **{proof['status']}** ({counts}).", ""]
    lines += [step_markdown(step) for step in proof["steps"]]
    return "\n".join(lines) + "\n"


def erratum_markdown(erratum: dict, heading: str = "###") -> str:
    """An erratum (an :func:`erratum_json` dictionary) as Markdown: wording, why, counterexample, correction."""
    code, text = render.markdown_code, render.markdown_text
    survives = "the conclusion survives" if erratum["survives"] else "the conclusion does **not** survive"
    lines = [f"{heading} `{erratum['id']}`: {_marked(erratum['status'])}", "",
             f"- where: {erratum['text']}, {text(erratum['location'])}",
             f"- as written: {code(erratum['wording'])}",
             f"- why: {text(erratum['why'])}",
             f"- counterexample: {code(erratum['counterexample'])}"]
    if erratum["corrected_statement"]:
        lines.append(f"- correction: {code(erratum['corrected_statement'])}")
    if erratum["corrected_check"]:
        lines.append(f"- the correction, checked: {code(erratum['corrected_check'])}")
    lines += [f"- {survives}", f"- replay: {code(erratum['replay'])}"]
    return "\n".join(lines) + "\n"


def _marked(status: str) -> str:
    """'✗ fails', 'gap', ...: the status with its mark, when the mark is not the word itself."""
    mark = MARKDOWN_STEP_MARKS[status]
    return status if mark == status else f"{mark} {status}"
