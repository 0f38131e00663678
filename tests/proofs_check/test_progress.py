"""The progress bar (proofs_check.progress): every 10% on a log, redrawn in place on a terminal."""

import io

from proofs_check.progress import ProgressBar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_log_gets_one_line_per_tenth():
    log = io.StringIO()
    bar = ProgressBar("[run]", 200, log)
    for done in range(201):
        bar.update(done)
    seconds = bar.close()
    lines = log.getvalue().splitlines()
    assert len(lines) == 11 and lines[0].startswith("[run] [") and "100%" in lines[-1] and seconds >= 0


def test_a_terminal_is_redrawn_in_place_and_ended_with_a_newline():
    terminal = Terminal()
    bar = ProgressBar("[run]", 4, terminal)
    for done in range(5):
        bar.update(done)
    bar.close()
    text = terminal.getvalue()
    assert text.count("\r") == 5 and text.endswith("\n") and text.count("\n") == 1


def test_a_zero_total_does_not_divide_by_zero():
    log = io.StringIO()
    ProgressBar("[none]", 0, log).close()
    assert "100%" in log.getvalue()
