"""What-if variants of a bound: ``lazycheck what-if CLAIM --bound EXPR``.

A variant of a lemma's bound is checked with the lemma's own adversarial search
(:mod:`proofs_check.search.claims`) over the lemma's whole domain: the normalized instances
of ``lazycheck verify`` and their images at every scale (:mod:`proofs_check.search.scales`:
mu, lam, d0, K, ||Sigma(0)|| and t over several decades, kappa from exactly 1), the claim's
witnesses and their rescaled images included. The paper's bounds are invariant under these
rescalings, a variant need not be: "holds" means that no instance of the domain was found
to violate it, and the result's ranges say what was drawn and which scales the variant
depends on. A variant constant of Theorem 3.2 (C0 = M, or the radius r0 from which symbolic/
re-derives C0) is checked by :mod:`proofs_check.search.constants_whatif`.

A bound is a finite real expression (:func:`symbolic.symbols.parse_expression` refuses
oo, nan, I, 1/0, 1e400 and the like). Where a variant overflows to +inf at some instance,
it holds there (observed <= inf); where it is undefined (nan, as sqrt(t - 1) for t < 1) it
is a usage error: it is probed over the ends of the domain before the search, and any instance
of the search where it is nan is reported instead of a verdict.

A refuted variant comes with a counterexample: the instance with the largest ratio among the
violating instances evaluated, as a short table of its parameters (:class:`WhatIfResult`), and
a replay file in lazycheck's cache (``replays/``, see :func:`~proofs_check.settings.cache_home`)
holding the whole instance (the reprs of its loss and metric, y0, its options), so that the
replay command ``lazycheck what-if --replay FILE`` is short. :func:`replay` re-checks that instance
(with the file's bound, or another). A replay file is evaluated as Python reprs of lazycheck's own
classes (no builtins): replay only files you trust.

Supported claims: chizat-bach/lemma-3.3 (= smith/lemma-B.1), chizat-bach/lemma-A.1
(= smith/lemma-B.2) and the constants of :data:`~proofs_check.search.constants_whatif.CONSTANT_CLAIMS`.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import shlex
import tempfile
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

import numpy as np
import sympy as sp

from proofs_check.results import CheckResult
from proofs_check.search import constants_whatif
from proofs_check.search.claims import CLAIMS_BY_ID, NumericClaim, SearchDomain, run_claim
from numeric.stability import sup_forcing
from proofs_check.search.properties import (LEMMA_3_3_SYMBOLS, LEMMA_A_1_SYMBOLS, PropertyResult, check_times,
                                            horizon_for)
from proofs_check.search.scales import (NORMALIZATIONS, SCALE_DECADES, dependence, instance_parameters,
                                        scaled_instances, scaled_ranges, witness_images)
from proofs_check.settings import RATIO_TOLERANCE, RunConfig, cache_home
from symbolic.symbols import SYMBOLS, meaning, parse_expression

#: claim id -> (the numeric claim searched, the symbols a variant bound may use).
LEMMA_CLAIMS = {
    "chizat-bach/lemma-3.3": ("chizat-bach/lemma-3.3", LEMMA_3_3_SYMBOLS),
    "smith/lemma-B.1": ("chizat-bach/lemma-3.3", LEMMA_3_3_SYMBOLS),
    "chizat-bach/lemma-A.1": ("chizat-bach/lemma-A.1", LEMMA_A_1_SYMBOLS),
    "smith/lemma-B.2": ("chizat-bach/lemma-A.1", LEMMA_A_1_SYMBOLS),
}
#: Examples of a what-if search by default.
WHAT_IF_EXAMPLES = 100
#: The format tag of a replay file.
REPLAY_FORMAT = "lazycheck-what-if-replay/1"
#: Values at which a lemma variant must be a number before the search starts: the ends and the middle of what-if's
#: ranges (nu = kappa mu, ||Sigma(0)|| = spread lam), t from 0 to 10^6.
PROBE_VALUES = {"mu": (1e-4, 1.0, 1e3), "kappa": (1.0, 10.0, 100.0), "lam": (1e-4, 1.0, 2e4), "d0": (1e-4, 1.0, 5e3),
                "K": (1e-6, 1.0, 1e6), "spread": (1.0, 100.0)}
PROBE_TIMES = np.concatenate([[0.0], np.geomspace(1e-6, 1e6, 25)])


def rescaled_witnesses(claim: NumericClaim) -> list[tuple]:
    """The claim's exact witness (if any), then its tightness witness, each with its rescaled images."""
    makers = [make for make in (claim.exact_witness, claim.witness) if make is not None]
    return [image for make in makers for image in witness_images(make())]


