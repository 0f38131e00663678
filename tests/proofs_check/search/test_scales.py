"""The rescalings of the lemmas (proofs_check.search.scales): an image flows along the rescaled flow, keeps the
paper's ratios and its certificates, and the what-if domain draws every scale, kappa = 1 included."""

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import numeric.losses
import numeric.models
import numeric.parameter_flows
from numeric.adversarial import ForcingMetric
from numeric.losses import StronglyConvexQuadratic
from numeric.models import SineTiltedLinear
from numeric.parameter_flows import ModelInducedMetric
from numeric.flows import solve
from numeric.strategies import flow_instances
from proofs_check.search.claims import forcing_witness, transport_witness
from proofs_check.search.properties import LEMMA_3_3_SYMBOLS, LEMMA_A_1_SYMBOLS, MAX_EFOLDINGS, lemma_3_3, stability
from proofs_check.search.scales import (FORCING_MAX_RATE, NORMALIZATIONS, SCALE_DECADES, Scales, admissible,
                                        dependence, instance_parameters, scaled_instance, scaled_instances,
                                        scaled_ranges, witness_images)
from symbolic import derive
from symbolic.symbols import parse_expression

#: Examples of the property tests here (each integrates a few flows).
EXAMPLES = 8
#: Relative agreement of a flow and its image (integrator tolerance 1e-10, and rounding of the rescaled data).
IMAGE_RTOL = 1e-7
FEW = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
SCALES = st.builds(Scales, *[st.sampled_from([1e-3, 0.37, 1.0, 45.0, 1e3])] * 3)


# Structure first: the image of a flow is the rescaled flow.

@FEW
@given(flow_instances(kappa_one=True), SCALES)
def test_an_image_flows_along_the_rescaled_flow(instance, scales):
    loss, metric, y0, options = scaled_instance(instance, scales)
    scales = admissible(instance, scales)
    ts = np.linspace(0.0, 10.0, 6)
    expected = scales.distance * solve(*instance, ts).y
    image = solve(loss, metric, y0, ts * scales.time, atol=options["atol"]).y
    assert np.abs(image - expected).max() <= IMAGE_RTOL * np.abs(expected).max()
    assert options["horizon"] == pytest.approx(10.0 * scales.time)


@FEW
@given(flow_instances(kappa_one=True), SCALES)
def test_an_image_carries_the_certified_constants_as_documented(instance, scales):
    image = scaled_instance(instance, scales)
    scales = admissible(instance, scales)
    before, after = instance_parameters(instance), instance_parameters(image)
    factors = {"mu": scales.loss, "nu": scales.loss, "kappa": 1.0, "lam": scales.metric, "Sigma0_norm": scales.metric,
               "d0": scales.distance, "T": scales.time}
    for name, factor in factors.items():
        assert after[name] == pytest.approx(factor * before[name], rel=1e-9), name
    image[1].check_floor(horizon=image[3]["horizon"], samples=17)


@pytest.mark.parametrize("scales", [Scales(1e3, 1e-3, 1e-3), Scales(1e-3, 1e3, 1e3), Scales(8.0, 1e2, 0.5)])
def test_the_papers_bounds_keep_their_ratio_on_the_witnesses_images(scales):
    for witness, check in ((transport_witness(), lemma_3_3), (forcing_witness(), stability)):
        image = scaled_instance(witness, scales)
        assert check(*image[:3], **image[3]).ratio == pytest.approx(check(*witness).ratio, rel=1e-6)


def test_a_model_induced_image_is_the_metric_its_repr_rebuilds():
    model = SineTiltedLinear([[1.5, 0.2, 0.1], [0.3, 1.2, -0.4]], [[0.5, -1.0, 0.3], [0.8, 0.1, -0.6]], 0.2)
    loss = StronglyConvexQuadratic([[1.0, 0.3], [0.3, 2.0]], [0.4, -0.7])
    metric = ModelInducedMetric(model, loss, [0.3, -0.2, 0.5], 2.0)
    instance = (loss, metric, np.array([1.0, 1.0]))
    for scales in (Scales(30.0, 0.02, 1.0), Scales(1e-3, 1e3, 5.0)):
        image = scaled_instance(instance, scales)[1]
        rebuilt = eval(repr(image), vars(numeric.parameter_flows) | vars(numeric.models) | vars(numeric.losses))
        ts = np.linspace(0.0, 1.2 * image.horizon, 9)
        assert image.lam == rebuilt.lam and np.allclose(image(ts), rebuilt(ts), rtol=1e-8, atol=0)
        assert np.allclose(image(ts), scales.metric * metric(ts / scales.time), rtol=1e-12, atol=0)


