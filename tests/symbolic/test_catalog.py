"""Properties every derivation must have (symbolic.catalog and the common form)."""

import pytest

from symbolic import TEXTS, UnknownDerivation, derive, names, remarks_chizat_bach, remarks_smith
from tests.conftest import is_zero

#: The names issue 2 requires, at least.
REQUIRED = ("predictor_ode tangent_ode objective_gradient gronwall_decay lemma_3_3_bound gronwall_linear "
            "stability_bound stability_bound_time_dependent kernel_floor r0 displacement_radius c0 "
            "alpha_threshold t0 criterion_homogeneity lip_sigma").split()

#: Whether each text's statement agrees with the derivation, as written. A change
#: here is a finding (or a regression) and must be explained in the commit.
EXPECTED_AGREEMENT = {
    "predictor_ode": {"chizat-bach": True, "smith": True},
    "tangent_ode": {"smith": True},
    "objective_gradient": {"chizat-bach": True, "smith": True},
    "gronwall_decay": {"chizat-bach": False},  # exp(-2 mu lambda): t dropped (typo)
    "lemma_3_3_bound": {"chizat-bach": True, "smith": True},
    "gronwall_linear": {"smith": True},
    "stability_bound": {"chizat-bach": True, "smith": True},
    "stability_bound_time_dependent": {},  # lazycheck's own claim
    "r0": {"chizat-bach": True, "smith": True},
    "kernel_floor": {"chizat-bach": True, "smith": False},  # smith's 3/4 is false
    "lazy_convergence_bound": {"chizat-bach": True, "smith": True},
    "displacement_radius": {"chizat-bach": True, "smith": True},
    "c0": {"chizat-bach": True, "smith": True},
    "alpha_threshold": {"chizat-bach": True, "smith": True},
    "t0": {"chizat-bach": True, "smith": True},
    "trajectory_floor": {},  # lazycheck's own sharper floor
    "c0_sharp_growth": {},  # lazycheck's own sharper C0 (growth 3/2)
    "criterion_homogeneity": {"chizat-bach": True},
    "lip_sigma": {"smith": True},
    "energy_bound": {"smith": True},
    "held_out_bound": {"smith": True},
    "relu_kernel_a": {"chizat-bach": True},
    "relu_kernel_b": {"chizat-bach": True},
    "homogeneous_time_change": {},  # smith states no time factor; "equivalent" is read as the same path
}


#: The derivations of the remarks modules: their tests (tests/symbolic/test_remarks_*.py) state their agreement.
REMARKS = {builder.__name__ for builder in remarks_chizat_bach.BUILDERS + remarks_smith.BUILDERS}


def test_required_names_exist():
    assert set(REQUIRED) <= set(names())
    assert set(EXPECTED_AGREEMENT) == set(names()) - REMARKS


@pytest.mark.parametrize("name", names())
def test_every_step_is_verified_with_zero_residual(name):
    derivation = derive(name)
    assert derivation.steps
    for step in derivation.steps:
        assert step.ok, f"{name}: {step.description}: residual {step.residual}"
        assert is_zero(step.residual)
        assert step.description and step.source and step.grounds


@pytest.mark.parametrize("name", names())
def test_the_derived_expression_has_its_defining_property(name):
    derivation = derive(name)
    assert derivation.verify(derivation.expression).ok
    if derivation.specialization:
        assert derivation.verify(derivation.specialized, derivation.specialization).ok


@pytest.mark.parametrize("name", names())
def test_agreement_with_the_texts_as_written(name):
    derivation = derive(name)
    if name not in REMARKS:
        assert derivation.agrees_with == EXPECTED_AGREEMENT[name]
    assert set(derivation.agrees_with) <= set(TEXTS)
    for text, check in derivation.agreement.items():
        assert check.ok == is_zero(check.residual)


def test_garbled_statement_reading_agrees_where_the_literal_text_does_not():
    derivation = derive("gronwall_decay")
    (statement,) = derivation.statements
    assert not derivation.agrees_with["chizat-bach"]
    assert derivation.reading_agrees(statement)


def test_unknown_derivation_lists_the_valid_names():
    with pytest.raises(UnknownDerivation, match="nosuch.*valid names: predictor_ode"):
        derive("nosuch")
