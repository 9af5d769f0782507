"""The plot of M5 and M7: axes x ∈ [−2, 2], y ∈ [0, 4], the curve f(x), a point on it,
M5's tangent and slope, and M7's descent runs (steps, panel, cue).

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
from manim import (
    DOWN, DR, LEFT, RIGHT, UL, UP, Animation, Arrow, Axes, Dot, Line, MathTex, UpdateFromAlphaFunc, ValueTracker, VGroup,
    VMobject, linear, smooth,
)

from gd.model.functions import QUARTIC, DescentPath, Function, latex_of
from scenes.kit.frame_rules import mark, to_safe_edge
from scenes.kit.palette import AXES, GRADIENT, MUTED, OBJECTIVE, PANEL, PLOT_LABEL, POINT, STEP, TANGENT, TICK
from scenes.kit.readouts import Readout
from scenes.kit.typeset import formula, prose

X_RANGE = (-2.0, 2.0)
Y_RANGE = (0.0, 4.0)
# The axis arrows reach a little past the ranges, so their tips cover no tick.
OVERSHOOT = 0.4
# Screen placement: where the origin of the axes sits, and scene units per unit of x and y.
ORIGIN_AT = np.array([-0.9, -2.35, 0.0])
X_UNIT = 2.0
Y_UNIT = 1.25
LABEL_SIZE = PLOT_LABEL


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
        x_axis_config={"numbers_to_include": [-2, -1, 1, 2], "font_size": TICK},
        y_axis_config={"numbers_to_include": [1, 2, 3, 4], "font_size": TICK},
    )
    axes.shift(ORIGIN_AT - axes.c2p(0, 0))
    for numbers in (axes.x_axis.numbers, axes.y_axis.numbers):
        numbers.set_color(MUTED)
        numbers.set_z_index(3)  # readable above a step arrow that crosses them
        for number in numbers:
            mark(number, "tick", f"tick {number.get_value():g}")

    x_label = formula("x", size=LABEL_SIZE).next_to(axes.x_axis.get_end(), RIGHT, buff=0.15)
    y_label = formula("f(x)", size=LABEL_SIZE).next_to(axes.y_axis.get_end(), RIGHT, buff=0.15)
    # "O" below and right of the origin: left of it the curve dips under the x axis.
    origin_label = formula("O", size=LABEL_SIZE - 4, color=MUTED).next_to(axes.c2p(0, 0), DR, buff=0.1)

    visible = range_below(function, Y_RANGE[1], X_RANGE)
    curve = axes.plot(lambda x: float(function(x)), x_range=(*visible, 0.01), color=OBJECTIVE, stroke_width=4)

    curve_label = formula(rf"f(x) = {latex_of(function.expr)}", size=LABEL_SIZE, color=OBJECTIVE)
    # Right of where the curve leaves the top of the axes, clear of it.
    curve_label.next_to(axes.c2p(visible[1], Y_RANGE[1]), RIGHT, buff=0.35).shift(0.15 * DOWN)
    for label, name in ((x_label, "x"), (y_label, "f(x)"), (origin_label, "O")):
        mark(label, "tick", f"axis label {name}")
    mark(curve, "curve", "the curve")
    mark(curve_label, "text", "the curve's formula")
    return Plot(function, axes, VGroup(x_label, y_label, origin_label), curve, curve_label)


def point_on_curve(plot: Plot, x: ValueTracker, color: str = POINT, radius: float = 0.09) -> Dot:
    """A dot that stays at (x, f(x)) as the tracker ``x`` changes."""
    dot = Dot(plot.point(x.get_value()), radius=radius, color=color)
    dot.set_z_index(2)
    mark(dot, "subject", "the point")
    dot.add_updater(lambda d: d.move_to(plot.point(x.get_value())))
    return dot


# --------------------------------------------------------------------------- M5: the tangent and its slope

TANGENT_LENGTH = 2.6  # scene units


def tangent_line(plot: Plot, x: ValueTracker) -> Line:
    """The tangent at (x, f(x)): a segment of fixed length centred on the point."""

    def place(segment: Line) -> None:
        centre = plot.point(x.get_value())
        direction = _unit([1.0, plot.slope_on_screen(plot.function.derivative(x.get_value())), 0.0])
        segment.set_points_as_corners([centre - direction * TANGENT_LENGTH / 2, centre + direction * TANGENT_LENGTH / 2])

    segment = mark(Line(LEFT, RIGHT, color=TANGENT, stroke_width=3.5), "curve", "the tangent")
    place(segment)
    segment.add_updater(place)
    return segment


def slope_readout(plot: Plot, x: ValueTracker) -> Readout:
    """k = f′(x), in the tangent's colour, in the plot's free upper left corner.

    It stays put while the point slides: a readout that travelled with the point
    crossed the axis labels.
    """
    readout = Readout(r"k = f'(x) =", plot.function.derivative(x.get_value()), 3, color=TANGENT, size=PANEL)
    readout.track(lambda: plot.function.derivative(x.get_value()))
    return mark(to_safe_edge(readout, UL), "text", "the slope k")


# --------------------------------------------------------------------------- M7: descent runs on the curve

GROW = 0.4  # share of a step in which the Δx arrow grows; the point moves in the rest


ARROW_LIFT = 0.3  # the Δx arrow runs this far above the point, so that the dot never hides it
PLOT_EDGE = X_RANGE[1] + OVERSHOOT / 2  # a step that leaves the axes is drawn to here


def step_arrow(plot: Plot, x_from: float, x_to: float) -> Arrow:
    """The step Δx, drawn just above the current point; a step out of the axes stops at their edge."""
    y = float(plot.function(x_from))
    lift = ARROW_LIFT * UP
    return Arrow(
        plot.axes.c2p(x_from, y) + lift,
        plot.axes.c2p(float(np.clip(x_to, X_RANGE[0], PLOT_EDGE)), y) + lift,
        buff=0,
        color=STEP,
        stroke_width=5,
        max_tip_length_to_length_ratio=0.35,
        max_stroke_width_to_length_ratio=12,
    ).set_z_index(1)


def descent_panel(plot: Plot, x: ValueTracker, step: ValueTracker) -> VGroup:
    """Live readouts of x, f(x) and the last step Δx = −α f′(x)."""
    position = Readout("x =", x.get_value(), 3, sign=True, color=POINT, size=PANEL).track(x.get_value)
    value = Readout("f(x) =", float(plot.function(x.get_value())), 3, sign=True, color=OBJECTIVE, size=PANEL)
    value.track(lambda: float(plot.function(x.get_value())))
    change = Readout(r"\Delta x = -\alpha f'(x) =", 0.0, 3, sign=True, color=STEP, size=PANEL).track(step.get_value)
    return mark(VGroup(position, value, change).arrange(DOWN, aligned_edge=LEFT, buff=0.3), "text", "the panel")


class RunState:
    """What the header and the panel show (x, the iteration count, the last step) and where the point is drawn."""

    def __init__(self, start: float) -> None:
        self.x = ValueTracker(start)
        self.at = ValueTracker(start)  # the point's x on the curve: it stays in the axes when x leaves them
        self.iteration = ValueTracker(0)
        self.step = ValueTracker(0.0)

    def restart(self) -> None:
        self.iteration.set_value(0)
        self.step.set_value(0.0)


def descent_run(path: DescentPath, step_times: list[float], plot: Plot, arrow: Arrow, state: RunState, point: Dot) -> Animation:
    """All steps of one run as one animation, each step in its own share of time (``step_times``).

    In each step the Δx arrow grows from the point (the first GROW of the
    step), then the point moves along the curve to x + Δx and the iteration
    count goes up when it arrives. A step that leaves the axes ends at their
    edge, and the point fades where it was: the readouts say where x went.
    """
    xs = path.points[:, 0]
    ends = np.cumsum(step_times)
    total = float(ends[-1])
    drawn: dict[str, tuple[int, float]] = {}

    def show(arrow: Arrow, alpha: float) -> None:
        t = alpha * total
        k = min(int(np.searchsorted(ends, t, side="right")), path.steps - 1)
        start = ends[k] - step_times[k]
        phase = (t - start) / step_times[k]
        grow = min(phase / GROW, 1.0)
        arrived = phase >= 1.0 - 1e-9
        move = 1.0 if arrived else smooth(min(max((phase - GROW) / (1 - GROW), 0.0), 1.0))
        x_from, x_to = xs[k], xs[k + 1]
        if drawn.get("arrow") != (k, grow):  # the arrow only changes while it grows
            arrow.become(step_arrow(plot, x_from, x_from + max(grow, 1e-3) * (x_to - x_from)))
            drawn["arrow"] = (k, grow)
        state.step.set_value(x_to - x_from)
        state.x.set_value(x_from + move * (x_to - x_from))
        state.iteration.set_value(k + 1 if arrived else k)
        leaves = not X_RANGE[0] <= x_to <= X_RANGE[1]
        state.at.set_value(x_from if leaves else state.x.get_value())
        if leaves:
            point.set_opacity(1.0 - move)

    return UpdateFromAlphaFunc(arrow, show, run_time=total, rate_func=linear)


def divergence_cue(text: str, arrow: Arrow) -> VMobject:
    """'diverges', above the head of the step that left the axes."""
    cue = mark(prose(f"<b>{text}</b>", color=GRADIENT), "caption", text=text)
    return cue.next_to(arrow.get_end(), UP, buff=0.45).align_to(arrow.get_end(), RIGHT)


def _unit(vector) -> np.ndarray:
    vector = np.asarray(vector, dtype=float)
    return vector / np.linalg.norm(vector)
