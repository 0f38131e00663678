"""The stacked sine-tilted models and the batched lazy flow agree with their one-instance versions."""

import numpy as np
import pytest

from numeric import samplers
from numeric.losses import StronglyConvexQuadratic
from numeric.models import StackedSineTilted
from numeric.parameter_flows import (batched_lazy_flow, batched_lazy_velocity, lazy_flow, lazy_velocity,
                                     stacked_lazy_flow, tangent_flow)


def _models(shape, count, seed=0):
    rng, found = np.random.default_rng(seed), []
    while len(found) < count:
        instance = samplers.lazy_instance(rng)
        if instance[0].J0.shape == shape:
            found.append(instance)
    return found


def test_a_stack_evaluates_each_model_at_its_own_point():
    instances = _models((2, 3), 5)
    models = [model for model, _, _ in instances]
    w = np.random.default_rng(1).normal(size=(5, 3))
    stacked = StackedSineTilted(models)
    assert np.allclose(stacked(w), [m(v) for m, v in zip(models, w)], rtol=0, atol=1e-14)
    assert np.allclose(stacked.jacobian(w), [m.jacobian(v) for m, v in zip(models, w)], rtol=0, atol=1e-14)


def test_models_of_different_shapes_do_not_stack():
    with pytest.raises(ValueError, match="share one shape"):
        StackedSineTilted([_models((1, 1), 1)[0][0], _models((2, 3), 1)[0][0]])


def test_the_batched_lazy_flow_matches_each_lazy_flow():
    instances = _models((2, 4), 6, seed=3)
    models, alphas = [m for m, _, _ in instances], [a for *_, a in instances]
    losses = [StronglyConvexQuadratic(np.eye(2), y_star) for _, y_star, _ in instances]
    ts = np.linspace(0.0, 5.0, 41)
    batch = batched_lazy_flow(models, losses, alphas, ts)
    velocity = batched_lazy_velocity(models, losses, alphas, batch.y)
    for k, (model, loss, alpha) in enumerate(zip(models, losses, alphas)):
        alone = lazy_flow(model, loss, np.zeros(4), alpha, ts).y
        scale = np.abs(alone - alone[0]).max()
        assert np.abs(batch.y[k] - alone).max() <= 1e-8 * scale
        assert np.allclose(velocity[k], lazy_velocity(model, loss, alpha, batch.y[k]), rtol=1e-12, atol=1e-15)


#: A 2-output model and a loss on R^2 (right) or R^3 (wrong), for the argument checks of the parameter flows.
_LOSS2, _LOSS3 = StronglyConvexQuadratic(np.eye(2), [0.0, 0.0]), StronglyConvexQuadratic(np.eye(3), [0.0, 0.0, 0.0])


@pytest.mark.parametrize("call,message", [
    (lambda m: lazy_flow(m, _LOSS3, np.zeros(4), 1.0, [0.0, 1.0]), "loss has dimension 3 but the model has 2 outputs"),
    (lambda m: tangent_flow(m, _LOSS3, np.zeros(4), 1.0, [0.0, 1.0]), "loss has dimension 3"),
    (lambda m: lazy_flow(m, None, np.zeros(4), 1.0, [0.0, 1.0]), "loss must be a loss with"),
    (lambda m: lazy_flow(m, _LOSS2, np.zeros(4), 1.0, [0.0, 1.0], rtol=0), "rtol must be a finite number > 0"),
    (lambda m: tangent_flow(m, _LOSS2, np.zeros(4), 1.0, [0.0, 1.0], atol=-1.0), "atol must be"),
    (lambda m: batched_lazy_flow([m], [_LOSS3], [1.0], [0.0, 1.0]), "loss has dimension 3"),
    (lambda m: batched_lazy_flow([m], [_LOSS2], [1.0], [0.0, 1.0], rtol=-1), "rtol must be"),
    (lambda m: stacked_lazy_flow(None, None, [1.0, 2.0], np.zeros((1, 4)), [0.0, 1.0]), "one row per alpha"),
])
def test_bad_parameter_flow_input_is_a_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call(_models((2, 4), 1, seed=3)[0][0])
