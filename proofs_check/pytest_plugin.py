"""pytest plugin (entry point ``pytest11``): registers lazycheck's hypothesis profiles.

With lazycheck installed, ``pytest --hypothesis-profile=fast|ci|thorough`` works in any
project; the profiles are the rows of :data:`proofs_check.settings.PROFILES`.
"""

from proofs_check.settings import register_profiles

register_profiles()
