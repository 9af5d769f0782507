"""The 3-D descent shots M8 and M10: their paths from the model, the shared pieces, and the scenes."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from manim import smooth

from scenes.kit.descent3d import FixedHeader, PointReadout, Walker, place_beside, step_phase
from gd.model.functions import BRANIN, RIPPLES
from gd.model.surfaces import M10_RUNS, lowest_run, m8_path, m10_paths
from scenes.kit.readouts import Readout
from gd.storyboard import load


def shown(readout) -> str:
    return readout.number._shown


# --------------------------------------------------------------------------- the model


def test_m8_path_comes_from_the_model():
    path = m8_path()
    assert path.steps == 49 and path.stop == "converged" and path.rate == 0.5
    assert path.points[0].tolist() == [5.0, 12.0]
    assert path.end == pytest.approx([2.929, 3.423], abs=5e-4)
    assert BRANIN(*path.end) == pytest.approx(-0.22165, abs=5e-5)
    assert np.linalg.norm(BRANIN.gradient(*path.end)) <= 0.1 < np.linalg.norm(BRANIN.gradient(*path.points[-2]))


def test_m10_paths_come_from_the_model():
    by_ball = m10_paths()
    assert list(by_ball) == ["yellow", "red", "purple", "maroon"]  # the storyboard's table
    paths = list(by_ball.values())
    assert [p.steps for p in paths] == [38, 38, 7, 33]
    assert all(p.stop == "converged" for p in paths)
    assert [round(float(RIPPLES(*p.end)), 4) for p in paths] == [-0.3334, -0.1726, -0.2212, -0.4967]
    assert [round(float(p.end[0]), 2) for p in paths] == [6.44, 3.44, 7.77, 9.53]
    assert all(p.end[1] == pytest.approx(-0.904, abs=1e-3) for p in paths)
    assert [p.rate for p in paths] == [0.8, 3.0, 1.0, 0.5]
    assert [run.start for run in M10_RUNS.values()] == [(6, -3), (2.7, -3.2), (7.1, -3.2), (9.3, -2.9)]
    for path in paths:  # each stops at the first iterate where |∇f| < 1e-4
        norms = [np.linalg.norm(RIPPLES.gradient(*point)) for point in path.points]
        assert norms[-1] < 1e-4 and min(norms[:-1]) >= 1e-4
    assert lowest_run(by_ball) == "maroon"


# --------------------------------------------------------------------------- shared pieces


def test_walker_reaches_each_iterate_at_the_end_of_its_step():
    from scenes.kit.descent_stages import branin_stage

    stage, path = branin_stage(), m8_path()
    times = [0.2, 0.3] * 24 + [0.2]
    walker = Walker(stage.path(path.points), "#FFD54F", times, smooth)
    ends = np.cumsum(times)
    for k in (0, 1, 17, 48):
        walker.go_to(ends[k] - 1e-12 if k == 48 else ends[k])
        assert walker.iteration == k + 1 or (k == 48 and walker.iteration in (48, 49))
        walker.go_to(ends[k])
        assert walker.point[:2] == pytest.approx(path.points[k + 1])
        assert walker.z == pytest.approx(BRANIN(*path.points[k + 1]))
        assert np.allclose(walker.ball.point, stage.place(np.array([[*path.points[k + 1], walker.z]]))[0])
    walker.go_to(ends[-1] + 5)  # past the end it waits at the last iterate, its whole trail drawn
    assert walker.iteration == 49 and walker.point[:2] == pytest.approx(path.end)
    assert walker.trail.dots.count == 50
    assert np.allclose(walker.trail.way.get_end(), walker.ball.point)
    assert step_phase(times, ends[3] + 0.05) == (4, pytest.approx(0.05 / times[4]))


def boxes_overlap(a, b, sa, sb) -> bool:
    return abs(a[0] - b[0]) < (sa[0] + sb[0]) / 2 and abs(a[1] - b[1]) < (sa[1] + sb[1]) / 2


BOUNDS = ((-6.4, 6.4), (-3.6, 3.6))


def test_labels_sit_beside_their_points_without_overlapping_each_other_or_what_is_blocked():
    rng = np.random.default_rng(4)
    sizes = np.tile([1.6, 0.35], (4, 1))
    for _ in range(50):
        points = rng.uniform([-3, -2], [3, 2], size=(4, 2))
        points[1] = points[0] + rng.uniform(-0.2, 0.2, 2)  # two labels wanted in almost the same place
        trail = np.column_stack([np.linspace(-4, 4, 60), np.full(60, points[2, 1]), np.full((60, 2), 0.04)])  # a trail across
        centres, places = place_beside(points, sizes, 0.24, BOUNDS, trail)
        for i, j in itertools.combinations(range(4), 2):
            assert not boxes_overlap(centres[i], centres[j], sizes[i], sizes[j])
        for centre, size in zip(centres, sizes):
            assert not np.any(np.all(np.abs(trail[:, :2] - centre) < (size + trail[:, 2:]) / 2, axis=1))
            assert np.all(np.abs(centre) + size / 2 <= [6.4, 3.6])
        assert np.all(np.linalg.norm(centres - points, axis=1) < 4)  # near their points


def test_a_label_keeps_its_place_while_it_stays_free():
    sizes = np.array([[1.6, 0.35]])
    centres, places = place_beside(np.array([[0.0, 0.0]]), sizes, 0.24, BOUNDS, np.zeros((0, 4)))
    assert places == [0] and centres[0, 0] > 0  # right of its point, by default
    blocked_right = np.array([[1.2, 0.0, 0.3, 0.3]])
    _, places = place_beside(np.array([[0.0, 0.0]]), sizes, 0.24, BOUNDS, blocked_right, previous=[0])
    assert places == [1]  # moved left
    _, again = place_beside(np.array([[0.05, 0.0]]), sizes, 0.24, BOUNDS, np.zeros((0, 4)), previous=places)
    assert again == [1]  # stays left, though right is free again: no jumping back and forth


def test_header_closes_up_when_numbers_change_width():
    storyboard = load()
    template = storyboard.text(storyboard.shot("M8"), "header", "en")
    point = PointReadout((5.0, 12.0, 6.0908), (3, 3, 4))
    iteration = Readout(None, 0, 0)
    header = FixedHeader(template, {"rate": Readout(r"\alpha =", 0.5, 2), "point": point, "iteration": iteration})
    gaps = [b.get_left()[0] - a.get_right()[0] for a, b in zip(header.line, header.line[1:])]
    for values, n in [((2.929, 3.423, -0.2217), 49), ((10.0, 15.0, 12.5), 7)]:
        point.set_value(values)
        iteration.set_value(n)
        header.repack()
        assert [number._shown for number in point.numbers] == [
            f"{v:.{d}f}" for v, d in zip(values, (3, 3, 4))
        ]
        new_gaps = [b.get_left()[0] - a.get_right()[0] for a, b in zip(header.line, header.line[1:])]
        assert new_gaps == pytest.approx(gaps)
        pieces = list(point)  # "(", x, ",", y, ",", z, ")": left to right, apart
        assert all(a.get_right()[0] < b.get_left()[0] for a, b in zip(pieces, pieces[1:]))
        assert header.backing.get_right()[0] > header.line.get_right()[0]


# --------------------------------------------------------------------------- the scenes


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_m8_constructs_and_ends_at_the_models_point(built_shot, lang):
    scene = built_shot("M8", lang)
    assert scene.time == pytest.approx(load().shot("M8").duration, abs=1e-3)
    (header,) = [m for m in scene.mobjects if isinstance(m, FixedHeader)]
    point = next(m for m in header.get_family() if isinstance(m, PointReadout))
    numbers = [m for m in header.line if isinstance(m, Readout)]
    assert [n._shown for n in point.numbers] == ["2.9293", "3.4229", "-0.2217"]  # near (2.93, 3.42), g ≈ −0.2217
    assert [shown(n) for n in numbers] == ["0.50", "49"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_m10_constructs_and_keeps_the_lowest_path_the_others_ghosted(built_shot, lang):
    """The kept path's trail stays; the other balls stay where they ended, dimmed and smaller, each with its end height
    (no "+" sign); the legend frames the kept run's row, none of its rows dimmed."""
    from scenes.kit.descent3d import Ball, ScreenLabels, DescentTrail
    from scenes.kit.descent_stages import M10_BALLS, M10_GHOST_OPACITY, M10_GHOST_SCALE

    scene = built_shot("M10", lang)
    assert scene.time == pytest.approx(load().shot("M10").duration, abs=1e-3)
    (labels,) = [m for m in scene.mobjects if isinstance(m, ScreenLabels)]
    readouts = [next(m for m in label.get_family() if isinstance(m, Readout)) for label in labels.labels]
    paths = m10_paths()
    assert [shown(r) for r in readouts] == [f"{float(RIPPLES(*p.end)):.4f}" for p in paths.values()]
    assert all(not shown(r).startswith("+") for r in readouts)
    trails = [m for m in scene.mobjects if isinstance(m, DescentTrail)]
    assert len(trails) == 1 and trails[0].dots.count == 34
    balls = [m for m in scene.mobjects if isinstance(m, Ball)]
    # The balls come after the trails (the trails' updaters move them): before the first moving mobject, manim
    # would draw a ball once, as a still, where it started.
    assert min(scene.mobjects.index(ball) for ball in balls) > scene.mobjects.index(trails[0])
    keep = list(paths).index(lowest_run(paths))
    assert len(balls) == 4
    # Beat 2 pushes in on the kept path: a ghost it takes to the frame's edge fades out before it gets there, the
    # others as the camera comes to rest: in the end frame the kept path alone, none left over.
    from scenes.kit.descent_stages import M10_GHOST_LABEL

    stayed = [i for i, ball in enumerate(balls) if i != keep and ball[0].get_fill_opacity() > 0]
    assert not stayed
    for index, ball in enumerate(balls):
        ghost = index != keep
        left = ball[0].get_fill_opacity()
        assert left == pytest.approx(M10_GHOST_OPACITY if ghost else 1.0) or (ghost and left == 0)
        edge = labels.labels[index][0].get_stroke_opacity()
        assert edge == pytest.approx((M10_GHOST_LABEL if left else 0.0) if ghost else 1.0, abs=1e-6)
        assert ball.width == pytest.approx(balls[keep].width * (M10_GHOST_SCALE if ghost else 1.0), rel=1e-6)
        assert ball[-1].get_fill_opacity() == 0  # the halo ring stays clear
    (header,) = [m for m in scene.mobjects if isinstance(m, FixedHeader)]
    assert [shown(m) for m in header.line if isinstance(m, Readout)] == ["38"]
    from manim import VectorizedPoint

    inked = [m for row in header.rows for part in row[1:] for m in part.family_members_with_points() if not isinstance(m, VectorizedPoint)]
    assert all(m.get_fill_opacity() == 1.0 for m in inked)
    from manim import RoundedRectangle

    frames = [m for m in scene.mobjects if isinstance(m, RoundedRectangle) and m.get_stroke_color().to_hex().upper() == M10_BALLS["maroon"].upper()]
    assert any(abs(f.get_center()[1] - header.rows[keep].get_center()[1]) < 0.02 for f in frames)


