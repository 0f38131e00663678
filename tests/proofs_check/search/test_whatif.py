"""What-if variants (proofs_check.search.whatif, lazycheck what-if): true variants pass, false ones are refuted."""

import pytest

from proofs_check.cli import main
from proofs_check.search.whatif import what_if
from proofs_check.settings import RunConfig
from tests.lemma_support import run_replay

EXAMPLES = 25
CONFIG = RunConfig(max_examples=EXAMPLES)

TRUE_VARIANTS = [
    ("chizat-bach/lemma-3.3", "sqrt(nu/mu)*d0*exp(-mu*lam*t)"),  # the paper's own bound
    ("smith/lemma-B.1", "2*sqrt(kappa)*d0*exp(-mu*lam*t/2)"),  # looser
    ("chizat-bach/lemma-A.1", "K*sqrt(Sigma0_norm)/(lam**(3/2)*mu)"),  # the paper's own bound
    ("smith/lemma-B.2", "K*sqrt(Sigma0_norm)*(1 - exp(-lam*mu*t))/(lam**(3/2)*mu)"),  # our sharper bound
]
FALSE_VARIANTS = [
    ("chizat-bach/lemma-3.3", "d0*exp(-mu*lam*t)"),  # dropped sqrt(kappa)
    ("smith/lemma-B.1", "sqrt(nu/mu)*d0*exp(-2*mu*lam*t)"),  # faster rate
    ("chizat-bach/lemma-A.1", "K*sqrt(Sigma0_norm)/(2*lam**(3/2)*mu)"),  # half the constant
]


@pytest.mark.parametrize("claim_id,bound", TRUE_VARIANTS)
def test_true_variants_pass(claim_id, bound):
    result = what_if(claim_id, bound, CONFIG)
    assert result.ok and result.ratio <= 1 + 1e-6 and result.kind == "what-if"
    assert result.searched == EXAMPLES + 1 and result.ranges


@pytest.mark.parametrize("claim_id,bound", FALSE_VARIANTS)
def test_false_variants_are_refuted_with_a_replay(claim_id, bound):
    result = what_if(claim_id, bound, CONFIG)
    assert not result.ok and result.counterexample
    assert "violation=True" in run_replay(result.replay[0])


@pytest.mark.parametrize("argv,fragment", [
    (["what-if", "chizat-bach/lemma-3.3", "--bound", "q*t"], "unknown symbol(s) q"),
    (["what-if", "chizat-bach/lemma-3.3", "--bound", "mu*("], "cannot parse"),
    (["what-if", "nosuch/claim", "--bound", "t"], "what-if supports these claims: chizat-bach/lemma-3.3"),
    (["what-if", "chizat-bach/lemma-3.3"], "give --bound"),
])
def test_usage_errors_exit_2_with_one_line(argv, fragment, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert fragment in err and err.count("\n") == 1


def test_list_symbols(capsys):
    assert main(["what-if", "chizat-bach/lemma-A.1", "--list-symbols"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in ("K", "lam", "mu", "Sigma0_norm", "t"))


def test_cli_exit_codes(capsys):
    assert main(["what-if", "smith/lemma-B.1", "--bound", "d0*exp(-mu*lam*t)", "--max-examples", str(EXAMPLES)]) == 1
    assert "replay: python -c" in capsys.readouterr().out


CONSTANT_TRUE = [
    ("chizat-bach/theorem-3.2/constant-M", "sigma_min**3/(32*kappa**(3/2)*Df_norm*lip_Df)"),  # the paper's M
    ("smith/theorem-2.4/constant-C0", "sigma_min**3/(64*kappa**(3/2)*Df_norm*lip_Df)"),  # a smaller C0
    ("chizat-bach/theorem-3.2/radius-r0", "sigma_min/(2*lip_Df)"),  # the paper's r0
]


@pytest.mark.parametrize("claim_id,bound", CONSTANT_TRUE)
def test_the_papers_constants_and_safer_ones_pass(claim_id, bound):
    result = what_if(claim_id, bound, CONFIG)
    assert result.ok and dict(result.ranges)["alpha"] == "[1, 10]"


def test_a_much_larger_c0_is_refuted_with_a_replay():
    result = what_if("chizat-bach/theorem-3.2/constant-M", "sigma_min**3/(kappa**(3/2)*Df_norm*lip_Df)", CONFIG)
    assert not result.ok
    assert float(run_replay(result.replay[0])) > 1


def test_the_seed_changes_the_constants_search():
    bound = "sigma_min**3/(32*kappa**(3/2)*Df_norm*lip_Df)"
    runs = [what_if("chizat-bach/theorem-3.2/constant-M", bound, RunConfig(seed=seed, max_examples=6))
            for seed in (None, 1, 1)]
    assert runs[0].detail != runs[1].detail and runs[1] == runs[2]


def test_a_radius_that_leaves_no_kernel_floor_is_a_usage_error(capsys):
    argv = ["what-if", "chizat-bach/theorem-3.2/radius-r0", "--bound", "sigma_min/lip_Df", "--max-examples", "5"]
    assert main(argv) == 2
    assert "not a positive constant" in capsys.readouterr().err
