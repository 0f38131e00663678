"""The proof-chain tests against the non-string survivors of a finished mutmut run (in its working directory).

Adding tests can only kill more mutants, so running tests/proofs_check/proofs/test_chains.py on the survivors alone
decides what a run with the chain tests included would decide, without running the chains (minutes) for every
mutant. Each survivor is applied to the source tree (``mutmut apply``), the chain tests run in a fresh process
(stopping at the first failure), and the tree is restored. The names killed are written to chains_killed.json,
which mutation_rate.py counts as killed.
"""

import json
import subprocess
import sys
from pathlib import Path

from mutation_rate import survivors_by_path

CHAIN_TESTS = "tests/proofs_check/proofs/test_chains.py"


def killed_by_chains(name: str, path: str) -> bool:
    original = Path(path).read_bytes()
    try:
        subprocess.run([sys.executable, "-m", "mutmut", "apply", name], check=True, capture_output=True)
        run = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-n", "0", "-p", "no:cacheprovider",
                              CHAIN_TESTS], capture_output=True, text=True)
        return run.returncode != 0
    finally:
        Path(path).write_bytes(original)


def main() -> None:
    survivors = survivors_by_path()
    killed = []
    for count, (name, path) in enumerate(survivors, 1):
        dead = killed_by_chains(name, str(path))
        killed += [name] if dead else []
        print(f"[chains {count}/{len(survivors)}] {name}: {'killed' if dead else 'survived'}", flush=True)
    Path("chains_killed.json").write_text(json.dumps(killed, indent=1) + "\n")
    print(f"the chain tests killed {len(killed)} of {len(survivors)} non-string survivors")


if __name__ == "__main__":
    main()