#: The domain of a lemma variant: normalized instances at every scale, the witnesses with their rescaled images.
WHAT_IF_SEARCH = SearchDomain(scaled_instances, scaled_ranges, rescaled_witnesses, screen_decades=SCALE_DECADES)


class WhatIfError(ValueError):
    """A usage error: unknown claim, a bound that is no finite real expression over the claim's symbols, or an
    unreadable replay file."""


@dataclass(frozen=True)
class WhatIfResult(CheckResult):
    """A :class:`CheckResult` (kind ``what-if``) with the counterexample as a table and its replay file.

    ``claim_id`` and ``bound_text`` say what was checked; ``parameters`` is the counterexample's table, (name, value
    as text), empty when the variant holds; ``replay_file`` the JSON file the replay command re-checks.
    """

    claim_id: str = ""
    bound_text: str = ""
    parameters: tuple[tuple[str, str], ...] = ()
    replay_file: str | None = None

    def as_json(self) -> dict:
        return super().as_json() | {"claim_id": self.claim_id, "bound_text": self.bound_text,
                                    "parameters": dict(self.parameters), "replay_file": self.replay_file}


def supported() -> tuple[str, ...]:
    """The claim ids what-if accepts."""
    return tuple(LEMMA_CLAIMS) + tuple(constants_whatif.CONSTANT_CLAIMS)


def _allowed(claim_id: str) -> tuple[str, ...]:
    if claim_id in constants_whatif.CONSTANT_CLAIMS:
        return constants_whatif.CONSTANT_CLAIMS[claim_id][1]
    if claim_id not in LEMMA_CLAIMS:
        raise WhatIfError(f"what-if supports these claims: {', '.join(supported())}; got {claim_id!r}")
    return LEMMA_CLAIMS[claim_id][1]


def same_claim(claim_id: str, other: str) -> bool:
    """Whether two claim ids name the same what-if claim (smith/lemma-B.1 is chizat-bach/lemma-3.3)."""
    return claim_id == other or (claim_id in LEMMA_CLAIMS and other in LEMMA_CLAIMS
                                 and LEMMA_CLAIMS[claim_id][0] == LEMMA_CLAIMS[other][0])


def symbols_of(claim_id: str) -> list[tuple[str, str]]:
    """(name, meaning) of the symbols a variant of ``claim_id`` may use."""
    return [(name, meaning(name)) for name in _allowed(claim_id)]


def validate(claim_id: str, bound: str) -> None:
    """Raise WhatIfError unless ``claim_id`` is supported and ``bound`` is a finite real expression over its symbols,
    a number at the ends of the claim's domain (a constant: positive there)."""
    allowed = _allowed(claim_id)
    try:
        expression = parse_expression(bound, allowed=allowed)
        if claim_id in constants_whatif.CONSTANT_CLAIMS:
            constants_whatif.probe_levels(claim_id, bound)
    except ValueError as error:
        raise WhatIfError(str(error)) from None
    if claim_id in LEMMA_CLAIMS:
        undefined = _undefined_point(expression, allowed)
        if undefined:
            raise WhatIfError(f"the bound {bound!r} is undefined (nan) at {undefined}: a bound must be a finite real "
                              "number over the claim's whole domain")


def _undefined_point(expression: sp.Expr, names: tuple[str, ...]) -> str:
    """A point of PROBE_VALUES where the bound is nan, in words, or ''."""
    combos = np.array(list(itertools.product(*PROBE_VALUES.values()))).T[:, :, None]
    values = dict(zip(PROBE_VALUES, combos)) | {"t": PROBE_TIMES}
    values |= {"nu": values["kappa"] * values["mu"], "Sigma0_norm": values["spread"] * values["lam"]}
    function = sp.lambdify([SYMBOLS[name] for name in names], expression, "numpy")
    with np.errstate(all="ignore"):
        bound = np.broadcast_to(np.asarray(function(*(values[name] for name in names)), dtype=float),
                                (combos.shape[1], PROBE_TIMES.size))
    where = np.argwhere(np.isnan(bound))
    if not where.size:
        return ""
    row, column = where[0]
    used = [name for name in names if SYMBOLS[name] in expression.free_symbols]
    point = {name: float(np.broadcast_to(values[name], bound.shape)[row, column]) for name in used}
    return ", ".join(f"{name} = {value:g}" for name, value in point.items()) or "every point"


