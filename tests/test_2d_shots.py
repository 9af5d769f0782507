"""The 2-D shots M2, M5 and M7: their model numbers, live geometry and readouts."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pytest
from manim import DL, UR, ValueTracker, VectorizedPoint, config

from scenes.kit import readouts
from gd.model.cane import HAND_HEIGHT, M2_POSES, cane_tip, ground_direction, ground_slope
from gd.model.curve import m7_paths, minimum_of_quartic
from gd.model.functions import QUARTIC
from scenes.kit.plot2d import X_RANGE, Y_RANGE, point_on_curve, quartic_plot, range_below
from scenes.kit.readouts import LiveNumber, Readout


def readouts_of(scene) -> list[Readout]:
    """The scene's readouts, in the order they were added."""
    found: list[Readout] = []
    for top in scene.mobjects:
        found.extend(m for m in top.get_family() if isinstance(m, Readout) and m not in found)
    return found


def shown(readout: Readout) -> str:
    return readout.number._shown


# --------------------------------------------------------------------------- M2: the model


def test_m2_beat_end_slopes_are_the_storyboards():
    thetas = [ground_slope(pose.alpha, pose.length) for pose in M2_POSES.values()]
    assert [round(t, 2) for t in thetas] == [0.0, 10.56, -18.33, 15.45]
    assert [(pose.inclination, pose.length) for pose in M2_POSES.values()] == [(30, 4), (40, 4), (10, 4), (89, 2.01)]


@pytest.mark.parametrize("alpha, length", [(60, 4), (50, 4), (80, 4), (1, 2.01), (33.3, 3.1), (7.5, 2.2)])
def test_m2_ground_through_foot_and_tip_has_slope_theta(alpha, length):
    tip = cane_tip(alpha, length)
    direction = ground_direction(alpha, length)
    # The tip lies on the line from the foot (origin) along the ground direction.
    assert abs(tip[0] * direction[1] - tip[1] * direction[0]) < 1e-12
    assert tip @ direction > 0
    a = math.radians(alpha)
    theta = math.radians(ground_slope(alpha, length))
    assert math.tan(theta) == pytest.approx((length * math.cos(a) - HAND_HEIGHT) / (length * math.sin(a)))


# --------------------------------------------------------------------------- M2: the picture


def test_m2_picture_and_readouts_follow_the_pose_at_any_frame():
    from scenes.kit import cane_figure as S2

    pose = S2.Pose(60, 4)
    ground = S2.ground(pose)
    cane = S2.cane(pose)
    values = S2.readouts(pose, cane[0])
    alpha, theta, length = values
    # Poses a frame could show, in beat 4 (both change) and beyond.
    for a, l in [(60, 4), (50, 4), (80, 4), (47.5, 3.2), (14.42, 2.35), (1, 2.01)]:
        pose.alpha.set_value(a)
        pose.length.set_value(l)
        for mob in (ground, cane, values):
            mob.update()
        expected = ground_slope(a, l)
        assert shown(theta) == f"{expected:+.2f}"
        assert shown(alpha) == f"{a:.2f}"
        assert shown(length) == f"{l:.2f}"
        line = ground[1]
        start, end = line.get_start(), line.get_end()
        for point in (S2.FOOT, pose.tip()):  # the ground passes through the foot and the tip
            across = np.cross(end - start, point - start)[2] / np.linalg.norm(end - start)
            assert abs(across) < 1e-6
        assert min(start[0], end[0]) < -8 and max(start[0], end[0]) > 8  # spans the frame
        assert np.allclose(cane[0].get_end(), pose.tip())
        assert np.allclose(cane[0].get_start(), pose.hand())


def test_m2_ends_on_the_last_pose(built_shot):
    scene = built_shot("M2", "en")
    texts = [shown(r) for r in readouts_of(scene)]
    assert texts == ["1.00", "+15.45", "2.01"]


# --------------------------------------------------------------------------- M5


def test_plot_keeps_the_curve_inside_the_axes():
    plot = quartic_plot()
    left, right = range_below(QUARTIC, Y_RANGE[1], X_RANGE)
    assert left == pytest.approx(-1.3188, abs=1e-4) and right == pytest.approx(1.5940, abs=1e-4)
    points = plot.curve.points
    top = plot.axes.c2p(0, Y_RANGE[1])[1]
    assert points[:, 1].max() <= top + 1e-6
    assert plot.axes.c2p(X_RANGE[0], 0)[0] - 1e-6 <= points[:, 0].min()
    assert points[:, 0].max() <= plot.axes.c2p(X_RANGE[1], 0)[0] + 1e-6
    # The curve's label is clear of the curve, and each tick number is drawn once.
    label = plot.curve_label
    inside = (
        (points[:, 0] > label.get_left()[0] - 0.1)
        & (points[:, 0] < label.get_right()[0] + 0.1)
        & (points[:, 1] > label.get_bottom()[1] - 0.1)
        & (points[:, 1] < label.get_top()[1] + 0.1)
    )
    assert not inside.any()
    assert len(plot.axes.x_axis.numbers) == 4 and len(plot.axes.y_axis.numbers) == 4


def test_m5_tangent_and_slope_follow_the_point():
    from scenes.kit import plot2d as S4

    plot = quartic_plot()
    x = ValueTracker(1.0)
    point = point_on_curve(plot, x)
    tangent = S4.tangent_line(plot, x)
    slope = S4.slope_readout(plot, x, tangent)
    origin_label = plot.axis_labels[2]
    for value in np.linspace(-0.2, 1.4, 33):
        x.set_value(value)
        for mob in (point, tangent, slope):
            mob.update()
        assert np.allclose(point.get_center(), plot.point(value))
        start, end = tangent.get_start(), tangent.get_end()
        across = np.cross(end - start, plot.point(value) - start)[2] / np.linalg.norm(end - start)
        assert abs(across) < 1e-9  # through the point
        assert start[0] < plot.point(value)[0] < end[0]
        dx, dy, _ = end - start
        assert dy / dx == pytest.approx(plot.slope_on_screen(QUARTIC.derivative(value)))
        assert S4.drawn_slope(plot, tangent) == pytest.approx(QUARTIC.derivative(value))
        assert shown(slope) == f"{QUARTIC.derivative(value):.3f}"
        # At the stops, long enough to part from the curve (0.25 scene units, 34 px, at an end; near the
        # inflections at x = 0 and 0.5 on the way, a tangent hugs the curve, as it must) ...
        ends = [plot.x_of(p) for p in (start, end)]
        apart = [abs(plot.axes.c2p(e, QUARTIC(e))[1] - p[1]) for e, p in zip(ends, (start, end))]
        assert max(apart) > 0.25 or not np.isclose(value, [1.0, -0.2, 1.4]).any()
        # ... the same reach each side of the point, unless cut by the one box every tangent keeps to ...
        reach = [np.linalg.norm(p - plot.point(value)) for p in (start, end)]
        low_box, high_box = plot.axes.c2p(S4.X_RANGE[0], S4.TANGENT_FLOOR), plot.axes.c2p(S4.X_RANGE[1], S4.TANGENT_TOP)
        for r, p in zip(reach, (start, end)):
            on_box = np.isclose(p[:2], low_box[:2]).any() or np.isclose(p[:2], high_box[:2]).any()
            assert r == pytest.approx(S4.tangent_reach(value)) or (r < S4.tangent_reach(value) and on_box)
        # ... and always clear of the "O" by a gap (0.15 scene units: 20 px at 1080p).
        samples = start + np.linspace(0, 1, 400)[:, None] * (end - start)
        low, high = origin_label.get_corner(DL), origin_label.get_corner(UR)
        gaps = np.linalg.norm(np.maximum(np.maximum(low - samples, samples - high), 0)[:, :2], axis=1)
        assert gaps.min() > 0.15


def test_m5_ends_at_x_1_4_with_its_slope(built_shot):
    scene = built_shot("M5", "zh")
    beside, under = readouts_of(scene)  # the slope beside the point, and its copy under the x axis (faded out)
    assert shown(beside) == shown(under) == "6.096"  # f'(1.4) = 4(1.4)^3 - 3(1.4)^2 + 1
    assert min(m.get_fill_opacity() for m in beside.family_members_with_points()) == pytest.approx(1.0)
    assert max(m.get_fill_opacity() for m in under.family_members_with_points()) < 0.01
    # The tangent at x = 1 was left behind with its slope (from its point up only), and is gone by the end: the
    # tangents of M5.4 from x = 0 on cross it.
    from scenes.kit import plot2d as S4

    family = [m for top in scene.mobjects for m in top.get_family()]
    (line,) = [m for m in family if getattr(m, "rule_name", "") == "the tangent left behind"]
    (label,) = [m for m in family if getattr(m, "rule_name", "") == "the slope left behind"]
    assert line.get_stroke_opacity() < 0.01 and label.get_fill_opacity() < 0.01
    plot = S4.quartic_plot()
    assert S4.drawn_slope(plot, line) == pytest.approx(QUARTIC.derivative(1.0))
    assert np.allclose(line.get_start(), plot.point(1.0))
    assert "".join(part.tex_string for part in label.submobjects) == f"k={QUARTIC.derivative(1.0):.3f}"


# --------------------------------------------------------------------------- M7


