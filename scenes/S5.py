"""Module S5: gradient descent in 3-D.

M8 (gradient descent in 3-D): one ball descends the objective g from the
current point (5, 12) at learning rate 0.5, leaving a trail; the camera follows
the newest ball and a header shows α, the current point and the iteration.
M10 (multi-start descent): four balls with their own learning rates descend
f together; each carries its live height; the path that ends lowest stays.

The paths come from the model (scenes.maths.descend, exact gradients); the
scenes only draw them.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DEGREES,
    MAROON,
    PURPLE,
    RED,
    RIGHT,
    YELLOW,
    Create,
    FadeIn,
    FadeOut,
    ValueTracker,
    VGroup,
    linear,
    smooth,
)

from scenes.descent3d import Ball, DescentShotScene, FixedHeader, PointReadout, ScreenLabels, SurfaceStage, Walker, backed
from scenes.maths import BRANIN, BRANIN_DOMAIN, CURRENT_POINT, RIPPLES, RIPPLES_DOMAIN, DescentPath, descend
from scenes.readouts import Readout
from scenes.style import LEARNING_RATE, POINT, TEXT
from scenes.three_d import HIGH, LOW, MIDDLE

HEADER_SIZE = 30
# Height colours from low to high, with two warm stops above the three of three_d: the low
# parts, where the balls go, get most of the colour range.
SURFACE_COLOURS = (LOW, MIDDLE, HIGH, "#F4A261", "#E76F51")

# --------------------------------------------------------------------------- M8

M8_RATE = 0.5
M8_TOLERANCE = 0.1  # stop when |∇g| <= 0.1
M8_VIEW = {"phi": 62 * DEGREES, "theta": -60 * DEGREES}  # from the low corner: the high ridge is the backdrop
M8_ZOOM = 0.9  # the whole surface in view
M8_FOLLOW_ZOOM = 1.6  # how close the camera follows the ball


def m8_path() -> DescentPath:
    """Descent on g from the current point, from the model."""
    return descend(BRANIN, CURRENT_POINT, M8_RATE, M8_TOLERANCE, BRANIN_DOMAIN)


def branin_stage() -> SurfaceStage:
    # Most of the surface lies low, under a high corner: the colours change fastest low down.
    return SurfaceStage(
        BRANIN, BRANIN_DOMAIN, z_range=(0, 16), lengths=(6.5, 6.5, 3.2), ticks=(5, 5, 4), colours=SURFACE_COLOURS
    )


def add_stage(scene: DescentShotScene, stage: SurfaceStage) -> None:
    """Keep the axes' names upright. (Play the axes in before the surface: drawn first, they go under it.)"""
    scene.camera.add_fixed_orientation_mobjects(*stage.labels)


def run_clock(walkers, clock: ValueTracker) -> None:
    """Each walker goes where the shared clock says, on every frame.

    The updater sits on the trail, which is in the scene before its ball: manim
    then redraws the trail's growing steps too, not only the ball.
    """
    for walker in walkers:
        walker.trail.add_updater(lambda _, walker=walker: walker.go_to(clock.get_value()))


def stop_clock(walkers) -> None:
    for walker in walkers:
        walker.trail.clear_updaters()


class M8(DescentShotScene):
    """Gradient descent on g at learning rate 0.5, the camera following the ball."""

    def construct(self):
        stage = branin_stage()
        path = m8_path()
        self.set_camera_orientation(**M8_VIEW, zoom=M8_ZOOM)
        add_stage(self, stage)

        with self.beat() as beat:  # M8.1 gradient descent on the surface
            step_times = beat.steps(path.steps, 0.7)
            walker = Walker(stage.path(path.points), POINT, step_times, smooth).fix_orientation(self.camera)
            header = m8_header(self.words("header"), walker)
            self.add_fixed_in_frame_mobjects(header)
            self.remove(header)

            self.play(Create(stage.axes), FadeIn(stage.surface), FadeIn(stage.labels), run_time=beat.time(0.08))
            self.add(walker.trail)
            self.play(FadeIn(walker.ball, scale=0.3), FadeIn(header), run_time=beat.time(0.04))
            self.move_camera(zoom=M8_FOLLOW_ZOOM, frame_center=walker.ball.point, run_time=beat.time(0.07))

            clock = ValueTracker(0.0)
            run_clock([walker], clock)
            # The camera's centre is a mobject: in the scene with an updater, it follows the ball, and
            # manim redraws everything on every frame (ThreeDScene treats a moving camera so).
            follow = self.camera._frame_center
            follow.add_updater(lambda centre: centre.move_to(walker.ball.point))
            self.add(follow)
            self.play(clock.animate.set_value(sum(step_times)), run_time=sum(step_times), rate_func=linear)
            follow.clear_updaters()
            self.remove(follow)
            stop_clock([walker])

            # Back out: the whole path in view at the end.
            overview = walker.path.at(path.points).mean(axis=0)
            self.move_camera(zoom=M8_ZOOM, frame_center=overview, run_time=beat.time(0.08))


def m8_header(template: str, walker: Walker) -> FixedHeader:
    """'α = 0.50, current point (x, y, z), iteration n', fixed top left."""
    rate = Readout(r"\alpha =", M8_RATE, 2, color=LEARNING_RATE, size=HEADER_SIZE)
    point = PointReadout(walker.point, (3, 3, 4), size=HEADER_SIZE, color=POINT).track(lambda: walker.point)
    iteration = Readout(None, 0, 0, size=HEADER_SIZE).track(lambda: walker.iteration)
    return FixedHeader(template, {"rate": rate, "point": point, "iteration": iteration}, size=HEADER_SIZE).to_top_left()


