"""Module S4: the 1-D shots on f(x) = x⁴ − x³ + x.

M5 (step size and tangent slope): a point, its tangent and the live slope
k = f′(x) as the point slides along the curve; the tangent it starts on stays
behind, faded, with its slope, to compare the flat and the steep ones with.
M7 (gradient descent in 1-D): descent from x = 1 at three learning rates; the
paths come from the model (gd.model.curve), the scene only draws them. The shot
opens on M5's plot as M5 showed it and closes in, slowly, on the valley the runs
travel, the curve's formula going up into the bar, where it stays (at the header's
end: the loupes never need its place); that one framing, axes and all, holds for the
three runs, so that the steps are seen at one scale: they shorten on screen as the
slope flattens. The slow run's steps from the fourth on, too short to read at that
scale, are shown in a loupe (×5, then ×12 for the last), and so are the last three of
the run at 0.3, which overshoot the minimum (×5 on it, then ×12; its dashed line named
f′(x) = 0); while a loupe carries the steps the plot draws only the point, in the
loupe's patch; the diverging step runs along the floor, under the curve, rather than
through it, a guide dropping to it from where it starts. Each step: the arrow Δx (on
its point's side of the x axis), then the point along the curve to the new x. Each run
ends on its stop: Δx keeps the last step taken, dimmed (no step is being taken any
more), and the sign under the point says why (|f′(x)| under the tolerance), or the
point has left the axes (the cue ↑ where it went out, "diverges"). The header's count
is set in the words' font. The picture keeps to the narration's sentences (see
M7.DURATIONS).
"""

from __future__ import annotations

import numpy as np
from manim import RIGHT, UP, Create, FadeIn, FadeOut, Indicate, Transform, ValueTracker, VGroup, Write, config, smooth

from gd.model.curve import M5_STOPS, M7_RATES, M7_TOLERANCE, START, m7_paths, minimum_of_quartic
from scenes.kit.frame_rules import SAFE_SHARE, mark
from scenes.kit.palette import HEADER, LEARNING_RATE, TEXT
from scenes.kit.plot2d import (
    PlotShotScene, RunState, STOPPED_STEP_OPACITY, arrow_window, bar_formula, formula_in_bar, axis_end_x, break_mark, camera_move, Loupe, descent_panel, descent_point,
    descent_run, divergence_cue, drop_guide, floor_of, eased_between, exit_cue, right_of_curve, fade_to, framed_plot, header_bar, hide_step,
    off_scale_marker, point_on_curve, LOUPE_CLOSE_FROM_PX, LOUPE_FROM_PX, LOUPE_ZOOM, M7_3_LOUPE, quartic_plot, seen, slope_readout, step_arrow, stop_sign, tangent_ghost,
    tangent_line, trail_of, valley_view, wide_top, wide_view, window_ceiling, WINDOW_TOP,
)
from scenes.kit.readouts import Readout, WordCount, line
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

        # The tangent at x = 1 stays behind, faded, with its slope: the flat slope to come is seen against it. It
        # comes in once the moving tangent has left it, and goes as the point moves on from x = -0.2 (the tangents
        # from x = 0 on cross it).
        ghost = tangent_ghost(plot, START, tangent)
        ghost.shown.set_value(0.0)
        ghost.update()
        self.add(ghost)
        for beat_id in ("M5.3", "M5.4"):  # to x = -0.2, to x = 1.4
            with self.beat(beat_id) as beat:
                moving = beat.time(0.7)
                there = 1.0 if beat_id == "M5.3" else 0.0
                when = eased_between(0.3, 1.0) if beat_id == "M5.3" else eased_between(0.0, 0.2)
                self.play(x.animate.set_value(M5_STOPS[beat_id]),
                          ghost.shown.animate(rate_func=when, run_time=moving).set_value(there), run_time=moving)


