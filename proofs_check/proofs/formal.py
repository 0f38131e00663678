"""Which proof steps are machine-checked in Coq, and by which lemma: :data:`FORMALIZED`.

One table for the whole development, so that a reader sees at a glance what the Coq files cover. Each step maps to a
:class:`~proofs_check.proofs.coq.CoqCheck`: the lemma (a key of
:func:`~proofs_check.proofs.coq_lemmas.coq_lemmas`) and what it proves of the step: the step's statement, its
correction (the gap steps, whose text gives a wrong or no reason), or its negation at an admissible witness (the
errata whose content is real arithmetic). :func:`with_coq` attaches them to a chain.
"""

from __future__ import annotations

from dataclasses import replace

from proofs_check.proofs.chain import Proof
from proofs_check.proofs.coq import CoqCheck

_CORRECTED, _NEGATION = "corrected", "negation"

FORMALIZED: dict[str, dict[str, CoqCheck]] = {
    "chizat-bach/lemma-3.3": {
        "1": CoqCheck("l33_pl"),
        "2": CoqCheck("l33_dissipation_flow"),  # the chain rule (proved) composed with the flow
        "3": CoqCheck("l33_dissipation"),
        "5": CoqCheck("gronwall_decay"),
        "6": CoqCheck("l33_distance_lower"),
        "7": CoqCheck("l33_distance_upper"),
        "9": CoqCheck("l33_lemma_3_3_frechet"),  # the whole lemma, with the chain rule proved
    },
    "chizat-bach/lemma-A.1": {
        "5": CoqCheck("a1_dissipation"),
        "6": CoqCheck("a1_perturbation"),
        "7": CoqCheck("a1_energy_inequality"),
        "9": CoqCheck("stability_uniform"),
        "10": CoqCheck("a1_distance_of_energy"),
        "3": CoqCheck("a1_energy_chain_rule"),
        "11": CoqCheck("a1_lemma_a_1_frechet"),  # the whole lemma, with the energy chain rule proved
    },
    "chizat-bach/theorem-3.2": {
        "2": CoqCheck("c_weyl_floor"),
        "3": CoqCheck("c_kernel_quarter_floor"),
        "5": CoqCheck("c_velocity_bound"),
        "6": CoqCheck("c_df_norm_on_ball", _CORRECTED),
        "7": CoqCheck("err_prefactor", _NEGATION),
        "8": CoqCheck("c_displacement"),
        "9": CoqCheck("c_within_r0"),
        "10": CoqCheck("c_initial_gap"),
        "14": CoqCheck("c_t0_tail_integral"),
    },
    "chizat-bach/theorem-3.4": {
        "4": CoqCheck("c_eigen_interval"),
        "19": CoqCheck("c_stays_in_chart"),
    },
    "smith/theorem-2.2": {
        "1": CoqCheck("norm_integral_le"),
        "2": CoqCheck("integral_cauchy_schwarz"),
        "4b": CoqCheck("smith_displacement"),
        "7": CoqCheck("norm_integral_le", _CORRECTED),
        "8": CoqCheck("c_triangle_split"),
        "9": CoqCheck("c_delta_rate"),
        # Delta = ||alpha h(w) - alpha hbar(wbar)|| need not be differentiable where it vanishes (step 7): the
        # comparison is proved in its integral form, which is what the corrected steps 7 and 9 give.
        "10": CoqCheck("gronwall_integral"),
        "11": CoqCheck("gronwall_integral"),
        "13": CoqCheck("norm_integral_le", _CORRECTED),
        "14": CoqCheck("c_speed_gap"),
        "15": CoqCheck("delta_linear_bound"),  # ||w - wbar|| <= T B without differentiating the norm
        "16b": CoqCheck("smith_laziness"),  # with h(w0) = 0 the bound is (1/alpha) sqrt(T R(0)): O(1/alpha)
    },
    "smith/proposition-A.1": {
        "2": CoqCheck("taylor_identity", _CORRECTED),
        "3": CoqCheck("taylor_remainder"),
        "4": CoqCheck("c_linear_lipschitz"),
    },
    "smith/theorem-2.4": {
        "1": CoqCheck("c_gram_lipschitz"),
        "2": CoqCheck("err_reverse_triangle", _NEGATION),
        "3": CoqCheck("err_three_quarter_floor", _NEGATION),
        "5": CoqCheck("err_norm_equality", _NEGATION),
        "6": CoqCheck("c_df_norm_on_ball", _CORRECTED),
        "9": CoqCheck("c_within_r0"),
        "10": CoqCheck("c_initial_gap"),
        "11": CoqCheck("c_exp_rate_monotone"),
        "13": CoqCheck("c_kernel_drift"),
        "14": CoqCheck("c_stability_constant", _CORRECTED),
    },
    "smith/section-2-homogeneous-scaling": {
        "3": CoqCheck("time_change_flow_nonneg"),
    },
}


def with_coq(proof: Proof) -> Proof:
    """``proof`` with the Coq checks of :data:`FORMALIZED` attached to its steps."""
    table = FORMALIZED.get(proof.id, {})
    unknown = set(table) - {step.label for step in proof.steps}
    if unknown:
        raise KeyError(f"{proof.id} has no step {', '.join(sorted(unknown))} (FORMALIZED)")
    return replace(proof, steps=tuple(replace(step, coq=table.get(step.label)) for step in proof.steps))
