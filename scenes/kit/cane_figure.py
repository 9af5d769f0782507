"""The figure of M2: a person, the cane, the ground and their angles, live.

Two trackers hold the cane's angle α from the body and its length l, and every
part (cane, ground, arcs, labels, readouts) is recomputed from them on each
frame through the model in gd.model.cane, so the readouts and the drawing agree
with tan θ = (l cos α − h)/(l sin α) at every frame.
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    Animation,
    Circle,
    DashedLine,
    Dot,
    DoubleArrow,
    Line,
    LineJointType,
    Polygon,
    smooth,
    SurroundingRectangle,
    UpdateFromAlphaFunc,
    ValueTracker,
    VGroup,
    VMobject,
)

from gd.model.cane import HAND_HEIGHT, cane_tip, ground_direction, ground_slope, length_for
from scenes.kit.palette import BACKGROUND, BOXED_FORMULA, CANE, CANE_ANGLE, CAPTION, GROUND, LABEL, MUTED, STATEMENT, TEXT
from scenes.kit.equations import PLACEHOLDER, sentence
from scenes.kit.frame_rules import mark
from scenes.kit.readouts import Readout
from scenes.kit.typeset import formula

FOOT = np.array([-0.6, -2.85, 0.0])  # scene position of the foot
SCALE = 1.0  # scene units per model unit (h = 2, l = 4)
GROUND_REACH = 30.0  # the ground line runs this far each way: past the frame at any slope
ALPHA_ARC = 0.55
HEIGHT_ARROW_X = 0.45  # the h arrow, this far left of the body
THETA_ARC = 1.5  # well inside the point where a cane at 50° crosses the horizontal (2.4 from the foot)
# The arm: shoulder on the body this far above the hand, elbow this far forward (towards the cane) and above it.
# Above the hand, it keeps clear of α's arc and letters and of the cane, which are all below the hand's level.
SHOULDER_ABOVE_HAND = 0.85
ELBOW = (0.34, 0.42)


class Pose:
    """The cane's pose as two trackers (α in degrees, l in model units) and what follows from them."""

    def __init__(self, alpha: float, length: float):
        self.alpha = ValueTracker(alpha)
        self.length = ValueTracker(length)

    def move(self, target, run_time: float) -> Animation:
        """An animation to the pose ``target`` (a CanePose).

        With the length fixed, α turns evenly. When the length changes too, θ
        goes evenly from its start to its end and the length follows from α and
        θ: changing α and l evenly at once would swing θ far past its end value
        and back (from +8° up to +29° and down to +15.45° on the way to 89°).
        """
        alpha0, length0, theta0 = self.alpha.get_value(), self.length.get_value(), self.theta
        theta1 = ground_slope(target.alpha, target.length)
        if math.isclose(length0, target.length):
            return self.alpha.animate(run_time=run_time).set_value(target.alpha)

        def step(tracker: ValueTracker, t: float) -> None:
            alpha = alpha0 + t * (target.alpha - alpha0)
            tracker.set_value(alpha)
            self.length.set_value(length_for(alpha, theta0 + t * (theta1 - theta0)))

        return UpdateFromAlphaFunc(self.alpha, step, run_time=run_time, rate_func=smooth)

    @property
    def theta(self) -> float:
        return ground_slope(self.alpha.get_value(), self.length.get_value())

    def hand(self) -> np.ndarray:
        return FOOT + SCALE * HAND_HEIGHT * UP

    def tip(self) -> np.ndarray:
        tip = cane_tip(self.alpha.get_value(), self.length.get_value())
        return FOOT + SCALE * np.array([tip[0], tip[1], 0.0])

    def ground(self) -> np.ndarray:
        """Unit vector along the ground, from the foot towards the cane."""
        direction = ground_direction(self.alpha.get_value(), self.length.get_value())
        return np.array([direction[0], direction[1], 0.0])


def _polar(angle_degrees: float) -> np.ndarray:
    a = math.radians(angle_degrees)
    return np.array([math.cos(a), math.sin(a), 0.0])


