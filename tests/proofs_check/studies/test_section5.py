"""chizat-bach Section 5 (proofs_check.studies.section5): tiny protocols end to end, and the claims on the data."""

import io
import json

import numpy as np
import pytest

from proofs_check.settings import RunConfig
from proofs_check.studies.section5 import claims, experiments, protocols
from proofs_check.studies.section5.production import produce

#: Protocols small enough for the test suite (a few seconds for all panels).
TINY = {
    "figure-1ab": {"d": 2, "n": 6, "m": 4, "taus": (0.1, 2.0), "iterations": 200, "records": 10},
    "figure-1c": {"d": 5, "n": 20, "m": 4, "trials": 2, "taus": (0.1, 1.0, 10.0), "iterations": 100, "n_test": 30,
                  "test_every": 20},
    "figure-4": {"width": 20, "realizations": 2, "points": 9},
    "figure-5": {"d": 2, "n": 8, "m": 6, "taus": (0.1, 2.0), "iterations": 200, "records": 10},
    "figure-6a": {"d": 5, "n": 20, "widths": (2, 4, 8), "trials": 2, "tau": 1.0, "iterations": 50, "n_test": 30},
    "figure-6b": {"d": 5, "m": 4, "batch": 10, "trials": 2, "taus": (0.1, 1.0, 10.0), "iterations": 100,
                  "n_population": 50, "slow_window": 0.2},
}


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("figures")
    tiny = {name: dict(protocol, quick=TINY[name]) for name, protocol in protocols.PROTOCOLS.items()}
    log = io.StringIO()
    produced = produce(protocols.PANELS, quick=True, out=out, log=log, protocols=tiny)
    return out, produced, log.getvalue()


def test_every_panel_writes_a_png_and_its_json(tiny_run):
    out, produced, log = tiny_run
    assert sorted(produced) == sorted(protocols.PANELS)
    for panel in protocols.PANELS:
        assert (out / f"{panel}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        record = json.loads((out / f"{panel}.json").read_text())
        assert record["panel"] == panel and record["protocol"] == "quick" and record["dtype"] == "float32"
        assert record["seed"] == next(p["seed"] for n, p in protocols.PROTOCOLS.items() if panel in protocols.PRODUCES[n])
    assert "matrix-multiply peak" in log and "quick:" in log


def test_timed_loops_report_their_share_of_the_matmul_peak(tiny_run):
    _, produced, _ = tiny_run
    for panel in ("figure-1c", "figure-6a", "figure-6b"):
        efficiency = produced[panel]["efficiency"]
        assert efficiency["flops_per_second"] > 0 and 0 < efficiency["fraction_of_peak"]


def test_the_quick_reduction_is_stated():
    assert "trials 10 -> 2" in protocols.reduction("figure-1c")
    assert protocols.reduction("figure-4").startswith("points 181 -> ")


def test_every_protocol_has_its_own_seed():
    seeds = [protocol["seed"] for protocol in protocols.PROTOCOLS.values()]
    assert len(set(seeds)) == len(seeds)


def test_step_sizes_follow_the_kernel_scale():
    m = 50
    assert np.isclose(experiments.step_sizes(10.0, m), protocols.ETA / (m * 100))  # ~ 1/tau^2 for large tau
    assert np.isclose(experiments.step_sizes(0.01, m), protocols.ETA)  # the curvature at 0 for small tau
    assert np.isclose(experiments.step_sizes(1.0, m, 1 / m), protocols.ETA * m)  # mean field: eta ~ m
    assert np.isclose(experiments.step_sizes(1.0, m, 1 / np.sqrt(m)), protocols.ETA)


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
    assert result.ok == (entry.expected == "empirical"), result.detail


def test_the_committed_data_is_package_data():
    """The ledger reads the data through the package (importlib.resources), not through a checkout path."""
    directory = claims.data_directory()
    assert directory.parts[-4:] == ("proofs_check", "studies", "section5", "data")
    assert all((directory / f"{panel}.json").is_file() and (directory / f"{panel}.png").is_file()
               for panel in protocols.PANELS)


def test_cli_usage_errors(tmp_path, capsys):
    from proofs_check.cli import main

    assert main(["figures", "--only", "figure-9"]) == 2
    assert "unknown panel figure-9; valid names: figure-1a" in capsys.readouterr().err
    not_a_directory = tmp_path / "file"
    not_a_directory.write_text("")
    assert main(["figures", "--quick", "--out", str(not_a_directory)]) == 2
    assert "is not a directory" in capsys.readouterr().err
