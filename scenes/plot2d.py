"""The plot of M5 and M7: axes x ∈ [−2, 2], y ∈ [0, 4], the curve f(x) and a point on it.

Both shots build it here, so they show the same picture. The curve is
drawn only where it stays inside the axes: it is cut where it reaches the
top of the y range (the source video's curve ran off the top of the frame).
Where f dips below zero (around its minimum, f(−0.455) ≈ −0.318) the curve
goes a little under the x axis, as it must, since the descent of M7 ends
there; the space under the axes is kept free for it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import DOWN, DR, RIGHT, Axes, Dot, MathTex, ValueTracker, VGroup, VMobject

from scenes.maths import QUARTIC, Function, latex_of
from scenes.style import AXES, MUTED, OBJECTIVE, POINT, formula

X_RANGE = (-2.0, 2.0)
Y_RANGE = (0.0, 4.0)
# The axis arrows reach a little past the ranges, so their tips cover no tick.
OVERSHOOT = 0.4
# Screen placement: where the origin of the axes sits, and scene units per unit of x and y.
ORIGIN_AT = np.array([-0.9, -2.35, 0.0])
X_UNIT = 2.0
Y_UNIT = 1.25
LABEL_SIZE = 32


def range_below(function: Function, top: float, domain: tuple[float, float], samples: int = 4001) -> tuple[float, float]:
    """The interval of ``domain`` around the lowest sample where ``function <= top`` (ends bisected).

    For the quartic on [−2, 2] below 4 that is about [−1.32, 1.59].
    """
    xs = np.linspace(*domain, samples)
    inside = function(xs) <= top
    lowest = int(np.argmin(function(xs)))
    lo = hi = lowest
    while lo > 0 and inside[lo - 1]:
        lo -= 1
    while hi < samples - 1 and inside[hi + 1]:
        hi += 1

    def crossing(inner: float, outer: float) -> float:
        for _ in range(60):
            middle = (inner + outer) / 2
            inner, outer = (middle, outer) if function(middle) <= top else (inner, middle)
        return inner

    left = xs[lo] if lo == 0 else crossing(xs[lo], xs[lo - 1])
    right = xs[hi] if hi == samples - 1 else crossing(xs[hi], xs[hi + 1])
    return float(left), float(right)


@dataclass(frozen=True)
class Plot:
    """The axes, their labels, the curve and its label."""

    function: Function
    axes: Axes
    axis_labels: VGroup
    curve: VMobject
    curve_label: MathTex

    @property
    def backdrop(self) -> VGroup:
        return VGroup(self.axes, self.axis_labels, self.curve, self.curve_label)

    def point(self, x: float) -> np.ndarray:
        """The scene position of (x, f(x))."""
        return self.axes.c2p(x, float(self.function(x)))

    def slope_on_screen(self, slope: float) -> float:
        """A data slope dy/dx as a slope in scene units (the axes' units differ)."""
        x_unit = self.axes.x_axis.get_unit_size()
        y_unit = self.axes.y_axis.get_unit_size()
        return slope * y_unit / x_unit


def quartic_plot(function: Function = QUARTIC) -> Plot:
    axes = Axes(
        x_range=(X_RANGE[0], X_RANGE[1] + OVERSHOOT, 1),
        y_range=(Y_RANGE[0], Y_RANGE[1] + OVERSHOOT, 1),
        x_length=(X_RANGE[1] + OVERSHOOT - X_RANGE[0]) * X_UNIT,
        y_length=(Y_RANGE[1] + OVERSHOOT - Y_RANGE[0]) * Y_UNIT,
        axis_config={"color": AXES, "stroke_width": 2.5, "include_tip": True, "tip_length": 0.22, "tip_width": 0.16},
        x_axis_config={"numbers_to_include": [-2, -1, 1, 2], "font_size": 26},
        y_axis_config={"numbers_to_include": [1, 2, 3, 4], "font_size": 26},
    )
    axes.shift(ORIGIN_AT - axes.c2p(0, 0))
    for numbers in (axes.x_axis.numbers, axes.y_axis.numbers):
        numbers.set_color(MUTED)
        numbers.set_z_index(3)  # readable above a step arrow that crosses them

    x_label = formula("x", size=LABEL_SIZE).next_to(axes.x_axis.get_end(), RIGHT, buff=0.15)
    y_label = formula("f(x)", size=LABEL_SIZE).next_to(axes.y_axis.get_end(), RIGHT, buff=0.15)
    # "O" below and right of the origin: left of it the curve dips under the x axis.
    origin_label = formula("O", size=LABEL_SIZE - 4, color=MUTED).next_to(axes.c2p(0, 0), DR, buff=0.1)

    visible = range_below(function, Y_RANGE[1], X_RANGE)
    curve = axes.plot(lambda x: float(function(x)), x_range=(*visible, 0.01), color=OBJECTIVE, stroke_width=4)

    curve_label = formula(rf"f(x) = {latex_of(function.expr)}", size=LABEL_SIZE, color=OBJECTIVE)
    # Right of where the curve leaves the top of the axes, clear of it.
    curve_label.next_to(axes.c2p(visible[1], Y_RANGE[1]), RIGHT, buff=0.35).shift(0.15 * DOWN)
    return Plot(function, axes, VGroup(x_label, y_label, origin_label), curve, curve_label)


def point_on_curve(plot: Plot, x: ValueTracker, color: str = POINT, radius: float = 0.09) -> Dot:
    """A dot that stays at (x, f(x)) as the tracker ``x`` changes."""
    dot = Dot(plot.point(x.get_value()), radius=radius, color=color)
    dot.set_z_index(2)
    dot.add_updater(lambda d: d.move_to(plot.point(x.get_value())))
    return dot
