"""Render derivations as text (with sympy pretty printing), LaTeX and JSON.

The JSON form of one derivation is the public, documented shape::

    {"name", "title", "expression", "specialization", "steps": [{description, source,
     grounds, ok, residual}], "agrees_with": {text: bool}, "statements", "remarks", "notes"}

``expression`` and every expression-valued field is a string that ``sympy.sympify``
parses, using the documented symbol names (``symbolic.symbols``).
"""

from __future__ import annotations

import textwrap

import sympy as sp

from proofs_check.report.markdown import (MARKDOWN_MARKS, latex, latex_math_text, markdown_code,
                                          markdown_inline_math, markdown_math, markdown_text, marks,
                                          unicode_symbols)
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


#: Columns of ``lazycheck derive``'s text: prose is wrapped, and SymPy's pretty forms are wrapped or summarized, to fit.
TEXT_WIDTH = 100
#: Most lines of a wrapped pretty form shown; a longer one (a big matrix) is summarized instead.
PRETTY_MAX_LINES = 40
#: Longest one-line residual shown as it is; a longer one is pretty-printed or summarized.
RESIDUAL_INLINE_WIDTH = 80


def _pretty(expr, indent: str = "    ", *, name: str = "") -> str:
    """The pretty form of ``expr`` in ``TEXT_WIDTH`` columns after ``indent``: as it is, wrapped by SymPy, or, when
    wrapping would take more than ``PRETTY_MAX_LINES`` lines, one line saying what it is and where it is in full."""
    unicode, columns = marks()[0] == "✓", TEXT_WIDTH - len(indent)
    expr = unicode_symbols(expr) if unicode else expr
    block = sp.pretty(expr, use_unicode=unicode, wrap_line=False)
    if max(map(len, block.splitlines()), default=0) > columns:
        block = sp.pretty(expr, use_unicode=unicode, wrap_line=True, num_columns=columns)
    if len(block.splitlines()) <= PRETTY_MAX_LINES and max(map(len, block.splitlines()), default=0) <= columns:
        return _indent(block, indent)
    return _wrap(indent + _summary(expr, name), indent)


def _summary(expr, name: str = "") -> str:
    """'(a 3 x 3 matrix; `lazycheck derive NAME --latex` or `--json` prints it in full)'."""
    shape = f"a {expr.rows} x {expr.cols} matrix" if isinstance(expr, sp.MatrixBase) else "an expression"
    return f"({shape}; `lazycheck derive {name or 'NAME'} --latex` or `--json` prints it in full)"


def _indent(block: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in block.splitlines())


def _wrap(line: str, indent: str) -> str:
    """A line of prose wrapped to ``TEXT_WIDTH`` columns, its continuation lines indented by ``indent``."""
    return textwrap.fill(line, TEXT_WIDTH, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)


def evaluated_residual(residual):
    """The residual with what SymPy can evaluate evaluated (``Subs(Derivative(x**3, x), x, 2)`` is 12); as it is
    when ``doit`` fails."""
    try:
        return sp.sympify(residual).doit()
    except Exception:  # a residual SymPy cannot evaluate further is shown as it is
        return residual


def residual_text(residual, indent: str = "       ", *, name: str = "") -> str:
    """A residual for the terminal: ``0`` when it vanishes (a zero matrix too), one line when short
    and free of unevaluated derivatives, else its pretty form on the lines below (or a summary if too big)."""
    value = evaluated_residual(residual)
    if not isinstance(value, (sp.Basic, sp.MatrixBase)):
        return str(value)
    if isinstance(value, sp.MatrixBase) and value.is_zero_matrix or value == 0:
        return "0"
    inline = str(value)
    if len(inline) <= RESIDUAL_INLINE_WIDTH and not value.has(sp.Subs, sp.Derivative):
        return inline
    return "\n" + _pretty(value, indent, name=name)


def _spaced(text: str) -> str:
    """``text`` after a space, or on the lines below when it starts with a line break."""
    return text if text.startswith("\n") else " " + text


