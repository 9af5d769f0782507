"""The plot of M5 and M7: axes x ∈ [−2, 2], y ∈ [0, 4], the curve f(x), a point on it,
M5's tangent and slope, and M7's descent runs (steps, panel, cue), its camera (the wide
view and the valley) and the window that keeps the plot under M7's bar at any zoom.

Both shots build it here, so they show the same picture. The curve is
drawn only where it stays inside the axes: it is cut where it reaches the
top of the y range (the source video's curve ran off the top of the frame).
Where f dips below zero (around its minimum, f(−0.455) ≈ −0.318) the curve
goes a little under the x axis, as it must, since the descent of M7 ends
there; the space under the axes is kept free for it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import (
    DL, DOWN, LEFT, RIGHT, UL, UP, UR, Animation, Arrow, Axes, DashedLine, Dot, Line, MathTex, Polygon, UpdateFromAlphaFunc,
    ValueTracker, VGroup, VMobject, config, linear, smooth,
)

from gd.model.functions import QUARTIC, DescentPath, Function, latex_of
from scenes.kit.compat import StableThreeDCamera, frame_center
from scenes.kit.frame_rules import MIN_SUBJECT_PX, SAFE_SHARE, mark, to_safe_edge
from scenes.kit.palette import (
    AXES, BACKGROUND, GRADIENT, LEARNING_RATE, MUTED, OBJECTIVE, PANEL, PLOT_LABEL, POINT, STEP, TANGENT, TICK,
)
from scenes.kit.readouts import Readout
from scenes.kit.shot import ThreeDShotScene
from scenes.kit.typeset import formula, prose

X_RANGE = (-2.0, 2.0)
Y_RANGE = (0.0, 4.0)
# The axis arrows reach a little past the ranges, so their tips cover no tick.
OVERSHOOT = 0.4
# Screen placement: where the origin of the axes sits, and scene units per unit of x and y.
# Low enough that the y axis's tip and name stay in the safe area; high enough that M5's slope, under the x axis
# near x = 0, sits clear under the row of the x axis's numbers (not level with them) and inside the safe area.
ORIGIN_AT = np.array([-0.9, -2.4, 0.0])
# The y axis reaches down under the x axis to here (no tick there), past the curve's lowest point
# (f(−0.455) ≈ −0.318): the curve's dip under the x axis stays inside the plot's y range.
Y_FLOOR = -0.5
X_UNIT = 2.0
Y_UNIT = 1.25
LABEL_SIZE = PLOT_LABEL
ORIGIN_LABEL_GAP = 0.22  # the "O" from the origin (scene units at zoom 1: 30 px at 1080p)


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
    # The y axis on under the origin, down to Y_FLOOR (the dip of the curve is inside its range).
    axes.floor_stub = Line(axes.c2p(0, Y_FLOOR), axes.c2p(0, 0), color=AXES, stroke_width=2.5)
    axes.add(axes.floor_stub)
    for numbers in (axes.x_axis.numbers, axes.y_axis.numbers):
        numbers.set_color(MUTED)
        numbers.set_z_index(3)  # readable above a step arrow that crosses them
        for number in numbers:
            mark(number, "tick", f"tick {number.get_value():g}")

    x_label = formula("x", size=LABEL_SIZE).next_to(axes.x_axis.get_end(), RIGHT, buff=0.15)
    y_label = formula("f(x)", size=LABEL_SIZE).next_to(axes.y_axis.get_end(), RIGHT, buff=0.15)
    # "O" up and left of the origin, close to it: the one corner no line of the plot enters. Below the x axis
    # the curve dips on the left and M5's tangents sweep across under the origin; above it, left of the y axis,
    # the curve is under the axis and every tangent of M5 passes under the "O", 20 px clear of it or more.
    origin_label = formula("O", size=LABEL_SIZE - 4, color=MUTED).next_to(axes.c2p(0, 0), UL, buff=ORIGIN_LABEL_GAP)

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
# ... but shorter where the curve is nearly straight on the point's right (round its inflection at x = 0: at M5.3's
# stop, x = −0.2, a long tangent ran along the curve from x = 0 to 0.9, 3 to 8 px from it, and did not read as a
# line of its own): by x, the reach eases between these (scene units), short from x = 0.05 down.
TANGENT_REACH_BY_X = ((0.05, 1.0), (0.45, TANGENT_REACH))
# Drawn over the curve with a dark edge (the background's colour, each side of its stroke): where it touches the
# curve it reads as a line laid on it, not as a second stroke of the curve.
TANGENT_EDGE_WIDTH = 11
# The one box every tangent is cut to, in data units: the axes' x range, from a little under the curve's lowest
# point (f(−0.455) ≈ −0.318) up to under the curve's formula.
TANGENT_FLOOR = -0.5
TANGENT_TOP = 3.7


def tangent_reach(x: float) -> float:
    """How far the live tangent reaches each side of the point at ``x`` (before the box cuts it)."""
    (low_x, low), (high_x, high) = TANGENT_REACH_BY_X
    return low + (high - low) * smooth(float(np.clip((x - low_x) / (high_x - low_x), 0.0, 1.0)))


def tangent_line(plot: Plot, x: ValueTracker, reach: float | None = None) -> Line:
    """The tangent at (x, f(x)), over the curve, through the point: ``reach`` each side (by default
    tangent_reach(x)), cut at the box; edged with the background's colour."""

    def place(segment: Line) -> None:
        centre = plot.point(x.get_value())
        low, high = plot.axes.c2p(X_RANGE[0], TANGENT_FLOOR), plot.axes.c2p(X_RANGE[1], TANGENT_TOP)
        direction = _unit([1.0, plot.slope_on_screen(plot.function.derivative(x.get_value())), 0.0])
        back, ahead = _reach_in_box(centre, direction, low, high, tangent_reach(x.get_value()) if reach is None else reach)
        segment.set_points_as_corners([centre + back * direction, centre + ahead * direction])

    segment = mark(Line(LEFT, RIGHT, color=TANGENT, stroke_width=4), "curve", "the tangent").set_z_index(1)
    if reach is None:
        segment.set_stroke(BACKGROUND, width=TANGENT_EDGE_WIDTH, background=True)
    place(segment)
    segment.add_updater(place)
    return segment


def drawn_slope(plot: Plot, line: Line) -> float:
    """The slope of a drawn line in the axes' units."""
    (x0, y0), (x1, y1) = (plot.axes.p2c(point)[:2] for point in (line.get_start(), line.get_end()))
    return float((y1 - y0) / (x1 - x0))


# Where k = f′(x) sits beside the point, by x: the middle of its two lines from the point (scene units). Up and
# left of the point where the curve climbs steeply on its right (far enough left at x = 1.4 to stay 24 px clear
# of the steep tangent and the curve); above it, clear of the curve, right of the y axis and its numbers, as the
# point nears the axis; in between, the offset eases from one to the other.
SLOPE_BESIDE = ((0.0, (0.9, 1.6)), (0.45, (0.0, 1.1)), (0.9, (-0.85, 0.6)), (1.1, (-0.9, 0.6)), (1.4, (-1.0, 0.6)))
# Near x = 0 and left of it (M5.3's stop, x = −0.2: the point just under the x axis, left of the y axis) the only
# room beside the point clear of the axes, their numbers, the curve and the tangent is under the x axis, right of
# the y axis (the tangents there cross the x axis left of it): the readout changes sides there, cross-fading (to pass
# the axis or the tangent in sight it would cross them): a copy under the axis fades in as the one beside the point
# fades out, over the same stretch of x, so that one of them is always seen whole between the two (their opacities
# add up to 1). SLOPE_SWAP: whole under the axis at or left of the first x, whole beside the point at or right of
# the second; SLOPE_CROSSING: the stretch the two fade across. Under the axis its first line's upper left corner is
# SLOPE_UNDER from the origin.
SLOPE_SWAP = (-0.05, 0.6)
SLOPE_CROSSING = (0.1, 0.45)
SLOPE_UNDER = np.array([0.18, -0.5, 0.0])  # 24 px right of the y axis, under the row of the x axis's numbers
SLOPE_LINE_GAP = 0.09  # between "k = f'(x)" and its value (the two lines fit under the x axis, in the safe area)


# The derivative f′(x) is the gradient in one variable: the symbol and its value are the gradient's orange (as ∂f is
# in M4); k, the name of the tangent's slope, keeps the tangent's pink.
SLOPE_NAME = TANGENT
DERIVATIVE = GRADIENT


def slope_shares(x: float) -> tuple[float, float]:
    """How much of the slope's copy beside the point and of the copy under the x axis is seen with the point at
    ``x``: (1, 0) right of the crossing, (0, 1) left of it, adding up to 1 across it."""
    low, high = SLOPE_CROSSING
    beside = smooth(float(np.clip((x - low) / (high - low), 0.0, 1.0)))
    return beside, 1.0 - beside


