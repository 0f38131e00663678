"""``python -m proofs_check`` is the ``lazycheck`` command."""

from proofs_check.cli import console

console()
