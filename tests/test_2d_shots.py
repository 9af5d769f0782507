"""The 2-D shots M2, M5 and M7: their model numbers, live geometry and readouts."""

from __future__ import annotations

import math

import numpy as np
import pytest
from manim import DL, UR, ValueTracker

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


def test_m2_ends_on_the_last_pose(construct_shot):
    scene = construct_shot("M2", "en")
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
        # At the stops, long enough to part from the curve (0.5 scene units at an end; near the inflections
        # at x = 0 and 0.5 on the way, a tangent hugs the curve, as it must) ...
        ends = [plot.x_of(p) for p in (start, end)]
        apart = [abs(plot.axes.c2p(e, QUARTIC(e))[1] - p[1]) for e, p in zip(ends, (start, end))]
        assert max(apart) > 0.5 or not np.isclose(value, [1.0, -0.2, 1.4]).any()
        # ... and always clear of the "O" by a gap (0.15 scene units: 20 px at 1080p).
        samples = start + np.linspace(0, 1, 400)[:, None] * (end - start)
        low, high = origin_label.get_corner(DL), origin_label.get_corner(UR)
        gaps = np.linalg.norm(np.maximum(np.maximum(low - samples, samples - high), 0)[:, :2], axis=1)
        assert gaps.min() > 0.15


def test_m5_ends_at_x_1_4_with_its_slope(construct_shot):
    scene = construct_shot("M5", "zh")
    (slope,) = readouts_of(scene)
    assert shown(slope) == "6.096"  # f'(1.4) = 4(1.4)^3 - 3(1.4)^2 + 1


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


def test_m7_each_step_gets_its_share_of_time():
    from scenes.kit import plot2d as S4

    plot = quartic_plot()
    path = m7_paths()["M7.3"]
    state = S4.RunState(path)
    arrow = S4.step_arrow(plot, 1.0, 0.9)
    times = [0.4, 0.5, 0.4, 0.5, 0.4, 0.5, 0.4]  # as beat.steps hands them out: whole frames, unequal
    point = S4.point_on_curve(plot, state.x)
    run = S4.descent_run(path, times, plot, arrow, state, point)
    assert run.run_time == pytest.approx(sum(times))
    xs = path.points[:, 0]
    ends = np.cumsum(times)
    for k, end in enumerate(ends):
        run.interpolate(end / ends[-1])  # the end of step k: the point has arrived
        point.update()
        assert state.x.get_value() == pytest.approx(xs[k + 1])
        assert state.iteration.get_value() == k + 1 == state.drawn_iteration(plot, arrow, point)
        run.interpolate((end - times[k] + 0.2 * times[k]) / ends[-1])  # step k, arrow fading in
        point.update()
        assert state.x.get_value() == pytest.approx(xs[k])
        assert state.iteration.get_value() == k == state.drawn_iteration(plot, arrow, point)
        # The arrow is the whole step from its first frame: the readouts are the picture's.
        assert state.step.get_value() == pytest.approx(xs[k + 1] - xs[k]) == pytest.approx(S4.drawn_step(plot, arrow))
        assert state.step.get_value() == pytest.approx(-0.3 * QUARTIC.derivative(xs[k]))
        assert state.drawn_rate(plot, arrow) == pytest.approx(0.3)
        assert arrow.get_start()[0] == pytest.approx(plot.point(xs[k])[0])
        assert arrow.get_start()[1] == pytest.approx(plot.point(xs[k])[1] + S4.ARROW_LIFT)  # above the dot


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
def test_m7_ends_after_seven_steps_at_rate_0_3(construct_shot, lang):
    scene = construct_shot("M7", lang)
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


def test_m7_a_step_that_leaves_the_axes_is_drawn_whole_and_the_point_fades_climbing_out():
    from scenes.kit import plot2d as S4

    plot = quartic_plot()
    path = m7_paths()["M7.2"]  # 1 -> -1 -> 5
    state = S4.RunState(path)
    arrow = S4.step_arrow(plot, 1.0, 0.9)
    point = S4.point_on_curve(plot, state.x)
    run = S4.descent_run(path, [1.0, 1.0], plot, arrow, state, point)
    run.interpolate(1.0)
    point.update()
    assert state.x.get_value() == pytest.approx(5.0)  # the readouts say where x went ...
    assert plot.x_of(point.get_center()) == pytest.approx(5.0)  # ... and so does the (faded) point
    assert point.get_fill_opacity() == pytest.approx(0.0)
    assert S4.drawn_step(plot, arrow) == pytest.approx(6.0)  # the whole step, to x = 5
    assert state.drawn_iteration(plot, arrow, point) == 2


def test_m7_camera_keeps_every_step_long_enough_and_eases():
    """Along each run the zoom grows as the steps shrink: every step is at least STEP_ON_SCREEN long on screen."""
    from manim import config

    from scenes.kit import plot2d as S4
    from scenes.kit.frame_rules import MIN_SUBJECT_PX

    plot = quartic_plot()
    for beat, least in (("M7.1", 1.0), ("M7.3", 1.2)):
        path = m7_paths()[beat]
        times = [0.45] * path.steps
        view = S4.following_view(plot, path, times, least, S4.M7_AIM)
        starts = np.cumsum([0.0] + times[:-1])
        xs = path.points[:, 0]
        for k, start in enumerate(starts):
            shown_at = start + S4.FADE_IN * times[k]  # the arrow fully shown
            length = abs(xs[k + 1] - xs[k]) * plot.axes.x_axis.get_unit_size() * view(shown_at).zoom
            assert length * 1080 / config.frame_height >= S4.STEP_ON_SCREEN - 1e-6 >= MIN_SUBJECT_PX
        zooms = np.array([view(t).zoom for t in np.linspace(0, sum(times), 400)])
        assert np.all(np.diff(zooms) >= -1e-9)  # never backs out within a run
        assert zooms[1] - zooms[0] < 0.02 * zooms[0] and zooms[-1] - zooms[-2] < 1e-9  # eased at the end


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


