"""Render derivations as text (with sympy pretty printing), LaTeX and JSON.

The JSON form of one derivation is the public, documented shape::

    {"name", "title", "expression", "specialization", "steps": [{description, source,
     grounds, ok, residual}], "agrees_with": {text: bool}, "statements", "remarks", "notes"}

``expression`` and every expression-valued field is a string that ``sympy.sympify``
parses, using the documented symbol names (``symbolic.symbols``).
"""

from __future__ import annotations

import sympy as sp

from proofs_check.report.markdown import (MARKDOWN_MARKS, latex, latex_text, markdown_code, markdown_inline_math,
                                          markdown_math, markdown_text, marks)
from symbolic.core import Derivation, Statement


def _statement_json(derivation: Derivation, statement: Statement) -> dict:
    check = derivation.agreement[statement.text]
    return {
        "text": statement.text,
        "location": statement.location,
        "quote": statement.quote,
        "expression": str(statement.expression),
        "at": {str(k): str(v) for k, v in statement.at.items()},
        "agrees": check.ok,
        "residual": str(check.residual),
        "reading": None if statement.reading is None else str(statement.reading),
        "reading_agrees": derivation.reading_agrees(statement),
        "note": statement.note,
    }


def derivation_json(derivation: Derivation) -> dict:
    """The JSON-ready dictionary of one derivation."""
    specialization = None
    if derivation.specialization:
        specialization = {
            "at": {str(k): str(v) for k, v in derivation.specialization.items()},
            "expression": str(derivation.specialized),
        }
    return {
        "name": derivation.name,
        "title": derivation.title,
        "expression": str(derivation.expression),
        "specialization": specialization,
        "steps": [
            {"description": s.description, "source": s.source, "grounds": s.grounds, "ok": s.ok,
             "residual": str(s.residual)}
            for s in derivation.steps
        ],
        "agrees_with": derivation.agrees_with,
        "statements": [_statement_json(derivation, s) for s in derivation.statements],
        "remarks": [
            {"text": r.text, "location": r.location, "quote": r.quote, "stated": str(r.stated),
             "derived": str(r.derived), "agrees": r.check.ok, "residual": str(r.check.residual), "note": r.note}
            for r in derivation.remarks
        ],
        "notes": list(derivation.notes),
    }


def _pretty(expr) -> str:
    return sp.pretty(expr, use_unicode=marks()[0] == "✓", wrap_line=False)


def _indent(block: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in block.splitlines())


def derivation_text(derivation: Derivation) -> str:
    """Human-readable derivation: expression, numbered steps with marks, the texts."""
    good, bad = marks()
    lines = [f"{derivation.name}: {derivation.title}", _indent(_pretty(derivation.expression), "    ")]
    if derivation.specialization:
        at = ", ".join(f"{k} = {v}" for k, v in derivation.specialization.items())
        lines += [f"  at {at}:", _indent(_pretty(derivation.specialized), "    ")]
    lines.append("  steps:")
    for number, s in enumerate(derivation.steps, 1):
        residual = "" if s.ok else f"   residual: {s.residual}"
        lines.append(f"   {good if s.ok else bad} {number}. {s.description}  [{s.source}; {s.grounds}]{residual}")
    for statement in derivation.statements:
        lines.append(_statement_line(derivation, statement))
    for remark in derivation.remarks:
        verdict = "agrees" if remark.check.ok else "DIFFERS"
        lines.append(f"  {remark.text}, {remark.location}: intermediate constant {verdict}: {remark.note}")
    lines += [f"  note: {note}" for note in derivation.notes]
    return "\n".join(lines)


def _statement_line(derivation: Derivation, statement: Statement) -> str:
    check = derivation.agreement[statement.text]
    verdict = "agrees as written" if check.ok else f"DIFFERS as written (residual {check.residual})"
    line = f"  {statement.text}, {statement.location}: {verdict}"
    if statement.reading is not None:
        reading = "agrees" if derivation.reading_agrees(statement) else "differs"
        line += f"; our reading {statement.reading} {reading}. {statement.note}"
    return line


def derivation_latex(derivation: Derivation) -> str:
    """LaTeX fragment: the expression and an itemized list of checked steps."""
    lines = [f"% {derivation.name}: {derivation.title}", r"\[ " + sp.latex(derivation.expression) + r" \]"]
    if derivation.specialization:
        at = ", ".join(f"{sp.latex(k)} = {sp.latex(v)}" for k, v in derivation.specialization.items())
        lines.append(rf"At ${at}$: \[ " + sp.latex(derivation.specialized) + r" \]")
    lines.append(r"\begin{enumerate}")
    for s in derivation.steps:
        mark = r"$\checkmark$" if s.ok else rf"$\times$ (residual ${sp.latex(s.residual)}$)"
        lines.append(rf"  \item {mark} {latex_text(s.description)} [{latex_text(s.source)}]")
    lines.append(r"\end{enumerate}")
    for text, ok in derivation.agrees_with.items():
        lines.append(rf"% {text}: {'agrees' if ok else 'differs'} as written")
    return "\n".join(lines)


def derivation_markdown(derivation: Derivation, heading: str = "###") -> str:
    """A derivation as Markdown: the expression as math, the checked steps, each text's statement, the remarks."""
    lines = [f"{heading} `{derivation.name}`: {markdown_text(derivation.title)}", "",
             markdown_math(derivation.expression, name=derivation.name), ""]
    if derivation.specialization:
        at = ", ".join(f"{latex(k)} = {latex(v)}" for k, v in derivation.specialization.items())
        lines += [f"At ${at}$:", "", markdown_math(derivation.specialized, name=derivation.name), ""]
    for number, s in enumerate(derivation.steps, 1):
        residual = "" if s.ok else f" (residual {markdown_inline_math(s.residual)})"
        lines.append(f"{number}. {MARKDOWN_MARKS[s.ok]} {markdown_text(s.description)}: *{markdown_text(s.source)}*; "
                     f"{markdown_text(s.grounds)}{residual}")
    texts = _statements_markdown(derivation) + _remarks_markdown(derivation)
    texts += [f"- Note: {markdown_text(note)}" for note in derivation.notes]
    return "\n".join(lines + ([""] + texts if texts else [])) + "\n"


def _statements_markdown(derivation: Derivation) -> list[str]:
    """One item per text stating the result: its words as quoted, and whether they agree as written."""
    lines = []
    for statement in derivation.statements:
        check = derivation.agreement[statement.text]
        verdict = ("agrees as written" if check.ok else
                   f"differs as written (residual {markdown_inline_math(check.residual)})")
        lines.append(f"- {MARKDOWN_MARKS[check.ok]} **{statement.text}**, {markdown_text(statement.location)}: "
                     f"{markdown_code(statement.quote)} {verdict}")
        if statement.reading is not None:
            reading = "agrees" if derivation.reading_agrees(statement) else "differs"
            lines.append(f"  - our reading {markdown_inline_math(statement.reading)} {reading}: "
                         f"{markdown_text(statement.note)}")
    return lines


def _remarks_markdown(derivation: Derivation) -> list[str]:
    """One item per intermediate constant of a text's chain, compared with ours."""
    return [f"- {MARKDOWN_MARKS[remark.check.ok]} intermediate constant, **{remark.text}**, "
            f"{markdown_text(remark.location)}, {markdown_code(remark.quote)}: "
            f"{'agrees' if remark.check.ok else 'differs'}. {markdown_text(remark.note)}"
            for remark in derivation.remarks]
