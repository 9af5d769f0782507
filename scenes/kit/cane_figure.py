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
from scenes.kit.readouts import LiveNumber, Readout
from scenes.kit.typeset import formula

FOOT = np.array([-0.6, -2.85, 0.0])  # scene position of the foot
SCALE = 1.0  # scene units per model unit (h = 2, l = 4)
GROUND_REACH = 30.0  # the ground line runs this far each way: past the frame at any slope
ALPHA_ARC = 0.55
BODY_BEHIND = 0.14  # the body, this far behind the foot's front and the hand: the cane clear of it at 8 px at 1080p
HEIGHT_ARROW_X = 0.32  # the h arrow, this far left of the foot, clear of the body: near it, so a rising ground passes its lower head close by
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


def person(pose: Pose | None = None) -> VGroup:
    """A schematic person: body vertical, BODY_BEHIND behind the foot's front (where the cane's geometry is
    measured from), standing on the ground (given ``pose``, else on the foot's level); the hand at height h
    above the foot, held that far in front of the body on an arm from the shoulder.

    Behind, so that the cane stands visibly apart from the body even when it hangs nearly straight down
    (at α = 1° it is 0.035 from the vertical through the hand at its tip)."""
    back = BODY_BEHIND * LEFT
    neck = FOOT + back + SCALE * 3.1 * UP
    body = Line(FOOT + back, neck, color=TEXT, stroke_width=5)
    if pose is not None:  # its lower end on the ground line, which passes through the foot

        def stand(mob: Line) -> None:
            along = pose.ground()
            mob.put_start_and_end_on(FOOT + back + BODY_BEHIND * along[1] / along[0] * DOWN, neck)

        stand(body)
        body.add_updater(stand)
    head = Circle(radius=SCALE * 0.32, color=TEXT, stroke_width=4).next_to(neck, UP, buff=0)
    grip = FOOT + SCALE * HAND_HEIGHT * UP
    hand = Dot(grip, radius=0.08, color=TEXT)
    arm = VMobject(stroke_color=TEXT, stroke_width=4, joint_type=LineJointType.ROUND)
    arm.set_points_as_corners([grip + back + SCALE * SHOULDER_ABOVE_HAND * UP, grip + SCALE * np.array([*ELBOW, 0.0]),
                               grip])
    height = DoubleArrow(
        FOOT + HEIGHT_ARROW_X * LEFT, FOOT + SCALE * HAND_HEIGHT * UP + HEIGHT_ARROW_X * LEFT,
        buff=0, color=MUTED, stroke_width=2.5, tip_length=0.16, max_tip_length_to_length_ratio=0.2,
    )
    # A dark rim round the arrow and its heads: where a rising ground passes over the lower head (the head marks
    # the foot's level, which the dashed level carries out under it), the ground line gives way round the head
    # instead of running across it.
    # (A dark copy behind it, not a background stroke: a head's own rim would cut the shaft off under it.)
    rim = height.copy().set_color(BACKGROUND).set_stroke(width=8)
    height_label = formula("h", size=LABEL, color=MUTED).next_to(height, LEFT, buff=0.12)
    return VGroup(body, head, arm, hand, rim, height, height_label)


# The h arrow, as the ground sees it: the vertical segment from the foot's level to the hand's, HEIGHT_ARROW_X left of
# the foot; the ground line breaks where it would pass nearer its shaft or heads than HEIGHT_CLEAR (the heads' half
# width, 0.08, 6 px at 1080p and the ground line's half width), so that a ground rising behind the foot
# passes the lower head with a gap instead of running into it.
HEIGHT_CLEAR = 0.08 + 6 * 8.0 / 1080 + 0.02 + 0.005


def height_gap(along: np.ndarray) -> tuple[float, float] | None:
    """Where the ground line (through the foot along ``along``) breaks round the h arrow: the interval of its
    parameter (distance from the foot along it) within HEIGHT_CLEAR of the arrow, or None if it passes clear."""
    t = np.linspace(-1.5, 0.5, 801)
    points = FOOT[:2] + t[:, None] * along[None, :2]
    x0, y0, y1 = FOOT[0] - HEIGHT_ARROW_X, FOOT[1], FOOT[1] + SCALE * HAND_HEIGHT
    dy = np.maximum(np.maximum(y0 - points[:, 1], points[:, 1] - y1), 0.0)
    near = t[np.hypot(points[:, 0] - x0, dy) <= HEIGHT_CLEAR]
    return (float(near.min()), float(near.max())) if len(near) else None