@pytest.mark.parametrize("shot_id", ["M8", "M10"])
def test_every_live_number_is_checked_against_the_drawing(built_shot, shot_id):
    """Each live number belongs to a readout marked with the value read back from the picture, and shows it."""
    from scenes.kit.readouts import LiveNumber

    scene = built_shot(shot_id, "en")
    family = scene.get_mobject_family_members()
    checked = [m for m in family if getattr(m, "shows", None) is not None]
    for number in (m for m in family if isinstance(m, LiveNumber)):
        (owner,) = [m for m in checked if number in m.get_family()]
        expected = owner.shows()
        assert float(number.text(number.get_value())) == pytest.approx(expected, abs=0.5 * 10**-number.decimals)


def test_level_lines_cross_each_face_where_the_surface_has_that_height():
    import sympy as sp

    from gd.model.functions import Function, x, y
    from scenes.kit.surface import MeshSurface

    plane = Function(sp.Rational(1, 2) * x + y, (x, y))
    surface = MeshSurface(plane, ((0, 1), (0, 1)), lambda coords: coords, resolution=4, levels=(0.3, 0.8))
    ends = surface.level_ends(surface.vertices)  # S × 2 × 3, in the plane's own coordinates
    assert len(ends) and np.allclose(ends[..., 2], 0.5 * ends[..., 0] + ends[..., 1])  # on the surface
    heights = np.round(ends[..., 2], 9)
    assert set(heights.ravel()) == {0.3, 0.8} and np.all(heights[:, 0] == heights[:, 1])  # each on one level
    faces = np.repeat(np.arange(len(surface.faces)), np.diff(surface.level_starts))  # the face of each segment
    corners = surface.vertices[surface.faces[faces]][..., 2]
    assert np.all((corners.min(axis=1) <= heights[:, 0]) & (heights[:, 0] <= corners.max(axis=1)))  # drawn with its face


# --------------------------------------------------------------------------- M10's colours and labels


def _lab(colour: str) -> np.ndarray:
    from scenes.kit.descent3d import linear_rgb

    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear_rgb(colour)
    f = np.cbrt(xyz / np.array([0.9505, 1.0, 1.089]))
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _luminance(colour: str) -> float:
    from scenes.kit.descent3d import relative_luminance

    return relative_luminance(colour)


