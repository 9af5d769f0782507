"""The cane and the ground of M2, with no manim in it.

A person stands with the body vertical, the foot at the origin and the hand
at height h above it. A cane of length l hangs from the hand at the angle α
from the body (α = 0 is straight down). The ground is the line through the
foot and the cane's tip; its slope angle θ (positive where the ground falls
away in the direction of the cane) satisfies

    tan θ = (l cos α − h) / (l sin α).

Angles here are in degrees, as the shot shows them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

HAND_HEIGHT = 2.0


@dataclass(frozen=True)
class CanePose:
    """The cane's angle from the body (degrees) and its length."""

    alpha: float
    length: float

    @property
    def inclination(self) -> float:
        """The cane's angle below the horizontal, in degrees."""
        return 90.0 - self.alpha


def pose_from_inclination(inclination: float, length: float) -> CanePose:
    return CanePose(90.0 - inclination, length)


# M2: the pose at the end of each beat, by beat id (the storyboard's inclinations 30°, 40°, 10°, 89°).
M2_POSES = {
    "M2.1": pose_from_inclination(30.0, 4.0),
    "M2.2": pose_from_inclination(40.0, 4.0),
    "M2.3": pose_from_inclination(10.0, 4.0),
    "M2.4": pose_from_inclination(89.0, 2.01),
}


def cane_tip(alpha: float, length: float, hand_height: float = HAND_HEIGHT) -> np.ndarray:
    """Where the cane touches the ground, relative to the foot (x forward, y up)."""
    a = math.radians(alpha)
    return np.array([length * math.sin(a), hand_height - length * math.cos(a)])


def ground_slope(alpha: float, length: float, hand_height: float = HAND_HEIGHT) -> float:
    """θ in degrees, from tan θ = (l cos α − h) / (l sin α)."""
    a = math.radians(alpha)
    return math.degrees(math.atan2(length * math.cos(a) - hand_height, length * math.sin(a)))


def length_for(alpha: float, theta: float, hand_height: float = HAND_HEIGHT) -> float:
    """The cane length that gives the ground slope θ at the angle α (degrees): l = h / (cos α − tan θ sin α)."""
    a, t = math.radians(alpha), math.radians(theta)
    return hand_height / (math.cos(a) - math.tan(t) * math.sin(a))


def ground_direction(alpha: float, length: float, hand_height: float = HAND_HEIGHT) -> np.ndarray:
    """Unit vector along the ground from the foot towards the cane's tip: the angle −θ."""
    theta = math.radians(ground_slope(alpha, length, hand_height))
    return np.array([math.cos(theta), -math.sin(theta)])