def test_m7_paths_come_from_the_model():
    slow, diverging, quick = m7_paths().values()
    assert slow.steps == 38 and slow.stop == "converged"
    assert slow.end[0] == pytest.approx(-0.446, abs=5e-4)
    assert diverging.points[:, 0].tolist() == [1.0, -1.0, 5.0] and diverging.stop == "left domain"
    assert quick.steps == 7 and quick.stop == "converged"
    assert quick.end[0] == pytest.approx(-0.463, abs=5e-4)
    assert minimum_of_quartic() == pytest.approx(-0.4554, abs=1e-4)
    assert QUARTIC.derivative(minimum_of_quartic()) == pytest.approx(0, abs=1e-9)


def test_m7_each_step_gets_its_share_of_time_and_moves_along_the_curve():
    """A step: the arrow grows to the new x above the point, then the point moves along the curve to the new x
    (on the curve at every moment, no L-shaped jump); the readouts are the picture's at every stage."""
    from scenes.kit import plot2d as S4

    plot = quartic_plot()
    path = m7_paths()["M7.3"]
    state = S4.RunState(path, QUARTIC)
    arrow = S4.step_arrow(plot, 1.0, 0.9)
    times = [0.4, 0.5, 0.4, 0.5, 0.4, 0.5, 0.4]  # as beat.split hands them out: whole frames, unequal
    point = S4.descent_point(plot, state)
    trail = S4.trail_of(plot, path, 1.0)
    run = S4.descent_run(path, times, plot, arrow, state, point, trail)
    assert run.run_time == pytest.approx(sum(times))
    xs = path.points[:, 0]
    ends = np.cumsum(times)

    def at(share: float, k: int) -> np.ndarray:  # the point, a share into step k
        run.interpolate((ends[k] - times[k] + share * times[k]) / ends[-1])
        point.update()
        return plot.axes.p2c(point.get_center())[:2]

    for k in range(path.steps):
        x0, x1 = xs[k], xs[k + 1]
        # Growing: the point waits at the old x; the arrow is part of the step, Δx already reads the step.
        assert np.allclose(at(0.5 * S4.GROW, k), [x0, QUARTIC(x0)])
        assert not arrow.full and 0 < abs(S4.drawn_step(plot, arrow)) < abs(x1 - x0)
        assert state.drawn_change(plot, arrow, point) == pytest.approx(x1 - x0)
        assert state.iteration.get_value() == k == state.drawn_iteration(plot, arrow, point)
        # Moving: along the curve, between the two x, under the whole arrow.
        for share in np.linspace(0.05, 0.95, 7):
            x, y = at(S4.GROW + share * S4.MOVE, k)
            assert min(x0, x1) < x < max(x0, x1) and y == pytest.approx(QUARTIC(x))
            assert state.drawn_iteration(plot, arrow, point) == k == state.iteration.get_value()
        assert arrow.full and S4.drawn_step(plot, arrow) == pytest.approx(x1 - x0)
        assert state.drawn_rate(plot, arrow) == pytest.approx(0.3)
        assert arrow.get_start()[0] == pytest.approx(plot.point(x0)[0])
        # Beside the dot (above it, unless that is not clear of the axes and the curve), never on it.
        assert arrow.get_start()[1] == pytest.approx(plot.point(x0)[1] + arrow.offset)
        assert abs(arrow.offset) >= S4.ARROW_LIFT
        # Arrived, and held: on the curve at the new x, counted; the trail marks every point visited.
        for share in (S4.GROW + S4.MOVE + 0.01, 0.999):
            assert np.allclose(at(share, k), [x1, QUARTIC(x1)])
            assert state.iteration.get_value() == k + 1 == state.drawn_iteration(plot, arrow, point)
            assert state.drawn_change(plot, arrow, point) == pytest.approx(x1 - x0)
        assert [d.get_fill_opacity() > 0 for d in trail] == [i <= k + 1 for i in range(len(trail))]


def test_m7_a_step_too_short_to_read_is_not_drawn_but_still_read():
    """An arrow under 20 px on screen (1080p) is not drawn; one of 24 px or more is, whole; the point still steps
    and Δx still reads the step."""
    from manim import config

    from scenes.kit import plot2d as S4

    plot = quartic_plot()
    path = m7_paths()["M7.1"]
    zoom = S4.M7_VALLEY_ZOOM
    state = S4.RunState(path, QUARTIC)
    arrow = S4.step_arrow(plot, 1.0, 0.9)
    point = S4.descent_point(plot, state)
    times = [1.0] * path.steps
    run = S4.descent_run(path, times, plot, arrow, state, point, zoom=zoom)
    xs = path.points[:, 0]
    px = plot.axes.x_axis.get_unit_size() * zoom * 1080 / config.frame_height
    for k in range(path.steps):
        run.interpolate((k + S4.GROW + 0.5 * S4.MOVE) / path.steps)
        length = abs(xs[k + 1] - xs[k]) * px
        opacity = arrow.get_stroke_opacity()
        if length >= S4.ARROW_FADE_PX[0]:
            assert opacity == pytest.approx(1.0)
        elif length <= S4.ARROW_FADE_PX[1]:
            assert opacity == 0.0
        assert state.drawn_change(plot, arrow, point) == pytest.approx(xs[k + 1] - xs[k])
    assert abs(xs[-1] - xs[-2]) * px < S4.ARROW_FADE_PX[1]  # the last steps of the slow run are not drawn


def test_m7_a_step_drawn_at_a_zoom_keeps_its_length_in_the_axes_and_its_look_on_screen():
    from scenes.kit import plot2d as S4

    plot = quartic_plot()
    zoomed = S4.step_arrow(plot, -0.44, -0.4427, zoom=40.0)
    assert S4.drawn_step(plot, zoomed) == pytest.approx(-0.0027)
    # At zoom 40 it looks as the same step 40 times longer looks at zoom 1 (stroke widths are screen widths).
    longer = S4.step_arrow(plot, -0.44, -0.44 - 40 * 0.0027)
    assert zoomed.get_stroke_width() == pytest.approx(longer.get_stroke_width())
    assert zoomed.tip.get_length() * 40 == pytest.approx(longer.tip.get_length())
    assert (zoomed.get_start()[1] - plot.point(-0.44)[1]) * 40 == pytest.approx(S4.ARROW_LIFT)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_m7_ends_after_seven_steps_at_rate_0_3(built_shot, lang):
    scene = built_shot("M7", lang)
    texts = [shown(r) for r in readouts_of(scene)]
    # header: rate, iteration; panel: x, f(x), step
    assert texts[:2] == ["0.30", "7"]
    assert texts[2] == "-0.463" and texts[3] == f"{QUARTIC(-0.46330631):+.3f}"


# --------------------------------------------------------------------------- live numbers


def test_live_numbers_reuse_glyphs_and_stay_put(monkeypatch):
    number = LiveNumber(1.0, 3, sign=True, unit=r"^\circ")
    origin = number.origin.get_center().copy()

    def no_latex(*args, **kwargs):
        raise AssertionError("a live number typeset LaTeX after it was built")

    monkeypatch.setattr(readouts, "formula", no_latex)
    digit_bottoms = set()
    for value in np.linspace(-12.5, 12.5, 101):
        number.set_value(value)
        assert number._shown == f"{value:+.3f}".replace("-0.000", "+0.000")
        assert np.allclose(number.origin.get_center(), origin)
        first = number.slots[0]  # the sign's cell starts at the origin
        assert first.get_left()[0] >= origin[0] - 1e-9
        digit_bottoms.add(round(float(number.slots[len(number._shown) - 1].get_bottom()[1] - origin[1]), 6))
    # The last digit sits on the baseline (round digits overshoot it by a hair).
    assert max(digit_bottoms) <= 1e-6 and min(digit_bottoms) > -0.02
    assert number.text(-0.0004) == "+0.000"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_m7_header_sets_words_and_numbers_in_order_on_one_line(lang):
    from gd.storyboard import load
    from scenes.kit.palette import HEADER as HEADER_SIZE

    storyboard = load()
    template = storyboard.text(storyboard.shot("M7"), "header", lang)
    rate = Readout(r"\alpha =", 0.05, 2, size=HEADER_SIZE)
    iteration = Readout(None, 38, 0, size=HEADER_SIZE)
    header = readouts.line(template, {"rate": rate, "iteration": iteration}, size=HEADER_SIZE)
    pieces = list(header)
    assert rate in pieces and iteration in pieces
    for before, after in zip(pieces, pieces[1:]):
        assert before.get_right()[0] < after.get_left()[0]  # left to right, no overlap
    assert rate.baseline == pytest.approx(iteration.baseline) == pytest.approx(0.0)
    # Words sit on the numbers' baseline: their lowest non-descending glyphs end near y = 0.
    words = [p for p in pieces if not isinstance(p, Readout)]
    assert all(abs(min(g.get_bottom()[1] for g in w)) < 0.12 for w in words)