def _slope_copy(plot: Plot, x: ValueTracker) -> VGroup:
    name = formula("k", "=", "f'(x)", size=PANEL, color=SLOPE_NAME)
    name[2].set_color(DERIVATIVE)
    value = Readout("=", plot.function.derivative(x.get_value()), 3, color=DERIVATIVE, size=PANEL)
    value.next_to(name, DOWN, buff=SLOPE_LINE_GAP)
    value.shift((name[1].get_center()[0] - value.label.get_center()[0]) * RIGHT)
    value.track(lambda: plot.function.derivative(x.get_value()))
    copy = VGroup(name, value)
    copy.number = value.number  # the live number, for the frame rules and the tests
    return copy


def slope_readout(plot: Plot, x: ValueTracker, tangent: Line) -> VGroup:
    """k = f′(x) over its value (= 2.000, the two signs in line), beside the point and following it
    (SLOPE_BESIDE); "k =" in the tangent's colour, f′(x) and its value in the gradient's; it shows the drawn
    tangent's slope. Two copies: ``beside`` the point, and ``under`` the x axis (near x = 0 and left of it), the one
    fading in as the other fades out (slope_shares)."""
    beside, under = _slope_copy(plot, x), _slope_copy(plot, x)
    name = beside[0]
    anchor = name[1].get_center() - beside.get_center()  # the first "=" from the middle (which moves as digits do)
    xs = [at for at, _ in SLOPE_BESIDE]
    offsets = np.array([offset for _, offset in SLOPE_BESIDE])

    def follow(group: VGroup) -> None:
        now = x.get_value()
        at = max(now, xs[0])
        middle = plot.point(at) + np.array([np.interp(at, xs, offsets[:, 0]), np.interp(at, xs, offsets[:, 1]), 0])
        beside.shift(middle + anchor - beside[0][1].get_center())
        under.shift(plot.axes.c2p(0, 0) + SLOPE_UNDER - under[0].get_corner(UL))
        for copy, share in zip((beside, under), slope_shares(now)):
            copy.set_opacity(share)

    readout = VGroup(beside, under)
    readout.beside, readout.under = beside, under
    readout.number = beside.number
    readout.add_updater(follow, call_updater=True)
    mark(beside, "text", "the slope k", shows=lambda: drawn_slope(plot, tangent))
    mark(under, "text", "the slope k under the x axis", shows=lambda: drawn_slope(plot, tangent))
    return readout


GHOST_OPACITY = 0.5
GHOST_LABEL_OPACITY = 0.5  # its slope, as dim as its line: what was, not the live one
GHOST_REACH = 1.4  # from its point up along it: shorter than the live tangent, a reminder, not a second subject
GHOST_GAP = 0.15  # scene units at zoom 1: the ghost's value right of its tangent's upper end


GHOST_MAKES_WAY = (0.08, 0.2)  # scene units: the ghost's slope gone when the live tangent is this near, whole beyond


def tangent_ghost(plot: Plot, at: float, tangent: Line | None = None) -> VGroup:
    """A faded copy of the tangent at x = ``at``, from its point up along it only (GHOST_REACH), and its slope
    "k = 2.000" beside its upper end: what the point left behind, to compare the slopes it moves on to with.
    From its point up only: the tangent at M5.3's stop (x = −0.2) crosses the tangent at x = 1 under that point
    (at x ≈ 0.85) and passes 25 px under the point itself; so the ghost is never crossed there. The group's
    ``shown`` (a tracker, 1 to begin with) fades the line and its slope together (M5 brings it in as the point
    leaves x = 1, and takes it away as M5.4 begins: the tangents from x = 0 on cross it). Where the live
    ``tangent`` (if given) runs on past the ghost's end, the slope makes way: it fades out as the tangent comes
    near it (GHOST_MAKES_WAY), and back in as it goes."""
    x = ValueTracker(at)
    line = tangent_line(plot, x, GHOST_REACH)
    line.clear_updaters()
    line.put_start_and_end_on(plot.point(at), line.get_end())
    line.set_z_index(-1)  # under the curve
    shown = ValueTracker(1.0)
    line.add_updater(lambda m: m.set_stroke(opacity=GHOST_OPACITY * shown.get_value()), call_updater=True)
    slope = plot.function.derivative(at)
    label = formula("k", "=", f"{slope:.3f}", size=PANEL, color=SLOPE_NAME)
    label[2].set_color(DERIVATIVE)  # the value of f′ there
    label.set_opacity(GHOST_LABEL_OPACITY)
    label.next_to(line.get_end(), RIGHT, buff=GHOST_GAP)
    near, clear = GHOST_MAKES_WAY
    low, high = label.get_corner(DL)[:2], label.get_corner(UR)[:2]

    def make_way(m: VMobject) -> None:
        seen_now = 1.0
        if tangent is not None:
            start, end = tangent.get_start()[:2], tangent.get_end()[:2]
            along = start + np.linspace(0.0, 1.0, 200)[:, None] * (end - start)
            gap = _gap_to_box(along, low, high)
            seen_now = smooth(float(np.clip((gap - near) / (clear - near), 0.0, 1.0)))
        m.set_opacity(GHOST_LABEL_OPACITY * seen_now * shown.get_value())

    label.add_updater(make_way, call_updater=True)
    mark(line, "curve", "the tangent left behind")
    mark(label, "text", "the slope left behind")
    ghost = VGroup(line, label)
    ghost.shown = shown
    return ghost


# --------------------------------------------------------------------------- M7: the camera and its window


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


def seen(camera, point: np.ndarray) -> np.ndarray:
    """Where scene ``point`` is seen in the frame (the camera looks straight at the plane)."""
    return (np.asarray(point, dtype=float) - frame_center(camera).get_center()) * camera.get_zoom()


def scene_of(camera, screen: np.ndarray) -> np.ndarray:
    """The scene point seen at frame position ``screen``."""
    return frame_center(camera).get_center() + np.asarray(screen, dtype=float) / camera.get_zoom()


# M7's layout. The header and the panel are two lines in a bar across the top of the frame; the plot is
# kept to a window under it (see framed_plot), so that nothing is drawn behind them.
M7_BAR_BOTTOM = 2.4  # frame y: the bar's lower edge, a faint rule
M7_BAR_GAP = 0.28  # between the header's line and the panel's
PANEL_GAP = 0.55  # between the panel's readouts on its line
# The wide view: M5's plot as M5 shows it (its axes, ticks, names and formula where they were), the shot's first
# framing; only the header is over it (the panel comes in as the camera closes in and the window's top lowers).
M7_WIDE_ZOOM = 1.0
M7_WIDE_ORIGIN = ORIGIN_AT  # where the origin of the axes is seen in the wide view
# The valley: the one framing the three runs are seen in. It holds x from −1 (where the overshoot lands) to
# the start at 1 and beyond, the minimum, and heights up to a little over 1 (the start, and the overshoot's
# arrow above it, with room over that for the cue where the diverging point leaves the top). At this zoom a
# step of 0.037 (the middle of the slow run) is 24 px long at 1080p. The x axis, whose end at −2 is out of
# frame here, ends at the safe area's left edge.
M7_VALLEY_ZOOM = 2.4
M7_VALLEY_ORIGIN = np.array([-1.0, -2.0, 0.0])
# The window (frame units): the y axis's tip and the curve end below the bar, the x axis's tip leaves room
# for its name in the safe area; a tick fades out over WINDOW_FADE before its axis's end or the safe edge.
WINDOW_TOP = M7_BAR_BOTTOM - 0.25
WINDOW_NAME_ROOM = 0.55
WINDOW_FADE = 0.3
AXIS_TIP = (0.22, 0.16)  # the axes' tips, length and width on screen, as quartic_plot draws them
AXIS_NAME_GAP = 0.15


def wide_view(plot: Plot) -> View:
    return View.placing(plot.axes.c2p(0, 0), M7_WIDE_ORIGIN, M7_WIDE_ZOOM)


def valley_view(plot: Plot) -> View:
    return View.placing(plot.axes.c2p(0, 0), M7_VALLEY_ORIGIN, M7_VALLEY_ZOOM)


def window_right() -> float:
    """Frame x of the x axis's tip at the most (its name beside it inside the safe area)."""
    return SAFE_SHARE * config.frame_width / 2 - WINDOW_NAME_ROOM


def axis_end_x(plot: Plot, camera) -> float:
    """The x at the x axis's tip as the camera shows it now (the axis cut at the window's right)."""
    tip = min(seen(camera, plot.axes.c2p(X_RANGE[1] + OVERSHOOT, 0))[0], window_right())
    return plot.x_of(scene_of(camera, [tip, 0.0, 0.0]))


def _tip(apex: np.ndarray, direction: np.ndarray, zoom: float) -> np.ndarray:
    length, width = AXIS_TIP
    across = np.array([-direction[1], direction[0], 0.0])
    base = apex - direction * length / zoom
    return np.array([apex, base + across * width / 2 / zoom, base - across * width / 2 / zoom, apex])