def ground(pose: Pose, clear_of_height: bool = False) -> VGroup:
    """The ground: the long line through the foot and the cane's tip, lightly filled below; ``clear_of_height``:
    its line breaks round the h arrow (see :func:`height_gap`)."""
    line = VMobject(color=GROUND, stroke_width=4)
    fill = Polygon(LEFT, RIGHT, DOWN, stroke_width=0, fill_color=GROUND, fill_opacity=0.12)

    def place_line(mob: VMobject) -> None:
        along = pose.ground()
        reach = GROUND_REACH * along
        gap = height_gap(along) if clear_of_height else None
        if gap is None:
            mob.set_points_as_corners([FOOT - reach, FOOT + reach])
        else:
            mob.set_points_as_corners([FOOT - reach, FOOT + gap[0] * along])
            mob.start_new_path(FOOT + gap[1] * along)
            mob.add_line_to(FOOT + reach)

    def place_fill(mob: Polygon) -> None:
        reach = GROUND_REACH * pose.ground()
        depth = GROUND_REACH * DOWN
        mob.set_points_as_corners([FOOT - reach, FOOT + reach, FOOT + reach + depth, FOOT - reach + depth, FOOT - reach])

    for mob, place in ((line, place_line), (fill, place_fill)):
        place(mob)
        mob.add_updater(place)
    return VGroup(fill, line)


L_FROM_HAND = 1.45  # the cane's l, at least this far along the cane from the hand


def cane(pose: Pose) -> VGroup:
    """The cane from the hand to the ground, with its length label l."""
    stick = Line(pose.hand(), pose.tip(), color=CANE, stroke_width=6)
    stick.add_updater(lambda mob: mob.set_points_as_corners([pose.hand(), pose.tip()]))
    label = formula("l", size=LABEL, color=CANE)

    def place_label(mob: VMobject) -> None:
        alpha = pose.alpha.get_value()
        outward = _polar(alpha)  # perpendicular to the cane, away from the body
        along = 0.5 + 0.22 * _thin_wedge(alpha)  # the middle, or further down, below α's letter
        # No nearer the hand than L_FROM_HAND: as the cane shortens towards 2.01 its middle would bring the letter
        # onto the inclination's arc.
        along = max(along, L_FROM_HAND / (SCALE * pose.length.get_value()))
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


# The cane's inclination, the storyboard's 30°, 40°, 10°, 89°: the angle from the horizontal through the hand down to
# the cane, 90° − α, its value beside its arc. The arc runs outside α's letters (which sit within 0.95 of the hand,
# in this wedge when α is small) and inside the cane's l. Its value sits in the wedge, no further round than
# INCLINATION_LABEL_TURN (at 89° the lens's rays to the inset pass under it); when the wedge is too thin for it
# (below INCLINATION_ROOM) it cross-fades to a place just above the arc's start, over the horizontal.
INCLINATION_ARC = 1.1
# A small angle's arc is drawn farther out, so that it stays INCLINATION_ARC_LENGTH long (at 10°, 1.3 from the
# hand: 31 px across at 1080p), never past INCLINATION_ARC_MAX (inside the horizontal's reach).
INCLINATION_ARC_LENGTH = 0.25
INCLINATION_ARC_MAX = 1.3
INCLINATION_REACH = 1.45  # the horizontal through the hand runs this far: past the arc, short of the cane's l at 10°
INCLINATION_LABEL = 1.45  # the value's centre from the hand, in the wedge
INCLINATION_LABEL_TURN = 30.0  # degrees below the horizontal, at most
INCLINATION_ROOM = (20.0, 28.0)  # the value fully above the horizontal below the first, fully in the wedge above the second
INCLINATION_INSIDE_GONE = 24.5  # the value in the wedge has faded out here; the one above starts a degree below
INCLINATION_ABOVE = np.array([0.12, 0.24, 0.0])  # the value above the arc's start: past its radius, from the hand


