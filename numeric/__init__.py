"""numeric: the dynamics side of lazycheck (losses, metrics Sigma(t), flows, strategies).

This package knows dynamics and no formulas: where a check needs a bound, the bound is
passed in, lambdified from the expression that :mod:`symbolic` derived.
"""