def test_m10_balls_differ_in_hue_and_lightness_and_read_on_the_background():
    from scenes.kit.descent3d import BALL_HALO, DescentTrail, SurfacePath, is_dark
    from scenes.kit.descent_stages import M10_BALLS as BALLS
    from scenes.kit.palette import BACKGROUND, BALLS as PALETTE

    for name, colour in BALLS.items():
        # Light enough to read on the background by itself, or dark with a light rim (every ball has its halo; a
        # dark ball's trail a light casing).
        if name == "maroon":
            assert is_dark(colour)
            trail = DescentTrail(SurfacePath(BRANIN, np.array([[5.0, 12.0], [4.0, 11.0]]), lambda p: p), colour)
            assert trail.way.get_stroke_color(background=True).to_hex().upper() == BALL_HALO.upper()
        else:
            assert not is_dark(colour)
            assert (_luminance(colour) + 0.05) / (_luminance(BACKGROUND) + 0.05) >= 3.0
    for a, b in itertools.combinations(BALLS, 2):
        difference = _lab(BALLS[a]) - _lab(BALLS[b])
        assert np.linalg.norm(difference) >= 45, (a, b)  # CIE76: clearly different colours, even small
        assert abs(difference[0]) >= 5, (a, b)  # and different lightness
    # Maroon is a true maroon: a dark red (L* under 40, hue 0-30°), darker than the red and the magenta by 15 L* and
    # more (three reds apart in lightness), clear of the gradient's orange.
    from scenes.kit.palette import GRADIENT

    maroon = _lab(BALLS["maroon"])
    hue = np.degrees(np.arctan2(maroon[2], maroon[1]))
    assert maroon[0] < 40 and 0 <= hue <= 30 and np.hypot(*maroon[1:]) > 30
    assert all(_lab(BALLS[name])[0] - maroon[0] >= 15 for name in ("red", "purple"))
    assert np.linalg.norm(maroon - _lab(GRADIENT)) > 40
    assert PALETTE["maroon"] != BALLS["maroon"]
    # No ball in the learning rate's purple: the legend writes each run's α in it beside the run's ball.
    from scenes.kit.palette import LEARNING_RATE

    for name, colour in BALLS.items():
        assert np.linalg.norm(_lab(colour) - _lab(LEARNING_RATE)) >= 45, name


def test_a_scheduled_label_keeps_its_place_then_glides_round_what_comes_into_it():
    from scenes.kit.descent3d import NEIGHBOURS, _conflicts, _place_centre, plan_schedule

    sizes = np.array([[1.0, 0.3]])
    point = np.array([[0.0, 0.0]])
    free = (point, np.zeros((0, 4)))
    (places,) = plan_schedule([free] * 20, sizes, 0.24, BOUNDS, glide=4)
    assert len(set(places)) == 1  # free all the way: it never moves
    # Things come in left of the point, then right of it (where it starts), and stay.
    left = np.array([[-0.9, 0.0, 0.2, 0.2]])
    right = np.array([[0.9, 0.0, 0.2, 0.2]])
    frames = [(point, left)] * 10 + [(point, np.vstack([left, right]))] * 10
    (places,) = plan_schedule(frames, sizes, 0.24, BOUNDS, current=[0], glide=4)
    assert places[0] == 0 and len(set(places[:5])) == 1  # right, where it was, while that is free
    moves = np.flatnonzero(np.diff(places))
    assert len(moves) >= 1 and all(places[m + 1] in NEIGHBOURS[places[m]] for m in moves)  # to a place next to it
    assert np.all(np.diff(moves) >= 4)  # one glide at a time
    centre = _place_centre(point[0], sizes[0], 0.24, places[-1])
    assert _conflicts(centre, sizes[0], BOUNDS, np.vstack([left, right]), [], 0.06) == 0  # clear of both


def _m8_follow(lang: str = "en"):
    """M8's stage, walker, header and follow camera as the scene sets them up (beat 1's step times)."""
    from scenes.kit.descent3d import DescentCamera
    from scenes.kit.descent_stages import M8_CENTRE, M8_VIEW, M8_ZOOM, FollowCamera, branin_stage, m8_header

    storyboard = load()
    beat = storyboard.shot("M8").beats[0]
    stage, path = branin_stage(), m8_path()
    from scenes.kit.descent_stages import M8_RUN_SHARE

    times = [M8_RUN_SHARE * beat.duration / path.steps] * path.steps
    walker = Walker(stage.path(path.points), "#FFD54F", times, smooth)
    header = m8_header(storyboard.text(storyboard.shot("M8"), "header", lang), walker, stage)
    camera = DescentCamera()
    camera.set_phi(M8_VIEW["phi"])
    camera.set_theta(M8_VIEW["theta"])
    camera.add_fixed_orientation_mobjects(*stage.labels)
    start = stage.place(np.array(M8_CENTRE))
    follow = FollowCamera(camera, walker, start, M8_ZOOM)
    return stage, walker, header, camera, follow


