"""The search engine (proofs_check.search.engine): reports do not depend on unrelated literals in loaded modules.

Hypothesis draws part of its examples from constants it harvests from the local modules in ``sys.modules``.
The test below runs a lemma search and an analytic proof step, then imports one more local module, full of
float literals, and runs them again: with the engine's isolation the results are the same; with the isolation
switched off, the same module changes them (so the comparison is strong enough to fail).
"""

import contextlib
import importlib
import sys

import pytest

from proofs_check.proofs.catalog import chain_context, proof
from proofs_check.proofs.chain import run_step
from proofs_check.search import engine
from proofs_check.search.claims import CLAIMS_BY_ID, run_claim
from proofs_check.search.engine import local_constants_isolated, maximize
from proofs_check.settings import RunConfig

CONFIG = RunConfig(max_examples=30)
UNRELATED = "".join(f"VALUE_{k} = {value!r}\n" for k, value in enumerate(
    [0.03125, 0.4375, 0.999, 0.5001, 0.7071067811865476, 1.25, 1e-3, 2.5e-2, 0.875, 0.0625, 0.1234, 0.9876]))


def _results():
    """A lemma search and an analytic step of a chain, run afresh."""
    search = run_claim(CLAIMS_BY_ID["chizat-bach/lemma-3.3"], CONFIG)
    step = run_step(proof("chizat-bach/lemma-3.3").step("1"), chain_context(CONFIG)).outcome
    return search, step


@pytest.mark.heavy
def test_an_unrelated_float_literal_leaves_the_results_unchanged(tmp_path, monkeypatch):
    isolated_before = _results()
    with monkeypatch.context() as patch:
        patch.setattr(engine, "local_constants_isolated", contextlib.nullcontext)
        exposed_before = _results()
        (tmp_path / "unrelated_constants.py").write_text(UNRELATED)
        patch.syspath_prepend(str(tmp_path))
        importlib.import_module("unrelated_constants")
        exposed_after = _results()
    sys.modules.pop("unrelated_constants")
    assert _results() == isolated_before
    assert exposed_after != exposed_before  # without the isolation, the literals change what is drawn


def test_the_isolation_restores_hypothesis_afterwards():
    from hypothesis.internal.conjecture import providers

    before = providers._get_local_constants
    with local_constants_isolated():
        assert providers._get_local_constants is not before
        assert len(providers._get_local_constants()) == 0
    assert providers._get_local_constants is before


def test_maximize_counts_its_evaluations_and_keeps_the_largest():
    from hypothesis import strategies as st

    worst = maximize(lambda x: -((x - 0.3) ** 2), st.floats(0.0, 1.0), max_examples=40, seed=None)
    assert worst.evaluated >= 20 and worst.value == -((worst.instance - 0.3) ** 2) and worst.value > -0.05


@pytest.mark.parametrize("seed", [None, 7])
def test_the_same_seed_gives_the_same_search(seed):
    from hypothesis import strategies as st

    runs = [maximize(lambda x: x, st.floats(0.0, 1.0), max_examples=10, seed=seed) for _ in range(2)]
    assert runs[0] == runs[1]
