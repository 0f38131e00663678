"""``lazycheck figures``: run the protocols, write NAME.json and NAME.png per panel, measure the FLOP rate.

Each JSON record holds the plotted data, the protocol's sizes and seed, the dtype, the run time and
the main loop's FLOP rate against this machine's float32 matrix-multiply peak, measured in the same
run (:func:`matmul_peak`).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np

from proofs_check.progress import ProgressBar
from proofs_check.studies.section5.experiments import DTYPE, RUNNERS, jsonable
from proofs_check.studies.section5.plots import plot
from proofs_check.studies.section5.protocols import (PANELS, PROTOCOLS, PRODUCES, SWEPT_PROTOCOL, reduction,
                                                     sweep_protocols, units_of_work)


def matmul_peak(size: int = 2048, repeats: int = 3) -> float:
    """This machine's numpy float32 matrix-multiply rate in FLOP/s (best of ``repeats`` size x size products)."""
    rng = np.random.default_rng(0)
    left, right = rng.standard_normal((size, size)).astype(DTYPE), rng.standard_normal((size, size)).astype(DTYPE)
    left @ right
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        left @ right
        best = min(best, time.perf_counter() - start)
    return 2 * size**3 / best


def produce(names, *, quick: bool, out: Path, log, protocols: dict | None = None) -> dict:
    """Run the protocols behind the panels ``names`` (default sizes: PROTOCOLS at the chosen depth); write
    NAME.json and NAME.png for each into ``out``; return {panel: record}."""
    protocols = PROTOCOLS if protocols is None else protocols
    out.mkdir(parents=True, exist_ok=True)
    peak = matmul_peak()
    print(f"numpy {np.dtype(DTYPE).name} matrix-multiply peak: {peak / 1e9:.1f} GFLOP/s", file=log, flush=True)
    produced, depth = {}, "quick" if quick else "full"
    for protocol_name, protocol in protocols.items():
        panels = [p for p in PRODUCES[protocol_name] if p in names]
        if not panels:
            continue
        if quick:
            print(f"[{protocol_name}] quick: {reduction(protocol_name)}", file=log, flush=True)
        bar = ProgressBar(f"[{protocol_name}]", units_of_work(protocol_name, protocol[depth]), log)
        data = RUNNERS[protocol_name](protocol[depth], seed=protocol["seed"], bar=bar)
        seconds = bar.close()
        for panel in panels:
            produced[panel] = _write(panel, out, {
                "panel": panel, "protocol": depth, "parameters": protocol[depth], "seed": protocol["seed"],
                "dtype": np.dtype(DTYPE).name, "seconds_total": seconds, "matmul_peak_flops": peak,
                "data": data[panel]}, peak)
            print(f"[{panel}] wrote {out / panel}.json and .png ({seconds:.1f} s){_rate_line(produced[panel])}",
                  file=log, flush=True)
    return produced


def produce_sweep(panel: str, *, out: Path, log) -> dict:
    """Run every protocol of the sweep of ``panel`` (:data:`~.protocols.SWEEPS`) and write ``PANEL-sweep.json``:
    {"panel", "seed", "runs": [{"label", "parameters", "seconds", "data"}]}. Returns that record."""
    name = SWEPT_PROTOCOL[panel]
    out.mkdir(parents=True, exist_ok=True)
    runs = []
    for label, sizes in sweep_protocols(panel):
        bar = ProgressBar(f"[{panel} sweep: {label}]", units_of_work(name, sizes), log)
        data = RUNNERS[name](sizes, seed=PROTOCOLS[name]["seed"], bar=bar)
        runs.append({"label": label, "parameters": sizes, "seconds": bar.close(), "data": data[panel]})
    record = jsonable({"panel": panel, "seed": PROTOCOLS[name]["seed"], "dtype": np.dtype(DTYPE).name, "runs": runs})
    (out / f"{panel}-sweep.json").write_text(json.dumps(record, sort_keys=True, separators=(",", ":")))
    print(f"[{panel}] wrote {out / panel}-sweep.json ({len(runs)} protocols)", file=log, flush=True)
    return record


def replot(directory: Path) -> list[Path]:
    """Redraw NAME.png from NAME.json for every panel record in ``directory`` (no training); return the PNGs written.

    For a change of the drawings (:mod:`.plots`) alone: the records, and so the data, stay as they are."""
    written = []
    for panel in PANELS:
        source = directory / f"{panel}.json"
        if source.exists():
            plot(panel, json.loads(source.read_text()), directory / f"{panel}.png")
            written.append(directory / f"{panel}.png")
    return written


def _write(panel: str, out: Path, record: dict, peak: float) -> dict:
    record = jsonable(record)
    record["efficiency"] = _efficiency(record["data"], peak)
    (out / f"{panel}.json").write_text(json.dumps(record, sort_keys=True, separators=(",", ":")))
    plot(panel, record, out / f"{panel}.png")
    return record


def _efficiency(data, peak: float) -> dict | None:
    """The main loop's achieved FLOP rate against the matrix-multiply peak (panels with a timed loop)."""
    if not isinstance(data, dict) or "flops" not in data or not data.get("seconds"):
        return None
    rate = data["flops"] / data["seconds"]
    return {"flops_per_second": rate, "fraction_of_peak": rate / peak}


def _rate_line(record: dict) -> str:
    efficiency = record.get("efficiency")
    if not efficiency:
        return ""
    return (f"; main loop {efficiency['flops_per_second'] / 1e9:.1f} GFLOP/s = "
            f"{efficiency['fraction_of_peak']:.0%} of peak")
