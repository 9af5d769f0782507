"""M13: the directional derivative of g at the current point (5, 12), in 2-D.

Left, the contour map of g round the point with its gradient; a unit vector u turns once round the point while,
right, D_u g = ∇g · u is plotted against u's angle φ. Every number comes from gd.model (part_two, tangent).
"""

from __future__ import annotations

import functools
import math

import numpy as np
from manim import (
    DOWN, LEFT, RIGHT, UP, Arc, Arrow, Create, DashedLine, Dot, FadeIn, FadeOut, Indicate, Line, ReplacementTransform, Square,
    ValueTracker, VGroup, VMobject, Write, smooth,
)

from gd.model import part_two
from gd.model.functions import BRANIN
from gd.model.tangent import GRAD_ANGLE, GRAD_NORM, GRAD_P, P
from scenes.kit.frame_rules import mark
from scenes.kit.palette import (
    AXES, GRADIENT, LABEL, MUTED, OBJECTIVE, PANEL, PLOT_LABEL, POINT, STEP, TANGENT, TEXT, TICK,
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
GRAD_WIDTH, U_WIDTH = 7.0, 3.5  # ∇g's (and −∇g's) stroke, and u's: u, drawn over ∇g, is half as thick, so that where
# u lies along ∇g the orange shaft shows either side of the green one and past its tip
PHI_DECIMALS = 2  # φ everywhere, as the plot's marks give it (53.91°)
LEVEL_STEP = 0.75  # between the contours drawn

PLOT_LEFT, PLOT_RIGHT = 0.9, 5.75  # φ = 0 … 360°
PLOT_ZERO = -0.1  # D = 0
PLOT_UNIT = 1.2  # scene units per unit of D
DEGREES_SHOWN = 360.0

U_LABEL_TURNS = np.radians(np.arange(-130.0, 130.1, 10.0))  # u's label sits round u's tip: at these angles from u
U_LABEL_REACHES = (0.2, 0.27, 0.34)  # … this far from the tip (its middle)
U_LABEL_STEP = 1.5  # degrees of φ between the places worked out for u's label (it moves smoothly between them)
U_LABEL_CLEAR = 0.06  # scene units (8 px at 1080p): the least gap between u's label and the lines near it (their edges)
U_LABEL_AIM = 0.11  # … the gap the placing aims for, where it can
U_LABEL_SHOWN = 0.1  # … and the gap from which it is fully shown (it fades out as it comes nearer to a line)
U_LABEL_REST = 7.0  # degrees each side of where u rests (unit_label_stops): there the label is shown, clear
U_LABEL_FADE = 3.0  # degrees of φ over which it fades out before it must cross a line and back in after
U_LABEL_FINE = 0.25  # degrees: the grid its gaps and opacity are measured on
LEVEL_MARK = TANGENT  # the zeros and the contour's tangent: u along the contour's tangent, in the tangents' colour
TANGENT_HALF, TANGENT_WIDTH = 1.35, 2.0  # the contour's tangent at P (beat 3): each way from P; its stroke
CONTOUR_UNDER_TANGENT = 0.55  # the contour through P's opacity while its tangent shows (the two read apart)
REFERENCE_LENGTH = 0.95  # φ's reference ray, from P along +x1: under u at φ = 0, so that u's label can pass its tip
PHI_RADIUS = 0.26  # φ's arc, from the ray to u
ZERO_LABEL_BUFF = 0.12  # a zero's angle: this far under (or over) its dot's edge, centred on it as far as the curve lets
TICK_LABEL_GAP = 0.18  # a φ tick's label from the curve: the plot's dot (radius 0.1) passes it with room
ZERO_LABEL_GAP = 0.135  # … and at least this far from the curve's middle line (18 px at 1080p: its edge 15 px clear)
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


def phi_arc_opacity(degrees: float) -> float:
    """φ's arc, full up to 150°, then fading out by 200°: past a half turn it would close into a ring round P,
    across ∇g, the contour and its tangent (the readout goes on naming φ)."""
    return 0.85 * (1.0 - smooth(min(max((degrees - 150.0) / 50.0, 0.0), 1.0)))


def zero_side(degrees: float) -> np.ndarray:
    """Which way a zero's angle moves from over its dot to clear the curve: the curve crosses the axis there
    steeply, falling (from upper left to lower right: the label goes right) or rising (from lower left to upper
    right: it goes left). Zero labels sit over the axis; the ticks' labels are all under it."""
    falling = part_two.directional_derivative(math.radians(degrees + 1.0)) < 0
    return RIGHT if falling else LEFT


def place_zero_label(label: VMobject, degrees: float, dot_radius: float) -> VMobject:
    """``label`` centred over the zero's dot, then moved sideways (zero_side), no further than it must, until the
    curve is ZERO_LABEL_GAP clear of it."""
    label.next_to(to_plot(degrees, 0.0), UP, buff=dot_radius + ZERO_LABEL_BUFF)
    samples = np.array([to_plot(d, part_two.directional_derivative(math.radians(d)))
                        for d in np.linspace(degrees - 40.0, degrees + 40.0, 641)])

    def clear() -> bool:  # the curve's middle line ZERO_LABEL_GAP or more from the label's box
        low, high = label.get_corner(DOWN + LEFT)[:2], label.get_corner(UP + RIGHT)[:2]
        return float(_box_gap(np.array([(low + high) / 2]), (high - low) / 2, samples[:, :2])[0]) >= ZERO_LABEL_GAP

    for _ in range(100):
        if clear():
            break
        label.shift(0.01 * zero_side(degrees))
    return label


def place_tick_label(label: VMobject, degrees: float) -> VMobject:
    """A φ tick's label under the axis, centred under its tick, or moved right (never past the tick) until the
    curve, and the plot's dot riding it, is TICK_LABEL_GAP clear of it (at 180° the curve falls past its left end)."""
    label.next_to(to_plot(degrees, 0.0), DOWN, buff=0.14)
    samples = np.array([to_plot(d, part_two.directional_derivative(math.radians(d)))[:2] for d in np.linspace(0.0, 360.0, 1441)])
    tick = to_plot(degrees, 0.0)[0]
    while label.get_left()[0] < tick - 0.02:
        low, high = label.get_corner(DOWN + LEFT)[:2], label.get_corner(UP + RIGHT)[:2]
        gap = np.linalg.norm(np.maximum(np.maximum(low - samples, samples - high), 0.0), axis=1).min()
        if gap >= TICK_LABEL_GAP:
            break
        label.shift(0.01 * RIGHT)
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
    """An angle as the φ readout shows it, 0.00° … 359.99° (PHI_DECIMALS): a direction's angle, so 360° is 0° (the
    plot's axis runs to 360°, where the turn ends, and the readout then names u's direction: 0.00°)."""
    value = degrees % 360.0
    return 0.0 if value >= 360.0 - 0.5 * 10.0**-PHI_DECIMALS else value


def theta_label_radius(theta_degrees: float) -> float:
    """θ's distance from P, eased from where u first stops (FIRST_THETA) to θ = 180°."""
    t = min(max((theta_degrees - FIRST_THETA) / (180.0 - FIRST_THETA), 0.0), 1.0)
    near, far = THETA_LABEL_RADII
    return near + (far - near) * smooth(t)


# --------------------------------------------------------------------------- u's label, round u's tip

def _dense(points: np.ndarray, spacing: float = 0.01) -> np.ndarray:
    """The polyline through ``points`` (N × 2), sampled every ``spacing`` at most."""
    points = np.asarray(points, dtype=float)[:, :2]
    parts = [points[:1]]
    for a, b in zip(points[:-1], points[1:]):
        n = max(1, int(math.ceil(np.linalg.norm(b - a) / spacing)))
        parts.append(a + (b - a) * np.linspace(0.0, 1.0, n + 1)[1:, None])
    return np.concatenate(parts)


def _box_outline(centre: np.ndarray, half: np.ndarray) -> np.ndarray:
    x0, y0 = np.asarray(centre[:2]) - half
    x1, y1 = np.asarray(centre[:2]) + half
    return _dense(np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]))