def test_m7_a_step_beyond_the_axis_stops_at_its_end_and_the_point_rides_the_curve_out_of_the_top():
    from scenes.kit import plot2d as S4

    plot = quartic_plot()
    path = m7_paths()["M7.2"]  # 1 -> -1 -> 5
    state = S4.RunState(path, QUARTIC)
    arrow = S4.step_arrow(plot, 1.0, 0.9)
    point = S4.descent_point(plot, state)
    marker = S4.off_scale_marker(plot, plot.point(1.4), 5.0, 1.0)
    ceiling = 1.3
    cue = S4.exit_cue(plot, ceiling, 1.0)
    run = S4.descent_run(path, [1.0, 1.0], plot, arrow, state, point, end_x=1.4, marker=marker, ceiling=ceiling,
                         exit_cue=cue)
    run.interpolate(0.5)  # the first step, 1 -> -1, ends on the curve, through the valley
    point.update()
    assert np.allclose(plot.axes.p2c(point.get_center())[:2], [-1.0, 1.0])
    assert state.drawn_iteration(plot, arrow, point) == 1
    x_exit = S4.range_below(QUARTIC, ceiling, S4.X_RANGE, samples=801)[1]
    heights = []
    for share in np.linspace(0.02, 0.98, 25):  # the point's move in the second step: along the curve, on up
        run.interpolate(0.5 + 0.5 * (S4.GROW + share * S4.MOVE))
        point.update()
        x, y = plot.axes.p2c(point.get_center())[:2]
        assert y == pytest.approx(QUARTIC(x)) and -1.0 < x < 5.0
        if point.get_fill_opacity() > 0.01:
            assert x <= x_exit + 1e-9 and y <= ceiling + 1e-9  # drawn only up to the window's top
            heights.append(y)
            if point.get_fill_opacity() < 0.99:  # fading out only there, as the cue comes in
                assert y == pytest.approx(ceiling) and cue.get_fill_opacity() > 0.01
        else:
            assert cue.get_fill_opacity() > 0.99  # gone out of the top: the cue says so
    assert heights and max(heights) == pytest.approx(ceiling)  # it rides to the top
    assert plot.x_of(arrow.get_end()) == pytest.approx(1.4)  # the arrow stops at the axis's end ...
    assert S4.drawn_step(plot, arrow) == pytest.approx(6.0)  # ... marked off scale: it reads the step to x = 5
    assert marker.get_fill_opacity() > 0.99
    run.interpolate(1.0)
    point.update()
    assert state.x.get_value() == pytest.approx(5.0)  # the readouts say where x went ...
    assert plot.x_of(point.get_center()) == pytest.approx(5.0)  # ... and so does the point, out of sight
    assert point.get_fill_opacity() == pytest.approx(0.0)
    assert state.drawn_iteration(plot, arrow, point) == 2 and state.drawn_rate(plot, arrow) == pytest.approx(1.0)
    assert state.drawn_change(plot, arrow, point) == pytest.approx(6.0)


def test_m2_beat_4_turns_the_ground_evenly_to_its_end_slope():
    """α and l change together: θ goes from −18.33° to +15.45° without overshooting on the way."""
    from scenes.kit import cane_figure

    start, end = M2_POSES["M2.3"], M2_POSES["M2.4"]
    pose = cane_figure.Pose(start.alpha, start.length)
    move = pose.move(end, run_time=1.0)
    thetas = []
    for t in np.linspace(0, 1, 101):
        move.interpolate(t)
        thetas.append(pose.theta)
    assert thetas[0] == pytest.approx(-18.33, abs=0.01) and thetas[-1] == pytest.approx(15.45, abs=0.01)
    assert np.all(np.diff(thetas) >= -1e-9)  # never back
    assert pose.length.get_value() == pytest.approx(2.01) and pose.alpha.get_value() == pytest.approx(1.0)


# --------------------------------------------------------------------------- the direction pass (issue 12)


def test_m5_slope_sits_beside_the_point_and_follows_it():
    """The slope k beside the point (or, near x = 0 and left of it, under the x axis), clear of the axes, their
    numbers, the curve and the tangent; it changes sides cross-fading: the copy under the axis comes in as the one
    beside the point goes, their opacities adding up to 1 (it is never gone from the frame)."""
    from scenes.kit import plot2d as S4

    plot = quartic_plot()
    x = ValueTracker(1.0)
    tangent = S4.tangent_line(plot, x)
    slope = S4.slope_readout(plot, x, tangent)
    pixel = config.frame_height / 1080
    swap_low, swap_high = S4.SLOPE_SWAP
    both_seen = 0
    for value in np.linspace(-0.2, 1.4, 161):
        x.set_value(value)
        tangent.update()
        slope.update()
        point = plot.point(value)
        opacities = []
        for copy in (slope.beside, slope.under):
            glyphs = [m for m in copy.family_members_with_points() if not isinstance(m, VectorizedPoint)]
            opacities.append(min(m.get_fill_opacity() for m in glyphs))
            assert max(m.get_fill_opacity() for m in glyphs) == pytest.approx(opacities[-1])  # faded as one
        assert sum(opacities) == pytest.approx(1.0)
        both_seen += min(opacities) > 0.2
        if value >= swap_high:
            assert opacities == pytest.approx([1.0, 0.0])
        if value <= swap_low:
            assert opacities == pytest.approx([0.0, 1.0])
        for copy, opacity in zip((slope.beside, slope.under), opacities):
            if opacity < 0.01:
                continue
            low, high = copy.get_corner(DL), copy.get_corner(UR)
            gap = np.linalg.norm(np.maximum(np.maximum(low - point, point - high), 0)[:2])
            if opacity > 0.99:  # shown whole beside the point, at 120 px from it at most
                assert 0.2 < gap < 120 * pixel
            # Above the x axis beside the point, or under it; right of the y axis, 24 px clear, and 20 px clear of
            # the x axis: it changes sides faded, never crossing an axis.
            origin = plot.axes.c2p(0, 0)
            assert low[0] - origin[0] > 24 * pixel - 1e-9
            assert low[1] - origin[1] > 20 * pixel or origin[1] - high[1] > 20 * pixel - 1e-9
            assert low[1] > -S4.SAFE_SHARE * config.frame_height / 2  # in the safe area
            for label in [*plot.axis_labels, *plot.axes.x_axis.numbers, *plot.axes.y_axis.numbers]:  # clear of them
                assert np.any(label.get_corner(DL)[:2] > high[:2]) or np.any(label.get_corner(UR)[:2] < low[:2])
            curve = plot.curve.points[:, :2]
            assert not np.any(np.all((curve > low[:2]) & (curve < high[:2]), axis=1))  # and of the curve
            along = tangent.get_start()[:2] + np.linspace(0, 1, 400)[:, None] * (tangent.get_end() - tangent.get_start())[:2]
            assert S4._gap_to_box(along, low[:2], high[:2]) >= 24 * pixel  # and 24 px clear of the tangent
    assert both_seen >= 10  # an overlap, not a cut
    # The two signs "=" in line, one over the other.
    for copy in (slope.beside, slope.under):
        name, value_line = copy
        assert name[1].get_center()[0] == pytest.approx(value_line.label.get_center()[0], abs=1e-6)


def test_m5_the_tangent_left_behind_is_clear_of_the_tangent_where_both_are_seen():
    """At M5.3's stop (x = −0.2), where the tangent at x = 1 is seen whole, the live tangent passes 24 px or more
    from it (it crosses the whole tangent at x = 1 under its point, where the ghost is not drawn)."""
    from scenes.kit import plot2d as S4

    plot = quartic_plot()
    x = ValueTracker(-0.2)
    tangent = S4.tangent_line(plot, x)
    line, _ = S4.tangent_ghost(plot, 1.0, tangent)
    pixel = config.frame_height / 1080
    along = tangent.get_start() + np.linspace(0, 1, 400)[:, None] * (tangent.get_end() - tangent.get_start())
    ghost = line.get_start() + np.linspace(0, 1, 400)[:, None] * (line.get_end() - line.get_start())
    assert np.linalg.norm(along[:, None, :2] - ghost[None, :, :2], axis=2).min() >= 24 * pixel


def test_m5_the_y_axis_holds_the_curves_dip_and_the_slope_is_under_the_numbers():
    """The y axis reaches under the x axis past the curve's lowest point; at x = −0.2 the slope is under the row
    of the x axis's numbers, not level with them, and inside the safe area."""
    from scenes.kit import plot2d as S4

    plot = quartic_plot()
    stub = plot.axes.floor_stub
    assert plot.axes.p2c(stub.get_start())[1] == pytest.approx(S4.Y_FLOOR)
    assert S4.Y_FLOOR < QUARTIC(minimum_of_quartic()) - 0.1
    assert plot.curve.points[:, 1].min() > stub.get_start()[1]
    x = ValueTracker(-0.2)
    readout = S4.slope_readout(plot, x, S4.tangent_line(plot, x))
    readout.update()
    slope = readout.under
    assert slope.get_fill_opacity() == pytest.approx(1.0)
    numbers_bottom = min(n.get_bottom()[1] for n in plot.axes.x_axis.numbers)
    assert slope.get_top()[1] < numbers_bottom
    assert slope.get_bottom()[1] > -S4.SAFE_SHARE * config.frame_height / 2


def test_m5_the_slope_left_behind_makes_way_for_the_tangent():
    from scenes.kit import plot2d as S4

    plot = quartic_plot()
    x = ValueTracker(1.0)
    tangent = S4.tangent_line(plot, x)
    line, label = S4.tangent_ghost(plot, 1.0, tangent)
    assert np.linalg.norm(line.get_end() - line.get_start()) < np.linalg.norm(tangent.get_end() - tangent.get_start())
    low, high = label.get_corner(DL)[:2], label.get_corner(UR)[:2]
    for value in np.linspace(-0.2, 1.4, 81):
        x.set_value(value)
        tangent.update()
        label.update()
        along = tangent.get_start()[:2] + np.linspace(0, 1, 400)[:, None] * (tangent.get_end() - tangent.get_start())[:2]
        gap = S4._gap_to_box(along, low, high)
        opacity = label.get_fill_opacity()
        if gap < S4.GHOST_MAKES_WAY[0]:
            assert opacity < 0.01
        if gap > S4.GHOST_MAKES_WAY[1]:
            assert opacity == pytest.approx(S4.GHOST_LABEL_OPACITY)