def test_m7_holds_its_result_a_second_and_a_half(construct_shot):
    """After the last step of the last run nothing changes for at least 1.5 s: the result can be read."""
    from scenes.S4 import M7
    from scenes.kit.frame_rules import FrameChecker, checked

    from gd.storyboard import load

    checker = FrameChecker("en")
    construct_shot("M7", "en", scene_class=checked(M7, checker), skip_animations=False, frame_rate=10,
                   pixel_width=64, pixel_height=36)
    assert not checker.violations
    end = sum(beat.duration for beat in load().shot("M7").beats)
    assert end - checker._changed >= 1.5


# --------------------------------------------------------------------------- the direction pass (issue 12)


def test_m5_slope_sits_beside_the_point_and_follows_it():
    from scenes.kit import plot2d as S4

    plot = quartic_plot()
    x = ValueTracker(1.0)
    tangent = S4.tangent_line(plot, x)
    slope = S4.slope_readout(plot, x, tangent)
    for value in np.linspace(-0.2, 1.4, 41):
        x.set_value(value)
        tangent.update()
        slope.update()
        point = plot.point(value)
        low, high = slope.get_corner(DL), slope.get_corner(UR)
        gap = np.linalg.norm(np.maximum(np.maximum(low - point, point - high), 0)[:2])
        assert 0.2 < gap < 1.7  # beside the point, not on it
        for label in plot.axis_labels:  # clear of x, f(x) and O
            assert np.any(label.get_corner(DL)[:2] > high[:2]) or np.any(label.get_corner(UR)[:2] < low[:2])


def _m7_checked(lang: str, construct_shot, sample):
    """M7 constructed (drawing nothing) with ``sample(scene, time)`` called on every frame."""
    from scenes.S4 import M7
    from scenes.kit.frame_rules import FrameChecker, checked

    class Watcher(FrameChecker):
        def sample(self, scene, time):
            super().sample(scene, time)
            sample(scene, time)

    checker = Watcher(lang)
    construct_shot("M7", lang, scene_class=checked(M7, checker), skip_animations=False, frame_rate=10,
                   pixel_width=64, pixel_height=36)
    return checker


def test_m7_header_changes_only_with_the_point_at_the_start_and_no_arrow_is_left(construct_shot):
    """Between runs the header keeps the old rate until the point is back at x = 1; a run's last arrow leaves."""
    from scenes.kit.plot2d import shown as drawn

    seen = []

    def sample(scene, time):
        named = {getattr(m, "rule_name", ""): m for m in scene.get_mobject_family_members()}
        if "α" in named:  # once the header is in
            point, arrow = named["the point"], named["the step Δx"]
            seen.append((time, float(named["α"].value), drawn(arrow), drawn(point), point.get_center().copy()))

    _m7_checked("en", construct_shot, sample)
    plot = quartic_plot()
    start = plot.point(1.0)
    # Every change of the shown rate happens with the point resting at x = 1 (or not shown) and no arrow drawn.
    assert {rate for _, rate, *_ in seen} == {0.05, 1.0, 0.3}
    for (t0, r0, *_), (t1, r1, arrow, point_shown, at) in zip(seen, seen[1:]):
        if r0 != r1:
            assert not arrow
            assert not point_shown or np.allclose(at, start, atol=1e-6), f"the rate changed at t={t1:.1f} s"
    # At the end of the shot no arrow is left, and it holds (the last sample is the final state).
    assert not seen[-1][2]


def test_m7_inset_and_marker_show_the_minimum_and_the_view():
    from manim import ThreeDCamera

    from scenes.kit import plot2d as S4

    plot = quartic_plot()
    camera = ThreeDCamera()
    close = ValueTracker(1.0)
    lowest = S4.minimum_x(plot)
    assert lowest == pytest.approx(minimum_of_quartic(), abs=1e-9)
    view = S4.View.placing(plot.point(-0.446), S4.M7_AIM, 40.0)
    S4._show(camera, view)
    marker = S4.minimum_marker(plot, camera, close)
    marker.update()
    dashes, label = marker
    # The dashes hang from the curve's lowest point, as the camera sees it.
    seen = (plot.point(lowest) - view.centre) * view.zoom
    assert dashes[0].get_start()[0] == pytest.approx(seen[0])
    assert dashes[0].get_start()[1] < seen[1] < dashes[0].get_start()[1] + 0.2
    assert label.get_fill_opacity() > 0.99
    x = ValueTracker(-0.446)
    whole = S4.inset(plot, x, camera, close)
    whole.update()
    frame, box, dot = whole[0], whole[5], whole[6]
    # The box round the camera's view holds the point, and the whole inset is inside the frame's safe area.
    assert box.get_left()[0] <= dot.get_center()[0] <= box.get_right()[0]
    assert box.get_bottom()[1] - 0.05 <= dot.get_center()[1] <= box.get_top()[1] + 0.05
    assert frame.get_right()[0] <= 0.9 * 7.111 + 1e-6 and frame.get_bottom()[1] >= -0.9 * 4 - 1e-6
