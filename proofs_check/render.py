"""Render derivations as text (with sympy pretty printing), LaTeX and JSON.

The JSON form of one derivation is the public, documented shape::

    {"name", "title", "expression", "specialization", "steps": [{description, source,
     grounds, ok, residual}], "agrees_with": {text: bool}, "statements", "remarks", "notes"}

``expression`` and every expression-valued field is a string that ``sympy.sympify``
parses, using the documented symbol names (``symbolic.symbols``).
"""

from __future__ import annotations

import sys

import sympy as sp

from symbolic.core import Derivation, Statement


def marks(stream=None) -> tuple[str, str]:
    """(pass, fail) marks: check marks when the stream can encode them, else words."""
    encoding = getattr(stream or sys.stdout, "encoding", None) or "ascii"
    try:
        "✓✗".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "ok", "FAIL"
    return "✓", "✗"


def _str(expr) -> str:
    return str(expr)


def _statement_json(derivation: Derivation, statement: Statement) -> dict:
    check = derivation.agreement[statement.text]
    return {
        "text": statement.text,
        "location": statement.location,
        "quote": statement.quote,
        "expression": _str(statement.expression),
        "at": {_str(k): _str(v) for k, v in statement.at.items()},
        "agrees": check.ok,
        "residual": _str(check.residual),
        "reading": None if statement.reading is None else _str(statement.reading),
        "reading_agrees": derivation.reading_agrees(statement),
        "note": statement.note,
    }


def derivation_json(derivation: Derivation) -> dict:
    """The JSON-ready dictionary of one derivation."""
    specialization = None
    if derivation.specialization:
        specialization = {
            "at": {_str(k): _str(v) for k, v in derivation.specialization.items()},
            "expression": _str(derivation.specialized),
        }
    return {
        "name": derivation.name,
        "title": derivation.title,
        "expression": _str(derivation.expression),
        "specialization": specialization,
        "steps": [
            {"description": s.description, "source": s.source, "grounds": s.grounds, "ok": s.ok,
             "residual": _str(s.residual)}
            for s in derivation.steps
        ],
        "agrees_with": derivation.agrees_with,
        "statements": [_statement_json(derivation, s) for s in derivation.statements],
        "remarks": [
            {"text": r.text, "location": r.location, "quote": r.quote, "stated": _str(r.stated),
             "derived": _str(r.derived), "agrees": r.check.ok, "residual": _str(r.check.residual), "note": r.note}
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
        lines.append(rf"  \item {mark} {_latex_text(s.description)} [{_latex_text(s.source)}]")
    lines.append(r"\end{enumerate}")
    for text, ok in derivation.agrees_with.items():
        lines.append(rf"% {text}: {'agrees' if ok else 'differs'} as written")
    return "\n".join(lines)


_LATEX_ESCAPES = str.maketrans({"\\": r"\textbackslash{}", "_": r"\_", "^": r"\^{}", "&": r"\&", "%": r"\%",
                                "#": r"\#", "{": r"\{", "}": r"\}", "$": r"\$", "~": r"\~{}"})


def _latex_text(text: str) -> str:
    """Escape plain text for LaTeX, in one pass."""
    return text.translate(_LATEX_ESCAPES)
