"""Which note covers what: :data:`NOTES`, one :class:`Note` per file of ``notes/`` (every ledger entry and every
derivation is in exactly one note)."""

from __future__ import annotations

from dataclasses import dataclass

from proofs_check.ledger import chizat_bach_remarks, smith_remarks
from symbolic import remarks_chizat_bach, remarks_smith


def _ids(module) -> tuple[str, ...]:
    """The ids of a ledger module's entries."""
    return tuple(entry.id for entry in module.entries())


def _names(module) -> tuple[str, ...]:
    """The names of a symbolic module's derivations."""
    return tuple(builder.__name__ for builder in module.BUILDERS)


@dataclass(frozen=True)
class Note:
    """One note: its file, its title, and what it covers (ledger id globs, proof ids, derivations, figures)."""

    file: str
    title: str
    entries: tuple[str, ...]
    proofs: tuple[str, ...] = ()
    derivations: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()


NOTES: tuple[Note, ...] = (
    Note("lemma-3.3.md", "Lemma 3.3 (chizat-bach) and Lemma B.1 (smith)",
         ("chizat-bach/lemma-3.3", "smith/lemma-B.1"), ("chizat-bach/lemma-3.3",),
         ("lemma_3_3_bound", "gronwall_decay")),
    Note("lemma-A.1.md", "Lemma A.1 (chizat-bach) and Lemma B.2 (smith)",
         ("chizat-bach/lemma-A.1", "smith/lemma-B.2", "lazycheck/stability-time-dependent"),
         ("chizat-bach/lemma-A.1",), ("stability_bound", "stability_bound_time_dependent")),
    Note("theorem-3.2.md", "Theorem 3.2 (chizat-bach) and Theorem 2.4 (smith)",
         ("chizat-bach/eq-5-scaled-objective", "chizat-bach/eq-6-gradient-flow", "chizat-bach/tangent-flow-laziness",
          "chizat-bach/theorem-3.2*", "smith/theorem-2.4", "smith/theorem-2.4/convergence", "smith/theorem-2.4/constant-C0",
          "smith/theorem-2.4/laziness", "smith/theorem-2.4/prediction-gap", "smith/theorem-2.4/parameter-gap",
          "lazycheck/doubling-*", "lazycheck/trajectory-floor", "lazycheck/c0-growth-three-halves",
          "chizat-bach/section-5-figure-1*", "chizat-bach/section-5-lazy-*", "chizat-bach/section-5-figure-5*"),
         ("chizat-bach/theorem-3.2", "smith/theorem-2.4"),
         ("objective_gradient", "predictor_ode", "r0", "c0", "kernel_floor", "displacement_radius",
          "alpha_threshold", "t0", "lazy_convergence_bound", "trajectory_floor", "c0_sharp_growth"),
         ("figure-1a", "figure-1b", "figure-1c", "figure-5")),
    Note("theorem-2.2.md", "Theorem 2.2 (smith)", ("smith/theorem-2.2*",), ("smith/theorem-2.2",),
         ("energy_bound", "lip_sigma", "gronwall_linear")),
    Note("proposition-A.1.md", "Proposition A.1 (smith)", ("smith/proposition-A.1*",), ("smith/proposition-A.1",),
         ("held_out_bound",)),
    Note("theorem-3.4.md", "Theorem 3.4 (chizat-bach) and its proof (Appendix B)",
         ("chizat-bach/theorem-3.4*", "chizat-bach/section-5-figure-6b*"), ("chizat-bach/theorem-3.4",),
         figures=("figure-6b",)),
    Note("remarks-chizat-bach.md", "chizat-bach's remarks (Sections 1 to 4)", _ids(chizat_bach_remarks),
         derivations=_names(remarks_chizat_bach)),
    Note("remarks-smith.md", "smith's remarks (Sections 1 to 4)", _ids(smith_remarks),
         derivations=_names(remarks_smith)),
    Note("kernels-and-scaling.md", "Tangent kernels and scaling (chizat-bach Sections 2 and 4, smith Sections 2 and 4)",
         ("chizat-bach/eq-2-tangent-model", "chizat-bach/eq-3-tangent-kernel", "chizat-bach/tangent-kernel-*",
          "chizat-bach/eq-4-relu-kernel", "chizat-bach/random-feature-*", "chizat-bach/eq-7-criterion",
          "chizat-bach/section-4.2.1-homogeneous", "chizat-bach/section-4.2.1-initialization-scale",
          "chizat-bach/section-4.2.2-wide-networks", "chizat-bach/section-4.2.2-mean-field",
          "chizat-bach/section-5-figure-6a*", "smith/section-2-homogeneous-scaling", "lazycheck/homogeneous-*",
          "smith/section-3.1-initialization-scale", "smith/section-4-woodworth-*", "smith/section-4-sparse-*"),
         ("smith/section-2-homogeneous-scaling",),
         ("tangent_ode", "relu_kernel_a", "relu_kernel_b", "criterion_homogeneity", "homogeneous_time_change"),
         ("figure-4", "figure-6a")),
)
