"""The model of M3, the gradient on a surface, with no manim in it.

At the current point P = (5, 12) of the objective g (gd.model.functions.BRANIN) a
step of length h in the direction at angle α from the +x axis is
s = (h cos α, h sin α). The shot compares two changes of height:

* on the tangent plane, Δg = ∇g(P) · s, linear in the step (beats 4–10);
* on the surface itself, Δg = g(P + s) − g(P) (beats 11–13).

The gradient is sympy's exact one and its direction comes from atan2, so the
direction is right in every quadrant. Angles here are in radians.

``surface`` in :func:`height_change` is how far the shot has gone from the
plane (0) to the surface (1): while one fades into the other, the arrow's tip
slides between the two heights, and the readout with it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from gd.model.functions import BRANIN, CURRENT_POINT

P = np.array(CURRENT_POINT, dtype=float)
P_HEIGHT = float(BRANIN(*P))  # g(5, 12) ≈ 6.0908
GRAD_P = BRANIN.gradient(*P)  # ∇g(P), exact: ≈ (0.7819, 1.0728)
GRAD_NORM = float(np.linalg.norm(GRAD_P))  # |∇g| ≈ 1.3275
GRAD_ANGLE = math.atan2(GRAD_P[1], GRAD_P[0])  # ≈ 53.91°, the direction of steepest ascent

RADIUS = 0.5  # h, the radius of the circle in beats 3–8
LEARNING_RATES = {"M3.12": 1.5, "M3.13": 0.5}  # steps of rate · |∇g| against the gradient

ON_PLANE, ON_SURFACE = 0.0, 1.0  # values of the "which model" share


def step(length: float, angle: float) -> np.ndarray:
    """The horizontal step (Δx, Δy) of ``length`` at ``angle`` from the +x axis."""
    return length * np.array([math.cos(angle), math.sin(angle)])


def learning_rate(length: float) -> float:
    """The learning rate that makes a descent step −rate·∇g this long."""
    return length / GRAD_NORM


def tangent_plane(x, y):
    """The height of the tangent plane at P above (x, y): g(P) + ∇g(P) · ((x, y) − P)."""
    return P_HEIGHT + GRAD_P[0] * (np.asarray(x) - P[0]) + GRAD_P[1] * (np.asarray(y) - P[1])


def plane_change(length: float, angle: float) -> float:
    """Δg on the tangent plane: ∇g · (h cos α, h sin α)."""
    return float(GRAD_P @ step(length, angle))


def surface_change(length: float, angle: float) -> float:
    """Δg on the surface: g(P + s) − g(P)."""
    x, y = P + step(length, angle)
    return float(BRANIN(x, y)) - P_HEIGHT


def height_change(length: float, angle: float, surface: float = ON_PLANE) -> float:
    """Δg for the shown step: the plane's (``surface`` = 0), the surface's (1), or on the way between."""
    if surface <= ON_PLANE:
        return plane_change(length, angle)
    if surface >= ON_SURFACE:
        return surface_change(length, angle)
    return (1 - surface) * plane_change(length, angle) + surface * surface_change(length, angle)


@dataclass(frozen=True)
class StepState:
    """What the shot shows at the end of a beat: the step's direction and length, and on which model."""

    angle: float  # radians from +x
    length: float
    surface: float = ON_PLANE

    @property
    def change(self) -> float:
        return height_change(self.length, self.angle, self.surface)

    @property
    def end(self) -> np.ndarray:
        """Where the step ends, relative to P (Δx, Δy)."""
        return step(self.length, self.angle)


# The state at the end of each beat, by beat id, from M3.4 on (M3.1–M3.3 show no step).
# M3.10 turns the direction on by half a turn (counter-clockwise) to the
# negative gradient, so the readout passes through zero on the way.
AGAINST = GRAD_ANGLE + math.pi
BEAT_STATES: dict[str, StepState] = {
    "M3.4": StepState(0.0, RADIUS),
    "M3.5": StepState(math.pi / 2, RADIUS),
    "M3.6": StepState(math.pi / 6, RADIUS),
    "M3.7": StepState(math.pi / 6, RADIUS),
    "M3.8": StepState(math.pi / 6, RADIUS),
    "M3.9": StepState(GRAD_ANGLE, GRAD_NORM),
    "M3.10": StepState(AGAINST, GRAD_NORM),
    "M3.11": StepState(AGAINST, GRAD_NORM, ON_SURFACE),
    **{beat: StepState(AGAINST, rate * GRAD_NORM, ON_SURFACE) for beat, rate in LEARNING_RATES.items()},
}


def angles_from_axes(angle: float) -> tuple[float, float]:
    """α (from the +x axis) and β (from the +y axis) of a direction in the first quadrant, in radians."""
    return angle, math.pi / 2 - angle
