"""proofs_check: joins the symbolic derivations and the numeric dynamics into checked claims.

It holds the ``lazycheck`` command line (:mod:`proofs_check.cli`) and the renderers of
derivations (:mod:`proofs_check.render`). Later, the claims ledger and its runners.
"""
