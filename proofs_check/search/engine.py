"""The search engine: hypothesis' targeted search for a worst case, and shrunk counterexamples.

:func:`maximize` drives an evaluation with ``hypothesis.target`` on its score and keeps the
worst instance seen; :func:`find_counterexample` and :func:`shrink` ask hypothesis to find and
shrink an instance that satisfies a condition. Every search takes the run's seed: ``None``
derandomizes it (the default report), an integer seeds it.

Reproducibility. Hypothesis draws about 5% of its primitive values from constants: a fixed
global pool, and constants it harvests from the "local" modules in ``sys.modules`` (every
module outside site-packages and the standard library, tests excepted). The second pool made
lazycheck's reports depend on unrelated literals in its own source, on what was imported
before a search, and on the install mode (an ordinary install lives under site-packages,
which hypothesis skips). Every search here therefore runs inside
:func:`local_constants_isolated`, which gives hypothesis an empty local pool for its
duration: the draws then depend only on the strategy, the seed and the budget.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from hypothesis import HealthCheck, Phase, find, given, settings, target
from hypothesis import seed as hypothesis_seed
from hypothesis.errors import NoSuchExample

#: Scores are capped here before ``target()``, which needs finite values.
SCORE_CAP = 1e6


@contextmanager
def local_constants_isolated() -> Iterator[None]:
    """Run the enclosed hypothesis searches with an empty pool of local-module constants.

    Hypothesis reads its local pool through ``hypothesis.internal.conjecture.providers.
    _get_local_constants`` (6.131 and later); it is replaced for the duration, and the cache
    of permitted constants is cleared on entry and exit. On a hypothesis without that pool
    there is nothing to isolate.
    """
    try:
        from hypothesis.internal.conjecture import providers
    except ImportError:  # pragma: no cover - a hypothesis without the providers module
        yield
        return
    original = getattr(providers, "_get_local_constants", None)
    if original is None:  # pragma: no cover - a hypothesis without local constants
        yield
        return
    empty = providers.Constants()
    providers.CONSTANTS_CACHE.cache.clear()
    providers._get_local_constants = lambda: empty
    try:
        yield
    finally:
        providers._get_local_constants = original
        providers.CONSTANTS_CACHE.cache.clear()


def _settings(max_examples: int, seed: int | None, phases) -> settings:
    return settings(max_examples=max_examples, deadline=None, database=None, derandomize=seed is None,
                    suppress_health_check=list(HealthCheck), phases=phases)


@dataclass(frozen=True)
class Worst:
    """The outcome of :func:`maximize`: the best evaluation, its instance and the evaluations made."""

    value: object
    instance: object
    evaluated: int


def maximize(evaluate: Callable, strategy, *, max_examples: int, seed: int | None,
             score: Callable = float) -> Worst:
    """Hypothesis' generate-and-target search for the largest ``score(evaluate(instance))``."""
    best: list = [None, None, float("-inf")]
    count = [0]

    @_settings(max_examples, seed, [Phase.generate, Phase.target])
    @given(strategy)
    def explore(instance):
        value = evaluate(instance)
        count[0] += 1
        points = score(value)
        target(float(min(points, SCORE_CAP)), label="score")
        if points > best[2]:
            best[:] = [value, instance, points]

    with local_constants_isolated():
        (explore if seed is None else hypothesis_seed(seed)(explore))()
    return Worst(best[0], best[1], count[0])


def shrink(strategy, evaluate: Callable, *, violates: Callable, max_examples: int, seed: int | None,
           score: Callable | None = None):
    """The shrunk instance whose evaluation ``violates``, or None; ``score`` of the evaluation, if given, is
    targeted on the way. Each instance is evaluated once."""

    def holds(instance) -> bool:
        value = evaluate(instance)
        if score is not None:
            target(float(min(score(value), SCORE_CAP)), label="score")
        return violates(value)

    search = _settings(max_examples, seed, [Phase.generate, Phase.target, Phase.shrink])
    with local_constants_isolated():
        try:
            return find(strategy, holds, settings=search, random=None if seed is None else _random(seed))
        except NoSuchExample:
            return None


def _random(seed: int):
    import random

    return random.Random(seed)


@dataclass(frozen=True)
class Counterexample:
    """A shrunk instance violating a bound, its evaluation, and how to replay it."""

    instance: object
    result: object
    replay: str


def find_counterexample(evaluate: Callable, strategy, *, violates: Callable, max_examples: int,
                        replay: Callable[[object], str], seed: int | None = None,
                        score: Callable | None = None) -> Counterexample | None:
    """The shrunk instance whose evaluation ``violates``, with its evaluation and replay command, or None."""
    found = shrink(strategy, evaluate, violates=violates, max_examples=max_examples, seed=seed, score=score)
    return None if found is None else Counterexample(found, evaluate(found), replay(found))


#: Imports that make every instance repr evaluable in a replay command.
REPLAY_IMPORTS = ("from numeric.losses import *; from numeric.metrics import *; from numeric.models import *; "
                  "from numeric.parameter_flows import *; from numeric.adversarial import *; "
                  "from proofs_check.search.properties import *")


def replay_command(check_name: str, instance: tuple, bound: str | None, **options) -> str:
    """A shell one-liner that re-runs the lemma check ``check_name`` on ``instance`` and prints its result."""
    import numpy as np

    loss, metric, y0 = instance
    arguments = [repr(loss), repr(metric), repr(np.asarray(y0, dtype=float).tolist())]
    if bound is not None:
        arguments.append(f"bound={bound!r}")
    arguments += [f"{key}={value!r}" for key, value in options.items()]
    return python_command(f"{REPLAY_IMPORTS}; print({check_name}({', '.join(arguments)}))")


def python_command(source: str) -> str:
    """``python -c SOURCE``, quoted for a POSIX shell."""
    return f"python -c {shlex.quote(source)}"