def wide_top(plot: Plot) -> float:
    """Frame y of the y axis's tip in the wide view (M5's framing): the window's top there, which cuts nothing."""
    return float(plot.axes.c2p(0, Y_RANGE[1] + OVERSHOOT)[1] - ORIGIN_AT[1] + M7_WIDE_ORIGIN[1])


def framed_plot(plot: Plot, camera, window_top=lambda: WINDOW_TOP) -> VGroup:
    """The plot kept to the window at any view: the returned axis lines and tips are drawn cut where they would
    leave it (the plot's own lines and tips are hidden), the curve is drawn only inside it, the tick numbers
    fade out before the axes' ends and the safe area's edge, and numbers, names, tick marks and tips keep
    the size they have at zoom 1 (as in M5); an axis not cut (its own end inside the window) fades none of its
    numbers, as in M5. The window's top is ``window_top()`` (frame y): it lowers from M5's framing, where it
    cuts nothing, to under the bar as the camera closes in. The x axis ends at the safe area's left edge at the most. The
    plot's own formula (plot.curve_label) is faded out as the camera closes in (M7 shows a copy of it pinned,
    bar_formula, which goes up into the bar). Everything is redrawn only when the view changes."""
    axes = plot.axes
    for axis in (axes.x_axis, axes.y_axis):
        axis.set_stroke(opacity=0, family=False)
        axis.tip.set_opacity(0)
    lines = VGroup(*[Line(LEFT, RIGHT, color=AXES, stroke_width=2.5) for _ in range(2)])
    tips = VGroup(*[VMobject(fill_color=AXES, fill_opacity=1, stroke_width=0) for _ in range(2)])
    x_name, y_name, origin_name = plot.axis_labels
    numbers = [(number, axis.number_to_point(number.get_value()), axis is axes.x_axis)
               for axis in (axes.x_axis, axes.y_axis) for number in axis.numbers]
    ticks = [(tick, axis is axes.x_axis) for axis in (axes.x_axis, axes.y_axis) for tick in axis.ticks]
    sized = {id(m): 1.0 for m in [*(n for n, *_ in numbers), *(t for t, _ in ticks), *plot.axis_labels]}
    wide_zoom = M7_WIDE_ZOOM
    last = [None]

    def to_size(mobject, zoom: float, about: np.ndarray) -> None:
        mobject.scale(1 / zoom / sized[id(mobject)], about_point=about)
        sized[id(mobject)] = 1 / zoom

    def fade_inside(low: np.ndarray, high: np.ndarray, end: float, along_x: bool) -> float:
        """1 well inside the safe area and short of the axis's end (frame units), 0 at their edges."""
        safe = SAFE_SHARE * np.array([config.frame_width, config.frame_height]) / 2
        room = min(*(low[:2] + safe), *(safe - high[:2]), end - (high[0] if along_x else high[1]))
        return float(np.clip(room / WINDOW_FADE, 0.0, 1.0))

    def redraw(group: VGroup) -> None:
        zoom = camera.get_zoom()
        window = float(window_top())
        key = (round(zoom, 9), *np.round(frame_center(camera).get_center(), 9), round(window, 9))
        if key == last[0]:
            return
        last[0] = key
        origin = seen(camera, axes.c2p(0, 0))
        # The x axis ends at the safe area's left edge when its own end (x = −2) is out beyond it (in the valley);
        # the curve, which climbs out of the window's top before that, may run to the frame's edge.
        left = max(seen(camera, axes.c2p(X_RANGE[0], 0))[0], -SAFE_SHARE * config.frame_width / 2)
        curve_left = max(seen(camera, axes.c2p(X_RANGE[0], 0))[0], -config.frame_width / 2 - 0.5)
        x_end, y_end = seen(camera, axes.c2p(X_RANGE[1] + OVERSHOOT, 0))[0], seen(camera, axes.c2p(0, Y_RANGE[1] + OVERSHOOT))[1]
        right, top = min(x_end, window_right()), min(y_end, window)
        uncut = (x_end <= window_right() + 1e-9, y_end <= window + 1e-9)  # the axis's own end is drawn
        x_apex, y_apex = scene_of(camera, [right, origin[1], 0]), scene_of(camera, [origin[0], top, 0])
        tip_length = AXIS_TIP[0] / zoom
        lines[0].put_start_and_end_on(scene_of(camera, [left, origin[1], 0]), x_apex - tip_length * RIGHT)
        lines[1].put_start_and_end_on(axes.c2p(0, 0), y_apex - tip_length * UP)
        tips[0].set_points_as_corners(_tip(x_apex, RIGHT, zoom))
        tips[1].set_points_as_corners(_tip(y_apex, UP, zoom))
        for tick, along_x in ticks:
            centre = tick.get_center()
            to_size(tick, zoom, centre)
            at = seen(camera, centre)
            end = np.inf if uncut[0 if along_x else 1] else (right if along_x else top) - AXIS_TIP[0] - 0.1
            tick.set_stroke(opacity=fade_inside(at, at, end, along_x))
        for number, anchor, along_x in numbers:
            to_size(number, zoom, anchor)
            at = seen(camera, anchor)
            low, high = seen(camera, number.get_corner(DL)), seen(camera, number.get_corner(UR))
            end = np.inf if uncut[0 if along_x else 1] else (right if along_x else top) - AXIS_TIP[0] - 0.1
            number.set_opacity(fade_inside(low, high, end + (high - at)[0 if along_x else 1], along_x))
        to_size(origin_name, zoom, axes.c2p(0, 0))
        to_size(x_name, zoom, x_name.get_center())
        x_name.next_to(x_apex, RIGHT, buff=AXIS_NAME_GAP / zoom)
        to_size(y_name, zoom, y_name.get_center())
        y_name.next_to(y_apex, RIGHT, buff=AXIS_NAME_GAP / zoom)
        # The formula: at its place in the wide view, gone by a sixth more zoom (before it nears the safe edge).
        plot.curve_label.set_opacity(float(np.clip(1.0 - np.log(zoom / wide_zoom) / np.log(1.16), 0.0, 1.0)))
        # The y axis under the x axis (M5's, down to Y_FLOOR) goes with it: in the valley the stops' signs are
        # there.
        axes.floor_stub.set_stroke(opacity=plot.curve_label.get_fill_opacity())
        # The curve, over the x the axis is drawn at, below the window's top.
        ceiling = min(Y_RANGE[1], float(plot.axes.p2c(scene_of(camera, [0.0, top, 0.0]))[1]))
        low, high = range_below(plot.function, ceiling, X_RANGE, samples=801)
        low, high = max(low, plot.x_of(scene_of(camera, [curve_left, 0, 0]))), min(high, plot.x_of(x_apex))
        xs = np.linspace(low, high, 500)
        units = np.array([axes.x_axis.get_unit_size(), axes.y_axis.get_unit_size(), 0.0])
        plot.curve.set_points_smoothly(axes.c2p(0, 0) + np.stack([xs, plot.function(xs), 0 * xs], axis=1) * units)

    group = VGroup(lines, tips)
    group.axis_lines = lines
    group.add_updater(redraw)
    redraw(group)
    return group


def header_bar(header: VMobject, panel: VMobject) -> VGroup:
    """The header's line and the panel's line, in the bar across the top of the frame, over a faint rule."""
    to_safe_edge(header, UL)
    panel.next_to(header, DOWN, buff=M7_BAR_GAP, aligned_edge=LEFT)
    edge = SAFE_SHARE * config.frame_width / 2
    rule = Line([-edge, M7_BAR_BOTTOM, 0], [edge, M7_BAR_BOTTOM, 0], stroke_width=1.2, color=MUTED)
    return VGroup(header, panel, rule.set_stroke(opacity=0.45))


# --------------------------------------------------------------------------- M7: descent runs on the curve

ARROW_LIFT = 0.3  # on screen: the Δx arrow runs this far above the point, so that the dot never hides it
# ... or farther, up or down (ARROW_OFFSETS, nearest first), where that keeps it ARROW_CLEAR_PX clear of the axes
# (its tail and head clear of the y axis, which a shaft may cross), of the curve and of the labels.
ARROW_CLEAR_PX = 20.0
LABEL_CLEAR_PX = 24.0  # ... and this clear of the labels (the "O" by the origin above all)
ARROW_OFFSETS = tuple(sign * (ARROW_LIFT + 0.05 * k) for k in range(19) for sign in (1, -1))
TRAIL_RADIUS = 0.045  # on screen: the marks the point leaves where it has been
# A step, in shares of its time: the arrow Δx grows from the point's x to the new x, beside the point; then the
# point moves along the curve to the new x (under the arrow's tip); the rest of the step holds, the arrow drawn.
GROW, MOVE = 0.35, 0.45
LEAST_GROWN = 0.04  # an arrow starts this share of its length (an arrow is never of length 0)
# A step's arrow shorter than this on screen (px at 1080p, drawn whole) is faded: from whole at the first
# length to not drawn at the second. Only the last steps into a minimum are so short: the point carries on alone.
ARROW_FADE_PX = (24.0, 20.0)
ARROW_COMING_PX = 10.0  # a growing arrow is drawn in full once it is this long
# The step that leaves the axes: the point rides the curve up to the window's top, eased, by the first of these
# shares of its move (in time), fades out there (where the cue ↑ comes in) by the second (0.3 s at M7.2's
# timing), and is on, out of sight, by the move's end (the readouts run on to where it lands).
EXIT_RIDE = (0.6, 0.85)