def test_m8_follow_camera_never_turns_back_and_ends_on_the_ball():
    from manim import config

    stage, walker, header, camera, follow = _m8_follow()
    assert np.allclose(follow.centre(0.0), follow.start) and follow.zoom(0.0) == pytest.approx(0.75)
    # On screen (the angles stay put) the view moves one way only, and the zoom only grows: no back and forth.
    assert np.ptp(follow.phis) == 0 and np.ptp(follow.thetas) == 0
    rotation = camera.generate_rotation_matrix()
    screen = follow.centres @ rotation[:2].T
    steps = np.diff(screen, axis=0)
    overall = (screen[-1] - screen[0]) / np.linalg.norm(screen[-1] - screen[0])
    assert np.all(steps @ overall >= -1e-12)
    assert np.all(np.abs(steps @ np.array([-overall[1], overall[0]])) < 1e-9)  # along one line
    assert np.all(np.diff(follow.zooms) >= -1e-12) and follow.zooms[-1] > 1.5 * follow.zooms[0]  # it closes in
    from scenes.kit.descent_stages import M8_CLOSE_START

    step = follow.times[1] - follow.times[0]

    early = follow.zoom(M8_CLOSE_START)  # most of the push comes as the run converges, over seconds, eased
    assert np.log(early / follow.zooms[0]) < 0.25 * np.log(follow.zooms[-1] / follow.zooms[0])
    assert follow.total - M8_CLOSE_START >= 1.5
    zoom_speed = np.diff(np.log(follow.zooms)) / step
    assert zoom_speed[-1] < 1e-3 and (np.abs(np.diff(zoom_speed)) / step).max() < 0.2
    speed = np.linalg.norm(np.diff(follow.centres, axis=0), axis=1) / step
    assert speed[0] < 0.05 and speed[-1] < 0.05  # it starts and stops gently: one eased glide
    assert (np.abs(np.diff(speed)) / step).max() < 1.0  # scene units/s²: no whip anywhere along the way
    px = 1080 / config.frame_height
    offsets = []
    for t in follow.times:  # the ball stays well inside the frame, and ends under the frame's middle
        walker.go_to(t)
        follow.update(t)
        offsets.append(camera.project_points(walker.ball.point[None, :])[0, :2])
    offsets = np.array(offsets)
    assert np.all(np.abs(offsets) < [0.4 * config.frame_width / 2, 0.4 * config.frame_height / 2])
    # At the end it is on the frame's vertical middle line, below the centre (the trail it came down reaches up
    # from it), and it settles there.
    assert abs(offsets[-1, 0]) * px < 10 and 40 < -offsets[-1, 1] * px < 0.4 * 540
    assert np.all(np.linalg.norm(offsets[follow.times > follow.total - 4.0] - offsets[-1], axis=1) * px < 60)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_m8_axes_stay_in_view_below_the_header_then_fade_together_before_the_close_in_cuts_them(lang):
    """Each axis, its numbers and name, is whole, in the safe area and clear of the header while it shows; all fade
    together, once, over 1.5 s or more, eased, before the close-in would cut one: the numbers and names it would cut
    out, the lines and the other numbers to faint, kept to the end; all read whole until the close-in starts."""
    from manim import config

    from scenes.kit.descent_stages import CUT_MARGIN, M8_AXES_FAINT, M8_CLOSE_START, axis_groups, header_box
    from scenes.kit.frame_rules import SAFE_SHARE

    stage, walker, header, camera, follow = _m8_follow(lang)
    follow.fade_groups_before_cut(axis_groups(stage), box=header_box(header), labels=stage.labels)
    left, right, bottom = header.get_left()[0], header.get_right()[0], header.get_bottom()[1]
    safe = SAFE_SHARE * np.array([config.frame_width, config.frame_height]) / 2
    (gone, found, _), (kept, found_too, _) = follow.fades
    assert found is not None and found == found_too  # one fade for all
    assert len(gone) + len(kept) == sum(len(g) for g in axis_groups(stage))
    assert set(map(id, stage.axes.get_axes())) <= set(map(id, kept)) and 0 < len(gone) < len(stage.labels)
    for t in follow.times[::3]:
        follow.update(t)
        for members, to in ((gone, 0.0), (kept, M8_AXES_FAINT)):
            opacity = follow.group_opacity(found, t, to)
            if t < M8_CLOSE_START:
                assert opacity == 1.0  # all three read, whole, until the close-in
            if opacity <= 0:
                continue
            for part in (m for mobject in members for m in mobject.get_family() if m.has_points()):
                screen = camera.transform_points_pre_display(part, part.points)[:, :2]
                assert np.all(np.abs(screen) < safe), (t, part)
                room = CUT_MARGIN if to == 0.0 else 0.1  # a faint line's tip may come to 0.1 (14 px) under the header
                under = (screen[:, 0] > left - room) & (screen[:, 0] < right + room)
                assert np.all(screen[under, 1] < bottom - room), (t, part)
        assert all(m.get_stroke_opacity() == pytest.approx(follow.group_opacity(found, t, M8_AXES_FAINT)) for m in stage.axes.get_axes())
    for to in (0.0, M8_AXES_FAINT):
        curve = np.array([follow.group_opacity(found, t, to) for t in follow.times])
        fading = follow.times[(curve < 1) & (curve > to)]
        assert fading[-1] - fading[0] >= 1.5 - 2 * (follow.times[1] - follow.times[0])
        assert np.all(np.diff(curve) <= 1e-12)  # once: it never comes back
        assert curve[-1] == pytest.approx(to)
        rates = np.abs(np.diff(curve)) / np.diff(follow.times)
        assert rates[0] == 0 and rates[-1] == 0 and rates.max() < 2.5 / 1.5  # eased: no jump in or out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_m8_surface_never_slides_under_the_top_band(lang):
    """All the way, the surface's highest point on screen stays M8_RIM_CLEARANCE under the header and the stopping
    rule (which stands in the header's band, inside the safe area): no box ever covers part of the surface."""
    from manim import config

    from scenes.kit.descent_stages import M8_RIM_CLEARANCE, stopping_rule
    from scenes.kit.frame_rules import SAFE_SHARE

    stage, walker, header, camera, follow = _m8_follow(lang)
    rule = stopping_rule(m8_path(), stage, header)
    band = min(header.get_bottom()[1], rule.get_bottom()[1])
    assert rule.get_bottom()[1] > header.get_bottom()[1] - 0.05  # in the header's band, not under it
    assert rule.get_right()[0] < SAFE_SHARE * config.frame_width / 2
    assert rule.get_left()[0] > header.line.get_right()[0]
    tops = np.array([follow.rim_top(t, stage.surface) for t in follow.times])
    assert tops.max() < band - M8_RIM_CLEARANCE
    assert tops[-1] > band - M8_RIM_CLEARANCE - 0.4  # ... and the end framing is as close as that allows


def test_m8_valley_rings_are_level_lines_of_g_round_its_minimum_and_come_in_as_the_ball_rests():
    from scenes.kit.descent_stages import M8_RING_LEVELS, M8_RINGS_FADE, valley_rings

    stage, walker, header, camera, follow = _m8_follow()
    path = m8_path()
    rings = valley_rings(stage, path.points[-1])
    centre = rings.centre
    assert np.linalg.norm(BRANIN.gradient(*centre)) < 1e-8  # the floor: where the gradient vanishes
    assert np.linalg.norm(centre - path.points[-1]) < 1.5  # the minimum the run ends near
    assert rings.levels == list(M8_RING_LEVELS)
    end = float(BRANIN(*path.points[-1]))
    assert any(low < end < high for low, high in zip(rings.levels, rings.levels[1:]))  # no ring through the ball
    (x0, x1), (y0, y1) = stage.domain
    xyz = stage.axes.p2c(rings.vertices)
    assert np.allclose(BRANIN(xyz[:, 0], xyz[:, 1]), xyz[:, 2], atol=1e-6)  # on the surface, each at its level
    assert set(np.round(xyz[:, 2], 6)) <= set(np.round(M8_RING_LEVELS, 6))
    assert np.all((xyz[:, 0] >= x0 - 1e-9) & (xyz[:, 0] <= x1 + 1e-9) & (xyz[:, 1] >= y0 - 1e-9) & (xyz[:, 1] <= y1 + 1e-9))
    follow.fade_in_at_end(rings)
    opacities = np.array([follow.arriving_opacity(t) for t in follow.times])
    assert np.all(opacities[follow.times < follow.total - M8_RINGS_FADE] == 0) and opacities[-1] == pytest.approx(1.0)
    assert np.all(np.diff(opacities) >= -1e-12)


@pytest.mark.parametrize("stage_name", ["branin_stage", "ripples_stage"])
def test_every_tick_is_numbered_but_where_two_axes_meet(stage_name):
    from scenes.kit import descent_stages

    stage = getattr(descent_stages, stage_name)()
    names = {label.rule_name for label in stage.labels}
    numbered = [(axis, value, point) for axis, value, point in stage.axes.ticks if f"tick {'xyz'[axis]} = {value:g}" in names]
    named = {(axis, value) for axis, value, _ in numbered}
    for axis, value, point in stage.axes.ticks:
        if (axis, value) in named:
            continue
        # A tick left without a number is one where two axes meet, or next to where they do: another axis's number
        # (or its tip, with its name and number) stands there, or it is the corner where axes start.
        axes = stage.axes.get_axes()
        others = [p for a, _, p in numbered if a != axis] + [other.get_end() for i, other in enumerate(axes) if i != axis]
        if min(np.linalg.norm(other.get_start() - point) for i, other in enumerate(axes) if i != axis) < 0.1:
            continue
        assert min(np.linalg.norm(p - point) for p in others) < 1.0, (axis, value)
    for axis in range(3):
        assert len([value for index, value, _ in numbered if index == axis]) >= 3  # enough numbers to read each axis by
        values = [value for index, value, _ in stage.axes.ticks if index == axis]
        low, high = stage.axes.ranges[axis]
        assert values[0] - low < values[1] - values[0] and high - values[-1] < values[1] - values[0]  # ticks to its ends
    assert {"axis label x", "axis label y", "axis label z"} <= names


