"""A plain (non-editable) install works: the wheel holds every package and data file, and gives the same report.

The wheel is built from a copy of the sources (so that the checkout gets no build directory), installed with
``pip install --target`` into a temporary directory, and run from a directory outside the checkout, where
``import proofs_check`` finds the installed copy.
"""

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("symbolic", "numeric", "proofs_check")
DATA = Path("proofs_check/studies/section5/data")
COQ = Path("proofs_check/coq")
#: A derivation, a lemma search and its chain, and a Section 5 claim that reads the package data.
CLAIMS = ("smith/theorem-2.2/lip-sigma", "chizat-bach/lemma-3.3", "chizat-bach/section-5-figure-1c")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source, out = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("wheel")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for package in PACKAGES:
        shutil.copytree(ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__"))
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(source)],
                            capture_output=True, text=True, timeout=600)  # with build isolation, as pip install . does
    assert result.returncode == 0, result.stderr[-2000:]
    (found,) = out.glob("lazycheck-*.whl")
    return found


def test_the_wheel_holds_every_module_and_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    sources = {p.relative_to(ROOT).as_posix() for package in PACKAGES for p in (ROOT / package).rglob("*.py")}
    data = {p.relative_to(ROOT).as_posix() for p in (ROOT / DATA).rglob("*") if p.is_file()}
    coq = {p.relative_to(ROOT).as_posix() for p in (ROOT / COQ).iterdir() if p.suffix == ".v" or p.name == "_CoqProject"}
    assert sources - names == set() and data - names == set() and coq - names == set() and len(coq) > 1
    assert any(name.endswith("entry_points.txt") for name in names)


def _claims(report: Path) -> list:
    claims = json.loads(report.read_text())["claims"]
    for claim in claims:
        claim.pop("seconds")
    return claims


def _verify(tmp_path: Path, name: str, path_entry: Path | None) -> tuple[list, str]:
    """Run verify on CLAIMS in a fresh interpreter from ``tmp_path``; return the claims and where proofs_check is."""
    report = tmp_path / f"{name}.json"
    prefix = "" if path_entry is None else f"sys.path.insert(0, {str(path_entry)!r}); "
    script = (f"import sys; {prefix}import proofs_check; print(proofs_check.__file__); "
              f"from proofs_check.cli import main; "
              f"sys.exit(main(['verify', '--serial', '--max-examples', '6', '--json', {str(report)!r}] + "
              f"[a for c in {CLAIMS!r} for a in ('--claim', c)]))")
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    return _claims(report), result.stdout.splitlines()[0]


@pytest.mark.heavy
def test_an_installed_wheel_gives_the_same_report_as_the_checkout(wheel, tmp_path):
    target = tmp_path / "installed"
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(target), str(wheel)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    installed, location = _verify(tmp_path, "installed", target)
    assert Path(location).is_relative_to(target)
    checkout, location = _verify(tmp_path, "checkout", ROOT)
    assert Path(location).is_relative_to(ROOT)
    assert installed == checkout and {c["status"] for c in installed} == {"verified", "empirical"}