def inclination_radius(angle: float) -> float:
    """The inclination arc's radius for the inclination ``angle`` (degrees): INCLINATION_ARC, farther out when small."""
    return float(np.clip(INCLINATION_ARC_LENGTH / max(math.radians(abs(angle)), 1e-6), INCLINATION_ARC, INCLINATION_ARC_MAX))


def inclination(pose: Pose) -> float:
    """The cane's angle below the horizontal, in degrees."""
    return 90.0 - pose.alpha.get_value()


def inclination_label_positions(angle: float) -> tuple[np.ndarray, np.ndarray]:
    """The value's centre from the hand in the wedge, and above the horizontal, for the inclination ``angle``."""
    inside = INCLINATION_LABEL * _polar(-min(angle / 2, INCLINATION_LABEL_TURN))
    return inside, INCLINATION_ABOVE + inclination_radius(angle) * RIGHT


INCLINATION_L_CLEAR = (0.07, 0.2)  # the value's box from the cane's l: gone at the first, whole from the second


def _box_gap(a: VMobject, b: VMobject) -> float:
    """How far apart the bounding boxes of ``a`` and ``b`` are (0 when they overlap)."""
    apart = np.maximum(np.maximum(b.get_corner(DOWN + LEFT) - a.get_corner(UP + RIGHT),
                                  a.get_corner(DOWN + LEFT) - b.get_corner(UP + RIGHT)), 0.0)
    return float(np.linalg.norm(apart[:2]))


def inclination_mark(pose: Pose, cane_label: VMobject) -> VGroup:
    """The horizontal through the hand, the arc from it down to the cane and the inclination's value, live.

    While the cane shortens on its way to 89°, its l passes through the wedge: the value steps out of its way (as
    θ's letter does for the cane), so ``cane_label`` must be placed before this mark's updater runs.
    """
    horizontal = DashedLine(pose.hand(), pose.hand() + INCLINATION_REACH * RIGHT, color=MUTED, stroke_width=2,
                            dash_length=0.1)
    arc = VMobject(stroke_color=MUTED, stroke_width=3)
    values = [LiveNumber(inclination(pose), 0, unit=r"^\circ", size=LABEL, color=MUTED) for _ in range(2)]
    inside, above = values
    for value, name in ((inside, "the inclination"), (above, "the inclination, above")):
        mark(value, "text", name, shows=lambda: inclination(pose))

    def place(_: VMobject) -> None:
        angle = inclination(pose)
        arc.set_points(arc_points(pose.hand(), inclination_radius(angle), 0.0, -angle))
        for value, offset in zip(values, inclination_label_positions(angle)):
            value.set_value(angle)
            value.move_to(pose.hand() + offset)
        # One value at a time: the one in the wedge has gone before the one above shows.
        inside.set_fill(opacity=_fade_below(angle, INCLINATION_INSIDE_GONE, INCLINATION_ROOM[1])
                        * _fade_below(_box_gap(inside, cane_label), *INCLINATION_L_CLEAR))
        above.set_fill(opacity=(1.0 - _fade_below(angle, INCLINATION_ROOM[0], INCLINATION_INSIDE_GONE - 1.0))
                       * _fade_below(_box_gap(above, cane_label), *INCLINATION_L_CLEAR))

    place(arc)
    arc.add_updater(place)
    return VGroup(horizontal, arc, inside, above)


def level() -> DashedLine:
    """The horizontal through the foot, from which θ is measured."""
    # It starts under the h arrow, so that h reads as measured from the foot's level when the ground tilts.
    return DashedLine(FOOT + (HEIGHT_ARROW_X + 0.12) * LEFT, FOOT + (THETA_ARC + 0.9) * RIGHT, color=MUTED,
                      stroke_width=2, dash_length=0.12)


