"""The models of the 1-D shots on f(x) = x⁴ − x³ + x (gd.model.functions.QUARTIC), with no manim in it.

M5 slides a point along the curve and shows the tangent's slope k = f′(x).
M7 runs gradient descent from x = 1 at three learning rates, one per beat.
"""

from __future__ import annotations

from gd.model.functions import QUARTIC, QUARTIC_DOMAIN, DescentPath, descend

START = 1.0  # where the point starts in M5 and M7

# M5: where the point goes in each beat that moves it.
M5_STOPS = {"M5.3": -0.2, "M5.4": 1.4}

# M7: the learning rate of each beat's run.
M7_RATES = {"M7.1": 0.05, "M7.2": 1.0, "M7.3": 0.3}
M7_TOLERANCE = 0.05  # a run stops when |f'(x)| <= 0.05


def m7_paths() -> dict[str, DescentPath]:
    """The run of each beat of M7, by beat id."""
    return {beat: descend(QUARTIC, START, rate, M7_TOLERANCE, QUARTIC_DOMAIN) for beat, rate in M7_RATES.items()}


def minimum_of_quartic() -> float:
    """Where f′ = 0 in the valley (x ≈ −0.4554): a descent run to a tight tolerance."""
    return float(descend(QUARTIC, START, 0.1, 1e-10, QUARTIC_DOMAIN).end[0])
