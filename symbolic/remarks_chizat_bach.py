"""Derivations behind the ledger entries for chizat-bach's remarks (identities and scalings the text states in passing).

Each builder is cached and returns a :class:`~symbolic.core.Derivation`; :data:`BUILDERS` lists them for
:mod:`symbolic.catalog`.
"""

from __future__ import annotations

#: The builders of this module, in display order.
BUILDERS: tuple = ()