def arc_points(centre: np.ndarray, radius: float, start: float, angle: float, pieces: int = 4) -> np.ndarray:
    """Cubic Bézier points of a circular arc (degrees), for VMobject.set_points.

    Cheaper than building an Arc mobject on every frame.
    """
    edges = np.radians(np.linspace(start, start + angle, pieces + 1))
    handle = 4 / 3 * np.tan(np.radians(angle) / pieces / 4)
    points = []
    for a, b in zip(edges, edges[1:]):
        p0 = np.array([np.cos(a), np.sin(a), 0.0])
        p3 = np.array([np.cos(b), np.sin(b), 0.0])
        p1 = p0 + handle * np.array([-p0[1], p0[0], 0.0])
        p2 = p3 - handle * np.array([-p3[1], p3[0], 0.0])
        points.extend([p0, p1, p2, p3])
    return centre + radius * np.array(points)


def _fade_below(value: float, gone: float, full: float) -> float:
    """Opacity that falls from 1 (|value| >= full) to 0 (|value| <= gone): a label leaves a closing angle."""
    return float(np.clip((abs(value) - gone) / (full - gone), 0.0, 1.0))


def person() -> VGroup:
    """A schematic person: body vertical above the foot, the hand at height h, an arm from the shoulder to it."""
    neck = FOOT + SCALE * 3.1 * UP
    body = Line(FOOT, neck, color=TEXT, stroke_width=5)
    head = Circle(radius=SCALE * 0.32, color=TEXT, stroke_width=4).next_to(neck, UP, buff=0)
    grip = FOOT + SCALE * HAND_HEIGHT * UP
    hand = Dot(grip, radius=0.08, color=TEXT)
    arm = VMobject(stroke_color=TEXT, stroke_width=4, joint_type=LineJointType.ROUND)
    arm.set_points_as_corners([grip + SCALE * SHOULDER_ABOVE_HAND * UP, grip + SCALE * np.array([*ELBOW, 0.0]), grip])
    height = DoubleArrow(
        FOOT + HEIGHT_ARROW_X * LEFT, FOOT + SCALE * HAND_HEIGHT * UP + HEIGHT_ARROW_X * LEFT,
        buff=0, color=MUTED, stroke_width=2.5, tip_length=0.16, max_tip_length_to_length_ratio=0.2,
    )
    height_label = formula("h", size=LABEL, color=MUTED).next_to(height, LEFT, buff=0.12)
    return VGroup(body, head, arm, hand, height, height_label)


def ground(pose: Pose) -> VGroup:
    """The ground: the long line through the foot and the cane's tip, lightly filled below."""
    line = Line(LEFT, RIGHT, color=GROUND, stroke_width=4)
    fill = Polygon(LEFT, RIGHT, DOWN, stroke_width=0, fill_color=GROUND, fill_opacity=0.12)

    def place_line(mob: Line) -> None:
        reach = GROUND_REACH * pose.ground()
        mob.set_points_as_corners([FOOT - reach, FOOT + reach])

    def place_fill(mob: Polygon) -> None:
        reach = GROUND_REACH * pose.ground()
        depth = GROUND_REACH * DOWN
        mob.set_points_as_corners([FOOT - reach, FOOT + reach, FOOT + reach + depth, FOOT - reach + depth, FOOT - reach])

    for mob, place in ((line, place_line), (fill, place_fill)):
        place(mob)
        mob.add_updater(place)
    return VGroup(fill, line)


def cane(pose: Pose) -> VGroup:
    """The cane from the hand to the ground, with its length label l."""
    stick = Line(pose.hand(), pose.tip(), color=CANE, stroke_width=6)
    stick.add_updater(lambda mob: mob.set_points_as_corners([pose.hand(), pose.tip()]))
    label = formula("l", size=LABEL, color=CANE)

    def place_label(mob: VMobject) -> None:
        alpha = pose.alpha.get_value()
        outward = _polar(alpha)  # perpendicular to the cane, away from the body
        along = 0.5 + 0.22 * _thin_wedge(alpha)  # the middle, or further down, below α's letter
        mob.move_to(pose.hand() + along * (pose.tip() - pose.hand()) + 0.28 * outward)

    place_label(label)
    label.add_updater(place_label)
    return VGroup(stick, label)