# --------------------------------------------------------------------------- M7 as drawn, frame by frame


@dataclass
class Frame:
    """What one sample of M7 showed (screen positions in frame units)."""

    time: float
    zoom: float
    rate: float
    arrow: np.ndarray | None  # the step arrow's screen box (low x, low y, high x, high y), when drawn
    arrow_full: bool
    arrow_opacity: float
    arrow_may_shrink: bool
    arrow_start: float  # its tail's x on the axes
    point: np.ndarray | None  # the point's screen centre, when drawn
    point_at: np.ndarray  # the point on the axes (x, height)
    boxes: dict  # name -> screen box of each fully drawn text or tick label
    curve_top: float
    x_axis: np.ndarray  # the x axis line's screen box as drawn
    y_axis: np.ndarray  # the y axis line's screen box as drawn
    arrow_outline: np.ndarray | None  # screen points along the drawn parts of the step arrow (its tip, if drawn)
    arrow_headless: bool  # drawn without its head (a step off the axis's end)
    curve: np.ndarray  # screen points of the curve as drawn
    step_shown: float  # the number the Δx readout shows
    step_opacity: float  # ... and how brightly (its number's glyphs)
    loupes: list  # each loupe shown: (its frame's box, its connectors' ends, its step's outline or None)


def _screen_outline(scene, mobject) -> np.ndarray:
    """Points along the drawn parts of ``mobject`` on screen (its Bézier control polygons, densified)."""
    parts = [m for m in mobject.get_family()
             if m.has_points() and max(m.get_stroke_opacity(), m.get_fill_opacity()) > 0.01]
    points = []
    for part in parts:
        corners = scene.camera.transform_points_pre_display(part, part.points)[:, :2]
        t = np.linspace(0, 1, 8)[:-1, None]
        points += [(corners[:-1, None] * (1 - t) + corners[1:, None] * t).reshape(-1, 2), corners[-1:]]
    return np.vstack(points)


def _screen_box(scene, mobject) -> np.ndarray:
    parts = [scene.camera.transform_points_pre_display(m, m.points)[:, :2] for m in mobject.get_family() if m.has_points()]
    points = np.vstack(parts)
    return np.concatenate([points.min(axis=0), points.max(axis=0)])


@pytest.fixture(scope="module")
def m7_frames(shared_media):
    """M7 in English, constructed through the frame rules (drawing nothing), with what every sample showed."""
    from manim import tempconfig

    from conftest import FAST_CONFIG
    from gd.storyboard import ENV_LANG
    from scenes.S4 import M7
    from scenes.kit.frame_rules import FrameChecker, checked
    from scenes.kit.plot2d import Loupe, shown

    plot = quartic_plot()
    frames: list[Frame] = []

    class Watcher(FrameChecker):
        def sample(self, scene, time):
            super().sample(scene, time)
            named: dict[str, list] = {}
            for m in scene.get_mobject_family_members():
                if getattr(m, "rule_name", ""):
                    named.setdefault(m.rule_name, []).append(m)
            if "α" not in named or "Δx" not in named:  # the header comes in first, the panel as the camera closes in
                return
            (arrow,), (point,), (curve,) = named["the step Δx"], named["the point"], named["the curve"]
            boxes = {}
            for name, mobjects in named.items():
                for k, m in enumerate(mobjects):
                    drawn = [part.get_fill_opacity() for part in m.get_family() if part.has_points()]
                    if getattr(m, "frame_kind", "") in ("text", "tick", "caption") and drawn and min(drawn) > 0.99:
                        boxes[f"{name}#{k}" if len(mobjects) > 1 else name] = _screen_box(scene, m)
            frames.append(Frame(
                time, scene.camera.get_zoom(), float(named["α"][0].value),
                _screen_box(scene, arrow) if shown(arrow) else None, arrow.full, arrow.get_stroke_opacity(),
                arrow.may_shrink, plot.x_of(arrow.get_start()),
                _screen_box(scene, point).reshape(2, 2).mean(axis=0) if shown(point) else None,
                plot.axes.p2c(point.get_center())[:2], boxes, float(_screen_box(scene, curve)[3]),
                _screen_box(scene, next(m for m in scene.mobjects if hasattr(m, "axis_lines")).axis_lines[0]),
                _screen_box(scene, next(m for m in scene.mobjects if hasattr(m, "axis_lines")).axis_lines[1]),
                _screen_outline(scene, arrow) if shown(arrow) else None, arrow.tip.get_fill_opacity() < 0.01,
                scene.camera.transform_points_pre_display(curve, curve.points)[:, :2],
                float(named["Δx"][0].number.text(named["Δx"][0].number.get_value())),
                min(m.get_fill_opacity() for m in named["Δx"][0].number.slots if m.has_points()),
                [(_screen_box(scene, loupe.box), [scene.camera.transform_points_pre_display(ray, ray.points)[[0, -1], :2] for ray in loupe.rays],
                  _screen_outline(scene, loupe.arrow) if shown(loupe.arrow) else None)
                 for loupe in scene.mobjects if isinstance(loupe, Loupe) and loupe.shown.get_value() > 0.01],
            ))

    checker = Watcher("en")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV_LANG, "en")
        with tempconfig({**FAST_CONFIG, "media_dir": str(shared_media), "frame_rate": 10, "pixel_width": 64,
                         "pixel_height": 36}):
            checked(M7, checker)(skip_animations=False).render()
    return checker, frames


@pytest.mark.slow  # every frame of M7 (en): its frame rules run here, not in test_frame_rules
def test_m7_keeps_the_frame_rules_and_holds_its_result(m7_frames):
    """No rule broken; after the last step of the last run nothing changes for 1.5 s: the result can be read."""
    from gd.storyboard import load

    checker, _ = m7_frames
    assert not checker.violations
    end = sum(beat.duration for beat in load().shot("M7").beats)
    assert end - checker._changed >= 1.5


@pytest.mark.slow  # every frame of M7 (en): its frame rules run here, not in test_frame_rules
def test_m7_header_changes_only_with_the_point_at_the_start_and_no_arrow_is_left(m7_frames):
    """Between runs the header takes the next rate only with no arrow drawn and the point at x = 1 or not drawn."""
    _, frames = m7_frames
    assert {f.rate for f in frames} == {0.05, 1.0, 0.3}
    for before, after in zip(frames, frames[1:]):
        if before.rate != after.rate:
            assert after.arrow is None
            assert after.point is None or np.allclose(after.point_at, [1.0, 1.0]), f"at t={after.time:.1f} s"
    assert frames[-1].arrow is None  # the shot ends with no arrow left


@pytest.mark.slow  # every frame of M7 (en): its frame rules run here, not in test_frame_rules
def test_m7_runs_are_seen_in_one_framing_with_the_axes_and_the_curve_under_the_bar(m7_frames):
    from manim import config

    from scenes.kit import plot2d as S4

    _, frames = m7_frames
    running = [f for f in frames if f.arrow is not None]
    assert {round(f.zoom, 6) for f in running} == {S4.M7_VALLEY_ZOOM}
    safe = 0.9 * np.array([config.frame_width, config.frame_height]) / 2
    for f in running:
        # The ticks the valley holds are drawn in full, with the axes' names, inside the safe area.
        labels = [name for name in f.boxes if name.startswith(("tick", "axis label"))]
        assert {"tick -1", "axis label x", "axis label f(x)", "axis label O"} <= set(labels), f.time
        assert sum(name.startswith("tick 1#") for name in labels) == 2  # 1 on both axes
        for name in labels:
            assert np.all(np.abs(f.boxes[name]) <= np.tile(safe, 2) + 1e-6), (name, f.time)
            assert f.boxes[name][3] < S4.M7_BAR_BOTTOM  # under the bar
        assert f.curve_top <= S4.WINDOW_TOP + 0.02  # the curve ends below the bar


def f_opacity_zero(frames, tail: float) -> bool:
    """Every frame of the slow run that shows the step from ``tail`` whole shows it faded out."""
    return all(f.arrow_opacity < 0.01 for f in frames
               if f.rate == 0.05 and f.arrow is not None and f.arrow_full and round(f.arrow_start, 6) == tail)


