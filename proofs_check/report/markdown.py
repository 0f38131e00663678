"""Markdown, LaTeX and terminal helpers shared by the renderers: marks, escaping, math for GitHub."""

from __future__ import annotations

import re
import sys

import sympy as sp


def marks(stream=None) -> tuple[str, str]:
    """(pass, fail) marks: check marks when the stream can encode them, else words."""
    encoding = getattr(stream or sys.stdout, "encoding", None) or "ascii"
    try:
        "✓✗".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "ok", "FAIL"
    return "✓", "✗"


_LATEX_ESCAPES = str.maketrans({"\\": r"\textbackslash{}", "_": r"\_", "^": r"\^{}", "&": r"\&", "%": r"\%",
                                "#": r"\#", "{": r"\{", "}": r"\}", "$": r"\$", "~": r"\~{}"})


def latex_text(text: str) -> str:
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