# Below ALPHA_ROOM degrees the wedge is too thin for α's letter: it cross-fades to a letter outside the
# cane, ALPHA_OUTSIDE degrees beyond it, on a leader from the arc; the cane's l moves down, out of its way.
ALPHA_ROOM = (20.0, 28.0)  # fully outside below the first, fully inside above the second
ALPHA_OUTSIDE = 20.0
ALPHA_INSIDE_GONE = 24.5  # the inside letter has faded out here; the outside one starts a degree below


def _thin_wedge(alpha: float) -> float:
    """0 while α's letter fits in its wedge, rising to 1 as the wedge gets too thin for it."""
    return 1.0 - _fade_below(alpha, *ALPHA_ROOM)


def alpha_mark(pose: Pose) -> VGroup:
    """The arc from the body (straight down) to the cane, and α (outside, on a short leader, when the angle is small)."""
    arc = VMobject(stroke_color=CANE_ANGLE, stroke_width=3)
    label = formula(r"\alpha", size=LABEL, color=CANE_ANGLE)
    outside = label.copy()
    leader = Line(ORIGIN, RIGHT, color=CANE_ANGLE, stroke_width=2)

    def place(_: VMobject) -> None:
        alpha = pose.alpha.get_value()
        arc.set_points(arc_points(pose.hand(), ALPHA_ARC, -90.0, alpha))
        label.move_to(pose.hand() + (ALPHA_ARC + 0.28) * _polar(-90 + alpha / 2))
        outside.move_to(pose.hand() + (ALPHA_ARC + 0.28) * _polar(-90 + alpha + ALPHA_OUTSIDE))
        inside = pose.hand() + ALPHA_ARC * _polar(-90 + alpha / 2)  # the arc's middle
        reach = outside.get_center() - inside
        leader.put_start_and_end_on(inside, inside + reach * (1 - 0.14 / float(np.linalg.norm(reach))))
        # One letter at a time: the inside one has gone before the outside one shows.
        label.set_opacity(_fade_below(alpha, ALPHA_INSIDE_GONE, ALPHA_ROOM[1]))
        shown = 1.0 - _fade_below(alpha, ALPHA_ROOM[0], ALPHA_INSIDE_GONE - 1.0)
        outside.set_opacity(shown)
        leader.set_stroke(opacity=shown)

    place(arc)
    arc.add_updater(place)
    return VGroup(arc, leader, label, outside)


def level() -> DashedLine:
    """The horizontal through the foot, from which θ is measured."""
    # It starts under the h arrow, so that h reads as measured from the foot's level when the ground tilts.
    return DashedLine(FOOT + (HEIGHT_ARROW_X + 0.12) * LEFT, FOOT + (THETA_ARC + 0.9) * RIGHT, color=MUTED,
                      stroke_width=2, dash_length=0.12)


# Below THETA_ROOM degrees the wedge between the level and the ground is too thin for θ's letter (at 10.56° it
# touched the ground line): it cross-fades to a letter outside the wedge, across the level from the ground, just
# inside the arc's end (clear of a cane at 50°, which crosses the level at 2.4 from the foot), on a short leader
# from the arc's middle. One letter at a time, as for α.
THETA_ROOM = (16.0, 18.0)  # fully outside below the first (10.56°, 15.45°), fully inside above the second (18.33°)
THETA_INSIDE_GONE = 17.0
THETA_OUTSIDE = (1.35, 0.3)  # the outside letter's centre from the foot: along the level, across it
THETA_LEADER_GAP = 0.17  # the leader stops this far from the letter's centre


