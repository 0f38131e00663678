"""chizat-bach Section 5 claims (proofs_check.studies.section5.claims): each predicate rejects its falsified variants,
and the committed data, which is package data, has the ledger's statuses."""

import pytest

from proofs_check.settings import RunConfig
from proofs_check.studies.section5 import claims, protocols


def _record(panel: str, data: dict) -> dict:
    return {"panel": panel, "protocol": "test", "data": data}


RISING = {"taus": [0.1, 1.0, 10.0], "best_test_error": {"mean": [0.002, 0.004, 0.0050]},
          "kernel_test_error": {"mean": 0.0051}, "null_predictor_error": 0.02,
          "relative_displacement": {"mean": [1.0, 1e-2, 1e-4]}}


def test_figure_1c_claim_and_its_falsified_variants():
    assert claims.claim_1c(_record("figure-1c", RISING)).ok
    falling = dict(RISING, best_test_error={"mean": [0.005, 0.004, 0.002]})
    assert not claims.claim_1c(_record("figure-1c", falling)).ok
    peaked = dict(RISING, best_test_error={"mean": [0.002, 0.008, 0.0050]})  # rises, then falls by 37%
    assert not claims.claim_1c(_record("figure-1c", peaked)).ok
    off_plateau = dict(RISING, kernel_test_error={"mean": 0.01})
    assert not claims.claim_1c(_record("figure-1c", off_plateau)).ok


def test_displacement_claim_needs_the_tau_squared_decay():
    assert claims.claim_displacement(_record("figure-1c", RISING)).ok
    one_over_tau = dict(RISING, relative_displacement={"mean": [1.0, 1e-1, 1e-2]})
    assert not claims.claim_displacement(_record("figure-1c", one_over_tau)).ok


def test_figure_5_claim_rejects_an_active_large_tau_run():
    runs = [{"tau": 0.1, "doubling": True, "relative_displacement": 0.6},
            {"tau": 2.0, "doubling": True, "relative_displacement": 0.002},
            {"tau": 0.1, "doubling": False, "relative_displacement": 0.7},
            {"tau": 2.0, "doubling": False, "relative_displacement": 0.05}]
    assert claims.claim_5(_record("figure-5", {"runs": runs})).ok
    runs[3] = dict(runs[3], relative_displacement=0.5)
    assert not claims.claim_5(_record("figure-5", {"runs": runs})).ok


def test_figure_6_claims_reject_their_falsified_variants():
    growing = {"widths": [10, 100, 1000], "mean_test_error": {"sqrt": [0.002, 0.003, 0.005], "mean": [0.004, 0.002, 0.001]}}
    assert claims.claim_6a(_record("figure-6a", growing)).ok
    swapped = {"widths": growing["widths"], "mean_test_error": {"sqrt": growing["mean_test_error"]["mean"],
                                                                "mean": growing["mean_test_error"]["sqrt"]}}
    assert not claims.claim_6a(_record("figure-6a", swapped)).ok
    stuck = {"taus": [0.01, 10.0], "population_loss": {"mean": [1e-5, 1e-3]}, "still_decreasing": [1.0, 0.0],
             "null_predictor_loss": 0.006}
    assert claims.claim_6b(_record("figure-6b", stuck)).ok
    assert not claims.claim_6b(_record("figure-6b", dict(stuck, population_loss={"mean": [1e-3, 1e-3]}))).ok


def test_missing_data_names_the_command_that_makes_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="lazycheck figures --out"):
        claims.figure_claim(RunConfig(), "chizat-bach/section-5-figure-1c", tmp_path)


@pytest.mark.parametrize("claim_id", sorted(claims.CLAIMS))
@pytest.mark.parametrize("depth", ["full", "quick"])
def test_claims_on_the_committed_data(claim_id, depth):
    from proofs_check.ledger import select

    directory = claims.data_directory() if depth == "full" else claims.data_directory() / "quick"
    result = claims.figure_claim(RunConfig(), claim_id, directory)
    (entry,) = select([claim_id])
    if claim_id in claims.SWEPT_CLAIMS:  # the ledger reads the sweep; the one committed protocol does not show it
        assert not result.ok and entry.experiment, result.detail
        result = claims.sweep_claim(RunConfig(), claim_id)
        assert result.searched >= 3 and result.detail.count("[tau") == result.searched
    assert result.ok == (entry.expected == "empirical"), result.detail


def test_a_sweep_where_no_protocol_reproduces_the_effect_is_not_reproduced(tmp_path):
    """The sweep claim passes only if some protocol reproduces the effect; the ledger then says not-reproduced
    (an experiment), never refuted."""
    import json

    from proofs_check.ledger import select
    from proofs_check.ledger.decide import decide

    sweep = json.loads((claims.data_directory() / "figure-6a-sweep.json").read_text())
    sweep["runs"] = [run for run in sweep["runs"] if not run["label"].startswith("tau 0.1")]
    (tmp_path / "figure-6a-sweep.json").write_text(json.dumps(sweep))
    result = claims.sweep_claim(RunConfig(), "chizat-bach/section-5-figure-6a", tmp_path)
    assert not result.ok and "not reproduced under any of the 7 protocols tried" in result.detail
    (entry,) = select(["chizat-bach/section-5-figure-6a"])
    assert decide(entry, [result]).status == "not-reproduced"


def test_the_committed_data_is_package_data():
    """The ledger reads the data through the package (importlib.resources), not through a checkout path."""
    directory = claims.data_directory()
    assert directory.parts[-4:] == ("proofs_check", "studies", "section5", "data")
    assert all((directory / f"{panel}.json").is_file() and (directory / f"{panel}.png").is_file()
               for panel in protocols.PANELS)
