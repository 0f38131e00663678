"""proofs_check: joins the symbolic derivations and the numeric dynamics into checked claims.

A one-way stack of layers, each importing only from the layers below it (and from symbolic/ and
numeric/):

``settings``, ``results`` < ``search`` < ``studies`` < ``proofs`` < ``ledger`` < ``report`` < ``cli``

- :mod:`.settings`: the profile table, tolerances and the run configuration; :mod:`.results`: the one
  result type of every check;
- :mod:`.search`: the search engine, the lemma properties, the adversarial claim searches, what-if;
- :mod:`.studies`: one module per measured result;
- :mod:`.proofs`: the chain machinery, the check kinds and the chains of each text;
- :mod:`.ledger`: the entries of both texts, the decision rule, the runner;
- :mod:`.report`: the renderers and the teaching notes;
- :mod:`.cli`: the ``lazycheck`` command, one module per command.
"""