def test_a_forcing_image_keeps_its_rate_below_the_cap_and_its_loss_scale_a_power_of_two():
    witness = forcing_witness()
    applied = admissible(witness, Scales(1e3, 1e3, 1.0))
    assert applied.loss == 512.0 and applied.loss * applied.metric * witness[0].mu * witness[1].lam == pytest.approx(
        FORCING_MAX_RATE)
    assert isinstance(scaled_instance(witness, Scales(1e3, 1e3, 1.0))[1], ForcingMetric)


# The domain.

#: Draws of the what-if domain sampled by the tests below (no shrinking).
SAMPLES = 150


@pytest.fixture(scope="module")
def drawn() -> list[tuple]:
    """SAMPLES derandomized draws of the what-if domain over two cheap metric families."""
    instances = []

    @settings(max_examples=SAMPLES, derandomize=True, database=None, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(scaled_instances(("rotating", "piecewise")))
    def sample(instance):
        instances.append(instance)

    sample()
    return instances


@pytest.mark.parametrize("name,low,high", [("mu", 1e-2, 1e2), ("lam", 1e-2, 1e2), ("Sigma0_norm", 1e-2, 1e2),
                                           ("d0", 1e-2, 1e2), ("T", 1e-2, 1e3)])
def test_what_if_draws_each_scale_over_decades(drawn, name, low, high):
    values = [instance_parameters(instance)[name] for instance in drawn]
    assert min(values) < low and max(values) > high


def test_what_if_draws_kappa_one_exactly_in_several_dimensions(drawn):
    isotropic = [loss for loss, *_ in drawn if loss.dim >= 2 and loss.nu / loss.mu - 1 < 1e-12]
    assert len(isotropic) >= SAMPLES // 20
    assert all(np.allclose(loss.H, loss.mu * np.eye(loss.dim), rtol=0, atol=1e-12 * loss.mu) for loss in isotropic)


def test_the_witness_images_rescale_one_normalization_at_a_time():
    witness = transport_witness()
    images = witness_images(witness)
    own = instance_parameters(images[0])
    assert len(images) == 1 + 2 * len(NORMALIZATIONS)
    assert own == instance_parameters(witness) | {"T": MAX_EFOLDINGS / (own["mu"] * own["lam"])}
    changed = [{name for name, value in instance_parameters(image).items() if value != pytest.approx(own[name])}
               for image in images[1:]]
    assert changed == [{"mu", "nu", "T"}] * 2 + [{"lam", "Sigma0_norm", "T"}] * 2 + [{"d0"}] * 2
    lams = [instance_parameters(image)["lam"] for image in images[3:5]]
    assert lams == pytest.approx([10.0**-SCALE_DECADES, 10.0**SCALE_DECADES])


def test_the_ranges_state_the_domain_and_what_was_drawn():
    instances = [scaled_instance(forcing_witness(), Scales(1.0, 1e-2, 10.0)), forcing_witness()]
    ranges = dict(scaled_ranges(("forcing",), instances))
    assert ranges["mu"] == "[0.0001, 1000] (drawn 1..1)" and ranges["lam"] == "[0.0001, 20000] (drawn 0.01..1)"
    assert ranges["kappa = nu/mu"].startswith("1 (one draw in 4) and [1, 100]")
    assert "(T drawn 10..1e+03)" in ranges["t"] and "forcing with mu lam <= 500" in ranges["metrics"]
    assert {"nu", "||Sigma(0)||", "d0 = ||y0 - y*||", "K", "t", "scales"} <= set(ranges)


# Which scales a bound depends on.

@pytest.mark.parametrize("bound,names,depends", [
    (derive("lemma_3_3_bound").expression, LEMMA_3_3_SYMBOLS, ()),
    (derive("stability_bound").expression, LEMMA_A_1_SYMBOLS, ()),
    (derive("stability_bound_time_dependent").expression, LEMMA_A_1_SYMBOLS, ()),
    ("sqrt(nu/mu)*d0*exp(-mu**2*lam*t)", LEMMA_3_3_SYMBOLS, ("loss",)),
    ("2*sqrt(kappa)*d0*exp(-mu*lam*t - t/1000)", LEMMA_3_3_SYMBOLS, ("loss", "metric")),
    ("d0**2*exp(-mu*lam*t)", LEMMA_3_3_SYMBOLS, ("distance",)),
    ("K*sqrt(Sigma0_norm)/(lam*mu)", LEMMA_A_1_SYMBOLS, ("metric",)),
    ("K*sqrt(Sigma0_norm)/(lam**(3/2)*mu**2)", LEMMA_A_1_SYMBOLS, ("loss",)),
])
def test_dependence_names_the_scales_a_bound_is_not_invariant_under(bound, names, depends):
    expression = parse_expression(bound, allowed=names) if isinstance(bound, str) else bound
    assert dependence(expression, names) == depends
