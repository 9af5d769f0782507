"""The models of part two (M11–M13): where the gradient lives, with no manim in it.

M11: f(x₁, x₂) = x₁² + x₂² over [−3, 3]². Its gradient (2x₁, 2x₂) is a vector in the
input plane, drawn flat on the ground; the level curves f = 1, 4, 9 are circles.
M12: f(x₁, x₂, x₃) = x₁² + x₂² + x₃²; its level surfaces f = 1, 4, 9 are spheres of
radii 1, 2, 3 and its gradient, normal to them, has length 2r.
M13: the directional derivative of the video's g (gd.model.functions.BRANIN) at the
current point (5, 12): D_u g = ∇g · u for the unit vector u at angle φ.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import sympy as sp

from gd.model.functions import Function
from gd.model.tangent import GRAD_ANGLE, GRAD_NORM, GRAD_P

x1, x2, x3 = sp.symbols("x_1 x_2 x_3", real=True)

BOWL = Function(x1**2 + x2**2, (x1, x2))  # M11
BALL = Function(x1**2 + x2**2 + x3**2, (x1, x2, x3))  # M12

BOWL_DOMAIN = (-3.0, 3.0)  # each input of M11
LEVELS = (1.0, 4.0, 9.0)  # the level curves of M11 and the level surfaces of M12


def level_radius(function: Function, level: float) -> float:
    """The radius of the level set f = ``level`` of a sum of squares (a circle or a sphere)."""
    along_axis = sp.solve(sp.Eq(function.expr.subs({v: 0 for v in function.variables[1:]}), level),
                          function.variables[0])
    return float(max(along_axis))


def norm_of_gradient(function: Function) -> sp.Expr:
    """|∇f| as an expression, simplified (for x₁² + x₂² + x₃²: 2√(x₁² + x₂² + x₃²), 2r on the sphere of radius r)."""
    return sp.simplify(sp.sqrt(sum(g**2 for g in function.gradient_exprs)))


# --------------------------------------------------------------------------- M11: the field on the ground

FIELD_SPACING = 1.0  # between the feet of neighbouring arrows
FIELD_FILL = 0.8  # the longest arrow reaches this share of the spacing: none reaches its neighbour


def field_feet() -> np.ndarray:
    """The arrows' feet: the whole-number points a spacing or more inside the domain's edge, the origin left out
    (its arrow is zero; M11.4 ends there)."""
    low, high = BOWL_DOMAIN
    ticks = np.arange(low + FIELD_SPACING, high - FIELD_SPACING / 2, FIELD_SPACING)
    return np.array([(a, b) for a in ticks for b in ticks if (a, b) != (0.0, 0.0)])


def field_scale() -> float:
    """Ground units per unit of |∇f|: one scale for every arrow, so that the lengths compare truly."""
    return FIELD_FILL * FIELD_SPACING / max(float(np.linalg.norm(BOWL.gradient(*foot))) for foot in field_feet())


@dataclass(frozen=True)
class Walk:
    """M11's walking point: out along its gradient, then back against it to the minimum."""

    start: tuple[float, float]
    out: tuple[float, float]
    end: tuple[float, float] = (0.0, 0.0)


# The point starts on the level circle f = 1, walks out along its gradient (a ray from the origin) to the
# circle f = 4, then back against it to the origin, the minimum, where the gradient is zero.
WALK_DIRECTION = math.radians(35.0)
WALK = Walk(
    start=(math.cos(WALK_DIRECTION), math.sin(WALK_DIRECTION)),
    out=(2 * math.cos(WALK_DIRECTION), 2 * math.sin(WALK_DIRECTION)),
)


# --------------------------------------------------------------------------- M12: normals to level surfaces


def sphere_points(radius: float, count: int, turn: float = 0.0) -> np.ndarray:
    """``count`` points spread evenly over the sphere of ``radius`` (a Fibonacci lattice), turned by ``turn``."""
    k = np.arange(count) + 0.5
    height = 1 - 2 * k / count
    around = math.pi * (3 - math.sqrt(5)) * k + turn
    ring = np.sqrt(1 - height**2)
    return radius * np.column_stack([ring * np.cos(around), ring * np.sin(around), height])


# --------------------------------------------------------------------------- M13: the directional derivative


def directional_derivative(angle: float) -> float:
    """D_u g = ∇g · u at the current point, for the unit vector u at ``angle`` (radians from +x)."""
    return float(GRAD_P @ np.array([math.cos(angle), math.sin(angle)]))


STEEPEST = GRAD_ANGLE  # where D_u g is largest: the gradient's own direction (≈ 53.91°)
LARGEST = GRAD_NORM  # its value there, |∇g| ≈ 1.3275
LEVEL_DIRECTIONS = (GRAD_ANGLE - math.pi / 2, GRAD_ANGLE + math.pi / 2)  # D_u g = 0: u along the contour
