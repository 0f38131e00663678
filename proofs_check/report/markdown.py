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


#: LaTeX for the documented symbols (symbolic.symbols) whose names sympy would print as plain words;
#: greek names (alpha, mu, nu, kappa, phi) and single letters are printed right by sympy itself.
LATEX_SYMBOL_NAMES = {
    "lam": r"\lambda", "sigma_min": r"\sigma_{\min}", "Df_norm": r"\lVert Df_{w_0} \rVert", "lip_Df": r"L_{Df}",
    "lip_f": r"L_f", "d0": r"d_0", "Sigma0_norm": r"\lVert \Sigma(0) \rVert", "f_star_norm": r"\lVert f^{\ast} \rVert",
    "C1": r"C_1", "C2": r"C_2", "F0": r"F_0", "x_norm": r"\lVert x \rVert", "xp_norm": r"\lVert x' \rVert",
    "dot": r"x \cdot x'", "E_b2": r"\mathbb{E}(b^2)", "E_a2": r"\mathbb{E}\lVert a \rVert^2",
}
#: The same symbols in the terminal's pretty forms (``lazycheck derive``), where SymPy would print the plain
#: name; the names SymPy already prints well (sigma_min as σₘᵢₙ, d0 as d₀) are left to it.
UNICODE_SYMBOL_NAMES = {
    "lam": "λ", "Df_norm": "‖Df(w₀)‖", "lip_Df": "L_Df", "lip_f": "L_f", "Sigma0_norm": "‖Σ(0)‖",
    "f_star_norm": "‖f*‖", "x_norm": "‖x‖", "xp_norm": "‖x'‖", "E_b2": "E(b²)", "E_a2": "E‖a‖²",
}


def unicode_symbols(expr):
    """``expr`` with the documented symbols renamed as :data:`UNICODE_SYMBOL_NAMES` spells them, for display only
    (the renamed symbols keep their assumptions, so the printed form is the same expression)."""
    expr = sp.sympify(expr)
    if not hasattr(expr, "free_symbols"):
        return expr
    renamed = {s: sp.Symbol(UNICODE_SYMBOL_NAMES[s.name], **s.assumptions0) for s in expr.free_symbols
               if isinstance(s, sp.Symbol) and s.name in UNICODE_SYMBOL_NAMES}
    return expr.xreplace(renamed) if renamed else expr

# LaTeX of the ASCII math in prose (step descriptions, a chain's steps and justifications), e.g.
# ``||grad F(y)||^2 >= 2 mu Fbar(y) (tight: ...)``: math runs go in $...$, words stay text.

#: LaTeX of the names used in the ASCII math of prose, besides the documented symbols (:data:`LATEX_SYMBOL_NAMES`).
ASCII_MATH_NAMES = {
    **{name: "\\" + name for name in (
        "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau upsilon phi chi psi "
        "omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega exp log sin cos tan sinh cosh tanh arcsin "
        "sup inf max min lim det ker dim int sum perp").split()},
    "grad": r"\nabla", "oo": r"\infty", "o": r"\circ", "Id": r"\mathrm{Id}", "Lip": r"\mathrm{Lip}",
    "ell": r"\ell", "rank": r"\operatorname{rank}", "diag": r"\operatorname{diag}", "asin": r"\arcsin", "dt": "dt", "ds": "ds",
}

#: Words that read as English in prose even where a documented symbol has the same name.
_PROSE_NAMES = {"dot", "a", "I"}
#: Capitalized two-letter English words: a sentence may start with them (other two-letter names such as Df are math).
_TWO_LETTER_WORDS = {"By", "If", "As", "On", "In", "At", "To", "Of", "Is", "It", "An", "Or", "No", "So", "We", "Up", "Li"}
#: The documented symbols whose names have an underscore (``sigma_min``, ``lip_Df``): one token each.
_SYMBOLS_WITH_UNDERSCORE = "|".join(sorted((re.escape(name) for name in LATEX_SYMBOL_NAMES if "_" in name), key=len,
                                           reverse=True))

