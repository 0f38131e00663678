"""Machine-checked proof steps: the Coq development under ``proofs_check/coq``, compiled and audited.

A step's :class:`CoqCheck` names a lemma of :func:`~proofs_check.proofs.coq_lemmas.coq_lemmas`. It holds when

1. the lemma's file compiles with ``coqc``, together with every file it requires;
2. the kernel accepts the statement shown beside the step as the lemma's type
   (``Definition lazycheck_check_i : <statement> := @<lemma>.``), so the statement a reader sees is the one that
   was proved, up to conversion;
3. ``Print Assumptions`` of it lists only :data:`ALLOWED_AXIOMS` (the standard axioms of Coq's classical reals),
   and no file it rests on contains ``Admitted``, ``admit``, ``Axiom``, ``Parameter`` or ``Conjecture``.

Compiles are cached by content hash (of the ``.v`` files, ``_CoqProject`` and the ``coqc`` version) under
:func:`~proofs_check.proofs.coq_build.cache_root`, so an unchanged tree recompiles nothing; the audit of the statements is cached the same way.
Without ``coqc`` (or without Coquelicot), a Coq check reports ``not run`` (``skipped``) with how to install it,
and the step's other checks decide as before.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from proofs_check.proofs.chain import ChainRun
from proofs_check.proofs.coq_build import (COMPILE_TIMEOUT, PREAMBLE, PREFIX, Build, build, coq_missing, development,
                                           first_error, project_files, tree_hash)
from proofs_check.proofs.coq_lemmas import CoqLemma, coq_lemmas
from proofs_check.results import CheckResult

#: The axioms a machine-checked step may rest on: those of Coq's classical real numbers (and the classical logic
#: and functional extensionality that Coquelicot uses).
ALLOWED_AXIOMS = frozenset({
    "ClassicalDedekindReals.sig_not_dec", "ClassicalDedekindReals.sig_forall_dec",
    "FunctionalExtensionality.functional_extensionality_dep", "Classical_Prop.classic",
})


@dataclass(frozen=True)
class Audit:
    """The kernel's verdict on one lemma: whether the shown statement is its type, and the axioms it rests on (those
    of all audited lemmas together, when they are all allowed)."""

    key: str
    statement_ok: bool
    axioms: tuple[str, ...] = ()
    error: str = ""

    @property
    def extra_axioms(self) -> tuple[str, ...]:
        return tuple(a for a in self.axioms if a not in ALLOWED_AXIOMS)


def _module(lemma: CoqLemma) -> str:
    return f"{PREFIX}.{lemma.file.removesuffix('.v')}"


def audit_source(lemmas: dict[str, CoqLemma], modules: list[str], *, each: bool = False) -> tuple[str, list[str]]:
    """The audit file for ``lemmas`` and the key checked on each of its lines.

    Every statement is checked against its lemma (``Definition lazycheck_check_i : statement := @lemma``). The
    axioms are printed once for all of them together (``Print Assumptions`` of the tuple of the checks lists the
    union of what each rests on, and costs as much as one lemma's), or for each one when ``each``.
    """
    lines = list(PREAMBLE) + [f"Require Import {' '.join(modules)}." if modules else "", "Open Scope R_scope."]
    keys = [""] * len(lines)
    for index, (key, lemma) in enumerate(lemmas.items()):
        statement = " ".join(lemma.statement.split())
        lines.append(f"Definition lazycheck_check_{index} : {statement} := @{_module(lemma)}.{lemma.name}.")
        keys.append(key)
        if each:
            lines += [f"Check lazycheck_check_{index}.", f"Print Assumptions lazycheck_check_{index}."]
            keys += [key, key]
    if lemmas and not each:
        names = [f"lazycheck_check_{index}" for index in range(len(lemmas))]
        lines += [f"Definition lazycheck_all := {_nested_pair(names)}.", "Check lazycheck_all.",
                  "Print Assumptions lazycheck_all."]
    return "\n".join(lines) + "\n", keys


def _nested_pair(names: list[str]) -> str:
    """(a, (b, (c, d))): one term that holds every check."""
    return names[0] if len(names) == 1 else f"({names[0]}, {_nested_pair(names[1:])})"


def _parse_assumptions(output: str) -> dict[str, tuple[str, ...]]:
    """{marker: axioms} from the output of an audit: each block starts with the line 'lazycheck_check_i' (or
    'lazycheck_all') that ``Check`` prints."""
    found, current = {}, None
    for line in output.splitlines():
        if re.fullmatch(r"lazycheck_(check_\d+|all)", line.strip()):
            current = line.strip()
            found[current] = ()
        elif current is not None and line and not line[0].isspace() and line != "Axioms:" \
                and not line.startswith("Closed under"):
            found[current] += (line.split()[0],)
    return found


def _coqc_audit(directory: Path, source: str) -> subprocess.CompletedProcess:
    scratch = Path(tempfile.mkdtemp(prefix="lazycheck-audit-"))
    (scratch / "LazycheckAudit.v").write_text(source)
    try:
        return subprocess.run(["coqc", "-q", "-R", str(directory), PREFIX, "LazycheckAudit.v"], capture_output=True,
                              text=True, timeout=COMPILE_TIMEOUT, cwd=scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run_audit(directory: Path, lemmas: dict[str, CoqLemma], modules: list[str]) -> dict[str, Audit]:
    """Audit ``lemmas`` in the compiled ``directory``: a statement the kernel rejects is set aside (with its error)
    and the rest audited again; when the lemmas together rest on an axiom outside the allow-list, each one's axioms
    are printed to say which."""
    verdicts: dict[str, Audit] = {}
    pending = dict(lemmas)
    while pending:
        source, keys = audit_source(pending, modules)
        run = _coqc_audit(directory, source)
        if run.returncode == 0:
            union = _parse_assumptions(run.stdout).get("lazycheck_all", ())
            if set(union) <= ALLOWED_AXIOMS:
                return verdicts | {key: Audit(key, True, union) for key in pending}
            each = _parse_assumptions(_coqc_audit(directory, audit_source(pending, modules, each=True)[0]).stdout)
            return verdicts | {key: Audit(key, True, each.get(f"lazycheck_check_{index}", union))
                               for index, key in enumerate(pending)}
        line = re.search(r"line (\d+), characters[^\n]*\nError", run.stderr)
        key = keys[int(line.group(1)) - 1] if line and int(line.group(1)) - 1 < len(keys) else ""
        if not key:
            return verdicts | {k: Audit(k, False, error=first_error(run.stderr)) for k in pending}
        verdicts[key] = Audit(key, False, error=first_error(run.stderr))
        del pending[key]
    return verdicts


@dataclass
class CoqRun:
    """The development compiled and every registered lemma audited, once per process (see :func:`coq_run`)."""

    build: Build | None
    audits: dict[str, Audit] = field(default_factory=dict)
    missing: str = ""
    seconds: float = 0.0


def _audit_cached(built: Build, lemmas: dict[str, CoqLemma]) -> dict[str, Audit]:
    """The audits of ``lemmas`` in ``built`` (cached by the statements' hash next to the compiled tree)."""
    usable = {key: lemma for key, lemma in lemmas.items() if lemma.file not in built.errors}
    text = json.dumps({k: [v.file, v.name, " ".join(v.statement.split())] for k, v in sorted(usable.items())})
    path = built.directory / f"audit-{hashlib.sha256(text.encode()).hexdigest()[:16]}.json"
    if path.exists():
        return {k: Audit(k, v["statement_ok"], tuple(v["axioms"]), v["error"]) for k, v in json.loads(path.read_text()).items()}
    modules = [f"{PREFIX}.{name.removesuffix('.v')}" for name in project_files(built.directory)
               if name not in built.errors]
    audits = run_audit(built.directory, usable, modules)
    path.write_text(json.dumps({k: vars(a) | {"axioms": list(a.axioms)} for k, a in audits.items()}))
    return audits


_RUNS: dict[tuple, CoqRun] = {}


def coq_run(root: Path | None = None, lemmas: dict[str, CoqLemma] | None = None) -> CoqRun:
    """Compile the development and audit every lemma (once per process and tree; cached across processes)."""
    root, lemmas = development() if root is None else root, coq_lemmas() if lemmas is None else lemmas
    if coq_missing():
        return CoqRun(None, missing=coq_missing())
    key = (str(root), tree_hash(root), tuple(sorted((k, v.statement) for k, v in lemmas.items())))
    if key not in _RUNS:
        start = time.perf_counter()
        built = build(root)
        _RUNS[key] = CoqRun(built, _audit_cached(built, lemmas), seconds=time.perf_counter() - start)
    return _RUNS[key]


#: What a Coq check proves of its step: the step's statement, the corrected statement (a gap or a failing step's
#: correction), or the negation of the step at an admissible witness (an erratum).
ROLES = ("statement", "corrected", "negation")


@dataclass(frozen=True)
class CoqCheck:
    """The step (``role``: its statement, its correction, or its negation at a witness) is the Coq lemma ``key``."""

    key: str
    role: str = "statement"
    kind = "coq"

    def __post_init__(self):
        if self.role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}, not {self.role!r}")

    @property
    def lemma(self) -> CoqLemma:
        return coq_lemmas()[self.key]

    def run(self, context: ChainRun | None = None) -> CheckResult:
        return verdict(self.key, self.lemma, coq_run())


def verdict(key: str, lemma: CoqLemma, run: CoqRun) -> CheckResult:
    """The Coq check of one lemma, from a compiled and audited run."""
    ref = f"{lemma.file}:{lemma.name}"
    if run.build is None:
        return CheckResult("coq", False, f"not run: {run.missing}", ref=ref, skipped=True)
    broken = run.build.broken(lemma.file)
    audit = run.audits.get(key, Audit(key, False, error="not audited"))
    if broken:
        reason = broken
    elif not audit.statement_ok:
        reason = f"the kernel rejects the statement as the lemma's type: {audit.error}"
    elif audit.extra_axioms:
        reason = f"rests on axioms outside the allow-list: {', '.join(audit.extra_axioms)}"
    else:
        return CheckResult("coq", True, f"machine-checked: {ref} (no Admitted; axioms within the allow-list of Coq's "
                           "classical reals)", ref=ref)
    return CheckResult("coq", False, f"coq: {reason}", ref=ref, counterexample=None)
