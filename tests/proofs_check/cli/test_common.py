"""What every command shares (proofs_check.cli.common and app): output paths checked before any work, help with
the exit codes, standard output that scripts can read, and a closed pipe that ends the command quietly."""

import io
import os
import time

import pytest

from proofs_check.cli import main
from proofs_check.cli.app import BROKEN_PIPE, COMMANDS
from proofs_check.cli.common import UsageError, check_writable_file, prepare_output_directory

#: A path no one can write, root included (``/proc`` accepts no new files), where the platform has one.
UNWRITABLE = "/proc/lazycheck/x.json" if os.path.isdir("/proc/self") else None
#: A command that must refuse its output path answers within this many seconds (the work would take minutes).
EARLY = 10.0


def run(argv, capsys):
    start = time.perf_counter()
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err, time.perf_counter() - start


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_help_states_the_exit_codes(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"] if command is None else [command, "--help"])
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps the text
    assert exit_info.value.code == 0 and "exit codes:" in out and "2 a usage error" in out


def test_a_written_file_is_probed_and_left_as_it_was(tmp_path):
    existing = tmp_path / "kept.json"
    existing.write_text("content")
    check_writable_file("verify", str(existing))
    assert existing.read_text() == "content"
    check_writable_file("verify", str(tmp_path / "new.json"))
    assert not (tmp_path / "new.json").exists()
    for bad, reason in [("", "empty"), (str(tmp_path), "is a directory"), (str(tmp_path / "no" / "r.json"), "cannot")]:
        with pytest.raises(UsageError, match=reason):
            check_writable_file("verify", bad)


def test_an_output_directory_is_created_and_probed(tmp_path):
    assert prepare_output_directory("notes", tmp_path / "a" / "b").is_dir()
    (tmp_path / "file").write_text("")
    with pytest.raises(UsageError, match="is not a directory"):
        prepare_output_directory("figures", tmp_path / "file")


@pytest.mark.skipif(UNWRITABLE is None, reason="no /proc here")
@pytest.mark.parametrize("argv", [["verify", "--json", UNWRITABLE], ["verify", "--json", "/proc"],
                                  ["verify", "--json", ""], ["notes", "--out", os.path.dirname(UNWRITABLE)],
                                  ["figures", "--quick", "--out", os.path.dirname(UNWRITABLE)]])
def test_unwritable_outputs_are_usage_errors_before_any_work(argv, capsys):
    code, out, err, seconds = run(argv, capsys)
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert seconds < EARLY and not out


def test_an_unknown_claim_pattern_is_named_and_list_follows_the_filter(capsys):
    code, _, err, _ = run(["verify", "--claim", "smith/lemma-B.1", "--claim", "nosuch"], capsys)
    assert code == 2 and "'nosuch'" in err and "smith/lemma-B.1" not in err
    code, out, _, _ = run(["verify", "--list", "--claim", "smith/lemma-B.*"], capsys)
    assert code == 0 and [line.split()[0] for line in out.splitlines()] == ["smith/lemma-B.1", "smith/lemma-B.2"]


def test_proof_exits_0_when_every_step_holds_and_1_on_an_erratum(capsys):
    assert main(["proof", "smith/theorem-2.2", "--step", "3"]) == 0  # the chain rule: an identity
    assert main(["proof", "smith/theorem-2.4", "--step", "2"]) == 1  # the squared reverse triangle inequality
    assert "fails; every step's status as lazycheck expects" in capsys.readouterr().err


def test_bench_refuses_a_size_it_could_not_finish(capsys):
    code, _, err, seconds = run(["bench", "--instances", "100000000"], capsys)
    assert code == 2 and "more than 100000" in err and seconds < EARLY


class _ClosedPipe(io.StringIO):
    def write(self, text):
        raise BrokenPipeError


def test_a_closed_pipe_ends_the_command_quietly(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdout", _ClosedPipe())
    assert main(["derive", "c0", "--json"]) == BROKEN_PIPE
    assert capsys.readouterr().err == ""


def test_hypothesis_storage_goes_to_the_cache_not_the_working_directory(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv("HYPOTHESIS_STORAGE_DIRECTORY", raising=False)
    monkeypatch.setenv("LAZYCHECK_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    assert main(["verify", "--list"]) == 0
    assert os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] == str(tmp_path / "cache" / "hypothesis")
    assert not (tmp_path / ".hypothesis").exists()
