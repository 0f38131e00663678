"""numeric.stacks: one formula, three shapes (one point, many points, a stack of instances at one point each)."""

import numpy as np

from numeric.stacks import box, matrices, scaled, vectors


def _rotation(angle, scale):
    """scale * [[cos, -sin], [sin, cos]] written once with the helpers."""
    c, s = np.cos(angle), np.sin(angle)
    return scaled(scale, matrices({(0, 0): c, (0, 1): -s, (1, 0): s, (1, 1): c}, (2, 2)), 2)


def test_one_point_gives_plain_vectors_and_matrices():
    assert np.array_equal(vectors(1.0, 2.0, 3.0), [1.0, 2.0, 3.0])
    assert np.allclose(_rotation(np.pi / 2, 2.0), [[0.0, -2.0], [2.0, 0.0]])
    assert np.array_equal(matrices({(0, 1): 5.0}, (2, 3)), [[0.0, 5.0, 0.0], [0.0, 0.0, 0.0]])
    assert np.array_equal(box((1.0, 2.0)), [1.0, 2.0])


def test_many_points_and_a_stack_agree_with_one_point_at_a_time():
    angles, scales = np.linspace(0.0, 3.0, 7), np.linspace(0.5, 2.0, 7)
    one_by_one = np.stack([_rotation(a, s) for a, s in zip(angles, scales)])
    assert np.array_equal(_rotation(angles, scales), one_by_one)  # a stack of 7 instances
    assert np.array_equal(_rotation(angles, 2.0), np.stack([_rotation(a, 2.0) for a in angles]))  # many points
    assert np.array_equal(vectors(angles, scales), np.stack([angles, scales], axis=-1))
    assert np.array_equal(box((scales, 1.0)), np.stack([scales, np.ones(7)], axis=-1))


def test_a_stacked_factor_scales_each_instances_points():
    points = np.arange(12.0).reshape(3, 4)
    assert np.array_equal(scaled(np.array([1.0, 2.0, 3.0]), points, 1), points * [[1.0], [2.0], [3.0]])
    assert np.array_equal(scaled(2.0, points, 1), 2.0 * points)
