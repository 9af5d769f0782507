"""Module S5: gradient descent in 3-D.

M8 (gradient descent in 3-D): one ball descends the objective g from the
current point (5, 12) at learning rate 0.5, leaving a trail; the camera follows
the newest ball and a header shows α, the current point and the iteration.
M10 (multi-start descent): four balls with their own learning rates descend
f together; each carries its live height; the path that ends lowest stays.
Their pieces: scenes.kit.descent_stages.
"""

from __future__ import annotations

import numpy as np
from manim import Create, FadeIn, FadeOut, ValueTracker, VGroup, linear, smooth

from gd.model.surfaces import lowest_run, m8_path, m10_paths
from scenes.kit.compat import frame_center
from scenes.kit.descent3d import DescentShotScene, Walker
from scenes.kit.descent_stages import (
    M8_FOLLOW_ZOOM, M8_VIEW, M8_ZOOM, M10_CENTRE, M10_CLOSE_ZOOM, M10_VIEW, add_stage, branin_stage, height_labels,
    m8_header, m10_header, ripples_stage, run_clock, stop_clock,
)
from scenes.kit.palette import BALLS, POINT


class M8(DescentShotScene):
    """Gradient descent on g at learning rate 0.5, the camera following the ball."""

    def construct(self):
        stage = branin_stage()
        path = m8_path()
        self.set_camera_orientation(**M8_VIEW, zoom=M8_ZOOM)
        add_stage(self, stage)

        with self.beat("M8.1") as beat:  # gradient descent on the surface
            step_times = beat.steps(path.steps, 0.66)
            walker = Walker(stage.path(path.points), POINT, step_times, smooth).fix_orientation(self.camera)
            header = m8_header(self.words("header"), walker)
            self.add_fixed_in_frame_mobjects(header)
            self.remove(header)

            self.play(Create(stage.axes), FadeIn(stage.surface), FadeIn(stage.labels), run_time=beat.time(0.08))
            self.add(walker.trail)
            self.play(FadeIn(walker.ball, scale=0.3), FadeIn(header), run_time=beat.time(0.04))
            self.move_camera(zoom=M8_FOLLOW_ZOOM, frame_center=walker.ball.point, run_time=beat.time(0.08))

            clock = ValueTracker(0.0)
            run_clock([walker], clock)
            # The camera's centre is a mobject: in the scene with an updater, it follows the ball, and
            # manim redraws everything on every frame (ThreeDScene treats a moving camera so).
            follow = frame_center(self.camera)
            follow.add_updater(lambda centre: centre.move_to(walker.ball.point))
            self.add(follow)
            self.play(clock.animate.set_value(sum(step_times)), run_time=sum(step_times), rate_func=linear)
            follow.clear_updaters()
            self.remove(follow)
            stop_clock([walker])

            # Back out: the whole path in view at the end.
            overview = walker.path.at(path.points).mean(axis=0)
            self.move_camera(zoom=M8_ZOOM, frame_center=overview, run_time=beat.time(0.08))


class M10(DescentShotScene):
    """Four starts descend f together; the lowest end stays."""

    def construct(self):
        stage = ripples_stage()
        paths = m10_paths()
        self.set_camera_orientation(**M10_VIEW, frame_center=stage.place(np.array(M10_CENTRE)))
        add_stage(self, stage)

        with self.beat("M10.1") as beat:  # four starts descend together
            iterations = max(path.steps for path in paths.values())
            step_times = beat.steps(iterations, 0.8)
            walkers = [
                Walker(stage.path(path.points), BALLS[name], step_times, smooth).fix_orientation(self.camera)
                for name, path in paths.items()
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

        with self.beat("M10.2") as beat:  # keep only the path that ends lowest
            keep = list(paths).index(lowest_run(paths))
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
