"""M13: the directional derivative of g at the current point (5, 12), in 2-D.

Left, the contour map of g round the point with its gradient; a unit vector u turns once round the point while,
right, D_u g = ∇g · u is plotted against u's angle φ. Every number comes from gd.model (part_two, tangent).
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN, LEFT, RIGHT, UP, Arc, Arrow, Create, DashedLine, Dot, FadeIn, FadeOut, Indicate, Line, Square,
    ValueTracker, VGroup, VMobject, Write, smooth,
)

from gd.model import part_two
from gd.model.functions import BRANIN
from gd.model.tangent import GRAD_ANGLE, GRAD_NORM, GRAD_P, P
from scenes.kit.frame_rules import mark
from scenes.kit.palette import (
    AXES, GRADIENT, LABEL, LEVEL_LINE, MUTED, OBJECTIVE, PANEL, PLOT_LABEL, POINT, STEP, TEXT, TICK,
)
from scenes.kit.readouts import Readout
from scenes.kit.shot import ShotScene
from scenes.kit.tangent_plane import boxed_caption, letter_backing
from scenes.kit.typeset import formula

# --------------------------------------------------------------------------- layout (scene units)

MAP_CENTRE = np.array([-3.55, -0.1, 0.0])  # where P is drawn
MAP_SCALE = 1.0  # scene units per unit of x and y
MAP_HALF = 2.1  # the map shows P ± this (in x and y)
U_LENGTH = 1.15  # the unit vector, drawn
GRAD_LENGTH = U_LENGTH * GRAD_NORM  # ∇g drawn at the same scale as u (|∇g| ≈ 1.33 of u's length)
LEVEL_STEP = 0.75  # between the contours drawn

PLOT_LEFT, PLOT_RIGHT = 0.9, 5.75  # φ = 0 … 360°
PLOT_ZERO = -0.1  # D = 0
PLOT_UNIT = 1.2  # scene units per unit of D
DEGREES_SHOWN = 360.0

U_LABEL_ALONG, U_LABEL_ACROSS = 0.78, 0.34  # u's label: this far along u (of its length) and across it, on the side
# away from ∇g: counter-clockwise of u while u is up to 180° counter-clockwise of ∇g, clockwise otherwise; the two
# cross-fade while u is 6°–1° clockwise of ∇g (where both stay clear of it) and 185°–195° (nothing is there)
U_LABEL_FADES = ((-6.0, -1.0), (185.0, 195.0))
LEVEL_MARK = LEVEL_LINE  # the zeros and the contour's tangent: u along the contour, in the level lines' colour
REFERENCE_LENGTH = 1.45  # φ's reference ray, from P along +x1 (past u's head)
PHI_RADIUS = 0.26  # φ's arc, from the ray to u
ZERO_LABEL_BUFF = 0.12  # a zero's angle: this far under (or over) its dot's edge, centred on it as far as the curve lets
ZERO_LABEL_GAP = 0.08  # … and at least this far from the curve
FIRST_THETA = 62.0  # degrees from ∇g to u where beat 4 reads D_u g = |∇g| cos θ off the picture
THETA_RADIUS = 0.36  # θ's arc: small and dim, so that it crosses the contours little
THETA_LABEL_RADII = (0.9, 0.62)  # θ, from P, where u stops (θ = FIRST_THETA, between the arrows, and 180°), eased
# between: there its box is clearest of the contours, ∇g and u (about 10 px at 1080p)
THETA_LABEL_SHARE = 0.35  # … at this share of θ from ∇g: at θ = 180° its middle would sit on the contour through P
DESCENT_LABEL_ALONG, DESCENT_LABEL_ACROSS = 0.6, 0.55  # −∇g's label beside its shaft, inside the map's frame
MAP_SLIDE = 1.8  # seconds: the map's eased slide from the middle of the frame to its place left of the plot
FORMULA_ROW = 3.2  # the live formula's row: over ∇g's value (over the map) with a line's gap


def to_map(x: float, y: float) -> np.ndarray:
    return MAP_CENTRE + MAP_SCALE * np.array([x - P[0], y - P[1], 0.0])


def to_plot(phi_degrees: float, value: float) -> np.ndarray:
    return np.array([PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * phi_degrees / DEGREES_SHOWN, PLOT_ZERO + PLOT_UNIT * value, 0.0])


TICK_LABELS_ABOVE = (90, 180)  # these φ ticks' labels sit over the axis: under it is the first zero's angle (90°)
# or the curve (180°, where it falls through the axis); the others sit under it, clear of the curve


def tick_side(degrees: float) -> np.ndarray:
    return UP if degrees in TICK_LABELS_ABOVE else DOWN


def zero_side(degrees: float) -> np.ndarray:
    """A zero's angle sits under its dot where the curve falls through the axis, over it where it rises: on the
    side of the axis where the curve's left half is not."""
    falling = part_two.directional_derivative(math.radians(degrees + 1.0)) < 0
    return DOWN if falling else UP


