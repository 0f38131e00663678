"""Studies behind the ledger entries for the texts' remarks (the sentences around the main results): one module
per text and section, each returning :class:`~proofs_check.results.CheckResult` from ``study(config, ...)``."""
