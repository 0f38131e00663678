"""The report layer: Markdown and LaTeX helpers, the renderers of derivations, proofs and the verify report,
and the teaching notes."""