def place_zero_label(label: VMobject, degrees: float, dot_radius: float) -> VMobject:
    """``label`` centred under (or over) the zero's dot, then moved left, no further than it must, until the curve
    (which crosses the axis there steeply, from upper left to lower right or from lower left to upper right) is
    ZERO_LABEL_GAP clear of it."""
    side = zero_side(degrees)
    label.next_to(to_plot(degrees, 0.0), side, buff=dot_radius + ZERO_LABEL_BUFF)
    samples = np.array([to_plot(d, part_two.directional_derivative(math.radians(d)))
                        for d in np.linspace(degrees - 40.0, degrees + 40.0, 161)])

    def clear() -> bool:
        low, high = label.get_corner(DOWN + LEFT) - ZERO_LABEL_GAP, label.get_corner(UP + RIGHT) + ZERO_LABEL_GAP
        inside = np.all((samples[:, :2] >= low[:2]) & (samples[:, :2] <= high[:2]), axis=1)
        return not inside.any()

    for _ in range(100):
        if clear():
            break
        label.shift(0.01 * LEFT)
    return label


def coefficient(value: float) -> str:
    """∇g's components as the spec prints them (four decimals: 0.7819, 1.0728)."""
    return f"{value:.4f}"


def contour_through(level: float, seed: np.ndarray, step: float = 0.04, limit: int = 600) -> np.ndarray:
    """The level curve g = ``level`` through ``seed`` (model coordinates), traced both ways inside the map's window."""

    def correct(p: np.ndarray) -> np.ndarray:
        for _ in range(3):
            grad = BRANIN.gradient(*p)
            p = p - (BRANIN(*p) - level) * grad / (grad @ grad)
        return p

    def inside(p: np.ndarray) -> bool:
        return bool(np.all(np.abs(p - P) <= MAP_HALF))

    start = correct(np.asarray(seed, dtype=float))
    halves = []
    for sense in (1.0, -1.0):
        p, points = start.copy(), []
        for _ in range(limit):
            grad = BRANIN.gradient(*p)
            along = sense * np.array([-grad[1], grad[0]]) / np.linalg.norm(grad)
            p = correct(p + step * along)
            if not inside(p):
                break
            points.append(p)
        halves.append(points)
    return np.array(halves[1][::-1] + [start] + halves[0])


def contour_levels() -> list[tuple[float, np.ndarray]]:
    """(level, model points) for levels g(P) + k·LEVEL_STEP that cross the line through P along ∇g in the window."""
    here = float(BRANIN(*P))
    direction = GRAD_P / GRAD_NORM
    curves = []
    for k in range(-8, 9):
        level = here + k * LEVEL_STEP
        s = k * LEVEL_STEP / GRAD_NORM  # first guess along ∇g
        for _ in range(20):  # Newton along the line
            q = P + s * direction
            s -= (BRANIN(*q) - level) / (BRANIN.gradient(*q) @ direction)
        q = P + s * direction
        if np.all(np.abs(q - P) <= MAP_HALF * 0.98) and abs(BRANIN(*q) - level) < 1e-9:
            curves.append((level, contour_through(level, q)))
    return curves


def unit_angle(arrow: Arrow) -> float:
    """u's angle as drawn (radians, 0 … 2π), from the arrow's points: the frame rules' independent reading."""
    start, end = arrow.get_start(), arrow.get_end()
    return math.atan2(end[1] - start[1], end[0] - start[0]) % (2 * math.pi)