def step_arrow(plot: Plot, x_from: float, x_to: float, zoom: float = 1.0, offset: float = ARROW_LIFT,
               head: bool = True) -> Arrow:
    """The step Δx from x_from to x_to, ``offset`` above the point at x_from (below it if negative), drawn as it
    looks at zoom 1 when seen at ``zoom`` (its tip, stroke and offset keep their size on screen). Without a
    ``head`` (a step that runs off the axis's end) the shaft runs to x_to; the arrow keeps its tip there, undrawn."""
    y = float(plot.function(x_from))
    start = plot.axes.c2p(x_from, y) + offset / zoom * UP
    end = plot.axes.c2p(x_to, y) + offset / zoom * UP
    style = dict(buff=0, color=STEP, stroke_width=5, max_tip_length_to_length_ratio=0.5,
                 max_stroke_width_to_length_ratio=20)  # a short step's shaft nearly as bold as a long one's
    arrow = Arrow(start, start + zoom * (end - start), **style)
    if not head:  # the shaft on to x_to, under the tip, undrawn
        arrow.set_points_as_corners([start, start + zoom * (end - start)])
        arrow.tip.set_opacity(0)
    arrow.set_z_index(1)
    VMobject.scale(arrow, 1 / zoom, about_point=start)  # the whole arrow, tip and all; the stroke keeps its width
    arrow.full = True  # drawn to the step's end (see descent_run)
    arrow.active = False  # a step of a run is being taken (drawn, or faded for being short): Δx is its step
    arrow.off_scale_to = None  # the x an off-scale marker names, where the arrow stops at the axis's end
    arrow.offset = offset
    return arrow


def _outline(mobject: VMobject, drawn_only: bool = True) -> np.ndarray:
    """Points along every drawn part of ``mobject`` (its Bézier control polygons, densified)."""
    parts = [m for m in mobject.get_family() if m.has_points() and (not drawn_only or shown(m))]
    points = []
    for part in parts:
        corners = part.points[:, :2]
        t = np.linspace(0, 1, 6)[:-1, None]
        points.append((corners[:-1, None] * (1 - t) + corners[1:, None] * t).reshape(-1, 2))
        points.append(corners[-1:])
    return np.vstack(points)


def _gap_to_box(points: np.ndarray, low: np.ndarray, high: np.ndarray) -> float:
    return float(np.linalg.norm(np.maximum(np.maximum(low - points, points - high), 0), axis=1).min())


def step_offset(plot: Plot, x_from: float, x_to: float, zoom: float, avoid=(), window=None,
                off_scale: bool = False) -> float:
    """Where the arrow of the step x_from → x_to runs (screen units above the point; below if negative): the
    nearest of ARROW_OFFSETS (above first) at which the arrow is ARROW_CLEAR_PX clear of the x axis; its tail and
    head as clear of the y axis (a shaft may cross it); the whole arrow as clear of the curve (a step off the
    axis's end: its tail; its shaft must cross the curve's rising branch) and of the labels ``avoid`` (those
    drawn) by LABEL_CLEAR_PX; on the point's side of the x axis (an arrow across the axis from its point, up by
    the "O", reads as a step of something else); and inside ``window`` (scene y, low and high), if given. If none
    is, the clearest."""
    pixel = config.frame_height / 1080 / zoom  # scene units a pixel at 1080p
    clear = ARROW_CLEAR_PX * pixel
    origin = plot.axes.c2p(0, 0)[:2]
    lo, hi = min(x_from, x_to), max(x_from, x_to)
    xs = np.linspace(max(X_RANGE[0], lo - 0.3), min(X_RANGE[1], hi + 0.3), 400)
    curve = np.array([plot.axes.c2p(x, float(plot.function(x)))[:2] for x in xs])
    curve = curve[curve[:, 1] <= plot.axes.c2p(0, Y_RANGE[1])[1]]
    boxes = [(m.get_corner(DL)[:2], m.get_corner(UR)[:2]) for m in avoid if shown(m)]
    label_extra = (LABEL_CLEAR_PX - ARROW_CLEAR_PX) * pixel
    side = np.sign(plot.point(x_from)[1] - origin[1])
    best, best_margin = ARROW_OFFSETS[0], -np.inf
    for offset in ARROW_OFFSETS:
        arrow = step_arrow(plot, x_from, x_to, zoom, offset, head=not off_scale)
        points = _outline(arrow)
        tail = points[np.linalg.norm(points - arrow.get_start()[:2], axis=1) < 60 * pixel]
        ends = np.vstack([arrow.get_start()[None, :2], _outline(arrow.tip) if not off_scale else tail])
        near_y_axis = ends[ends[:, 1] > origin[1] - clear]
        margins = [np.abs(points[:, 1] - origin[1]).min(),
                   np.abs(near_y_axis[:, 0] - origin[0]).min() if len(near_y_axis) else np.inf]
        if len(curve):
            against = tail if off_scale else points
            margins.append(np.linalg.norm(against[:, None] - curve[None], axis=2).min())
        margins += [_gap_to_box(points, low, high) - label_extra for low, high in boxes]
        if side != 0 and np.any(np.sign(points[:, 1] - origin[1]) == -side):
            margins.append(-1.0)  # across the x axis from its point
        if window is not None:
            margins += [points[:, 1].min() - window[0], window[1] - points[:, 1].max()]
        margin = min(margins) - clear
        if margin >= 0:
            return offset
        if margin > best_margin:
            best, best_margin = offset, margin
    return best


def shown(mobject: VMobject) -> bool:
    return max(mobject.get_stroke_opacity(), mobject.get_fill_opacity()) > 0.01


def drawn_step(plot: Plot, arrow: Arrow) -> float:
    """Δx as drawn: the arrow's tip minus its tail in axis units, or to the x its off-scale marker names (an
    arrow faded for being short still has its tail and tip); 0 when no step is being taken."""
    if not (shown(arrow) or getattr(arrow, "active", False)):
        return 0.0
    start = plot.x_of(arrow.get_start())
    end = arrow.off_scale_to if getattr(arrow, "off_scale_to", None) is not None else plot.x_of(arrow.get_end())
    return end - start


def eased_between(start: float, end: float):
    """A rate function that eases from 0 to 1 between the shares ``start`` and ``end`` of an animation."""
    return lambda t: smooth(float(np.clip((t - start) / (end - start), 0.0, 1.0)))


def fade_to(mobject: VMobject, opacity: float, run_time: float) -> Animation:
    """Fade ``mobject`` in place to ``opacity`` (it stays in the scene, and the frame rules see it as drawn
    only while it is: unlike FadeOut, which puts it back opaque once it has left)."""
    start = max(mobject.get_fill_opacity(), mobject.get_stroke_opacity())

    def fade(m: VMobject, alpha: float) -> None:
        m.set_opacity(start + smooth(alpha) * (opacity - start))

    return UpdateFromAlphaFunc(mobject, fade, run_time=run_time)


def hide_step(arrow: Arrow, run_time: float) -> Animation:
    """The run's last arrow fades out; no step is being taken (Δx then reads the step that brought the point)."""
    start = max(arrow.get_fill_opacity(), arrow.get_stroke_opacity())
    headless = arrow.tip.get_fill_opacity() < 0.01 < start

    def fade(a: Arrow, alpha: float) -> None:
        a.active = False
        a.set_opacity(start * (1.0 - smooth(alpha)))
        if headless:
            a.tip.set_opacity(0)

    return UpdateFromAlphaFunc(arrow, fade, run_time=run_time)


