"""``lazycheck what-if`` (proofs_check.cli.whatif): bad bounds are one-line usage errors, --json is one JSON object,
a refutation's counterexample is a table with a short replay command that reproduces it, ratios near 1 show their
digits. One refuted search runs through the command line (the others call what_if with the fast profile)."""

import contextlib
import io
import json
import shlex
import warnings

import pytest

from proofs_check.cli import main
from proofs_check.cli.whatif import render
from proofs_check.search.whatif import ratio_text, what_if
from proofs_check.settings import RunConfig

CLAIM, FALSE_BOUND = "smith/lemma-B.1", "d0*exp(-mu*lam*t)"  # the dropped sqrt(kappa): refuted by the witnesses
PAPERS_BOUND = "sqrt(kappa)*d0*exp(-mu*lam*t)"
#: The fast profile's screen and a tiny budget: a variant refuted by the witnesses needs no more.
CONFIG = RunConfig("fast", max_examples=3)
MAX_REPLAY_LENGTH = 300

#: The bad bounds of issue 15 (finding 2), each with a fragment of its one-line usage error.
BAD_BOUNDS = [
    ("1/0", "complex infinity"),
    ("sqrt(-1)*d0", "not real"),
    ("10**400*d0", "not finite in float64"),
    ("+".join(["d0"] * 10000), "too long"),
    ("sqrt(", "unbalanced parentheses"),
    ("nan", "nan (not a number)"),
    ("inf", "inf (infinite)"),
    ("oo", "oo (infinite)"),
    ("1e400", "not finite in float64"),
    ("10**10**10", "exponents of constants are at most"),
    ("sqrt(t - 1)*d0", "undefined (nan) at t = 0"),
]


def _run(argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def _replays_in_a_temporary_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("LAZYCHECK_CACHE", str(tmp_path / "cache"))


@pytest.mark.parametrize("bound,fragment", BAD_BOUNDS, ids=[bound[:20] for bound, _ in BAD_BOUNDS])
def test_a_bad_bound_is_a_one_line_usage_error(bound, fragment):
    code, out, err = _run(["what-if", "chizat-bach/lemma-3.3", f"--bound={bound}", "--max-examples", "3"])
    assert code == 2 and not out and err.count("\n") == 1
    assert err.startswith("lazycheck what-if: ") and fragment in err and "internal error" not in err


def test_a_bound_that_starts_with_a_dash_says_how_to_write_it():
    code, _, err = _run(["what-if", "chizat-bach/lemma-3.3", "--bound", "-t"])
    assert code == 2 and "--bound=-t" in err and err.count("\n") == 1


def test_help_states_the_exit_codes_and_the_dash_bound(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["what-if", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert exit_info.value.code == 0
    for fragment in ("0 the variant holds", "1 it is refuted", "2 a usage error", "--bound=-t", "--json", "--seed",
                     "--replay FILE"):
        assert fragment in out, fragment


def test_json_holds_the_counterexample_table_and_a_short_replay_that_reproduces_it(tmp_path):
    # one search through the command line (the profile's screen: a few seconds); the rest replays its instance
    code, out, err = _run(["what-if", CLAIM, "--bound", FALSE_BOUND, "--max-examples", "3", "--seed", "1", "--json"])
    report = json.loads(out)  # the whole of standard output is one JSON object
    assert code == 1 and "searching 3 instances" in err
    assert report["status"] == "refuted" and report["claim"] == CLAIM and report["bound"] == FALSE_BOUND
    assert report["ratio"] > 1 and report["searched"] > 3 and "mu" in report["ranges"] and report["seed"] == 1
    table = report["counterexample"]
    assert {"n", "mu", "nu", "kappa", "lam", "d0", "t*", "ratio", "metric"} <= set(table)
    assert table["ratio"] == pytest.approx(report["ratio"], rel=1e-5)  # the headline's instance

    command = report["replay"]
    assert len(command) <= MAX_REPLAY_LENGTH and command.startswith("lazycheck what-if --replay ")
    code, out, _ = _run(shlex.split(command)[1:])
    assert code == 1 and f"{CLAIM} with bound {FALSE_BOUND}: refuted at the replayed instance" in out
    code, out, _ = _run(shlex.split(command)[1:] + [f"--bound={PAPERS_BOUND}"])
    assert code == 0 and "holds at the replayed instance" in out

    (tmp_path / "list.json").write_text("[1, 2]")
    for argv, fragment in [(["--replay", str(tmp_path / "missing.json")], "cannot read the replay file"),
                           (["--replay", str(tmp_path / "list.json")], "is not a what-if replay file"),
                           (["chizat-bach/lemma-A.1", "--replay", report["replay_file"]], "replays smith/lemma-B.1")]:
        code, _, err = _run(["what-if"] + argv)
        assert code == 2 and fragment in err and err.count("\n") == 1


def test_a_ratio_short_of_1_by_1e_9_prints_its_digits():
    result = what_if("chizat-bach/lemma-3.3", "sqrt(kappa)*d0*exp(-mu*lam*t)*(1 - 1e-9)", CONFIG)
    text = render(result)
    assert not result.ok and "(worst ratio 1.000000001 over " in text
    assert dict(result.parameters)["ratio"] == "1.000000001" and "replay: lazycheck what-if --replay " in text


@pytest.mark.parametrize("ratio,text", [(1 + 1e-9, "1.000000001"), (1 - 3e-7, "0.9999997"), (1.0, "1"),
                                        (9.805767134558282, "9.80577"), (float("inf"), "inf"), (None, "n/a")])
def test_ratio_text(ratio, text):
    assert ratio_text(ratio) == text


def test_a_bound_that_overflows_warns_nothing_and_holds_where_it_is_infinite():
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        result = what_if("chizat-bach/lemma-3.3", "sqrt(kappa)*d0*exp(-mu*lam*t) + exp(1000*t)", CONFIG)
    assert result.ok
