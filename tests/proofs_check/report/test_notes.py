"""The teaching notes (proofs_check.report.notes, ``lazycheck notes``): the table, the rendering, staleness, and the
committed notes/.

Everything renders from a stub run built without running a check (every chain step at the status its chain
declares), so it is fast. That the committed notes/ are current is checked on the one whole-ledger run of the
suite (tests/proofs_check/ledger/test_witnesses.py), rendered through :func:`notes.ledger_run` as ``lazycheck
notes`` renders its own run.
"""

import fnmatch
import json
from pathlib import Path

import pytest

from proofs_check.cli import main
from proofs_check.ledger import ledger
from proofs_check.ledger.decide import decide
from proofs_check.proofs import PROOF_IDS
from proofs_check.proofs.catalog import proof
from proofs_check.proofs.chain import ProofReport, StepResult, errata_of
from proofs_check.report import markdown as render
from proofs_check.report import notes
from proofs_check.report import proofs as proof_render
from proofs_check.results import CheckResult
from symbolic import names

REPOSITORY = Path(__file__).resolve().parents[3]
#: Issue 7's main results: the note of each, and ledger ids it must cover.
MAIN_RESULTS = {
    "lemma-3.3.md": ("chizat-bach/lemma-3.3", "smith/lemma-B.1"),
    "lemma-A.1.md": ("chizat-bach/lemma-A.1", "smith/lemma-B.2"),
    "theorem-3.2.md": ("chizat-bach/theorem-3.2", "smith/theorem-2.4"),
    "theorem-2.2.md": ("smith/theorem-2.2",),
    "proposition-A.1.md": ("smith/proposition-A.1",),
    "theorem-3.4.md": ("chizat-bach/theorem-3.4",),
    "kernels-and-scaling.md": ("chizat-bach/eq-4-relu-kernel", "smith/section-2-homogeneous-scaling"),
}
#: The figure names of issue 7 (``lazycheck figures``).
FIGURE_NAMES = {"figure-1a", "figure-1b", "figure-1c", "figure-4", "figure-5", "figure-6a", "figure-6b"}
STUB_COUNTEREXAMPLE = "stub counterexample: x = 1"


def _stub_report(proof_id: str) -> ProofReport:
    """A report of ``proof_id`` in which every step has the status its chain declares (nothing is run)."""
    results = []
    for step in proof(proof_id).steps:
        status = step.expected
        outcome = None if status == "unchecked" else CheckResult(
            step.kind, status == "holds", f"stub detail of step {step.label}",
            counterexample=None if status == "holds" else STUB_COUNTEREXAMPLE)
        corrected = CheckResult(step.kind, True, "stub corrected check") if status in ("fails", "gap") else None
        results.append(StepResult(step, status, outcome, corrected, 0.0))
    return ProofReport(proof(proof_id), tuple(results), 0.0)


@pytest.fixture(scope="module")
def stub_run() -> notes.LedgerRun:
    """Every claim with one passing stub check (pending claims with none), the stub chains and their errata."""
    check = CheckResult("numeric", True, "worst ratio 0.5 over 3 instances", ref="stub", ratio=0.5, witness_ratio=0.25)
    claims = tuple(decide(entry, [] if entry.pending else [check]).as_json() for entry in ledger())
    reports = [_stub_report(proof_id) for proof_id in PROOF_IDS]
    return notes.LedgerRun("ci", 3, None, tuple(notes._portable(c) for c in claims),
                           tuple(proof_render.erratum_json(e) for r in reports for e in errata_of(r)),
                           {r.proof.id: notes._portable(proof_render.proof_json(r)) for r in reports})


def _note(file: str) -> notes.Note:
    (found,) = [n for n in notes.NOTES if n.file == file]
    return found


# The table.

def test_every_main_result_has_a_note_covering_both_texts():
    for file, entry_ids in MAIN_RESULTS.items():
        note = _note(file)
        for entry_id in entry_ids:
            assert notes.note_of(entry_id) == note, f"{entry_id} is not in {file}"


def test_every_name_in_the_table_exists():
    ids = {e.id for e in ledger()}
    for note in notes.NOTES:
        for pattern in note.entries:  # a glob may wait for entries to come; an id must exist
            assert any(c in pattern for c in "*?[") or pattern in ids, f"{note.file}: no ledger entry {pattern}"
        assert set(note.proofs) <= set(PROOF_IDS), note.file
        assert set(note.derivations) <= set(names()), note.file
        assert set(note.figures) <= FIGURE_NAMES, note.file
    assert len({n.file for n in notes.NOTES}) == len(notes.NOTES) and notes.INDEX not in {n.file for n in notes.NOTES}


