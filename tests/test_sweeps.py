"""The sweep grids of the measured claims (proofs_check.sweeps), and the thorough sweeps themselves.

The thorough sweeps run only under ``pytest --hypothesis-profile=thorough`` (a few minutes).
"""

import pytest
from hypothesis import settings

from proofs_check import sweeps
from proofs_check.ledger import FunctionRef, ledger, run_entry
from proofs_check.kernels import monte_carlo_study


def _thorough_profile() -> bool:
    """Whether pytest runs under the thorough hypothesis profile (its example count is lazycheck's largest)."""
    return settings.default.max_examples == settings.get_profile("thorough").max_examples


@pytest.mark.parametrize("name", sorted(sweeps.GRIDS))
def test_thorough_grids_extend_the_ci_grids(name):
    ci, thorough = sweeps.GRIDS[name]["ci"], sweeps.GRIDS[name]["thorough"]
    assert set(ci) < set(thorough)
    assert list(thorough) == sorted(thorough) and list(ci) == sorted(ci)
    assert max(thorough) / min(thorough) > max(ci) / min(ci)


def test_depth_follows_the_profile_and_is_restored():
    assert sweeps.current() == "ci"
    with sweeps.depth("thorough") as depth:
        assert depth == sweeps.current() == "thorough"
        assert sweeps.grid("network-alphas") == sweeps.GRIDS["network-alphas"]["thorough"]
        with sweeps.depth("fast"):
            assert sweeps.current() == "ci"
        assert sweeps.current() == "thorough"
    assert sweeps.current() == "ci"


def test_studies_read_their_grid_at_the_current_depth(monkeypatch):
    monkeypatch.setitem(sweeps.GRIDS, "kernel-widths", {"ci": (50, 200, 800), "thorough": (50, 200, 800, 3200)})
    assert monte_carlo_study()["widths"] == [50, 200, 800]
    with sweeps.depth("thorough"):
        assert monte_carlo_study()["widths"] == [50, 200, 800, 3200]


@pytest.mark.skipif(not _thorough_profile(), reason="thorough sweeps: pytest --hypothesis-profile=thorough")
@pytest.mark.parametrize("entry", [e for e in ledger() if any(isinstance(c, FunctionRef) for c in e.checks)],
                         ids=lambda e: e.id)
def test_measured_entries_keep_their_status_over_the_thorough_sweeps(entry):
    with sweeps.depth("thorough"):
        result = run_entry(entry, max_examples=10, seed=None)
    assert result.status == entry.expected, result.checks
