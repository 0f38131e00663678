"""The README stays true: its quick start is the two commands, and its Python example runs."""

import os
import re
import subprocess
import sys
from pathlib import Path

from proofs_check.settings import PLUGIN_PROFILE

README = Path(__file__).resolve().parent.parent / "README.md"
QUICK_START = ['pip install -e . && lazycheck verify', 'pip install -e ".[test]" && pytest']


def test_quick_start_is_exactly_the_two_commands():
    first_block = re.search(r"```\n(.*?)```", README.read_text(), re.S).group(1)
    assert first_block.strip().splitlines() == QUICK_START


def test_python_example_runs():
    example = re.search(r"```python\n(.*?)```", README.read_text(), re.S).group(1)
    namespace: dict = {}
    exec(compile(example, "README.md", "exec"), namespace)
    namespace["test_lemma_3_3"]()



PROFILE_PROBE = """import os
from hypothesis import settings


def test_profile():
    assert settings.get_current_profile_name() == os.environ["EXPECTED_PROFILE"]
"""


def _pytest(directory, *args, expected):
    environment = dict(os.environ, EXPECTED_PROFILE=expected)
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args], cwd=directory,
                          env=environment, capture_output=True, text=True, timeout=300)


def test_python_example_passes_under_plain_pytest_outside_the_repository(tmp_path):
    """The README's example, copied verbatim into a foreign directory, passes under plain ``pytest``: lazycheck's
    plugin loads its default profile (no deadline), and ``--hypothesis-profile`` still overrides it."""
    example = re.search(r"```python\n(.*?)```", README.read_text(), re.S).group(1)
    (tmp_path / "test_example.py").write_text(example)
    (tmp_path / "test_profile.py").write_text(PROFILE_PROBE)
    plain = _pytest(tmp_path, expected=PLUGIN_PROFILE)
    assert plain.returncode == 0 and "2 passed" in plain.stdout, plain.stdout[-2000:] + plain.stderr[-2000:]
    chosen = _pytest(tmp_path, "test_profile.py", "--hypothesis-profile=fast", expected="fast")
    assert chosen.returncode == 0, chosen.stdout[-2000:]