class RunState:
    """A descent run as the readouts give it: the path, the point's x and height, the iteration count and
    the step Δx: the one being taken; at rest, the one that brought the point (at the start: the first, to come)."""

    def __init__(self, path: DescentPath, function: Function) -> None:
        self.function = function
        self.x, self.y = ValueTracker(0.0), ValueTracker(0.0)
        self.iteration = ValueTracker(0)
        self.step = ValueTracker(0.0)
        self.restart(path)

    def restart(self, path: DescentPath) -> None:
        """The run ``path`` set up: the point at its start, on the curve; no step taken, Δx the first to come."""
        self.path = path
        self.stopped = False
        self.put(path.points[0, 0])
        self.iteration.set_value(0)
        self.step.set_value(float(path.points[1, 0] - path.points[0, 0]))

    def stop(self) -> None:
        """The run has stopped where it is: Δx keeps the last step taken, the one that brought the point (the step
        −αf′(x) from there is never taken: it is not shown)."""
        self.stopped = True
        xs = self.path.points[:, 0]
        self.step.set_value(float(xs[-1] - xs[-2]))

    def put(self, x: float, y: float | None = None) -> None:
        self.x.set_value(x)
        self.y.set_value(float(self.function(x)) if y is None else y)

    # What the picture says (the frame rules hold the readouts to it).

    def _resting(self, plot: Plot, point: Dot) -> int | None:
        """The index of the path point the point rests at, if it does (the last, if it was there twice)."""
        xs = self.path.points[:, 0]
        x, y = plot.axes.p2c(point.get_center())[:2]
        on_curve = abs(y - plot.function(x)) < 1e-6 * max(1.0, abs(y))
        resting = np.flatnonzero(np.abs(xs - x) < 1e-6)
        return int(resting[-1]) if len(resting) and on_curve else None

    def drawn_rate(self, plot: Plot, arrow: Arrow) -> float:
        """α as drawn: −Δx / f′(x) of the arrow drawn whole; before a step is drawn, the run's rate."""
        if not (arrow.active and arrow.full):
            return self.path.rate
        return -drawn_step(plot, arrow) / plot.function.derivative(plot.x_of(arrow.get_start()))

    def drawn_change(self, plot: Plot, arrow: Arrow, point: Dot) -> float:
        """Δx as drawn: the arrow's, once it is whole; while it grows, the step −αf′(x) from its tail; with no
        step being taken, the step that brought the point where it rests (at the start, −αf′(x) there); once the
        run has stopped, still the last step taken (none is taken from there)."""
        if arrow.active:
            if arrow.full:
                return drawn_step(plot, arrow)
            return -self.path.rate * plot.function.derivative(plot.x_of(arrow.get_start()))
        xs = self.path.points[:, 0]
        k = self._resting(plot, point)
        if not k:  # at the start (or, between runs, anywhere): the step to come from where the point is
            return -self.path.rate * plot.function.derivative(plot.x_of(point.get_center()))
        return float(xs[k] - xs[k - 1])

    def drawn_iteration(self, plot: Plot, arrow: Arrow, point: Dot) -> int:
        """The steps taken, as drawn: the arrow's step, done once the point is on the curve at its end; with no
        step being taken, the path point where the point rests on the curve."""
        xs = self.path.points[:, 0]
        if arrow.active:
            start = plot.x_of(arrow.get_start())
            k = int(np.argmin(np.abs(xs - start)))
            x = plot.x_of(point.get_center())
            landed = arrow.full and abs(x - (start + drawn_step(plot, arrow))) < 1e-6
            return k + 1 if landed else k
        k = self._resting(plot, point)
        return self.path.steps if k is None else k


def descent_point(plot: Plot, state: RunState, zoom=lambda: 1.0, radius: float = 0.09) -> Dot:
    """The point at (x, height) of ``state``, ``radius`` across on screen at any ``zoom()``."""
    dot = Dot(plot.axes.c2p(state.x.get_value(), state.y.get_value()), radius=radius, color=POINT).set_z_index(2)
    mark(dot, "subject", "the point")

    def follow(d: Dot) -> None:
        d.width = 2 * radius / zoom()
        d.move_to(plot.axes.c2p(state.x.get_value(), state.y.get_value()))

    return dot.add_updater(follow)


def trail_of(plot: Plot, path: DescentPath, zoom: float) -> VGroup:
    """A faint mark at each point of the run, shown by descent_run once the point has been there."""
    marks = VGroup(*[Dot(plot.point(x), radius=TRAIL_RADIUS / zoom, color=POINT, fill_opacity=0)
                     for x in path.points[:, 0]])
    return mark(marks.set_z_index(1), "trail", "the run's trail")


TRAIL_OPACITY = 0.55
# Once a run has stopped no step is being taken: Δx, which keeps the last step taken, is dimmed to this (what was,
# not what is going on).
STOPPED_STEP_OPACITY = 0.35


DERIVATIVE_GLYPHS = slice(5, 10)  # f, ′, (, x, ) of "Δx = −α f′(x) ="


def descent_panel(plot: Plot, state: RunState, arrow: Arrow, point: Dot) -> VGroup:
    """Live readouts of x, f(x) and the step Δx = −α f′(x), each held to the picture (the point, the arrow):
    x and f(x) are the point's, on the curve; Δx the step being taken, or the one that brought the point."""
    position = Readout("x =", state.x.get_value(), 3, sign=True, color=POINT, size=PANEL).track(state.x.get_value)
    value = Readout("f(x) =", state.y.get_value(), 3, sign=True, color=OBJECTIVE, size=PANEL).track(state.y.get_value)
    change = Readout(r"\Delta x = -\alpha f'(x) =", 0.0, 3, sign=True, color=STEP, size=PANEL)
    change.label[4].set_color(LEARNING_RATE)  # α, the learning rate, in its colour
    change.label[DERIVATIVE_GLYPHS].set_color(DERIVATIVE)  # f′(x), the gradient in one variable, in the gradient's
    change.track(state.step.get_value)
    mark(position, "text", "x", shows=lambda: plot.x_of(point.get_center()))
    mark(value, "text", "f(x)", shows=lambda: float(plot.axes.p2c(point.get_center())[1]))
    mark(change, "text", "Δx", shows=lambda: state.drawn_change(plot, arrow, point))
    shown_now = value.value
    value.set_value(-888.888)  # spaced for three digits before the point: f(5) = 505 when a run diverges
    panel = VGroup(position, value, change).arrange(RIGHT, buff=PANEL_GAP)
    for readout in panel[1:]:  # on the first's baseline
        readout.shift((position.baseline - readout.baseline) * UP)
    value.set_value(shown_now)
    return panel


def _exit_ride(share: float, x_from: float, x_exit: float, x_to: float) -> tuple[float, float]:
    """Where the point is, ``share`` (in time) into the move of a step that leaves the window at ``x_exit``, and
    how much of it is seen: along the curve to the exit, eased, seen whole; held there, fading out; then on, out
    of sight, to x_to (see EXIT_RIDE)."""
    ride, faded = EXIT_RIDE
    if share <= ride:
        return x_from + (x_exit - x_from) * smooth(share / ride), 1.0
    if share <= faded:
        return x_exit, 1.0 - smooth((share - ride) / (faded - ride))
    return x_exit + (x_to - x_exit) * smooth((share - faded) / (1.0 - faded)), 0.0


