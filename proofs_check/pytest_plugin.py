"""pytest plugin (entry point ``pytest11``): registers lazycheck's hypothesis profiles and loads a default one.

With lazycheck installed, ``pytest --hypothesis-profile=fast|ci|thorough`` works in any project; the profiles are
the rows of :data:`proofs_check.settings.PROFILES`. Without that option the plugin loads
:data:`~proofs_check.settings.PLUGIN_PROFILE` (``ci``: no deadline, 40 examples a property, derandomized), because
lazycheck's strategies draw flows whose single examples take longer than hypothesis' default 200 ms deadline. A
profile chosen by the project itself wins: the plugin loads nothing when a profile other than hypothesis' own
``default`` (or its built-in ``ci``) is already loaded, a profile a conftest loads replaces it, and
``--hypothesis-profile`` replaces both.
"""

from hypothesis import settings

from proofs_check.settings import PLUGIN_PROFILE, register_profiles

#: The profiles hypothesis loads by itself (``ci`` when it detects a CI environment), which the plugin replaces.
HYPOTHESIS_OWN_PROFILES = ("default", "ci")

register_profiles()
if settings.get_current_profile_name() in HYPOTHESIS_OWN_PROFILES:
    settings.load_profile(PLUGIN_PROFILE)
