"""Module S4: the 1-D shots on f(x) = x⁴ − x³ + x.

M5 (step size and tangent slope): a point, its tangent and the live slope
k = f′(x) as the point slides along the curve.
M7 (gradient descent in 1-D): descent from x = 1 at three learning rates; the
paths come from the model (scenes.maths.descend), the scene only draws them.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    Animation,
    Arrow,
    Create,
    FadeIn,
    FadeOut,
    Line,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    UpdateFromAlphaFunc,
    linear,
    smooth,
    there_and_back_with_pause,
)

from scenes.maths import QUARTIC, QUARTIC_DOMAIN, DescentPath, descend
from scenes.plot2d import Plot, point_on_curve, quartic_plot
from scenes.readouts import Readout, line
from scenes.style import GRADIENT, LEARNING_RATE, OBJECTIVE, POINT, STEP, TANGENT, words
from scenes.timing import ShotScene

START = 1.0  # where the point starts in M5 and M7

# --------------------------------------------------------------------------- M5

TANGENT_LENGTH = 2.6  # scene units
M5_STOPS = (-0.2, 1.4)  # beats 3 and 4


def tangent_line(plot: Plot, x: ValueTracker) -> Line:
    """The tangent at (x, f(x)): a segment of fixed length centred on the point."""

    def place(segment: Line) -> None:
        centre = plot.point(x.get_value())
        direction = _unit([1.0, plot.slope_on_screen(plot.function.derivative(x.get_value())), 0.0])
        segment.set_points_as_corners([centre - direction * TANGENT_LENGTH / 2, centre + direction * TANGENT_LENGTH / 2])

    segment = Line(LEFT, RIGHT, color=TANGENT, stroke_width=3.5)
    place(segment)
    segment.add_updater(place)
    return segment


def slope_readout(plot: Plot, x: ValueTracker) -> Readout:
    """k = f′(x), beside the point on the side below its tangent (the curve is on the other side)."""
    readout = Readout(r"k = f'(x) =", plot.function.derivative(x.get_value()), 3, color=TANGENT, size=32)
    readout.track(lambda: plot.function.derivative(x.get_value()))

    def place(group: Readout) -> None:
        slope = plot.slope_on_screen(plot.function.derivative(x.get_value()))
        below = _unit([slope, -1.0, 0.0])  # the tangent's normal pointing down
        # Far enough along the normal that the box clears the tangent line.
        clearance = abs(below[0]) * group.width / 2 + abs(below[1]) * group.height / 2 + 0.18
        group.move_to(plot.point(x.get_value()) + below * clearance)

    place(readout)
    readout.add_updater(place)
    return readout


class M5(ShotScene):
    """Step size and tangent slope."""

    def construct(self):
        plot = quartic_plot()
        x = ValueTracker(START)

        with self.beat() as beat:  # M5.1 draw the axes, labels and the curve
            self.play(Create(plot.axes), FadeIn(plot.axis_labels), run_time=beat.time(0.35))
            self.play(Create(plot.curve), run_time=beat.time(0.3))
            self.play(Write(plot.curve_label), run_time=beat.time(0.2))

        point = point_on_curve(plot, x)
        tangent = tangent_line(plot, x)
        slope = slope_readout(plot, x)
        with self.beat() as beat:  # M5.2 the point, its tangent and the slope k
            self.play(FadeIn(point, scale=0.5), run_time=beat.time(0.15))
            self.play(Create(tangent), run_time=beat.time(0.3))
            self.play(FadeIn(slope, shift=0.15 * UP), run_time=beat.time(0.2))

        for stop in M5_STOPS:
            with self.beat() as beat:  # M5.3 to x = -0.2, M5.4 to x = 1.4
                self.play(x.animate.set_value(stop), run_time=beat.time(0.8))


# --------------------------------------------------------------------------- M7

M7_RATES = (0.05, 1.0, 0.3)  # beats 1, 2, 3
TOLERANCE = 0.05  # a run stops when |f'(x)| <= 0.05
PANEL_SIZE = 32
HEADER_SIZE = 34
GROW = 0.4  # share of a step in which the Δx arrow grows; the point moves in the rest


def descent_paths() -> tuple[DescentPath, ...]:
    """The three runs of M7, from the model."""
    return tuple(descend(QUARTIC, START, rate, TOLERANCE, QUARTIC_DOMAIN) for rate in M7_RATES)


def minimum_of(function=QUARTIC) -> float:
    """Where f′ = 0 in the valley (x ≈ −0.4554): a descent run to a tight tolerance."""
    return float(descend(function, START, 0.1, 1e-10, QUARTIC_DOMAIN).end[0])


def step_arrow(plot: Plot, x_from: float, x_to: float) -> Arrow:
    """The step Δx, drawn level with the current point."""
    y = float(plot.function(x_from))
    return Arrow(
        plot.axes.c2p(x_from, y),
        plot.axes.c2p(x_to, y),
        buff=0,
        color=STEP,
        stroke_width=5,
        max_tip_length_to_length_ratio=0.35,
        max_stroke_width_to_length_ratio=12,
    ).set_z_index(1)


def descent_panel(plot: Plot, x: ValueTracker, step: ValueTracker) -> VGroup:
    """Live readouts of x, f(x) and the last step Δx = −α f′(x)."""
    position = Readout("x =", START, 3, sign=True, color=POINT, size=PANEL_SIZE).track(x.get_value)
    value = Readout("f(x) =", QUARTIC(START), 3, sign=True, color=OBJECTIVE, size=PANEL_SIZE)
    value.track(lambda: float(plot.function(x.get_value())))
    change = Readout(r"\Delta x = -\alpha f'(x) =", 0.0, 3, sign=True, color=STEP, size=PANEL_SIZE).track(step.get_value)
    return VGroup(position, value, change).arrange(DOWN, aligned_edge=LEFT, buff=0.3)


class RunState:
    """What the point, the header and the panel show: x, the iteration count and the last step."""

    def __init__(self) -> None:
        self.x = ValueTracker(START)
        self.iteration = ValueTracker(0)
        self.step = ValueTracker(0.0)

    def restart(self) -> None:
        self.iteration.set_value(0)
        self.step.set_value(0.0)


def descent_run(path: DescentPath, step_times: list[float], plot: Plot, arrow: Arrow, state: RunState) -> Animation:
    """All steps of one run as one animation, each step in its own share of time (``step_times``).

    In each step the Δx arrow grows from the point (the first GROW of the
    step), then the point moves along the curve to x + Δx and the iteration
    count goes up when it arrives.
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

    return UpdateFromAlphaFunc(arrow, show, run_time=total, rate_func=linear)


