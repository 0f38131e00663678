"""The one profile table, the tolerances, and the run configuration passed to every check.

Profiles (``fast``, ``ci``, ``thorough``) set two budgets that mean different things:

- ``property_examples``: hypothesis' ``max_examples`` for one property of a test suite,
  the profile that ``pytest --hypothesis-profile=NAME`` loads (:func:`register_profiles`,
  called by lazycheck's pytest plugin);
- ``search_examples``: the examples of one adversarial claim search in ``lazycheck verify``.

and the depth of the measured sweeps (``ci`` or ``thorough`` grids).

A :class:`RunConfig` (profile, seed, examples, sweep depth) is built once per command and
passed explicitly to every search, study and analytic proof step: nothing reads a global.
This module imports neither numpy nor the checks, so that the command line can be built
before numpy is loaded.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Profile:
    """One row of the profile table."""

    name: str
    property_examples: int
    search_examples: int
    sweep_depth: str
    derandomize: bool
    #: Instances of the batched screening of each lemma search (random draws, then local refinement).
    batch_instances: int = 10_000
    #: Processes the screening is split across (joblib's n_jobs: 1 runs it in this process, -1 on every core).
    search_jobs: int = 1
    #: Instances an analytic proof step with a numpy sampler screens before hypothesis searches it.
    analytic_screen: int = 1_000


#: The profile table.
PROFILES: dict[str, Profile] = {
    "fast": Profile("fast", property_examples=10, search_examples=10, sweep_depth="ci", derandomize=False,
                    batch_instances=2_000, analytic_screen=200),
    "ci": Profile("ci", property_examples=40, search_examples=30, sweep_depth="ci", derandomize=True,
                  batch_instances=12_000),
    "thorough": Profile("thorough", property_examples=1500, search_examples=300, sweep_depth="thorough",
                        derandomize=False, batch_instances=200_000, search_jobs=-1, analytic_screen=20_000),
}
DEFAULT_PROFILE = "ci"
#: The profile lazycheck's pytest plugin loads when a test run chooses none (``--hypothesis-profile`` overrides it).
PLUGIN_PROFILE = DEFAULT_PROFILE

#: A ratio observed/bound above 1 + RATIO_TOLERANCE is a violation in the analytic proof steps and the
#: studies: it covers float64 rounding and the integrators' errors (about 1e-9 relative at their defaults).
RATIO_TOLERANCE = 1e-7
#: An analytic proof step that integrates flows costs about FLOW_COST cheap evaluations: it searches
#: ceil(examples / FLOW_COST) instances where a pointwise step searches ``examples``.
FLOW_COST = 3


@dataclass(frozen=True)
class RunConfig:
    """How deep and with which seed a run searches: profile, seed, examples and sweep depth.

    ``seed=None`` is the derandomized default, the run whose report the notes show. A seed
    changes every draw: the adversarial searches, the analytic proof steps, what-if, and the
    random instances of the studies (:meth:`study_seed`).
    """

    profile: str = DEFAULT_PROFILE
    seed: int | None = None
    max_examples: int | None = None

    def __post_init__(self):
        if self.profile not in PROFILES:
            raise ValueError(f"unknown profile {self.profile!r}; choose from {', '.join(PROFILES)}")
        if self.seed is not None and (not isinstance(self.seed, int) or isinstance(self.seed, bool)):
            raise ValueError(f"seed must be an integer or None, got {self.seed!r}")
        if self.max_examples is not None and (not isinstance(self.max_examples, int) or self.max_examples < 1):
            raise ValueError(f"max_examples must be a positive integer, got {self.max_examples!r}")

    @property
    def examples(self) -> int:
        """Examples of one adversarial claim search: --max-examples, else the profile's."""
        return self.max_examples or PROFILES[self.profile].search_examples

    @property
    def batch_instances(self) -> int:
        """Instances of the batched screening of one lemma search (the profile's)."""
        return PROFILES[self.profile].batch_instances

    @property
    def analytic_screen(self) -> int:
        """Instances a sampled analytic proof step screens before hypothesis (the profile's)."""
        return PROFILES[self.profile].analytic_screen

    @property
    def search_jobs(self) -> int:
        """Processes the batched screening is split across (joblib's n_jobs; the profile's)."""
        return PROFILES[self.profile].search_jobs

    @property
    def depth(self) -> str:
        """The sweep depth of the profile: "ci" or "thorough"."""
        return PROFILES[self.profile].sweep_depth

    def analytic_examples(self, integrates_flows: bool) -> int:
        """Examples of an analytic proof step: :attr:`examples`, divided by FLOW_COST for a step that
        integrates flows (rounded up)."""
        return -(-self.examples // FLOW_COST) if integrates_flows else self.examples

    def study_seed(self, default: int) -> int:
        """The seed of a study's random instances: ``default`` in the derandomized run, and otherwise a
        32-bit hash of (seed, default), so that each study draws its own stream."""
        if self.seed is None:
            return default
        digest = hashlib.sha256(f"lazycheck:{self.seed}:{default}".encode()).digest()
        return int.from_bytes(digest[:4], "little")

    def as_json(self) -> dict:
        return {"profile": self.profile, "seed": self.seed, "max_examples": self.examples, "sweep_depth": self.depth,
                "batch_instances": self.batch_instances}


def register_profiles() -> None:
    """Register the profiles as hypothesis settings profiles (``pytest --hypothesis-profile=NAME``)."""
    from hypothesis import HealthCheck, settings

    common = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.filter_too_much]}
    for profile in PROFILES.values():
        settings.register_profile(profile.name, max_examples=profile.property_examples,
                                  derandomize=profile.derandomize, print_blob=profile.name != "fast", **common)


def cache_home() -> Path:
    """lazycheck's cache directory: $LAZYCHECK_CACHE, else $XDG_CACHE_HOME/lazycheck, else ~/.cache/lazycheck.

    The compiled Coq trees live in its ``coq/`` subdirectory, hypothesis' storage of the command line in
    ``hypothesis/`` (so that a run never writes a ``.hypothesis/`` directory into the current directory).
    """
    if os.environ.get("LAZYCHECK_CACHE"):
        return Path(os.environ["LAZYCHECK_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "lazycheck"