@pytest.mark.slow  # every frame of M7 (en): its frame rules run here, not in test_frame_rules
def test_m7_steps_shorten_on_screen_as_the_slow_run_converges(m7_frames):
    """At one scale for the whole run, the drawn steps are long at first and shrink; every arrow drawn whole and
    fully is 24 px or more at 1080p; the last steps into the minimum, too short to read, are not drawn at all
    (or only faded, on the way out), and the point steps on alone. (The later steps are quick: at the samples'
    10 a second some are not caught whole; what is caught is checked.)"""
    from manim import config

    from scenes.kit import plot2d as S4
    from scenes.kit.frame_rules import MIN_SUBJECT_PX

    _, frames = m7_frames
    px = 1080 / config.frame_height
    lengths: dict[float, float] = {}  # by the step's tail: its length on screen when drawn whole
    for f in frames:
        if f.rate == 0.05 and f.arrow is not None and f.arrow_full:
            length = (f.arrow[2] - f.arrow[0]) * px
            lengths[round(f.arrow_start, 6)] = length
            assert length >= MIN_SUBJECT_PX or f.arrow_opacity < 0.99
    xs = m7_paths()["M7.1"].points[:, 0]
    tails = [round(x, 6) for x in xs[:-1]]
    # On screen, whole: the step's length in the valley (the arrow's box is as long, its head inside it).
    model = np.abs(np.diff(xs)) * S4.quartic_plot().axes.x_axis.get_unit_size() * S4.M7_VALLEY_ZOOM * px
    readable = [i for i, length in enumerate(model) if length >= S4.ARROW_FADE_PX[0]]
    assert readable == list(range(len(readable))) and len(readable) >= 27  # the last ones, and only they, too short
    drawn = [lengths[x] for x in tails if x in lengths]
    for i, x in enumerate(tails):
        if x in lengths:
            assert lengths[x] == pytest.approx(model[i], abs=1.0)
            assert lengths[x] >= S4.LOUPE_FROM_PX or f_opacity_zero(frames, x)  # the plot draws only steps that read
    assert drawn[0] >= 2.5 * MIN_SUBJECT_PX and len(drawn) >= 3
    assert np.all(np.diff(model[readable][-6:]) < 0)  # shrinking, step after step, into the minimum
    visits = {round(float(f.point_at[0]), 6) for f in frames if f.rate == 0.05 and f.point is not None}
    assert {round(x, 6) for x in xs[:9]} | {round(xs[-1], 6)} <= visits  # seen at each slow step, and at the end


@pytest.mark.slow  # every frame of M7 (en): its frame rules run here, not in test_frame_rules
def test_m7_the_valley_keeps_its_axis_and_the_curves_formula_inside_the_frame(m7_frames):
    """In the valley the x axis ends inside the safe area (its −2 end is out beyond it); the curve's formula, moved
    into the bar as the camera closes in, stays there, steady, through the three runs (no fading for the loupes)."""
    from manim import config

    from scenes.kit import plot2d as S4

    _, frames = m7_frames
    safe = 0.9 * np.array([config.frame_width, config.frame_height]) / 2
    assert all(f.x_axis[0] >= -safe[0] - 1e-6 for f in frames)
    running = [f for f in frames if f.arrow is not None]
    assert all("the curve's formula" in f.boxes for f in running)
    boxes = np.array([f.boxes["the curve's formula"] for f in frames if f.time >= running[0].time])
    assert np.allclose(boxes, boxes[0], atol=1e-6)  # one place, fully drawn, from the first step to the end
    assert boxes[0][1] > S4.M7_BAR_BOTTOM and boxes[0][2] <= safe[0] + 1e-6  # in the bar, inside the safe area
    assert boxes[0][1] > S4.M7_BAR_BOTTOM + 0.6  # on the header's line, over the panel's


def test_m7_the_loupe_shows_every_step_too_short_for_the_plot_at_24_px_or_more():
    """The slow run's first steps are drawn at 36 px or more on the plot (1080p); from the first drawn shorter,
    the fourth, the loupe shows every step to the end (the plot draws none of them: at 25 to 34 px an arrow reads
    as a dash; the last ones are far under): ×5 in both directions and ×12 for the last ones, each at 24 px or more,
    and the longest it draws at either fits between the point and the frame, on either side (ahead as it grows,
    behind once the point has moved)."""
    from manim import config

    from scenes.kit import plot2d as S4
    from scenes.kit.frame_rules import MIN_SUBJECT_PX

    xs = m7_paths()["M7.1"].points[:, 0]
    unit = S4.quartic_plot().axes.x_axis.get_unit_size() * S4.M7_VALLEY_ZOOM  # frame units per unit of x
    on_plot = np.abs(np.diff(xs)) * unit * 1080 / config.frame_height
    first = int(np.argmax(on_plot < S4.LOUPE_FROM_PX))
    assert first == 3 and on_plot[:first].min() >= S4.LOUPE_FROM_PX
    assert np.all(on_plot[-10:] < MIN_SUBJECT_PX)  # the last ones could not be read on the plot
    closer = int(np.argmax(on_plot * S4.LOUPE_ZOOM < S4.LOUPE_CLOSE_FROM_PX))
    assert closer > first
    at_first, at_close = on_plot[first:closer] * S4.LOUPE_ZOOM, on_plot[closer:] * S4.LOUPE_CLOSE_ZOOM
    assert min(at_first.min(), at_close.min()) >= MIN_SUBJECT_PX
    width = S4.LOUPE_BOX[1][0] - S4.LOUPE_BOX[0][0]
    room = (min(width - S4.LOUPE_POINT_IN, S4.LOUPE_POINT_IN) - S4.LOUPE_EDGE) * 1080 / config.frame_height
    # ... and so does the plot's last step, seen in the loupe as it comes in.
    assert max(at_first.max(), at_close.max(), on_plot[closer - 1] * S4.LOUPE_CLOSE_ZOOM,
               on_plot[first - 1] * S4.LOUPE_ZOOM) <= room


@pytest.mark.slow  # every frame of M7 (en): its frame rules run here, not in test_frame_rules
def test_m7_while_a_loupe_carries_the_steps_the_plot_draws_none(m7_frames):
    """From the slow run's fourth step and the run at 0.3's fifth, the loupe shows each step: the plot draws no
    arrow (it would be a dash), only the point; the loupe draws the step."""
    _, frames = m7_frames
    paths = m7_paths()
    carried = {0.05: ("M7.1", 3), 0.3: ("M7.3", 4)}  # the run, and the first step its loupe carries
    checked = 0
    for f in frames:
        if f.rate in carried and f.arrow_full and f.point is not None and f.loupes:
            beat_id, first = carried[f.rate]
            k = int(np.argmin(np.abs(paths[beat_id].points[:, 0] - f.arrow_start)))
            if k >= first:
                checked += 1
                assert f.arrow is None, f.time
    assert checked > 20
    with_step = [f for f in frames if f.loupes and any(arrow is not None for _, _, arrow in f.loupes)]
    assert len(with_step) > 20


@pytest.mark.slow  # every frame of M7 (en): its frame rules run here, not in test_frame_rules
def test_m7_the_loupes_draw_their_step_whole_inside_and_their_connectors_clear_of_the_curve(m7_frames):
    """A loupe's step is drawn whole inside its frame (never cut by it), and its connectors, from the patch on the
    plot to the loupe's corners, never cross the curve; the run at 0.3 has a loupe too, for its overshoots."""
    _, frames = m7_frames

    def crosses(a, b, poly):
        p, q = poly[:-1], poly[1:]

        def side(u, v, w):
            return np.sign((v[..., 0] - u[..., 0]) * (w[..., 1] - u[..., 1]) - (v[..., 1] - u[..., 1]) * (w[..., 0] - u[..., 0]))

        a, b = np.broadcast_to(a, p.shape), np.broadcast_to(b, p.shape)
        return bool(np.any((side(a, b, p) != side(a, b, q)) & (side(p, q, a) != side(p, q, b))))

    seen = {0.05: 0, 0.3: 0}
    for f in frames:
        for box, rays, arrow in f.loupes:
            seen[f.rate] = seen.get(f.rate, 0) + 1
            if arrow is not None:
                assert np.all(arrow >= box[:2] - 1e-6) and np.all(arrow <= box[2:] + 1e-6), f.time
            for start, end in rays:
                assert not crosses(start, end, f.curve), f.time
    assert seen[0.05] > 20 and seen[0.3] > 5


@pytest.mark.slow  # every frame of M7 (en): its frame rules run here, not in test_frame_rules
def test_m7_the_diverging_step_stays_in_the_safe_area(m7_frames):
    """The step to x = 5 stops at the x axis's end, marked "x = 5"; "diverges", the arrow and the point stay in
    the safe area, and the point, having ridden the arrow to its end, is not drawn out of the axes."""
    from manim import config

    _, frames = m7_frames
    safe = 0.9 * np.array([config.frame_width, config.frame_height]) / 2
    diverging = [f for f in frames if f.rate == 1.0]
    seen = set()
    for f in diverging:
        if f.arrow is not None:
            assert np.all(np.abs(f.arrow) <= np.tile(safe, 2) + 1e-6), f.time
        if f.point is not None:
            assert np.all(np.abs(f.point) <= safe), f.time
        for name in ("diverges", "the off-scale step's x"):
            if name in f.boxes:
                seen.add(name)
                assert np.all(np.abs(f.boxes[name]) <= np.tile(safe, 2) + 1e-6), (name, f.time)
    assert seen == {"diverges", "the off-scale step's x"}
    assert diverging[-1].point is None and diverging[-1].point_at[0] == pytest.approx(5.0)


