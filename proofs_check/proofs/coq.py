"""Machine-checked proof steps: the Coq development under ``proofs_check/coq``, compiled and audited.

A step's :class:`CoqCheck` names a lemma of :func:`~proofs_check.proofs.coq_lemmas.coq_lemmas`. It holds when

1. the lemma's file compiles with ``coqc``, together with every file it requires;
2. the kernel accepts the statement shown beside the step as the lemma's type
   (``Definition lazycheck_check_i : <statement> := @<lemma>.``), so the statement a reader sees is the one that
   was proved, up to conversion;
3. ``Print Assumptions`` of it lists only :data:`ALLOWED_AXIOMS` (the standard axioms of Coq's classical reals),
   and no file it rests on contains ``Admitted``, ``admit``, ``Axiom``, ``Parameter`` or ``Conjecture``.

Compiles are cached by content hash (of the ``.v`` files, ``_CoqProject`` and the ``coqc`` version) under
:func:`cache_root`, so an unchanged tree recompiles nothing; the audit of the statements is cached the same way.
Without ``coqc`` (or without Coquelicot), a Coq check reports ``not run`` (``skipped``) with how to install it,
and the step's other checks decide as before.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from proofs_check.proofs.chain import ChainRun
from proofs_check.proofs.coq_lemmas import CoqLemma, coq_lemmas
from proofs_check.results import CheckResult

#: The axioms a machine-checked step may rest on: those of Coq's classical real numbers (and the classical logic
#: and functional extensionality that Coquelicot uses).
ALLOWED_AXIOMS = frozenset({
    "ClassicalDedekindReals.sig_not_dec", "ClassicalDedekindReals.sig_forall_dec",
    "FunctionalExtensionality.functional_extensionality_dep", "Classical_Prop.classic",
})
#: Vernacular that would let a file prove anything; found outside comments, it fails every lemma resting on the file.
FORBIDDEN = re.compile(r"\b(Admitted|admit|Admit|Axioms?|Parameters?|Conjecture)\b")
INSTALL_HINT = "install Coq to check it: apt-get install -y coq libcoq-coquelicot libcoq-interval"
PREAMBLE = ("From Coq Require Import Reals Lra.", "From Coquelicot Require Import Coquelicot.")
PREFIX = "Lazycheck"
COMPILE_TIMEOUT = 300


def development() -> Path:
    """The directory of the Coq development (package data)."""
    return Path(str(resources.files("proofs_check") / "coq"))


def cache_root() -> Path:
    """Where compiled trees are kept: $LAZYCHECK_CACHE, else $XDG_CACHE_HOME/lazycheck, else ~/.cache/lazycheck."""
    if os.environ.get("LAZYCHECK_CACHE"):
        return Path(os.environ["LAZYCHECK_CACHE"]) / "coq"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lazycheck" / "coq"


@cache
def coq_missing() -> str:
    """Why Coq checks cannot run here ('' when coqc and Coquelicot are installed)."""
    coqc = shutil.which("coqc")
    if coqc is None:
        return f"coqc is not installed; {INSTALL_HINT}"
    where = subprocess.run([coqc, "-where"], capture_output=True, text=True).stdout.strip()
    if not (Path(where) / "user-contrib" / "Coquelicot").is_dir():
        return f"Coquelicot is not installed; {INSTALL_HINT}"
    return ""


@cache
def _coqc_version() -> str:
    return subprocess.run(["coqc", "--version"], capture_output=True, text=True).stdout.strip()


def project_files(root: Path) -> list[str]:
    """The .v files of ``_CoqProject``, in its order."""
    lines = (root / "_CoqProject").read_text().split()
    return [name for name in lines if name.endswith(".v")]


def requires(source: str) -> set[str]:
    """The files of the development that ``source`` requires (``Require Import Lazycheck.X`` gives ``X.v``)."""
    found = re.findall(rf"\b{PREFIX}\.(\w+)", strip_comments(source))
    return {f"{name}.v" for name in found}


def strip_comments(source: str) -> str:
    """``source`` without its (nested) comments and string literals."""
    out, depth, index = [], 0, 0
    while index < len(source):
        pair = source[index:index + 2]
        if pair == "(*":
            depth, index = depth + 1, index + 2
        elif pair == "*)" and depth:
            depth, index = depth - 1, index + 2
        elif depth == 0 and source[index] == '"':
            end = source.find('"', index + 1)
            index = len(source) if end < 0 else end + 1
        else:
            if depth == 0:
                out.append(source[index])
            index += 1
    return "".join(out)


def forbidden_in(source: str) -> list[str]:
    """The forbidden vernacular (Admitted, admit, Axiom, Parameter, ...) of ``source``, outside comments."""
    return sorted(set(FORBIDDEN.findall(strip_comments(source))))


def tree_hash(root: Path) -> str:
    """The content hash of the development and of the coqc that compiles it."""
    digest = hashlib.sha256(_coqc_version().encode())
    for name in ["_CoqProject"] + project_files(root):
        digest.update(name.encode() + b"\0" + (root / name).read_bytes() + b"\0")
    return digest.hexdigest()[:20]


@dataclass(frozen=True)
class Build:
    """A compiled tree: where it is, and per file whether it compiled (the error otherwise) and what it rests on."""

    directory: Path
    errors: dict[str, str]
    forbidden: dict[str, list[str]]
    depends: dict[str, list[str]]
    seconds: dict[str, float]
    cached: bool = False

    def broken(self, file: str) -> str:
        """Why a lemma of ``file`` cannot count ('' when the file and everything it rests on compiled cleanly)."""
        for name in [file] + self.depends.get(file, []):
            if name in self.errors:
                return f"{name} does not compile: {self.errors[name]}"
            if self.forbidden.get(name):
                return f"{name} contains {', '.join(self.forbidden[name])}"
        return ""


def _closure(depends: dict[str, set[str]], file: str) -> list[str]:
    seen, todo = set(), list(depends.get(file, ()))
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += depends.get(name, ())
    return sorted(seen)


def _compile_all(directory: Path, files: list[str], depends: dict[str, set[str]]) -> tuple[dict, dict]:
    """Compile ``files`` in ``directory`` in dependency order, independent files side by side."""
    errors, seconds, done = {}, {}, set()

    def compile_one(name: str) -> None:
        if depends[name] & set(errors):
            errors[name] = f"requires {', '.join(sorted(depends[name] & set(errors)))}, which does not compile"
            return
        start = time.perf_counter()
        try:
            run = subprocess.run(["coqc", "-q", "-R", ".", PREFIX, name], cwd=directory, capture_output=True,
                                 text=True, timeout=COMPILE_TIMEOUT)
            if run.returncode != 0:
                errors[name] = _first_error(run.stderr + run.stdout)
        except subprocess.TimeoutExpired:
            errors[name] = f"timed out after {COMPILE_TIMEOUT} s"
        seconds[name] = round(time.perf_counter() - start, 2)

    remaining = list(files)
    with ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) as pool:
        while remaining:
            ready = [name for name in remaining if depends[name] <= done] or remaining
            list(pool.map(compile_one, ready))
            done |= set(ready)
            remaining = [name for name in remaining if name not in done]
    return errors, seconds


def _first_error(output: str) -> str:
    """The first error of coqc's output, on one line (location and message)."""
    blocks = re.split(r"(?=File \")", output)
    for block in blocks:
        if "Error" in block:
            return " ".join(block.split())[:600]
    return " ".join(output.split())[:600] or "coqc failed"