@dataclass
class _Seen:
    """What a search evaluated: the violating instance with the largest ratio, and an instance where the bound is
    undefined (nan), if any."""

    worst: tuple | None = None
    undefined: tuple | None = None

    def add(self, instance: tuple, result: PropertyResult) -> None:
        if math.isnan(result.excess) and self.undefined is None:
            self.undefined = instance
        if result.violation and (self.worst is None or result.ratio > self.worst[1].ratio):
            self.worst = (instance, result)


@dataclass(frozen=True)
class _RecordingClaim(NumericClaim):
    """A numeric claim that records what its evaluations find (:class:`_Seen`)."""

    seen: _Seen = field(default_factory=_Seen, compare=False, repr=False)

    def evaluate(self, instance: tuple) -> PropertyResult:
        result = super().evaluate(instance)
        self.seen.add(instance, result)
        return result


def what_if(claim_id: str, bound: str, config: RunConfig | None = None, *,
            replay_directory: Path | None = None) -> WhatIfResult:
    """Check the variant ``bound`` of ``claim_id`` (kind ``what-if``): ``ok`` when it holds. A refuted variant's
    instance is written to a replay file in ``replay_directory`` (default: :func:`replays_directory`)."""
    config = RunConfig(max_examples=WHAT_IF_EXAMPLES) if config is None else config
    validate(claim_id, bound)
    if claim_id in constants_whatif.CONSTANT_CLAIMS:
        try:
            result, point = constants_whatif.check_constant(claim_id, bound, config)
        except ValueError as error:  # the variant is undefined at a point of the family
            raise WhatIfError(str(error)) from None
        found = None if point is None else ({"point": list(point)}, constants_whatif.counterexample_table(
            claim_id, bound, point) + (("ratio", ratio_text(result.ratio)), ("family", constants_whatif.FAMILY)))
        return _with_replay(claim_id, bound, result, found, replay_directory)
    searched_id, names = LEMMA_CLAIMS[claim_id]
    claim = CLAIMS_BY_ID[searched_id]
    variant = _RecordingClaim(**{f.name: getattr(claim, f.name) for f in fields(NumericClaim)}
                              | {"id": f"what-if/{claim_id}", "options": dict(claim.options, bound=bound)})
    with np.errstate(all="ignore"):  # a variant that overflows (exp(1000 t)) is +inf there: it holds there
        result = run_claim(variant, config, WHAT_IF_SEARCH)
    if variant.seen.undefined is not None:
        point = instance_parameters(variant.seen.undefined)
        raise WhatIfError(f"the bound {bound!r} is undefined (nan) at some t in [0, {point['T']:g}] of an instance "
                          f"with {_point_text(point)}: a bound must be a finite real number over the claim's domain")
    scales = _scales_note(dependence(parse_expression(bound, allowed=names), names))
    ranges = tuple((name, text) for name, text in result.ranges if name != "K" or "K" in names)  # K: Lemma A.1's
    result = result.with_(kind="what-if", ref=f"{claim_id} with bound {bound}",
                          detail=f"{result.detail}; the bound depends on {scales}",
                          ranges=ranges + (("the bound depends on", scales),))
    found = None
    if not result.ok and variant.seen.worst is not None:
        instance, worst = variant.seen.worst
        found = (_instance_payload(instance), lemma_table(claim_id, instance, worst))
        result = result.with_(ratio=max(result.ratio, worst.ratio))
    return _with_replay(claim_id, bound, result, found, replay_directory)


def _point_text(parameters: dict) -> str:
    return ", ".join(f"{name} = {parameters[name]:.4g}" for name in ("mu", "kappa", "lam", "d0", "Sigma0_norm"))


def _number(value: float, digits: int = 6) -> str:
    return f"{value:.{digits}g}"