def derivation_text(derivation: Derivation) -> str:
    """Human-readable derivation in ``TEXT_WIDTH`` columns: expression, numbered steps with marks, the texts."""
    good, bad = marks()
    name = derivation.name
    lines = [_wrap(f"{name}: {derivation.title}", "    "), _pretty(derivation.expression, name=name)]
    if derivation.specialization:
        at = ", ".join(f"{k} = {v}" for k, v in derivation.specialization.items())
        lines += [_wrap(f"  at {at}:", "    "), _pretty(derivation.specialized, name=name)]
    lines.append("  steps:")
    for number, s in enumerate(derivation.steps, 1):
        residual = "" if s.ok else "   residual:" + _spaced(residual_text(s.residual, name=name))
        lines.append(_wrap(f"   {good if s.ok else bad} {number}. {s.description}  [{s.source}; {s.grounds}]",
                           "       ") + residual)
    for statement in derivation.statements:
        lines.append(_statement_line(derivation, statement))
    for remark in derivation.remarks:
        verdict = "agrees" if remark.check.ok else "DIFFERS"
        lines.append(_wrap(f"  {remark.text}, {remark.location}: intermediate constant {verdict}: {remark.note}",
                           "    "))
    lines += [_wrap(f"  note: {note}", "    ") for note in derivation.notes]
    return "\n".join(lines)


def _statement_line(derivation: Derivation, statement: Statement) -> str:
    """Whether a text's statement agrees as written (the residual if not), and our reading of it."""
    check = derivation.agreement[statement.text]
    residual = "" if check.ok else residual_text(check.residual, "      ", name=derivation.name)
    below = residual.startswith("\n")  # a residual pretty-printed on the lines below
    verdict = ("agrees as written" if check.ok else "DIFFERS as written, residual:" if below
               else f"DIFFERS as written (residual {residual})")
    head = f"  {statement.text}, {statement.location}: {verdict}"
    reading = ""
    if statement.reading is not None:
        agrees = "agrees" if derivation.reading_agrees(statement) else "differs"
        reading = f"our reading {statement.reading} {agrees}. {statement.note}"
    if below:
        return _wrap(head, "    ") + residual + ("\n" + _wrap("    " + reading, "    ") if reading else "")
    return _wrap(head + (f"; {reading}" if reading else ""), "    ")


def derivation_latex(derivation: Derivation) -> str:
    """LaTeX fragment (for amsmath and amssymb): the expression and an itemized list of checked steps, in lazycheck's
    notation (:func:`~proofs_check.report.markdown.latex` for SymPy's expressions,
    :func:`~proofs_check.report.markdown.latex_math_text` for the ASCII math of the steps)."""
    lines = [f"% {derivation.name}: {' '.join(derivation.title.split())}", r"\[ " + latex(derivation.expression) + r" \]"]
    if derivation.specialization:
        at = ", ".join(f"{latex(k)} = {latex(v)}" for k, v in derivation.specialization.items())
        lines.append(rf"At ${at}$: \[ " + latex(derivation.specialized) + r" \]")
    lines.append(r"\begin{enumerate}")
    for s in derivation.steps:
        mark = r"$\checkmark$" if s.ok else rf"$\times$ (residual {_residual_latex(s.residual)})"
        lines.append(rf"  \item {mark} {latex_math_text(s.description)} "
                     rf"[{latex_math_text(s.source)}; {latex_math_text(s.grounds)}]")
    lines.append(r"\end{enumerate}")
    for text, ok in derivation.agrees_with.items():
        lines.append(rf"% {text}: {'agrees' if ok else 'differs'} as written")
    return "\n".join(lines)


def _residual_latex(residual) -> str:
    """A residual as inline math, evaluated where SymPy can; as escaped text when SymPy cannot read it."""
    try:
        return f"${latex(evaluated_residual(residual))}$"
    except (sp.SympifyError, TypeError, ValueError):
        return latex_math_text(str(residual))


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