_ASCII_MATH_TOKEN = re.compile(rf"""
    (?P<space>\s+)
  | (?P<word>\d+-[A-Za-z]+(?:-[A-Za-z]+)*|[A-Z]\.\d+(?:\.\d+)*\b|[A-Za-z]+'s\b|[A-Za-z]{{4,}}\(s\)|z3\b)
  | (?P<symbol>\b(?:{_SYMBOLS_WITH_UNDERSCORE})\b)
  | (?P<code>[a-z][a-z0-9]{{2,}}(?:_[a-z0-9]+)+\b)
  | (?P<name>[A-Za-z][A-Za-z0-9]*)
  | (?P<number>\d+(?:\.\d+)?(?:e[+-]?\d+)?)
  | (?P<op><=>|<=|>=|->|!=|\+-|\*\*|\|\||\.\.\.)
  | (?P<char>.)""", re.X | re.S)

_MATH_OPS = {"<=>": r"\iff", "<=": r"\le", ">=": r"\ge", "->": r"\to", "!=": r"\ne", "+-": r"\pm", "...": r"\dots", "{": r"\{", "}": r"\}",
             "\\": r"\backslash", "&": r"\&", "%": r"\%", "#": r"\#", "$": r"\$", "~": r"\sim", '"': "{''}",
             "^": r"\wedge", "_": r"\_", "*": r"\ast"}
#: What makes a run of tokens between words math rather than text (a name that is not a word counts too).
_MATH_MARKERS = {"<=>", "<=", ">=", "->", "!=", "+-", "||", "**", "^", "_", "=", "<", ">", "|", "*", "{"}
_TEXT_ESCAPES = {"<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}"}


def latex_math_text(text: str) -> str:
    r"""Prose with ASCII math (``||grad F||^2 <= 2 nu Fbar``, ``exp(-2*mu*lam*t)``, ``Sigma(t) >= lam*Id``) as LaTeX
    text: runs of math between words go in ``$...$`` with lazycheck's symbols (``lam`` as :math:`\lambda`, ``||x||``
    as :math:`\lVert x\rVert`, ``y^(1/2)`` and ``Sigma0^{1/2}`` as superscripts, ``sqrt(...)`` as a root), words
    stay text, and anything else is escaped. The output compiles with amsmath whatever the input.
    """
    tokens = _ascii_math_tokens(" ".join(text.split()))
    prose = _prose_flags(tokens)
    pieces, run = [], []
    for token, is_prose in zip(tokens, prose):
        if is_prose:
            pieces += [_latex_run(run), _latex_plain([token])]
            run = []
        else:
            run.append(token)
    return "".join(pieces + [_latex_run(run)])


def _ascii_math_tokens(text: str) -> list[tuple[str, str]]:
    """(kind, text) tokens: space, word (of prose: ``1-d``, ``A.1``, ``Gronwall's``), name (``lam``, ``sigma_min``,
    ``Fbar``, ``w0``), number, op (``<=``, ``||``), char; a code name such as ``gronwall_decay`` is a word, while
    ``lambda_min`` or ``F_alpha`` is a name, an underscore and a name."""
    tokens = []
    for match in _ASCII_MATH_TOKEN.finditer(text):
        kind, value = match.lastgroup, match.group()
        if kind == "code" and (value.split("_")[0] in ASCII_MATH_NAMES or _accent(value.split("_")[0])):
            for k, part in enumerate(value.split("_")):
                tokens += [("char", "_")] * (k > 0) + [("number" if part.isdigit() else "name", part)]
            continue
        tokens.append(("name" if kind == "symbol" else "word" if kind == "code" else kind, value))
    return tokens


def _prose_flags(tokens: list[tuple[str, str]]) -> list[bool]:
    """Which tokens are words of prose: not inside a superscript, subscript or root, not a script or a function name."""
    flags, groups = [], []  # groups: for each open bracket, whether it opens a script or root
    for i, (kind, value) in enumerate(tokens):
        before, after, following = (tokens[j] if 0 <= j < len(tokens) else ("space", " ") for j in (i - 1, i + 1, i + 2))
        if kind == "char" and value in ("(", "{"):
            groups.append(before[1] in ("^", "_", "**", "sqrt"))
        elif kind == "char" and value in (")", "}") and groups:
            groups.pop()
        flags.append(not any(groups) and (kind == "word" or kind == "name" and _is_word(value, before, after, following)))
    return flags