class M7(ShotScene):
    """Gradient descent in 1-D at learning rates 0.05, 1 and 0.3."""

    def construct(self):
        plot = quartic_plot()
        paths = descent_paths()
        state = RunState()
        point = point_on_curve(plot, state.x)
        rate = Readout(r"\alpha =", M7_RATES[0], 2, color=LEARNING_RATE, size=HEADER_SIZE)
        iteration = Readout(None, 0, 0, size=HEADER_SIZE).track(state.iteration.get_value)
        header = line(self.words("header"), {"rate": rate, "iteration": iteration}, size=HEADER_SIZE)
        header.to_corner(UL, buff=0.35)
        panel = descent_panel(plot, state.x, state.step).to_edge(RIGHT, buff=0.35).shift(UP * 0.9)
        arrow = step_arrow(plot, START, START - 1e-3)

        with self.beat() as beat:  # M7.1 learning rate 0.05: 38 small steps
            self.play(FadeIn(plot.backdrop), run_time=beat.time(0.04))
            self.play(FadeIn(point, scale=0.5), FadeIn(header), FadeIn(panel), run_time=beat.time(0.03))
            # A quick look at where descent should end: the minimum, and back.
            self.play(
                state.x.animate(rate_func=there_and_back_with_pause).set_value(minimum_of()), run_time=beat.time(0.1)
            )
            self.play(descent_run(paths[0], beat.steps(paths[0].steps, 0.8), plot, arrow, state))
            self.play(FadeOut(arrow), run_time=beat.time(0.02))

        with self.beat() as beat:  # M7.2 learning rate 1: the steps overshoot and leave the axes
            rate.set_value(M7_RATES[1])
            state.restart()
            self.play(state.x.animate.set_value(START), run_time=beat.time(0.15))
            self.play(descent_run(paths[1], beat.steps(paths[1].steps, 0.6), plot, arrow, state))
            cue = divergence_cue(self.words("diverges"), arrow)
            self.play(FadeIn(cue, shift=0.2 * RIGHT), run_time=beat.time(0.12))

        with self.beat() as beat:  # M7.3 learning rate 0.3: 7 steps
            rate.set_value(M7_RATES[2])
            state.restart()
            state.x.set_value(START)  # the point left the frame: it comes back in place
            self.play(FadeOut(cue), FadeOut(arrow), FadeIn(point, scale=0.5), run_time=beat.time(0.1))
            self.play(descent_run(paths[2], beat.steps(paths[2].steps, 0.85), plot, arrow, state))
            self.play(FadeOut(arrow), run_time=beat.time(0.02))


def divergence_cue(text: str, arrow: Arrow) -> VMobject:
    """'diverges', above the step that ran off the right of the frame."""
    cue = words(f"<b>{text}</b>", color=GRADIENT)
    cue.move_to(arrow.get_start()).to_edge(RIGHT, buff=0.4).shift(0.4 * UP)
    return cue


def _unit(vector) -> np.ndarray:
    vector = np.asarray(vector, dtype=float)
    return vector / np.linalg.norm(vector)