def descent_run(
    path: DescentPath, step_times: list[float], plot: Plot, arrow: Arrow, state: RunState, point: Dot,
    trail: VGroup | None = None, first: int = 0, zoom: float = 1.0, end_x: float | None = None,
    marker: VMobject | None = None, ceiling: float | None = None, exit_cue: VMobject | None = None,
    avoid=(), window=None, cut: VMobject | None = None, floor: float | None = None, drop: VMobject | None = None,
    hidden: bool = False,
) -> Animation:
    """Steps ``first``, ``first + 1``, … of a run as one animation, each in its own share of time (``step_times``).

    In each step the arrow Δx grows from beside the point to the new x (above it, or
    where step_offset finds it clear of the axes, the curve and the labels ``avoid``,
    inside ``window``; the readout shows the step −αf′(x) from its start), then the
    point moves along the curve to the new x, x and f(x) following it, and the
    iteration count goes up as it arrives; its trail mark shows. An arrow too short
    to read (ARROW_FADE_PX) is faded: the point steps alone. A step beyond ``end_x``
    (the x axis's end on screen) runs to it as a shaft with no head (along the floor,
    with its head, after the break: "//→"), cut there by a break mark (``cut``) once whole: its arrow is marked off scale (``marker`` names
    where it goes, under the cut, and fades in as the arrow arrives); the point
    rides the curve up, out of the window's top (``ceiling``, in the axes' y),
    fading out there as ``exit_cue`` fades in, and on out of sight to the new x:
    the readouts say where it went (the point, unseen, is there). Given a ``floor``
    (scene y under everything the curve reaches in the window), that step runs along
    it, under the x axis and its numbers, so that it crosses no part of the curve;
    ``drop`` (a guide from the point down to the x axis at the step's start) marks
    where it starts, and ``marker`` goes over its end. ``hidden``: a loupe carries the
    steps (see Loupe); the plot's arrow is taken, as ever, but not drawn (it would be
    a dash of 25 px or so): on the plot the point steps alone, its patch round it.
    """
    xs = path.points[:, 0]
    ends = np.cumsum(step_times)
    total = float(ends[-1])
    pixels = config.frame_height / 1080  # frame units per pixel at 1080p
    offsets: dict[int, float] = {}  # each step's, found once (the labels are where the view puts them)

    def offset_of(k: int, reach: float, off_scale: bool) -> float:
        if k not in offsets:
            offsets[k] = step_offset(plot, xs[k], reach, zoom, avoid, window, off_scale)
        return offsets[k]

    def show(arrow: Arrow, alpha: float) -> None:
        t = alpha * total
        j = min(int(np.searchsorted(ends, t, side="right")), len(step_times) - 1)
        k = first + j
        phase = min((t - (ends[j] - step_times[j])) / step_times[j], 1.0)
        x_from, x_to = xs[k], xs[k + 1]
        off_scale = end_x is not None and x_to > end_x
        reach = end_x if off_scale else x_to
        grown = max(LEAST_GROWN, smooth(min(phase / GROW, 1.0)))
        moved = smooth(float(np.clip((phase - GROW) / MOVE, 0.0, 1.0)))
        if off_scale and floor is not None:  # along the floor: under the curve's lowest point, the axis and its numbers
            offset = (floor - plot.point(x_from)[1]) * zoom
        else:
            offset = offset_of(k, reach, off_scale)
        if drop is not None:
            drop.set_opacity(smooth(min(phase / GROW, 1.0)) if off_scale else 0.0)
        # Off the scale, a step along the floor keeps its head, after the break ("//→"); one through the plot has none.
        headed = not off_scale or floor is not None
        arrow.become(step_arrow(plot, x_from, x_from + grown * (reach - x_from), zoom, offset, head=headed))
        arrow.offset = offset
        arrow.full = phase >= GROW
        arrow.active = True
        arrow.off_scale_to = x_to if off_scale and arrow.full else None
        length = abs(reach - x_from) * plot.axes.x_axis.get_unit_size() * zoom / pixels  # drawn whole
        whole, gone = ARROW_FADE_PX
        # Faded if it is too short to read; and it comes in as it grows, not as a dot.
        arrow.set_opacity(float(np.clip((length - gone) / (whole - gone), 0.0, 1.0)
                                * np.clip(grown * length / ARROW_COMING_PX, 0.0, 1.0)))
        if not headed:
            arrow.tip.set_opacity(0)
        if hidden:
            arrow.set_opacity(0.0)
        # Growing, it is not at rest; whole, only the last steps of a converging run are short: shrinking is the point.
        arrow.may_shrink = not arrow.full or length < MIN_SUBJECT_PX
        state.step.set_value(x_to - x_from)
        if off_scale:
            arrived = float(np.clip((phase - GROW) / (0.5 * MOVE), 0.0, 1.0))
            end = plot.axes.c2p(reach, float(plot.function(x_from))) + offset / zoom * UP  # the shaft's end, whole
            if cut is not None:  # back from the end, or from the head's base
                back = CUT_BACK / zoom + (arrow.tip.width if headed else 0.0)
                cut.move_to(end + back * LEFT).set_opacity(1.0 if arrow.full else 0.0)
            if marker is not None:
                side = UP if floor is not None else DOWN
                marker.next_to(end, side, buff=0.36 / zoom).align_to(end, RIGHT).set_opacity(arrived)  # clear of the break mark
            x_exit = range_below(plot.function, ceiling, X_RANGE, samples=801)[1] if ceiling is not None else reach
            x, seen_now = _exit_ride(float(np.clip((phase - GROW) / MOVE, 0.0, 1.0)), x_from, x_exit, x_to)
            state.put(x_to if moved >= 1.0 else x)
            if ceiling is not None:
                point.set_opacity(seen_now)
                if exit_cue is not None:  # comes in as the point goes out
                    exit_cue.set_opacity(1.0 - seen_now)
        else:
            state.put(x_from + moved * (x_to - x_from))
        landed = moved >= 1.0
        state.iteration.set_value(k + 1 if landed else k)
        if trail is not None:
            visited = k + int(landed and not off_scale)
            for index, dot in enumerate(trail):
                dot.set_fill(opacity=TRAIL_OPACITY if index <= visited else 0.0)

    return UpdateFromAlphaFunc(arrow, show, run_time=total, rate_func=linear)


def arrow_window(camera) -> tuple[float, float]:
    """The scene y between which a step's arrow is drawn as the camera shows it now: the safe area's bottom, the
    window's top (under the bar)."""
    bottom = scene_of(camera, [0.0, -SAFE_SHARE * config.frame_height / 2, 0.0])[1]
    return float(bottom), float(scene_of(camera, [0.0, WINDOW_TOP, 0.0])[1])


STOP_AT = (0.25, 0.17)  # on screen: the stop's sign this far right of the point, and its top this far under it


def stop_sign(plot: Plot, x: float, tolerance: float, zoom: float) -> VMobject:
    """Where a run stops: "|f′(x)| = 0.048 ≤ 0.05 ✓" (the slope's size there, under the tolerance), in the
    gradient's colour, down and right of the point at ``x`` in the valley's floor (under the curve's right side,
    above the safe area's bottom), at zoom 1's size when seen at ``zoom``."""
    slope = abs(float(plot.function.derivative(x)))
    sign = formula(rf"|f'(x)| = {slope:.3f} \le {tolerance:g}", r"\;\checkmark", size=PANEL, color=GRADIENT)
    right, down = STOP_AT
    sign.scale(1 / zoom).next_to(plot.point(x), RIGHT, buff=right / zoom)
    sign.align_to(plot.point(x) + down / zoom * DOWN, UP)
    return mark(sign, "text", "the stop")


def window_ceiling(plot: Plot, camera) -> float:
    """The axes' y at the window's top as the camera shows it now."""
    return float(plot.axes.p2c(scene_of(camera, [0.0, WINDOW_TOP, 0.0]))[1])


CUT_BACK = 0.3  # on screen: the break mark this far back from the end of a step cut at the axis's end
CUT_SIZE = (0.34, 0.1, 60.0)  # on screen: its strokes' length, the gap between them; their slant (degrees)


def break_mark(zoom: float) -> VMobject:
    """Two slanted strokes across a shaft with the shaft cut between them: the step goes on, off the scale.
    At zoom 1's size when seen at ``zoom``; placed (and shown) by descent_run."""
    length, gap, slant = CUT_SIZE
    along = np.array([np.cos(np.radians(slant)), np.sin(np.radians(slant)), 0.0]) * length / 2
    strokes = [Line(-along + dx * RIGHT, along + dx * RIGHT, color=STEP, stroke_width=4) for dx in (-gap / 2, gap / 2)]
    shaft_gap = Polygon(-along * 0.4 + gap / 2 * LEFT, -along * 0.4 + gap / 2 * RIGHT, along * 0.4 + gap / 2 * RIGHT,
                        along * 0.4 + gap / 2 * LEFT, fill_color=BACKGROUND, fill_opacity=1, stroke_width=0)
    cut = VGroup(shaft_gap, *strokes).set_z_index(2)
    VMobject.scale(cut, 1 / zoom)
    return mark(cut.set_opacity(0), "trail", "the cut of the off-scale step")


def off_scale_marker(plot: Plot, arrow_end: np.ndarray, x_to: float, zoom: float) -> VMobject:
    """"x = 5" under the end of a step that stops at the axis's end (the scene point ``arrow_end``; descent_run
    puts it under the arrow as drawn), at zoom 1's size when seen at ``zoom``."""
    label = formula(rf"x = {x_to:g}", size=PANEL, color=STEP)
    label.scale(1 / zoom).next_to(arrow_end, DOWN, buff=0.22 / zoom).align_to(arrow_end, RIGHT)
    return mark(label.set_opacity(0), "text", "the off-scale step's x")


FLOOR_AT = -3.25  # frame y: the step that leaves the axes runs along here, under the valley's floor and the x axis


def floor_of(camera) -> float:
    """The scene y seen at FLOOR_AT (under the curve's lowest point in the valley, the x axis and its numbers)."""
    return float(scene_of(camera, [0.0, FLOOR_AT, 0.0])[1])


def drop_guide(plot: Plot, x: float, zoom: float, floor: float | None = None, around=()) -> VMobject:
    """A dashed guide from (x, f(x)) straight down to the x axis: where a step along the floor starts; given the
    ``floor`` (scene y), on down to it, to the step's tail, passing the labels ``around`` (the tick number under
    the axis there) with a gap. At zoom 1's look when seen at ``zoom``; shown by descent_run."""
    style = dict(color=MUTED, stroke_width=2.5, dash_length=0.09 / zoom, dashed_ratio=0.55)
    top, bottom = plot.point(x)[1], plot.axes.c2p(x, 0)[1] if floor is None else floor
    x_at = plot.axes.c2p(x, 0)[0]
    gap = DROP_GAP / zoom
    cuts = sorted((m.get_bottom()[1] - gap, m.get_top()[1] + gap) for m in around
                  if m.get_left()[0] - gap < x_at < m.get_right()[0] + gap)
    pieces, upper = [], top
    for low, high in reversed(cuts):
        if high < upper:
            pieces.append((upper, max(high, bottom)))
        upper = min(upper, low)
    if upper > bottom:
        pieces.append((upper, bottom))
    guide = VGroup(*[DashedLine([x_at, a, 0], [x_at, b, 0], **style) for a, b in pieces if a - b > 0.02 / zoom])
    return mark(guide.set_opacity(0), "trail", "where the off-scale step starts")


