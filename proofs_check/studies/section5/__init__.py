"""chizat-bach Section 5 as figures: the protocols, the training runs, the claims on the plotted data, the
production of each panel's JSON and PNG, and the drawings. The committed full-protocol data lives in
``data/`` (package data, installed with lazycheck); ``data/quick/`` holds the --quick data."""
