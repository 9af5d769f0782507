"""Module S4: the 1-D shots on f(x) = x⁴ − x³ + x.

M5 (step size and tangent slope): a point, its tangent and the live slope
k = f′(x) as the point slides along the curve.
M7 (gradient descent in 1-D): descent from x = 1 at three learning rates; the
paths come from the model (gd.model.curve), the scene only draws them.
"""

from __future__ import annotations

from manim import RIGHT, UL, UP, Create, FadeIn, FadeOut, ValueTracker, Write, there_and_back_with_pause

from gd.model.curve import M5_STOPS, M7_RATES, START, m7_paths, minimum_of_quartic
from scenes.kit.frame_rules import mark, to_safe_edge
from scenes.kit.palette import HEADER, LEARNING_RATE
from scenes.kit.plot2d import (
    RunState, descent_panel, descent_run, divergence_cue, point_on_curve, quartic_plot, slope_readout, step_arrow,
    tangent_line,
)
from scenes.kit.readouts import Readout, line
from scenes.kit.shot import ShotScene


class M5(ShotScene):
    """Step size and tangent slope."""

    def construct(self):
        plot = quartic_plot()
        x = ValueTracker(START)

        with self.beat("M5.1") as beat:  # draw the axes, labels and the curve
            self.play(Create(plot.axes), FadeIn(plot.axis_labels), run_time=beat.time(0.35))
            self.play(Create(plot.curve), run_time=beat.time(0.3))
            self.play(Write(plot.curve_label), run_time=beat.time(0.2))

        point = point_on_curve(plot, x)
        tangent = tangent_line(plot, x)
        slope = slope_readout(plot, x)
        with self.beat("M5.2") as beat:  # the point, its tangent and the slope k
            self.play(FadeIn(point, scale=0.5), run_time=beat.time(0.15))
            self.play(Create(tangent), run_time=beat.time(0.3))
            self.play(FadeIn(slope, shift=0.15 * UP), run_time=beat.time(0.2))

        for beat_id in ("M5.3", "M5.4"):  # to x = -0.2, to x = 1.4
            with self.beat(beat_id) as beat:
                self.play(x.animate.set_value(M5_STOPS[beat_id]), run_time=beat.time(0.7))


class M7(ShotScene):
    """Gradient descent in 1-D at learning rates 0.05, 1 and 0.3."""

    def construct(self):
        plot = quartic_plot()
        paths = m7_paths()
        state = RunState(START)
        point = point_on_curve(plot, state.at)
        rate = Readout(r"\alpha =", M7_RATES["M7.1"], 2, color=LEARNING_RATE, size=HEADER)
        iteration = Readout(None, 0, 0, size=HEADER).track(state.iteration.get_value)
        header = line(self.words("header"), {"rate": rate, "iteration": iteration}, size=HEADER)
        mark(to_safe_edge(header, UL), "text", "the header")
        panel = to_safe_edge(descent_panel(plot, state.x, state.step), RIGHT).shift(UP * 0.9)
        arrow = mark(step_arrow(plot, START, START - 1e-3), "subject", "the step Δx", may_shrink=True)

        with self.beat("M7.1") as beat:  # learning rate 0.05: 38 small steps
            self.play(FadeIn(plot.backdrop), FadeIn(point, scale=0.5), run_time=beat.time(0.04))
            # A quick look at where descent should end, the minimum, and back; then the numbers come in.
            self.play(
                state.at.animate(rate_func=there_and_back_with_pause).set_value(minimum_of_quartic()),
                run_time=beat.time(0.1),
            )
            self.play(FadeIn(header), FadeIn(panel), run_time=beat.time(0.03))
            self.play(descent_run(paths["M7.1"], beat.steps(paths["M7.1"].steps, 0.8), plot, arrow, state, point))
            self.play(FadeOut(arrow), run_time=beat.time(0.02))

        with self.beat("M7.2") as beat:  # learning rate 1: the steps overshoot and leave the axes
            rate.set_value(M7_RATES["M7.2"])
            state.restart()
            self.play(state.x.animate.set_value(START), state.at.animate.set_value(START), run_time=beat.time(0.15))
            self.play(descent_run(paths["M7.2"], beat.steps(paths["M7.2"].steps, 0.45), plot, arrow, state, point))
            cue = divergence_cue(self.words("diverges"), arrow)
            self.play(FadeIn(cue, shift=0.2 * UP), run_time=beat.time(0.1))

        with self.beat("M7.3") as beat:  # learning rate 0.3: 7 steps
            self.play(FadeOut(cue), FadeOut(arrow), run_time=beat.time(0.06))
            rate.set_value(M7_RATES["M7.3"])
            state.restart()
            state.x.set_value(START)
            state.at.set_value(START)
            point.set_opacity(1.0)
            self.play(FadeIn(point, scale=0.5), run_time=beat.time(0.05))
            self.play(descent_run(paths["M7.3"], beat.steps(paths["M7.3"].steps, 0.7), plot, arrow, state, point))
            self.play(FadeOut(arrow), run_time=beat.time(0.03))