def _digits(ratio: float) -> int:
    """Significant digits that show ratio - 1: 6, more near 1."""
    gap = abs(ratio - 1.0)
    return 6 if not math.isfinite(ratio) or gap == 0.0 or gap >= 1e-4 else min(17, math.ceil(-math.log10(gap)) + 2)


def ratio_text(ratio: float | None) -> str:
    """A ratio with 6 significant digits, and near 1 enough of them to show ratio - 1 (1.000000001, not 1)."""
    return "n/a" if ratio is None else _number(ratio, _digits(ratio))


def lemma_table(claim_id: str, instance: tuple, result: PropertyResult) -> tuple[tuple[str, str], ...]:
    """The parameters of a lemma instance and where its ratio peaks, as (name, value) rows."""
    loss, metric, y0 = instance[:3]
    parameters = instance_parameters(instance)
    shown = ("mu", "nu", "kappa", "lam", "d0")
    if "K" in LEMMA_CLAIMS[claim_id][1]:  # Lemma A.1's: K = sup_t of the forcing along the flow, as its check has it
        options = instance[3] if len(instance) > 3 else {}
        ts = check_times(metric, horizon_for(loss, metric, options.get("horizon")))
        parameters |= {"K": sup_forcing(loss, metric, y0, ts, **{k: v for k, v in options.items() if k == "atol"})}
        shown += ("Sigma0_norm", "K")
    count = len(metric.switch_times) if hasattr(metric, "switch_times") else None
    pieces = "" if count is None else f", {count} piece{'s' * (count != 1)}"
    digits = _digits(result.ratio)  # observed and bound as precisely as their ratio
    return ((("n", str(len(y0))),) + tuple((name, _number(parameters[name])) for name in shown) + (
        ("t*", _number(result.worst_time)), ("T", _number(parameters["T"])),
        ("observed", _number(result.observed, digits)), ("bound", _number(result.bound, digits)),
        ("ratio", ratio_text(result.ratio)), ("loss", type(loss).__name__), ("metric", type(metric).__name__ + pieces)))


def _instance_payload(instance: tuple) -> dict:
    loss, metric, y0, *own = instance
    return {"loss": repr(loss), "metric": repr(metric), "y0": np.asarray(y0, dtype=float).tolist(),
            "options": dict(own[0]) if own else {}}


def replays_directory() -> Path:
    """Where replay files are written: ``replays/`` in lazycheck's cache ($LAZYCHECK_CACHE, else
    $XDG_CACHE_HOME/lazycheck, else ~/.cache/lazycheck)."""
    return cache_home() / "replays"


def replay_command(path: str | Path) -> str:
    """The command that re-checks the instance of a replay file."""
    return f"lazycheck what-if --replay {shlex.quote(str(path))}"


def _with_replay(claim_id: str, bound: str, result: CheckResult, found, directory: Path | None) -> WhatIfResult:
    """``result`` as a WhatIfResult; with ``found`` = (instance payload, table), its counterexample, written to a
    replay file."""
    result = WhatIfResult(**{f.name: getattr(result, f.name) for f in fields(CheckResult)}, claim_id=claim_id,
                          bound_text=bound)
    if found is None:
        return result
    payload, table = found
    data = {"format": REPLAY_FORMAT, "claim": claim_id, "bound": bound, "instance": payload,
            "parameters": dict(table)}
    path = _write_replay(data, replays_directory() if directory is None else Path(directory))
    counterexample = ", ".join(f"{name} = {value}" for name, value in table)
    return replace(result, counterexample=counterexample, parameters=table,
                   replay=(replay_command(path),) if path else result.replay, replay_file=path and str(path))


def _write_replay(data: dict, directory: Path) -> Path | None:
    """Write ``data`` to ``directory`` (else to the temporary directory) as <hash>.json; None when neither works."""
    text = json.dumps(data, indent=1, sort_keys=True) + "\n"
    name = f"what-if-{hashlib.sha256(text.encode()).hexdigest()[:16]}.json"
    for place in (directory, Path(tempfile.gettempdir()) / "lazycheck-replays"):
        try:
            place.mkdir(parents=True, exist_ok=True)
            (place / name).write_text(text, encoding="utf-8")
            return place / name
        except OSError:
            continue
    return None


