"""The drawings of Section 5 (proofs_check.studies.section5.plots): every panel draws from a minimal record into a
PNG, without pyplot (no backend is selected, no global figure state)."""

import subprocess
import sys

import pytest

from proofs_check.studies.section5.plots import DRAWINGS, plot
from proofs_check.studies.section5.protocols import PANELS

RUN = {"tau": 0.1, "doubling": True, "path": [[[1.0, 0.0], [0.0, 1.0]], [[0.9, 0.1], [0.1, 0.9]]],
       "sign_b": [1.0, -1.0], "teacher": [[1.0, 0.0]]}
DATA = {
    "figure-1a": RUN, "figure-1b": dict(RUN, tau=2.0), "figure-5": {"runs": [RUN, dict(RUN, doubling=False)]},
    "figure-1c": {"taus": [0.1, 1.0], "best_test_error": {"mean": [0.1, 0.2], "std": [0.01, 0.02]},
                  "kernel_test_error": {"mean": 0.2}, "null_predictor_error": 0.5},
    "figure-4": {"angles": [0.0, 1.0], "random": [[1.0, 0.5]], "limit": [1.0, 0.4], "width": 10},
    "figure-6a": {"widths": [4, 16], "test_error": {"sqrt": [[0.1], [0.2]], "mean": [[0.1], [0.05]]}},
    "figure-6b": {"taus": [0.1, 1.0], "population_loss": {"mean": [1e-5, 1e-3], "std": [0.0, 0.0]},
                  "still_decreasing": [0.0, 0.5]},
}


def test_every_panel_has_a_drawing():
    assert set(DRAWINGS) == set(PANELS) == set(DATA)


@pytest.mark.parametrize("panel", PANELS)
def test_each_panel_is_drawn_to_a_png(panel, tmp_path):
    path = tmp_path / f"{panel}.png"
    plot(panel, {"panel": panel, "data": DATA[panel]}, path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 1000


def test_drawing_loads_no_pyplot(tmp_path):
    script = (f"import sys; from pathlib import Path; from tests.proofs_check.studies.section5.test_plots import DATA; "
              f"from proofs_check.studies.section5.plots import plot; "
              f"plot('figure-4', {{'data': DATA['figure-4']}}, Path({str(tmp_path / 'f.png')!r})); "
              f"print('matplotlib.pyplot' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
