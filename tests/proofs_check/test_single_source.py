"""One source for the constants of Theorem 3.2: changing the parameter they are derived from changes every consumer.

r0, the kernel floor and C0 are derived from :data:`symbolic.constants.SINGULAR_FLOOR` (1/2 in both texts: the
fraction of sigma_min that sigma_min(Df_w) keeps on B(w0, r0)). Set to 1/3 here, with no other edit, it changes
C0 in ``lazycheck derive``, the constants the Theorem 3.2 chain checks, what-if on the constants, and the study
that checks the theorem's conclusion with a model's own constants.
"""

import json

import pytest
import sympy as sp

import symbolic.constants
from proofs_check.cli import main
from proofs_check.proofs.catalog import proof
from proofs_check.proofs.derived import theorem_constants
from proofs_check.search.whatif import what_if
from proofs_check.settings import RunConfig
from proofs_check.studies.network import own_constants_claim
from symbolic import clear_caches, derive
from symbolic.symbols import symbols

sigma_min, lip_Df = symbols("sigma_min lip_Df")
THIRD = sp.Rational(1, 3)


@pytest.fixture
def floor_parameter(monkeypatch):
    """Set SINGULAR_FLOOR for the test (every derived cache cleared); the original value and caches come back after."""

    def set_floor(value):
        monkeypatch.setattr(symbolic.constants, "SINGULAR_FLOOR", value)
        clear_caches()

    yield set_floor
    monkeypatch.undo()
    clear_caches()


def _consumers(capsys) -> dict:
    assert main(["derive", "c0", "--json"]) == 0
    (derived,) = json.loads(capsys.readouterr().out)
    config = RunConfig(max_examples=4)
    return {
        "derive c0": derived["specialization"]["expression"],
        "chain": (theorem_constants(), proof("chizat-bach/theorem-3.2").step("3").check.claim),
        "what-if": what_if("chizat-bach/theorem-3.2/radius-r0", "sigma_min/(2*lip_Df)", config).detail,
        "study": own_constants_claim(config).detail,
    }


def test_the_floor_parameter_reaches_every_consumer(capsys, floor_parameter):
    floor_parameter(THIRD)
    third = _consumers(capsys)
    assert derive("r0").expression == 2 * sigma_min / (3 * lip_Df) and third["chain"][0].floor == THIRD**2
    floor_parameter(sp.Rational(1, 2))
    half = _consumers(capsys)
    assert half["chain"][0].floor == sp.Rational(1, 4) and half["derive c0"] == derive("c0").specialized.__str__()
    for consumer in half:
        assert half[consumer] != third[consumer], f"{consumer} did not change with SINGULAR_FLOOR"