def _replay_namespace() -> dict:
    """The names a replay file's reprs may use: lazycheck's loss, metric, model and flow classes, no builtins."""
    import importlib

    namespace: dict = {"__builtins__": {}, "inf": math.inf, "nan": math.nan}
    for module in ("numeric.losses", "numeric.metrics", "numeric.models", "numeric.parameter_flows",
                   "numeric.adversarial"):
        loaded = importlib.import_module(module)
        namespace |= {name: getattr(loaded, name) for name in dir(loaded) if name[:1].isupper()}
    return namespace


def read_replay(path: str | Path) -> dict:
    """The content of a replay file; WhatIfError if it cannot be read."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise WhatIfError(f"cannot read the replay file {str(path)!r}: {getattr(error, 'strerror', None) or error}") \
            from None
    keys = {"claim", "bound", "instance"}
    if not (isinstance(data, dict) and data.get("format") == REPLAY_FORMAT and keys <= set(data)):
        raise WhatIfError(f"{str(path)!r} is not a what-if replay file ({REPLAY_FORMAT})")
    return data


def replay(path: str | Path, bound: str | None = None) -> WhatIfResult:
    """Re-check the instance of the replay file ``path`` against ``bound`` (default: the file's): ``ok`` when it
    holds there; ``searched`` is 1."""
    data = read_replay(path)
    claim_id, bound = data["claim"], data["bound"] if bound is None else bound
    validate(claim_id, bound)
    ref, command = f"{claim_id} with bound {bound}", replay_command(path)
    if claim_id in constants_whatif.CONSTANT_CLAIMS:
        point = tuple(float(x) for x in data["instance"]["point"])
        ratio = constants_whatif.conclusion_ratio(claim_id, bound, point)
        ok = ratio <= 1 + RATIO_TOLERANCE
        table = constants_whatif.counterexample_table(claim_id, bound, point) + (
            ("ratio", ratio_text(ratio)), ("family", constants_whatif.FAMILY))
    else:
        try:
            instance = load_instance(data["instance"])
        except Exception as error:  # a hand-edited file: any error of its reprs is the file's
            raise WhatIfError(f"the replay file {str(path)!r} holds no valid instance: {type(error).__name__}: "
                              f"{error}") from None
        claim = CLAIMS_BY_ID[LEMMA_CLAIMS[claim_id][0]]
        with np.errstate(all="ignore"):
            result = replace(claim, options=dict(claim.options, bound=bound)).evaluate(instance)
        if math.isnan(result.excess):
            raise WhatIfError(f"the bound {bound!r} is undefined (nan) on the replayed instance")
        ok, ratio = not result.violation, result.ratio
        found = dict(data.get("parameters", {}))  # the families as found (a LevelSetTransport's repr is piecewise)
        table = tuple((name, found.get(name, value) if name in ("loss", "metric") else value)
                      for name, value in lemma_table(claim_id, instance, result))
    detail = f"ratio {ratio_text(ratio)} on the replayed instance of {path}"
    return WhatIfResult("what-if", ok, detail, ref=ref, ratio=ratio, searched=1, ranges=(("replayed", str(path)),),
                        counterexample=None if ok else ", ".join(f"{n} = {v}" for n, v in table),
                        replay=(command,), claim_id=claim_id, bound_text=bound, parameters=table,
                        replay_file=str(path))


def load_instance(payload: dict) -> tuple:
    """The instance (loss, metric, y0, options) of a replay file's ``instance`` entry."""
    namespace = _replay_namespace()
    loss, metric = eval(payload["loss"], namespace), eval(payload["metric"], namespace)  # noqa: S307 - see module doc
    options = dict(payload.get("options") or {})
    return (loss, metric, np.asarray(payload["y0"], dtype=float)) + ((options,) if options else ())


def _scales_note(depends: tuple[str, ...]) -> str:
    """Which normalizations change the bound relative to the observed side, in words."""
    invariant = [name for name in NORMALIZATIONS if name not in depends]
    if not depends:
        return "none of the scales (invariant under the loss, metric and distance scales)"
    rest = f" (invariant under the {' and '.join(invariant)} scale{'s' * (len(invariant) > 1)})" if invariant else ""
    return f"the {' and '.join(depends)} scale{'s' * (len(depends) > 1)}{rest}"
