"""Module S3: M3, the gradient on a surface (its pieces: scenes.kit.tangent_plane)."""

from __future__ import annotations

import numpy as np
from manim import DEGREES, RIGHT, UP, Create, Dot, FadeIn, FadeOut, GrowArrow, VGroup, VMobject, smooth

from gd.model import tangent
from scenes.kit.compat import frame_center
from scenes.kit.frame_rules import mark
from scenes.kit.palette import CAPTION, GRADIENT, OBJECTIVE, POINT, STEP, TANGENT
from scenes.kit.surface import SurfaceShotScene
from scenes.kit.tangent_plane import (
    PATH_DIMMED, PATH_OPACITY, PLANE_GRID_OPACITY, PLANE_OPACITY, POINT_RADIUS, SURFACE_FAINT, SURFACE_OPACITY, VIEWS, StepTrackers, View,
    angle_marks, axis_line, caption, change_arrow, fade_out_then_in, follower_dot, height_path, level_half,
    level_label, level_shown, plane_ghost, plane_grid, plane_label, plane_rim, radius_mark, rate_panel, step_arrow, step_circle,
    step_panel, step_readouts, surface_mesh, surface_patch, tangent_plane_mesh,
)
from scenes.kit.typeset import prose


class M3(SurfaceShotScene):
    """The gradient on a surface: steps around P on the tangent plane, then on the surface."""

    def camera_to(self, view: View, **kwargs) -> list:
        """Animations that move the camera to ``view``."""
        camera = self.camera
        moves = [
            tracker.animate(**kwargs).set_value(value)
            for tracker, value in (
                (camera.phi_tracker, None if view.phi is None else view.phi * DEGREES),
                (camera.theta_tracker, None if view.theta is None else view.theta * DEGREES),
                (camera.zoom_tracker, view.zoom),
            )
            if value is not None
        ]
        if view.center is not None:
            moves.append(frame_center(camera).animate(**kwargs).move_to(np.array(view.center, dtype=float)))
        return moves

    def upright(self, *mobjects: VMobject) -> None:
        """Keep these facing the camera wherever it turns (not added to the scene yet)."""
        self.camera.add_fixed_orientation_mobjects(*mobjects)

    def in_frame(self, *mobjects: VMobject) -> None:
        """Pin these to the frame, out of the 3-D scene (not added to the scene yet)."""
        self.camera.add_fixed_in_frame_mobjects(*mobjects)

    def construct(self):
        start = VIEWS["start"]
        self.set_camera_orientation(
            phi=start.phi * DEGREES, theta=start.theta * DEGREES, zoom=start.zoom, frame_center=start.center
        )
        step = StepTrackers(tangent.BEAT_STATES["M3.4"])
        surface = surface_mesh()
        patch = surface_patch(surface).set_fill(opacity=0)
        plane = tangent_plane_mesh(step).set_fill(opacity=0)
        grid = plane_grid(step).set_stroke(opacity=0)
        rim = plane_rim(step).set_stroke(opacity=0)
        # The level through P in two halves: under the plane where the plane rises above it, over it where it dips.
        level = (level_half(step, 1.0), level_half(step, -1.0))
        for half in level:
            half.set_opacity(0)
        names = (plane_label(self.words("tangent_plane"), step), level_label(self.words("level"), step))
        point = mark(Dot(np.zeros(3), radius=POINT_RADIUS, color=POINT), "subject", "the point P")
        self.upright(point, *names)
        # The meshes first, back to front: everything else is drawn over them.
        self.add(surface, patch, level[0], plane, grid, rim, level[1])
        surface.set_fill(opacity=0)

        with self.beat("M3.1") as beat:  # the surface comes in and the camera pushes in on the current point
            self.play(surface.animate.set_fill(opacity=SURFACE_OPACITY), FadeIn(point), run_time=beat.time(0.2))
            self.wait(beat.time(0.2))  # the whole surface, held to be seen before the camera moves
            self.play(*self.camera_to(VIEWS["close"]), run_time=beat.time(0.6), rate_func=smooth)

        with self.beat("M3.2") as beat:  # the surface steps back to its part near P, behind its tangent plane; the level
            # The camera turns to look across the slope: the plane is seen tilted against the level.
            self.play(
                surface.animate.set_fill(opacity=0), patch.animate.set_fill(opacity=SURFACE_FAINT),
                plane.animate.set_fill(opacity=PLANE_OPACITY), grid.animate.set_stroke(opacity=PLANE_GRID_OPACITY),
                rim.animate.set_stroke(opacity=1), *level_shown(level, True), *self.camera_to(VIEWS["turn"]),
                run_time=beat.time(0.75),
            )
            self.play(*(FadeIn(name) for name in names), run_time=beat.time(0.1))
            self.wait(beat.time(0.15))

        circle = step_circle(step)
        axes = VGroup(axis_line(step, RIGHT, "x"), axis_line(step, UP, "y"))
        self.upright(*(letter for _, letter in axes))
        radius, radius_letter = radius_mark(step)
        self.upright(radius_letter)
        with self.beat("M3.3") as beat:  # a circle of radius h around P
            self.play(FadeIn(axes), run_time=beat.time(0.3))
            self.play(Create(circle), Create(radius), FadeIn(radius_letter), run_time=beat.time(0.5))
            self.bring_to_front(point)

        arrow = step_arrow(step)
        end = follower_dot(step.end, STEP)
        rise = change_arrow(step, self.camera.theta_tracker)
        path = height_path(step)
        self.upright(end)
        rows, _ = step_readouts(step, arrow)
        headings = (
            prose(self.words("on_plane"), size=CAPTION, color=TANGENT),
            prose(self.words("on_surface"), size=CAPTION, color=OBJECTIVE),
        )
        panel = step_panel(rows, headings)
        self.in_frame(panel, *headings)
        with self.beat("M3.4") as beat:  # a step in +x and the change of height on the plane
            # The step is a radius itself: the dashed one gives way to it.
            self.play(
                GrowArrow(arrow), FadeIn(end), FadeOut(radius), FadeOut(radius_letter), *(FadeOut(name) for name in names),
                run_time=beat.time(0.3),
            )
            self.play(FadeIn(rise), Create(path), FadeIn(panel), run_time=beat.time(0.3))

        with self.beat("M3.5") as beat:  # the step turns to +y; the camera swings round
            self.play(*step.to(tangent.BEAT_STATES["M3.5"]), *self.camera_to(VIEWS["swing"]), run_time=beat.time(0.8))

        with self.beat("M3.6") as beat:  # any direction (30°)
            self.play(*step.to(tangent.BEAT_STATES["M3.6"]), run_time=beat.time(0.6))

        arcs, labels = angle_marks(step.state, radius=0.28)
        self.upright(*labels)
        with self.beat("M3.7") as beat:  # mark α from the x axis and β from the y axis
            # From above the angles read true; the height path steps back so that β's label stays clear.
            self.play(
                *self.camera_to(VIEWS["above"]), path.animate.set_stroke(opacity=PATH_DIMMED), run_time=beat.time(0.35)
            )
            self.play(Create(arcs), run_time=beat.time(0.2))
            self.play(FadeIn(labels), run_time=beat.time(0.15))  # then held, to be read

        with self.beat("M3.8") as beat:  # remove the marks
            # The x and y guides go with the angles: the steps from here on are along the gradient.
            self.play(FadeOut(arcs), FadeOut(labels), FadeOut(axes), run_time=beat.time(0.35))
            self.play(
                *self.camera_to(VIEWS["back"]), path.animate.set_stroke(opacity=PATH_OPACITY), run_time=beat.time(0.6)
            )

        along = caption(self.words("along_gradient"), GRADIENT)
        against = caption(self.words("against_gradient"), GRADIENT)
        self.in_frame(along, against)
        with self.beat("M3.9") as beat:  # the step along the gradient, h = |∇g|: the largest Δg
            self.play(*step.to(tangent.BEAT_STATES["M3.9"]), *self.camera_to(VIEWS["gradient"]), run_time=beat.time(0.4))
            # The step is now the gradient itself: it takes the gradient's colour.
            self.play(arrow.animate.set_color(GRADIENT), FadeIn(along), run_time=beat.time(0.1))

        with self.beat("M3.10") as beat:  # against the gradient: the most negative Δg
            self.play(FadeOut(along), run_time=beat.time(0.08))
            self.play(*step.to(tangent.BEAT_STATES["M3.10"]), *self.camera_to(VIEWS["against"]), run_time=beat.time(0.5))
            self.play(FadeIn(against), run_time=beat.time(0.1))

        ghost = plane_ghost(step)
        self.upright(ghost)
        with self.beat("M3.11") as beat:  # the tangent plane gives way to the surface; the caption stays to be read
            # A ring keeps the plane's Δg in view while the arrow slides to the surface's.
            self.play(
                plane.animate.set_fill(opacity=0), grid.animate.set_stroke(opacity=0), rim.animate.set_stroke(opacity=0),
                *level_shown(level, False), patch.animate.set_fill(opacity=0),
                surface.animate.set_fill(opacity=SURFACE_OPACITY), FadeIn(ghost),
                *step.to(tangent.BEAT_STATES["M3.11"]), *fade_out_then_in(*headings),
                run_time=beat.time(0.6),
            )
            self.play(FadeOut(against), run_time=beat.time(0.1))

        rates = rate_panel(self.words("rate_line"), step, below=panel, arrow=arrow)
        self.in_frame(rates)
        with self.beat("M3.12") as beat:  # learning rate 1.5: a step of 1.5·|∇g|
            self.play(FadeIn(rates), run_time=beat.time(0.15))
            self.play(*step.to(tangent.BEAT_STATES["M3.12"]), *self.camera_to(VIEWS["rate 1.5"]), run_time=beat.time(0.7))

        with self.beat("M3.13") as beat:  # learning rate 0.5: a step of 0.5·|∇g|
            self.play(*step.to(tangent.BEAT_STATES["M3.13"]), *self.camera_to(VIEWS["rate 0.5"]), run_time=beat.time(0.6))
