"""The proofs layer: the chain machinery (:mod:`.chain`), the check kinds (:mod:`.checks`), the chains of
each text (:mod:`.chizat_bach`, :mod:`.theorem_3_4`, :mod:`.smith`, :mod:`.smith_uniform`) and their catalog (:mod:`.catalog`).

:data:`PROOF_IDS` is plain data, so that the command line can list the proofs without loading them.
"""

#: The ids of the encoded proofs, in display order.
PROOF_IDS = ("chizat-bach/lemma-3.3", "chizat-bach/lemma-A.1", "chizat-bach/theorem-3.2", "chizat-bach/theorem-3.4",
             "smith/theorem-2.2",
             "smith/proposition-A.1", "smith/theorem-2.4", "smith/section-2-homogeneous-scaling")
