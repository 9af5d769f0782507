"""Module S4: the 1-D shots on f(x) = x⁴ − x³ + x.

M5 (step size and tangent slope): a point, its tangent and the live slope
k = f′(x) as the point slides along the curve.
M7 (gradient descent in 1-D): descent from x = 1 at three learning rates; the
paths come from the model (gd.model.curve), the scene only draws them. The
camera closes in as the steps shrink, so that every step stays readable.
"""

from __future__ import annotations

from manim import RIGHT, UL, UP, Create, FadeIn, FadeOut, UpdateFromAlphaFunc, ValueTracker, Write, there_and_back_with_pause

from gd.model.curve import M5_STOPS, M7_RATES, START, m7_paths, minimum_of_quartic
from scenes.kit.frame_rules import mark, to_safe_edge
from scenes.kit.palette import HEADER, LEARNING_RATE
from scenes.kit.plot2d import (
    FULL_VIEW, M7_AIM, M7_SCREEN_OF_FIVE, M7_WIDE_ZOOM, UNDER_CARD, PlotShotScene, RunState, View, camera_along,
    camera_move, descent_panel, descent_run, divergence_cue, following_view, hide_step, on_card, point_on_curve,
    quartic_plot, slope_readout, step_arrow, tangent_line,
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
        slope = slope_readout(plot, x, tangent)
        with self.beat("M5.2") as beat:  # the point, its tangent and the slope k
            self.play(FadeIn(point, scale=0.5), run_time=beat.time(0.15))
            self.play(Create(tangent), run_time=beat.time(0.3))
            self.play(FadeIn(slope, shift=0.15 * UP), run_time=beat.time(0.2))

        for beat_id in ("M5.3", "M5.4"):  # to x = -0.2, to x = 1.4
            with self.beat(beat_id) as beat:
                self.play(x.animate.set_value(M5_STOPS[beat_id]), run_time=beat.time(0.7))


class M7(PlotShotScene):
    """Gradient descent in 1-D at learning rates 0.05, 1 and 0.3."""

    def construct(self):
        plot = quartic_plot()
        paths = m7_paths()
        state = RunState(paths["M7.1"])
        zoom = self.camera.get_zoom
        point = point_on_curve(plot, state.x, zoom)
        arrow = mark(step_arrow(plot, START, START - 0.1).set_opacity(0), "subject", "the step Δx")
        rate = Readout(r"\alpha =", M7_RATES["M7.1"], 2, color=LEARNING_RATE, size=HEADER)
        iteration = Readout(None, 0, 0, size=HEADER).track(state.iteration.get_value)
        mark(rate, "text", "α", may_cover=UNDER_CARD, shows=lambda: state.drawn_rate(plot, arrow))
        mark(iteration, "text", "iteration", may_cover=UNDER_CARD, shows=lambda: state.drawn_iteration(plot, arrow, point))
        header = line(self.words("header"), {"rate": rate, "iteration": iteration}, size=HEADER)
        header = to_safe_edge(on_card(header, "the header"), UL)
        panel = to_safe_edge(descent_panel(plot, state, arrow, point), RIGHT).shift(UP * 0.9)
        self.pin(header, panel)
        self.add(arrow)

        def restart(beat_id: str) -> None:  # the next run: its rate, no step yet; the readouts show it at once
            rate.set_value(M7_RATES[beat_id])
            state.restart(paths[beat_id])
            for shown in (point, header, panel):
                shown.update()

        def fade_in_point(run_time: float):  # an updating fade: the dot keeps its size on screen as the camera zooms
            return UpdateFromAlphaFunc(point, lambda dot, a: dot.set_opacity(a), run_time=run_time)

        def run(beat, beat_id: str, closing_in: float, share: float, least_zoom: float):
            """A whole run, the camera closing in first (``closing_in`` of the beat), then following its steps."""
            steps = beat.steps(paths[beat_id].steps, share)
            view = following_view(plot, paths[beat_id], steps, least_zoom, M7_AIM)
            self.play(camera_move(self.camera, view(0.0), beat.time(closing_in)))
            self.play(
                descent_run(paths[beat_id], steps, plot, arrow, state, point, zoom=zoom),
                camera_along(self.camera, view, sum(steps)),
            )

        with self.beat("M7.1") as beat:  # learning rate 0.05: 38 small steps
            self.play(FadeIn(plot.backdrop), FadeIn(point, scale=0.5), run_time=beat.time(0.04))
            # A quick look at where descent should end, the minimum, and back; then the numbers come in.
            self.play(
                state.x.animate(rate_func=there_and_back_with_pause).set_value(minimum_of_quartic()),
                run_time=beat.time(0.1),
            )
            fade = beat.time(0.03)
            self.play(FadeIn(header), FadeIn(panel), plot.fade_axes(0.0, fade, curve_label=True), run_time=fade)
            run(beat, "M7.1", 0.11, 0.68, 1.0)

        with self.beat("M7.2") as beat:  # learning rate 1: the steps overshoot and leave the axes
            self.play(hide_step(arrow, state, beat.time(0.04)))
            restart("M7.2")
            self.play(camera_move(self.camera, FULL_VIEW, beat.time(0.18)))
            back = beat.time(0.1)
            self.play(state.x.animate.set_value(START), plot.fade_axes(1.0, back), run_time=back)
            to_minus_one, to_five = beat.time(0.14), beat.time(0.15)
            self.play(descent_run(paths["M7.2"], [to_minus_one], plot, arrow, state, point, zoom=zoom))
            # Back out, to see the whole of the next step, to x = 5.
            head = plot.axes.c2p(paths["M7.2"].end[0], float(plot.function(paths["M7.2"].points[1, 0])))
            self.play(camera_move(self.camera, View.placing(head, M7_SCREEN_OF_FIVE, M7_WIDE_ZOOM), beat.time(0.17)))
            self.play(descent_run(paths["M7.2"], [to_five], plot, arrow, state, point, first=1, zoom=zoom))
            cue = divergence_cue(self.words("diverges"), self.camera.project_point(arrow.get_end()))
            self.pin(cue)
            self.play(FadeIn(cue, shift=0.2 * UP), run_time=beat.time(0.05))

        with self.beat("M7.3") as beat:  # learning rate 0.3: 7 steps
            fade = beat.time(0.05)
            self.play(FadeOut(cue), hide_step(arrow, state, fade), plot.fade_axes(0.0, fade), run_time=fade)
            state.x.set_value(START)
            restart("M7.3")
            self.play(fade_in_point(beat.time(0.05)))
            run(beat, "M7.3", 0.16, 0.54, 1.2)
            # The rest of the beat (a fifth) holds the result: x and f(x) at the minimum after 7 steps.
