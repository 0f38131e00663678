"""Adversarial search with hypothesis: the worst ratio, and shrunk counterexamples.

``worst_case`` drives a property check with ``hypothesis.target`` on its ratio and keeps
the worst instance seen. ``find_counterexample`` asks hypothesis to find and shrink an
instance on which a (possibly false) bound is violated, and returns it with a one-line
replay command that reproduces it exactly (Python float reprs round-trip).
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from hypothesis import HealthCheck, Phase, find, given, settings, target
from hypothesis import seed as hypothesis_seed
from hypothesis.errors import NoSuchExample

from proofs_check.properties import PropertyResult

#: Imports that make every instance repr evaluable.
REPLAY_IMPORTS = ("from numeric.losses import *; from numeric.metrics import *; from numeric.models import *; "
                  "from numeric.adversarial import *; from proofs_check.properties import *")


@dataclass(frozen=True)
class Counterexample:
    """A shrunk instance violating a bound, its check result, and how to replay it."""

    instance: tuple
    result: PropertyResult
    replay: str


def replay_command(check_name: str, instance: tuple, bound: str | None, **options) -> str:
    """A shell one-liner that re-runs ``check_name`` on ``instance`` and prints the result."""
    loss, metric, y0 = instance
    arguments = [repr(loss), repr(metric), repr(np.asarray(y0, dtype=float).tolist())]
    if bound is not None:
        arguments.append(f"bound={bound!r}")
    arguments += [f"{key}={value!r}" for key, value in options.items()]
    source = f"{REPLAY_IMPORTS}; print({check_name}({', '.join(arguments)}))"
    return f"python -c {shlex.quote(source)}"


def find_counterexample(check: Callable[[tuple], PropertyResult], strategy, *, max_examples: int,
                        replay: Callable[[tuple], str]) -> Counterexample | None:
    """The shrunk instance on which ``check`` reports a violation, or None if none is found."""
    search = settings(max_examples=max_examples, deadline=None, database=None, derandomize=True,
                      suppress_health_check=list(HealthCheck), phases=[Phase.generate, Phase.target, Phase.shrink])

    def violated(instance) -> bool:
        result = check(instance)
        target(min(result.ratio, 1e6), label="ratio")
        return result.violation

    try:
        instance = find(strategy, violated, settings=search)
    except NoSuchExample:
        return None
    return Counterexample(instance, check(instance), replay(instance))


def worst_case(check: Callable[[tuple], PropertyResult], strategy, *, max_examples: int,
               seed: int | None = None) -> tuple[PropertyResult, tuple]:
    """Search for the largest ratio with hypothesis' targeted search; return (result, instance)."""
    return maximize(check, strategy, max_examples=max_examples, score=lambda result: result.ratio, seed=seed)


def maximize(evaluate: Callable, strategy, *, max_examples: int, score: Callable = float,
             seed: int | None = None) -> tuple:
    """Hypothesis' generate-and-target search for the largest ``score(evaluate(instance))``.

    Deterministic: derandomized when ``seed`` is None, else seeded with ``seed``.
    Returns (the best evaluation, its instance).
    """
    best: list = [None, None, -np.inf]

    @settings(max_examples=max_examples, deadline=None, database=None, derandomize=seed is None,
              suppress_health_check=list(HealthCheck), phases=[Phase.generate, Phase.target])
    @given(strategy)
    def explore(instance):
        value = evaluate(instance)
        points = score(value)
        target(float(min(points, 1e6)), label="ratio")
        if points > best[2]:
            best[:] = [value, instance, points]

    (explore if seed is None else hypothesis_seed(seed)(explore))()
    return best[0], best[1]


def shrink(strategy, condition: Callable, *, max_examples: int):
    """The shrunk instance satisfying ``condition``, or None."""
    search = settings(max_examples=max_examples, deadline=None, database=None, derandomize=True,
                      suppress_health_check=list(HealthCheck), phases=[Phase.generate, Phase.target, Phase.shrink])
    try:
        return find(strategy, condition, settings=search)
    except NoSuchExample:
        return None