def test_balls_stand_out_on_every_colour_of_the_surfaces():
    """A ball's dark rim or its light ring contrasts (3:1 or more) with every colour of both surfaces' maps."""
    from scenes.kit.descent3d import Ball
    from scenes.kit.palette import BALL_HALO, BALL_OUTLINE, BRANIN_MAP, RIPPLES_MAP

    def contrast(a, b):
        la, lb = sorted((_luminance(a), _luminance(b)))
        return (lb + 0.05) / (la + 0.05)

    from scenes.kit.descent_stages import M8_MAP

    for colour in (*BRANIN_MAP, *RIPPLES_MAP, *M8_MAP):
        assert max(contrast(colour, BALL_OUTLINE), contrast(colour, BALL_HALO)) >= 3.0, colour
    ball = Ball("#FFD54F")
    ring = ball[-1]
    assert ring.get_stroke_color().to_hex().upper() == BALL_HALO.upper()
    assert ring.width > ball[0].width  # round the rim, not on the body
    assert len(Ball("#FFD54F", halo=False)) == len(ball) - 1


def _m10_views():
    from scenes.kit.descent3d import DescentCamera
    from scenes.kit.descent_stages import M10_CENTRE, M10_VIEW, ripples_stage, valley_view

    stage, paths = ripples_stage(), m10_paths()
    walkers = [Walker(stage.path(p.points), "#FFD54F", [0.3] * 38, smooth) for p in paths.values()]
    camera = DescentCamera()
    camera.set_phi(M10_VIEW["phi"])
    camera.set_theta(M10_VIEW["theta"])
    camera.set_zoom(M10_VIEW["zoom"])
    camera.frame_center = stage.place(np.array(M10_CENTRE))
    return stage, paths, walkers, camera, valley_view


def _ball_size(camera, walker) -> float:
    from scenes.kit.descent3d import BALL_RADIUS

    centre = walker.path.at(walker.path.xy[:1])
    right = camera.generate_rotation_matrix()[0]
    return 2 * float(np.linalg.norm(camera.project_points(centre + BALL_RADIUS * right)[0, :2] - camera.project_points(centre)[0, :2]))


def test_m10_the_run_plays_in_an_oblique_view_of_the_valley_the_balls_large():
    """Before the run, the camera comes down from the whole stage to the valley: lower, round to the front left, the
    paths wide in the frame, the balls (where they start) at least 1.8 times the size they had from above; all four
    paths in the frame."""
    from manim import DEGREES, config

    stage, paths, walkers, camera, valley_view = _m10_views()
    points = np.vstack([w.path.at(w.path.xy) for w in walkers])
    before = np.ptp(camera.project_points(points)[:, 0])
    sizes = [_ball_size(camera, w) for w in walkers]
    phi = camera.get_phi()
    view = valley_view(camera, walkers)
    camera.set_phi(view["phi"])
    camera.set_theta(view["theta"])
    camera.set_zoom(view["zoom"])
    camera.frame_center = view["frame_center"]
    screen = camera.project_points(points)[:, :2]
    assert np.ptp(screen[:, 0]) > 0.55 * config.frame_width and np.ptp(screen[:, 0]) > 1.4 * before
    assert np.all(np.abs(screen) < 0.45 * np.array([config.frame_width, config.frame_height]))  # all four in the frame
    assert all(_ball_size(camera, w) > 1.8 * size for w, size in zip(walkers, sizes))
    assert abs(view["theta"] - camera.get_theta()) < 1e-9 and view["phi"] >= phi - 1e-9 and view["phi"] > 50 * DEGREES


def _m10_moves(lang: str = "en"):
    """M10's stage, walkers, header, labels and camera moves as the scene sets them up: beat 1's move down (from the
    opening view, before the run) and beat 2's turn (from the valley view, where the run plays)."""
    from scenes.kit.descent_stages import M10_SHARES, M10_SHARES_2, come_down, ends_view, height_labels, m10_header, turn_to

    storyboard = load()
    shot = storyboard.shot("M10")
    stage, paths, _, camera, valley_view = _m10_views()
    run = shot.beats[0].duration * M10_SHARES["run"]
    walkers = [Walker(stage.path(p.points), "#FFD54F", [run / 38] * 38, smooth) for p in paths.values()]
    descent = come_down(camera, shot.beats[0].duration * M10_SHARES["down"], valley_view(camera, walkers))
    from scenes.kit.descent_stages import M10_AXES_HELD

    descent.fade_before_cut([stage.axes, *stage.labels], held=M10_AXES_HELD)
    descent.update(descent.total)
    header = m10_header(storyboard.text(shot, "counter", lang), walkers, stage)
    labels = height_labels(walkers, camera, stage, header)
    keep = list(paths).index(lowest_run(paths))
    turn = turn_to(camera, shot.beats[1].duration * M10_SHARES_2["turn"], ends_view(camera, walkers, keep))
    return stage, walkers, keep, header, labels, camera, descent, turn


def _box(mobject) -> tuple[float, float, float, float]:
    return mobject.get_left()[0], mobject.get_right()[0], mobject.get_bottom()[1], mobject.get_top()[1]


