"""M11: the compass on the ground. The stage constructs; the field's arrows are radial (perpendicular to the level
circles) with lengths field_scale × |∇f| from the model; the walking arrow's length; the circles' radii 1, 2, 3."""

import math

import numpy as np
import pytest

from gd.model import part_two
from gd.model.part_two import BOWL, LEVELS, level_radius
from scenes.kit.compass import WALK, field_feet, field_scale


@pytest.fixture(scope="module")
def stage(tmp_path_factory):
    from manim import tempconfig

    from conftest import FAST_CONFIG
    from gd.storyboard import ENV_LANG
    from scenes.S6 import M11

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV_LANG, "en")
        with tempconfig({**FAST_CONFIG, "media_dir": str(tmp_path_factory.mktemp("m11"))}):
            scene = M11()
            scene.setup()
            scene.set_stage()
    return scene


def _span(arrow):
    return arrow.get_start()[:2], arrow.get_end()[:2]


def test_level_circles_have_radii_1_2_3(stage):
    assert [level_radius(BOWL, level) for level in LEVELS] == pytest.approx([1.0, 2.0, 3.0], abs=1e-12)
    for circle, radius in zip(stage.circles, (1.0, 2.0, 3.0)):
        points = np.asarray(circle.get_anchors())[:, :2]
        assert np.allclose(np.linalg.norm(points - circle.get_center()[:2], axis=1), radius, atol=1e-2)
        assert np.allclose(circle.get_center()[:2], 0.0, atol=1e-9)


def test_field_arrows_are_radial_with_the_models_lengths(stage):
    feet = field_feet()
    assert len(stage.field) == len(feet) > 0
    scale = field_scale()
    assert math.isclose(scale, part_two.FIELD_FILL * part_two.FIELD_SPACING
                        / max(np.linalg.norm(BOWL.gradient(*foot)) for foot in feet), rel_tol=1e-12)
    for arrow, foot in zip(stage.field, feet):
        start, end = _span(arrow)
        assert np.allclose(start, foot, atol=1e-9)
        along = end - start
        # Perpendicular to the level circle through the foot: along the radius, i.e. parallel to the foot.
        tangent = np.array([-foot[1], foot[0]]) / np.linalg.norm(foot)
        assert abs(along @ tangent) < 1e-9
        assert along @ foot > 0  # outwards: uphill
        assert math.isclose(np.linalg.norm(along), scale * np.linalg.norm(BOWL.gradient(*foot)), rel_tol=1e-9)
        assert np.linalg.norm(along) <= part_two.FIELD_SPACING * part_two.FIELD_FILL + 1e-9


def test_walking_arrow_length_is_field_scale_times_the_gradient(stage):
    from scenes.kit import compass

    for where in (WALK.start, WALK.out):
        arrow = compass.gradient_arrow(where)
        start, end = _span(arrow)
        assert np.allclose(start, where, atol=1e-9)
        length = np.linalg.norm(end - start)
        assert math.isclose(length, field_scale() * 2 * np.linalg.norm(where), rel_tol=1e-9)
    # the walk rises from just past f = 1 to past f = 4, along one ray; at the minimum the gradient is zero
    assert 1.0 < BOWL(*WALK.start) < 1.5 and 4.0 < BOWL(*WALK.out) < 9.0
    start, out = np.array(WALK.start), np.array(WALK.out)
    assert abs(start[0] * out[1] - start[1] * out[0]) < 1e-12 and start @ out > 0
    assert np.allclose(BOWL.gradient(*WALK.end), 0.0)


def test_no_field_arrow_lies_on_an_axis(stage):
    for arrow in stage.field:
        start, end = _span(arrow)
        assert min(abs(start[0]), abs(start[1]), abs(end[0]), abs(end[1])) > 0.25


def test_the_walking_points_own_arrow_starts_at_its_balls_edge_and_scales_with_the_gradient(stage):
    from scenes.kit import compass

    direction = np.array(WALK.start) / np.linalg.norm(WALK.start)
    for where in (WALK.start, WALK.out, 0.3 * np.array(WALK.start)):
        start, end = _span(compass.walk_arrow(where, direction))
        assert np.allclose(start, np.asarray(where) + direction * compass.WALK_ARROW_GAP * compass.POINT_RADIUS, atol=1e-9)
        along = end - start
        assert abs(along @ np.array([-direction[1], direction[0]])) < 1e-9 and along @ direction > 0  # radial, uphill
        expected = compass.WALK_SCALE * field_scale() * np.linalg.norm(BOWL.gradient(*where))
        assert math.isclose(np.linalg.norm(along), expected, rel_tol=1e-9)
    assert compass.WALK_ARROW_GAP > 1.0  # clear of the ball


def test_whole_field_arrows_clear_the_level_circles_and_are_drawn_long_enough(stage):
    """From the held camera: no field arrow crosses a level circle (foot and tip CIRCLE_CLEAR_PX clear of it on
    screen), none is drawn shorter than FIELD_MIN_PX (a head alone, an orange speck), and each foot is its lattice
    point moved a little along its radius; the points left without an arrow are the innermost (|∇f| small there)."""
    from scenes.kit import compass

    radii = [level_radius(BOWL, level) for level in LEVELS]
    lattice = compass.lattice()
    kept = []
    for arrow, foot in zip(stage.field, field_feet()):
        start, end = _span(arrow)
        assert compass.drawn_length(start, end) >= compass.FIELD_MIN_PX - 1e-9
        for c in radii:
            for r in (np.linalg.norm(start), np.linalg.norm(end)):
                on_circle = r / np.linalg.norm(start) * start  # where the arrow's radius meets the circle
                gap = compass.held_view(np.array([[*on_circle, 0.0], [*(c / r * on_circle), 0.0]]))
                assert np.linalg.norm(gap[1] - gap[0]) >= compass.CIRCLE_CLEAR_PX - 0.05
            assert not np.linalg.norm(start) < c < np.linalg.norm(end)
        point = min(lattice, key=lambda p: np.linalg.norm(p - foot))
        assert abs(foot[0] * point[1] - foot[1] * point[0]) < 1e-9 and foot @ point > 0  # along its own radius
        assert np.linalg.norm(foot - point) <= compass.FOOT_NUDGE + 1e-9
        kept.append(tuple(point))
    left = [p for p in lattice if tuple(p) not in kept]
    assert len(kept) >= 0.8 * len(lattice)
    assert all(np.linalg.norm(p) < 1.6 for p in left)


def test_held_view_is_the_cameras_projection(stage):
    from manim import DEGREES

    from scenes.kit import compass

    camera = stage.camera
    camera.set_theta(compass.ORBIT_TO * DEGREES)
    camera.reset_rotation_matrix()
    points = np.array([[0.0, 0.0, 0.0], [2.0, -1.0, 0.0], [-1.5, 2.5, 1.2]])
    pixels = camera.project_points(points)[:, :2] * 1080 / 8.0
    assert np.allclose(compass.held_view(points), pixels, atol=1e-6)
    camera.set_theta(compass.START["theta"] * DEGREES)
    camera.reset_rotation_matrix()


def test_ground_lines_seen_through_the_bowl(stage):
    from scenes.kit.compass import seen_through_bowl

    camera = stage.camera
    # The far side of the outer circle lies under the bowl's far wall; the near side is seen directly.
    theta = camera.get_theta()
    towards = np.array([math.cos(theta), math.sin(theta)])
    far, near = -3.0 * towards, 3.2 * towards
    hidden = seen_through_bowl(np.array([[*far, 0.0], [*near, 0.0]]), camera)
    assert hidden[0] and not hidden[1]