def test_every_ledger_entry_is_in_exactly_one_note():
    for entry in ledger():
        covering = [n.file for n in notes.NOTES if any(fnmatch.fnmatchcase(entry.id, p) for p in n.entries)]
        assert len(covering) == 1, f"{entry.id} is in {covering or 'no note'}: add it to proofs_check.report.notes.NOTES"


def test_every_proof_and_derivation_and_figure_has_a_note():
    assert sorted(notes.noted_proofs()) == sorted(PROOF_IDS)
    assert sorted(d for n in notes.NOTES for d in n.derivations) == sorted(names())
    assert {f for n in notes.NOTES for f in n.figures} == FIGURE_NAMES


# One note.

def test_a_note_has_every_section_and_every_claim(stub_run):
    for note in notes.NOTES:
        text = notes.render_note(note, stub_run)
        for heading in ("## Statement", "## Proof", "## Derivations", "## Checks and numeric evidence", "## Errata"):
            assert f"\n{heading}\n" in text, (note.file, heading)
        for claim in notes.note_entries(note, stub_run):
            assert text.count(f"### `{claim['id']}`\n") == 2, claim["id"]  # its statement and its evidence
        for name in note.derivations:
            assert f"### `{name}`:" in text
        assert text.count("$$") % 2 == 0 and str(REPOSITORY) not in text


def test_the_chain_marks_each_step_with_its_kind_of_check(stub_run):
    text = notes.render_note(_note("theorem-3.2.md"), stub_run)
    for proof_id in ("chizat-bach/theorem-3.2", "smith/theorem-2.4"):
        for step in stub_run.proofs[proof_id]["steps"]:
            mark = proof_render.MARKDOWN_STEP_MARKS[step["status"]]
            assert f"- {mark} **{step['label']}** · *{step['kinds']}* · " in text, (proof_id, step["label"])
            assert step["kinds"] == step["kind"] + ("+coq" if step["coq"] else "")
    assert {"✓", "✗", "gap"} <= {proof_render.MARKDOWN_STEP_MARKS[s["status"]]
                                 for s in stub_run.proofs["smith/theorem-2.4"]["steps"]}


def test_the_errata_show_their_counterexample_and_correction(stub_run):
    note = _note("theorem-3.2.md")
    errata_section = notes.render_note(note, stub_run).split("\n## Errata\n")[1]
    errata = notes.note_errata(note, stub_run)
    assert errata and all(e["id"].startswith(("chizat-bach/theorem-3.2/", "smith/theorem-2.4/")) for e in errata)
    for erratum in errata:
        assert f"### `{erratum['id']}`" in errata_section
        assert f"replay: `{erratum['replay']}`" in errata_section
    assert errata_section.count(f"counterexample: `{STUB_COUNTEREXAMPLE}`") == len(errata)
    assert "- correction: `" in errata_section and "the conclusion does **not** survive" in errata_section


def test_a_note_without_errata_says_so(stub_run):
    text = notes.render_note(_note("lemma-3.3.md"), stub_run)
    assert "None: no step of `chizat-bach/lemma-3.3` fails or has a gap." in text
    assert "Worst ratio observed/bound over its checks (adversarial searches: 3 examples): 0.5" in text


@pytest.fixture
def figure_data(tmp_path, monkeypatch):
    """An empty Section 5 data directory in place of the package's, and a notes directory beside it."""
    data, directory = tmp_path / "data", tmp_path / "notes"
    data.mkdir(), directory.mkdir()
    monkeypatch.setattr(notes, "data_directory", lambda: data)
    return data, directory


def test_figures_are_embedded_only_when_their_png_exists(stub_run, figure_data):
    data, directory = figure_data
    note = _note("kernels-and-scaling.md")
    text = notes.render_notes(stub_run, directory)[note.file]
    assert "![" not in text and f"Figure 4: not generated yet; `{notes.FIGURES_COMMAND}` produces it." in text
    (data / "figure-4.png").write_bytes(b"\x89PNG")
    text = notes.render_notes(stub_run, directory)[note.file]
    assert "![chizat-bach Figure 4](../data/figure-4.png)" in text and "Figure 6(a): not generated yet" in text


def test_the_committed_notes_link_the_package_data():
    assert notes.figure_link(REPOSITORY / "notes", "figure-1c") == "../proofs_check/studies/section5/data/figure-1c.png"


def test_the_index_lists_every_entry_with_its_status(stub_run):
    index = notes.render_index(stub_run)
    for claim in stub_run.claims:
        assert f"| `{claim['id']}` |" in index and f"| {claim['status']}" in index
    for note in notes.NOTES:
        assert f"]({note.file})" in index