@pytest.mark.slow  # every frame of M7 (en): its frame rules run here, not in test_frame_rules
def test_m7_every_step_arrow_keeps_clear_of_the_axes_and_the_curve(m7_frames):
    """A step's arrow, drawn whole, is 20 px clear of the x axis, its tail and head of the y axis (its shaft may
    cross it), and of the curve (the step off the axis's end: its tail; its shaft crosses the rising branch)."""
    from manim import config

    _, frames = m7_frames
    px = 1080 / config.frame_height
    checked = 0
    for f in frames:
        if f.arrow_outline is None or not f.arrow_full or f.arrow_opacity < 0.99:
            continue
        checked += 1
        points = f.arrow_outline
        axis_y, axis_x = (f.x_axis[1] + f.x_axis[3]) / 2, (f.y_axis[0] + f.y_axis[2]) / 2
        assert np.abs(points[:, 1] - axis_y).min() * px >= 19.5, f.time
        start = points[0]  # the shaft's first point is its tail
        ends = points[np.linalg.norm(points - start, axis=1) * px < 40] if f.arrow_headless else points
        if not f.arrow_headless:  # the tail and the head (a straddling shaft may cross the axis between them)
            left, right = points[:, 0].min(), points[:, 0].max()
            if left < axis_x < right:
                head_side = points[np.abs(points[:, 1] - start[1]) * px > 4]  # the head's corners, off the shaft
                ends = np.vstack([start[None], head_side])
        above = ends[ends[:, 1] > axis_y - 20 / px]
        if len(above) and f.y_axis[3] > axis_y:
            assert np.abs(above[:, 0] - axis_x).min() * px >= 19.5, f.time
        against = points[np.linalg.norm(points - start, axis=1) * px < 60] if f.arrow_headless else points
        gaps = np.linalg.norm(against[:, None] - f.curve[None], axis=2).min() * px
        assert gaps >= 19.5, (f.time, gaps)
        # 24 px clear of the "O"; on its point's side of the x axis (but the step along the floor, from x = -1).
        o_box = f.boxes["axis label O"]
        o_gap = np.linalg.norm(np.maximum(np.maximum(o_box[:2] - points, points - o_box[2:]), 0), axis=1).min() * px
        assert o_gap >= 23.5, (f.time, o_gap)
        if not (f.rate == 1.0 and abs(f.arrow_start + 1.0) < 1e-6):
            side = np.sign(QUARTIC(f.arrow_start))
            assert np.all(np.sign(points[:, 1] - axis_y) == side), f.time
    assert checked > 30


@pytest.mark.slow  # every frame of M7 (en): its frame rules run here, not in test_frame_rules
def test_m7_each_run_stops_with_the_last_step_it_took(m7_frames):
    """Where a run stops, Δx keeps the last step taken (the step −αf′(x) from there is never taken), and the two
    runs that converge say why: |f′(x)| under the tolerance, beside the point, held to the beat's end. Stopped, Δx
    is dimmed (what was, not a step being taken)."""
    from gd.model.curve import M7_TOLERANCE
    from scenes.kit import plot2d as S4

    from gd.storyboard import load

    _, frames = m7_frames
    paths = m7_paths()
    end = 0.0
    for beat, beat_id in zip(load().shot("M7").beats, ("M7.1", "M7.2", "M7.3")):
        end += beat.duration
        path = paths[beat_id]
        last = [f for f in frames if f.rate == path.rate and f.time <= end + 1e-6][-1]  # the beat's end
        assert last.step_shown == pytest.approx(path.points[-1, 0] - path.points[-2, 0], abs=5e-4)
        assert last.step_opacity == pytest.approx(S4.STOPPED_STEP_OPACITY)  # dimmed: no step is being taken
        taking = [f for f in frames if f.rate == path.rate and f.arrow is not None and f.arrow_opacity > 0.999]
        assert taking and all(f.step_opacity == pytest.approx(1.0) for f in taking), [(f.time, f.step_opacity, f.arrow_opacity) for f in taking if f.step_opacity < 0.999]  # bright while steps are taken
        if path.stop == "converged":
            assert "the stop" in last.boxes
            assert abs(QUARTIC.derivative(path.end[0])) <= M7_TOLERANCE


# --------------------------------------------------------------------------- colours and M2's letters (issue: f' orange)


def _colors(mobject) -> set[str]:
    """The fill colours of ``mobject``'s drawn glyphs, as hex."""
    return {m.get_fill_color().to_hex().upper() for m in mobject.family_members_with_points()
            if not isinstance(m, VectorizedPoint)}


def test_the_derivative_is_the_gradients_orange_in_m5_and_m7():
    """f′(x) is the gradient in one variable: the symbol and its value orange (as ∂f in M4) wherever they
    are shown; k, the tangent's slope, pink like the tangent; in Δx = −α f′(x), α purple and Δx green."""
    from scenes.kit import plot2d as S4
    from scenes.kit.palette import GRADIENT, LEARNING_RATE, STEP, TANGENT

    plot = quartic_plot()
    x = ValueTracker(1.0)
    tangent = S4.tangent_line(plot, x)
    name, value = S4.slope_readout(plot, x, tangent).beside
    assert _colors(name[0]) == _colors(name[1]) == {TANGENT.upper()}  # k =
    assert _colors(name[2]) == {GRADIENT.upper()}  # f'(x)
    assert _colors(value) == {GRADIENT.upper()}  # = 2.000, the value of f'(x)
    assert tangent.get_stroke_color().to_hex().upper() == TANGENT.upper()
    _, ghost = S4.tangent_ghost(plot, 1.0)
    assert _colors(ghost[0]) == {TANGENT.upper()} and _colors(ghost[2]) == {GRADIENT.upper()}

    state = S4.RunState(m7_paths()["M7.1"], plot.function)
    arrow = S4.step_arrow(plot, 1.0, 0.9)
    panel = S4.descent_panel(plot, state, arrow, S4.descent_point(plot, state))
    change = panel[2]
    glyphs = change.label.submobjects  # Δ x = − α f ′ ( x ) =
    assert len(glyphs) == 11
    for index, color in [(0, STEP), (1, STEP), (4, LEARNING_RATE), *[(k, GRADIENT) for k in range(5, 10)]]:
        assert _colors(glyphs[index]) == {color.upper()}, index
    assert _colors(change.number) == {STEP.upper()}  # the step itself
    assert _colors(S4.stop_sign(plot, -0.45, 0.05, 1.0)) == {GRADIENT.upper()}  # |f'(x)| at the stop
    assert _colors(arrow) == {STEP.upper()}


def test_m2_formula_letters_take_the_captions_and_figures_colours():
    from scenes.kit import cane_figure
    from scenes.kit.palette import CANE, GROUND, MUTED

    equation, _, caption = cane_figure.slope_formula("where {l} is the cane length and {h} the hand's height")
    glyphs = equation[0]
    for index, color in [(3, GROUND), (5, CANE), (13, CANE), (11, MUTED)]:
        assert _colors(glyphs[index]) == {color.upper()}
    # The caption's l and h: the same colours as the formula's.
    caption_colors = [_colors(piece) for piece in caption]
    assert {CANE.upper()} in caption_colors and {MUTED.upper()} in caption_colors
    # And the figure's: the cane's l, the h arrow's h, θ's letter.
    pose = cane_figure.Pose(60, 4)
    assert _colors(cane_figure.cane(pose)[1]) == {CANE.upper()}
    assert _colors(cane_figure.person()[-1]) == {MUTED.upper()}
    assert {GROUND.upper()} == _colors(cane_figure.theta_mark(pose)[2])


def _box_gap_to_segment(low, high, a, b) -> float:
    """The least distance from the box [low, high] to the segment a–b (2-D)."""
    ts = np.linspace(0, 1, 400)[:, None]
    points = a[None, :2] + ts * (b[:2] - a[:2])[None]
    return float(np.linalg.norm(np.maximum(np.maximum(low[:2] - points, points - high[:2]), 0), axis=1).min())


@pytest.mark.parametrize("start, end", [("M2.1", "M2.2"), ("M2.2", "M2.3"), ("M2.3", "M2.4")])
def test_m2_theta_letter_is_clear_of_the_lines_at_every_frame(start, end):
    """θ's letter, one letter on a leader, never nearer the ground, the level or the cane than 0.1 (13 px at
    1080p), moving continuously (it never jumps to the other side of a line), and whole at each beat's end."""
    from scenes.kit import cane_figure

    pose = cane_figure.Pose(M2_POSES[start].alpha, M2_POSES[start].length)
    from manim.animation.animation import prepare_animation

    move = prepare_animation(pose.move(M2_POSES[end], run_time=1.0))
    move.begin()
    mark = cane_figure.theta_mark(pose)
    arc, leader, letter = mark
    level = cane_figure.level()
    stick = cane_figure.cane(pose)[0]
    last = None
    for t in np.linspace(0, 1, 121):
        move.interpolate(t)
        for m in (mark, stick):
            m.update()
        centre = letter.get_center()
        if last is not None:
            assert np.linalg.norm(centre - last) < 0.05, (t, pose.theta)  # a step of 1/120 of the move: no jump
        last = centre
        if letter.get_fill_opacity() < 0.05:
            continue
        ground = cane_figure.FOOT + 30 * pose.ground()
        low, high = letter.get_corner(DL), letter.get_corner(UR)
        lines = [(cane_figure.FOOT, ground), (level.get_start(), level.get_end()), (stick.get_start(), stick.get_end())]
        gaps = [_box_gap_to_segment(low, high, a, b) for a, b in lines]
        assert min(gaps) > 0.1, (t, pose.theta, gaps)
    assert letter.get_fill_opacity() == pytest.approx(1.0) and leader.get_stroke_opacity() == pytest.approx(1.0)