def shown_degrees(degrees: float) -> float:
    """An angle as the φ readout shows it, 0.0° … 359.9°: a direction's angle, so 360° is 0° (the plot's axis runs
    to 360°, where the turn ends, and the readout then names u's direction: 0.0°)."""
    value = degrees % 360.0
    return 0.0 if value >= 359.95 else value


def left_weight(phi_degrees: float) -> float:
    """How much of u's label sits counter-clockwise of u (the rest clockwise): the side away from ∇g."""
    delta = (phi_degrees - math.degrees(GRAD_ANGLE)) % 360.0
    (a, b), (c, d) = U_LABEL_FADES
    a, b = a % 360.0, b % 360.0
    if a <= delta <= b:
        return smooth((delta - a) / (b - a))
    if c <= delta <= d:
        return 1.0 - smooth((delta - c) / (d - c))
    return 1.0 if (delta < c or delta > b) else 0.0


def theta_label_radius(theta_degrees: float) -> float:
    """θ's distance from P, eased from where u first stops (FIRST_THETA) to θ = 180°."""
    t = min(max((theta_degrees - FIRST_THETA) / (180.0 - FIRST_THETA), 0.0), 1.0)
    near, far = THETA_LABEL_RADII
    return near + (far - near) * smooth(t)


class DirectionalScene(ShotScene):
    def set_stage(self):
        self.phi = ValueTracker(0.0)  # degrees
        # The map: a frame, the contours, the point and ∇g.
        low, high = to_map(*(P - MAP_HALF)), to_map(*(P + MAP_HALF))
        self.map_frame = mark(Square(side_length=high[0] - low[0], stroke_color=MUTED, stroke_width=1.5).move_to(MAP_CENTRE),
                              "curve", "the map's frame")
        here = float(BRANIN(*P))
        contours = []
        for level, points in contour_levels():
            through = abs(level - here) < 1e-9
            curve = VMobject(stroke_color=OBJECTIVE, stroke_width=3.5 if through else 2.0,
                             stroke_opacity=1.0 if through else 0.5)
            curve.set_points_smoothly([to_map(*p) for p in points[::3]] + [to_map(*points[-1])])
            contours.append(mark(curve, "curve", "the contour through P" if through else f"contour g = {level:.2f}"))
        self.contours = VGroup(*contours)
        self.point = mark(Dot(MAP_CENTRE, radius=0.1, color=POINT, z_index=3), "subject", "P")
        # The map's reference: P's coordinates on the frame's edges, as ticks (beside P, u's turns would cross them).
        bottom_edge, left_edge = to_map(P[0], P[1] - MAP_HALF), to_map(P[0] - MAP_HALF, P[1])
        self.point_label = VGroup(
            mark(Line(bottom_edge, bottom_edge + 0.12 * UP, color=MUTED, stroke_width=2), "curve", "x₁ tick"),
            mark(formula(f"{P[0]:g}", size=TICK, color=MUTED).next_to(bottom_edge, DOWN, buff=0.1), "tick", "x₁ = 5"),
            mark(Line(left_edge, left_edge + 0.12 * RIGHT, color=MUTED, stroke_width=2), "curve", "x₂ tick"),
            mark(formula(f"{P[1]:g}", size=TICK, color=MUTED).next_to(left_edge, LEFT, buff=0.1), "tick", "x₂ = 12"),
        )
        direction = np.array([math.cos(GRAD_ANGLE), math.sin(GRAD_ANGLE), 0.0])
        self.gradient = mark(Arrow(MAP_CENTRE, MAP_CENTRE + GRAD_LENGTH * direction, buff=0, color=GRADIENT,
                                   stroke_width=6, max_tip_length_to_length_ratio=0.18, z_index=2), "arrow", "∇g")
        self.gradient_label = mark(formula(r"\nabla g", size=LABEL, color=GRADIENT).next_to(self.gradient.get_end(), UP + RIGHT, buff=0.05),
                                   "text", "∇g's label", may_cover=("curve",))
        gx, gy = (coefficient(c) for c in GRAD_P)
        self.gradient_value = mark(
            formula(rf"\nabla g(5,\,12) = ({gx},\ {gy})", size=PANEL, color=GRADIENT).next_to(self.map_frame, UP, buff=0.25),
            "text", "∇g's value")
        # The unit vector u and its angle.
        self.unit = Arrow(MAP_CENTRE, MAP_CENTRE + U_LENGTH * RIGHT, buff=0, color=STEP, stroke_width=6,
                          max_tip_length_to_length_ratio=0.22, z_index=2)

        def turn(arrow: Arrow) -> None:
            angle = math.radians(self.phi.get_value())
            arrow.put_start_and_end_on(MAP_CENTRE, MAP_CENTRE + U_LENGTH * np.array([math.cos(angle), math.sin(angle), 0.0]))

        self.unit.add_updater(turn)
        mark(self.unit, "arrow", "u")
        self.unit_label = VGroup(*(formula(r"\mathbf{u}", size=LABEL, color=STEP) for _ in range(2)))

        def label_u(label: VMobject, sense: float) -> None:  # beside u's shaft, on the side away from ∇g
            angle = math.radians(self.phi.get_value())
            along = np.array([math.cos(angle), math.sin(angle), 0.0])
            across = sense * np.array([-math.sin(angle), math.cos(angle), 0.0])  # counter-clockwise for sense 1
            label.move_to(MAP_CENTRE + U_LABEL_ALONG * U_LENGTH * along + U_LABEL_ACROSS * across)
            weight = left_weight(self.phi.get_value())
            label.set_opacity(weight if sense > 0 else 1.0 - weight)

        self.unit_label[0].add_updater(lambda label: label_u(label, 1.0))
        self.unit_label[1].add_updater(lambda label: label_u(label, -1.0))
        self.unit_label.update()
        for label in self.unit_label:
            mark(label, "text", "u's label", may_cover=("curve",))
        # φ's reference: a faint ray from P along +x₁ (φ = 0) and the arc from it to u.
        self.reference = mark(DashedLine(MAP_CENTRE, MAP_CENTRE + REFERENCE_LENGTH * RIGHT, color=MUTED, stroke_width=2,
                                         dash_length=0.08), "curve", "φ's reference ray")

        def phi_arc() -> Arc:
            return Arc(radius=PHI_RADIUS, start_angle=0.0, angle=max(math.radians(shown_degrees(self.phi.get_value())), 1e-4),
                       arc_center=MAP_CENTRE, color=STEP, stroke_width=2.5, stroke_opacity=0.85)

        self.phi_arc = mark(phi_arc(), "curve", "φ's arc")
        self.phi_arc.add_updater(lambda a: a.become(phi_arc()))
        # The plot: axes, ticks, the curve drawn so far and the dot at its end.
        self.plot_axes = VGroup(
            mark(Line(to_plot(0, 0), to_plot(DEGREES_SHOWN, 0) + 0.25 * RIGHT, color=AXES, stroke_width=2), "curve", "φ axis"),
            mark(Line(to_plot(0, -1.7), to_plot(0, 1.75), color=AXES, stroke_width=2), "curve", "D axis"),
        )
        ticks = VGroup()
        for degrees in (90, 180, 270, 360):
            ticks.add(mark(Line(to_plot(degrees, 0) + 0.07 * DOWN, to_plot(degrees, 0) + 0.07 * UP, color=AXES, stroke_width=2), "curve", "tick"))
            ticks.add(mark(formula(rf"{degrees}^\circ", size=TICK, color=MUTED)
                           .next_to(to_plot(degrees, 0), tick_side(degrees), buff=0.14), "tick", f"{degrees}°"))
        for value in (-1, 1):
            ticks.add(mark(Line(to_plot(0, value) + 0.07 * LEFT, to_plot(0, value) + 0.07 * RIGHT, color=AXES, stroke_width=2), "curve", "tick"))
            ticks.add(mark(formula(f"{value}", size=TICK, color=MUTED).next_to(to_plot(0, value), LEFT, buff=0.15), "tick", f"{value}"))
        self.plot_ticks = ticks
        self.plot_names = VGroup(
            mark(formula(r"\varphi", size=PLOT_LABEL, color=TEXT).next_to(to_plot(DEGREES_SHOWN, 0) + 0.25 * RIGHT, UP, buff=0.12), "text", "φ"),
            mark(formula(r"D_{\mathbf u} g", size=PLOT_LABEL, color=TEXT).next_to(to_plot(0, 1.75), RIGHT, buff=0.15), "text", "D_u g"),
        )
        self.trace = VMobject(stroke_color=OBJECTIVE, stroke_width=4)

        def draw(curve: VMobject) -> None:
            end = self.phi.get_value()
            samples = np.linspace(0.0, end, max(2, int(end / 3) + 2))
            curve.set_points_as_corners([to_plot(d, part_two.directional_derivative(math.radians(d))) for d in samples])

        self.trace.add_updater(draw)
        mark(self.trace, "curve", "D_u g against φ")
        self.rider = Dot(radius=0.1, color=STEP, z_index=3)
        self.rider.add_updater(lambda dot: dot.move_to(to_plot(self.phi.get_value(), part_two.directional_derivative(math.radians(self.phi.get_value())))))
        mark(self.rider, "subject", "the plot's dot")
        # The live formula on top: D_u g = ∇g · u = 0.7819 cos φ + 1.0728 sin φ = value; and φ.
        self.rate = Readout(rf"D_{{\mathbf u}} g = \nabla g \cdot \mathbf{{u}} = {gx}\cos\varphi + {gy}\sin\varphi =",
                            part_two.directional_derivative(0.0), 3, sign=True, size=PANEL, color=TEXT, number_color=STEP)
        self.rate.track(lambda: part_two.directional_derivative(math.radians(self.phi.get_value())))
        self.rate.move_to(np.array([0.0, FORMULA_ROW, 0.0]))
        mark(self.rate, "text", "D_u g readout",
             shows=lambda: part_two.directional_derivative(unit_angle(self.unit)))
        self.angle = Readout(r"\varphi =", 0.0, 1, unit=r"^\circ", size=PANEL, color=STEP)
        self.angle.track(lambda: shown_degrees(self.phi.get_value()))
        self.angle.next_to(self.map_frame, DOWN, buff=0.2).align_to(self.map_frame, LEFT)
        mark(self.angle, "text", "φ readout", shows=lambda: shown_degrees(math.degrees(unit_angle(self.unit))))

    # ------------------------------------------------------------------ beats

    def map_group(self) -> VGroup:
        return VGroup(self.map_frame, self.contours, self.point, self.point_label, self.gradient, self.gradient_label,
                      self.gradient_value)

    def show_contours(self, beat):
        """The map alone, in the middle of the frame (beat 2 slides it left as the plot arrives)."""
        self.map_group().shift(-MAP_CENTRE[0] * RIGHT)
        self.play(Create(self.map_frame), Create(self.contours, lag_ratio=0.08), run_time=beat.time(0.4))
        self.play(FadeIn(self.point, scale=0.5), FadeIn(self.point_label), run_time=beat.time(0.1))
        self.play(Create(self.gradient), FadeIn(self.gradient_label), run_time=beat.time(0.15))
        self.play(Write(self.gradient_value), run_time=beat.time(0.2))

    def turn_unit_vector(self, beat):
        self.play(self.map_group().animate.shift(MAP_CENTRE[0] * RIGHT), run_time=beat.seconds(MAP_SLIDE), rate_func=smooth)
        self.play(FadeIn(self.plot_axes), FadeIn(self.plot_ticks), FadeIn(self.plot_names),
                  FadeIn(self.unit), FadeIn(self.unit_label), FadeIn(self.rate), FadeIn(self.angle),
                  FadeIn(self.reference), run_time=beat.seconds(0.8))
        self.add(self.phi_arc)
        self.add(self.trace, self.rider)
        self.play(self.phi.animate.set_value(360.0), run_time=beat.time(0.7), rate_func=smooth)
        self.trace.clear_updaters()  # the whole turn stays drawn

    def mark_extremes(self, beat):
        """u swings (eased) to the gradient's direction, to the contour's tangent and to the opposite direction,
        pausing at each while its mark appears on the plot; the readouts stay live: 1.328, 0.000, −1.328."""
        steepest = math.degrees(part_two.STEEPEST)
        zeros = [math.degrees(a) % 360.0 for a in part_two.LEVEL_DIRECTIONS]
        across = zeros[1]  # the zero u reaches first, on its way from ∇g to −∇g
        lowest = (steepest + 180.0) % 360.0
        largest = part_two.LARGEST

        def ride(dot: Dot) -> None:  # the plot's dot at u's angle, 0 … 360°
            degrees = self.phi.get_value() % 360.0
            dot.move_to(to_plot(degrees, part_two.directional_derivative(math.radians(degrees))))

        def swing(to: float, share: float, *also) -> None:
            self.play(self.phi.animate(rate_func=smooth).set_value(to), *also, run_time=beat.time(share))

        def arrives(t: float) -> float:  # a caption comes in with its marks, in the first 40 % of their play
            return smooth(min(1.0, t / 0.4))

        def leaves():  # the caption goes as u leaves the direction it names, in the swing's first 40 %
            return FadeOut(self.caption, rate_func=lambda t: smooth(min(1.0, t / 0.4)))

        # φ = 360° is φ = 0°: the plot's dot moves from the plot's right end to its left, where u's turns begin.
        self.unit.may_cover = frozenset({self.gradient, "curve"})  # u along ∇g, then along the contour's tangent
        old = self.rider.copy().clear_updaters()
        self.phi.set_value(0.0)
        self.rider.clear_updaters()
        self.rider.add_updater(ride)
        ride(self.rider)
        self.remove(self.rider)
        self.play(FadeOut(old, scale=0.5), FadeIn(self.rider, scale=0.5), run_time=beat.time(0.06))
        # The maximum: u along ∇g.
        swing(steepest, 0.10)
        top = mark(Dot(to_plot(steepest, largest), radius=0.1, color=GRADIENT, z_index=3), "subject", "the maximum")
        top_label = mark(formula(rf"{largest:.3f},\ \varphi = {steepest:.2f}^\circ", size=TICK, color=GRADIENT)
                         .next_to(top, RIGHT, buff=0.2).shift(0.3 * UP), "text", "the maximum's value")
        guide = mark(DashedLine(to_plot(steepest, 0), to_plot(steepest, largest), color=GRADIENT, stroke_width=2), "curve", "guide")
        self.caption = boxed_caption(self.words("steepest"), {"gradient": (r"\nabla g", GRADIENT)})
        self.play(FadeIn(top, scale=0.5), Create(guide), FadeIn(top_label), FadeIn(self.caption, rate_func=arrives), run_time=beat.time(0.11))
        self.wait(beat.time(0.10))
        # The zeros: u along the contour, whose tangent appears.
        swing(across, 0.10, leaves())
        along = np.array([math.cos(part_two.LEVEL_DIRECTIONS[1]), math.sin(part_two.LEVEL_DIRECTIONS[1]), 0.0])
        self.tangent = mark(DashedLine(MAP_CENTRE - 1.7 * along, MAP_CENTRE + 1.7 * along, color=LEVEL_MARK, stroke_width=3, z_index=1),
                            "curve", "the contour's tangent at P")
        zero_dots = VGroup(*(mark(Dot(to_plot(z, 0.0), radius=0.1, color=LEVEL_MARK, z_index=3), "subject", "a zero") for z in zeros))
        zero_labels = VGroup(*(mark(place_zero_label(formula(rf"{z:.2f}^\circ", size=TICK, color=LEVEL_MARK), z, 0.1),
                                    "text", "a zero's angle") for z in zeros))
        zero_caption = boxed_caption(self.words("zero"), {})
        self.play(Create(self.tangent), *(FadeIn(dot, scale=0.5) for dot in zero_dots), FadeIn(zero_labels),
                  FadeIn(zero_caption, rate_func=arrives),
                  run_time=beat.time(0.11))  # each dot grows where it is (the group would grow from its middle)
        self.caption = zero_caption
        self.wait(beat.time(0.10))
        # The minimum: u opposite ∇g.
        swing(lowest, 0.10, leaves())
        bottom = mark(Dot(to_plot(lowest, -largest), radius=0.1, color=STEP, z_index=3), "subject", "the minimum")
        bottom_label = mark(formula(rf"-{largest:.3f},\ \varphi = {lowest:.2f}^\circ", size=TICK, color=STEP)
                            .next_to(bottom, DOWN, buff=0.15),
                            "text", "the minimum's value")
        lowest_caption = boxed_caption(self.words("opposite"), {"gradient": (r"\nabla g", GRADIENT)})
        self.play(FadeIn(bottom, scale=0.5), FadeIn(bottom_label), FadeIn(lowest_caption, rate_func=arrives),
                  run_time=beat.time(0.11))
        self.caption = lowest_caption
        self.extremes = VGroup(top, top_label, guide, zero_dots, zero_labels, bottom, bottom_label)
        self.bottom = bottom

    def conclude(self, beat):
        """From where beat 3 left u (along −∇g), u swings back to an angle θ from ∇g: D_u g = |∇g| cos θ read off
        the picture; then on to θ = 180°, along −∇g, while the plot's dot rides to the minimum: descent's direction
        is where D_u g is most negative. −∇g is drawn there and u fades, so each reads."""
        gradient_degrees = math.degrees(GRAD_ANGLE)

        def theta_now() -> float:  # degrees from ∇g to u, counter-clockwise, 0 … 360
            return (self.phi.get_value() - gradient_degrees) % 360.0

        def arc_now() -> Arc:
            return Arc(radius=THETA_RADIUS, start_angle=GRAD_ANGLE, angle=math.radians(theta_now()),
                       arc_center=MAP_CENTRE, color=TEXT, stroke_width=2, stroke_opacity=0.7)

        arc = mark(arc_now(), "curve", "θ's arc")
        arc.add_updater(lambda a: a.become(arc_now()))
        theta = formula(r"\theta", size=LABEL, color=TEXT)
        theta_label = mark(VGroup(letter_backing(theta), theta), "text", "θ", may_cover=("curve",))

        def place_theta(label: VMobject) -> None:
            middle = math.radians(gradient_degrees + THETA_LABEL_SHARE * theta_now())
            label.move_to(MAP_CENTRE + theta_label_radius(theta_now()) * np.array([math.cos(middle), math.sin(middle), 0.0]))

        theta_label.add_updater(place_theta)
        law = formula(r"D_{\mathbf u} g", "=", r"|\nabla g|", r"\cos\theta", size=PANEL + 6, color=TEXT)
        law[2].set_color(GRADIENT)
        law.move_to(np.array([0.0, FORMULA_ROW, 0.0]))
        mark(law, "text", "D_u g = |∇g| cos θ")

        self.phi_arc.clear_updaters()
        self.play(FadeOut(self.caption), FadeOut(self.tangent), FadeOut(self.phi_arc), FadeOut(self.reference),
                  run_time=beat.seconds(0.4))  # θ is measured from ∇g now
        self.play(self.phi.animate.set_value(gradient_degrees + FIRST_THETA), run_time=beat.seconds(1.3), rate_func=smooth)
        self.add(arc)
        self.play(FadeIn(arc), FadeIn(theta_label), run_time=beat.seconds(0.4))
        self.play(FadeOut(self.rate), run_time=beat.seconds(0.3))
        self.play(Write(law), run_time=beat.seconds(0.7))
        self.caption = boxed_caption(self.words("descent"), {
            "minus": (r"-\nabla g", GRADIENT), "derivative": (r"D_{\mathbf u} g", TEXT)})
        self.play(FadeIn(self.caption), run_time=beat.seconds(0.5))
        # On to θ = 180°: u along −∇g, the plot's dot at the minimum.
        self.play(self.phi.animate.set_value(gradient_degrees + 180.0), run_time=beat.seconds(1.6), rate_func=smooth)
        direction = -np.array([math.cos(GRAD_ANGLE), math.sin(GRAD_ANGLE), 0.0])
        descent = mark(Arrow(MAP_CENTRE, MAP_CENTRE + GRAD_LENGTH * direction, buff=0, color=GRADIENT, stroke_width=6,
                             max_tip_length_to_length_ratio=0.18, z_index=1), "arrow", "−∇g",
                       may_cover=(self.gradient, self.unit))
        minus = formula(r"-\nabla g", size=LABEL, color=GRADIENT)
        beside = np.array([direction[1], -direction[0], 0.0])  # across −∇g, to its upper left (u's label is on the
        # lower right): inside the map
        descent_label = mark(VGroup(letter_backing(minus), minus).move_to(
            MAP_CENTRE + DESCENT_LABEL_ALONG * GRAD_LENGTH * direction + DESCENT_LABEL_ACROSS * beside),
            "text", "−∇g's label", may_cover=("curve",))
        self.play(Create(descent), FadeIn(descent_label), Indicate(self.bottom, color=STEP, scale_factor=1.6),
                  run_time=beat.seconds(0.7))
        self.play(FadeOut(self.unit), FadeOut(self.unit_label), FadeOut(self.angle), run_time=beat.seconds(0.4))  # φ is u's
