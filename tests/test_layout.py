"""The shape of the tree: no import circle, one-way layers, small modules, tests that mirror the packages.

Imports are read from the source (every ``import`` statement, deferred ones inside functions included), so a
circle hidden behind a function-level import is still a circle.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("symbolic", "numeric", "proofs_check")
#: The layers of proofs_check, bottom first: a module may import only from its own layer or those below.
LAYERS = (("settings", "results", "progress", "pytest_plugin"), ("search",), ("studies",), ("proofs",), ("ledger",),
          ("report",), ("cli", "__main__"))
MAX_LINES = 400
MAX_TOP_LEVEL_MODULES = 6


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The modules of the three packages that ``name`` imports (a package's ``__init__`` only when named)."""
    targets = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                base = ".".join(anchor[: len(anchor) - node.level + 1] + ([base] if base else []))
            submodules = {f"{base}.{alias.name}" for alias in node.names} & set(MODULES)
            targets |= submodules or {base}
    resolved = set()
    for target in targets:
        while target and target not in MODULES:
            target = target.rpartition(".")[0]
        if target and target != name:
            resolved.add(target)
    return resolved


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _cycle_from(start: str) -> list[str] | None:
    """An import circle through ``start``, or None (depth-first search)."""
    stack, seen = [(start, [start])], set()
    while stack:
        node, path = stack.pop()
        for target in GRAPH[node]:
            if target == start:
                return path + [start]
            if target not in seen:
                seen.add(target)
                stack.append((target, path + [target]))
    return None


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_on_an_import_circle(name):
    assert _cycle_from(name) is None, " -> ".join(_cycle_from(name))


def test_symbolic_and_numeric_never_import_each_other_or_proofs_check():
    for name, targets in GRAPH.items():
        package = name.split(".")[0]
        if package in ("symbolic", "numeric"):
            assert {t.split(".")[0] for t in targets} <= {package}, (name, targets)


def _layer(name: str) -> int | None:
    parts = name.split(".")
    if parts[0] != "proofs_check" or len(parts) == 1:
        return None
    return next(index for index, layer in enumerate(LAYERS) if parts[1] in layer)


def test_proofs_check_imports_run_down_the_layers():
    for name, targets in GRAPH.items():
        layer = _layer(name)
        if layer is None:
            continue
        upward = [t for t in targets if (_layer(t) or 0) > layer]
        assert not upward, f"{name} (layer {LAYERS[layer]}) imports from a higher layer: {upward}"


def test_no_module_is_over_the_size_limit():
    paths = list(MODULES.values()) + list((ROOT / "tests").rglob("*.py"))
    long = {str(p.relative_to(ROOT)): n for p in paths if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert not long, long


def test_proofs_check_keeps_few_modules_beside_its_subpackages():
    top = sorted(p.name for p in (ROOT / "proofs_check").glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top


#: Modules tested through another module's tests: test file -> the modules it covers.
TESTED_BY = {
    "proofs_check/proofs/test_theorem_3_4.py": ("proofs_check.studies.appendix_b",
                                                "proofs_check.studies.appendix_b_validation"),
    "numeric/test_metrics.py": ("numeric.adversarial", "numeric.models"),
    "numeric/test_flows.py": ("numeric.integrate", "numeric.reference"),
    "symbolic/test_constants.py": ("symbolic.homogeneity", "symbolic.finite_time"),
    "proofs_check/test_settings.py": ("proofs_check.pytest_plugin",),
    "proofs_check/search/test_whatif.py": ("proofs_check.search.constants_whatif", "proofs_check.cli.whatif"),
    "proofs_check/studies/test_kernels.py": ("numeric.kernels", "symbolic.kernels"),
    "proofs_check/studies/test_network.py": ("numeric.parameter_flows",),
    "proofs_check/studies/test_sparse.py": ("numeric.sparse",),
    "proofs_check/studies/section5/test_production.py": (
        "proofs_check.studies.section5.experiments", "proofs_check.studies.section5.protocols",
        "proofs_check.cli.figures"),
    "proofs_check/proofs/test_chains.py": (
        "proofs_check.studies.chain_instances", "proofs_check.studies.pointwise", "proofs_check.proofs.checks",
        "proofs_check.proofs.chain", "proofs_check.proofs.catalog", "proofs_check.proofs.chizat_bach",
        "proofs_check.proofs.smith", "proofs_check.proofs.smith_uniform", "proofs_check.proofs.derived",
        "proofs_check.proofs.domains", "proofs_check.report.proofs", "proofs_check.cli.proof"),
    "proofs_check/ledger/test_ledger.py": (
        "proofs_check.ledger.entry", "proofs_check.ledger.decide", "proofs_check.ledger.chizat_bach",
        "proofs_check.ledger.smith", "proofs_check.ledger.chizat_bach_remarks", "proofs_check.ledger.smith_remarks"),
    "proofs_check/report/test_notes.py": ("proofs_check.report.markdown", "proofs_check.cli.notes",
                                          "proofs_check.report.note_plan"),
    "proofs_check/proofs/test_coq.py": (
        "proofs_check.proofs.coq_build", "proofs_check.proofs.formal", "proofs_check.proofs.coq_lemmas",
        "proofs_check.proofs.coq_lemmas.lemma", "proofs_check.proofs.coq_lemmas.analysis",
        "proofs_check.proofs.coq_lemmas.inner", "proofs_check.proofs.coq_lemmas.constants",
        "proofs_check.proofs.coq_lemmas.laziness", "proofs_check.proofs.coq_lemmas.stability"),
    "proofs_check/cli/test_cli.py": (
        "proofs_check.studies.bench", "proofs_check.report.derivations", "proofs_check.report.verify",
        "proofs_check.cli.app", "proofs_check.cli.common", "proofs_check.cli.derive", "proofs_check.cli.verify",
        "proofs_check.cli.bench"),
}


def test_tests_mirror_the_tree():
    """Every module of the three packages with code has a test module named after it in the mirrored folder, or is
    listed in TESTED_BY with the test file that covers it."""
    elsewhere = {module for test, modules in TESTED_BY.items() if (ROOT / "tests" / test).is_file() for module in modules}
    missing = []
    for name, path in MODULES.items():
        parts = name.split(".")
        if path.name in ("__init__.py", "__main__.py") and not path.read_text().count("\ndef "):
            continue
        folder = parts if path.name == "__init__.py" else parts[:-1]
        if not (ROOT / "tests" / Path(*folder) / f"test_{parts[-1]}.py").is_file() and name not in elsewhere:
            missing.append(name)
    assert not missing, missing