def _is_word(name: str, before: tuple[str, str], after: tuple[str, str], following: tuple[str, str]) -> bool:
    """Whether a name reads as an English word where it stands (``Fbar``, ``w0``, ``Df``, ``f(``, ``y'`` and ``mu``
    do not; ``a`` does before a word)."""
    if (before[1] in ("^", "_", "**") or after[1][0] in "(_^*" or not name.isalpha() or _accent(name)
            or after[1] == "'" and (len(name) <= 2 or name in ASCII_MATH_NAMES)):
        return False
    if name in _PROSE_NAMES:
        return name != "a" or (before[0] == after[0] == "space" and (following[0] == "word" or following[0] == "name"
                                                                  and following[1].isalpha() and len(following[1]) > 1))
    if name in ASCII_MATH_NAMES or name in LATEX_SYMBOL_NAMES or (len(name) > 2 and not name[1:].islower()):
        return False  # DPhi, gronwallBound: names, not words
    return len(name) > 2 or (name.islower() and len(name) == 2) or name in _TWO_LETTER_WORDS


def _latex_run(run: list[tuple[str, str]]) -> str:
    """A run of tokens between two words: math in $...$ if it has a name or an operator, else escaped text; the
    spaces, sentence marks, numbers before one and brackets of the prose at its ends stay outside the math."""
    if not any(kind == "name" or value in _MATH_MARKERS for kind, value in run):
        return _latex_plain(run)
    start, end = 0, len(run)
    while start < end and (run[start][0] == "space" or run[start][1] in ",;:.!?" or _bracket_outside(run[start:end], 0)
                           or run[start][0] == "number" and start + 1 < end and run[start + 1][1] in ",;:"):
        start += 1
    while end > start and (run[end - 1][0] == "space" or run[end - 1][1] in ",;:.!?-"
                           or _bracket_outside(run[start:end], -1)):
        end -= 1
    if start == end:
        return _latex_plain(run)
    return f"{_latex_plain(run[:start])}${_latex_math(run[start:end])}${_latex_plain(run[end:])}"


def _latex_plain(run: list[tuple[str, str]]) -> str:
    """Tokens as escaped LaTeX text: a code name in typewriter, a character LaTeX's default fonts lack as ``?``."""
    return "".join(r"\texttt{" + latex_text(value) + "}" if kind == "word" and "_" in value
                   else _TEXT_ESCAPES.get(value) or latex_text(_ascii(value)) for kind, value in run)


def _ascii(value: str) -> str:
    return "".join(c if " " <= c <= "~" else "?" for c in value)


def _bracket_outside(run: list[tuple[str, str]], index: int) -> bool:
    """Whether the bracket at an end of a run (``index`` 0 or -1) belongs to the prose around it: a closing bracket
    first, an opening bracket last, or one without its partner in the run."""
    value = run[index][1]
    pair = {"(": "()", "[": "[]", ")": "()", "]": "[]"}.get(value)
    if pair is None:
        return False
    is_opening = value == pair[0]
    if (index == 0) != is_opening:
        return True
    depth = sum(v == pair[0] for _, v in run) - sum(v == pair[1] for _, v in run)
    return depth > 0 if is_opening else depth < 0


def _latex_math(tokens: list[tuple[str, str]]) -> str:
    """Math-mode LaTeX of ASCII math tokens: names, scripts, roots, norms, relations; anything else escaped."""
    out, scripts, norm_open, i = "", set(), False, 0
    while i < len(tokens):
        kind, value = tokens[i]
        if value in ("^", "_", "**"):
            mark = "_" if value == "_" else "^"
            argument, i = _script_argument(tokens, i + 1)
            if argument is None:
                out, scripts = out + _MATH_OPS[value[0]], set()
            else:
                out, scripts = out + ("{}" if mark in scripts else "") + f"{mark}{{{argument}}}", scripts | {mark}
            continue
        if value == "sqrt" and (close := _closing(tokens, i + 1)) is not None:
            piece, i = rf"\sqrt{{{_latex_math(tokens[i + 2:close])}}}", close + 1
        elif value == "*":
            piece, i = _star(tokens, i, scripts), i + 1
        elif value == "||":
            piece, norm_open, i = (r"\rVert" if norm_open else r"\lVert"), not norm_open, i + 1
        elif value == "'":  # a prime right after a name or a bracket, else on an empty base
            before = tokens[i - 1] if i else ("space", " ")
            attached = before[1] == "'" or (before[0] == "name" or before[1] in (")", "]")) and "^" not in scripts
            piece, i = ("'" if attached else "{}'"), i + 1
        else:
            piece, i = _math_token(kind, value, scripts), i + 1
        if value == "'" or piece.endswith(r"^{\ast}"):  # scripts the next script must not double
            scripts = scripts | {"^"}
        elif kind != "space":
            scripts = {"_"} if kind == "name" and re.search(r"\d$", value) and value not in LATEX_SYMBOL_NAMES else set()
        out += " " + piece if re.search(r"\\[A-Za-z]+$", out) and re.match("[A-Za-z]", piece) else piece
    return out


