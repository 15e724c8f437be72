"""Benchmark helpers: the machine, percentiles, results.json and LATEST.md."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import os
import platform
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
LATEST = HERE / "LATEST.md"


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram_gib = None
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gib = round(int(line.split()[1]) / 1024 / 1024, 1)
    import PySide6
    from PySide6.QtCore import qVersion

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gib": ram_gib,
        "os": platform.platform(),
        "python": platform.python_version(),
        "qt": qVersion(),
        "pyside6": PySide6.__version__,
        "sqlite": sqlite3.sqlite_version,
    }


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (p95 of 20 samples is the 19th smallest)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def summary_ms(samples_s: Sequence[float]) -> dict[str, float]:
    """p50, p95, max and count of timings given in seconds, as milliseconds."""
    ms = [s * 1000 for s in samples_s]
    return {
        "n": len(ms),
        "p50_ms": round(statistics.median(ms), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "max_ms": round(max(ms), 2),
    }


def timed(action: Callable[[], object]) -> float:
    """Seconds one call of `action` took."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


@dataclass
class Figure:
    """One line of a benchmark's table: a measured value and, maybe, its budget."""

    name: str
    value: float
    unit: str
    budget: float | None = None  # the value must stay at or under it
    detail: str = ""
    headline: bool = False  # shown in LATEST.md's summary (budgeted figures always are)

    @property
    def ok(self) -> bool | None:
        return None if self.budget is None else self.value <= self.budget

    def line(self) -> str:
        verdict = {None: "", True: "  OK", False: "  OVER BUDGET"}[self.ok]
        limit = f"  (budget <= {self.budget:g} {self.unit})" if self.budget is not None else ""
        extra = f"  [{self.detail}]" if self.detail else ""
        return f"  {self.name:<52} {self.value:>10.2f} {self.unit:<4}{limit}{verdict}{extra}"


@dataclass
class Report:
    """A benchmark's figures: printed as a table, appended to results.json."""

    benchmark: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)
    failure: str = ""  # set when the benchmark could not measure (the app crashed, say)

    def add(self, name: str, value: float, unit: str = "ms", **kwargs: Any) -> Figure:
        figure = Figure(name, round(value, 2), unit, **kwargs)
        self.figures.append(figure)
        return figure

    def print(self) -> None:
        print(f"\n== {self.title} ==")
        if self.failure:
            print(f"  FAILED: {self.failure}")
        for figure in self.figures:
            print(figure.line())

    def fail(self, why: str) -> None:
        """Record that this benchmark could not measure, and why."""
        self.failure = why

    def over_budget(self) -> list[Figure]:
        return [f for f in self.figures if f.ok is False]

    def record(self) -> dict[str, Any]:
        return {
            "benchmark": self.benchmark,
            "title": self.title,
            "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "machine": machine(),
            "figures": [
                {"name": f.name, "value": f.value, "unit": f.unit, "budget": f.budget,
                 "ok": f.ok, "detail": f.detail,
                 "headline": f.headline or f.budget is not None}
                for f in self.figures
            ],
            "raw": self.raw,
            "failure": self.failure,
        }  # fmt: skip


def append_result(record: dict[str, Any], path: Path = RESULTS) -> None:
    """Add one benchmark's record to the history in results.json (a JSON list)."""
    history: list[dict[str, Any]] = []
    if path.exists():
        try:
            history = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            # Never lose old figures to a half-written file: keep it aside, start again.
            path.rename(path.with_suffix(f".broken-{int(time.time())}.json"))
    history.append(record)
    scratch = path.with_suffix(".json.tmp")
    scratch.write_text(json.dumps(history, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    scratch.replace(path)


def write_latest(records: Iterable[dict[str, Any]], path: Path = LATEST) -> None:
    """LATEST.md: the figures of the latest run of each benchmark, on this machine."""
    latest: dict[str, dict[str, Any]] = {}
    for record in records:
        latest[record["benchmark"]] = record
    if not latest:
        return
    box = next(iter(latest.values()))["machine"]
    lines = [
        "# Benchmark figures (latest run)",
        "",
        "Written by `make bench` (tests/bench); tests/bench/README.md says what each figure",
        "measures. The journal: demo.LARGE (20,000 contacts, 200,000 interactions, 30 groups,",
        "10 years).",
        "",
        f"Machine: {box['cpu']}, {box['cores']} cores, {box['ram_gib']} GiB RAM, {box['os']}; "
        f"Python {box['python']}, Qt {box['qt']} (PySide6 {box['pyside6']}), "
        f"SQLite {box['sqlite']}.",
        "",
    ]
    header = [
        "| benchmark | figure | value | budget | verdict |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    summary: list[str] = []
    details: list[str] = []
    for record in latest.values():
        title = record["title"]
        used = record["machine"]
        if (used["qt"], used["pyside6"]) != (box["qt"], box["pyside6"]):
            title += f" (PySide6 {used['pyside6']}, Qt {used['qt']})"
        if record.get("failure"):
            failure = record["failure"].replace("|", "/")
            summary.append(f"| {title} | could not measure: {failure} | | | **failed** |")
        for fig in record["figures"]:
            budget = f"<= {fig['budget']:g} {fig['unit']}" if fig["budget"] is not None else ""
            verdict = {None: "", True: "ok", False: "**over budget**"}[fig["ok"]]
            name = " ".join(fig["name"].split())
            row = f"| {title} | {name} | {fig['value']:.2f} {fig['unit']} | {budget} | {verdict} |"
            (summary if fig.get("headline") else details).append(row)
    lines += ["## Summary", "", *header, *summary, ""]
    if details:
        lines += ["## Details", "", *header, *details, ""]
    dates = sorted({r["date"][:10] for r in latest.values()})
    lines += [f"Measured on {', '.join(dates)}.", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