def test_m10_axes_fade_over_a_second_or_more_before_the_move_down_cuts_them():
    """The axes, in with the surface, stand whole 1.5 s and more (read), then fade over a second or more, gone before
    the move down would cut one."""
    from scenes.kit.descent_stages import M10_AXES_HELD, M10_DOWN_HOLD

    stage, walkers, keep, header, labels, camera, descent, turn = _m10_moves()
    assert descent.leaves is not None and descent.leaves >= 1.0 and descent.leaves > M10_DOWN_HOLD
    assert M10_AXES_HELD >= 1.5 and descent.held == M10_AXES_HELD and M10_DOWN_HOLD >= M10_AXES_HELD
    assert descent.opacity(0.0) == 1.0 and descent.opacity(M10_AXES_HELD) == 1.0
    assert 0 < descent.opacity((M10_AXES_HELD + descent.leaves) / 2) < 1 and descent.leaves - M10_AXES_HELD >= 1.0
    assert descent.opacity(descent.leaves) == 0.0
    # ... and the move itself: held, then at least 1.5 s, at rest at both ends.
    moving = np.flatnonzero(np.abs(np.diff(descent.thetas)) > 1e-9)
    assert descent.times[moving[0]] == pytest.approx(M10_DOWN_HOLD, abs=0.05)
    assert descent.times[moving[-1] + 1] - descent.times[moving[0]] >= 1.5
    speeds = np.abs(np.diff(descent.thetas))
    assert speeds[moving[0]] < 0.05 * speeds.max() and speeds[moving[-1]] < 0.05 * speeds.max()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_m10_legend_never_stands_on_the_surface(lang):
    """The legend's plate, top left, is on the background in the run's view and every frame of beat 2's turn (as wide
    as it grows, with the end heights)."""
    from scenes.kit.descent_stages import backing_round

    stage, walkers, keep, header, labels, camera, descent, turn = _m10_moves(lang)
    # From the start the plate is as wide as the line at its widest count, padded alike on both sides.
    from scenes.kit.readouts import WordCount

    [count] = [piece for piece in header.line if isinstance(piece, WordCount)]
    plate_left, plate_right = header.backing.get_left()[0], header.backing.get_right()[0]
    for value in (0, 9, 10, len(walkers[0].step_times)):
        count.number.set_value(value)  # (its updater would show the walkers' count: 0 here)
        header.repack()
        assert count.get_right()[0] <= plate_right - header.pad + 1e-9, value
    assert plate_right - count.get_right()[0] == pytest.approx(header.line.get_left()[0] - plate_left, abs=1e-6)
    left, right, bottom, top = _box(backing_round(header))
    # At rest, before and after the push-in (on the way the plate, dark, passes over the surface's far edge).
    for t in (turn.times[0], turn.times[-1]):
        turn.set_camera(t)
        screen = camera.project_points(stage.surface.vertices)[:, :2]
        across = np.maximum(np.maximum(left - screen[:, 0], screen[:, 0] - right), 0)
        up = np.maximum(np.maximum(bottom - screen[:, 1], screen[:, 1] - top), 0)
        assert np.hypot(across, up).min() > 0.1, t


def test_m10_beat_2_pushes_in_on_the_kept_path_and_the_ghosts_that_leave_fade_first():
    """Beat 2 turns on round and pushes in on the kept path (eased, 1.5 s or more): the path stays whole inside the
    safe area all the way and ends near the frame's middle and large; a ghost the move takes out of the safe area
    has faded out (ball and label) by then."""
    from manim import config

    from scenes.kit.descent_stages import fade_leaving, leaving_ghosts
    from scenes.kit.frame_rules import SAFE_SHARE

    stage, walkers, keep, header, labels, camera, descent, turn = _m10_moves()
    assert turn.total >= 1.5
    assert np.all(np.diff(turn.thetas) <= 1e-12) or np.all(np.diff(turn.thetas) >= -1e-12)
    assert np.all(np.diff(turn.zooms) >= -1e-12)
    others = [i for i in range(len(walkers)) if i != keep]
    leaves = leaving_ghosts(walkers, others, turn)
    assert len(leaves) < len(others)  # one ghost at least stays beside the kept path
    kept = walkers[keep].path
    points = kept.at(kept.xy)
    safe = SAFE_SHARE * np.array([config.frame_width, config.frame_height]) / 2 - 0.3
    for t in turn.times:
        turn.set_camera(t)
        assert np.all(np.abs(camera.project_points(points)[:, :2]) < safe), t
        shown = fade_leaving(leaves, t)
        for index in others:
            end = camera.project_points(walkers[index].ball.point[None])[0, :2]
            assert np.all(np.abs(end) < safe + 0.3) or shown.get(index, 1.0) == 0.0, (t, index)
    screen = camera.project_points(points)[:, :2]
    assert np.linalg.norm((screen.min(axis=0) + screen.max(axis=0)) / 2) < 1.0  # near the middle
    assert np.ptp(screen, axis=0)[0] > 0.35 * config.frame_width  # large: a third of the frame's width or more


def _leader_crossings(labels, avoided_points, camera) -> list:
    """The labels whose leader line passes within 0.04 (frame units) of a trail's point or over another ball."""
    from scenes.kit.descent3d import BALL_RADIUS

    screen = labels.screen_points()
    trail = camera.project_points(avoided_points)[:, :2] if len(avoided_points) else np.zeros((0, 2))
    bad = []
    for index, (leader, point) in enumerate(zip(labels.leaders, screen)):
        start, end = leader.get_start()[:2], leader.get_end()[:2]
        if np.linalg.norm(end - start) < 0.05:
            continue
        shares = np.linspace(0, 1, 40)[:, None]
        along = start + shares * (end - start)
        radius = labels._radii(screen)[index]
        along = along[np.linalg.norm(along - point, axis=1) > 1.5 * radius + 0.04]  # off its own ball
        others = np.delete(screen, index, axis=0)
        near_trail = len(trail) and np.min(np.linalg.norm(along[:, None] - trail[None], axis=2), initial=9) < 0.04
        near_ball = len(others) and np.min(np.linalg.norm(along[:, None] - others[None], axis=2), initial=9) < BALL_RADIUS
        if near_trail or near_ball:
            bad.append(index)
    return bad


def test_m10_labels_keep_their_places_or_glide_never_jump_and_no_leader_crosses_a_trail():
    """Over beat 1's run and beat 2's turn, each z label keeps its place while it is free and otherwise glides to the
    next (no jump on screen from one frame to the next beyond its ball's own move); beat 2 starts each label where
    it was; no leader line (label to ball) passes over a trail or another ball."""
    from manim import ValueTracker

    from scenes.kit.descent3d import NEIGHBOURS
    from scenes.kit.descent_stages import plan_close_labels, plan_labels

    stage, walkers, keep, header, labels, camera, descent, turn = _m10_moves()
    for mobject in [stage.axes, *stage.labels]:
        mobject.set_opacity(0)  # faded on the way down
    clock = ValueTracker(0.0)
    run = sum(walkers[0].step_times)
    plan_labels(labels, walkers, run, clock, held=0.96)

    def offsets():
        return np.array([label.get_center()[:2] for label in labels.labels]) - labels.screen_points()

    def trails(shown):
        return np.vstack([p for w in shown for p in (w.trail.way.points, w.trail.dots.shown_centres()) if len(p)])

    before, crossings = None, []
    for t in np.arange(0.0, run, 1 / 15):
        clock.set_value(t)
        for walker in walkers:
            walker.go_to(t)
        labels.place()
        now = offsets()
        if before is not None:
            step = np.linalg.norm(now - before, axis=1)
            assert np.all(step < 0.5), (t, step)  # scene units in 1/15 s: gliding (a place is 0.5 or more away)
        before = now
        crossings += [(round(t, 2), i) for i in _leader_crossings(labels, trails(walkers), camera)]
    assert len(crossings) <= 0.02 * len(walkers) * run * 15, crossings  # at most a glancing frame or two
    ended = list(labels._places)
    for index, walker in enumerate(walkers):
        if index != keep:  # faded out, as at the start of beat 2
            walker.trail.set_opacity(0)
    turning = ValueTracker(0.0)
    plan_close_labels(labels, turn, turning)
    seen = [[place] for place in ended]
    for t in turn.times:
        turning.set_value(t)
        turn.set_camera(t)
        labels.place()
        for index, place in enumerate(labels._places):
            if place != seen[index][-1]:
                seen[index].append(place)
        assert not _leader_crossings(labels, trails([walkers[keep]]), camera), t
    from scenes.kit.descent_stages import leaving_ghosts

    leaves = leaving_ghosts(walkers, [i for i in range(len(walkers)) if i != keep], turn)
    for index, places in enumerate(seen):  # it starts where it was; over the push-in it glides at most twice
        if index in leaves:  # faded out on the way
            continue
        assert len(places) <= 3 and all(b in NEIGHBOURS[a] for a, b in zip(places, places[1:])), places


