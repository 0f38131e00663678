"""The studies: one module per measured result (a theorem on a model, the kernels, the scalings of
Section 4, sparse regression, the experiments of Section 5), each returning
:class:`~proofs_check.results.CheckResult` values with their numbers, not sentences."""
