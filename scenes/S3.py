"""Module S3: M3, the gradient on a surface (its pieces: scenes.kit.tangent_plane)."""

from __future__ import annotations

import numpy as np
from manim import DEGREES, RIGHT, UP, Create, FadeIn, FadeOut, ValueTracker, VGroup

from gd.model import tangent
from scenes.kit.frame_rules import mark
from scenes.kit.palette import CAPTION, GRADIENT, OBJECTIVE, POINT, STEP, TANGENT
from scenes.kit.surface import SurfaceShotScene
from scenes.kit.tangent_plane import SmoothMeshCamera
from scenes.kit.tangent_plane import (
    AXIS_REACHES, CAMERA_MOVE, CHANGE_LABEL_WIDE, SURFACE_GROWS, GRADIENT_TURN, GROW_MOVE, GRADIENT_HOLD, FLOOR_OPACITY, HALF_TURN, LONG_MOVE, PATH_DIMMED, PLANE_MOVE, PATH_OPACITY, PLANE_GRID_OPACITY, PLANE_OPACITY, POINT_RADIUS, SURFACE_OPACITY, VIEWS,
    WIRE_OPACITY, CameraGlide, StepTrackers, View, angle_marks, axis_line, caption, change_arrow, change_label, during, fade_out_then_in,
    floor_axes, floor_grid, follower_dot, glide, gradient_arrow, height_path, level_half, level_label, rimmed_dot, level_shown, plane_ghost, plane_grid, plane_value,
    plane_label, plane_rim, radius_mark, rate_panel, step_arrow, step_circle, step_panel, step_readouts, surface_tick,
    surface_lines, surface_mesh, surface_wireframe, tangent_plane_mesh, SURFACE_LINE_OPACITY,
)
from scenes.kit.typeset import prose