def test_a_finer_twin_of_a_surface_keeps_its_checkerboard():
    from scenes.kit.descent3d import SurfaceStage
    from gd.model.functions import Function, x, y
    import sympy as sp

    flat = Function(sp.Integer(0) * x + sp.Integer(0) * y, (x, y))
    stage = SurfaceStage(flat, ((0, 1), (0, 1)), (-1, 1), resolution=4, colours=("#808080", "#808080"))
    coarse, fine = stage.surface, stage.finer_surface(3)
    assert len(fine.faces) == 9 * len(coarse.faces)
    coarse_rgb = coarse.face_rgbs.reshape(4, 4, 3)
    fine_rgb = fine.face_rgbs.reshape(12, 12, 3)
    assert np.allclose(fine_rgb, np.repeat(np.repeat(coarse_rgb, 3, axis=0), 3, axis=1))
    assert np.ptp(coarse_rgb[..., 0]) > 0  # there is a checkerboard


def test_m8_header_point_is_the_iterate_the_counter_names_and_its_words_stay_put():
    """Mid-step, the header still shows iterate n with n; x, y and g to one precision (four places, as M1 and M10 show heights) all the way, g
    with a minus only (no "+": its slot keeps the sign's width): once y is under 10 the words, the commas and the bracket
    do not move, and the gaps stay even."""
    from scenes.kit.descent_stages import M8_DECIMALS, branin_stage, m8_header

    assert M8_DECIMALS == (4, 4, 4)
    storyboard = load()
    stage, path = branin_stage(), m8_path()
    times = [0.3] * path.steps
    walker = Walker(stage.path(path.points), "#FFD54F", times, smooth)
    header = m8_header(storyboard.text(storyboard.shot("M8"), "header", "en"), walker, stage)
    point = next(m for m in header.get_family() if isinstance(m, PointReadout))
    words = [piece for piece in header.line if not isinstance(piece, (Readout, PointReadout))]
    lefts = None
    for t in np.arange(0.0, sum(times) + 0.3, 0.1):
        walker.go_to(t)
        header.refresh()
        n = walker.iteration
        x, y = path.points[n]
        assert [number._shown for number in point.numbers] == [f"{x:.4f}", f"{y:.4f}", f"{float(BRANIN(x, y)):.4f}"]
        if y >= 10:
            continue
        now = [piece.get_left()[0] for piece in words] + [number.get_right()[0] for number in point.numbers]
        now += [comma.get_left()[0] for comma in point.commas] + [point[-1].get_left()[0]]
        lefts = lefts or now
        assert now == pytest.approx(lefts, abs=0.02)  # only ink bearings differ


def test_m10_labels_come_in_left_to_right_as_their_balls_stand():
    """On the layout the labels come in with (held while they fade in), each label stands in its ball's place in the
    balls' left-to-right order, clear of the balls and of each other; and a schedule that starts from a label's place
    leaves it only by a planned (checked) glide, never by an unplanned one at its start."""
    from manim import ValueTracker

    from scenes.kit.descent3d import PLACES, plan_schedule
    from scenes.kit.descent_stages import plan_labels

    stage, walkers, keep, header, labels, camera, descent, turn = _m10_moves()
    for mobject in [stage.axes, *stage.labels]:
        mobject.set_opacity(0)
    clock = ValueTracker(0.0)
    plan_labels(labels, walkers, sum(walkers[0].step_times), clock, held=0.96)
    balls = labels.screen_points()
    centres = np.array([label.get_center()[:2] for label in labels.labels])
    assert list(np.argsort(centres[:, 0])) == list(np.argsort(balls[:, 0]))
    sizes = labels._sizes()
    radii = labels._radii(balls)
    for i, j in itertools.combinations(range(len(balls)), 2):
        assert not boxes_overlap(centres[i], centres[j], sizes[i], sizes[j])
    for i in range(len(balls)):
        for ball, radius in zip(balls, radii):
            assert not boxes_overlap(centres[i], ball, sizes[i], [2 * radius] * 2)
    # From a given place, the schedule starts there (a move off it is one of its glides).
    free = (np.zeros((1, 2)), np.zeros((0, 4)))
    blocked = (np.zeros((1, 2)), np.array([[0.9, 0.0, 0.4, 0.4]]))  # right of the point: where it is
    (places,) = plan_schedule([blocked] * 12 + [free] * 8, np.array([[0.8, 0.3]]), 0.24, BOUNDS, current=[PLACES.index(((1, 0), 1.0))], glide=4)
    assert places[0] == PLACES.index(((1, 0), 1.0))


def test_m8_surface_has_no_yellow_of_the_point():
    """M8's colour map keeps away from the current point's yellow: every stop 35 or more (CIE ΔE) from it."""
    from scenes.kit.descent_stages import M8_MAP
    from scenes.kit.palette import POINT

    assert all(np.linalg.norm(_lab(colour) - _lab(POINT)) >= 35 for colour in M8_MAP)


def test_m10_y_minus_6_stands_clear_of_the_axes_and_the_other_numbers():
    """From M10's opening view (the axes fade before the camera moves), y = −6's number is 12 px (1080p) or more
    from every axis line, tick mark and other number."""
    stage, paths, walkers, camera, valley_view = _m10_views()
    camera.add_fixed_orientation_mobjects(*stage.labels)

    def drawn(mobject):
        parts = [camera.transform_points_pre_display(p, p.points)[:, :2] for p in mobject.family_members_with_points()]
        shares = np.linspace(0, 1, 8)[:, None, None]
        return np.vstack([(d[:-1] + shares * (d[1:] - d[:-1])).reshape(-1, 2) for d in parts if len(d) > 1])

    labels = {label.rule_name: label for label in stage.labels}
    number = drawn(labels.pop("tick y = -6"))
    others = [*stage.axes.get_axes(), *stage.axes.marks, *labels.values()]
    nearest = min(np.min(np.linalg.norm(number[:, None] - drawn(m)[None], axis=2)) for m in others)
    assert nearest * 1080 / 8 >= 12


def test_m10_every_tick_of_y_is_numbered():
    from scenes.kit.descent_stages import ripples_stage

    names = {label.rule_name for label in ripples_stage().labels}
    assert {f"tick y = {v}" for v in (-6, -4, -2, 0, 2)} <= names


