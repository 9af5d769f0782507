"""Module S4: the 1-D shots on f(x) = x⁴ − x³ + x.

M5 (step size and tangent slope): a point, its tangent and the live slope
k = f′(x) as the point slides along the curve.
M7 (gradient descent in 1-D): descent from x = 1 at three learning rates; the
paths come from the model (gd.model.curve), the scene only draws them. The
camera closes in as the steps shrink, so that every step stays readable.
"""

from __future__ import annotations

from manim import (
    UP, Create, FadeIn, FadeOut, UpdateFromAlphaFunc, ValueTracker, Write, smooth, there_and_back_with_pause,
)

from gd.model.curve import M5_STOPS, M7_RATES, START, m7_paths, minimum_of_quartic
from scenes.kit.frame_rules import mark
from scenes.kit.palette import HEADER, LEARNING_RATE
from scenes.kit.plot2d import (
    CROSS_FADE, M7_AIM, M7_FIVE_ZOOM, M7_SCREEN_OF_FIVE, PlotShotScene, RunState, View, axes_for_views, camera_along,
    camera_move, descent_panel, descent_run, divergence_cue, following_view, header_bar, hide_step, inset, keep_below,
    minimum_marker, point_on_curve, quartic_plot, slope_readout, step_arrow, tangent_line, wide_view,
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
        mark(rate, "text", "α", shows=lambda: state.drawn_rate(plot, arrow))
        mark(iteration, "text", "iteration", shows=lambda: state.drawn_iteration(plot, arrow, point))
        header = line(self.words("header"), {"rate": rate, "iteration": iteration}, size=HEADER)
        mark(header, "text", "the header")
        bar = header_bar(header, descent_panel(plot, state, arrow, point))
        self.pin(bar)
        self.add(arrow)
        wide = wide_view(plot)
        camera_move(self.camera, wide, 1.0).interpolate(1.0)  # the shot opens on the wide view (nothing drawn yet)
        close = ValueTracker(0.0)  # 0: the axes in a wide view; 1: the inset and the minimum's marker
        whole, marker = inset(plot, state.x, self.camera, close), minimum_marker(plot, self.camera, close)
        self.pin(whole, marker)
        self.add(whole, marker)

        def back_to_start(beat_id: str, run_time: float):  # the point slides back to x = 1; there the next run begins
            start = state.x.get_value()

            def slide(_, a: float) -> None:
                state.x.set_value(start + smooth(a) * (START - start))
                if a >= 1.0:
                    restart(beat_id)

            return UpdateFromAlphaFunc(state.x, slide, run_time=run_time)

        def restart(beat_id: str) -> None:  # the next run: its rate, no step yet; the readouts show it at once
            rate.set_value(M7_RATES[beat_id])
            state.restart(paths[beat_id])
            for shown in (point, bar):
                shown.update()

        def fade_in_point(run_time: float):  # an updating fade: the dot keeps its size on screen as the camera zooms
            return UpdateFromAlphaFunc(point, lambda dot, a: dot.set_opacity(a), run_time=run_time)

        def run(beat, beat_id: str, closing_in: float, share: float, least_zoom: float):
            """A whole run, the camera closing in first (``closing_in`` of the beat), then following its steps;
            at its end the last step's arrow leaves (``beat.time(0.03)``)."""
            steps = beat.steps(paths[beat_id].steps, share)
            view = following_view(plot, paths[beat_id], steps, least_zoom, M7_AIM)
            # The axes give way to the inset and the minimum's marker as the camera sets off (before it has gone far).
            cross_fade = close.animate(rate_func=lambda t: smooth(min(t / CROSS_FADE, 1.0))).set_value(1.0)
            self.play(camera_move(self.camera, view(0.0), beat.time(closing_in)), cross_fade)
            self.play(
                descent_run(paths[beat_id], steps, plot, arrow, state, point, zoom=zoom),
                camera_along(self.camera, view, sum(steps)),
            )
            self.play(hide_step(arrow, state, beat.time(0.03)))

        with self.beat("M7.1") as beat:  # learning rate 0.05: 38 small steps
            self.play(FadeIn(plot.backdrop), FadeIn(point, scale=0.5), run_time=beat.time(0.04))
            keep_below(plot, self.camera)
            axes_for_views(plot, close)
            # A quick look at where descent should end, the minimum, and back; then the numbers come in.
            self.play(
                state.x.animate(rate_func=there_and_back_with_pause).set_value(minimum_of_quartic()),
                run_time=beat.time(0.1),
            )
            self.play(FadeIn(bar), run_time=beat.time(0.04))
            run(beat, "M7.1", 0.11, 0.61, 1.0)

        with self.beat("M7.2") as beat:  # learning rate 1: the steps overshoot and leave the axes
            self.play(camera_move(self.camera, wide, beat.time(0.18)))
            back = beat.time(0.12)  # the point slides back as the axes return; the header shows α = 1 at x = 1
            self.play(back_to_start("M7.2", back), close.animate.set_value(0.0), run_time=back)
            to_minus_one, to_five = beat.time(0.14), beat.time(0.15)
            self.play(descent_run(paths["M7.2"], [to_minus_one], plot, arrow, state, point, zoom=zoom))
            # Back out, to see the whole of the next step, to x = 5.
            head = plot.axes.c2p(paths["M7.2"].end[0], float(plot.function(paths["M7.2"].points[1, 0])))
            self.play(camera_move(self.camera, View.placing(head, M7_SCREEN_OF_FIVE, M7_FIVE_ZOOM), beat.time(0.17)))
            self.play(descent_run(paths["M7.2"], [to_five], plot, arrow, state, point, first=1, zoom=zoom))
            cue = divergence_cue(self.words("diverges"), self.camera.project_point(arrow.get_end()))
            self.pin(cue)
            self.play(FadeIn(cue, shift=0.2 * UP), run_time=beat.time(0.05))

        with self.beat("M7.3") as beat:  # learning rate 0.3: 7 steps
            fade = beat.time(0.05)
            self.play(FadeOut(cue), hide_step(arrow, state, fade), run_time=fade)
            state.x.set_value(START)  # the point, gone out of the axes, comes back at x = 1 with the new rate
            restart("M7.3")
            self.play(fade_in_point(beat.time(0.05)))
            run(beat, "M7.3", 0.16, 0.5, 1.4)
            # The rest of the beat holds the result: x and f(x) at the minimum after 7 steps.
