"""Compiling the Coq development under ``proofs_check/coq``: where it is, whether Coq is installed, the content hash
of the tree, and the compile itself, cached by that hash under :func:`cache_root` (an unchanged tree recompiles
nothing). The audit of the statements, and the check kind, are in :mod:`proofs_check.proofs.coq`."""

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
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from proofs_check.settings import cache_home

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
    """Where compiled trees are kept: the ``coq/`` subdirectory of :func:`~proofs_check.settings.cache_home`."""
    return cache_home() / "coq"


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
                errors[name] = first_error(run.stderr + run.stdout)
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


def first_error(output: str) -> str:
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
