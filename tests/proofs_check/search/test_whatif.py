"""What-if variants (proofs_check.search.whatif, lazycheck what-if): true variants pass at every scale, false ones are
refuted, including those false only outside the normalized domain of lazycheck verify."""

from dataclasses import replace

import pytest

from proofs_check.cli import main
from proofs_check.search.claims import CLAIMS_BY_ID, SearchDomain, run_claim
from proofs_check.search.scales import NORMALIZATIONS, instance_parameters, scaled_instances, scaled_ranges
from proofs_check.search.properties import lemma_3_3
from proofs_check.search.whatif import (LEMMA_CLAIMS, WhatIfError, load_instance, read_replay, replay,
                                        what_if)
from proofs_check.settings import RunConfig
from tests.lemma_support import run_replay

EXAMPLES = 25
CONFIG = RunConfig("fast", max_examples=EXAMPLES)  # the fast profile screens 2,000 instances
#: Instances per witness of a what-if search: the witness and its images at both ends of each scale.
IMAGES = 1 + 2 * len(NORMALIZATIONS)
#: Seeds of the no-false-alarm runs, and their budget (a smoke test: the CLI's default is 100 examples).
SEEDS, SEED_EXAMPLES = (1, 2, 3, 4, 5), 3
#: Budget of the searches for variants false only at other scales (the witness images refute most at once).
SCALE_EXAMPLES = 10
#: A true variant may report a ratio above 1 by the integrator's error estimate (the tolerance policy), no more.
RATIO_SLACK = 1e-5

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
ISSUE_VARIANT = "sqrt(nu/mu)*d0*exp(-mu**2*lam*t)"
KAPPA_ONE_VARIANT = "d0*exp(-mu*lam*t)*(sqrt(kappa) + 10**6*(kappa - 1) - exp(-100*mu*lam*t)/1000)"
#: Variants that hold on the normalized domain of lazycheck verify (mu in [0.1, 1], lam in [0.1, 2], t <= 10, kappa = 1
#: drawn only in one dimension) and are false elsewhere in the lemma's domain, with where a violation can only be
#: (the paper's bound holds): the counterexample must lie there.
SCALE_VARIANTS = [
    pytest.param("chizat-bach/lemma-3.3", ISSUE_VARIANT, lambda p: p["mu"] > 1, id="the issue's: false for mu > 1"),
    pytest.param("chizat-bach/lemma-3.3", "sqrt(kappa)*d0*exp(-mu*lam*t*Max(1, mu/100))", lambda p: p["mu"] > 100,
                 id="false only for mu > 100"),
    pytest.param("chizat-bach/lemma-3.3", "sqrt(kappa)*d0*exp(-mu*sqrt(lam)*t/4)", lambda p: p["lam"] < 1 / 16,
                 id="false only for lam < 1/16"),
    pytest.param("chizat-bach/lemma-3.3", "2*sqrt(kappa)*d0*exp(-mu*lam*t - t/1000)", lambda p: p["t"] > 693,
                 id="false only for t > 693"),
    pytest.param("chizat-bach/lemma-3.3", "2*sqrt(kappa)*d0*exp(-21*mu*lam*t/20)",
                 lambda p: p["mu"] * p["lam"] * p["t"] > 13.8, id="false only after 13.9 e-foldings"),
    pytest.param("chizat-bach/lemma-3.3", KAPPA_ONE_VARIANT,
                 lambda p: p["kappa"] - 1 < 1e-9 and p["mu"] * p["lam"] * p["t"] < 0.2,
                 id="false only at kappa = 1, near t = 0"),
    pytest.param("chizat-bach/lemma-A.1", "K*sqrt(Sigma0_norm)/(lam*mu)", lambda p: p["lam"] < 1,
                 id="not invariant under rescaling lam"),
    pytest.param("chizat-bach/lemma-A.1", "K*sqrt(Sigma0_norm)/(lam**(3/2)*mu**2)", lambda p: p["mu"] > 1,
                 id="not invariant under rescaling mu"),
]


@pytest.fixture(autouse=True)
def _replays_in_a_temporary_cache(tmp_path, monkeypatch):
    """Refuted variants write replay files: into a temporary cache, never the user's."""
    monkeypatch.setenv("LAZYCHECK_CACHE", str(tmp_path / "cache"))


def _counterexample_point(result) -> dict:
    """mu, lam, kappa (read back from the replay file) and the worst time t of a refuted variant's counterexample."""
    parameters = instance_parameters(load_instance(read_replay(result.replay_file)["instance"]))
    return parameters | {"t": float(dict(result.parameters)["t*"])}


def _replays_the_refutation(result) -> bool:
    """The replay file of a refuted variant exists, its command is short, and replaying it refutes again."""
    return len(result.replay[0]) <= 300 and not replay(result.replay_file).ok


@pytest.mark.parametrize("claim_id,bound", TRUE_VARIANTS)
def test_true_variants_pass(claim_id, bound):
    result = what_if(claim_id, bound, CONFIG)
    assert result.ok and result.ratio <= 1 + RATIO_SLACK and result.kind == "what-if"
    claim = CLAIMS_BY_ID[LEMMA_CLAIMS[claim_id][0]]
    witnesses = IMAGES * (1 + (claim.exact_witness is not None))
    screened = CONFIG.batch_instances + 3  # the batched screen (at most its budget) and its candidates re-checked
    assert EXAMPLES + witnesses < result.searched <= EXAMPLES + witnesses + screened
    assert dict(result.ranges)["mu"].startswith("[0.0001, 1000] (drawn ")
    assert dict(result.ranges)["screened loss scale a"] == "[1e-3, 1e+3]" and "rescaled" in result.detail
    assert "the bound depends on none" in result.detail


