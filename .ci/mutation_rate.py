"""Kill rate of a finished mutmut 3.8.1 run (in its working directory): all mutants, and the non-string ones.

A mutant is a string mutant when its changed line differs from the original only inside string literals other
than f-strings (mutmut's ``"XX" + s + "XX"``, case changes): these cannot change a verdict of a checker. An
f-string counts as code, since its braces hold expressions.
"""

import argparse
import datetime
import hashlib
import io
import json
import tokenize
from pathlib import Path

from mutmut.__main__ import walk_source_files
from mutmut.mutation.data import SourceFileMutationData
from mutmut.mutation.diff_apply import get_diff_for_mutant
from mutmut.stats import status_by_exit_code


def code_tokens(lines: list[str]) -> list[str]:
    """The tokens of ``lines`` other than strings and comments. A changed line may open a bracket that a later,
    unchanged line closes: the tokens read before tokenize reaches the end are kept."""
    source = io.StringIO("\n".join(line.strip() for line in lines) + "\n")
    ignored = {tokenize.STRING, tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
               getattr(tokenize, "FSTRING_MIDDLE", -1)}
    tokens = []
    try:
        for token in tokenize.generate_tokens(source.readline):
            f_string = token.type == tokenize.STRING and "f" in token.string.split(token.string[-1])[0].lower()
            if token.type not in ignored or f_string:  # an f-string's braces hold code (a STRING token in 3.11)
                tokens.append(token.string)
    except (tokenize.TokenError, SyntaxError, IndentationError):
        pass
    return tokens


def is_string_mutant(name: str, path) -> bool:
    diff = get_diff_for_mutant(name, path=path).splitlines()
    removed = [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    return code_tokens(removed) == code_tokens(added)


def record(repo: Path, target: str, modules: list[str], counts: dict, chains: int | None) -> None:
    """Write the kill rates of a full run of ``target`` into .ci/mutation_record.json, with the SHA-256 of each
    module as it was mutated: tests/test_mutation_record.py fails when a module changes without a new run."""
    path = repo / ".ci" / "mutation_record.json"
    data = json.loads(path.read_text()) if path.is_file() else {}
    (run, killed), (run_all, killed_all) = counts["non-string"], counts["all"]
    data[target] = {"modules": {m: hashlib.sha256(Path(m).read_bytes()).hexdigest() for m in modules},
                    "non_string_mutants": run, "non_string_killed": killed, "all_mutants": run_all,
                    "all_killed": killed_all, "date": datetime.date.today().isoformat(),
                    "killed_by_the_chain_tests": chains}
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    print(f"recorded {target} in {path}")


def run_mutants():
    """(name, source path, status) of every mutant of the finished run, in the working directory."""
    for path in walk_source_files():
        data = SourceFileMutationData(path=path)
        try:
            data.load()
        except FileNotFoundError:
            continue
        for name, exit_code in data.exit_code_by_key.items():
            yield name, Path(path), status_by_exit_code[exit_code]


def survivors_by_path() -> list[tuple[str, Path]]:
    """(name, source path) of every non-string mutant that survived (or had no tests) in the finished run."""
    return [(name, path) for name, path, status in run_mutants()
            if status in ("survived", "no tests") and not is_string_mutant(name, path)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", metavar="TARGET", help="record this full run's rates in .ci/mutation_record.json")
    parser.add_argument("--repo", type=Path, help="the repository to record in (with --record)")
    parser.add_argument("--modules", nargs="*", default=[], help="the mutated modules (with --record)")
    arguments = parser.parse_args()
    counts = {"all": [0, 0], "non-string": [0, 0]}
    chains = Path("chains_killed.json")  # written by mutation_chains.py (CHAINS=1)
    by_chains = set(json.loads(chains.read_text())) if chains.is_file() else set()
    survivors = []
    for name, path, status in run_mutants():
        if status in ("not checked", "skipped"):
            continue
        killed = status in ("killed", "timeout", "caught by type check", "segfault") or name in by_chains
        kinds = ["all"] if is_string_mutant(name, path) else ["all", "non-string"]
        for kind in kinds:
            counts[kind][0] += 1
            counts[kind][1] += killed
        if not killed and "non-string" in kinds:
            survivors.append(f"{name}: {status}")
    for kind, (run, killed) in counts.items():
        print(f"{kind} mutants: {run} run, {killed} killed, kill rate {killed / max(run, 1):.1%}")
    if chains.is_file():
        print(f"of which killed by the chain tests alone: {len(by_chains)}")
    print("non-string survivors (mutmut show NAME in the work directory for the diff):")
    print("\n".join(f"  {s}" for s in survivors) or "  none")
    if arguments.record:
        record(arguments.repo, arguments.record, arguments.modules, counts, len(by_chains) if chains.is_file() else None)


if __name__ == "__main__":
    main()