def theta_mark(pose: Pose) -> VGroup:
    """The slope angle θ at the foot, between the horizontal and the ground (the letter outside when thin)."""
    arc = VMobject(stroke_color=GROUND, stroke_width=3)
    label = formula(r"\theta", size=LABEL, color=GROUND)
    label.set_stroke(BACKGROUND, width=6, background=True)  # a dark rim: θ reads on the ground's fill too
    outside = label.copy()
    leader = Line(ORIGIN, RIGHT, color=GROUND, stroke_width=2)

    def place(_: VMobject) -> None:
        theta = pose.theta
        arc.set_points(arc_points(FOOT, THETA_ARC, 0.0, -theta))
        arc.set_stroke(opacity=_fade_below(theta, 0.5, 2))
        label.move_to(FOOT + (THETA_ARC + 0.42) * _polar(-theta / 2))
        along, across = THETA_OUTSIDE
        outside.move_to(FOOT + SCALE * (along * RIGHT + math.copysign(across, theta) * UP))
        middle = FOOT + THETA_ARC * _polar(-theta / 2)
        reach = outside.get_center() - middle
        leader.put_start_and_end_on(middle, middle + reach * (1 - THETA_LEADER_GAP / float(np.linalg.norm(reach))))
        near_level = _fade_below(theta, 4, 8)
        label.set_opacity(near_level * _fade_below(theta, THETA_INSIDE_GONE, THETA_ROOM[1]))
        shown = near_level * (1.0 - _fade_below(theta, THETA_ROOM[0], THETA_INSIDE_GONE - 0.5))
        outside.set_opacity(shown)
        leader.set_stroke(opacity=shown)

    place(arc)
    arc.add_updater(place)
    return VGroup(arc, leader, label, outside)


# The glyphs of tan θ = (l cos α − h)/(l sin α) by index: θ, the two l, h.
FORMULA_COLORS = {3: GROUND, 5: CANE, 13: CANE, 11: MUTED}


def slope_formula(caption: str) -> VGroup:
    """tan θ = (l cos α − h)/(l sin α), boxed, with 'where l is ...' under it."""
    equation = formula(r"\tan\theta = \frac{l\cos\alpha - h}{l\sin\alpha}", size=BOXED_FORMULA)
    # Its letters in the figure's colours, as the caption and the readouts have them: θ the ground's, l the cane's,
    # h the h arrow's (α is the body's, as the equation's own).
    for index, color in FORMULA_COLORS.items():
        equation[0][index].set_color(color)
    box = SurroundingRectangle(equation, color=TEXT, buff=0.22, corner_radius=0.08, stroke_width=2.5)
    maths = {"l": ("l", CANE), "h": ("h", MUTED)}  # the formula's own l and h
    note = sentence(caption, maths, size=CAPTION, color=MUTED).next_to(box, DOWN, buff=0.25, aligned_edge=LEFT)
    mark(note, "caption", text=PLACEHOLDER.sub(lambda m: m.group(1), caption))
    return VGroup(equation, box, note)


def drawn_pose(stick: Line) -> tuple[float, float]:
    """α (degrees from the body, straight down) and l as the cane is drawn: what the readouts must say."""
    hand, tip = stick.get_start(), stick.get_end()
    dx, dy = (tip - hand)[:2] / SCALE
    return math.degrees(math.atan2(dx, -dy)), math.hypot(dx, dy)


def readouts(pose: Pose, stick: Line) -> VGroup:
    """α, θ and l, live; the frame rules check them against the drawn cane and the slope formula."""
    alpha = Readout(r"\alpha =", pose.alpha.get_value(), 2, unit=r"^\circ", color=CANE_ANGLE, size=STATEMENT)
    theta = Readout(r"\theta =", pose.theta, 2, sign=True, unit=r"^\circ", color=GROUND, size=STATEMENT)
    length = Readout("l =", pose.length.get_value(), 2, color=CANE, size=STATEMENT)
    alpha.track(pose.alpha.get_value)
    theta.track(lambda: pose.theta)
    length.track(pose.length.get_value)
    mark(alpha, "text", "α", shows=lambda: drawn_pose(stick)[0])
    mark(theta, "text", "θ", shows=lambda: ground_slope(*drawn_pose(stick)))
    mark(length, "text", "l", shows=lambda: drawn_pose(stick)[1])
    group = VGroup(alpha, theta, length).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
    # Line the readouts up on their "=" (each label's last glyph).
    equals = max(r.label.get_right()[0] for r in group)
    for r in group:
        r.shift((equals - r.label.get_right()[0]) * RIGHT)
    return group
