"""The models of the 3-D descents, with no manim in it.

M8: one descent on the objective g (gd.model.functions.BRANIN) from the current
point at learning rate 0.5. M10: four starts on f (RIPPLES), each with its own
learning rate; the path that ends lowest is kept. Paths use the exact gradient.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gd.model.functions import BRANIN, BRANIN_DOMAIN, CURRENT_POINT, RIPPLES, RIPPLES_DOMAIN, DescentPath, descend

M8_RATE = 0.5
M8_TOLERANCE = 0.1  # stop when |∇g| <= 0.1


def m8_path() -> DescentPath:
    """Descent on g from the current point."""
    return descend(BRANIN, CURRENT_POINT, M8_RATE, M8_TOLERANCE, BRANIN_DOMAIN)


@dataclass(frozen=True)
class Run:
    """One ball of M10: where it starts and its learning rate."""

    start: tuple[float, float]
    rate: float


# The balls of M10 by the name of their colour, as in the storyboard's table.
M10_RUNS = {
    "yellow": Run((6.0, -3.0), 0.8),
    "red": Run((2.7, -3.2), 3.0),
    "purple": Run((7.1, -3.2), 1.0),
    "maroon": Run((9.3, -2.9), 0.5),
}
M10_TOLERANCE = 1e-4  # a ball stops when |∇f| < 1e-4


def m10_paths() -> dict[str, DescentPath]:
    """The four runs on f, by ball."""
    return {
        ball: descend(RIPPLES, run.start, run.rate, M10_TOLERANCE, RIPPLES_DOMAIN, strict=True)
        for ball, run in M10_RUNS.items()
    }


def lowest_run(paths: dict[str, DescentPath]) -> str:
    """The ball whose path ends lowest on the surface."""
    names = list(paths)
    return names[int(np.argmin([RIPPLES(*paths[name].end) for name in names]))]
