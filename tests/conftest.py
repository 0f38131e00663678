"""Shared test helpers, and the default hypothesis profile of lazycheck's own suite.

``ci`` is loaded here; ``pytest --hypothesis-profile=thorough`` overrides it, because
hypothesis' plugin applies the command-line profile after conftest files are imported.
"""

import os
import sys

import pytest
import sympy as sp
from hypothesis import settings

from proofs_check.settings import register_profiles
from symbolic import derive

register_profiles()  # also done by lazycheck's pytest plugin; harmless twice
settings.load_profile("ci")


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


def pytest_configure(config):
    config.addinivalue_line("markers", "heavy: a test that takes 10 s or more; the suite starts it first")


def pytest_collection_modifyitems(items):
    """Start the heavy tests first (a stable sort keeps every other test in its place), so that on two workers
    none of them begins near the end and stretches the run: the order is the same in every xdist worker."""
    items.sort(key=lambda item: item.get_closest_marker("heavy") is None)


@pytest.fixture(autouse=True)
def _uncached_under_mutmut_stats():
    """While mutmut collects which tests reach which function (``MUTANT_UNDER_TEST=stats``, .ci/mutation), clear
    every functools cache of the project before each test: a cached derivation would otherwise credit only the first
    test that computed it, and a mutant of it would never meet the other tests. A no-op in ordinary runs."""
    if os.environ.get("MUTANT_UNDER_TEST") == "stats":
        for name, module in list(sys.modules.items()):
            if name.split(".")[0] in ("symbolic", "numeric", "proofs_check"):
                for value in list(vars(module).values()):
                    if callable(getattr(value, "cache_clear", None)):
                        value.cache_clear()
    yield