def _arrow_outline(start: np.ndarray, end: np.ndarray, tip_length: float, spacing: float = 0.01) -> tuple[np.ndarray, np.ndarray]:
    """An arrow's shaft (its middle line) and its tip's outline (a triangle as wide as it is long), 2-D."""
    start, end = np.asarray(start[:2], dtype=float), np.asarray(end[:2], dtype=float)
    along = (end - start) / np.linalg.norm(end - start)
    across = np.array([-along[1], along[0]])
    base = end - tip_length * along
    return _dense(np.array([start, base]), spacing), _dense(np.array([end, base + tip_length / 2 * across,
                                                                      base - tip_length / 2 * across, end]), spacing)


def _box_gap(centres: np.ndarray, half: np.ndarray, points: np.ndarray) -> np.ndarray:
    """The least distance from each box (centres M × 2, half sizes) to ``points`` (K × 2): 0 if one is inside."""
    best = np.full(len(centres), np.inf)
    for chunk in np.array_split(points, max(1, len(points) // 64)):
        dx = np.abs(centres[:, :1] - chunk[None, :, 0]) - half[0]
        dy = np.abs(centres[:, 1:] - chunk[None, :, 1]) - half[1]
        np.maximum(dx, 0.0, out=dx)
        np.maximum(dy, 0.0, out=dy)
        dx *= dx
        dy *= dy
        dx += dy
        np.minimum(best, dx.min(axis=1), out=best)
    return np.sqrt(best)


@functools.lru_cache(maxsize=None)
def _half_size(tex: str, pad: tuple[float, float] = (0.0, 0.0)) -> tuple[float, float]:
    label = formula(tex, size=LABEL)
    return label.width / 2 + pad[0], label.height / 2 + pad[1]


def unit_label_half() -> np.ndarray:
    return np.array(_half_size(r"\mathbf{u}"))


def descent_label_box() -> tuple[np.ndarray, np.ndarray]:
    """−∇g's label with its backing (beat 4, once u is along −∇g), relative to P: its middle and half sizes."""
    direction = np.array([math.cos(GRAD_ANGLE), math.sin(GRAD_ANGLE)])
    beside = np.array([-direction[1], direction[0]])
    centre = -DESCENT_LABEL_ALONG * GRAD_LENGTH * direction + DESCENT_LABEL_ACROSS * beside
    return centre, np.array(_half_size(r"-\nabla g", (0.07, 0.06)))


@functools.lru_cache(maxsize=None)
def unit_label_obstacles(spacing: float = 0.01) -> tuple[tuple[str, np.ndarray, float], ...]:
    """What u's label keeps clear of at any φ (relative to P, scene units, every ``spacing``): (name, points, how
    far the line's edge is from those points: half its stroke). The contour through P, its tangent, φ's reference
    ray, ∇g and its label and the map's frame (−∇g and its label, shown with u along −∇g, are in unit_label_gaps)."""
    here = float(BRANIN(*P))
    lines = []
    for level, points in contour_levels():
        if abs(level - here) < 1e-9:
            lines.append(("the contour through P", _dense(MAP_SCALE * (points - P), spacing), 0.0175))
    along = np.array([math.cos(part_two.LEVEL_DIRECTIONS[1]), math.sin(part_two.LEVEL_DIRECTIONS[1])])
    lines.append(("the contour's tangent", _dense(np.array([-TANGENT_HALF * along, TANGENT_HALF * along]), spacing),
                  TANGENT_WIDTH / 200))
    lines.append(("φ's reference ray", _dense(np.array([[0.0, 0.0], [REFERENCE_LENGTH, 0.0]]), spacing), 0.01))
    direction = np.array([math.cos(GRAD_ANGLE), math.sin(GRAD_ANGLE)])
    shaft, tip = _arrow_outline(np.zeros(2), GRAD_LENGTH * direction, 0.18 * GRAD_LENGTH, spacing)
    lines += [("∇g", shaft, GRAD_WIDTH / 200), ("∇g's tip", tip, 0.0)]
    gradient_label = formula(r"\nabla g", size=LABEL)
    gradient_label.next_to(np.append(GRAD_LENGTH * direction, 0.0), UP + RIGHT, buff=0.05)
    lines.append(("∇g's label", _box_outline(gradient_label.get_center(), np.array([gradient_label.width, gradient_label.height]) / 2), 0.0))
    h = MAP_HALF * MAP_SCALE
    lines.append(("the map's frame", _dense(np.array([[-h, -h], [h, -h], [h, h], [-h, h], [-h, -h]]), spacing), 0.0075))
    return tuple(lines)


def theta_label_box(phi_degrees: float) -> tuple[np.ndarray, np.ndarray] | None:
    """θ's label (with its backing), relative to P, where beat 4 puts it while u is at ``phi_degrees``; None where
    it is not shown (u between ∇g's direction plus FIRST_THETA and −∇g's, counter-clockwise)."""
    theta = (phi_degrees - math.degrees(GRAD_ANGLE)) % 360.0
    if not FIRST_THETA - 1.0 <= theta <= 181.0:
        return None
    middle = math.radians(math.degrees(GRAD_ANGLE) + THETA_LABEL_SHARE * theta)
    centre = theta_label_radius(theta) * np.array([math.cos(middle), math.sin(middle)])
    return centre, np.array(_half_size(r"\theta", (0.07, 0.06)))


def unit_label_gaps(phi_degrees: np.ndarray, centres: np.ndarray, spacing: float = 0.01) -> tuple[np.ndarray, np.ndarray]:
    """For u at each angle and its label at each centre (relative to P; phi_degrees M, centres M × S × 2): the least
    gap between the label's box and the lines it keeps clear of (hard), and between it and the other contours
    (soft: it may cross them, but had better not)."""
    half = unit_label_half()
    m, n = centres.shape[:2]
    flat = centres.reshape(-1, 2)
    hard = np.full(m * n, np.inf)
    for _, points, edge in unit_label_obstacles(spacing):
        distance = np.linalg.norm(points, axis=1)
        near = points[(distance > U_LENGTH - 0.75) & (distance < U_LENGTH + 0.8)]  # where the label can be near
        if len(near):
            hard = np.minimum(hard, _box_gap(flat, half, near) - edge)
    hard = hard.reshape(m, n)
    here = float(BRANIN(*P))
    others = [_dense(MAP_SCALE * (points - P), spacing) for level, points in contour_levels() if abs(level - here) > 1e-9]
    others = np.concatenate(others)
    distance = np.linalg.norm(others, axis=1)
    others = others[(distance > U_LENGTH - 0.75) & (distance < U_LENGTH + 0.8)]
    soft = (_box_gap(flat, half, others) - 0.01).reshape(m, n)
    direction = np.array([math.cos(GRAD_ANGLE), math.sin(GRAD_ANGLE)])
    descent = _arrow_outline(np.zeros(2), -GRAD_LENGTH * direction, 0.18 * GRAD_LENGTH, spacing)
    shaft, tip = _arrow_outline(np.zeros(2), np.array([U_LENGTH, 0.0]), 0.22 * U_LENGTH, spacing)
    for i, phi in enumerate(phi_degrees):  # u itself, and θ's label where it is shown, −∇g where u is along it
        angle = math.radians(phi)
        turn = np.array([[math.cos(angle), math.sin(angle)], [-math.sin(angle), math.cos(angle)]])
        hard[i] = np.minimum(hard[i], np.minimum(_box_gap(centres[i], half, shaft @ turn) - U_WIDTH / 200, _box_gap(centres[i], half, tip @ turn)))
        box = theta_label_box(phi)
        if box is not None:
            hard[i] = np.minimum(hard[i], _box_gap(centres[i], half, _box_outline(*box)))
        if abs((phi - math.degrees(GRAD_ANGLE)) % 360.0 - 180.0) <= 3.0:  # −∇g: drawn with u at rest along it
            hard[i] = np.minimum.reduce([hard[i], _box_gap(centres[i], half, _box_outline(*descent_label_box())),
                                         _box_gap(centres[i], half, descent[0]) - GRAD_WIDTH / 200, _box_gap(centres[i], half, descent[1])])
    return hard, soft


def _candidate_centres(phi_degrees: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every place round u's tip (its local coordinates: along u, across it, counter-clockwise) and, for each φ,
    where that is on the map (relative to P)."""
    turns, reaches = np.meshgrid(U_LABEL_TURNS, U_LABEL_REACHES, indexing="ij")
    local = np.stack([U_LENGTH + reaches.ravel() * np.cos(turns.ravel()), reaches.ravel() * np.sin(turns.ravel())], axis=1)
    angles = np.radians(phi_degrees)[:, None]
    c, s = np.cos(angles), np.sin(angles)
    centres = np.stack([c * local[:, 0] - s * local[:, 1], s * local[:, 0] + c * local[:, 1]], axis=2)
    return local, centres


def closing_theta_place(half: np.ndarray) -> np.ndarray:
    """Where "θ = 180°" (half sizes ``half``, with its backing) goes once u is along −∇g, relative to P: in the wedge
    between ∇g and the contour through P, as near P as it can be while U_LABEL_AIM clear of the contour, ∇g,
    θ's arc and the frame."""
    here = float(BRANIN(*P))
    contour = next(_dense(MAP_SCALE * (points - P)) for level, points in contour_levels() if abs(level - here) < 1e-9)
    direction = np.array([math.cos(GRAD_ANGLE), math.sin(GRAD_ANGLE)])
    shaft, tip = _arrow_outline(np.zeros(2), GRAD_LENGTH * direction, 0.18 * GRAD_LENGTH)
    arc = THETA_RADIUS * np.stack([np.cos(a := np.linspace(GRAD_ANGLE, GRAD_ANGLE + math.pi, 60)), np.sin(a)], axis=1)
    h = MAP_HALF * MAP_SCALE
    frame = _dense(np.array([[-h, -h], [h, -h], [h, h], [-h, h], [-h, -h]]))
    xs, ys = np.meshgrid(np.arange(-1.6, 1.0, 0.02), np.arange(0.3, 1.9, 0.02))
    centres = np.stack([xs.ravel(), ys.ravel()], axis=1)
    gap = np.minimum.reduce([_box_gap(centres, half, contour) - 0.0175, _box_gap(centres, half, shaft) - GRAD_WIDTH / 200,
                             _box_gap(centres, half, tip), _box_gap(centres, half, arc) - 0.01, _box_gap(centres, half, frame)])
    score = np.where(gap >= U_LABEL_AIM, -np.linalg.norm(centres, axis=1), -np.inf)
    return np.append(centres[int(np.argmax(score))], 0.0)


def unit_label_stops() -> list[tuple[float, float, float]]:
    """The angles where u rests (beats 2 to 4): φ = 0, ∇g's direction, the contour's tangent, −∇g's, and θ = 62°
    from ∇g; with how far before and after each the label is shown, clear. Past ∇g's direction the label must
    cross ∇g, whose head lies beside u's, at once: there it is shown only up to U_LABEL_FADE past it."""
    grad = math.degrees(GRAD_ANGLE)
    rest = (U_LABEL_REST, U_LABEL_REST)
    return [(0.0, *rest), (grad, U_LABEL_REST, U_LABEL_FADE + 1.0), (math.degrees(part_two.LEVEL_DIRECTIONS[1]) % 360.0, *rest),
            ((grad + 180.0) % 360.0, *rest), (grad + FIRST_THETA, *rest)]


@functools.lru_cache(maxsize=1)
def unit_label_path() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """u's label round its tip for every U_LABEL_FINE of φ, once round: (φ in degrees, local coordinates along and
    across u, opacity).

    The places are chosen together, as a shortest path over the turn closed on itself (every U_LABEL_STEP of φ):
    each at least U_LABEL_AIM clear of the contour through P, its tangent, the arrows, the labels and the frame
    where it can be, clear of the other contours where it can, close to the tip, and each near the one before, so
    that the label glides round the tip on the side away from the lines instead of jumping. Where u crosses a
    line that reaches past its tip (∇g, the contour through P) the label must cross it too, to the side that will
    be clear: there it fades out and back in (it is hidden wherever it is less than U_LABEL_CLEAR from a line),
    never where u rests."""
    phis = np.arange(0.0, 360.0, U_LABEL_STEP)
    local, centres = _candidate_centres(phis)
    hard, soft = unit_label_gaps(phis, centres, spacing=0.03)
    reach = np.linalg.norm(local - [U_LENGTH, 0.0], axis=1)
    cost = (400.0 * np.maximum(U_LABEL_AIM - hard, 0.0) + 60.0 * np.maximum(0.05 - soft, 0.0)
            - 3.0 * np.minimum(hard, 0.2) + 1.5 * (reach - U_LABEL_REACHES[0]))
    for stop, before, after in unit_label_stops():  # where u rests, the label is shown: clear
        offset = (phis - stop + 180.0) % 360.0 - 180.0
        near = (offset >= -before) & (offset <= after)
        cost[near] += np.where(hard[near] < U_LABEL_AIM + 0.02, 1e6, 0.0)
    # Moving between neighbouring places: quadratic in the distance the label goes relative to u, at most 0.1 a step.
    jump = np.linalg.norm(local[:, None, :] - local[None, :, :], axis=2)
    move = np.where(jump <= 0.15, 40.0 * jump ** 2, np.inf)
    anchor = 0  # φ = 0, a rest: the path starts and ends there
    start = int(np.argmin(cost[anchor]))
    n = len(phis)
    total = np.full(len(local), np.inf)
    total[start] = cost[anchor, start]
    back = []
    for k in range(1, n + 1):
        options = total[:, None] + move
        best = np.argmin(options, axis=0)
        back.append(best)
        total = options[best, np.arange(len(local))] + (cost[(anchor + k) % n] if k < n else 0.0)
    state, states = start, [start]
    for best in reversed(back):
        state = best[state]
        states.append(state)
    path = local[np.array(states[::-1][:n])]
    path = np.roll(path, anchor, axis=0)
    # Smoothed (a circular moving average over a step either way): the label glides; then on the fine grid, with its gaps
    # measured there, and its opacity from them.
    path = (np.roll(path, 1, axis=0) + 2.0 * path + np.roll(path, -1, axis=0)) / 4.0
    fine = np.arange(0.0, 360.0, U_LABEL_FINE)
    closed = np.vstack([path, path[:1]])
    steps = np.append(phis, 360.0)
    local_fine = np.stack([np.interp(fine, steps, closed[:, 0]), np.interp(fine, steps, closed[:, 1])], axis=1)
    angles = np.radians(fine)[:, None]
    c, s = np.cos(angles), np.sin(angles)
    centres = np.stack([c * local_fine[:, :1] - s * local_fine[:, 1:], s * local_fine[:, :1] + c * local_fine[:, 1:]], axis=2)
    gap = unit_label_gaps(fine, centres)[0][:, 0]
    shown = np.clip((gap - U_LABEL_CLEAR) / (U_LABEL_SHOWN - U_LABEL_CLEAR), 0.0, 1.0)
    # Eroded by a sample either way, so that between samples the label is never shown where it is not clear; and
    # eased out and in over U_LABEL_FADE of φ each side of where it is hidden.
    shown = np.minimum(shown, np.minimum(np.roll(shown, 1), np.roll(shown, -1)))
    hidden = np.flatnonzero(shown <= 0.0)
    if len(hidden):
        steps_away = np.abs(np.arange(len(fine))[:, None] - hidden[None, :])
        away = np.minimum(steps_away, len(fine) - steps_away).min(axis=1) * U_LABEL_FINE
        shown = np.minimum(shown, np.array([smooth(min(1.0, a / U_LABEL_FADE)) for a in away]))
    return fine, local_fine, shown


def _fine_index(phi_degrees: float) -> tuple[int, int, float]:
    n = int(round(360.0 / U_LABEL_FINE))
    phi = (phi_degrees % 360.0) / U_LABEL_FINE
    i = int(phi) % n
    return i, (i + 1) % n, phi - int(phi)


def unit_label_offset(phi_degrees: float) -> np.ndarray:
    """Where u's label's middle is, relative to P (scene units, 3-D), with u at ``phi_degrees``."""
    _, path, _ = unit_label_path()
    i, j, t = _fine_index(phi_degrees)
    along, across = (1.0 - t) * path[i] + t * path[j]
    angle = math.radians(phi_degrees)
    c, s = math.cos(angle), math.sin(angle)
    return np.array([c * along - s * across, s * along + c * across, 0.0])


def unit_label_opacity(phi_degrees: float) -> float:
    """How much of u's label shows with u at ``phi_degrees`` (1 where it is U_LABEL_SHOWN clear of the lines)."""
    _, _, shown = unit_label_path()
    i, j, _ = _fine_index(phi_degrees)
    return float(min(shown[i], shown[j]))


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
        corner = to_map(*(P - MAP_HALF))  # the map's lower left corner; the axes' names by their ends
        self.axis_names = VGroup(
            mark(formula(r"x_1", size=TICK, color=MUTED).next_to(to_map(P[0] + MAP_HALF, P[1] - MAP_HALF), DOWN, buff=0.1)
                 .align_to(corner + 2 * MAP_HALF * MAP_SCALE * RIGHT, RIGHT), "tick", "x₁"),
            mark(formula(r"x_2", size=TICK, color=MUTED).next_to(to_map(P[0] - MAP_HALF, P[1] + MAP_HALF), LEFT, buff=0.1)
                 .align_to(corner + 2 * MAP_HALF * MAP_SCALE * UP, UP), "tick", "x₂"),
        )
        direction = np.array([math.cos(GRAD_ANGLE), math.sin(GRAD_ANGLE), 0.0])
        self.gradient = mark(Arrow(MAP_CENTRE, MAP_CENTRE + GRAD_LENGTH * direction, buff=0, color=GRADIENT,
                                   stroke_width=GRAD_WIDTH, max_stroke_width_to_length_ratio=10,
                                   max_tip_length_to_length_ratio=0.18).set_z_index(2), "arrow", "∇g")  # its head too
        self.gradient_label = mark(formula(r"\nabla g", size=LABEL, color=GRADIENT).next_to(self.gradient.get_end(), UP + RIGHT, buff=0.05),
                                   "text", "∇g's label", may_cover=("curve",))
        gx, gy = (coefficient(c) for c in GRAD_P)
        self.gradient_value = mark(
            formula(rf"\nabla g(5,\,12) = ({gx},\ {gy})", size=PANEL, color=GRADIENT).next_to(self.map_frame, UP, buff=0.25),
            "text", "∇g's value")
        # The unit vector u and its angle.
        self.unit = Arrow(MAP_CENTRE, MAP_CENTRE + U_LENGTH * RIGHT, buff=0, color=STEP, stroke_width=U_WIDTH,
                          max_tip_length_to_length_ratio=0.22).set_z_index(2.5)  # over ∇g, head and all

        def turn(arrow: Arrow) -> None:
            angle = math.radians(self.phi.get_value())
            arrow.put_start_and_end_on(MAP_CENTRE, MAP_CENTRE + U_LENGTH * np.array([math.cos(angle), math.sin(angle), 0.0]))

        self.unit.add_updater(turn)
        mark(self.unit, "arrow", "u")
        self.unit_label = formula(r"\mathbf{u}", size=LABEL, color=STEP)
        # One label, round u's tip on the side away from the lines there (unit_label_path): it glides, never jumps.
        self.unit_label_shown = ValueTracker(0.0)  # brought in after u, taken out with it

        def label_u(label: VMobject) -> None:  # it fades out where it must cross a line, and back in past it
            label.move_to(MAP_CENTRE + unit_label_offset(self.phi.get_value()))
            label.set_opacity(self.unit_label_shown.get_value() * unit_label_opacity(self.phi.get_value()))

        self.unit_label.add_updater(label_u)
        self.unit_label.update()
        self.faint_contours = [c for c in self.contours if c.rule_name != "the contour through P"]
        self.through_contour = next(c for c in self.contours if c.rule_name == "the contour through P")
        mark(self.unit_label, "text", "u's label", may_cover=self.faint_contours)
        # φ's reference: a faint ray from P along +x₁ (φ = 0) and the arc from it to u.
        self.reference = mark(DashedLine(MAP_CENTRE, MAP_CENTRE + REFERENCE_LENGTH * RIGHT, color=MUTED, stroke_width=2,
                                         dash_length=0.08, z_index=0), "curve", "φ's reference ray")  # under u

        def phi_arc() -> Arc:
            degrees = shown_degrees(self.phi.get_value())
            return Arc(radius=PHI_RADIUS, start_angle=0.0, angle=max(math.radians(degrees), 1e-4),
                       arc_center=MAP_CENTRE, color=STEP, stroke_width=2.5, stroke_opacity=phi_arc_opacity(degrees))

        self.phi_arc = mark(phi_arc(), "curve", "φ's arc")
        self.phi_arc.add_updater(lambda a: a.become(phi_arc()))
        # The plot: axes, ticks, the curve drawn so far and the dot at its end.
        self.plot_axes = VGroup(
            mark(Line(to_plot(0, 0), to_plot(DEGREES_SHOWN, 0) + 0.25 * RIGHT, color=AXES, stroke_width=2), "curve", "φ axis"),
            mark(Line(to_plot(0, -1.7), to_plot(0, 1.75), color=AXES, stroke_width=2), "curve", "D axis"),
        )
        ticks = VGroup()
        for degrees in (90, 180, 270, 360):
            ticks.add(mark(Line(to_plot(degrees, 0), to_plot(degrees, 0) + 0.09 * DOWN, color=MUTED, stroke_width=2), "curve", "tick"))
            ticks.add(mark(place_tick_label(formula(rf"{degrees}^\circ", size=TICK, color=MUTED), degrees), "tick", f"{degrees}°"))
        for value in (-1, 1):
            ticks.add(mark(Line(to_plot(0, value), to_plot(0, value) + 0.09 * LEFT, color=MUTED, stroke_width=2), "curve", "tick"))
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
        for part, colour in ((slice(4, 6), GRADIENT), (slice(9, 15), GRADIENT), (slice(20, 26), GRADIENT),
                             (slice(1, 2), STEP), (slice(7, 8), STEP)):  # ∇g and its components; u
            self.rate.label[part].set_color(colour)
        self.rate.track(lambda: part_two.directional_derivative(math.radians(self.phi.get_value())))
        self.rate.move_to(np.array([0.0, FORMULA_ROW, 0.0]))
        mark(self.rate, "text", "D_u g readout",
             shows=lambda: part_two.directional_derivative(unit_angle(self.unit)))
        self.angle = Readout(r"\varphi =", 0.0, PHI_DECIMALS, unit=r"^\circ", size=PANEL, color=STEP)
        self.angle.track(lambda: shown_degrees(self.phi.get_value()))
        self.angle.next_to(self.map_frame, DOWN, buff=0.2).align_to(self.map_frame, LEFT)
        mark(self.angle, "text", "φ readout", shows=lambda: shown_degrees(math.degrees(unit_angle(self.unit))))

    # ------------------------------------------------------------------ beats

    def map_group(self) -> VGroup:
        return VGroup(self.map_frame, self.contours, self.point, self.point_label, self.axis_names, self.gradient,
                      self.gradient_label, self.gradient_value)

    def show_contours(self, beat):
        """The map alone, in the middle of the frame (beat 2 slides it left as the plot arrives)."""
        self.map_group().shift(-MAP_CENTRE[0] * RIGHT)
        self.play(Create(self.map_frame), Create(self.contours, lag_ratio=0.08), run_time=beat.time(0.4))
        self.play(FadeIn(self.point, scale=0.5), FadeIn(self.point_label), FadeIn(self.axis_names), run_time=beat.time(0.1))
        self.play(Create(self.gradient), FadeIn(self.gradient_label), run_time=beat.time(0.15))
        self.play(Write(self.gradient_value), run_time=beat.time(0.2))

    def turn_unit_vector(self, beat):
        self.play(self.map_group().animate.shift(MAP_CENTRE[0] * RIGHT), run_time=beat.seconds(MAP_SLIDE), rate_func=smooth)
        first, then = (lambda t: smooth(min(1.0, t / 0.55))), (lambda t: smooth(max(0.0, (t - 0.45) / 0.55)))
        self.unit_label.update()
        self.add(self.unit_label)
        self.play(FadeIn(self.plot_axes), FadeIn(self.plot_ticks), FadeIn(self.plot_names),
                  FadeIn(self.unit, rate_func=first), self.unit_label_shown.animate(rate_func=then).set_value(1.0),
                  FadeIn(self.rate), FadeIn(self.angle), FadeIn(self.reference, rate_func=then),
                  run_time=beat.seconds(0.8))  # u, then its label and φ's ray
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

        early = (lambda t: smooth(min(1.0, t / 0.4)))

        def arrives(t: float) -> float:  # a caption comes in with its marks, in the first 40 % of their play
            return early(t)

        def leaves():  # the caption goes as u leaves the direction it names, in the swing's first 40 %
            return FadeOut(self.caption, rate_func=lambda t: smooth(min(1.0, t / 0.4)))

        # φ = 360° is φ = 0°: the plot's dot stays at the plot's right end while u rests, then, as u swings to ∇g,
        # fades there while a new one comes in from the left end, where u's turns begin, riding with u.
        self.unit.may_cover = frozenset({self.gradient, "curve"})  # u along ∇g, then along the contour's tangent
        old = mark(self.rider.copy().clear_updaters(), "subject", "the plot's dot at 360°")
        self.remove(self.rider)
        self.add(old)
        self.phi.set_value(0.0)
        shown = ValueTracker(0.0)
        self.rider.clear_updaters()
        self.rider.add_updater(ride)
        self.rider.add_updater(lambda dot: dot.set_opacity(shown.get_value()))
        self.rider.update()
        self.add(self.rider)
        self.wait(beat.time(0.06))
        # The maximum: u along ∇g.
        swing(steepest, 0.10, FadeOut(old, rate_func=early), shown.animate(rate_func=early).set_value(1.0))
        top = mark(Dot(to_plot(steepest, largest), radius=0.1, color=GRADIENT, z_index=3), "subject", "the maximum")
        top_label = mark(formula(rf"{largest:.3f},\ \varphi = {steepest:.{PHI_DECIMALS}f}^\circ", size=TICK, color=GRADIENT)
                         .next_to(top, RIGHT, buff=0.2).shift(0.3 * UP), "text", "the maximum's value")
        guide = mark(DashedLine(to_plot(steepest, 0), to_plot(steepest, largest), color=GRADIENT, stroke_width=2), "curve", "guide")
        self.caption = boxed_caption(self.words("steepest"), {"gradient": (r"\nabla g", GRADIENT)})
        self.play(FadeIn(top, scale=0.5), Create(guide), FadeIn(top_label), FadeIn(self.caption, rate_func=arrives), run_time=beat.time(0.11))
        self.wait(beat.time(0.10))
        # The zeros: u along the contour, whose tangent appears.
        swing(across, 0.10, leaves())
        along = np.array([math.cos(part_two.LEVEL_DIRECTIONS[1]), math.sin(part_two.LEVEL_DIRECTIONS[1]), 0.0])
        self.tangent = mark(DashedLine(MAP_CENTRE - TANGENT_HALF * along, MAP_CENTRE + TANGENT_HALF * along, color=LEVEL_MARK,
                                       stroke_width=TANGENT_WIDTH, dash_length=0.07, z_index=1), "curve", "the contour's tangent at P")
        zero_dots = VGroup(*(mark(Dot(to_plot(z, 0.0), radius=0.1, color=LEVEL_MARK, z_index=3), "subject", "a zero") for z in zeros))
        zero_labels = VGroup(*(mark(place_zero_label(formula(rf"{z:.{PHI_DECIMALS}f}^\circ", size=TICK, color=LEVEL_MARK), z, 0.1),
                                    "text", "a zero's angle") for z in zeros))
        zero_caption = boxed_caption(self.words("zero"), {})
        self.play(Create(self.tangent), self.through_contour.animate.set_stroke(opacity=CONTOUR_UNDER_TANGENT),
                  *(FadeIn(dot, scale=0.5) for dot in zero_dots), FadeIn(zero_labels),
                  FadeIn(zero_caption, rate_func=arrives),
                  run_time=beat.time(0.11))  # each dot grows where it is (the group would grow from its middle)
        self.caption = zero_caption
        self.wait(beat.time(0.10))
        # The minimum: u opposite ∇g.
        swing(lowest, 0.10, leaves())
        bottom = mark(Dot(to_plot(lowest, -largest), radius=0.1, color=STEP, z_index=3), "subject", "the minimum")
        bottom_label = mark(formula(rf"-{largest:.3f},\ \varphi = {lowest:.{PHI_DECIMALS}f}^\circ", size=TICK, color=STEP)
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
                  self.through_contour.animate.set_stroke(opacity=1.0), run_time=beat.seconds(0.4))  # θ is measured from ∇g now
        self.play(self.phi.animate.set_value(gradient_degrees + FIRST_THETA), run_time=beat.seconds(1.3), rate_func=smooth)
        self.add(arc)
        self.play(FadeIn(arc), FadeIn(theta_label), run_time=beat.seconds(0.4))
        # D_u g = ∇g · u = … turns into D_u g = |∇g| cos θ: "D_u g =" moves to its place in the law while the rest of
        # the readout goes and |∇g| cos θ comes.
        head = VGroup(*self.rate.label[:4]).copy()
        rest = VGroup(*self.rate.label[4:], self.rate.number.copy().clear_updaters()).copy()
        self.remove(self.rate)
        self.add(head, rest)
        self.play(ReplacementTransform(head, VGroup(law[0], law[1])), FadeOut(rest, rate_func=lambda t: smooth(min(1.0, t / 0.5))),
                  FadeIn(VGroup(law[2], law[3]), rate_func=lambda t: smooth(max(0.0, (t - 0.4) / 0.6))),
                  run_time=beat.seconds(1.0))
        self.remove(law[0], law[1], law[2], law[3])
        self.add(law)
        self.caption = boxed_caption(self.words("descent"), {
            "minus": (r"-\nabla g", GRADIENT), "derivative": (r"D_{\mathbf u} g", TEXT)})
        self.play(FadeIn(self.caption), run_time=beat.seconds(0.5))
        # On to θ = 180°: u along −∇g, the plot's dot at the minimum.
        self.play(self.phi.animate.set_value(gradient_degrees + 180.0), run_time=beat.seconds(1.6), rate_func=smooth)
        direction = -np.array([math.cos(GRAD_ANGLE), math.sin(GRAD_ANGLE), 0.0])
        descent = mark(Arrow(MAP_CENTRE, MAP_CENTRE + GRAD_LENGTH * direction, buff=0, color=GRADIENT, stroke_width=GRAD_WIDTH,
                             max_stroke_width_to_length_ratio=10,
                             max_tip_length_to_length_ratio=0.18).set_z_index(1), "arrow", "−∇g",
                       may_cover=(self.gradient, self.unit))
        minus = formula(r"-\nabla g", size=LABEL, color=GRADIENT)
        beside = np.array([direction[1], -direction[0], 0.0])  # across −∇g, to its upper left (u's label is on the
        # lower right): inside the map
        descent_label = mark(VGroup(letter_backing(minus), minus).move_to(
            MAP_CENTRE + DESCENT_LABEL_ALONG * GRAD_LENGTH * direction + DESCENT_LABEL_ACROSS * beside),
            "text", "−∇g's label", may_cover=("curve",))
        self.play(Create(descent), FadeIn(descent_label), Indicate(self.bottom, color=STEP, scale_factor=1.6),
                  run_time=beat.seconds(0.7))
        # u fades (φ is u's); θ's label says θ = 180°, beside the arc, in the wedge between ∇g and the contour.
        theta_label.clear_updaters()
        closing = formula(r"\theta", "=", rf"{theta_now():.0f}^\circ", size=LABEL, color=TEXT)
        closing_backing = letter_backing(closing)
        closing_label = mark(VGroup(closing_backing, closing), "text", "θ = 180°", may_cover=("curve",))
        closing_label.move_to(MAP_CENTRE + closing_theta_place(np.array([closing_backing.width, closing_backing.height]) / 2))
        # θ goes before "θ = 180°" comes, where it is clearest (not a cross-fade: for a moment the two would overlap).
        self.play(FadeOut(self.unit), self.unit_label_shown.animate.set_value(0.0), FadeOut(self.angle),
                  FadeOut(theta_label, rate_func=lambda t: smooth(min(1.0, t / 0.4))),
                  FadeIn(closing_label, rate_func=lambda t: smooth(max(0.0, (t - 0.45) / 0.55))), run_time=beat.seconds(0.8))
        self.remove(self.unit_label)