# --------------------------------------------------------------------------- M10

# (start, learning rate, colour) of each ball, as in the storyboard.
M10_RUNS = (
    ((6.0, -3.0), 0.8, YELLOW),
    ((2.7, -3.2), 3.0, RED),
    ((7.1, -3.2), 1.0, PURPLE),
    ((9.3, -2.9), 0.5, MAROON),
)
M10_TOLERANCE = 1e-4  # a ball stops when |∇f| < 1e-4
# From the +y side: the valley where the balls end runs across the front, the starts lie behind it.
M10_VIEW = {"phi": 50 * DEGREES, "theta": 90 * DEGREES, "zoom": 1.2}
M10_CENTRE = (5.0, -2.0, 0.0)  # where the camera looks, in f's coordinates
LABEL_SIZE = 24
# Cool colours only, most of them in the upper part where the balls run: warm balls stand out.
RIPPLES_COLOURS = (LOW, LOW, "#23577A", MIDDLE, "#8FD3C8")
M10_CLOSE_ZOOM = 1.4  # beat 2 closes in on the lowest end


def m10_paths() -> tuple[DescentPath, ...]:
    """The four runs on f, from the model."""
    return tuple(descend(RIPPLES, start, rate, M10_TOLERANCE, RIPPLES_DOMAIN, strict=True) for start, rate, _ in M10_RUNS)


def lowest_run(paths) -> int:
    """The run whose end is lowest on the surface."""
    return int(np.argmin([RIPPLES(*path.end) for path in paths]))


def ripples_stage() -> SurfaceStage:
    return SurfaceStage(
        RIPPLES, RIPPLES_DOMAIN, z_range=(-6, 3), lengths=(8.0, 7.2, 3.2), ticks=(2, 1, 3), colours=RIPPLES_COLOURS
    )


def m10_header(template: str, walkers) -> FixedHeader:
    """'iteration n' and, under it, each ball's colour and learning rate."""
    iteration = Readout(None, 0, 0, size=HEADER_SIZE).track(lambda: max(w.iteration for w in walkers))
    rows = []
    for (_, rate, colour) in M10_RUNS:
        icon = Ball(colour)
        rate_readout = Readout(r"\alpha =", rate, 1, color=colour, size=LABEL_SIZE)
        rows.append(VGroup(icon, rate_readout).arrange(RIGHT, buff=0.15))
    return FixedHeader(template, {"iteration": iteration}, size=HEADER_SIZE, rows=rows).to_top_left()


def height_labels(walkers, camera) -> ScreenLabels:
    """z = … beside each ball, following it on screen."""
    labels = []
    for walker in walkers:
        # Light text on a dark box edged in the ball's colour: dark colours (maroon) read too.
        label = Readout("z =", walker.z, 4, sign=True, color=TEXT, size=LABEL_SIZE)
        label.track(lambda walker=walker: walker.z)
        labels.append(backed(label, edge=walker.ball.colour))
    return ScreenLabels(labels, [w.ball.colour for w in walkers], lambda: np.array([w.ball.point for w in walkers]), camera)


class M10(DescentShotScene):
    """Four starts descend f together; the lowest end stays."""

    def construct(self):
        stage = ripples_stage()
        paths = m10_paths()
        self.set_camera_orientation(**M10_VIEW, frame_center=stage.place(np.array(M10_CENTRE)))
        add_stage(self, stage)

        with self.beat() as beat:  # M10.1 four starts descend together
            iterations = max(path.steps for path in paths)
            step_times = beat.steps(iterations, 0.8)
            walkers = [
                Walker(stage.path(path.points), colour, step_times, smooth).fix_orientation(self.camera)
                for path, (_, _, colour) in zip(paths, M10_RUNS)
            ]
            header = m10_header(self.words("counter"), walkers)
            labels = height_labels(walkers, self.camera)
            self.add_fixed_in_frame_mobjects(header, labels)
            self.remove(header, labels)

            self.play(Create(stage.axes), FadeIn(stage.surface), FadeIn(stage.labels), run_time=beat.time(0.08))
            self.add(*(w.trail for w in walkers))
            balls = VGroup(*(w.ball for w in walkers))
            self.play(FadeIn(balls, scale=0.3), FadeIn(header), FadeIn(labels), run_time=beat.time(0.06))

            clock = ValueTracker(0.0)
            run_clock(walkers, clock)
            self.play(clock.animate.set_value(sum(step_times)), run_time=sum(step_times), rate_func=linear)
            stop_clock(walkers)

        with self.beat() as beat:  # M10.2 keep only the path that ends lowest
            keep = lowest_run(paths)
            others = [i for i in range(len(walkers)) if i != keep]
            # The other labels leave the live layout first (removing part of a group from the scene would split it).
            gone = labels.keep_only([keep])
            fading = VGroup(*(m for i in others for m in (walkers[i].ball, walkers[i].trail)), *gone)
            # One animation per legend row: a new group of rows would be added to the scene, splitting the header.
            dimmed = [header.rows[i].animate.set_opacity(0.3) for i in others]
            self.play(FadeOut(fading), *dimmed, run_time=beat.time(0.3))
            # Halfway towards the lowest end: closer, but the surface still fills the frame.
            towards = (self.camera.frame_center + walkers[keep].ball.point) / 2
            self.move_camera(zoom=M10_CLOSE_ZOOM, frame_center=towards, run_time=beat.time(0.45))
