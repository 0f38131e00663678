"""Render derivations as text (with sympy pretty printing), LaTeX and JSON.

The JSON form of one derivation is the public, documented shape::

    {"name", "title", "expression", "specialization", "steps": [{description, source,
     grounds, ok, residual}], "agrees_with": {text: bool}, "statements", "remarks", "notes"}

``expression`` and every expression-valued field is a string that ``sympy.sympify``
parses, using the documented symbol names (``symbolic.symbols``).
"""

from __future__ import annotations

import re
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


# Markdown, for the teaching notes (``lazycheck notes``). GitHub renders $...$ and $$...$$ as math.

#: Marks of a check in Markdown: fixed characters, whatever the terminal can encode.
MARKDOWN_MARKS = {True: "✓", False: "✗"}

#: LaTeX for the documented symbols (symbolic.symbols) whose names sympy would print as plain words;
#: greek names (alpha, mu, nu, kappa, phi) and single letters are printed right by sympy itself.
LATEX_SYMBOL_NAMES = {
    "lam": r"\lambda", "sigma_min": r"\sigma_{\min}", "Df_norm": r"\lVert Df_{w_0} \rVert", "lip_Df": r"L_{Df}",
    "lip_f": r"L_f", "d0": r"d_0", "Sigma0_norm": r"\lVert \Sigma(0) \rVert", "f_star_norm": r"\lVert f^{\ast} \rVert",
    "C1": r"C_1", "C2": r"C_2", "F0": r"F_0", "x_norm": r"\lVert x \rVert", "xp_norm": r"\lVert x' \rVert",
    "dot": r"x \cdot x'", "E_b2": r"\mathbb{E}(b^2)", "E_a2": r"\mathbb{E}\lVert a \rVert^2",
}

#: Longest LaTeX (in characters) shown as math in Markdown. Longer expressions are the matrices the flow
#: derivations check on a concrete instance; ``lazycheck derive NAME --latex`` prints them in full.
MARKDOWN_LATEX_LIMIT = 600

#: GitHub applies Markdown's backslash escapes inside $...$ and $$...$$ (github/markup#1547), so LaTeX
#: commands made of a backslash and a punctuation mark lose their backslash there; these spell them in words.
#: A ``|`` before a subscript could also open emphasis. (Multi-row LaTeX, with ``\\``, is never shown as math.)
_GITHUB_SAFE_LATEX = {r"\right|": r"\right\vert", r"\left|": r"\left\vert", r"\|": r"\Vert", r"\{": r"\lbrace",
                      r"\}": r"\rbrace", r"\,": r"\thinspace", r"\:": r"\medspace", r"\;": r"\thickspace",
                      r"\!": r"\negthinspace"}
_GITHUB_UNSAFE_LATEX = re.compile("|".join(re.escape(unsafe) for unsafe in _GITHUB_SAFE_LATEX) + "(?=([A-Za-z])?)")


def latex(expr) -> str:
    """LaTeX of a sympy expression in lazycheck's notation (:data:`LATEX_SYMBOL_NAMES`)."""
    expr = sp.sympify(expr)
    names = {s: LATEX_SYMBOL_NAMES[s.name] for s in expr.free_symbols
             if isinstance(s, sp.Symbol) and s.name in LATEX_SYMBOL_NAMES}
    return sp.latex(expr, symbol_names=names)


def github_latex(expr) -> str | None:
    """LaTeX of ``expr`` that GitHub renders as written, or None when it has several rows, is too long, or has
    an underscore or star that Markdown could read as emphasis."""
    source = latex(expr)
    if "\\\\" in source or "&" in source or len(source) > MARKDOWN_LATEX_LIMIT:
        return None
    # A space after the word only where a letter follows (a space before a subscript could open emphasis).
    source = _GITHUB_UNSAFE_LATEX.sub(lambda m: _GITHUB_SAFE_LATEX[m.group(0)] + (" " if m.group(1) else ""), source)
    return None if re.search(r"(?<![A-Za-z0-9])_|\*", source) else source  # what could still read as emphasis


def markdown_text(text: str, *, in_table: bool = False) -> str:
    """Plain text (prose with ASCII math such as ``y*`` or ``||w - w0||``) escaped for Markdown, on one line.

    Only what Markdown would read as markup is escaped: emphasis and code marks, links, math, strikethrough,
    an underscore that does not join two words, a ``<`` that could open an HTML tag, and in a table, pipes.
    """
    text = re.sub(r"[\\`*\[\]$~]", lambda match: "\\" + match.group(), " ".join(text.split()))
    text = re.sub(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])", r"\\_", text)
    text = re.sub(r"<(?=[A-Za-z/!?])", r"\\<", text)
    return text.replace("|", r"\|") if in_table else text


def markdown_code(text: str, *, in_table: bool = False) -> str:
    """``text`` as a Markdown code span, on one line; in a table, its pipes are escaped (GitHub's rule)."""
    text = " ".join(str(text).split())
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    span = f"{fence}{pad}{text}{pad}{fence}"
    return span.replace("|", r"\|") if in_table else span


def markdown_math(expr, *, name: str = "") -> str:
    """A display-math block ($$ on lines of their own); for a too-long expression, one line saying where it is;
    for a short one that is not safe as GitHub math (a matrix), a code span."""
    source = github_latex(expr)
    if source is not None:
        return f"$$\n{source}\n$$"
    size = len(latex(expr))
    if size <= MARKDOWN_LATEX_LIMIT:
        return markdown_code(str(expr))
    shape = f"a {expr.rows} × {expr.cols} matrix" if isinstance(expr, sp.MatrixBase) else "an expression"
    where = f"`lazycheck derive {name} --latex`" if name else "`lazycheck derive --latex`"
    return f"*({shape}, {size} characters of LaTeX, too long to show here; {where} prints it)*"


def markdown_inline_math(expr) -> str:
    """Inline math ``$...$``, or a code span of the expression when it is not safe as GitHub math."""
    source = github_latex(expr)
    return markdown_code(str(expr)) if source is None else f"${source}$"


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
