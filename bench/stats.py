"""Summaries of timings, in milliseconds."""

import math


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def summary(seconds: list[float]) -> dict:
    values = sorted(seconds)
    return {
        "n": len(values),
        "median_ms": round(percentile(values, 0.5) * 1000, 2),
        "p95_ms": round(percentile(values, 0.95) * 1000, 2),
        "max_ms": round(values[-1] * 1000, 2) if values else math.nan,
    }
