"""Named hypothesis settings profiles: ``fast``, ``ci`` and ``thorough``.

Registered on import (the ``lazycheck`` pytest plugin imports this module), so that
``pytest --hypothesis-profile=thorough`` works in any project that installs lazycheck.

- ``fast``: a smoke test, 10 examples;
- ``ci``: the default of lazycheck's own suite, 40 examples, derandomized so that a CI
  run is reproducible;
- ``thorough``: the deep adversarial search, 1500 examples.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

#: Examples per property in each profile.
PROFILE_EXAMPLES = {"fast": 10, "ci": 40, "thorough": 1500}

_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.filter_too_much]}

settings.register_profile("fast", max_examples=PROFILE_EXAMPLES["fast"], **_COMMON)
settings.register_profile("ci", max_examples=PROFILE_EXAMPLES["ci"], derandomize=True, print_blob=True, **_COMMON)
settings.register_profile("thorough", max_examples=PROFILE_EXAMPLES["thorough"], print_blob=True, **_COMMON)
