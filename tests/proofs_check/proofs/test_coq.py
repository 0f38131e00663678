"""The Coq check kind: it holds on the development, and it fails when the development is made wrong (a corrupted
constant, a reversed inequality, an Admitted, an extra axiom, a statement that is not the lemma's)."""

from __future__ import annotations

import shutil

import pytest

from proofs_check.proofs import coq, coq_build
from proofs_check.proofs.chain import ChainRun, Proof, ProofStep, checked_formally, errata_of, run_chain
from proofs_check.proofs.coq_lemmas import CoqLemma, coq_lemmas
from proofs_check.proofs.formal import FORMALIZED
from proofs_check.results import CheckResult
from proofs_check.settings import RunConfig

needs_coq = pytest.mark.skipif(bool(coq.coq_missing()), reason="coqc with Coquelicot is not installed")


def test_forbidden_vernacular_is_found_outside_comments_only():
    source = '(* Admitted here is a comment (* nested Axiom *) *) Lemma x : True.\nProof. admit. Qed.\n' \
             'Definition s := "Parameter".\nLemma admissible_thing : True. Proof. exact I. Qed.'
    assert coq_build.forbidden_in(source) == ["admit"]
    assert coq_build.forbidden_in("Axiom bad : False.") == ["Axiom"]
    assert coq_build.forbidden_in("Lemma ok : True. Proof. exact I. Qed.") == []


def test_requires_names_the_files_of_the_development():
    source = "From Coq Require Import Reals.\nRequire Import Lazycheck.Gronwall Lazycheck.InnerProduct.\n(* Lazycheck.Errata *)"
    assert coq_build.requires(source) == {"Gronwall.v", "InnerProduct.v"}


def test_the_formalization_table_names_registered_lemmas_and_real_steps():
    from proofs_check.proofs.catalog import proof

    lemmas = coq_lemmas()
    for proof_id, steps in FORMALIZED.items():
        labels = {step.label for step in proof(proof_id).steps}  # with_coq raises on an unknown label
        assert set(steps) <= labels
        assert all(check.key in lemmas for check in steps.values()), proof_id
    assert sum(map(len, FORMALIZED.values())) >= 20


def _tree(tmp_path, files: dict[str, str]):
    """A development in tmp_path with ``files`` (name -> source) in this order, compiled into its own cache."""
    root = tmp_path / "dev"
    root.mkdir()
    (root / "_CoqProject").write_text("-R . Lazycheck\n" + "\n".join(files) + "\n")
    for name, source in files.items():
        (root / name).write_text(source)
    return root


def _gronwall() -> str:
    return (coq_build.development() / "Gronwall.v").read_text()


def _verdict(root, key: str, lemma: CoqLemma) -> CheckResult:
    return coq.verdict(key, lemma, coq.coq_run(root, {key: lemma}))


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("LAZYCHECK_CACHE", str(tmp_path / "cache"))


@needs_coq
def test_every_registered_lemma_is_machine_checked():
    run = coq.coq_run()
    failing = {key: coq.verdict(key, lemma, run).detail for key, lemma in coq_lemmas().items()
               if not coq.verdict(key, lemma, run).ok}
    assert not failing
    assert not any(run.build.forbidden.values())
    assert all(set(audit.axioms) <= coq.ALLOWED_AXIOMS for audit in run.audits.values())


@needs_coq
def test_a_corrupted_constant_fails_its_step(tmp_path, own_cache):
    decay = coq_lemmas()["gronwall_decay"]
    assert "exp (- c * t) * phi 0" in _gronwall()
    corrupted = _gronwall().replace("exp (- c * t) * phi 0", "exp (- 2 * c * t) * phi 0", 1)
    result = _verdict(_tree(tmp_path, {"Gronwall.v": corrupted}), "gronwall_decay",
                      CoqLemma("Gronwall.v", "gronwall_decay", decay.statement.replace("- c * t", "- 2 * c * t")))
    assert not result.ok and not result.skipped
    assert "does not compile" in result.detail or "rejects" in result.detail


@needs_coq
def test_a_statement_that_is_not_the_lemma_is_rejected(tmp_path, own_cache):
    decay = coq_lemmas()["gronwall_decay"]
    root = _tree(tmp_path, {"Gronwall.v": _gronwall()})
    assert _verdict(root, "gronwall_decay", decay).ok
    reversed_ = CoqLemma("Gronwall.v", "gronwall_decay", decay.statement.replace("phi t <=", "phi t >=", 1))
    assert reversed_.statement != decay.statement
    result = _verdict(root, "gronwall_decay", reversed_)
    assert not result.ok and "rejects the statement" in result.detail
    weaker_constant = CoqLemma("Gronwall.v", "gronwall_decay", decay.statement.replace("- c * t", "- (c / 2) * t"))
    assert not _verdict(root, "gronwall_decay", weaker_constant).ok


@needs_coq
def test_an_admitted_proof_is_caught(tmp_path, own_cache):
    cheat = _gronwall() + "\nLemma lazycheck_cheat : 1 = 0.\nProof.\nAdmitted.\n"
    result = _verdict(_tree(tmp_path, {"Gronwall.v": cheat}), "gronwall_decay", coq_lemmas()["gronwall_decay"])
    assert not result.ok and "Admitted" in result.detail