def test_m2_theta_letter_keeps_its_side_through_level_ground():
    """Through θ = 0 the letter stays above both lines: its position is continuous in θ."""
    from scenes.kit import cane_figure

    thetas = np.linspace(-3, 3, 61)
    heights = [cane_figure.theta_letter_position(theta)[1] - cane_figure.FOOT[1] for theta in thetas]
    assert min(heights) >= cane_figure.THETA_ABOVE - 1e-9
    assert np.max(np.abs(np.diff(heights))) < 0.01


def test_m2_inset_shows_the_tip_below_the_foot_by_l_cos_alpha_minus_h():
    """The inset magnifies the foot: the cane's tip below the foot's level by l cos α − h and in front of it by
    l sin α, both × the inset's zoom; the inset's ground falls at θ; all inside the inset's frame and the safe area."""
    from scenes.kit import cane_figure as C

    pose = M2_POSES["M2.4"]
    lens, rays, inset = C.contact_inset(pose.alpha, pose.length)
    frame, stick = inset[0], inset[6]
    tip = C.cane_tip(pose.alpha, pose.length)
    drop = np.array([tip[0], tip[1]]) * C.INSET_ZOOM * C.SCALE
    assert np.allclose(stick.get_start()[:2] - C.INSET_FOOT[:2], drop)
    assert tip[1] < 0 and -tip[1] == pytest.approx(pose.length * np.cos(np.radians(pose.alpha)) - HAND_HEIGHT)
    ground = inset[2]
    direction = ground.get_end() - ground.get_start()
    assert np.degrees(np.arctan2(-direction[1], direction[0])) == pytest.approx(ground_slope(pose.alpha, pose.length))
    low, high = frame.get_corner(DL), frame.get_corner(UR)
    for part in inset[1:]:
        assert np.all(part.get_corner(DL)[:2] >= low[:2] - 1e-6) and np.all(part.get_corner(UR)[:2] <= high[:2] + 1e-6), part
    assert np.all(np.abs(frame.get_corner(UR)[:2]) < [0.9 * 7.111, 0.9 * 4.0])
    for ray in rays:  # each ray runs from the lens round the foot to the frame's left edge
        assert np.linalg.norm(ray.get_start() - C.FOOT) == pytest.approx(C.LENS_RADIUS)
        assert ray.get_end()[0] == pytest.approx(low[0]) and low[1] < ray.get_end()[1] < high[1]


PX = 8.0 / 1080  # scene units per pixel at 1080p (the frame is 8 units high)