def test_rendering_is_deterministic_and_survives_a_json_round_trip(stub_run, tmp_path):
    again = notes.LedgerRun.from_json(json.loads(json.dumps(stub_run.as_json())))
    assert notes.render_notes(again, tmp_path) == notes.render_notes(stub_run, tmp_path)
    assert not any("seconds" in json.dumps(value) for value in (stub_run.claims, stub_run.proofs))


def test_a_run_keeps_no_absolute_path():
    detail = f"no data in {REPOSITORY}/notes/figures; run it in {REPOSITORY}"
    assert notes._portable({"checks": [{"detail": detail, "seconds": 1.5}]}) == {
        "checks": [{"detail": "no data in notes/figures; run it in ."}]}


# Staleness.

def test_check_reports_stale_missing_and_extra_files(stub_run, tmp_path):
    written = notes.write_notes(tmp_path, stub_run)
    assert sorted(written) == sorted([n.file for n in notes.NOTES] + [notes.INDEX])
    assert notes.stale_notes(tmp_path, stub_run) == []
    lemma = tmp_path / "lemma-3.3.md"
    lemma.write_text(lemma.read_text().replace("✓", "✗", 1))
    (tmp_path / notes.INDEX).unlink()
    (tmp_path / "old-note.md").write_text("# an old note\n")
    assert notes.notes_status(tmp_path, stub_run) == {"lemma-3.3.md": "differs", notes.INDEX: "missing",
                                                      "old-note.md": "not generated"}
    notes.write_notes(tmp_path, stub_run)
    assert notes.stale_notes(tmp_path, stub_run) == [] and not (tmp_path / "old-note.md").exists()


def test_a_new_figure_makes_its_note_stale(stub_run, figure_data):
    data, directory = figure_data
    notes.write_notes(directory, stub_run)
    (data / "figure-6b.png").write_bytes(b"\x89PNG")
    assert notes.stale_notes(directory, stub_run) == ["theorem-3.4.md"]


# Markdown helpers.

def test_markdown_code_and_text_escape_what_markdown_would_read():
    assert render.markdown_code("a `b` c") == "``a `b` c``"
    assert render.markdown_code("||x||", in_table=True) == r"`\|\|x\|\|`"
    assert render.markdown_text("y* <= f_star _x <b> $1") == r"y\* <= f_star \_x \<b> \$1"


def test_github_latex_avoids_what_github_would_mangle():
    import sympy as sp

    x = sp.Symbol("x")
    assert render.github_latex(sp.Matrix([x, 1])) is None  # rows, written with \\, are not shown as math
    assert render.github_latex(sp.Abs(x) + 1) == r"\left\vert{x}\right\vert + 1"
    assert render.github_latex(sp.Symbol("sigma_min") / sp.Symbol("lam")) == r"\frac{\sigma_{\min}}{\lambda}"
    assert render.markdown_inline_math(sp.Matrix([x, 1])) == "`Matrix([[x], [1]])`"


# The command.

def test_a_missing_notes_directory_is_a_usage_error(tmp_path, capsys):
    assert main(["notes", "--out", str(tmp_path / "missing"), "--check"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no notes directory" in err and "Traceback" not in err


def test_help_explains_every_option(capsys):
    with pytest.raises(SystemExit):
        main(["notes", "--help"])
    out = capsys.readouterr().out
    assert "--out DIR" in out and "--check" in out and "stale" in out


def test_figure_links_resolve_from_any_notes_directory(tmp_path):
    directory = tmp_path / "elsewhere" / "notes"
    link = notes.figure_link(directory, "figure-1c")
    assert (directory / link).resolve() == (notes.data_directory() / "figure-1c.png").resolve()


def test_notes_are_current_up_to_the_rounding_of_another_machine_only():
    same = notes.same_up_to_rounding
    assert same("relative gap 4.58e-15, ratio 0.000190057, alpha^(+0.000)", "relative gap 6.57e-15, ratio 0.000218041, "
                "alpha^(-0.000)")
    assert same("decay 0.71798 by alpha 300", "decay 0.71798 by alpha 300")
    assert not same("worst ratio 0.636552178 over 1030", "worst ratio 1 over 1030")
    assert same("n 30000", "n 30002") and not same("n 30000", "n 30004")  # relative 1e-4 above 10
    assert same("ratio 0.2004", "ratio 0.2013") and not same("ratio 0.2004", "ratio 0.2015")  # absolute 1e-3 below
    assert not same("worst ratio 0.5 over 1030", "worst ratio 0.5 over 1031")
    assert not same("lemma 3.3 holds", "lemma 3.3 fails") and not same("a 1 b", "a 1 b 2")
