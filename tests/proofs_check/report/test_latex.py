"""LaTeX and terminal text of derivations and chains (proofs_check.report): lazycheck's symbols (one table,
:data:`~proofs_check.report.markdown.LATEX_SYMBOL_NAMES`), the ASCII math of the steps typeset, and ``lazycheck
derive``'s text within :data:`~proofs_check.report.derivations.TEXT_WIDTH` columns.

Fast: a few cached derivations and a stub chain report; the LaTeX is compiled only where ``pdflatex`` is installed.
"""

import re
import shutil
import subprocess
from types import SimpleNamespace

import pytest
import sympy as sp

from proofs_check.report.derivations import TEXT_WIDTH, derivation_latex, derivation_text, residual_text
from proofs_check.report.markdown import latex_math_text
from proofs_check.report.proofs import proof_latex
from symbolic import derive

#: ASCII math as the steps write it, and its LaTeX.
CONVERSIONS = [
    ("||grad F(y)||^2 >= 2 mu Fbar(y)", r"$\lVert\nabla F(y)\rVert^{2} \ge 2 \mu \bar{F}(y)$"),
    ("exp(-2*mu*lam*t)", r"$\exp(-2\,\mu\,{\lambda}\,t)$"),
    ("Sigma(t) >= lam*Id", r"$\Sigma(t) \ge {\lambda}\,\mathrm{Id}$"),
    ("||y - y*||^2 <= (2/mu) Fbar(y) (tight: equality for F(y) = mu y^2/2)",
     r"$\lVert y - y^{\ast}\rVert^{2} \le (2/\mu) \bar{F}(y)$ (tight: equality for $F(y) = \mu y^{2}/2$)"),
    ("v = alpha^(1/q) w(t) satisfies v' = -alpha^(2/q) grad G_alpha(v)",
     r"$v = \alpha^{1/q} w(t)$ satisfies $v' = -\alpha^{2/q} \nabla G_{\alpha}(v)$"),
    ("Sigma0^{-1/2} Sigma(0) = Sigma0^{1/2}", r"$\Sigma_{0}^{-1/2} \Sigma(0) = \Sigma_{0}^{1/2}$"),
    ("K sqrt(2h/lam) with h = ||z - zbar||^2/2", r"$K \sqrt{2h/{\lambda}}$ with $h = \lVert z - \bar{z}\rVert^{2}/2$"),
    ("sigma_min - lip_Df r0 by Weyl's inequality (Lemma A.1)",
     r"${\sigma_{\min}} - {L_{Df}} r_{0}$ by Weyl's inequality (Lemma A.1)"),
    ("sup_{x in X} ||f|| -> 0 as alpha -> oo", r"$\sup_{x \in X} \lVert f\rVert \to 0$ as $\alpha \to \infty$"),
    ("derivation gronwall_decay: every step verified", r"derivation \texttt{gronwall\_decay}: every step verified"),
]
#: Text no converter should trust: stray scripts, braces, LaTeX's special characters, non-ASCII.
HOSTILE = ["x^ y_ a_b_c x^2^3 y''^2 x^{2}' ^{ _( ** * sqrt( sqrt(x", "{{{ }}} ( ) ] [ | || |||",
           r"$ & % # ~ \ \\ \textbf{x} \( \[ \end{document}", "50% of ||x||_2^2 <= 1 ≤ λ ∞ \x01", "}{", "'a' \"b\""]


def _balanced(latex: str) -> bool:
    """Math shifts paired and braces balanced, escaped ones (\\$, \\{, \\}) aside."""
    unescaped = re.sub(r"\\[\\${}]", "", latex)
    depth = 0
    for char in unescaped:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0 and unescaped.count("$") % 2 == 0


@pytest.mark.parametrize("ascii_math,latex", CONVERSIONS)
def test_the_ascii_math_of_steps_is_typeset(ascii_math, latex):
    assert latex_math_text(ascii_math) == latex


@pytest.mark.parametrize("text", [ascii_math for ascii_math, _ in CONVERSIONS] + HOSTILE)
def test_the_converter_balances_math_and_braces_whatever_the_input(text):
    assert _balanced(latex_math_text(text))


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_the_latex_compiles(tmp_path):
    body = "\n\n".join([latex_math_text(text) for text in HOSTILE + [a for a, _ in CONVERSIONS]]
                       + [derivation_latex(derive(name)) for name in ("gronwall_decay", "objective_gradient")])
    source = tmp_path / "fragment.tex"
    source.write_text("\\documentclass{article}\\usepackage{amsmath,amssymb}\\begin{document}\n"
                      f"{body}\n\\end{{document}}\n")
    run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", source.name], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-2000:]


@pytest.mark.parametrize("name", ["gronwall_decay", "lemma_3_3_bound"])
def test_derive_latex_uses_lazycheck_symbols_and_typesets_the_steps(name):
    latex = derivation_latex(derive(name))
    body = "\n".join(line for line in latex.splitlines() if not line.startswith("%"))
    assert r"\lambda" in body and " lam " not in body and "lam}" not in body
    assert "_{0 norm}" not in body and "norm}" not in body and r"\^{}" not in body and "||" not in body
    assert _balanced(body)


def test_proof_latex_typesets_the_steps():
    step = SimpleNamespace(label="3", kinds="analytic+coq", after="<= -lam ||grad F(y(t))||^2",
                           justification="Sigma(t) >= lam Id")
    result = SimpleNamespace(step=step, status="holds", outcome=SimpleNamespace(detail="worst ratio 1 (||v||^2 <= 1)"))
    report = SimpleNamespace(proof=SimpleNamespace(id="chizat-bach/lemma-3.3", statement="||y(t) - y*|| <= d0"),
                             results=[result])
    latex = proof_latex(report)
    assert r"$\le -{\lambda} \lVert\nabla F(y(t))\rVert^{2}$ ($\Sigma(t) \ge {\lambda} \mathrm{Id}$)" in latex
    assert r"\^{}" not in latex and _balanced(latex)


@pytest.mark.parametrize("name", ["objective_gradient", "gronwall_decay", "kernel_floor"])
def test_derive_text_fits_the_terminal(name):
    text = derivation_text(derive(name))
    assert max(map(len, text.splitlines())) <= TEXT_WIDTH


def test_a_big_matrix_is_summarized_and_residuals_are_readable():
    x = sp.Symbol("x")
    big = sp.Matrix(3, 3, lambda i, j: sum(sp.Symbol(f"w{i}{j}{k}") ** k for k in range(20)))
    summary = residual_text(big, name="predictor_ode")
    assert "3 x 3 matrix" in summary and "lazycheck derive predictor_ode --latex" in summary
    assert max(map(len, summary.splitlines())) <= TEXT_WIDTH
    assert residual_text(sp.zeros(2, 1)) == "0" and residual_text(sp.Integer(0)) == "0"
    assert residual_text(sp.Subs(sp.Derivative(x ** 3, x), x, 2)) == "12"  # evaluated by doit
    unevaluated = residual_text(sp.Subs(sp.Derivative(sp.Function("f")(x), x), x, 1))  # pretty, on lines below
    assert unevaluated.startswith("\n") and "Subs(" not in unevaluated and "x=1" in unevaluated


def test_derive_text_spells_the_documented_symbols_as_the_notes_do():
    from proofs_check.report.derivations import derivation_text
    from symbolic import derive

    pretty = derivation_text(derive("stability_bound")).split("  steps:")[0]
    assert "λ" in pretty and "‖Σ(0)‖" in pretty and "lam" not in pretty and "Sigma0" not in pretty
