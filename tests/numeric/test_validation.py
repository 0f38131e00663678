"""Argument validation of numeric/ (numeric.validation): clear ValueErrors that name the problem."""

import numpy as np
import pytest

from numeric.validation import finite_array, positive_definite, positive_number, symmetric_matrix, times


@pytest.mark.parametrize("call,fragment", [
    (lambda: finite_array([1.0, np.nan], "y0"), "y0 contains NaN or inf"),
    (lambda: finite_array([[1.0]], "v", ndim=1), "v must have 1 dimension(s)"),
    (lambda: finite_array([1.0, 2.0], "v", shape=(3,)), "v must have shape (3,)"),
    (lambda: positive_number(0.0, "lam"), "lam must be a finite number > 0"),
    (lambda: positive_number(float("inf"), "lam"), "lam must be a finite number > 0"),
    (lambda: symmetric_matrix([[1.0, 2.0]], "H"), "H must be square"),
    (lambda: symmetric_matrix([[1.0, 2.0], [0.0, 1.0]], "H"), "H is not symmetric"),
    (lambda: symmetric_matrix(np.eye(2), "H", dim=3), "H must be 3x3"),
    (lambda: positive_definite([[1.0, 0.0], [0.0, 0.0]], "H"), "H is not positive definite"),
    (lambda: times([], "ts"), "ts is empty"),
    (lambda: times([0.0, 2.0, 1.0]), "nondecreasing"),
    (lambda: times([-1.0, 0.0]), "start at t >= 0"),
])
def test_bad_input_is_a_value_error_naming_it(call, fragment):
    with pytest.raises(ValueError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        call()


def test_good_input_is_returned_as_floats():
    assert finite_array([1, 2], "v").dtype == float and positive_number(2, "x") == 2.0
    matrix = symmetric_matrix([[1.0, 1.0 + 1e-15], [1.0, 2.0]], "H")
    assert np.array_equal(matrix, matrix.T)  # symmetrized exactly
    _, eigenvalues, _ = positive_definite(np.diag([2.0, 1.0]), "H")
    assert list(eigenvalues) == [1.0, 2.0]
    assert times(3.0).shape == (1,)