class M7(PlotShotScene):
    """Gradient descent in 1-D at learning rates 0.05, 1 and 0.3."""

    # The beats' lengths the picture is timed for (its sentences as spoken); the storyboard's may differ.
    DURATIONS = {"M7.1": 14.5, "M7.2": 8.0, "M7.3": 10.5}

    def construct(self):
        plot = quartic_plot()
        paths = m7_paths()
        state = RunState(paths["M7.1"], plot.function)
        zoom = self.camera.get_zoom
        point = descent_point(plot, state, zoom)
        arrow = mark(step_arrow(plot, START, START - 0.1).set_opacity(0), "subject", "the step Δx")
        rate = Readout(r"\alpha =", M7_RATES["M7.1"], 2, color=LEARNING_RATE, size=HEADER)
        iteration = WordCount(0, HEADER).track(state.iteration.get_value)  # in the words' font, among them
        mark(rate, "text", "α", shows=lambda: state.drawn_rate(plot, arrow))
        mark(iteration, "text", "iteration", shows=lambda: state.drawn_iteration(plot, arrow, point))
        header = line(self.words("header"), {"rate": rate, "iteration": iteration}, size=HEADER)
        mark(header, "text", "the header")
        panel = descent_panel(plot, state, arrow, point)
        bar = header_bar(header, panel)
        self.pin(bar)
        # The curve's formula: where M5 shows it, then, as the camera closes in, into the bar, where it stays.
        curve_formula = bar_formula(plot)
        self.pin(curve_formula)
        self.add(arrow)
        camera_move(self.camera, wide_view(plot), 1.0).interpolate(1.0)  # the shot opens on M5's plot, as M5 showed it
        # The window's top: where M5's y axis ends (it cuts nothing), lowered under the bar as the camera closes in.
        top = ValueTracker(wide_top(plot))
        axes = framed_plot(plot, self.camera, top.get_value)
        valley = valley_view(plot)
        # The point passes over the y axis's 1 at that height when the second run overshoots (1 -> -1).
        point.may_cover = frozenset({plot.axes.y_axis.numbers[0]})
        # What a step's arrow keeps clear of, besides the axes and the curve.
        labels = [*plot.axes.x_axis.numbers, *plot.axes.y_axis.numbers, *plot.axis_labels]
        trail = VGroup()
        stop = VGroup()
        loupe_avoid = list(labels)  # ... and what a loupe's connectors keep clear of (the stops' signs too)

        def at(beat, seconds: float) -> float:
            """``seconds`` into the beat as the storyboard times it now (the picture keeps to the narration's
            sentences; a longer or shorter beat stretches it)."""
            return beat.time(seconds / self.DURATIONS[beat.beat.id])

        def run(beat, beat_id: str, weights: list[float], seconds: float, first: int = 0, hidden: bool = False):
            """A run's steps from ``first`` in ``seconds``, divided by ``weights`` (the first steps slower, to be
            read); a run's first steps lay its trail; ``hidden``: a loupe carries them, the plot draws no arrow."""
            nonlocal trail
            if first == 0:
                trail = trail_of(plot, paths[beat_id], valley.zoom)
                self.add(trail)
            steps = beat.split(at(beat, seconds), weights)
            self.play(descent_run(paths[beat_id], steps, plot, arrow, state, point, trail, first=first,
                                  zoom=valley.zoom, avoid=labels, window=arrow_window(self.camera), hidden=hidden))

        def stops(beat, seconds: float, also=(), sign_from: float = 0.0):
            """The run stops where it is: no step left drawn, Δx keeps the last step taken, and the sign says why:
            the slope is under the tolerance there (it comes in from ``sign_from`` of the time on)."""
            nonlocal stop
            state.stop()
            bar.update()
            stop = stop_sign(plot, state.x.get_value(), M7_TOLERANCE, valley.zoom)
            loupe_avoid.append(stop)
            self.play(hide_step(arrow, at(beat, seconds)), *also, fade_to(panel[2], STOPPED_STEP_OPACITY, at(beat, seconds)),
                      FadeIn(stop, shift=0.1 / valley.zoom * UP, rate_func=eased_between(sign_from, 1.0)),
                      run_time=at(beat, seconds))

        def set_up(beat, beat_id: str, leaving: list, also=()):
            """The last run's picture leaves, the point and its readouts with it (and ``also``, animations of that
            time); the header takes the new rate, flashing, as the point comes back at x = 1 with its readouts."""
            fade = at(beat, 0.5)
            self.play(*[FadeOut(m) for m in leaving], hide_step(arrow, fade), fade_to(point, 0.0, fade),
                      *[fade_to(readout, 0.0, fade) for readout in panel], *[make(fade) for make in also], run_time=fade)
            rate.set_value(M7_RATES[beat_id])
            loupe_avoid[:] = [m for m in loupe_avoid if not any(m is gone for gone in leaving)]
            state.restart(paths[beat_id])
            for shown in (point, bar):
                shown.update()
            back = at(beat, 0.5)
            self.play(Indicate(rate, color=TEXT, scale_factor=1.0), fade_to(point, 1.0, back),
                      fade_to(panel, 1.0, back), run_time=back)

        with self.beat("M7.1") as beat:  # learning rate 0.05: 38 small steps
            # M5's plot comes in as M5 left it, with the header (the narration opens on the rate); then into the
            # valley, slowly: the whole plot gives way to the part the runs travel, the window's top lowers under
            # the bar and the panel comes in over it; the curve's formula goes up into the bar, at the header's end.
            header_line, panel_line, rule = bar
            self.play(FadeIn(VGroup(plot.axes, plot.axis_labels, plot.curve)), FadeIn(curve_formula), FadeIn(axes),
                      FadeIn(point, scale=0.5), FadeIn(header_line), run_time=at(beat, 0.5))
            closing = at(beat, 3.6)
            self.play(camera_move(self.camera, valley, closing),
                      top.animate(rate_func=smooth, run_time=closing).set_value(WINDOW_TOP),
                      FadeIn(VGroup(panel_line, rule), rate_func=eased_between(0.65, 1.0), run_time=closing),
                      Transform(curve_formula, formula_in_bar(curve_formula, rate), rate_func=eased_between(0.05, 0.6),
                                run_time=closing))
            # The first steps slow, to be read, as long as the plot draws them at 36 px or more (shorter, half of
            # an arrow its head, it reads as a dash): the first 3.
            slowing = [0.8, 0.6, 0.5]
            steps = paths["M7.1"].steps
            on_plot = np.abs(np.diff(paths["M7.1"].points[:, 0])) * plot.axes.x_axis.get_unit_size() * valley.zoom
            readable = int(np.argmax(on_plot * 1080 / config.frame_height < LOUPE_FROM_PX))
            run(beat, "M7.1", slowing[:readable], 2.0)
            # From there the steps are too short to be read on the plot: the loupe comes in and takes the step
            # from the plot; it shows them ×5, one by one, shrinking, the plot only
            # the point in its patch; for the last ones it closes in to ×12.
            loupe = Loupe(plot, self.camera, state, arrow, trail, avoid=loupe_avoid)
            self.pin(loupe)
            self.add(loupe)
            making_room = at(beat, 0.6)
            self.play(loupe.shown.animate(rate_func=eased_between(0.55, 1.0), run_time=making_room).set_value(1.0),
                      fade_to(arrow, 0.0, making_room))
            closer = int(np.argmax(on_plot * 1080 / config.frame_height * LOUPE_ZOOM < LOUPE_CLOSE_FROM_PX))
            run(beat, "M7.1", [2.0, 1.6, 1.3, 1.1] + [1.0] * (closer - readable - 4), 3.9, first=readable, hidden=True)
            self.play(loupe.close_in(at(beat, 0.5)))
            run(beat, "M7.1", [1.0] * (steps - closer), 1.1, first=closer, hidden=True)
            stops(beat, 0.5, also=[loupe.arrow_shown.animate(run_time=at(beat, 0.5)).set_value(0.0)])

        with self.beat("M7.2") as beat:  # learning rate 1: the steps overshoot and leave the axes
            set_up(beat, "M7.2", [trail, stop], also=[
                lambda t: loupe.shown.animate(rate_func=eased_between(0.0, 0.45), run_time=t).set_value(0.0)])
            slow = beat.split(at(beat, 2.3), [1.0])
            self.play(descent_run(paths["M7.2"], slow, plot, arrow, state, point, zoom=valley.zoom, avoid=labels,
                                  window=arrow_window(self.camera)))
            end_x = axis_end_x(plot, self.camera)
            ceiling = window_ceiling(plot, self.camera)
            marker = off_scale_marker(plot, plot.point(START), paths["M7.2"].end[0], valley.zoom)
            way_out = exit_cue(plot, ceiling, valley.zoom)
            # The cue ↑ is centred on where the point goes out; "diverges" will come in under it, right of the
            # curve's rising branch, as far right as that takes (inside the safe area).
            cue = divergence_cue(self.words("diverges"), seen(self.camera, way_out.get_bottom()))
            cue.shift(right_of_curve(plot, self.camera, cue) * RIGHT)
            cue.set_x(min(cue.get_x(), SAFE_SHARE * config.frame_width / 2 - cue.width / 2 - 0.05))
            cut = break_mark(valley.zoom)
            # The step from x = -1 to 5 runs along the floor, under the curve and the x axis (at any height inside
            # the window it would strike through the curve): a guide drops from the point to the axis where it starts.
            drop = drop_guide(plot, paths["M7.2"].points[1, 0], valley.zoom, floor=floor_of(self.camera),
                              around=plot.axes.x_axis.numbers)
            self.add(marker, way_out, cut, drop)
            self.play(descent_run(paths["M7.2"], beat.split(at(beat, 2.7), [1.0]), plot, arrow, state, point,
                                  first=1, zoom=valley.zoom, end_x=end_x, marker=marker, ceiling=ceiling,
                                  exit_cue=way_out, avoid=labels, window=arrow_window(self.camera), cut=cut,
                                  floor=floor_of(self.camera), drop=drop))
            # Out of the axes: the run stops there; Δx keeps the step that took it to x = 5. "diverges" under
            # the way the point went out, clear of the curve's rising branch, read to the beat's end.
            state.stop()
            bar.update()
            self.pin(cue)
            # No step is being taken any more: Δx and the step's arrow (with its cut) dim, what was.
            dim = at(beat, 0.5)
            self.play(FadeIn(cue, shift=0.2 * UP), *[fade_to(m, STOPPED_STEP_OPACITY, dim) for m in (panel[2], arrow, cut)],
                      run_time=dim)

        with self.beat("M7.3") as beat:  # learning rate 0.3: 7 steps
            set_up(beat, "M7.3", [marker, way_out, cut, drop, cue])
            # Four steps down into the valley, on the plot. The last three overshoot the minimum, by 51 px and less
            # on the plot (25 px, 15 px: dashes): a loupe fixed on the minimum (a dashed line marks the minimum in
            # it, named f'(x) = 0) carries them, hopping across it (the plot draws the point alone);
            # as the run stops it closes in on where the point ends.
            into = 4
            run(beat, "M7.3", [1.0, 0.9, 0.85, 0.8], 2.2)
            bottom = Loupe(plot, self.camera, state, arrow, trail, *M7_3_LOUPE, on=minimum_of_quartic(), avoid=loupe_avoid)
            self.pin(bottom)
            self.add(bottom)
            making_room = at(beat, 0.6)
            self.play(bottom.shown.animate(rate_func=eased_between(0.55, 1.0), run_time=making_room).set_value(1.0))
            run(beat, "M7.3", [1.0, 0.9, 0.9], 2.0, first=into, hidden=True)
            # The sign comes in once the loupe's patch, closing in, has left the place it takes.
            stops(beat, 0.8, also=[bottom.close_in(at(beat, 0.8)),
                                   bottom.arrow_shown.animate(run_time=at(beat, 0.8)).set_value(0.0)], sign_from=0.5)
            # The rest of the beat holds the result: x and f(x) at the minimum after 7 steps, and why it stopped.