EXTRA_AXIOM = """From Coq Require Import Reals ProofIrrelevance.
Lemma same_proofs : forall (P : Prop) (p q : P), p = q.
Proof. intros; apply proof_irrelevance. Qed.
"""


@needs_coq
def test_a_lemma_resting_on_an_extra_axiom_is_caught(tmp_path, own_cache):
    lemma = CoqLemma("Extra.v", "same_proofs", "forall (P : Prop) (p q : P), p = q")
    result = _verdict(_tree(tmp_path, {"Extra.v": EXTRA_AXIOM}), "same_proofs", lemma)
    assert not result.ok and "proof_irrelevance" in result.detail


@needs_coq
def test_an_unchanged_tree_recompiles_nothing(tmp_path, own_cache):
    root = _tree(tmp_path, {"Extra.v": EXTRA_AXIOM})
    first = coq_build.build(root)
    assert not first.cached
    assert coq_build.build(root).cached
    (root / "Extra.v").write_text(EXTRA_AXIOM + "\n(* changed *)\n")
    assert not coq_build.build(root).cached


# How a Coq check enters a step.

class _Fixed:
    """A check with a fixed result."""

    def __init__(self, result: CheckResult):
        self.result, self.kind = result, result.kind

    def run(self, context) -> CheckResult:
        return self.result


def _chain(coq_result: CheckResult) -> Proof:
    holds = _Fixed(CheckResult("identity", True, "residual 0"))
    step = ProofStep("1", "here", "a", "b", "because", holds, coq=_Fixed(coq_result))
    return Proof("test/chain", "a chain", "test", "here", "b", (step,))


def _context() -> ChainRun:
    return ChainRun(RunConfig(), lambda proof_id: None)


def test_a_step_holds_only_when_its_coq_check_holds():
    report = run_chain(_chain(CheckResult("coq", False, "coq: the kernel rejects the statement")), _context())
    (result,) = report.results
    assert result.status == "fails" and not report.as_expected
    assert errata_of(report) == []  # a broken development is not an erratum of the text
    good = run_chain(_chain(CheckResult("coq", True, "machine-checked")), _context())
    assert good.results[0].status == "holds" and good.as_expected and checked_formally(good.results[0])


def test_without_coq_the_step_is_decided_by_its_other_checks(monkeypatch):
    monkeypatch.setattr(coq, "coq_missing", lambda: "coqc is not installed; " + coq_build.INSTALL_HINT)
    skipped = coq.CoqCheck("gronwall_decay").run()
    assert skipped.skipped and not skipped.ok and "apt-get install -y coq" in skipped.detail
    report = run_chain(_chain(skipped), _context())
    assert report.results[0].status == "holds" and report.as_expected


def test_a_coq_role_must_be_known():
    with pytest.raises(ValueError, match="role"):
        coq.CoqCheck("gronwall_decay", "maybe")


def test_the_development_ships_as_package_data():
    files = coq_build.project_files(coq_build.development())
    assert files and all((coq_build.development() / name).is_file() for name in files)
    assert shutil.which("coqc") is None or coq_build.tree_hash(coq_build.development())


# What a reader sees.

def test_the_chain_shows_the_statement_the_kernel_checked():
    from proofs_check.proofs.catalog import chain_context, proof
    from proofs_check.proofs.chain import run_step
    from proofs_check.report.proofs import proof_markdown, proof_json, proof_text
    from proofs_check.proofs.chain import ProofReport

    chain = proof("chizat-bach/lemma-3.3")
    step = chain.step("2")
    report = ProofReport(chain, (run_step(step, chain_context(RunConfig())),), 0.0)
    lemma = coq_lemmas()["l33_dissipation_flow"]
    text = proof_text(report)
    assert "[identity+coq]" in text and "l33_dissipation_flow" in text
    assert " ".join(lemma.statement.split()) in text
    assert all(f"hypothesis standing for a fact: {fact}" in text for fact in lemma.assumes)
    markdown = proof_markdown(proof_json(report))
    assert "(../proofs_check/coq/Lemma33.v)" in markdown and " ".join(lemma.statement.split()) in markdown
    assert "machine-checked: " not in markdown  # the notes read the same with or without Coq


def test_verify_ends_with_what_was_machine_checked(monkeypatch):
    from proofs_check.report.verify import formal_line

    counts = {"steps": 10, "formal": 8, "coq": 5, "coq_not_run": 0, "coq_failed": 0}
    assert formal_line(counts) == ("proof steps: 8 of 10 checked formally (Coq, z3, SymPy identity or a reference); "
                                   "5 machine-checked by Coq")
    monkeypatch.setattr(coq, "coq_missing", lambda: "coqc is not installed; " + coq_build.INSTALL_HINT)
    line = formal_line(counts | {"coq": 0, "coq_not_run": 5, "formal": 3})
    assert "5 Coq checks not run" in line and "apt-get install -y coq" in line
    assert "FAILED" in formal_line(counts | {"coq_failed": 1})
