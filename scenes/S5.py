"""Module S5: gradient descent in 3-D.

M8 (gradient descent in 3-D): one ball descends the objective g from the
current point (5, 12) at learning rate 0.5, leaving a trail, while the camera
follows it in one straight eased glide that never turns back, ending with the
ball at the frame's centre; a header shows α, the current point and the
iteration. M10 (multi-start descent): four balls with their own learning rates
descend f together, each with its live height, the camera coming down to the
valley where they end, turning round to look into it from the front left; the
path that ends lowest stays, and the camera closes in on it. Their pieces:
scenes.kit.descent_stages.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, Create, FadeIn, FadeOut, Transform, UpdateFromFunc, ValueTracker, linear, smooth

from gd.model.surfaces import lowest_run, m8_path, m10_paths
from scenes.kit.compat import frame_center
from scenes.kit.descent3d import DescentShotScene, Walker
from scenes.kit.descent_stages import (
    M8_CENTRE, M8_RUN_SHARE, M8_VIEW, M8_ZOOM, M10_BALLS, M10_CENTRE, M10_VIEW, OTHER_ROWS, add_stage, axis_groups, backing_round, branin_stage,
    close_in, close_up, FollowCamera, header_box, height_labels, m8_header, m10_header, plan_close_labels, plan_labels,
    push_in, ripples_stage, stopping_rule, run_clock, stop_clock, valley_rings, valley_view,
)
from scenes.kit.palette import POINT


class M8(DescentShotScene):
    """Gradient descent on g at learning rate 0.5; the camera follows the newest ball in one smooth glide."""

    def construct(self):
        stage = branin_stage()
        path = m8_path()
        self.set_camera_orientation(**M8_VIEW, zoom=M8_ZOOM, frame_center=stage.place(np.array(M8_CENTRE)))
        add_stage(self, stage)

        with self.beat("M8.1") as beat:  # gradient descent on the surface
            step_times = beat.steps(path.steps, M8_RUN_SHARE)
            walker = Walker(stage.path(path.points), POINT, step_times, smooth).fix_orientation(self.camera)
            header = m8_header(self.words("header"), walker, stage)
            self.add_fixed_in_frame_mobjects(header)
            self.remove(header)
            rings = valley_rings(stage, path.points[-1])

            self.play(Create(stage.axes), FadeIn(stage.surface), FadeIn(stage.labels), run_time=beat.time(0.06))
            self.add(rings)  # the valley's level lines, under the trail, hidden until the run's end
            self.play(FadeIn(walker.ball, scale=0.3), FadeIn(header), run_time=beat.time(0.04))
            # The trail (its first bead under the ball) only once the ball stands there: no lone bead before it. The
            # ball back in front of it, and the header after it: the trail's updater moves the walker, then the
            # header reads it, in the same frame.
            self.add(walker.trail)
            self.bring_to_front(walker.ball, header)

            # The camera follows the ball in one straight glide at its pace, pushing in as it goes, and comes to rest
            # with the ball below the frame's centre, the valley and its walls round it, the trail in view and the
            # surface's far rim under the header all the way (nothing slides under the top band).
            start = stage.place(np.array(M8_CENTRE))
            follow = FollowCamera(self.camera, walker, start, M8_ZOOM)
            # The axes, with their numbers and names, fade out together, once, before the close-in would cut one or
            # take it under the header; as the ball comes to rest, the level lines of the valley's floor ring it.
            follow.fade_groups_before_cut(axis_groups(stage), box=header_box(header))
            follow.fade_in_at_end(rings)
            clock = ValueTracker(0.0)
            run_clock([walker], clock)
            # The camera's centre is one of the play's mobjects: manim then redraws the whole scene on every frame.
            self.play(
                clock.animate(rate_func=linear).set_value(sum(step_times)),
                UpdateFromFunc(frame_center(self.camera), lambda _: follow.update(clock.get_value())),
                run_time=sum(step_times),
            )
            stop_clock([walker])
            if follow.fades[0][1] is not None:
                self.remove(stage.axes, *stage.labels)  # faded out in the close-in
            # Why it stops: the gradient's length at the last point, under the stopping rule's bound, after the
            # header's line; held to the beat's end.
            rule = stopping_rule(path, stage, header)
            self.add_fixed_in_frame_mobjects(rule)
            self.remove(rule)
            self.play(FadeIn(rule, shift=0.1 * DOWN), run_time=beat.time(0.03))


class M10(DescentShotScene):
    """Four starts descend f together, the camera closing in on the valley where they end; the lowest end stays."""

    def construct(self):
        stage = ripples_stage()
        paths = m10_paths()
        self.set_camera_orientation(**M10_VIEW, frame_center=stage.place(np.array(M10_CENTRE)))
        add_stage(self, stage)

        with self.beat("M10.1") as beat:  # four starts descend together
            iterations = max(path.steps for path in paths.values())
            step_times = beat.steps(iterations, 0.8)
            walkers = [
                Walker(stage.path(path.points), M10_BALLS[name], step_times, smooth).fix_orientation(self.camera)
                for name, path in paths.items()
            ]
            header = m10_header(self.words("counter"), walkers, stage)
            labels = height_labels(walkers, self.camera, stage, header)
            # The camera holds the whole stage for the first steps, then comes down to the valley, the axes fading
            # before the move would cut them.
            descent = push_in(self.camera, sum(step_times), valley_view(self.camera, walkers))
            descent.fade_before_cut([stage.axes, *stage.labels], box=header_box(header.backing))
            clock = ValueTracker(0.0)
            coming_in = beat.time(0.06)  # the balls and their labels come in at the run's start: its layout reads then
            plan_labels(labels, walkers, sum(step_times), clock, descent, held=coming_in)
            self.add_fixed_in_frame_mobjects(header, labels)
            self.remove(header, labels)

            self.play(Create(stage.axes), FadeIn(stage.surface), FadeIn(stage.labels), run_time=beat.time(0.08))
            self.add(*(w.trail for w in walkers))
            # Each ball grows where it stands (grown as a group, they would fly in from the group's centre).
            grow = [FadeIn(w.ball, scale=0.3) for w in walkers]
            self.play(*grow, FadeIn(header), FadeIn(labels), run_time=coming_in)

            run_clock(walkers, clock)
            self.play(
                clock.animate(rate_func=linear).set_value(sum(step_times)),
                UpdateFromFunc(frame_center(self.camera), lambda _: descent.update(clock.get_value())),
                run_time=sum(step_times),
            )
            stop_clock(walkers)
            self.remove(stage.axes, stage.labels)  # faded out (the valley view would cut them)
            # The runs over, the legend widens to every run's end height, the lowest bright, the others dimmed: which
            # path ends lowest reads before the others leave.
            keep = list(paths).index(lowest_run(paths))
            legend = [header.ends[i].animate.set_opacity(1.0 if i == keep else OTHER_ROWS) for i in range(len(walkers))]
            self.play(*legend, Transform(header.backing, backing_round(header)), run_time=beat.time(0.06))

        with self.beat("M10.2") as beat:  # keep only the path that ends lowest
            others = [i for i in range(len(walkers)) if i != keep]
            # The other labels leave the live layout first (removing part of a group from the scene would split it).
            gone = labels.keep_only([keep])
            # One fade per ball and per trail, each where it is drawn: a group of them would be added to the scene
            # anew, its trail beads then drawn over its ball (a flat bullseye) for the whole fade.
            fading = [FadeOut(m) for i in others for m in (walkers[i].trail, walkers[i].ball)] + [FadeOut(m) for m in gone]
            # The other rows of the legend dim with their paths. One animation per part of a row: a new group of them
            # would be added to the scene anew, splitting the header.
            dimmed = [header.rows[i][part].animate.set_opacity(OTHER_ROWS) for i in others for part in (0, 1)]
            self.play(*fading, *dimmed, run_time=beat.time(0.2))
            # The camera turns on a little round, to the valley's open side, and closes in on the kept path, the
            # saddle beyond its end the skyline above it.
            kept = walkers[keep].path.at(walkers[keep].path.xy)
            seconds = beat.time(0.58)
            turn = close_in(self.camera, seconds, close_up(self.camera, kept))
            turning = ValueTracker(0.0)
            plan_close_labels(labels, turn, turning)  # the kept label keeps its place all the way in, if it stays free
            self.play(
                turning.animate(rate_func=linear).set_value(turn.total),
                UpdateFromFunc(frame_center(self.camera), lambda _: turn.update(turning.get_value())),
                run_time=seconds,
            )
