"""The mutation-testing ratchet (issue 16), read from .ci/mutation_record.json.

Each checker module was mutation tested, in a full run of ``.ci/mutation TARGET``, exactly as it is now, and the
tests killed at least 90% of its non-string mutants. A change to a checker module makes this test fail until a
new full run records it (see .ci/MUTATION.md): no new checker code without the tests that kill its mutants.
"""

import hashlib
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / ".ci" / "mutation_record.json"
#: Each target of .ci/mutation and the modules it mutates.
TARGETS = {"inequalities": ("symbolic/inequalities.py",), "metrics": ("numeric/metrics.py",),
           "checks": ("proofs_check/proofs/chain.py", "proofs_check/proofs/checks.py"),
           "constants": ("symbolic/constants.py", "symbolic/gronwall.py")}
MIN_KILL_RATE = 0.90


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("target", TARGETS)
def test_each_checker_module_was_mutation_tested_as_it_is_now(target):
    entry = json.loads(RECORD.read_text())[target]
    assert tuple(sorted(entry["modules"])) == TARGETS[target]
    changed = [module for module, digest in entry["modules"].items() if _sha256(ROOT / module) != digest]
    assert not changed, f"{changed} changed since its last full mutation run: run .ci/mutation {target}"


@pytest.mark.parametrize("target", TARGETS)
def test_each_checker_kills_at_least_ninety_percent_of_its_non_string_mutants(target):
    entry = json.loads(RECORD.read_text())[target]
    assert entry["non_string_mutants"] > 0
    assert entry["non_string_killed"] >= MIN_KILL_RATE * entry["non_string_mutants"], entry
