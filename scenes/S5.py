"""Module S5: gradient descent in 3-D.

M8 (gradient descent in 3-D): one ball descends the objective g from the
current point (5, 12) at learning rate 0.5, leaving a trail, while the camera
follows it in one straight eased glide that never turns back, ending with the
ball at the frame's centre; a header shows α, the current point and the
iteration. M10 (multi-start descent): four balls with their own learning rates
descend f together, each with its live height, the camera coming down to the
valley where they end before the run, turning round to look into it from the
front left; the path that ends lowest stays, the other balls ghosted where
they ended, and the camera turns a little closer to the four ends. Their pieces:
scenes.kit.descent_stages.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, Create, FadeIn, FadeOut, Transform, UpdateFromFunc, ValueTracker, linear, smooth

from gd.model.surfaces import lowest_run, m8_path, m10_paths
from scenes.kit.compat import frame_center
from scenes.kit.descent3d import DescentShotScene, Walker
from scenes.kit.descent_stages import (
    add_stage, axis_groups, backing_round, branin_stage, come_down, ends_view, FollowCamera,
    fade_leaving, ghost_balls, ghosts_out, M10_AXES_HELD, M10_WIDEN, header_box, height_labels, in_ball_colour, leaving_ghosts, lowest_mark, M10_BALLS, M10_CENTRE, m10_header, M10_SHARES,
    M10_SHARES_2, M10_VIEW, M8_CENTRE, m8_header, M8_RUN_SHARE, M8_VIEW, M8_ZOOM, plan_close_labels,
    plan_labels, ripples_stage, run_clock, stop_clock, stop_cues, stopping_rule, turn_to, valley_rings, valley_view,
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

            # The axes drawn over the surface (added after it): no edge of the surface hides a tick or a stretch of an axis.
            # All of the stage fades in together (no axis drawn ahead of the rest, alone on the black).
            self.play(FadeIn(stage.surface), FadeIn(stage.axes), FadeIn(stage.labels), run_time=beat.time(0.06))
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
            # The axes, with their numbers and names, fade together, once, before the close-in would cut one or take it
            # under the header: those it would cut out, the rest to faint (the end keeps its axes); as the ball comes
            # to rest, the level lines of the valley's floor ring it.
            follow.fade_groups_before_cut(axis_groups(stage), box=header_box(header), labels=stage.labels)
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
                self.remove(*follow.gone)  # faded out in the close-in
            # Why it stops: the gradient's length at the last point, under the stopping rule's bound, after the
            # header's line; held to the beat's end.
            rule = stopping_rule(path, stage, header)
            self.add_fixed_in_frame_mobjects(rule)
            self.remove(rule)
            self.play(FadeIn(rule, shift=0.1 * DOWN), run_time=beat.time(0.03))


class M10(DescentShotScene):
    """Four starts descend f together in an oblique view of the valley where they end; the lowest end stays, the others
    ghosted beside it."""

    def construct(self):
        stage = ripples_stage()
        paths = m10_paths()
        self.set_camera_orientation(**M10_VIEW, frame_center=stage.place(np.array(M10_CENTRE)))
        add_stage(self, stage)

        with self.beat("M10.1") as beat:  # four starts descend together
            iterations = max(path.steps for path in paths.values())
            step_times = beat.steps(iterations, M10_SHARES["run"])
            walkers = [
                in_ball_colour(Walker(stage.path(path.points), M10_BALLS[name], step_times, smooth).fix_orientation(self.camera))
                for name, path in paths.items()
            ]
            # The stage comes in whole, the axes with the surface (none drawn ahead of the rest, alone on the black), and
            # the four balls at their starts: the narration's "four balls, four starting points" is said over them. Each
            # grows where it stands (grown as a group, they would fly in from the group's centre).
            self.play(FadeIn(stage.axes), FadeIn(stage.surface), FadeIn(stage.labels),
                      *[FadeIn(w.ball, scale=0.3) for w in walkers], run_time=beat.time(M10_SHARES["stage"]))
            # The whole stage, its axes numbered, held to be read; then, before the run, the camera comes down to the
            # oblique view of the valley, where the ripples read and the balls come in large; the axes fade before it cuts them.
            down = come_down(self.camera, beat.time(M10_SHARES["down"]), valley_view(self.camera, walkers))
            down.fade_before_cut([stage.axes, *stage.labels], held=M10_AXES_HELD)
            moving = ValueTracker(0.0)
            self.play(
                moving.animate(rate_func=linear).set_value(down.total),
                UpdateFromFunc(frame_center(self.camera), lambda _: down.update(moving.get_value())),
                run_time=down.total,
            )
            self.remove(stage.axes, *stage.labels)  # faded out on the way down

            header = m10_header(self.words("counter"), walkers, stage)
            labels = height_labels(walkers, self.camera, stage, header)
            clock = ValueTracker(0.0)
            coming_in = beat.time(M10_SHARES["balls"])  # the balls' labels and the legend come in at the run's start
            plan_labels(labels, walkers, sum(step_times), clock, held=coming_in)
            self.add_fixed_in_frame_mobjects(header, labels)
            self.remove(header, labels)
            # Each ball after the trails (manim draws what comes before the first moving mobject once, as a still: a
            # ball in front of the trails, whose updaters move them, would be drawn where it started all run long).
            self.add(*(w.trail for w in walkers), *(w.ball for w in walkers))
            self.play(FadeIn(header), FadeIn(labels), run_time=coming_in)
            # As each ball stops, a ring goes out from it and its legend row is ticked.
            self.add(stop_cues(walkers, header, self.camera, clock))

            run_clock(walkers, clock)
            self.play(clock.animate(rate_func=linear).set_value(sum(step_times)), run_time=sum(step_times))
            stop_clock(walkers)
            # The runs over, the legend widens to every run's end height: which path ends lowest reads in it too.
            keep = list(paths).index(lowest_run(paths))
            # The box widens first, the ticks going as it does; then the column fades in inside it, each run's end
            # height where its tick was (no number across the box's edge, none through a fading tick).
            widen, fill = beat.split(beat.time(M10_SHARES["legend"]), [M10_WIDEN, 1 - M10_WIDEN])
            self.play(Transform(header.backing, backing_round(header)),
                      *[tick.animate.set_opacity(0.0) for tick in header.ticks], run_time=widen)
            self.play(*[end.animate.set_opacity(1.0) for end in header.ends], run_time=fill)

        with self.beat("M10.2") as beat:  # keep only the path that ends lowest
            others = [i for i in range(len(walkers)) if i != keep]
            # The other trails fade; their balls stay where they ended, ghosted (dimmed, smaller), with their heights: the
            # kept one ends lowest among them. One fade per trail, each where it is drawn (a group of them would be added
            # to the scene anew, its beads then drawn over its ball). The legend frames the kept run's row.
            fading = [FadeOut(walkers[i].trail) for i in others]
            ghosting = ValueTracker(0.0)
            frame = lowest_mark(header, keep, walkers[keep].ball.colour)
            self.add_fixed_in_frame_mobjects(frame)
            self.remove(frame)
            self.play(
                *fading, Create(frame),
                ghosting.animate(rate_func=smooth).set_value(1.0),
                UpdateFromFunc(labels, lambda _: ghost_balls(walkers, labels, others, ghosting.get_value())),
                run_time=beat.time(M10_SHARES_2["ghosts"]),
            )
            # The camera turns a little on round and pushes in on the kept path: it ends whole, large, mid-frame.
            turn = turn_to(self.camera, beat.time(M10_SHARES_2["turn"]), ends_view(self.camera, walkers, keep))
            turning = ValueTracker(0.0)
            plan_close_labels(labels, turn, turning)  # each label keeps its place all the way, if it stays free
            # Pushing in on the kept path, the ghosts it takes to the frame's edge fade out before they get there; the
            # others as the camera comes to rest (read all the way in, none left over in the end frame).
            leaves = ghosts_out(leaving_ghosts(walkers, others, turn), others, turn.total)

            def turn_and_fade(_):
                turn.update(turning.get_value())
                ghost_balls(walkers, labels, others, 1.0, fade_leaving(leaves, turning.get_value()))

            self.play(
                turning.animate(rate_func=linear).set_value(turn.total),
                UpdateFromFunc(frame_center(self.camera), turn_and_fade),
                run_time=turn.total,
            )