@pytest.mark.parametrize("seed", SEEDS)
def test_true_variants_raise_no_false_alarm_whatever_the_seed(seed):
    for claim_id, bound in TRUE_VARIANTS:
        result = what_if(claim_id, bound, RunConfig("fast", seed=seed, max_examples=SEED_EXAMPLES))
        assert result.ok and result.ratio <= 1 + RATIO_SLACK, (claim_id, bound, result.counterexample)


@pytest.mark.parametrize("claim_id,bound", FALSE_VARIANTS)
def test_false_variants_are_refuted_with_a_replay(claim_id, bound):
    result = what_if(claim_id, bound, CONFIG)
    assert not result.ok and result.counterexample and _replays_the_refutation(result)


@pytest.mark.parametrize("claim_id,bound,where", SCALE_VARIANTS)
def test_variants_false_only_at_other_scales_are_refuted_with_a_replay(claim_id, bound, where):
    result = what_if(claim_id, bound, RunConfig("fast", max_examples=SCALE_EXAMPLES))
    assert not result.ok and where(_counterexample_point(result)) and _replays_the_refutation(result)


def test_the_normalized_domain_alone_misses_the_issues_variant():
    claim = CLAIMS_BY_ID["chizat-bach/lemma-3.3"]
    assert run_claim(replace(claim, options={"bound": ISSUE_VARIANT}), RunConfig("fast", max_examples=SCALE_EXAMPLES)).ok


@pytest.mark.parametrize("bound", [ISSUE_VARIANT, KAPPA_ONE_VARIANT])
def test_the_scaled_search_refutes_them_without_the_witnesses_help(bound):
    claim = replace(CLAIMS_BY_ID["chizat-bach/lemma-3.3"], options={"bound": bound}, exact_witness=None)
    without_images = SearchDomain(scaled_instances, scaled_ranges)  # the transport witness alone (mu = 1, kappa = 100)
    found = run_claim(claim, RunConfig("fast", max_examples=SCALE_EXAMPLES), without_images)
    assert not found.ok and "violation=True" in run_replay(found.replay[0])


def test_the_searched_line_states_the_scaled_ranges_and_the_scales_the_bound_depends_on(capsys):
    argv = ["what-if", "chizat-bach/lemma-A.1", "--bound", "K*sqrt(Sigma0_norm)/(lam*mu)", "--max-examples", "4"]
    assert main(argv) == 1
    searched = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("searched: "))
    # refuted by a witness, so hypothesis drew nothing: no "(drawn ...)" extents (test_true_variants_pass has them)
    for fragment in ("mu [0.0001, 1000]", "lam [0.0001, 20000]", "d0 = ||y0 - y*|| [0.0001, 5000]",
                     "kappa = nu/mu 1 (one draw in 4) and [1, 100]", "t [0, T], T = min(10/(a c), 18/(mu lam))",
                     "the bound depends on the metric scale (invariant under the loss and distance scales)"):
        assert fragment in searched, fragment


@pytest.mark.parametrize("argv,fragment", [
    (["what-if", "chizat-bach/lemma-3.3", "--bound", "q*t"], "unknown symbol(s) q"),
    (["what-if", "chizat-bach/lemma-3.3", "--bound", "mu*("], "unbalanced parentheses"),
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
    assert "replay: lazycheck what-if --replay " in capsys.readouterr().out


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
    assert not result.ok and _replays_the_refutation(result)
    assert dict(result.parameters)["ratio"] == dict(replay(result.replay_file).parameters)["ratio"]


def test_the_seed_changes_the_constants_search():
    bound = "sigma_min**3/(32*kappa**(3/2)*Df_norm*lip_Df)"
    runs = [what_if("chizat-bach/theorem-3.2/constant-M", bound, RunConfig(seed=seed, max_examples=6))
            for seed in (None, 1, 1)]
    assert runs[0].detail != runs[1].detail and runs[1] == runs[2]


def test_a_radius_that_leaves_no_kernel_floor_is_a_usage_error(capsys):
    argv = ["what-if", "chizat-bach/theorem-3.2/radius-r0", "--bound", "sigma_min/lip_Df", "--max-examples", "5"]
    assert main(argv) == 2
    assert "not a positive constant" in capsys.readouterr().err


@pytest.mark.parametrize("bound", ["1/0", "sqrt(-1)*d0", "10**400*d0", "+".join(["d0"] * 10000), "oo", "1e400"])
def test_the_property_checks_refuse_a_bad_bound_with_a_value_error(bound):
    loss, metric, y0 = CLAIMS_BY_ID["chizat-bach/lemma-3.3"].exact_witness()
    with pytest.raises(ValueError, match="finite|too long"):
        lemma_3_3(loss, metric, y0, bound=bound)


def test_a_bound_undefined_somewhere_in_the_domain_is_refused_before_the_search():
    with pytest.raises(WhatIfError, match=r"undefined \(nan\) at t = 0"):
        what_if("chizat-bach/lemma-3.3", "sqrt(t - 1)*d0", CONFIG)
