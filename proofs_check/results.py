"""One result type for every check: :class:`CheckResult`, and fitted slopes as numbers.

Every check of lazycheck (a derivation, a proof step, a chain, an adversarial search, a
measured study) reports the same fields, in the manner of PEPit's (computed, theoretical)
pairs:

- ``kind``, ``ok``, ``detail`` (one sentence, generated from the numbers below), ``ref``;
- ``observed``, ``bound`` and ``ratio`` = observed/bound at the worst instance found, when
  the check compares a quantity with a bound;
- ``tight``: whether the bound is meant to be attained (then a ratio near 1 is expected);
- ``searched`` and ``ranges``: how many instances were evaluated, and over which domain;
- ``counterexample`` and ``replay``: a failing instance and the command that reproduces it;
- ``witness``: the counterexample in a form that can be validated again (:class:`Witness`);
- ``slopes``: fitted log-log slopes of a measured rate, each with its standard error;
- ``witness_ratio``: the ratio on a constructed near-extremal instance;
- ``errata`` (ids of failing proof steps) and ``crashed``;
- ``skipped``: the check could not run here (a tool is missing); ``ok`` is then False and the result decides
  nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace


@dataclass(frozen=True)
class Slope:
    """A fitted log-log slope of ``name`` against ``variable``, with its standard error.

    ``limit`` is the claim's threshold on the slope (an O(.) claim holds when slope <= limit).
    """

    name: str
    variable: str
    value: float
    error: float
    limit: float | None = None

    @property
    def within_limit(self) -> bool:
        return self.limit is None or self.value <= self.limit

    def __str__(self) -> str:
        claim = "" if self.limit is None else f" (claim <= {self.limit:+.2f})"
        return f"{self.name}: slope {self.value:+.3f} +- {self.error:.3f} in {self.variable}{claim}"


def fit_slope(name: str, variable: str, xs: Sequence[float], ys: Sequence[float], *,
              limit: float | None = None) -> Slope:
    """Least-squares slope of log(ys) against log(xs), with its standard error (0 for two points)."""
    import numpy as np

    log_x, log_y = np.log(np.asarray(xs, dtype=float)), np.log(np.asarray(ys, dtype=float))
    slope, intercept = np.polyfit(log_x, log_y, 1)
    residual = log_y - (slope * log_x + intercept)
    spread = float(np.sum((log_x - log_x.mean()) ** 2))
    error = float(np.sqrt(np.sum(residual**2) / (log_x.size - 2) / spread)) if log_x.size > 2 else 0.0
    return Slope(name, variable, float(slope), error, limit)


@dataclass(frozen=True)
class Witness:
    """A counterexample in a form that a reader (or a test) can validate again, independently of the check.

    - ``assignment``: exact values (as text) of the symbols under which every one of ``hypotheses`` holds and
      ``claim`` fails (a z3 model, re-checked in sympy);
    - ``residual``: an identity ``claim`` whose residual (``values`` holds it) is not zero;
    - ``instance``: a numeric instance; ``validator`` ("module:function") called with ``arguments`` returns
      {hypothesis: bool}, every one of which must hold.
    """

    kind: str
    claim: str = ""
    hypotheses: tuple[str, ...] = ()
    values: tuple[tuple[str, str], ...] = ()
    validator: str = ""
    arguments: tuple = ()

    def as_json(self) -> dict:
        return {"kind": self.kind, "claim": self.claim, "hypotheses": list(self.hypotheses),
                "values": dict(self.values), "validator": self.validator, "arguments": list(self.arguments)}


@dataclass(frozen=True)
class CheckResult:
    """What a check found (see the module docstring for the fields)."""

    kind: str
    ok: bool
    detail: str
    ref: str = ""
    observed: float | None = None
    bound: float | None = None
    ratio: float | None = None
    tight: bool | None = None
    searched: int | None = None
    ranges: tuple[tuple[str, str], ...] = ()
    counterexample: str | None = None
    replay: tuple[str, ...] = ()
    slopes: tuple[Slope, ...] = ()
    witness_ratio: float | None = None
    errata: tuple[str, ...] = ()
    crashed: bool = False
    witness: Witness | None = None
    skipped: bool = False

    def with_(self, **changes) -> CheckResult:
        """A copy with some fields changed."""
        return replace(self, **changes)

    def as_json(self) -> dict:
        """The JSON form: every field, ``ranges`` as an object, slopes as objects, and ``instances`` (= searched)."""
        data = asdict(self)
        data["ranges"] = dict(self.ranges)
        data["replay"] = list(self.replay)
        data["errata"] = list(self.errata)
        data["slopes"] = [asdict(s) for s in self.slopes]
        data["witness"] = None if self.witness is None else self.witness.as_json()
        data["instances"] = self.searched  # how many instances the check evaluated (``searched``), by its JSON name
        return data

    @classmethod
    def crash(cls, kind: str, ref: str, error: BaseException | str) -> CheckResult:
        """The result of a check that raised: reported, not raised."""
        reason = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
        return cls(kind, False, f"crashed: {reason}", ref=ref, crashed=True)


def ranges_of(domain: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    """A domain {parameter: range} as the ``ranges`` field (values rendered as text)."""
    return tuple((name, str(value)) for name, value in domain.items())


def worst(results: Sequence[CheckResult]) -> float | None:
    """The largest ratio among ``results`` (None when none has a ratio)."""
    ratios = [r.ratio for r in results if r.ratio is not None]
    return max(ratios) if ratios else None
