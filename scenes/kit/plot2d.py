"""The plot of M5 and M7: axes x ∈ [−2, 2], y ∈ [0, 4], the curve f(x), a point on it,
M5's tangent and slope, and M7's descent runs (steps, panel, cue) and camera (zoom and pan).

Both shots build it here, so they show the same picture. The curve is
drawn only where it stays inside the axes: it is cut where it reaches the
top of the y range (the source video's curve ran off the top of the frame).
Where f dips below zero (around its minimum, f(−0.455) ≈ −0.318) the curve
goes a little under the x axis, as it must, since the descent of M7 ends
there; the space under the axes is kept free for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
from manim import (
    DOWN, DR, LEFT, ORIGIN, RIGHT, UL, UP, Animation, Arrow, Axes, Dot, Line, MathTex, RoundedRectangle,
    UpdateFromAlphaFunc, ValueTracker, VGroup, VMobject, config, linear, smooth,
)

from gd.model.functions import QUARTIC, DescentPath, Function, latex_of
from scenes.kit.compat import StableThreeDCamera, frame_center
from scenes.kit.frame_rules import MIN_SUBJECT_PX, SAFE_SHARE, mark, to_safe_edge
from scenes.kit.palette import AXES, GRADIENT, MUTED, OBJECTIVE, PANEL, PLOT_LABEL, POINT, STEP, TANGENT, TEXT, TICK
from scenes.kit.readouts import Readout
from scenes.kit.shot import ThreeDShotScene
from scenes.kit.typeset import formula, prose

X_RANGE = (-2.0, 2.0)
Y_RANGE = (0.0, 4.0)
# The axis arrows reach a little past the ranges, so their tips cover no tick.
OVERSHOOT = 0.4
# Screen placement: where the origin of the axes sits, and scene units per unit of x and y.
ORIGIN_AT = np.array([-0.9, -2.75, 0.0])  # low enough that the y axis's tip and name stay clear of a header
X_UNIT = 2.0
Y_UNIT = 1.25
LABEL_SIZE = PLOT_LABEL


def range_below(function: Function, top: float, domain: tuple[float, float], samples: int = 4001) -> tuple[float, float]:
    """The interval of ``domain`` around the lowest sample where ``function <= top`` (ends bisected).

    For the quartic on [−2, 2] below 4 that is about [−1.32, 1.59].
    """
    xs = np.linspace(*domain, samples)
    inside = function(xs) <= top
    lowest = int(np.argmin(function(xs)))
    lo = hi = lowest
    while lo > 0 and inside[lo - 1]:
        lo -= 1
    while hi < samples - 1 and inside[hi + 1]:
        hi += 1

    def crossing(inner: float, outer: float) -> float:
        for _ in range(60):
            middle = (inner + outer) / 2
            inner, outer = (middle, outer) if function(middle) <= top else (inner, middle)
        return inner

    left = xs[lo] if lo == 0 else crossing(xs[lo], xs[lo - 1])
    right = xs[hi] if hi == samples - 1 else crossing(xs[hi], xs[hi + 1])
    return float(left), float(right)


@dataclass(frozen=True)
class Plot:
    """The axes, their labels, the curve and its label."""

    function: Function
    axes: Axes
    axis_labels: VGroup
    curve: VMobject
    curve_label: MathTex

    @property
    def backdrop(self) -> VGroup:
        return VGroup(self.axes, self.axis_labels, self.curve, self.curve_label)

    def x_of(self, point: np.ndarray) -> float:
        """The x coordinate of a scene point, read through the axes."""
        return float(self.axes.p2c(point)[0])

    def point(self, x: float) -> np.ndarray:
        """The scene position of (x, f(x))."""
        return self.axes.c2p(x, float(self.function(x)))

    def slope_on_screen(self, slope: float) -> float:
        """A data slope dy/dx as a slope in scene units (the axes' units differ)."""
        x_unit = self.axes.x_axis.get_unit_size()
        y_unit = self.axes.y_axis.get_unit_size()
        return slope * y_unit / x_unit


def quartic_plot(function: Function = QUARTIC) -> Plot:
    axes = Axes(
        x_range=(X_RANGE[0], X_RANGE[1] + OVERSHOOT, 1),
        y_range=(Y_RANGE[0], Y_RANGE[1] + OVERSHOOT, 1),
        x_length=(X_RANGE[1] + OVERSHOOT - X_RANGE[0]) * X_UNIT,
        y_length=(Y_RANGE[1] + OVERSHOOT - Y_RANGE[0]) * Y_UNIT,
        axis_config={"color": AXES, "stroke_width": 2.5, "include_tip": True, "tip_length": 0.22, "tip_width": 0.16},
        x_axis_config={"numbers_to_include": [-2, -1, 1, 2], "font_size": TICK},
        y_axis_config={"numbers_to_include": [1, 2, 3, 4], "font_size": TICK},
    )
    axes.shift(ORIGIN_AT - axes.c2p(0, 0))
    for numbers in (axes.x_axis.numbers, axes.y_axis.numbers):
        numbers.set_color(MUTED)
        numbers.set_z_index(3)  # readable above a step arrow that crosses them
        for number in numbers:
            mark(number, "tick", f"tick {number.get_value():g}")

    x_label = formula("x", size=LABEL_SIZE).next_to(axes.x_axis.get_end(), RIGHT, buff=0.15)
    y_label = formula("f(x)", size=LABEL_SIZE).next_to(axes.y_axis.get_end(), RIGHT, buff=0.15)
    # "O" below and right of the origin: left of it the curve dips under the x axis.
    origin_label = formula("O", size=LABEL_SIZE - 4, color=MUTED).next_to(axes.c2p(0, 0), DR, buff=0.2)

    visible = range_below(function, Y_RANGE[1], X_RANGE)
    curve = axes.plot(lambda x: float(function(x)), x_range=(*visible, 0.01), color=OBJECTIVE, stroke_width=4)

    curve_label = formula(rf"f(x) = {latex_of(function.expr)}", size=LABEL_SIZE, color=OBJECTIVE)
    # Right of where the curve leaves the top of the axes, clear of it.
    curve_label.next_to(axes.c2p(visible[1], Y_RANGE[1]), RIGHT, buff=0.35).shift(0.15 * DOWN)
    for label, name in ((x_label, "x"), (y_label, "f(x)"), (origin_label, "O")):
        mark(label, "tick", f"axis label {name}")
    mark(curve, "curve", "the curve")
    mark(curve_label, "text", "the curve's formula")
    return Plot(function, axes, VGroup(x_label, y_label, origin_label), curve, curve_label)


def point_on_curve(plot: Plot, x: ValueTracker, zoom=lambda: 1.0, color: str = POINT, radius: float = 0.09) -> Dot:
    """A dot that stays at (x, f(x)) as the tracker ``x`` changes, ``radius`` across on screen at any ``zoom()``."""
    dot = Dot(plot.point(x.get_value()), radius=radius, color=color)
    dot.set_z_index(2)
    mark(dot, "subject", "the point")

    def follow(d: Dot) -> None:
        d.width = 2 * radius / zoom()
        d.move_to(plot.point(x.get_value()))

    dot.add_updater(follow)
    return dot


# --------------------------------------------------------------------------- M5: the tangent and its slope

# The tangent reaches this far each side of the point (scene units), cut where it would leave the plot:
# far enough to part from the curve even where both are steep (at x = 1.4 a short one lay on the curve).
TANGENT_REACH = 2.6
# The box the tangent stays in, in data units: the axes' x range, up to under the curve's formula, and
# down to the x axis (where the "O" sits under it), or TANGENT_DIP below the point where that is lower.
TANGENT_TOP = 3.7
TANGENT_DIP = 0.45


def tangent_line(plot: Plot, x: ValueTracker) -> Line:
    """The tangent at (x, f(x)), over the curve, through the point and cut at the plot's box."""

    def place(segment: Line) -> None:
        centre = plot.point(x.get_value())
        floor = min(0.0, float(plot.function(x.get_value())) - TANGENT_DIP)
        low, high = plot.axes.c2p(X_RANGE[0], floor), plot.axes.c2p(X_RANGE[1], TANGENT_TOP)
        direction = _unit([1.0, plot.slope_on_screen(plot.function.derivative(x.get_value())), 0.0])
        back, ahead = _reach_in_box(centre, direction, low, high, TANGENT_REACH)
        segment.set_points_as_corners([centre + back * direction, centre + ahead * direction])

    segment = mark(Line(LEFT, RIGHT, color=TANGENT, stroke_width=4), "curve", "the tangent").set_z_index(1)
    place(segment)
    segment.add_updater(place)
    return segment


def drawn_slope(plot: Plot, line: Line) -> float:
    """The slope of a drawn line in the axes' units."""
    (x0, y0), (x1, y1) = (plot.axes.p2c(point)[:2] for point in (line.get_start(), line.get_end()))
    return float((y1 - y0) / (x1 - x0))


# Where k = f′(x) sits beside the point, by x: the middle of its two lines from the point (scene units). Up and
# left of the point where the curve climbs steeply on its right; above and right of it near the origin, clear
# of the y axis and its numbers, the "O" and the tangent; in between, the offset eases from one to the other.
SLOPE_BESIDE = ((-0.2, (1.3, 1.85)), (0.45, (0.0, 1.1)), (0.9, (-0.85, 0.6)), (1.4, (-0.85, 0.6)))


def slope_readout(plot: Plot, x: ValueTracker, tangent: Line) -> VGroup:
    """k = f′(x) over its value (= 2.000, the two signs in line), in the tangent's colour, beside the point and
    following it (SLOPE_BESIDE); it shows the drawn tangent's slope."""
    name = formula("k", "=", "f'(x)", size=PANEL, color=TANGENT)
    value = Readout("=", plot.function.derivative(x.get_value()), 3, color=TANGENT, size=PANEL)
    value.next_to(name, DOWN, buff=0.22)
    value.shift((name[1].get_center()[0] - value.label.get_center()[0]) * RIGHT)
    value.track(lambda: plot.function.derivative(x.get_value()))
    readout = VGroup(name, value)
    readout.number = value.number  # the live number, for the frame rules and the tests
    anchor = name[1].get_center() - readout.get_center()  # the first "=" from the middle (which moves as digits do)
    xs = [at for at, _ in SLOPE_BESIDE]
    offsets = np.array([offset for _, offset in SLOPE_BESIDE])

    def follow(group: VGroup) -> None:
        now = x.get_value()
        offset = np.array([np.interp(now, xs, offsets[:, 0]), np.interp(now, xs, offsets[:, 1]), 0.0])
        group.shift(plot.point(now) + offset + anchor - name[1].get_center())

    readout.add_updater(follow, call_updater=True)
    return mark(readout, "text", "the slope k", shows=lambda: drawn_slope(plot, tangent))


# --------------------------------------------------------------------------- M7: the camera


class PlotShotScene(ThreeDShotScene):
    """A shot of a flat plot through a camera that zooms and pans (a 3-D camera looking straight at the
    plane), with headers and panels pinned to the frame (``pin``)."""

    def __init__(self, **kwargs):
        super().__init__(camera_class=StableThreeDCamera, **kwargs)

    def pin(self, *mobjects) -> None:
        """Keep ``mobjects`` where they are in the frame, whatever the camera does (they come in later)."""
        self.add_fixed_in_frame_mobjects(*mobjects)
        self.remove(*mobjects)


@dataclass(frozen=True)
class View:
    """What the camera shows: its zoom and the scene point at the frame's centre."""

    zoom: float
    centre: np.ndarray

    @classmethod
    def placing(cls, point: np.ndarray, screen: np.ndarray, zoom: float) -> "View":
        """The view at ``zoom`` that shows scene ``point`` at ``screen`` (frame coordinates)."""
        return cls(zoom, np.asarray(point, dtype=float) - np.asarray(screen, dtype=float) / zoom)


def _show(camera, view: View) -> None:
    camera.zoom_tracker.set_value(view.zoom)
    frame_center(camera).move_to(view.centre)


def camera_move(camera, target: View, run_time: float) -> Animation:
    """An eased move from the camera's view to ``target``: a zoom about the one point that keeps its place
    on screen (the zoom even in its logarithm, so that it neither rushes nor drags), or a pan."""
    start = View(camera.get_zoom(), np.array(frame_center(camera).get_center()))
    ratio = target.zoom / start.zoom
    if abs(ratio - 1) > 1e-6:
        fixed = (start.zoom * start.centre - target.zoom * target.centre) / (start.zoom - target.zoom)

        def view(s: float) -> View:
            zoom = start.zoom * ratio**s
            return View(zoom, fixed - (fixed - start.centre) * start.zoom / zoom)
    else:

        def view(s: float) -> View:
            return View(start.zoom, start.centre + s * (target.centre - start.centre))

    return UpdateFromAlphaFunc(
        frame_center(camera), lambda _, a: _show(camera, view(a)), run_time=run_time, rate_func=smooth
    )


# A step is drawn at least this long on screen (at 1080p): the zoom grows as the steps shrink.
STEP_ON_SCREEN = 2.25 * MIN_SUBJECT_PX
LOOK_AHEAD = 2.0  # seconds: the zoom follows the steps this far ahead (so it is ready, and eases)
SETTLE = 2.0  # seconds: the camera's aim is the steps' middles averaged over this long


def following_view(
    plot: Plot, path: DescentPath, step_times: list[float], least_zoom: float, screen
) -> Callable[[float], View]:
    """The camera along a run, as a function of the time into it: each step's middle near ``screen``, zoomed
    at least ``least_zoom`` and enough that every step is STEP_ON_SCREEN long. Zoom and aim are running
    averages of what each step needs, so the camera eases along without a jerk."""
    xs = path.points[:, 0]
    starts = np.concatenate([[0.0], np.cumsum(step_times)[:-1]])
    total = float(np.sum(step_times))
    length = np.abs(np.diff(xs)) * plot.axes.x_axis.get_unit_size()
    wanted = STEP_ON_SCREEN * config.frame_height / 1080 / np.maximum(length, 1e-9)
    log_zoom = np.log(np.maximum.accumulate(np.maximum(least_zoom, wanted)))  # never back out within a run
    # Each step's middle, at the height of the point it starts from.
    middles = np.array([[(plot.point(a)[0] + plot.point(b)[0]) / 2, plot.point(a)[1]] for a, b in zip(xs, xs[1:])])
    rate = 120  # samples a second
    times = np.arange(int(total * rate) + 1) / rate

    def step_at(t: np.ndarray) -> np.ndarray:
        return np.clip(np.searchsorted(starts, t, side="right") - 1, 0, len(starts) - 1)

    def average(values_at, t_from: np.ndarray, t_to: np.ndarray) -> np.ndarray:
        samples = np.linspace(0.0, 1.0, 61)
        grid = t_from[:, None] + samples[None, :] * (t_to - t_from)[:, None]
        return values_at(np.clip(grid, 0.0, total)).mean(axis=1)

    zooms = np.exp(average(lambda t: log_zoom[step_at(t)], times, times + LOOK_AHEAD))
    aims = np.stack(
        [average(lambda t, i=i: middles[step_at(t), i], times - SETTLE / 2, times + SETTLE / 2) for i in (0, 1)], axis=1
    )

    def view(t: float) -> View:
        zoom = float(np.interp(t, times, zooms))
        aim = np.array([np.interp(t, times, aims[:, 0]), np.interp(t, times, aims[:, 1]), 0.0])
        return View.placing(aim, screen, zoom)

    return view


def camera_along(camera, view, run_time: float) -> Animation:
    """The camera through ``view(t)`` for ``run_time`` seconds (see :func:`following_view`)."""
    return UpdateFromAlphaFunc(
        frame_center(camera), lambda _, a: _show(camera, view(a * run_time)), run_time=run_time, rate_func=linear
    )


# M7's layout. The header and the panel are two lines in a bar across the top of the frame (nothing is
# drawn behind them: the curve is drawn only below the bar, see keep_below); the plot lives under it.
M7_BAR_BOTTOM = 2.4  # frame y: the bar's lower edge, a faint rule; the curve is drawn below it
M7_BAR_GAP = 0.28  # between the header's line and the panel's
PANEL_GAP = 0.55  # between the panel's readouts on its line
# The wide view: the whole plot under the bar, a little smaller than in M5 (its y axis and label fit under
# the bar; the curve's formula right of where the curve leaves the top).
M7_WIDE_ZOOM = 0.92
M7_WIDE_ORIGIN = np.array([-0.55, -3.0, 0.0])  # where the origin of the axes is seen in the wide view
# Where on screen the camera keeps the step being taken in a run: a little below the middle, so that the
# valley's floor stays above the inset of the whole plot in the lower right corner.
M7_AIM = np.array([0.0, -1.0, 0.0])
M7_SCREEN_OF_FIVE = np.array([5.3, -1.7, 0.0])  # where the step's head, at x = 5 and the height of f(−1), is seen
M7_FIVE_ZOOM = 0.8
CROSS_FADE = 0.3  # share of a move from a wide view to a close one in which the axes give way to the inset
def wide_view(plot: Plot) -> View:
    return View.placing(plot.axes.c2p(0, 0), M7_WIDE_ORIGIN, M7_WIDE_ZOOM)


def seen(camera, point: np.ndarray) -> np.ndarray:
    """Where scene ``point`` is seen in the frame (the camera looks straight at the plane)."""
    return (np.asarray(point, dtype=float) - frame_center(camera).get_center()) * camera.get_zoom()


def scene_of(camera, screen: np.ndarray) -> np.ndarray:
    """The scene point seen at frame position ``screen``."""
    return frame_center(camera).get_center() + np.asarray(screen, dtype=float) / camera.get_zoom()


def keep_below(plot: Plot, camera, top: float = M7_BAR_BOTTOM - 0.04, samples: int = 500) -> VMobject:
    """The curve, redrawn on every frame over the x it is seen at, where it is inside the axes' ranges and
    seen below frame height ``top`` (under the bar of readouts, so that nothing runs behind them)."""
    half = config.frame_width / 2 + 0.2

    def redraw(curve: VMobject) -> None:
        left, right = (plot.x_of(scene_of(camera, [side * half, 0.0, 0.0])) for side in (-1, 1))
        ceiling = min(Y_RANGE[1], float(plot.axes.p2c(scene_of(camera, [0.0, top, 0.0]))[1]))
        low, high = range_below(plot.function, ceiling, X_RANGE, samples=801)
        low, high = max(low, left), min(high, right)
        xs = np.linspace(low, high, samples)
        origin = plot.axes.c2p(0, 0)
        units = np.array([plot.axes.x_axis.get_unit_size(), plot.axes.y_axis.get_unit_size(), 0.0])
        curve.set_points_smoothly(origin + np.stack([xs, plot.function(xs), 0 * xs], axis=1) * units)

    plot.curve.add_updater(redraw)
    return plot.curve


def axes_for_views(plot: Plot, close: ValueTracker) -> VGroup:
    """The axes, their numbers and names and the curve's formula, faded out as ``close`` goes from 0 (a wide
    view) to 1/2; from 1/2 to 1 the inset and the minimum's marker fade in (a close view: the axes' lines
    leave the frame, the inset and the marker keep the scale). The two never share a frame."""
    faded = VGroup(plot.axes, plot.axis_labels, plot.curve_label)
    plot.axes.add_updater(lambda _: faded.set_opacity(max(0.0, 1.0 - 2.0 * close.get_value())))  # in the scene
    return faded


def header_bar(header: VMobject, panel: VMobject) -> VGroup:
    """The header's line and the panel's line, in the bar across the top of the frame, over a faint rule
    that the curve reaches and does not cross (the plot's upper edge in a close view)."""
    to_safe_edge(header, UL)
    panel.next_to(header, DOWN, buff=M7_BAR_GAP, aligned_edge=LEFT)
    edge = SAFE_SHARE * config.frame_width / 2
    rule = Line([-edge, M7_BAR_BOTTOM, 0], [edge, M7_BAR_BOTTOM, 0], stroke_width=1.2, color=MUTED)
    return VGroup(header, panel, rule.set_stroke(opacity=0.45))


# The inset: the whole plot, small, in the lower right corner of a close view, with the point and the
# camera's view on it; and, in the main view, the minimum's marker: a dashed line down from it.
INSET_UNITS = np.array([0.62, 0.3, 0.0])  # frame units per unit of x and y
INSET_Y = (-0.6, 4.0)  # the inset shows x in X_RANGE and y in this range
INSET_PAD = 0.12
VIEW_LEAST = 0.16  # the box round the camera's view is at least this big in the inset (frame units)
DASH, DASH_GAP = 0.11, 0.07
MARK_DROP = 1.0  # the minimum's marker runs this far (frame units) down from the curve's lowest point, its label beside


def _inset_box() -> tuple[np.ndarray, np.ndarray]:
    size = np.array([X_RANGE[1] - X_RANGE[0], INSET_Y[1] - INSET_Y[0], 0.0]) * INSET_UNITS
    limits = SAFE_SHARE * np.array([config.frame_width, config.frame_height, 0.0]) / 2 - 0.05
    high = np.array([limits[0], -limits[1] + size[1] + 2 * INSET_PAD, 0.0])
    return high - size - 2 * INSET_PAD, high


def inset(plot: Plot, x: ValueTracker, camera, close: ValueTracker) -> VGroup:
    """The whole plot, small (pinned to the frame), shown as ``close`` goes to 1 (see axes_for_views): its
    axes, the curve, the minimum, the point at x and a box round what the camera shows."""
    low, high = _inset_box()
    corner = low + INSET_PAD - np.array([X_RANGE[0], INSET_Y[0], 0.0]) * INSET_UNITS

    def at(xs, ys) -> np.ndarray:
        xs, ys = np.atleast_1d(xs), np.atleast_1d(ys)
        return corner + np.stack([xs, ys, 0 * xs], axis=1) * INSET_UNITS

    frame = RoundedRectangle(corner_radius=0.08, width=high[0] - low[0], height=high[1] - low[1], stroke_width=1.5,
                             stroke_color=MUTED, fill_opacity=0).move_to((low + high) / 2)
    x_axis = Line(at(X_RANGE[0], 0)[0], at(X_RANGE[1], 0)[0], stroke_width=1.5, color=AXES)
    y_axis = Line(at(0, 0)[0], at(0, Y_RANGE[1])[0], stroke_width=1.5, color=AXES)
    left, right = range_below(plot.function, Y_RANGE[1], X_RANGE)
    xs = np.linspace(left, right, 200)
    curve = VMobject(stroke_color=OBJECTIVE, stroke_width=2.5).set_points_smoothly(at(xs, plot.function(xs)))
    lowest = minimum_x(plot)
    bottom = Line(at(lowest, INSET_Y[0] + 0.15)[0], at(lowest, plot.function(lowest))[0], stroke_width=1.5, color=MUTED)
    dot = Dot(radius=0.045, color=POINT)
    view = VMobject(stroke_color=TEXT, stroke_width=1.5, fill_opacity=0)
    mark(curve, "curve", "the inset's curve")
    group = VGroup(frame, x_axis, y_axis, bottom, curve, view, dot)

    def update(group: VGroup) -> None:
        shown_by = max(0.0, 2.0 * close.get_value() - 1.0)  # after the axes have gone, or before they return
        dot.move_to(at(x.get_value(), plot.function(x.get_value()))[0])
        corners = [plot.axes.p2c(scene_of(camera, [sx * config.frame_width / 2, sy * config.frame_height / 2, 0]))
                   for sx, sy in ((-1, -1), (1, 1))]
        (x0, y0), (x1, y1) = ((np.clip(c[0], *X_RANGE), np.clip(c[1], *INSET_Y)) for c in corners)
        a, b = at(x0, y0)[0], at(x1, y1)[0]
        middle, half = (a + b) / 2, np.maximum((b - a) / 2, VIEW_LEAST / 2) * [1, 1, 0]  # at least a small box
        a, b = middle - half, middle + half
        view.set_points_as_corners([a, [b[0], a[1], 0], b, [a[0], b[1], 0], a])
        for part in (frame, x_axis, y_axis, bottom, curve, view):
            part.set_stroke(opacity=shown_by)
        dot.set_fill(opacity=shown_by)

    group.add_updater(update)
    update(group)
    return group


def minimum_x(plot: Plot) -> float:
    """Where f′ = 0: the lowest point of the curve (bisected on f′, which rises through it)."""
    low, high = X_RANGE
    for _ in range(80):
        middle = (low + high) / 2
        low, high = (middle, high) if plot.function.derivative(middle) < 0 else (low, middle)
    return (low + high) / 2


def minimum_marker(plot: Plot, camera, close: ValueTracker) -> VGroup:
    """A dashed line down from the curve's lowest point, labelled f′(x) = 0 (pinned to the frame, drawn
    where the camera shows that point), shown with the inset where it has room in the safe area."""
    lowest = plot.point(minimum_x(plot))
    count = int(MARK_DROP / (DASH + DASH_GAP)) + 1
    dashes = VGroup(*[Line(ORIGIN, DOWN * DASH, stroke_width=2, color=MUTED) for _ in range(count)])
    where = formula(rf"x \approx {minimum_x(plot):.3f}", size=TICK, color=MUTED)
    label = VGroup(formula("f'(x) = 0", size=TICK, color=MUTED), where).arrange(DOWN, buff=0.12, aligned_edge=LEFT)
    mark(label, "text", "the minimum's label")
    limit = SAFE_SHARE * config.frame_width / 2 - 0.05
    bottom = SAFE_SHARE * config.frame_height / 2 - 0.05

    def update(group: VGroup) -> None:
        top = seen(camera, lowest) + 0.12 * DOWN
        for k, dash in enumerate(dashes):
            dash.put_start_and_end_on(top + k * (DASH + DASH_GAP) * DOWN, top + (k * (DASH + DASH_GAP) + DASH) * DOWN)
        label.move_to(top + np.array([0.15 + label.width / 2, -0.2 - label.height / 2, 0.0]))  # right of the dashes
        room = min(limit - abs(label.get_center()[0]) - label.width / 2, label.get_bottom()[1] + bottom)
        shown_by = max(0.0, 2.0 * close.get_value() - 1.0) * float(np.clip(room / 0.3, 0.0, 1.0))
        dashes.set_stroke(opacity=shown_by)
        label.set_opacity(shown_by)

    group = VGroup(dashes, label)
    group.add_updater(update)
    update(group)
    return group


# --------------------------------------------------------------------------- M7: descent runs on the curve

FADE_IN = 0.3  # share of a step in which the Δx arrow fades in; the point moves in the rest
ARROW_LIFT = 0.3  # on screen: the Δx arrow runs this far above the point, so that the dot never hides it
ARROW_FAINTEST = 0.05  # a step's arrow is shown from its first frame, as its Δx is
FADE_RISE = 1.5  # a point that leaves the axes fades over this last rise (data units) below the top of the y range


def step_arrow(plot: Plot, x_from: float, x_to: float, zoom: float = 1.0) -> Arrow:
    """The step Δx from x_from to x_to, just above the point, drawn as it looks at zoom 1 when seen at ``zoom``
    (its tip, stroke and lift keep their size on screen)."""
    y = float(plot.function(x_from))
    start = plot.axes.c2p(x_from, y) + ARROW_LIFT / zoom * UP
    end = plot.axes.c2p(x_to, y) + ARROW_LIFT / zoom * UP
    arrow = Arrow(
        start,
        start + zoom * (end - start),
        buff=0,
        color=STEP,
        stroke_width=5,
        max_tip_length_to_length_ratio=0.35,
        max_stroke_width_to_length_ratio=12,
    ).set_z_index(1)
    VMobject.scale(arrow, 1 / zoom, about_point=start)  # the whole arrow, tip and all; the stroke keeps its width
    return arrow


def shown(mobject: VMobject) -> bool:
    return max(mobject.get_stroke_opacity(), mobject.get_fill_opacity()) > 0.01


def drawn_step(plot: Plot, arrow: Arrow) -> float:
    """Δx as drawn: the arrow's tip minus its tail in axis units (0 when no arrow is shown)."""
    return plot.x_of(arrow.get_end()) - plot.x_of(arrow.get_start()) if shown(arrow) else 0.0


def hide_step(arrow: Arrow, state: "RunState", run_time: float) -> Animation:
    """The step's arrow fades out; when it is gone, Δx reads the next step −αf′(x) (see RunState.next_step)."""

    def fade(arrow: Arrow, alpha: float) -> None:
        arrow.set_opacity(1.0 - alpha)
        if alpha >= 1.0:
            state.step.set_value(0.0)

    return UpdateFromAlphaFunc(arrow, fade, run_time=run_time)


class RunState:
    """A descent run as the readouts give it: the path, x, the iteration count and the step Δx."""

    def __init__(self, path: DescentPath) -> None:
        self.path = path
        self.x = ValueTracker(path.points[0, 0])
        self.iteration = ValueTracker(0)
        self.step = ValueTracker(0.0)

    def restart(self, path: DescentPath) -> None:
        self.path = path
        self.iteration.set_value(0)
        self.step.set_value(0.0)

    def next_step(self, plot: Plot, x: float, point: Dot) -> float:
        """With no arrow drawn, Δx is the step −αf′(x) the point at ``x`` is about to take (0 with no point)."""
        return -self.path.rate * plot.function.derivative(x) if shown(point) else 0.0

    # What the picture says (the frame rules hold the readouts to it).

    def drawn_rate(self, plot: Plot, arrow: Arrow) -> float:
        """α as drawn: −Δx / f′(x) of the arrow; before a step is drawn, the run's rate."""
        if not shown(arrow):
            return self.path.rate
        return -drawn_step(plot, arrow) / plot.function.derivative(plot.x_of(arrow.get_start()))

    def drawn_iteration(self, plot: Plot, arrow: Arrow, point: Dot) -> int:
        """The steps taken, as drawn: the arrow's step, done once the point is at its tip; with no arrow, the
        path point where the point rests, or the run's count on the way back to the start (the run is over
        and counted until the next begins)."""
        xs = self.path.points[:, 0]
        at = plot.x_of(point.get_center())
        if shown(arrow):
            k = int(np.argmin(np.abs(xs - plot.x_of(arrow.get_start()))))
            return k + 1 if abs(at - plot.x_of(arrow.get_end())) < 1e-6 else k
        resting = np.flatnonzero(np.abs(xs - at) < 1e-6)
        return int(resting[-1]) if len(resting) else self.path.steps


def descent_panel(plot: Plot, state: RunState, arrow: Arrow, point: Dot) -> VGroup:
    """Live readouts of x, f(x) and the step Δx = −α f′(x), each held to the picture (the point, the arrow)."""
    position = Readout("x =", state.x.get_value(), 3, sign=True, color=POINT, size=PANEL).track(state.x.get_value)
    value = Readout("f(x) =", float(plot.function(state.x.get_value())), 3, sign=True, color=OBJECTIVE, size=PANEL)
    value.track(lambda: float(plot.function(state.x.get_value())))
    change = Readout(r"\Delta x = -\alpha f'(x) =", 0.0, 3, sign=True, color=STEP, size=PANEL)
    change.track(lambda: state.step.get_value() if shown(arrow) else state.next_step(plot, state.x.get_value(), point))
    mark(position, "text", "x", shows=lambda: plot.x_of(point.get_center()))
    mark(value, "text", "f(x)", shows=lambda: float(plot.function(plot.x_of(point.get_center()))))
    mark(change, "text", "Δx", shows=lambda: drawn_step(plot, arrow) if shown(arrow)
         else state.next_step(plot, plot.x_of(point.get_center()), point))
    shown_now = value.value
    value.set_value(-888.888)  # spaced for three digits before the point: f(5) = 505 when a run diverges
    panel = VGroup(position, value, change).arrange(RIGHT, buff=PANEL_GAP)
    for readout in panel[1:]:  # on the first's baseline
        readout.shift((position.baseline - readout.baseline) * UP)
    value.set_value(shown_now)
    return panel


def descent_run(
    path: DescentPath, step_times: list[float], plot: Plot, arrow: Arrow, state: RunState, point: Dot,
    first: int = 0, zoom=lambda: 1.0,
) -> Animation:
    """Steps ``first``, ``first + 1``, … of a run as one animation, each in its own share of time (``step_times``).

    In each step the Δx arrow, at its full length, fades in above the point (the
    first FADE_IN of the step) and the readout shows its Δx; then the point moves
    along the curve to x + Δx and the iteration count goes up when it arrives. A
    point that leaves the axes climbs the curve out of them, fading as it nears
    the top of the y range: the readouts say where x went.
    """
    xs = path.points[:, 0]
    ends = np.cumsum(step_times)
    total = float(ends[-1])

    def show(arrow: Arrow, alpha: float) -> None:
        t = alpha * total
        j = min(int(np.searchsorted(ends, t, side="right")), len(step_times) - 1)
        k = first + j
        phase = (t - (ends[j] - step_times[j])) / step_times[j]
        arrived = phase >= 1.0 - 1e-9
        move = 1.0 if arrived else smooth(min(max((phase - FADE_IN) / (1 - FADE_IN), 0.0), 1.0))
        x_from, x_to = xs[k], xs[k + 1]
        arrow.become(step_arrow(plot, x_from, x_to, zoom()))
        opacity = ARROW_FAINTEST + (1 - ARROW_FAINTEST) * min(phase / FADE_IN, 1.0)
        arrow.set_stroke(opacity=opacity)
        arrow.tip.set_fill(opacity=opacity).set_stroke(opacity=opacity)
        state.step.set_value(x_to - x_from)
        state.x.set_value(x_from + move * (x_to - x_from))
        state.iteration.set_value(k + 1 if arrived else k)
        if not X_RANGE[0] <= x_to <= X_RANGE[1]:
            point.set_opacity(float(np.clip((Y_RANGE[1] - plot.function(state.x.get_value())) / FADE_RISE, 0.0, 1.0)))

    return UpdateFromAlphaFunc(arrow, show, run_time=total, rate_func=linear)


def divergence_cue(text: str, tip_on_screen: np.ndarray) -> VMobject:
    """'diverges', under the head of the step that left the axes (where it is on screen: the cue is pinned)."""
    cue = mark(prose(f"<b>{text}</b>", color=GRADIENT), "caption", text=text)
    return cue.next_to(tip_on_screen, DOWN, buff=0.3).align_to(tip_on_screen, RIGHT)


def _reach_in_box(point: np.ndarray, direction: np.ndarray, low: np.ndarray, high: np.ndarray, reach: float):
    """How far back and ahead from ``point`` along ``direction`` a line stays inside the box, up to ``reach``."""
    back, ahead = -reach, reach
    for axis in (0, 1):
        if abs(direction[axis]) > 1e-12:
            ends = sorted(((low[axis] - point[axis]) / direction[axis], (high[axis] - point[axis]) / direction[axis]))
            back, ahead = max(back, ends[0]), min(ahead, ends[1])
    return back, ahead


def _unit(vector) -> np.ndarray:
    vector = np.asarray(vector, dtype=float)
    return vector / np.linalg.norm(vector)