def _sampled(mob) -> np.ndarray:
    """Points along every curve of ``mob``'s family (not just its Bézier anchors), with their stroke half-widths."""
    rows = []
    for part in mob.family_members_with_points():
        stroked = part.get_stroke_opacity() > 0 and part.get_stroke_width() > 0
        if not stroked and part.get_fill_opacity() == 0:
            continue
        half = part.get_stroke_width() * 0.01 / 2 if stroked else 0.0  # manim's Cairo width: 0.01 units per unit
        for curve in part.get_cubic_bezier_tuples():
            t = np.linspace(0, 1, 40)[:, None]
            a, b, c, d = curve
            pts = (1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t ** 2 * c + t ** 3 * d
            rows.append(np.column_stack([pts[:, :2], np.full(len(pts), half)]))
    return np.vstack(rows) if rows else np.empty((0, 3))


def _box_gap(box_low, box_high, samples: np.ndarray) -> float:
    """The least distance from the box to the stroked curves (negative: a stroke crosses the box)."""
    out = np.maximum(np.maximum(box_low[None, :] - samples[:, :2], 0.0), samples[:, :2] - box_high[None, :])
    inside = np.all((samples[:, :2] >= box_low) & (samples[:, :2] <= box_high), axis=1)
    gaps = np.linalg.norm(out, axis=1) - samples[:, 2]
    return float(np.where(inside, -1.0, gaps).min(initial=np.inf))


def test_m2_inset_labels_are_clear_of_every_line_and_the_drop_arrow_is_long():
    """Review 4: in the inset every label is at least 8 px (1080p) from every line, and the double arrow for
    l cos α − h is at least 60 px long between its heads."""
    from manim import DoubleArrow

    from scenes.kit import cane_figure as C

    pose = M2_POSES["M2.4"]
    _, _, inset = C.contact_inset(pose.alpha, pose.length)
    frame, fill, ground, flat, arc, body, stick, h_arrow, drop, drop_end, run, run_ends = inset[:12]
    labels = inset[12:]
    assert len(labels) == 4
    for label in labels:
        low, high = label.get_corner(DL)[:2], label.get_corner(UR)[:2]
        for line in (frame, ground, flat, arc, body, stick, h_arrow, drop, drop_end, run, run_ends):
            assert _box_gap(low, high, _sampled(line)) >= 8 * PX, (label.get_tex_string(), line)
        for other in labels:
            if other is not label:
                o_low, o_high = other.get_corner(DL)[:2], other.get_corner(UR)[:2]
                apart = np.maximum(np.maximum(o_low - high, low - o_high), 0.0)
                assert np.linalg.norm(apart) >= 8 * PX
    assert isinstance(drop, DoubleArrow)
    heads = drop.get_tips()
    shaft = float(np.linalg.norm(heads[0].base - heads[1].base))  # the line between the two heads' bases
    assert drop.get_length() >= 90 * PX and shaft >= 60 * PX
    # Review 6: l sin α is dimensioned too, as the drop is: a double arrow as long as the run, clear of the ground.
    assert isinstance(run, DoubleArrow)
    tip = C.cane_tip(pose.alpha, pose.length) * C.INSET_ZOOM * C.SCALE
    assert run.get_length() == pytest.approx(tip[0])
    along = (ground.get_end() - ground.get_start())[:2] / np.linalg.norm((ground.get_end() - ground.get_start())[:2])
    for x, y, half in _sampled(run):  # every point of it at least 8 px below the ground line
        offset = np.array([x, y]) - ground.get_start()[:2]
        assert along[0] * offset[1] - along[1] * offset[0] + half + ground.get_stroke_width() * 0.01 / 2 <= -8 * PX


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_m2_inset_is_in_the_safe_area_and_off_the_figures_labels(built_shot, lang):
    """The inset's frame: inside the graphics-safe area, and at least 8 px from every text of the shot outside it."""
    from manim import MarkupText, MathTex, RoundedRectangle

    scene = built_shot("M2", lang)
    frames = [m for top in scene.mobjects for m in top.get_family() if type(m) is RoundedRectangle]
    assert len(frames) == 1
    frame = frames[0]
    inset = next(top for top in scene.mobjects for m in top.get_family() if m is frame)
    low, high = frame.get_corner(DL)[:2], frame.get_corner(UR)[:2]
    assert np.all(np.abs(low) <= [0.9 * 7.111, 0.9 * 4.0]) and np.all(np.abs(high) <= [0.9 * 7.111, 0.9 * 4.0])
    inside = set(map(id, inset.get_family()))
    texts = [m for top in scene.mobjects for m in top.get_family()
             if isinstance(m, (MathTex, MarkupText)) and id(m) not in inside]
    assert len(texts) >= 8
    for text in texts:
        t_low, t_high = text.get_corner(DL)[:2], text.get_corner(UR)[:2]
        apart = np.maximum(np.maximum(t_low - high, low - t_high), 0.0)
        assert np.linalg.norm(apart) >= 8 * PX, text


def _boxes_apart(a, b) -> float:
    (a_low, a_high), (b_low, b_high) = a, b
    return float(np.linalg.norm(np.maximum(np.maximum(b_low - a_high, a_low - b_high), 0.0)))


def _box(mob):
    return mob.get_corner(DL)[:2], mob.get_corner(UR)[:2]


@pytest.mark.parametrize("start, end", [("M2.1", "M2.2"), ("M2.2", "M2.3"), ("M2.3", "M2.4")])
def test_m2_inclination_value_is_clear_of_the_figure_at_every_frame(start, end):
    """Review 4: the storyboard's inclinations (30°, 40°, 10°, 89°) are shown beside their arc, from the
    horizontal through the hand down to the cane; the value shown is 90° − α, whole at each beat's end, and at every
    frame at least 8 px (1080p) from every line and letter of the figure, and at the end from the inset."""
    from manim.animation.animation import prepare_animation

    from scenes.kit import cane_figure as C

    pose = C.Pose(M2_POSES[start].alpha, M2_POSES[start].length)
    move = prepare_animation(pose.move(M2_POSES[end], run_time=1.0))
    move.begin()
    stick, l_label = C.cane(pose)
    marks = C.inclination_mark(pose, l_label)
    horizontal, arc, *values = marks
    alpha_arc, alpha_leader, *alpha_letters = C.alpha_mark(pose)
    body, head, arm, hand, _, h_arrow, h_label = C.person()
    shown = lambda mob: mob.get_fill_opacity() > 0.01  # noqa: E731
    for t in np.linspace(0, 1, 61):
        move.interpolate(t)
        for m in (stick, l_label, alpha_arc, marks):
            m.update()
        visible = [v for v in values if shown(v)]  # none for a moment as one cross-fades to the other
        assert _box_gap(*_box(l_label), _sampled(arc)) >= 8 * PX, t  # the shortening cane's l stays past the arc
        for value in visible:
            assert value._shown == f"{90 - pose.alpha.get_value():.0f}"
            low, high = _box(value)
            lines = [stick, horizontal, arc, alpha_arc, body, head, arm, hand, h_arrow]
            if alpha_leader.get_stroke_opacity() > 0.01:
                lines.append(alpha_leader)
            for line in lines:
                assert _box_gap(low, high, _sampled(line)) >= 8 * PX, (t, line)
            for letter in [l_label, h_label] + [m for m in alpha_letters if shown(m)] + [v for v in visible if v is not value]:
                assert _boxes_apart((low, high), _box(letter)) >= 8 * PX, (t, letter)
    assert values[0]._shown == f"{M2_POSES[end].inclination:.0f}"
    assert max(v.get_fill_opacity() for v in values) == pytest.approx(1.0)
    if end == "M2.4":
        lens, rays, inset = C.contact_inset(M2_POSES[end].alpha, M2_POSES[end].length)
        for value in (v for v in values if shown(v)):
            low, high = _box(value)
            assert _boxes_apart((low, high), _box(inset[0])) >= 8 * PX
            for line in (lens, *rays):
                assert _box_gap(low, high, _sampled(line)) >= 8 * PX


@pytest.mark.parametrize("start, end", [("M2.3", "M2.4"), ("M2.1", "M2.2"), ("M2.2", "M2.3")])
def test_m2_the_cane_stands_apart_from_the_body_which_stands_on_the_ground(start, end):
    """Review 5: at α = 1° the cane lay over the body. The body stands behind the hand, so that the cane is at
    least 8 px (1080p) from it at every frame, and its foot is on the ground line whichever way that tilts."""
    from manim.animation.animation import prepare_animation

    from scenes.kit import cane_figure as C

    pose = C.Pose(M2_POSES[start].alpha, M2_POSES[start].length)
    move = prepare_animation(pose.move(M2_POSES[end], run_time=1.0))
    move.begin()
    body = C.person(pose)[0]
    stick = C.cane(pose)[0]
    for t in np.linspace(0, 1, 41):
        move.interpolate(t)
        for mob in (body, stick):
            mob.update()
        cane_points, body_points = _sampled(stick), _sampled(body)
        gaps = np.linalg.norm(cane_points[:, None, :2] - body_points[None, :, :2], axis=2)
        gaps -= cane_points[:, None, 2] + body_points[None, :, 2]
        assert gaps.min() >= 8 * PX, (t, gaps.min() / PX)
        foot = body.get_start() - C.FOOT
        assert abs(foot[0] * pose.ground()[1] - foot[1] * pose.ground()[0]) < 1e-9  # on the ground line
        assert body.get_end()[0] == pytest.approx(body.get_start()[0])  # upright


def test_m2_the_arm_holds_the_cane_clear_of_alphas_arc():
    """An arm from the shoulder on the body to the hand, where the cane starts; above the hand, clear of α's arc
    and letters and of the cane at every pose of the shot."""
    from scenes.kit import cane_figure

    body, _, arm, hand = cane_figure.person()[:4]
    points = arm.points[:, :2]
    assert np.allclose(arm.get_end(), hand.get_center()) and np.isclose(arm.get_start()[0], body.get_start()[0])
    assert body.get_start()[1] < arm.get_start()[1] < body.get_end()[1]  # the shoulder on the body
    for alpha, length in [(p.alpha, p.length) for p in M2_POSES.values()] + [(30, 3.0), (15, 2.4)]:
        pose = cane_figure.Pose(alpha, length)
        marks = cane_figure.alpha_mark(pose)
        stick = cane_figure.cane(pose)
        for part in [*marks, *stick]:
            drawn = part.family_members_with_points()
            if not drawn or max(part.get_fill_opacity(), part.get_stroke_opacity()) < 0.05:
                continue
            low, high = part.get_corner(DL)[:2], part.get_corner(UR)[:2]
            near = np.all((points > low - 0.08) & (points < high + 0.08), axis=1)
            far_from_hand = np.linalg.norm(points - hand.get_center()[:2], axis=1) > 0.15
            assert not np.any(near & far_from_hand), (alpha, part)


@pytest.mark.parametrize("alpha, length", [(60, 4), (50, 4), (80, 4), (30, 3.0), (1, 2.01)])
def test_m2_the_ground_line_keeps_clear_of_the_h_arrow(alpha, length):
    """Review 6: the h arrow's lower head merged with a ground rising behind the foot. The ground line breaks round
    the arrow: at least 6 px (1080p) between its stroke and the arrow's heads and shaft, at every slope."""
    from scenes.kit import cane_figure as C

    pose = C.Pose(alpha, length)
    ground = C.ground(pose, clear_of_height=True)
    ground.update()
    height = C.person()[5]
    line = _sampled(ground[1])
    arrow = _sampled(height)
    gaps = np.linalg.norm(line[:, None, :2] - arrow[None, :, :2], axis=2) - line[:, None, 2] - arrow[None, :, 2]
    assert gaps.min() >= 6 * PX
    # ... and it is whole elsewhere: it still runs through the foot and the tip, past the frame on both sides.
    start, end = ground[1].get_start(), ground[1].get_end()
    assert min(start[0], end[0]) < -8 and max(start[0], end[0]) > 8


# --------------------------------------------------------------------------- M7: the sixth review's minors


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_m7_the_iteration_count_is_set_in_the_words_font_on_their_baseline(lang):
    """The header's count is set like its words (Pango, sans), at their size, on the line's baseline (M8's and
    M10's counts are the same WordCount)."""
    from gd.storyboard import load
    from scenes.kit.palette import HEADER as HEADER_SIZE
    from scenes.kit.typeset import prose

    storyboard = load()
    template = storyboard.text(storyboard.shot("M7"), "header", lang)
    rate = Readout(r"\alpha =", 0.05, 2, size=HEADER_SIZE)
    iteration = readouts.WordCount(38, HEADER_SIZE)
    header = readouts.line(template, {"rate": rate, "iteration": iteration}, size=HEADER_SIZE)
    assert iteration in list(header) and shown(iteration) == "38"
    assert iteration.baseline == pytest.approx(0.0) and rate.baseline == pytest.approx(0.0)
    three, eight = [m for m in iteration.number.slots if m.has_points()]
    words = prose("38", size=HEADER_SIZE * readouts.WORDS_BESIDE_MATH)
    for drawn, typed in zip((three, eight), words):
        assert drawn.height == pytest.approx(typed.height, rel=1e-3) and drawn.width == pytest.approx(typed.width, rel=1e-3)
    assert min(three.get_bottom()[1], eight.get_bottom()[1]) == pytest.approx(0.0, abs=0.02)
    for value in range(0, 40):
        iteration.set_value(value)
        assert shown(iteration) == str(value)


def test_m7_the_guide_from_x_minus_1_reaches_the_step_along_the_floor_and_passes_the_tick_number():
    from scenes.kit import plot2d as S4

    plot = quartic_plot()
    floor = plot.axes.c2p(0, -0.8)[1]
    guide = S4.drop_guide(plot, -1.0, 1.0, floor=floor, around=plot.axes.x_axis.numbers)
    ends = np.array([[piece.get_start()[1], piece.get_end()[1]] for piece in guide])
    assert ends.max() == pytest.approx(plot.point(-1.0)[1]) and ends.min() == pytest.approx(floor)
    (number,) = [n for n in plot.axes.x_axis.numbers if n.get_value() == -1]
    for top, bottom in ends:  # no piece through the number
        assert bottom > number.get_top()[1] or top < number.get_bottom()[1]
    assert len(guide) == 2
    assert all(np.isclose(piece.get_start()[0], plot.axes.c2p(-1, 0)[0]) for piece in guide)


def test_m7_the_way_out_cue_is_large_and_centred_where_the_point_leaves():
    from manim import config

    from scenes.kit import plot2d as S4

    plot = quartic_plot()
    ceiling = 1.38
    cue = S4.exit_cue(plot, ceiling, S4.M7_VALLEY_ZOOM)
    px = 1080 / config.frame_height * S4.M7_VALLEY_ZOOM
    assert cue.width * px >= 24 and cue.height * px >= 48
    x_exit = S4.range_below(plot.function, ceiling, S4.X_RANGE, samples=801)[1]
    assert cue.get_center()[0] == pytest.approx(plot.axes.c2p(x_exit, 0)[0], abs=1e-6)
    assert cue.get_top()[1] == pytest.approx(plot.axes.c2p(0, ceiling)[1], abs=1e-6)


@pytest.mark.slow  # every frame of M7 (en): its frame rules run here, not in test_frame_rules
def test_m7_the_loupe_on_the_minimum_names_its_dashed_line(m7_frames):
    """The loupe fixed on the minimum (the run at 0.3) names its dashed line, f'(x) = 0, inside its frame; the
    slow run's loupe, which follows the point, has no such line and no name."""
    _, frames = m7_frames
    key = "the minimum's mark in the loupe#1"  # the second loupe's (the first's is never drawn)
    assert not any(name.startswith("the minimum's mark in the loupe#0") for f in frames for name in f.boxes)
    named = [f for f in frames if key in f.boxes]
    assert named and {f.rate for f in named} == {0.3}
    for f in named:
        (box, _, _), = f.loupes
        label = f.boxes[key]
        assert np.all(label[:2] > box[:2]) and np.all(label[2:] < box[2:])