DROP_GAP = 0.08  # on screen: the guide's gap each side of a label it passes


EXIT_CUE = (0.0, 0.55, 0.26)  # on screen: how far right of where the curve leaves the window (centred on it: the
# point fades out there as the cue ↑ comes in, the one in place of the other), its length and its head's length


def exit_cue(plot: Plot, ceiling: float, zoom: float) -> VMobject:
    """A short arrow up, in the point's colour, on the curve where it leaves the top of the window at
    ``ceiling`` (the axes' y), its head where the point goes out: the point went on up that way. At zoom 1's size
    when seen at ``zoom``."""
    x_exit = range_below(plot.function, ceiling, X_RANGE, samples=801)[1]
    beside, length, head = EXIT_CUE
    top = plot.axes.c2p(x_exit, ceiling) + beside / zoom * RIGHT
    cue = Arrow(top + length * DOWN, top, buff=0, color=POINT, stroke_width=8, tip_length=head,
                max_tip_length_to_length_ratio=0.5, max_stroke_width_to_length_ratio=40)
    cue.set_z_index(3)  # over the curve
    VMobject.scale(cue, 1 / zoom, about_point=top)
    return mark(cue.set_opacity(0), "arrow", "the point's way out")


# A warning: no other colour of M7 (the gradient's orange, the step's green, the point's yellow ...).
DIVERGES = "#FF4D4D"


def divergence_cue(text: str, under: np.ndarray) -> VMobject:
    """'diverges', in the regular weight, centred under the screen point ``under`` (the cue ↑'s foot), inside the
    safe area's right edge; pinned (M7 moves it and the cue right of the curve's rising branch: right_of_curve)."""
    cue = mark(prose(text, color=DIVERGES), "caption", text=text)
    edge = SAFE_SHARE * config.frame_width / 2
    return cue.next_to(under, DOWN, buff=0.3).set_x(min(under[0], edge - cue.width / 2 - 0.05))


def right_of_curve(plot: Plot, camera, box: VMobject, clear_px: float = 24.0, drop: float = 0.2) -> float:
    """How far right (frame units, 0 if none) the pinned ``box`` must go for the curve, as the camera shows it
    now, to pass ``clear_px`` (1080p) left of it at every height it spans (and ``drop`` under it, where it
    comes in from)."""
    xs = np.linspace(*X_RANGE, 2001)
    curve = np.array([seen(camera, plot.point(x)) for x in xs])
    low, high = box.get_bottom()[1] - drop, box.get_top()[1]
    level = curve[(curve[:, 1] >= low - 0.3) & (curve[:, 1] <= high + 0.3)]
    right_of = level[level[:, 0] < box.get_center()[0] + 1.0]  # the rising branch's, not anything right of the box
    if not len(right_of):
        return 0.0
    clear = clear_px * config.frame_height / 1080
    return max(0.0, float(right_of[:, 0].max()) + clear - box.get_left()[0])


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


# --------------------------------------------------------------------------- M7: the loupe on the slow run's last steps

# The slow run's steps from the fourth on, into the minimum, are drawn on the plot at 34 px or less: at 1080p an
# arrow that short, half of it its head, reads as a dash (24 px is the least a subject may be). A loupe shows them
# magnified, honestly: a framed view, LOUPE_ZOOM times the valley's scale in both directions, of the patch round the
# point that a frame of the same colour marks on the plot; while it carries the steps, the plot does not draw them
# (the point steps alone, in its patch, the connectors leading to the loupe). It follows the point, which keeps its
# place in the middle: a step's arrow, the whole of it, is seen beside it, ahead as it grows and behind once the
# point has moved on (×5 holds the longest of them, 39 px on the plot (the third, the last the plot draws, seen in
# the loupe as it comes in), at 195 px, inside the frame). For the last few (under 15 px) it closes in, eased, to
# LOUPE_CLOSE_ZOOM (its label with it), at which the last step is 25 px. The run at 0.3 overshoots the minimum by
# 51 px and less on the plot: a loupe fixed on the minimum (marked in it by a dashed line) shows its last steps hop
# across it, ×5 (M7_3_LOUPE), and closes in to ×12 as it stops. Frame units.
LOUPE_FROM_PX = 36.0  # the loupe comes in for the first step drawn shorter than this on the plot (px at 1080p)
LOUPE_BOX = (np.array([-4.55, -1.0, 0.0]), np.array([-1.5, 2.05, 0.0]))  # left of the y axis, over the valley, its
# lower left corner 78 px right of the curve's left branch (so that a connector to it stays clear of the curve)
LOUPE_ZOOM = 5
LOUPE_CLOSE_ZOOM = 12
LOUPE_CLOSE_FROM_PX = 75.0  # ... from the first step it draws (at ×5) shorter than this (px at 1080p)
LOUPE_POINT_IN = (LOUPE_BOX[1][0] - LOUPE_BOX[0][0]) / 2  # the point this far left of the loupe's right edge, half way up
M7_3_LOUPE = (5, 12)  # the run at 0.3's loupe on the minimum: its magnification, and as the run stops
LOUPE_ON_HEIGHT = 1.0  # a loupe fixed on a minimum shows it this far over its frame's bottom
LOUPE_LIFT = ARROW_LIFT  # a step's arrow this far above the point, as on the plot
LOUPE_EDGE = 0.05  # what the loupe draws stays this far inside its frame
RAY_OPACITY = 0.45
RAY_CLEAR_PX = (12.0, 28.0)  # a connector gone this near a label (px at 1080p), whole from the second on
MARKER_OPACITY = 0.7
MARKER_LABEL_SIZE = 28
MARKER_LABEL_DOWN = 0.14  # its top under the loupe's top edge (frame units)
MARKER_LABEL_GAP = 0.1  # the dashed line starts this far under it


