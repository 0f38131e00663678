"""pytest plugin (entry point ``pytest11``): registers lazycheck's hypothesis profiles.

With lazycheck installed, ``pytest --hypothesis-profile=fast|ci|thorough`` works in any
project; see :mod:`numeric.profiles`.
"""

import numeric.profiles  # noqa: F401  (registration happens on import)
