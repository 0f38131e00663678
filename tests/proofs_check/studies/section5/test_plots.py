"""The drawings of Section 5 (proofs_check.studies.section5.plots): every panel draws from a minimal record into a
PNG, without pyplot (no backend is selected, no global figure state); the trajectory panels are labelled, have a
legend and a window showing the unit circle; ``replot`` redraws the PNGs from the JSON records."""

import json
import re
import subprocess
import sys

import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.text import Annotation

from proofs_check.studies.section5.plots import (DRAWINGS, MAX_HALF_WIDTH, MIN_HALF_WIDTH, SIGN_COLOURS,
                                                 clipped_neurons, plot, teacher_arrows, trajectory_half_width)
from proofs_check.studies.section5.production import replot
from proofs_check.studies.section5.protocols import PANELS

RUN = {"tau": 0.1, "doubling": True, "path": [[[1.0, 0.0], [0.0, 1.0]], [[0.9, 0.1], [0.1, 0.9]]],
       "sign_b": [1.0, -1.0], "teacher": [[1.0, 0.0], [0.0, -1.0]], "teacher_sign": [1.0, -1.0]}
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


#: A lazy-looking run: one neuron far outside any window that shows the unit circle, one inside it.
FAR_RUN = dict(RUN, tau=2.0, path=[[[20.0, 0.0], [0.5, 0.5]], [[20.5, 0.0], [0.5, 0.6]]])
TRAJECTORY_DATA = {"figure-1a": RUN, "figure-1b": FAR_RUN, "figure-5": {"runs": [RUN, FAR_RUN]}}


def test_the_window_holds_the_unit_circle_and_at_most_max_half_width():
    assert trajectory_half_width(np.zeros((2, 3, 2))) == MIN_HALF_WIDTH
    assert trajectory_half_width(FAR_RUN["path"]) == MAX_HALF_WIDTH
    assert clipped_neurons(FAR_RUN["path"], MAX_HALF_WIDTH) == 1 and clipped_neurons(RUN["path"], MIN_HALF_WIDTH) == 0


@pytest.mark.parametrize("panel", sorted(TRAJECTORY_DATA))
def test_trajectory_panels_have_labels_a_legend_and_show_the_unit_circle(panel):
    figure = DRAWINGS[panel]({"data": TRAJECTORY_DATA[panel]})
    legend = [text.get_text() for legend in figure.legends for text in legend.get_texts()]
    assert any("teacher" in label for label in legend) and "unit circle" in legend and len(legend) == 5
    for axes in figure.axes:
        assert axes.get_xlabel() and axes.get_ylabel()
        for low, high in (axes.get_xlim(), axes.get_ylim()):
            assert low <= -1 < 1 <= high <= MAX_HALF_WIDTH
    notes = [text.get_text() for axes in figure.axes for text in axes.texts]
    assert any(note.startswith("1 of 2 neurons") for note in notes) == (panel != "figure-1a")


@pytest.mark.parametrize("panel", PANELS)
def test_labels_write_tau_and_alpha_as_symbols(panel):
    figure = DRAWINGS[panel]({"data": DATA[panel]})
    texts = [figure.axes[0].get_title(), *(t.get_text() for legend in figure.legends for t in legend.get_texts())]
    for axes in figure.axes:
        texts += [axes.get_title(), axes.get_xlabel(), axes.get_ylabel()]
        texts += [t.get_text() for t in axes.get_legend().get_texts()] if axes.get_legend() else []
    assert not [text for text in texts if re.search(r"(?<!\\)\b(tau|alpha)\b", text)]


@pytest.mark.parametrize("panel", sorted(TRAJECTORY_DATA))
def test_teacher_arrows_point_at_the_recorded_neurons_coloured_by_the_sign_of_b(panel):
    """Each teacher arrow goes from 0 to the recorded |b_i| a_i, red for b_i > 0 and blue for b_i < 0."""
    figure = DRAWINGS[panel]({"data": TRAJECTORY_DATA[panel]})
    expected = [((1.0, 0.0), SIGN_COLOURS[1.0]), ((0.0, -1.0), SIGN_COLOURS[-1.0])]
    assert teacher_arrows(RUN) == expected
    for axes in figure.axes:
        arrows = [(tuple(text.xy), text.arrow_patch.get_edgecolor()) for text in axes.texts
                  if isinstance(text, Annotation)]
        assert [tip for tip, _ in arrows] == [tip for tip, _ in expected]
        assert [to_hex(colour) for _, colour in arrows] == [to_hex(colour) for _, colour in expected]
    legend = [text.get_text() for legend in figure.legends for text in legend.get_texts()]
    assert not [label for label in legend if "not recorded" in label]


def test_replot_redraws_the_pngs_from_the_json_records(tmp_path):
    (tmp_path / "figure-4.json").write_text(json.dumps({"panel": "figure-4", "data": DATA["figure-4"]}))
    assert replot(tmp_path) == [tmp_path / "figure-4.png"]
    assert (tmp_path / "figure-4.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