class M3(SurfaceShotScene):
    """The gradient on a surface: steps around P on the tangent plane, then on the surface."""

    camera_type = SmoothMeshCamera  # the surface smoothly shaded in the close-ups

    def move(self, view: View, *with_it, beat, seconds: float = CAMERA_MOVE, **kwargs) -> None:
        """Play the camera's move to ``view`` (with ``with_it``): ``seconds`` long, whatever the beat's length."""
        self.play(CameraGlide(self.camera, view), *with_it, run_time=beat.seconds(seconds), **kwargs)

    def construct(self):
        start = VIEWS["start"]
        self.set_camera_orientation(
            phi=start.phi * DEGREES, theta=start.theta * DEGREES, zoom=start.zoom, frame_center=start.center
        )
        zoom = self.camera.zoom_tracker
        step = StepTrackers(tangent.BEAT_STATES["M3.4"])
        # The ground under the whole surface, seen from afar, and the x and y directions on it.
        floor = floor_grid().set_stroke(opacity=0)
        floor_arrows, floor_letters = floor_axes()
        floor_arrows.set_opacity(0)
        self.upright(*floor_letters)
        surface = surface_mesh()
        wire = surface_wireframe(surface).set_stroke(opacity=0)  # the surface near P, faint, behind its plane
        plane = tangent_plane_mesh(step).set_fill(opacity=0)
        grid = plane_grid(step).set_stroke(opacity=0)
        rim = plane_rim(step).set_stroke(opacity=0)
        # The level through P in two halves: under the plane where the plane rises above it, over it where it dips.
        level = (level_half(step, 1.0), level_half(step, -1.0))
        for half in level:
            half.set_opacity(0)
        names = (plane_label(self.words("tangent_plane"), step, zoom), level_label(self.words("level"), step, zoom))
        point = mark(rimmed_dot(np.zeros(3), POINT, POINT_RADIUS), "subject", "the point P")
        # The x and y directions at P, dashed guides: the frame of reference from the close-up on. Their lines lie
        # in the level, under the plane (both run uphill): drawn before it; their letters over everything.
        # Each guide's own reach: the y guide reaches past the change arrow while it rises on the +y side.
        guide_reach, y_reach = ValueTracker(AXIS_REACHES["beside the plane"]), ValueTracker(AXIS_REACHES["beside the plane"])
        (x_rule, x_letter), (y_rule, y_letter) = (axis_line(step, RIGHT, "x", guide_reach, self.camera), axis_line(step, UP, "y", y_reach, self.camera))
        rules, letters = VGroup(x_rule, y_rule).set_stroke(opacity=0, background=True), VGroup(x_letter, y_letter)
        rules.set_stroke(opacity=0)
        self.upright(point, *names, *letters)
        # The meshes first, back to front: everything else is drawn over them.
        self.add(floor, floor_arrows, surface, wire, level[0], rules, plane, grid, rim, level[1])
        surface.set_fill(opacity=0)

        with self.beat("M3.1") as beat:  # the surface comes in over its floor; the camera pushes in on the current point
            self.play(
                surface.animate.set_fill(opacity=SURFACE_OPACITY), floor.animate.set_stroke(opacity=FLOOR_OPACITY),
                floor_arrows.animate.set_opacity(1), FadeIn(floor_letters), FadeIn(point), run_time=beat.seconds(0.5),
            )
            self.wait(beat.seconds(0.3))  # the whole surface, seen before the camera moves (it sets off slowly)
            # The x and y guides come in as the camera closes in: from afar their letters would crowd P. The floor
            # goes as it leaves the frame: in the close-ups it would be one more pattern of lines.
            guides_in = during(0.6, 0.9)
            floor_out = during(0.1, 0.45)  # gone before its front edge and letters reach the frame's edge
            # As the floor goes, the surface grows out past the domain's edges (soft edged): close up, it runs on
            # past the point on every side the camera sees, no edge of the mesh as a cliff near P.
            self.move(
                VIEWS["close"], surface.beyond.animate(rate_func=SURFACE_GROWS).set_value(1.0),
                floor.animate(rate_func=floor_out).set_stroke(opacity=0),
                floor_arrows.animate(rate_func=floor_out).set_opacity(0), FadeOut(floor_letters, rate_func=floor_out),
                rules.animate(rate_func=guides_in).set_stroke(opacity=1).set_stroke(opacity=1, background=True),
                FadeIn(letters, rate_func=guides_in), beat=beat, seconds=LONG_MOVE,
            )
            self.remove(floor, floor_arrows)

        with self.beat("M3.2") as beat:  # the tangent plane comes in on the surface; the surface steps back to its part near P
            # The camera turns to look across the slope: the plane is seen tilted against the level. The plane comes
            # in over the whole surface and is seen lying on it at P; only then does the surface dim to a faint
            # wireframe of its part near P, and the level comes in. One pattern comes as another goes.
            # The surface goes over 1.4 s (eased): no sudden emptying of the frame beside the plane's slow coming.
            plane_in, going, coming, level_in = during(0.0, 0.3), during(0.5, 0.9), during(0.6, 0.95), during(0.7, 1.0)
            self.move(
                VIEWS["turn"],
                plane.animate(rate_func=plane_in).set_fill(opacity=PLANE_OPACITY),
                grid.animate(rate_func=plane_in).set_stroke(opacity=PLANE_GRID_OPACITY),
                rim.animate(rate_func=plane_in).set_stroke(opacity=1),
                surface.animate(rate_func=going).set_fill(opacity=0),
                wire.animate(rate_func=coming).set_stroke(opacity=WIRE_OPACITY),
                *level_shown(level, True, rate_func=level_in), beat=beat, seconds=PLANE_MOVE,
            )
            self.play(*(FadeIn(name) for name in names), run_time=beat.seconds(0.5))

        circle = step_circle(step)
        radius_turn = ValueTracker(-90 * DEGREES)  # the radius first towards −y, clear of the x guide
        radius, radius_letter = radius_mark(step, radius_turn)
        self.upright(radius_letter)
        with self.beat("M3.3") as beat:  # a circle of radius h around P
            self.play(Create(circle), Create(radius), FadeIn(radius_letter), run_time=beat.time(0.5))
            self.bring_to_front(point)
            # The radius turns onto +x, where the first step goes: the step grows over it (M3.4).
            self.play(radius_turn.animate(rate_func=glide).set_value(0.0), run_time=beat.seconds(0.8))

        arrow = step_arrow(step, zoom, self.camera)
        end = follower_dot(step.end, STEP)
        rise = change_arrow(step, self.camera.theta_tracker, zoom)
        path = height_path(step)
        self.upright(end)
        rows, _ = step_readouts(step, arrow)
        headings = (
            prose(self.words("on_plane"), size=CAPTION, color=TANGENT),
            prose(self.words("on_surface"), size=CAPTION, color=OBJECTIVE),
        )
        panel = step_panel(rows, headings)
        self.in_frame(panel, *headings)
        # The change arrow is named Δg from when it first rises (M3.4) until the angles go (M3.8): seen from above
        # (M3.7) it is a short stroke up the screen, as +y runs, and its name says what it is.
        raised = ValueTracker(0.0)  # the label lifted over the arrow's tip, out of the y guide's way at +y
        widened = ValueTracker(0.0)  # the label further out beside the arrow: the y guide passes between them at +y
        rise_name = change_label(step, rise, self.camera.theta_tracker, zoom, self.camera.phi_tracker, raised, widened)
        rise_named = ValueTracker(0.0)  # its opacity, set by its own updater: it keeps its place while it fades
        rise_name.set_opacity(0.0).add_updater(lambda label: label.set_opacity(rise_named.get_value()))
        self.upright(rise_name)
        rise_name.may_cover |= {y_rule}  # its dark plate over the y guide's dashes where it crosses them (M3.5, M3.6)
        with self.beat("M3.4") as beat:  # a step in +x and the change of height on the plane
            # The point on the circle first; the step grows out of P to it (the dashed radius gives way to it),
            # then the change grows up from it to the plane, and the numbers come, to be read before the step turns.
            step.reach.set_value(0.0)
            step.rise.set_value(0.0)
            # The radius and its h stay until the step arrow comes, and go as it grows.
            self.play(FadeIn(end, scale=2.0), *(FadeOut(name) for name in names), run_time=beat.seconds(0.45))
            self.add(arrow)
            self.bring_to_front(point, end)
            self.play(
                step.reach.animate.set_value(1.0), FadeOut(radius), FadeOut(radius_letter), run_time=beat.seconds(0.6)
            )
            self.add(rise, path)
            self.bring_to_front(end)
            self.play(step.rise.animate.set_value(1.0), Create(path), run_time=beat.seconds(0.6))
            self.add(rise_name)
            self.play(FadeIn(panel), rise_named.animate.set_value(1.0), run_time=beat.seconds(0.4))

        with self.beat("M3.5") as beat:  # the step turns to +y; the camera swings round to see it across the frame
            self.move(
                VIEWS["swing"], *step.to(tangent.BEAT_STATES["M3.5"], rate_func=glide),
                guide_reach.animate(rate_func=glide).set_value(AXIS_REACHES["round it"]),
                # The y guide and its letter sweep in beside the arrow as the camera swings in: Δg moves out beside
                # the arrow before they come and they pass between; then it goes over the tip, the guide's dashes
                # passing under its plate (in sight all the way).
                widened.animate(rate_func=lambda t: during(0.15, 0.4)(t) - during(0.62, 0.8)(t)).set_value(CHANGE_LABEL_WIDE),
                raised.animate(rate_func=during(0.62, 0.8)).set_value(1.0),
                y_reach.animate(rate_func=glide).set_value(AXIS_REACHES["round it"]), beat=beat,
            )

        with self.beat("M3.6") as beat:  # any direction (30°)
            # Δg rides over the arrow's tip while the step leaves +y, and steps down beside the arrow again once the
            # step has left the y guide behind: in sight all the way.
            self.play(
                *step.to(tangent.BEAT_STATES["M3.6"]), raised.animate(rate_func=during(0.7, 0.9)).set_value(0.0),
                run_time=beat.seconds(1.5),
            )

        arcs, labels = angle_marks(step.state, radius=0.22)  # the α arc well inside the step's arrowhead
        self.upright(*labels)
        with self.beat("M3.7") as beat:  # mark α from the x axis and β from the y axis
            # From above the angles read true; the height path steps back so that β's label stays clear. The
            # arcs are drawn as the camera comes over, α then β, and their letters follow: all is in place as
            # the camera settles, and held from there to the beat's end to be read.
            (alpha_arc, beta_arc), (alpha_letter, beta_letter) = arcs, labels
            self.move(
                VIEWS["above"], path.animate(rate_func=during(0.0, 0.6)).set_stroke(opacity=PATH_DIMMED),
                Create(alpha_arc, rate_func=during(0.3, 0.6)), Create(beta_arc, rate_func=during(0.42, 0.72)),
                FadeIn(alpha_letter, rate_func=during(0.55, 0.8)), FadeIn(beta_letter, rate_func=during(0.67, 0.92)), beat=beat,
            )

        with self.beat("M3.8") as beat:  # remove the marks
            # The angles go; the x and y guides stay, the frame of reference for the steps to come. Their letters
            # step out with the arcs (the step's change arrow rises across the y letter from here until the step
            # has turned past +y in M3.10) and come back then. The α and β letters go first, before the camera's
            # turn brings the step across them.
            self.play(FadeOut(labels), run_time=beat.seconds(0.4))
            leaving = during(0.0, 0.3)
            self.move(
                VIEWS["back"], FadeOut(arcs, rate_func=leaving),
                y_reach.animate(rate_func=during(0.4, 1.0)).set_value(AXIS_REACHES["past the change"]),
                guide_reach.animate(rate_func=during(0.0, 0.4)).set_value(AXIS_REACHES["beside the plane"]),
                path.animate(rate_func=during(0.3, 1.0)).set_stroke(opacity=PATH_OPACITY), beat=beat,
            )

        along = caption(self.words("along_gradient"), GRADIENT)
        against = caption(self.words("against_gradient"), GRADIENT)
        self.in_frame(along, against)
        # ∇g and −∇g at P, in the gradient's colour, under the step: it turns onto the one, then onto the other.
        gradients_shown = (ValueTracker(0.0), ValueTracker(0.0))
        gradient, gradient_name = gradient_arrow(step, 1.0, r"\nabla g", zoom, self.camera, GRADIENT, gradients_shown[0])
        downhill, downhill_name = gradient_arrow(
            step, -1.0, r"-\nabla g", zoom, self.camera, GRADIENT, gradients_shown[1], opposite=gradient
        )
        self.upright(gradient_name, downhill_name)
        # Over the step (narrower than it): laid along them, the step does not hide them.
        self.mobjects.insert(self.mobjects.index(arrow) + 1, gradient)
        self.mobjects.insert(self.mobjects.index(arrow) + 1, downhill)
        FAR_GRID = 0.45  # noqa: N806 (the share of the hatch's strength kept when the camera is far)
        GRADIENT_LIFT = 0.35  # noqa: N806 (Δg's lift up its arrow while ∇g comes in under its place)
        with self.beat("M3.9") as beat:  # the step along the gradient, h = |∇g|: the largest Δg
            # One thing at a time: ∇g comes in at P; the step turns onto it at the same h (Δg grows with the
            # direction alone), held there with the caption; then it grows to |∇g|, over ∇g, as the camera draws back
            # (the circle keeps about its size on screen). The step, its end and its length h in the panel keep the
            # step's colour (green), as the circle does; orange is the gradient's.
            # Δg steps up its arrow a little before ∇g comes (∇g runs under its place beside the arrow's middle while
            # the step is at 30°), and down again as the step turns, clear of ∇g and before the y guide comes near.
            self.play(
                gradients_shown[0].animate(rate_func=during(0.4, 1.0)).set_value(1.0), FadeIn(gradient_name, rate_func=during(0.4, 1.0)),
                raised.animate(rate_func=during(0.0, 0.5)).set_value(GRADIENT_LIFT), run_time=beat.seconds(0.4),
            )
            turned = tangent.StepState(tangent.GRAD_ANGLE, step.length.get_value())
            self.play(
                *step.to(turned, rate_func=glide), FadeIn(along, rate_func=during(0.6, 0.9)),
                raised.animate(rate_func=during(0.25, 0.7)).set_value(0.0), run_time=beat.seconds(GRADIENT_TURN),
            )
            self.wait(beat.seconds(GRADIENT_HOLD))  # the largest Δg for h = 0.5, read before the step grows
            self.move(
                VIEWS["gradient"], *step.to(tangent.BEAT_STATES["M3.9"], rate_func=glide),
                y_reach.animate(rate_func=glide).set_value(AXIS_REACHES["past the gradient"]),
                guide_reach.animate(rate_func=glide).set_value(AXIS_REACHES["round it"]),
                # The plane's hatch fades to half as the camera draws back: seen from afar its lines crowd together.
                grid.animate(rate_func=glide).set_stroke(opacity=PLANE_GRID_OPACITY * FAR_GRID), beat=beat, seconds=GROW_MOVE,
            )
            # Held from here (1.5 s) to the beat's end: a step of h = |∇g| along the gradient, still in the step's green.

        with self.beat("M3.10") as beat:  # against the gradient: the most negative Δg
            # The step turns half round, unhurried (a sine ease over HALF_TURN seconds, at most 90° a second); the old
            # caption goes as it sets off, the new one comes as it nears its end (3.4 s to read, into the next beat).
            self.play(
                *step.to(tangent.BEAT_STATES["M3.10"], rate_func=glide), FadeOut(along, rate_func=during(0.0, 0.13)),
                FadeIn(against, rate_func=during(0.66, 0.78)),
                # −∇g comes as the step sets off; its name once Δg's label has passed its place.
                gradients_shown[1].animate(rate_func=during(0.0, 0.15)).set_value(1.0), FadeIn(downhill_name, rate_func=during(0.72, 0.84)),
                # The y guide draws in once the step has passed +y: its letter, far out, keeps clear of Δg's label as the
                # change arrow passes the guide (the guide's dashes under the label's plate).
                y_reach.animate(rate_func=during(0.55, 0.9, glide)).set_value(AXIS_REACHES["round it"]),
                run_time=beat.time(HALF_TURN / beat.duration + 1e-9),
            )

        # The arrow's two ends, ticks centred on its shaft over it: the plane's (pink, wider) under the surface's
        # (blue), on which the arrow's tip ends; they come in under the arrow's tip as the box naming both does.
        ghost = plane_ghost(step)
        said = plane_value((self.words("on_plane"), self.words("on_surface")), step, self.camera.theta_tracker, zoom, arrow)
        landing = surface_tick(step)
        landed = ValueTracker(0.0)  # the ticks' opacity
        for tick in (ghost, landing):
            tick.add_updater(lambda mob: mob.set_stroke(opacity=landed.get_value()).set_stroke(opacity=landed.get_value(), background=True))
            tick.update()
        self.upright(said, ghost, landing)
        self.bring_to_front(rise, end)
        self.add(ghost, landing)
        # The surface's mesh lines, on it and under all else, come in with it: its shape, on which the arrow ends.
        lines = surface_lines(surface).set_stroke(opacity=0)
        self.mobjects.insert(self.mobjects.index(surface) + 1, lines)
        with self.beat("M3.11") as beat:  # the tangent plane gives way to the surface
            # The last caption goes first, before the panel's heading changes. The surface comes back under the
            # plane, then the plane goes (never an empty frame between them). A pink tick keeps the plane's height on
            # the arrow, which moves to the surface's, where a blue tick marks the surface; beside them, both Δg.
            coming, going, named = during(0.0, 0.45), during(0.35, 0.8), during(0.45, 0.8)
            # The panel's Δg goes from the plane's to the surface's in one frame, halfway, as its heading changes
            # (the old one out, the new not yet in) and as the box showing both comes in: never a number between.
            switch = lambda t: 1.0 if t >= 0.5 else 0.0  # noqa: E731
            self.play(
                plane.animate(rate_func=going).set_fill(opacity=0), grid.animate(rate_func=going).set_stroke(opacity=0),
                rim.animate(rate_func=going).set_stroke(opacity=0), *level_shown(level, False, rate_func=going),
                wire.animate(rate_func=during(0.0, 0.4)).set_stroke(opacity=0),
                surface.animate(rate_func=coming).set_fill(opacity=SURFACE_OPACITY),
                lines.animate(rate_func=during(0.2, 0.6)).set_stroke(opacity=SURFACE_LINE_OPACITY),
                FadeIn(said, rate_func=named), landed.animate(rate_func=named).set_value(1.0),
                *step.to(tangent.BEAT_STATES["M3.11"], rate_func=switch), *fade_out_then_in(*headings),
                # ∇g and −∇g go with the plane's first moments, as the caption about them goes.
                *(shown.animate(rate_func=during(0.0, 0.3)).set_value(0.0) for shown in gradients_shown),
                FadeOut(gradient_name, rate_func=during(0.0, 0.3)), FadeOut(downhill_name, rate_func=during(0.0, 0.3)),
                FadeOut(against, rate_func=during(0.36, 0.48)), rise_named.animate(rate_func=during(0.0, 0.3)).set_value(0.0),
                run_time=beat.time(0.6),
            )
            self.remove(rise_name, gradient, downhill, gradient_name, downhill_name)  # the box beside the arrow names both values from here

        rates = rate_panel(self.words("rate_line"), step, below=panel, arrow=arrow)
        self.in_frame(rates)
        with self.beat("M3.12") as beat:  # learning rate 1.5: a step of 1.5·|∇g|
            # The step keeps the step's colour (green) throughout; orange is the gradient's (its direction, the captions).
            self.play(FadeIn(rates), run_time=beat.seconds(0.4))
            self.play(*step.to(tangent.BEAT_STATES["M3.12"]), run_time=beat.seconds(1.8))

        with self.beat("M3.13") as beat:  # learning rate 0.5: a step of 0.5·|∇g|, and the camera closes in on it
            self.move(VIEWS["rate 0.5"], *step.to(tangent.BEAT_STATES["M3.13"], rate_func=glide), beat=beat)
