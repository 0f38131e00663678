"""Shared test helpers."""

import pytest
import sympy as sp

from symbolic import derive


def is_zero(residual) -> bool:
    """A residual is zero: the number 0, or a matrix of zeros."""
    if isinstance(residual, sp.MatrixBase):
        return residual.is_zero_matrix is True
    return residual == 0


def assert_rejected(name: str, candidate, at=None) -> None:
    """A falsified candidate for derivation ``name`` must fail with a non-zero residual."""
    check = derive(name).verify(candidate, at)
    assert not check.ok, f"{name}: falsified candidate {candidate} was accepted"
    assert not is_zero(check.residual)


@pytest.fixture
def rejected():
    return assert_rejected
