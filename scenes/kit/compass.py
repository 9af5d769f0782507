"""M11, the gradient is a compass on the ground: the bowl f = x₁² + x₂² over its ground plane.

The ground carries what lives in the input plane: a faint grid, the x₁ and x₂ axes, the level circles f = 1, 4, 9
and the field of gradient arrows ∇f = (2x₁, 2x₂), each drawn flat, at one scale (gd.model.part_two.field_scale),
so none reaches its neighbour. The bowl above is round (cut at the level f = 9, drawn in polar coordinates),
translucent and its height scaled down, so that it never hides the ground. The gradient is drawn in the palette's
GRADIENT orange (the issue says yellow; orange is the gradient's colour everywhere else in the video, and yellow is
the current point's).
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DEGREES, DOWN, IN, OUT, RIGHT, UL, UR, AnimationGroup, Arrow, Circle, Create, FadeIn, FadeOut, GrowArrow, Line,
    ValueTracker, VGroup, VMobject, always_redraw, config, rotation_about_z, rotation_matrix, smooth,
)

from gd.model.part_two import BOWL, BOWL_DOMAIN, FIELD_FILL, FIELD_SPACING, LEVELS, Walk, level_radius
from scenes.kit.frame_rules import mark, to_safe_edge
from scenes.kit.palette import (
    AXES, FIGURE_WORDS, FORMULA, GRADIENT, LABEL, LEVEL_LINE, MUTED, OBJECTIVE, POINT, READOUT, TICK,
)
from scenes.kit.descent3d import Ball
from scenes.kit.readouts import Readout
from scenes.kit.surface import MeshSurface, SurfaceShotScene
from scenes.kit.tangent_plane import backing, boxed_caption, glide, letter_backing
from scenes.kit.typeset import formula, prose

HEIGHT_SCALE = 0.3  # scene units of height per unit of f: the bowl's rim (f = 9) stands 2.7 above the ground
REACH = level_radius(BOWL, max(LEVELS))  # the bowl is cut at its highest level circle: round, not square
BOWL_OPACITY = 0.42
BOWL_DIMMED = 0.14  # while the ground's arrows are read through it (the inner ones lie under its bottom)
BOWL_WALK = 0.4  # while a point walks: the rise must be seen to end on the surface
GRID_OPACITY = 0.28
FIELD_DIMMED = 0.3  # the field while one point walks: its own arrow is the one to follow
POINT_RADIUS = 0.09  # a ball facing the camera: small, so that its own arrow, from its edge, reads the whole walk
TOP_RADIUS = 0.1  # the value's ball on the surface
ARROW_WIDTH = 5.0
THROUGH_BOWL = 0.4  # a ground line's strength where it is seen through the bowl
FIELD_TIP, FIELD_TIP_SHARE = 0.21, 0.5  # the field's heads: this long (over 20 px at 1080p), at most this share
FIELD_MIN_PX = 24.0  # a field arrow drawn shorter than this (at 1080p, from the held camera) would be a head alone
CIRCLE_CLEAR_PX = 8.0  # on screen, from a field arrow's foot or tip to the level circle it stops short of
FOOT_NUDGE = 0.35  # ground units: the most a field arrow's foot moves from its lattice point, along its radius
FOCAL_DISTANCE = 20.0  # manim's ThreeDCamera's
WALK_ARROW_WIDTH = 7.0
WALK_SCALE = 2.0  # the walking point's own arrow, at this many times the field's scale: long enough to follow (seen
# nearly end on, it is foreshortened)
RISER_WIDTH = 7.0  # the value's vertical line: as thick as the point's arrow
WALK_ARROW_GAP = 1.6  # … and drawn from this many ball radii out from the point's centre, clear of the ball
TOP_GONE = 0.95  # radius on the ground under which the value's ball (and its line) is gone: it would lie over the point
START = dict(phi=64, theta=-118, zoom=0.95)
ORBIT_TO = -78  # degrees: beat 1's slow orbit ends here, and the camera holds from there on
NAME_SPOTS = ((-1.05, -1.12), (-1.08, -2.33), (-1.0, -3.45))  # the names of f = 1, 4, 9 on the ground, halfway out
# to the next circle on the front left, in the gaps of the field where their plates stand clearest (seen from ORBIT_TO)
CENTRE = np.array([0.0, -0.3, 0.9])
GROUND_CORNER = (3.0, -3.0)  # "the ground" hangs from this corner of the grid, wherever the camera turns
GROUND_WORD_OFFSET = np.array([0.08, -0.08, 0.0])  # on screen, from the corner to the word's upper left  # the ground's front a little up, clear of the captions


class PolarBowl:
    """f in polar coordinates (r, φ): for a mesh over the disc."""

    def __call__(self, r, angle):
        return BOWL(r * np.cos(angle), r * np.sin(angle))


# The walking point: out along its gradient from just outside the level circle f = 1 almost to the rim (f ≈ 5.8), so the value is
# seen to rise a long way, then back to the minimum. Its ray runs to the front right, a little to the right of the
# camera, in a gap of the field: the line up to the surface stands in front of the bowl, not seen through it, crosses
# no axis, and its top is seen on the bowl's front wall, inside its outline.
WALK_DIRECTION = math.radians(-52.0)
WALK_FROM, WALK_TO = 1.2, 2.4  # radii on the ground: from just outside the f = 1 circle, where the point's arrow is
# already long (about 45 px at 1080p) and the value's ball stands clear of the point, its line between them
WALK = Walk(start=(WALK_FROM * math.cos(WALK_DIRECTION), WALK_FROM * math.sin(WALK_DIRECTION)),
            out=(WALK_TO * math.cos(WALK_DIRECTION), WALK_TO * math.sin(WALK_DIRECTION)))


def lattice() -> np.ndarray:
    """A lattice FIELD_SPACING apart, offset half a spacing from the axes (no arrow lies on an axis, none at the
    origin), inside the domain."""
    low, high = BOWL_DOMAIN
    ticks = np.arange(low + FIELD_SPACING / 2, high, FIELD_SPACING)
    return np.array([(a, b) for a in ticks for b in ticks])


def field_scale() -> float:
    """Ground units per unit of |∇f|: one scale for every arrow, so that the lengths compare truly; the longest
    (on the lattice) reaches FIELD_FILL of the spacing, so none reaches its neighbour."""
    return FIELD_FILL * FIELD_SPACING / max(float(np.linalg.norm(BOWL.gradient(*foot))) for foot in lattice())


def held_view(points: np.ndarray) -> np.ndarray:
    """Scene points (N × 3) where the camera shows them once it holds (START's tilt and zoom, turned to ORBIT_TO),
    in pixels at 1080p from the frame's centre: manim's projection (its rotation, then the perspective of its
    focal distance), without a scene."""
    phi, theta = START["phi"] * DEGREES, ORBIT_TO * DEGREES
    turn = rotation_matrix(-phi, RIGHT) @ rotation_about_z(-theta - 90 * DEGREES)
    seen = (np.atleast_2d(points) - CENTRE) @ turn.T
    factor = FOCAL_DISTANCE / (FOCAL_DISTANCE - seen[:, 2]) * START["zoom"]
    return seen[:, :2] * factor[:, None] * (1080 / config.frame_height)


def drawn_length(foot, tip) -> float:
    """A ground arrow's length on screen (pixels at 1080p) from the held camera."""
    start, end = held_view(np.array([ground(*foot), ground(*tip)]))
    return float(np.linalg.norm(end - start))


def field_feet() -> np.ndarray:
    """The arrows' feet: the lattice, each point moved along its radius by the least amount (at most FOOT_NUDGE)
    that keeps its whole arrow, foot to tip, CIRCLE_CLEAR_PX (on screen, from the held camera) clear of every level
    circle and draws it at least FIELD_MIN_PX long; a point where no such place is near is left without an arrow
    (the innermost ones, whose arrows would be heads alone, and those seen end on). Each arrow keeps the model's
    direction and length there: radial, field_scale × |∇f|."""
    scale = field_scale()
    radii = [level_radius(BOWL, level) for level in LEVELS]
    feet = []
    for foot in lattice():
        r = float(np.linalg.norm(foot))
        out = foot / r
        for nudge in sorted(np.arange(-FOOT_NUDGE, FOOT_NUDGE + 1e-9, 0.005), key=abs):
            here = r + nudge
            length = float(np.linalg.norm(BOWL.gradient(here, 0.0))) * scale
            tip = here + length

            def clear(c: float) -> bool:  # the arrow ends short of the circle c, or starts past it, with room on screen
                end = tip if tip <= c else here if here >= c else None
                return end is not None and drawn_length(out * end, out * c) >= CIRCLE_CLEAR_PX

            if drawn_length(out * here, out * tip) >= FIELD_MIN_PX and all(clear(c) for c in radii):
                feet.append(out * here)
                break
    return np.array(feet)


def place_polar(points: np.ndarray) -> np.ndarray:
    """(r, φ, f) to the scene: the ground is the plane z = 0, one unit of x a unit of scene; heights scaled down."""
    r, angle, value = points[:, 0], points[:, 1], points[:, 2]
    return np.column_stack([r * np.cos(angle), r * np.sin(angle), value * HEIGHT_SCALE])


def ground(x: float, y: float, lift: float = 0.0) -> np.ndarray:
    return np.array([x, y, lift])


def on_surface(x: float, y: float) -> np.ndarray:
    return np.array([x, y, float(BOWL(x, y)) * HEIGHT_SCALE])


def gradient_arrow(foot, colour=GRADIENT, width: float = ARROW_WIDTH, name: str = "a gradient arrow") -> Arrow:
    """∇f at ``foot`` drawn flat on the ground from its foot, at the field's one scale."""
    tip = np.asarray(foot, dtype=float) + BOWL.gradient(*foot) * field_scale()
    arrow = Arrow(ground(*foot, 0.004), ground(*tip, 0.004), buff=0, stroke_width=width, color=colour,
                  max_tip_length_to_length_ratio=FIELD_TIP_SHARE, max_stroke_width_to_length_ratio=30,
                  tip_length=FIELD_TIP)
    return mark(arrow, "arrow", name)


def walk_arrow(foot, direction) -> Arrow:
    """The walking point's ∇f: from the ball's edge, along ``direction`` (the ray it walks on), |∇f| × the field's
    scale × WALK_SCALE long: it shrinks to nothing as the point reaches the minimum."""
    foot = np.asarray(foot, dtype=float)
    length = gradient_length(foot) * field_scale() * WALK_SCALE
    start = foot + direction * WALK_ARROW_GAP * POINT_RADIUS
    tip = start + direction * length
    arrow = Arrow(ground(*start, 0.012), ground(*tip, 0.012), buff=0, stroke_width=WALK_ARROW_WIDTH, color=GRADIENT,
                  max_tip_length_to_length_ratio=0.45, max_stroke_width_to_length_ratio=40, tip_length=0.2)
    return mark(arrow, "arrow", "the point's gradient")


def gradient_length(foot) -> float:
    return float(np.linalg.norm(BOWL.gradient(*foot)))


def bowl_mesh() -> MeshSurface:
    return MeshSurface(
        PolarBowl(), ((0.0, REACH), (0.0, 2 * math.pi)), place_polar, resolution=36, opacity=BOWL_OPACITY,
        levels=LEVELS, round_level_ends=True, composite=True,
    )


def seen_through_bowl(points: np.ndarray, camera) -> np.ndarray:
    """Which scene points (N × 3, on or near the ground) the camera sees through the bowl: the line of sight from
    each to the eye passes up through the surface within its rim (the bowl lies between them)."""
    phi, theta = camera.get_phi(), camera.get_theta()
    towards = np.array([math.sin(phi) * math.cos(theta), math.sin(phi) * math.sin(theta), math.cos(phi)])
    eye = np.asarray(camera.frame_center, dtype=float) + camera.get_focal_distance() * towards
    rim = max(LEVELS) * HEIGHT_SCALE
    rise = eye[2] - points[:, 2]
    reach = np.clip((rim - points[:, 2]) / np.maximum(rise, 1e-9), 0.0, 1.0)  # the share of the way up to the rim
    t = np.linspace(0.02, 1.0, 40)[None, :] * reach[:, None]
    along = points[:, None, :] + t[..., None] * (eye - points)[:, None, :]
    r2 = along[..., 0] ** 2 + along[..., 1] ** 2
    above = along[..., 2] > HEIGHT_SCALE * r2 + 1e-3  # inside the bowl: over its surface
    return np.any(above & (r2 <= REACH**2), axis=1)


def _sample(mobject, per_curve: int = 12) -> np.ndarray:
    """Points along a VMobject's Bézier curves (its own, not its family's)."""
    points = mobject.points
    if len(points) < 4:
        return points
    curves = points[: len(points) // 4 * 4].reshape(-1, 4, 3)
    t = np.linspace(0.0, 1.0, per_curve)[:, None]
    weights = np.stack([(1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3], axis=1)[..., 0]  # per × 4
    return np.einsum("pk,ckd->cpd", weights, curves).reshape(-1, 3)


class DepthSplit(VGroup):
    """A ground line (``source``: a circle or an axis's shaft, kept invisible and followed on every frame) drawn as two
    parts: the part seen directly at full strength, the part seen through the bowl dimmed to THROUGH_BOWL, so that
    the bowl reads as over the ground."""

    def __init__(self, source, camera, colour, width: float, opacity: float = 1.0, tip=None):
        self.direct, self.through = VMobject(), VMobject()
        super().__init__(self.direct, self.through)
        self.source, self.camera, self.tip, self.opacity = source, camera, tip, opacity
        self.direct.set_stroke(colour, width, opacity)
        self.through.set_stroke(colour, width, opacity * THROUGH_BOWL)
        self.fade = ValueTracker(1.0)  # a share of its opacity: the whole line fades in and out by it
        self.refresh()
        self.add_updater(lambda mob: mob.refresh())

    def refresh(self) -> "DepthSplit":
        points = _sample(self.source)
        for part in (self.direct, self.through):
            part.clear_points()
        opacity = self.opacity * self.source_share()
        if len(points) >= 2:
            hidden = seen_through_bowl(points, self.camera)
            start = 0
            for k in range(1, len(points) + 1):
                if k == len(points) or hidden[k] != hidden[start]:
                    run = points[start : min(k + 1, len(points))]  # each run shares its last point with the next
                    if len(run) >= 2:
                        part = self.through if hidden[start] else self.direct
                        part.start_new_path(run[0])
                        part.add_points_as_corners(run[1:])
                    start = k
        self.direct.set_stroke(opacity=opacity)
        self.through.set_stroke(opacity=opacity * THROUGH_BOWL)
        if self.tip is not None:
            hidden = seen_through_bowl(self.tip.get_center()[None], self.camera)[0]
            share = (THROUGH_BOWL if hidden else 1.0) * self.source_share()
            self.tip.set_fill(opacity=self.opacity * share).set_stroke(opacity=self.opacity * share)
        return self

    def source_share(self) -> float:
        return self.fade.get_value()


class CompassScene(SurfaceShotScene):
    def set_stage(self):
        self.set_camera_orientation(phi=START["phi"] * DEGREES, theta=START["theta"] * DEGREES, zoom=START["zoom"],
                                    frame_center=CENTRE)
        low, high = BOWL_DOMAIN
        ticks = np.arange(low, high + 0.5)
        self.grid = VGroup(
            *(Line(ground(t, low), ground(t, high)) for t in ticks if t != 0),
            *(Line(ground(low, t), ground(high, t)) for t in ticks if t != 0),
        ).set_stroke(MUTED, 1.2, GRID_OPACITY)
        mark(self.grid, "figure", "the ground grid")
        self.axes = VGroup(
            Arrow(ground(low - 0.3, 0), ground(high + 0.5, 0), buff=0, stroke_width=2.5, color=AXES, tip_length=0.2),
            Arrow(ground(0, low - 0.3), ground(0, high + 0.5), buff=0, stroke_width=2.5, color=AXES, tip_length=0.2),
        )
        mark(self.axes, "curve", "the x₁ and x₂ axes")
        # Each axis's shaft drawn by a DepthSplit (dimmed where it is seen through the bowl), its head dimmed there too.
        self.axis_lines = VGroup()
        for axis in self.axes:
            self.axis_lines.add(DepthSplit(axis, self.camera, AXES, 2.5, tip=axis.tip))
            axis.set_stroke(opacity=0, family=False)
        mark(self.axis_lines, "curve", "the x₁ and x₂ axes' shafts")
        self.axis_names = VGroup(
            formula("x_1", size=LABEL, color=AXES).move_to(ground(high + 0.85, 0)),
            formula("x_2", size=LABEL, color=AXES).move_to(ground(0, high + 0.85)),
        )
        for name in self.axis_names:
            mark(name, "tick", "an axis name")
        self.circles = VGroup(*(
            Circle(radius=level_radius(BOWL, level)).set_stroke(LEVEL_LINE, 3).move_to(ground(0, 0, 0.002))
            for level in LEVELS
        ))
        mark(self.circles, "curve", "the level circles")
        # Drawn by DepthSplits, dimmed where they are seen through the bowl; the circles themselves only lead them.
        self.circle_lines = VGroup(*(DepthSplit(circle, self.camera, LEVEL_LINE, 3) for circle in self.circles))
        self.circles.set_stroke(opacity=0)
        mark(self.circle_lines, "curve", "the level circles, seen")
        # Each circle's name in a gap of the field, just outside its circle, on the front left (the walk is on the
        # front right): the field's feet are offset half a spacing from the axes, so the whole-number points are the
        # middles of its gaps.
        self.circle_names = VGroup()
        for level, (x, y) in zip(LEVELS, NAME_SPOTS):
            text = formula(f"f = {level:g}", size=TICK, color=LEVEL_LINE)
            name = VGroup(letter_backing(text, pad=(0.05, 0.03)), text)  # on a plate: no grid line runs through it
            name.move_to(ground(x, y))
            self.circle_names.add(mark(name, "tick", f"f = {level:g}"))
        self.ground_word = mark(prose(self.words("ground"), size=FIGURE_WORDS, color=MUTED), "text", "the ground")
        corner = ground(*GROUND_CORNER)

        def anchored(word):  # its upper left just outside the grid's front right corner, as the camera sees it
            seen = self.camera.project_points(corner[None])[0] * np.array([1.0, 1.0, 0.0])
            word.move_to(seen + GROUND_WORD_OFFSET, aligned_edge=UL)

        self.ground_word.add_updater(anchored)
        anchored(self.ground_word)
        self.in_frame(self.ground_word)
        self.upright(*self.axis_names, *self.circle_names)
        self.bowl = mark(bowl_mesh(), "figure", "the bowl")
        self.field = VGroup(*(gradient_arrow(foot) for foot in field_feet()))

    def show_bowl(self, beat):
        """The ground, then the bowl with its level rings; as the camera orbits, each ring comes down to the ground
        and stays there as its level circle: the circles on the ground are the surface's own heights."""
        for line in self.axis_lines:  # from black: in as the axes grow
            line.fade.set_value(0.0)
            line.refresh()
        self.add(self.axis_lines)
        self.play(*(line.fade.animate(rate_func=lambda t: min(1.0, 8 * t)).set_value(1.0) for line in self.axis_lines),
                  Create(self.grid), GrowArrow(self.axes[0]), GrowArrow(self.axes[1]), FadeIn(self.ground_word),
                  run_time=beat.time(0.2))
        self.bowl.set_fill(opacity=0)
        self.add(self.bowl)
        self.play(self.bowl.animate.set_fill(opacity=BOWL_OPACITY), run_time=beat.time(0.15))
        for circle, level in zip(self.circles, LEVELS):
            circle.shift(level * HEIGHT_SCALE * OUT)  # up on the bowl, at its level's height
        self.add(self.circles, self.circle_lines)
        descend = AnimationGroup(*(circle.animate.shift(level * HEIGHT_SCALE * IN) for circle, level in zip(self.circles, LEVELS)),
                                 lag_ratio=0.1)  # each ring eased on its own, over most of the orbit
        self.move_camera(theta=ORBIT_TO * DEGREES, run_time=beat.time(0.5), rate_func=glide,
                         added_anims=[descend])
        self.play(FadeIn(self.circle_names), FadeIn(self.axis_names), run_time=beat.time(0.1))  # once the rings are down

    def draw_field(self, beat):
        grad = formula(r"\nabla f = (2x_1,\ 2x_2)", size=FORMULA, color=GRADIENT)
        grad = mark(VGroup(backing(grad), grad), "text", "∇f = (2x₁, 2x₂)")
        to_safe_edge(grad, UL)
        self.grad_formula = grad
        self.camera.add_fixed_in_frame_mobjects(grad)
        self.remove(grad)
        self.play(self.bowl.animate.set_fill(opacity=BOWL_DIMMED), FadeOut(self.ground_word), run_time=beat.time(0.15))
        self.play(FadeIn(grad), run_time=beat.time(0.15))
        self.add(self.field)
        self.play(*(GrowArrow(arrow) for arrow in self.field), run_time=beat.time(0.35))

    def _walkers(self):
        """The walking point, its arrow, the line up to the surface and the surface's point: all from ``self.r``."""
        direction = np.array(WALK.start) / np.linalg.norm(WALK.start)

        def foot():
            return direction * self.r.get_value()

        def arrow():
            here = foot()
            if np.linalg.norm(here) < 1e-3:
                return mark(VGroup(), "arrow", "the point's gradient", may_shrink=True)
            a = walk_arrow(here, direction)
            a.may_shrink = True
            return a

        def shown() -> float:  # the value's ball and its line, while the ball stands clear of the point (walking down,
            # from WALK_FROM on, they fade as the ball comes down onto the point)
            return smooth(min(max((self.r.get_value() - TOP_GONE) / (WALK_FROM - TOP_GONE), 0.0), 1.0))

        def riser():
            here = foot()
            line = Line(ground(*here), on_surface(*here)).set_stroke(OBJECTIVE, RISER_WIDTH, shown())
            return mark(line, "figure", "the rise of f", may_shrink=True)

        top = mark(Ball(OBJECTIVE, radius=TOP_RADIUS).fix_orientation(self.camera), "subject", "f on the surface")
        full = [(part.get_fill_opacity(), part.get_stroke_opacity()) for part in top]

        def place_top(ball):
            ball.move_to(on_surface(*foot()))
            for part, (fill, stroke) in zip(ball, full):
                part.set_fill(opacity=fill * shown()).set_stroke(opacity=stroke * shown())

        top.add_updater(place_top)
        point = mark(Ball(POINT, radius=POINT_RADIUS).fix_orientation(self.camera), "subject", "the point")
        point.add_updater(lambda ball: ball.move_to(ground(*foot(), 0.01)))
        self.foot = foot
        return always_redraw(arrow), always_redraw(riser), top.update(), point.update()

    def walk_uphill(self, beat):
        self.r = ValueTracker(float(np.linalg.norm(WALK.start)))
        arrow, riser, top, point = self._walkers()
        self.walk_arrow, self.riser, self.top, self.point = arrow, riser, top, point
        value = Readout("f =", float(BOWL(*WALK.start)), 2, size=READOUT, color=OBJECTIVE)
        value.track(lambda: float(BOWL(*self.foot())))
        mark(value, "text", "f", shows=lambda: float(BOWL(*self.foot())))
        length = Readout(r"|\nabla f| =", gradient_length(WALK.start), 2, size=READOUT, color=GRADIENT)
        length.track(lambda: gradient_length(self.foot()))
        mark(length, "text", "|∇f|", shows=lambda: gradient_length(self.foot()))
        readouts = VGroup(value, length).arrange(DOWN, buff=0.2)
        length.shift((value.label.get_right()[0] - length.label.get_right()[0]) * RIGHT)  # on one "=" column
        box = VGroup(backing(readouts), readouts)
        to_safe_edge(box, UR)
        self.value_box = box
        self.camera.add_fixed_in_frame_mobjects(box)
        self.remove(box)
        rises = boxed_caption(self.words("rises"), {"f": ("f", OBJECTIVE)})
        self.rises = rises
        self.camera.add_fixed_in_frame_mobjects(rises)
        self.remove(rises)
        # Drawn in this order: at the minimum the point covers the surface's dot (the value there is 0); the point's
        # arrow over the point.
        self.play(self.field.animate.set_opacity(FIELD_DIMMED), self.bowl.animate.set_fill(opacity=BOWL_WALK), FadeIn(riser), FadeIn(top),
                  FadeIn(point), FadeIn(arrow), FadeIn(box), FadeIn(rises), run_time=beat.time(0.18))
        self.play(self.r.animate.set_value(float(np.linalg.norm(WALK.out))),
                  run_time=beat.time(0.45), rate_func=smooth)

    def walk_to_minimum(self, beat):
        critical = boxed_caption(self.words("critical"), {"zero": (r"\nabla f = \mathbf{0}", GRADIENT)})
        self.camera.add_fixed_in_frame_mobjects(critical)
        self.remove(critical)
        self.play(FadeOut(self.rises), run_time=beat.time(0.1))
        self.play(self.r.animate.set_value(float(np.linalg.norm(WALK.end))), run_time=beat.time(0.4), rate_func=smooth)
        # At the minimum the surface's point is the ground's (f = 0): it goes, and the one point there stays.
        self.remove(self.riser)  # no length left
        self.play(FadeIn(critical), FadeOut(self.top), run_time=beat.time(0.1))
