"""The search layer: the engine (hypothesis searches, isolated from local constants), the lemma
properties, the adversarial claim searches of ``lazycheck verify``, and what-if."""