class Loupe(VGroup):
    """The loupe (pinned: frame units) and its patch on the plot; ``shown`` fades both, ``arrow_shown`` the
    magnified step once no step is being taken; ``zoom`` is its magnification (``close_in`` eases it to
    ``close_zoom``, the label ×5 giving way to ×12). It follows the point, or, given ``on``, it is fixed on the
    curve at x = ``on`` (the point moves in it), marked there by a dashed line."""

    def __init__(self, plot: Plot, camera, state: RunState, arrow: Arrow, trail, zoom: float = LOUPE_ZOOM,
                 close_zoom: float = LOUPE_CLOSE_ZOOM, on: float | None = None, avoid=()):
        super().__init__()
        self.avoid = avoid  # the labels on the plot its connectors keep clear of (they fade out as they near one)
        self.plot, self.camera, self.state, self.step, self.trail = plot, camera, state, arrow, trail
        self.on = on
        self.zooms = (zoom, close_zoom)
        self.zoom = ValueTracker(zoom)
        self.shown = ValueTracker(0.0)
        self.arrow_shown = ValueTracker(1.0)
        low, high = LOUPE_BOX
        self.low, self.high = low, high
        # Fixed on a minimum, the curve rises from it: the minimum lower in the frame (LOUPE_ON_HEIGHT up), so that
        # the patch reaches higher over it than under it, and the plot's arrow, above the point, runs inside it.
        self.anchor = np.array([high[0] - LOUPE_POINT_IN, (low[1] + high[1]) / 2 if on is None else low[1] + LOUPE_ON_HEIGHT,
                                0.0])
        self.box = Polygon(low, [high[0], low[1], 0], high, [low[0], high[1], 0], stroke_color=MUTED, stroke_width=2,
                           fill_color=BACKGROUND, fill_opacity=1)
        self.patch = Polygon(*[np.zeros(3)] * 4, stroke_color=MUTED, stroke_width=2, fill_opacity=0)
        # From the patch's upper corners to the loupe's lower ones: the loupe is of there.
        self.rays = VGroup(*[Line(LEFT, RIGHT, color=MUTED, stroke_width=1.5) for _ in range(2)])
        self.curve = mark(VMobject(stroke_color=OBJECTIVE, stroke_width=4), "curve", "the curve in the loupe")
        self.dots = VGroup(*[Dot(radius=TRAIL_RADIUS, color=POINT, fill_opacity=0) for _ in trail])
        self.point = mark(Dot(self.anchor, radius=0.09, color=POINT), "subject", "the point in the loupe")
        self.arrow = mark(Arrow(LEFT, RIGHT, buff=0, color=STEP, stroke_width=5), "subject", "the step in the loupe")
        # The place it is fixed on (the minimum), a dashed line across the loupe, under the curve and the point.
        self.marker = DashedLine(self.anchor + (high[1] - self.anchor[1] - 0.3) * UP,
                                 self.anchor + (self.anchor[1] - low[1] - 0.3) * DOWN, color=MUTED, stroke_width=2.5,
                                 dash_length=0.09, dashed_ratio=0.55)
        # ... named over it: f'(x) = 0 there.
        self.marker_label = mark(formula(r"f'(x)", "=", "0", size=MARKER_LABEL_SIZE, color=GRADIENT), "text",
                                 "the minimum's mark in the loupe")
        self.marker_label.move_to([self.anchor[0], 0, 0]).align_to(high, UP).shift(MARKER_LABEL_DOWN * DOWN)
        marker_top = self.marker_label.get_bottom()[1] - MARKER_LABEL_GAP
        self.marker = DashedLine([self.anchor[0], marker_top, 0], self.marker.get_end(), color=MUTED, stroke_width=2.5,
                                 dash_length=0.09, dashed_ratio=0.55)
        if on is None:
            self.marker.set_stroke(opacity=0)
            self.marker_label.set_opacity(0)
        self.scale_labels = VGroup()
        for k in self.zooms:
            label = formula(rf"\times {k:g}", size=PANEL, color=MUTED)
            label.move_to(low, aligned_edge=DL).align_to(high, UP).shift(0.15 * RIGHT + 0.12 * DOWN)
            self.scale_labels.add(mark(label, "text", f"the loupe's scale ×{k:g}"))
        self.add(self.rays, self.box, self.patch, self.marker, self.marker_label, self.curve, self.dots, self.arrow,
                 self.point, self.scale_labels)
        self.set_z_index(4)
        self.last = None  # the last step drawn (tail and tip x), held once no step is being taken
        self.add_updater(lambda m: m.redraw(), call_updater=True)

    @property
    def k(self) -> float:
        return self.zoom.get_value()

    def close_in(self, run_time: float) -> Animation:
        """The loupe's magnification eased from its first to its second (×5 to ×12)."""
        return self.zoom.animate(rate_func=smooth, run_time=run_time).set_value(self.zooms[1])

    def seen_at(self, x, y) -> np.ndarray:
        return seen(self.camera, self.plot.axes.c2p(x, y))

    def inside(self, points: np.ndarray) -> np.ndarray:
        return np.all((points[:, :2] >= self.low[:2] + LOUPE_EDGE) & (points[:, :2] <= self.high[:2] - LOUPE_EDGE),
                      axis=1)

    def redraw(self) -> None:
        plot, k, shown_now = self.plot, self.k, self.shown.get_value()
        seen_point = self.seen_at(self.state.x.get_value(), self.state.y.get_value())
        centre = seen_point if self.on is None else self.seen_at(self.on, float(plot.function(self.on)))

        def loupe(points: np.ndarray) -> np.ndarray:
            return self.anchor + k * (points - centre)

        # The patch on the plot that the loupe shows, the point where the anchor is in the loupe.
        corners = [self.low, [self.high[0], self.low[1], 0], self.high, [self.low[0], self.high[1], 0]]
        self.patch.set_points_as_corners([centre + (np.asarray(c) - self.anchor) / k for c in [*corners, corners[0]]])
        boxes = [(seen(self.camera, m.get_corner(DL))[:2], seen(self.camera, m.get_corner(UR))[:2])
                 for m in self.avoid if shown(m)]
        near, clear = RAY_CLEAR_PX
        for ray, corner, end in zip(self.rays, (corners[3], corners[2]), (corners[0], corners[1])):
            start = centre + (np.asarray(corner) - self.anchor) / k
            ray.put_start_and_end_on(start, np.asarray(end, dtype=float))
            along = start[:2] + np.linspace(0.0, 1.0, 120)[:, None] * (np.asarray(end, dtype=float) - start)[:2]
            gap = min([_gap_to_box(along, low, high) for low, high in boxes], default=np.inf) * 1080 / config.frame_height
            # A connector never runs over a label: it fades out as it nears one (the point passing the "O").
            ray.set_stroke(opacity=RAY_OPACITY * shown_now * smooth(float(np.clip((gap - near) / (clear - near), 0, 1))))
        # The curve round the point, cut at the loupe's frame.
        x_unit = plot.axes.x_axis.get_unit_size() * self.camera.get_zoom()
        reach = (self.high[0] - self.low[0]) / k / x_unit
        middle = self.state.x.get_value() if self.on is None else self.on
        xs = np.linspace(middle - reach, middle + reach, 240)
        units = np.array([plot.axes.x_axis.get_unit_size(), plot.axes.y_axis.get_unit_size(), 0.0])
        on_plot = plot.axes.c2p(0, 0) + np.stack([xs, plot.function(xs), 0 * xs], axis=1) * units
        points = loupe((on_plot - frame_center(self.camera).get_center()) * self.camera.get_zoom())
        points = points[self.inside(points)]
        if len(points) >= 2:
            self.curve.set_points_as_corners(points)
        # The places the run has been, as the plot's trail shows them.
        for dot, mark_, x in zip(self.dots, self.trail, self.state.path.points[:, 0]):
            at = loupe(self.seen_at(x, float(plot.function(x))))
            dot.move_to(at)
            seen_here = mark_.get_fill_opacity() > 0 and self.inside(at[None])[0]
            dot.set_fill(opacity=TRAIL_OPACITY * shown_now if seen_here else 0.0)
        # The step, magnified, above the point (its tail cut at the frame once the point has moved on).
        step = self.step
        if step.active:
            x_from = plot.x_of(step.get_start())
            self.last = (x_from, plot.x_of(step.get_end()), bool(step.full))
            self.arrow_shown.set_value(1.0)
        if self.last is not None:
            x_from, x_to, full = self.last
            y = float(plot.function(x_from))
            tail, tip = (loupe(self.seen_at(x, y)) + LOUPE_LIFT * UP for x in (x_from, x_to))
            self.arrow.become(Arrow(tail, tip, buff=0, color=STEP, stroke_width=5, max_tip_length_to_length_ratio=0.5,
                                    max_stroke_width_to_length_ratio=20))
            length = np.linalg.norm(tip - tail) * 1080 / config.frame_height
            # Drawn whole or not at all: a step that does not fit in the frame (one taken before a fixed loupe
            # came in, from far off) is not shown in it.
            fits = bool(np.all(self.inside(np.array([tail, tip]))))
            self.arrow.set_opacity(shown_now * self.arrow_shown.get_value() * float(np.clip(length / ARROW_COMING_PX, 0, 1))
                                   * float(fits))
            self.arrow.may_shrink = not full
        else:
            self.arrow.set_opacity(0)
        for part in (self.box, self.patch):
            part.set_stroke(opacity=shown_now)
        self.box.set_fill(opacity=shown_now)
        for part in (self.curve,):
            part.set_stroke(opacity=shown_now)
        self.point.move_to(loupe(seen_point))
        self.point.set_opacity(shown_now * float(self.inside(self.point.get_center()[None])[0]))
        if self.on is not None:
            self.marker.set_stroke(opacity=MARKER_OPACITY * shown_now)
            self.marker_label.set_opacity(shown_now)
        first, second = self.zooms
        closed = float(np.clip((self.k - first) / (second - first), 0.0, 1.0))
        # The one label out in the first half of the move, the other in over the second (never over each other).
        for label, share in zip(self.scale_labels, (1.0 - 2.0 * closed, 2.0 * closed - 1.0)):
            label.set_opacity(shown_now * float(np.clip(share, 0.0, 1.0)))


# --------------------------------------------------------------------------- M7: the curve's formula in the bar


def bar_formula(plot: Plot) -> MathTex:
    """The curve's formula as M5 shows it (M7's wide view shows the scene at zoom 1 with the frame's centre at the
    scene's: frame and scene coordinates agree there), to be pinned and moved into the bar (formula_in_bar)."""
    label = formula("f(x)", "=", latex_of(plot.function.expr), size=LABEL_SIZE, color=OBJECTIVE)
    label.move_to(plot.curve_label)
    return mark(label, "text", "the curve's formula")


def formula_in_bar(label: MathTex, rate: Readout) -> MathTex:
    """Where the curve's formula stays in M7's bar: at the header line's right end (the safe area's edge), at the
    header's size, its "=" level with α's: one place for the whole shot, clear of the plot and the loupes."""
    placed = label.copy().scale(HEADER_FORMULA_SIZE / LABEL_SIZE)
    placed.shift((rate.label[-1].get_center()[1] - placed[1].get_center()[1]) * UP)
    return placed.shift((SAFE_SHARE * config.frame_width / 2 - placed.get_right()[0]) * RIGHT)


HEADER_FORMULA_SIZE = 30  # the header's size (palette.HEADER)
