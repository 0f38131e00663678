"""chizat-bach Section 5 production (protocols, experiments, production): tiny protocols end to end, seeds, the CLI."""

import io
import json

import numpy as np
import pytest

from numeric.training import Teacher
from proofs_check.progress import ProgressBar
from proofs_check.studies.section5 import experiments, protocols
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


#: A few steps of Figure 1(a, b)'s networks: enough to record the teacher (< 0.1 s).
STEPS = {"d": 2, "n": 6, "m": 4, "taus": (0.1, 2.0), "iterations": 3, "records": 2}


@pytest.mark.parametrize("name", ["figure-1ab", "figure-5"])
def test_the_teacher_is_recorded_as_the_students_are_drawn(name):
    """The trajectory records hold the teacher's |b_i| a_i and the sign of b_i (the seeds of Figures 1 and 5 draw
    teacher neurons with b_i < 0: one of three for Figure 1, all three for Figure 5)."""
    seed = protocols.PROTOCOLS[name]["seed"]
    teacher = Teacher.draw(np.random.default_rng(seed), STEPS["d"])  # the runs' first draw
    runs = experiments._trajectories(STEPS, seed, ProgressBar("", 1, io.StringIO()), doublings=(True, False))
    assert np.any(teacher.b < 0)
    for run in runs:
        assert np.allclose(run["teacher"], np.abs(teacher.b)[:, None] * teacher.a)
        assert run["teacher_sign"] == np.sign(teacher.b).tolist()
        assert np.allclose(np.asarray(run["teacher_sign"])[:, None] * run["teacher"], teacher.b[:, None] * teacher.a)


def test_step_sizes_follow_the_kernel_scale():
    m = 50
    assert np.isclose(experiments.step_sizes(10.0, m), protocols.ETA / (m * 100))  # ~ 1/tau^2 for large tau
    assert np.isclose(experiments.step_sizes(0.01, m), protocols.ETA)  # the curvature at 0 for small tau
    assert np.isclose(experiments.step_sizes(1.0, m, 1 / m), protocols.ETA * m)  # mean field: eta ~ m
    assert np.isclose(experiments.step_sizes(1.0, m, 1 / np.sqrt(m)), protocols.ETA)


def test_cli_usage_errors(tmp_path, capsys):
    from proofs_check.cli import main

    assert main(["figures", "--only", "figure-9"]) == 2
    assert "unknown panel figure-9; valid names: figure-1a" in capsys.readouterr().err
    not_a_directory = tmp_path / "file"
    not_a_directory.write_text("")
    assert main(["figures", "--quick", "--out", str(not_a_directory)]) == 2
    assert "is not a directory" in capsys.readouterr().err


def test_cli_closes_with_a_summary_of_the_claims_on_the_new_data(tmp_path, monkeypatch, capsys):
    """figures checks the Section 5 claims on what it produced and closes with their tally; figure 6(a) on the
    text's protocol is 'not reproduced', which the ledger records (it is reproduced in the sweep only), so exit 0."""
    from proofs_check.cli import main
    from proofs_check.studies.section5 import production
    from proofs_check.studies.section5.claims import load

    monkeypatch.setattr(production, "produce", lambda panels, **_: {panel: load(panel) for panel in panels})
    assert main(["figures", "--only", "figure-5", "figure-6a", "--out", str(tmp_path / "new")]) == 0
    out = capsys.readouterr().out
    assert "~ chizat-bach/section-5-figure-6a: not reproduced:" in out and "UNEXPECTED" not in out
    assert out.splitlines()[-1].startswith("3 Section 5 claims checked on the data in ")
    assert out.splitlines()[-1].endswith("; all as the ledger records")
