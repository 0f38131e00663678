"""The registry of derivations: each is computed once and then shared.

Derivations build on each other (``c0`` uses ``displacement_radius``, which uses
``lemma_3_3_bound``), so each is cached: one computation, one expression, reused.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from symbolic.core import Derivation

_BUILDERS: dict[str, Callable[[], Derivation]] = {}


def registered(name: str) -> Callable[[Callable[[], Derivation]], Callable[[], Derivation]]:
    """Register a zero-argument function that builds the derivation ``name``."""

    def register(builder: Callable[[], Derivation]) -> Callable[[], Derivation]:
        if name in _BUILDERS:
            raise ValueError(f"derivation {name!r} registered twice")
        _BUILDERS[name] = builder
        return builder

    return register


class UnknownDerivation(KeyError):
    """Raised for a derivation name that is not registered."""

    def __str__(self) -> str:
        return str(self.args[0])


#: Display order: the flows, then the Gronwall comparisons, then the theorem constants.
_MODULE_ORDER = ("symbolic.flows", "symbolic.gronwall", "symbolic.constants", "symbolic.kernels")


def names() -> tuple[str, ...]:
    """The registered derivation names: by module (flows, Gronwall, constants), then as defined."""
    _load_all()
    position = {name: i for i, name in enumerate(_BUILDERS)}
    rank = lambda name: (_MODULE_ORDER.index(_BUILDERS[name].__module__), position[name])  # noqa: E731
    return tuple(sorted(_BUILDERS, key=rank))


@cache
def derive(name: str) -> Derivation:
    """Return the derivation ``name``, computing it on first use.

    Raises
    ------
    UnknownDerivation
        If no derivation has that name; the message lists the valid names.
    """
    _load_all()
    try:
        builder = _BUILDERS[name]
    except KeyError:
        raise UnknownDerivation(
            f"unknown derivation {name!r}; valid names: {', '.join(names())}"
        ) from None
    return builder()


def _load_all() -> None:
    # The modules register their derivations on import.
    from symbolic import constants, flows, gronwall, kernels  # noqa: F401