def _locked(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "w")
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def build(root: Path | None = None) -> Build:
    """The compiled development (from the cache when the tree is unchanged; compiled once under a lock otherwise)."""
    root = development() if root is None else root
    files = project_files(root)
    sources = {name: (root / name).read_text() for name in files}
    depends = {name: requires(sources[name]) & set(files) for name in files}
    target = cache_root() / tree_hash(root)
    with _locked(cache_root() / ".lock"):
        if (target / "build.json").exists():
            return _read_build(target, cached=True)
        scratch = Path(tempfile.mkdtemp(dir=cache_root(), prefix="build-"))
        shutil.copy(root / "_CoqProject", scratch)
        for name in files:
            (scratch / name).write_text(sources[name])
        errors, seconds = _compile_all(scratch, files, depends)
        record = {"errors": errors, "seconds": seconds,
                  "forbidden": {name: forbidden_in(sources[name]) for name in files},
                  "depends": {name: _closure(depends, name) for name in files}}
        (scratch / "build.json").write_text(json.dumps(record, indent=1))
        scratch.rename(target)
    return _read_build(target, cached=False)


def _read_build(directory: Path, cached: bool) -> Build:
    record = json.loads((directory / "build.json").read_text())
    return Build(directory, record["errors"], record["forbidden"], record["depends"], record["seconds"], cached)


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
            return verdicts | {k: Audit(k, False, error=_first_error(run.stderr)) for k in pending}
        verdicts[key] = Audit(key, False, error=_first_error(run.stderr))
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
