"""The sweep grids of the measured claims (proofs_check.studies.sweeps), and the thorough sweeps themselves.

The thorough sweeps run only under ``pytest --hypothesis-profile=thorough`` (a few minutes).
"""

import pytest
from hypothesis import settings

from proofs_check.ledger import ledger
from proofs_check.ledger.entry import StudyRef
from proofs_check.ledger.runner import run_entry
from proofs_check.settings import RunConfig
from proofs_check.studies import sweeps
from proofs_check.studies.kernels import monte_carlo_claim


def _thorough_profile() -> bool:
    """Whether pytest runs under the thorough hypothesis profile (its example count is lazycheck's largest)."""
    return settings.default.max_examples == settings.get_profile("thorough").max_examples


@pytest.mark.parametrize("name", sorted(sweeps.GRIDS))
def test_thorough_grids_extend_the_ci_grids(name):
    ci, thorough = sweeps.GRIDS[name]["ci"], sweeps.GRIDS[name]["thorough"]
    assert set(ci) < set(thorough)
    assert list(thorough) == sorted(thorough) and list(ci) == sorted(ci)
    assert max(thorough) / min(thorough) > max(ci) / min(ci)


def test_the_depth_comes_from_the_profile():
    assert RunConfig(profile="thorough").depth == "thorough"
    assert RunConfig(profile="fast").depth == RunConfig().depth == "ci"
    assert sweeps.grid("network-alphas", "thorough") == sweeps.GRIDS["network-alphas"]["thorough"]


def test_studies_read_their_grid_at_the_configured_depth(monkeypatch):
    monkeypatch.setitem(sweeps.GRIDS, "kernel-widths", {"ci": (50, 200, 800), "thorough": (50, 200, 800, 3200)})
    assert dict(monte_carlo_claim(RunConfig()).ranges)["m"] == "50..800 (3 values)"
    assert dict(monte_carlo_claim(RunConfig(profile="thorough")).ranges)["m"] == "50..3200 (4 values)"


@pytest.mark.skipif(not _thorough_profile(), reason="thorough sweeps: pytest --hypothesis-profile=thorough")
@pytest.mark.parametrize("entry", [e for e in ledger() if any(isinstance(c, StudyRef) for c in e.checks)],
                         ids=lambda e: e.id)
def test_measured_entries_keep_their_status_over_the_thorough_sweeps(entry):
    result = run_entry(entry, RunConfig(profile="thorough", max_examples=10))
    assert result.status == entry.expected, result.checks