def _math_token(kind: str, value: str, scripts: set) -> str:
    if kind == "name":
        return _math_name(value)
    if kind == "word":
        return r"\mathrm{" + latex_text(value) + "}"
    if kind == "space":
        return " "
    return _MATH_OPS.get(value, _ascii(value))


def _math_name(name: str) -> str:
    """``lam`` as \\lambda, ``Sigma0`` as \\Sigma_{0}, ``Fbar`` as \\bar{F}, ``y'`` as y', ``relu`` as \\mathrm{relu}."""
    core = name.rstrip("'")
    primes = name[len(core):]
    if core in LATEX_SYMBOL_NAMES and core not in _PROSE_NAMES:
        return "{" + LATEX_SYMBOL_NAMES[core] + "}" + primes
    letters, digits = re.fullmatch(r"(.+?)(\d*)", core).groups()
    return _math_letters(letters) + (f"_{{{digits}}}" if digits else "") + primes


def _accent(letters: str) -> tuple[str, str] | None:
    """(accent, base) of ``Fbar``, ``ybar``, ``vtilde``: a name of one or two letters with bar or tilde after it."""
    for suffix in ("bar", "tilde"):
        if letters.endswith(suffix) and 1 <= len(letters) - len(suffix) <= 2:
            return "\\" + suffix, letters[:-len(suffix)]
    return None


def _math_letters(letters: str) -> str:
    if letters in ASCII_MATH_NAMES:
        return ASCII_MATH_NAMES[letters]
    if accented := _accent(letters):
        return f"{accented[0]}{{{_math_letters(accented[1])}}}"
    if letters == "in":
        return r"\in"  # only inside a script (sup_{x in X}); elsewhere it is a word
    return letters if len(letters) <= 2 else r"\mathrm{" + letters + "}"


def _star(tokens: list[tuple[str, str]], i: int, scripts: set) -> str:
    """``2*mu`` and ``lam*Id`` as products, ``y*`` as y^{*} (a minimizer), a lone ``*`` as \\ast."""
    before = tokens[i - 1] if i else ("space", " ")
    after = tokens[i + 1] if i + 1 < len(tokens) else ("space", " ")
    atom = before[0] in ("name", "number") or before[1] in (")", "]")
    if atom and (after[0] in ("name", "number") or after[1] == "(" and (before[0] == "number" or before[1] == ")")):
        return r"\cdot " if before[0] == after[0] == "number" else r"\,"
    if atom:
        return ("{}" if "^" in scripts else "") + r"^{\ast}"
    return r"\ast"


def _closing(tokens: list[tuple[str, str]], i: int) -> int | None:
    """The index of the bracket closing the one at ``tokens[i]`` (``(`` or ``{``), or None."""
    if i >= len(tokens) or tokens[i][1] not in ("(", "{"):
        return None
    opening, closing, depth = tokens[i][1], {"(": ")", "{": "}"}[tokens[i][1]], 0
    for j in range(i, len(tokens)):
        depth += (tokens[j][1] == opening) - (tokens[j][1] == closing)
        if depth == 0:
            return j
    return None


def _script_argument(tokens: list[tuple[str, str]], i: int) -> tuple[str | None, int]:
    """The LaTeX of a superscript or subscript starting at ``tokens[i]`` and the index after it: a group in braces
    or parentheses (``^{1/2}``, ``^(1/q)``), a name, a number, a sign, a star; None when there is none."""
    if (close := _closing(tokens, i)) is not None:
        return _latex_math(tokens[i + 1:close]), close + 1
    if i >= len(tokens):
        return None, i
    kind, value = tokens[i]
    if kind in ("name", "number"):
        return _math_token(kind, value, set()), i + 1
    if value in "+-" and i + 1 < len(tokens) and tokens[i + 1][0] in ("name", "number"):
        return value + _math_token(*tokens[i + 1], set()), i + 2
    if value in ("+", "-", "*"):
        return {"*": r"\ast"}.get(value, value), i + 1
    return None, i


# Markdown, for the teaching notes (``lazycheck notes``). GitHub renders $...$ and $$...$$ as math.

#: Marks of a check in Markdown: fixed characters, whatever the terminal can encode.
MARKDOWN_MARKS = {True: "✓", False: "✗"}

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