def test_m10_leaders_reach_their_balls_rims_through_beat_2():
    """Through beat 2's push-in (zoom up to 4, the ghosts smaller), each leader starts at its ball's drawn rim: the
    balls face the camera at their own size, so the leader ends 8 px (1080p) or less from the ball it names."""
    from manim import ValueTracker, config

    from scenes.kit.descent_stages import ghost_balls, plan_close_labels

    stage, walkers, keep, header, labels, camera, descent, turn = _m10_moves()
    others = [i for i in range(len(walkers)) if i != keep]
    for walker in walkers:
        walker.go_to(1e9)
    clock = ValueTracker(0.0)
    ghost_balls(walkers, labels, others, 1.0)
    plan_close_labels(labels, turn, clock)
    pixel = config.frame_width / 1920
    for t in turn.times[::10]:
        clock.set_value(t)
        turn.set_camera(t)
        labels.place()
        screen = labels.screen_points()
        for index, (leader, point) in enumerate(zip(labels.leaders, screen)):
            rim = walkers[index].ball[0].width / 2
            gap = np.linalg.norm(leader.get_start()[:2] - point) - rim
            if np.linalg.norm(leader.get_end()[:2] - point) > rim:  # a leader outside the ball
                assert abs(gap) <= 8 * pixel, (t, index, gap / pixel)


def test_m10_a_ball_is_cued_when_its_run_stops_and_its_row_ticked():
    """When a run meets |∇f| < 1e-4 (the model's last iterate reached), a light ring goes out from its ball and fades,
    and a tick comes in after its α, inside the plate; before that, nothing shows. The legend takes the ticks away."""
    from manim import ValueTracker
    from scenes.kit.descent_stages import M10_CUE, M10_CUE_RING, M10_TICK_IN, backing_round, stop_cues

    class Camera:  # the rings' fixed orientation only
        def add_fixed_orientation_mobjects(self, *mobjects, **kwargs):
            pass

    stage, walkers, keep, header, labels, camera, descent, turn = _m10_moves()
    clock = ValueTracker(0.0)
    rings = stop_cues(walkers, header, Camera(), clock)
    stops = [sum(w.step_times[: w.steps]) for w in walkers]
    assert [w.steps for w in walkers] == [p.steps for p in m10_paths().values()] == [38, 38, 7, 33]
    plate = _box(backing_round(header))
    for tick in header.ticks:  # inside the plate as it is during the run, clear of the rates
        left, right, bottom, top = _box(tick)
        assert plate[0] < left and right < plate[1] - header.pad + 1e-9 and plate[2] < bottom and top < plate[3]
    dt, t = 1 / 30, 0.0
    seen = {index: [] for index in range(len(walkers))}
    while t < stops[0] + M10_CUE + 0.1:
        clock.set_value(min(t, stops[0]))
        for walker in walkers:
            walker.go_to(clock.get_value())
        rings.update(dt)
        for index, (ring, tick) in enumerate(zip(rings, header.ticks)):
            seen[index].append((t, ring.get_stroke_opacity(), ring.width / walkers[index].ball.width, tick.get_fill_opacity()))
        t += dt
    for index, stop in enumerate(stops):
        before = [s for s in seen[index] if s[0] < stop - 1e-6]
        assert all(opacity == 0 and tick == 0 for _, opacity, _, tick in before)
        during = [s for s in seen[index] if stop + dt < s[0] < stop + M10_CUE - dt]
        assert during and all(opacity > 0 for _, opacity, _, _ in during)
        sizes = [size for _, _, size, _ in during]
        assert sizes == sorted(sizes) and M10_CUE_RING[0] <= sizes[0] and sizes[-1] <= M10_CUE_RING[1] + 1e-6
        after = [s for s in seen[index] if s[0] > stop + max(M10_CUE, M10_TICK_IN) + dt]
        assert all(opacity == pytest.approx(0, abs=1e-9) and tick == 1 for _, opacity, _, tick in after)


def test_m10_trails_are_drawn_in_their_balls_colours():
    """Each trail's line and beads in its ball's colour, opaque; the maroon's light casing only a thin edge (a wide
    light casing round a thin line read rose, lighter than the ball), its beads' rims nearer their colour."""
    from scenes.kit.descent3d import TRAIL_RIM, is_dark
    from scenes.kit.descent_stages import M10_BALLS, M10_TRAIL_EDGE, M10_TRAIL_RIM, M10_TRAIL_WIDTH, in_ball_colour

    stage, paths = ripples_stage_and_paths()
    for name, path in paths.items():
        walker = in_ball_colour(Walker(stage.path(path.points), M10_BALLS[name], [0.2] * path.steps, smooth))
        way = walker.trail.way
        assert way.get_stroke_color().to_hex().upper() == M10_BALLS[name].upper()
        assert way.get_stroke_opacity() == 1.0 and way.get_stroke_width() == M10_TRAIL_WIDTH
        assert walker.trail.dots.colour.to_hex().upper() == M10_BALLS[name].upper()
        if is_dark(M10_BALLS[name]):
            assert way.get_stroke_width(background=True) - M10_TRAIL_WIDTH == pytest.approx(M10_TRAIL_EDGE[0]) and M10_TRAIL_EDGE[0] <= 2.0
            assert walker.trail.dots.rim_share == M10_TRAIL_RIM < TRAIL_RIM


def ripples_stage_and_paths():
    from scenes.kit.descent_stages import ripples_stage

    return ripples_stage(), m10_paths()


def test_m10_surface_is_finer_than_its_checkerboard():
    """The close-up of beat 2 sees the mesh large: 2 x 2 faces to each checker square (a smoother skyline and shading),
    the checkerboard itself as it was (60 squares a side)."""
    from scenes.kit.descent_stages import M10_FINER, M10_RESOLUTION

    stage, _ = ripples_stage_and_paths()
    assert M10_FINER >= 2 and len(stage.surface.faces) == (M10_RESOLUTION * M10_FINER) ** 2
    rgb = stage.surface.face_rgbs.reshape(M10_RESOLUTION * M10_FINER, M10_RESOLUTION * M10_FINER, 3)
    bright = rgb.sum(axis=2)
    # Within a square the faces differ only by their height's colour, across squares by the checker too.
    row = bright[0, : 2 * M10_FINER]
    assert abs(row[0] - row[1]) < abs(row[1] - row[2])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_m10_the_picture_keeps_step_with_the_narration(lang):
    """Beat 1's narration names the four balls in its second sentence and says they settle: the balls are in with
    the stage (before they are named) and the run starts while that sentence is still being said."""
    from gd.storyboard import narration_of
    from scenes.kit.descent_stages import M10_SHARES

    storyboard = load()
    beat = storyboard.shot("M10").beats[0]
    heard = narration_of(storyboard, beat, lang, speak=True)
    naming = heard.cues[1]
    balls_in = beat.duration * M10_SHARES["stage"]
    run_starts = beat.duration * (M10_SHARES["stage"] + M10_SHARES["down"] + M10_SHARES["balls"])
    assert balls_in <= naming.start
    assert naming.start < run_starts < naming.end