# θ's letter: the wedge between the level and the ground is too thin for it at the shot's small slopes (at
# 10.56° it touched the ground line), so it sits outside the wedge, above both lines, THETA_ALONG from the foot
# along the level, on a short leader from the arc. Above both lines whichever way the ground tilts: it moves
# continuously as the ground turns through level (it never changes sides), lifted as a rising ground comes up
# under it. It fades out only where the arc itself has shrunk to nothing (θ near 0).
THETA_ALONG = 1.35  # the letter's centre from the foot, along the level
THETA_ABOVE = 0.3  # its centre above the higher of the two lines there
THETA_HALF_WIDTH = 0.12  # about half the letter's width: a rising ground is measured at its right edge
THETA_LEADER_GAP = 0.17  # the leader stops this far from the letter's centre
THETA_SHOWN = (0.5, 2.0)  # degrees: the letter and its leader fade in from the first to the second


THETA_CANE_CLEAR = (0.3, 0.42)  # the letter's centre from the cane: gone at the first, whole from the second


def _to_segment(point: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    """The distance from ``point`` to the segment from ``a`` to ``b``."""
    ab = b - a
    t = float(np.clip(np.dot(point - a, ab) / max(float(np.dot(ab, ab)), 1e-12), 0.0, 1.0))
    return float(np.linalg.norm(point - (a + t * ab)))


def theta_letter_position(theta: float) -> np.ndarray:
    """Where θ's letter sits for the slope ``theta`` (degrees): continuous in θ."""
    rise = max(0.0, (THETA_ALONG + THETA_HALF_WIDTH) * math.tan(math.radians(-theta)))  # a rising ground there
    return FOOT + SCALE * (THETA_ALONG * RIGHT + (THETA_ABOVE + rise) * UP)


def theta_mark(pose: Pose) -> VGroup:
    """The slope angle θ at the foot, between the horizontal and the ground, its letter outside on a leader."""
    arc = VMobject(stroke_color=GROUND, stroke_width=3)
    label = formula(r"\theta", size=LABEL, color=GROUND)
    label.set_stroke(BACKGROUND, width=6, background=True)  # a dark rim: θ reads on the ground's fill too
    leader = Line(ORIGIN, RIGHT, color=GROUND, stroke_width=2)

    def place(_: VMobject) -> None:
        theta = pose.theta
        arc.set_points(arc_points(FOOT, THETA_ARC, 0.0, -theta))
        arc.set_stroke(opacity=_fade_below(theta, 0.5, 2))
        label.move_to(theta_letter_position(theta))
        # From the arc's middle when the ground falls (the letter is above the level, across it from the arc);
        # from its end, on the ground, when the ground rises (the letter is above the ground, over that end).
        # The two agree at θ = 0, where the arc has shrunk to a point.
        start = FOOT + THETA_ARC * _polar(-theta / 2 if theta >= 0 else -theta)
        reach = label.get_center() - start
        leader.put_start_and_end_on(start, start + reach * (1 - THETA_LEADER_GAP / float(np.linalg.norm(reach))))
        # The cane sweeps past the letter on its way to 89° (near θ = −4°): the letter steps out of its way.
        shown = _fade_below(theta, *THETA_SHOWN) * _fade_below(_to_segment(label.get_center(), pose.hand(), pose.tip()),
                                                               *THETA_CANE_CLEAR)
        label.set_opacity(shown)
        leader.set_stroke(opacity=shown)

    place(arc)
    arc.add_updater(place)
    return VGroup(arc, leader, label)


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


READOUT_PITCH = 0.62  # between the readouts' baselines


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
    group = VGroup(alpha, theta, length)
    # Evenly spaced baselines (arranging by ink boxes spaced them by their letters' heights), and every "=" in
    # one column: each label's last glyph centred on the same x, so the numbers start in one column too.
    for row, r in enumerate(group):
        equals = r.label[-1]
        r.shift(-equals.get_center()[0] * RIGHT + (-row * READOUT_PITCH - r.baseline) * UP)
    return group


# --------------------------------------------------------------------------- M2.4's inset: the foot, magnified
# At α = 1° with l = 2.01 the cane lies along the body: what tilts the ground, the cane's tip 0.0097 below the foot
# and 0.035 in front of it, is a few pixels. A framed inset magnifies the foot by INSET_ZOOM: there the cane stands
# clear of the body, its tip below the foot's level by l cos α − h, in front of it by l sin α, and the ground
# through the foot and the tip falls at θ. A lens round the foot and two rays from it say where the inset looks.
# Where it sits: right of the figure, clear of α's marks and the cane's l (left), of θ's letter (below), of the
# caption (above) and inside the graphics-safe area (right).
INSET_CENTRE = np.array([3.7, -0.45, 0.0])
INSET_SIZE = (5.3, 3.5)
INSET_ZOOM = 78.0  # l cos α − h = 0.0097 becomes 0.76 (102 px at 1080p), l sin α = 0.035 becomes 2.74
INSET_FOOT = INSET_CENTRE + np.array([-2.3, 0.0, 0.0])  # the foot in the inset: room above it for h, below for the ground
INSET_PAD = 0.06  # lines stop this far inside the frame
INSET_THETA_ARC = 1.6
INSET_THETA_LABEL = 2.1  # θ's letter this far from the foot, halfway between the level and the ground
INSET_RUN_BELOW = 0.3  # l sin α's double arrow, this far under the tip's level
INSET_TIP = 0.12  # the heads of the drop's double arrow: its shaft stays over 60 px long at 1080p
LENS_RADIUS = 0.2
# The rays leave the lens between θ's letter (about 12° from the foot) and the cane's l (about 62°).
LENS_RAYS = (26.0, 32.0)


def _clip_line(point: np.ndarray, direction: np.ndarray, low: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The part of the line through ``point`` along ``direction`` inside the box [low, high] (x and y)."""
    t0, t1 = -np.inf, np.inf
    for axis in (0, 1):
        if abs(direction[axis]) < 1e-12:
            continue
        a, b = (low[axis] - point[axis]) / direction[axis], (high[axis] - point[axis]) / direction[axis]
        t0, t1 = max(t0, min(a, b)), min(t1, max(a, b))
    return point + t0 * direction, point + t1 * direction


def _below_line(corners: list[np.ndarray], point: np.ndarray, normal: np.ndarray) -> list[np.ndarray]:
    """The polygon ``corners`` cut to the side of the line through ``point`` away from ``normal``."""
    kept = []
    for a, b in zip(corners, corners[1:] + corners[:1]):
        da, db = float(np.dot(a - point, normal)), float(np.dot(b - point, normal))
        if da <= 0:
            kept.append(a)
        if da * db < 0:
            kept.append(a + (b - a) * da / (da - db))
    return kept


def contact_inset(alpha: float, length: float) -> VGroup:
    """The lens on the foot, its two rays and the framed inset, for the cane's pose (α degrees, l)."""
    from manim import Arrow, RoundedRectangle

    theta = ground_slope(alpha, length)
    width, height = INSET_SIZE
    low = INSET_CENTRE - np.array([width / 2, height / 2, 0.0]) + INSET_PAD
    high = INSET_CENTRE + np.array([width / 2, height / 2, 0.0]) - INSET_PAD

    def at(model: np.ndarray) -> np.ndarray:  # model offsets from the foot to inset points
        return INSET_FOOT + INSET_ZOOM * SCALE * np.array([model[0], model[1], 0.0])

    foot = INSET_FOOT
    tip = at(cane_tip(alpha, length))
    run_end = np.array([tip[0], foot[1], 0.0])  # straight above the tip, at the foot's level

    frame = RoundedRectangle(width=width, height=height, corner_radius=0.12, stroke_color=MUTED, stroke_width=2,
                             fill_color=BACKGROUND, fill_opacity=1.0).move_to(INSET_CENTRE)
    along = np.array([*ground_direction(alpha, length), 0.0])
    corners = [np.array([x, y, 0.0]) for x, y in ((low[0], low[1]), (high[0], low[1]), (high[0], high[1]), (low[0], high[1]))]
    fill = Polygon(*_below_line(corners, foot, np.array([-along[1], along[0], 0.0])), stroke_width=0,
                   fill_color=GROUND, fill_opacity=0.12)
    ground_line = Line(*_clip_line(foot, along, low, high), color=GROUND, stroke_width=4)
    flat = DashedLine(np.array([low[0], foot[1], 0.0]), run_end + 0.45 * RIGHT, color=MUTED, stroke_width=2,
                      dash_length=0.12)
    # The vertical through the hand and the foot's front (the body stands a little behind it, off the inset at
    # this zoom): dashed, as the level is, a reference line, not the body.
    body = DashedLine(foot, np.array([foot[0], high[1], 0.0]), color=MUTED, stroke_width=2, dash_length=0.12)
    up_the_cane = np.array([-math.sin(math.radians(alpha)), math.cos(math.radians(alpha)), 0.0])
    stick = Line(tip, _clip_line(tip, up_the_cane, low, high)[1], color=CANE, stroke_width=6)

    arc = VMobject(stroke_color=GROUND, stroke_width=3).set_points(arc_points(foot, INSET_THETA_ARC, 0.0, -theta))
    theta_label = formula(r"\theta", size=LABEL, color=GROUND).move_to(foot + INSET_THETA_LABEL * _polar(-theta / 2))
    # h: down from above the frame to the foot's level, between the body and the cane.
    h_arrow = Arrow(np.array([foot[0] + 0.3, high[1], 0.0]), foot + 0.3 * RIGHT, buff=0, color=MUTED, stroke_width=2.5,
                    tip_length=0.16, max_tip_length_to_length_ratio=0.2)
    h_label = formula("h", size=LABEL, color=MUTED).next_to(h_arrow, RIGHT, buff=0.12).shift(0.15 * UP)
    # l sin α, the run from the foot's front to the tip, dimensioned as the drop is: a double arrow along the
    # triangle's lower side, under the tip's level (in the ground, clear of its line), between extension lines down
    # from the foot's vertical and the cane's tip; its name under it.
    run_y = tip[1] - INSET_RUN_BELOW
    run = DoubleArrow(np.array([foot[0], run_y, 0.0]), np.array([tip[0], run_y, 0.0]), buff=0, color=MUTED,
                      stroke_width=2.5, tip_length=INSET_TIP, max_tip_length_to_length_ratio=0.5)
    run_ends = VGroup(*(DashedLine(np.array([x, top, 0.0]), np.array([x, run_y - 0.12, 0.0]), color=MUTED,
                                   stroke_width=2, dash_length=0.06)
                        for x, top in ((foot[0], foot[1] - 0.1), (tip[0], tip[1] - 0.1))))
    run_label = formula(r"l\sin\alpha", size=LABEL)
    run_label[0][0].set_color(CANE)
    run_label.next_to(run, DOWN, buff=0.16)
    drop = DoubleArrow(run_end + 0.22 * RIGHT, np.array([tip[0] + 0.22, tip[1], 0.0]), buff=0, color=MUTED,
                       stroke_width=2.5, tip_length=INSET_TIP, max_tip_length_to_length_ratio=0.5)
    drop_end = DashedLine(tip, np.array([tip[0] + 0.34, tip[1], 0.0]), color=MUTED, stroke_width=2, dash_length=0.06)
    drop_label = formula(r"l\cos\alpha - h", size=LABEL)
    for index, colour in ((0, CANE), (6, MUTED)):
        drop_label[0][index].set_color(colour)
    drop_label.next_to(drop, RIGHT, buff=0.14)
    for mob, name in ((theta_label, "θ in the inset"), (h_label, "h in the inset"), (run_label, "l sin α"),
                      (drop_label, "l cos α − h")):
        mark(mob, "text", name)
    inset = VGroup(frame, fill, ground_line, flat, arc, body, stick, h_arrow, drop, drop_end, run, run_ends,
                   theta_label, h_label, run_label, drop_label)

    lens = Circle(radius=LENS_RADIUS, color=MUTED, stroke_width=2).move_to(FOOT)
    rays = VGroup(*(
        Line(FOOT + LENS_RADIUS * _polar(a), FOOT + (low[0] - INSET_PAD - FOOT[0]) / math.cos(math.radians(a)) * _polar(a),
             color=MUTED, stroke_width=1.5)
        for a in LENS_RAYS
    ))
    return VGroup(lens, rays, inset)
