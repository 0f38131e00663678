"""The README stays true: its quick start is the two commands, and its Python example runs."""

import re
from pathlib import Path

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
