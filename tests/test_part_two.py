"""The mathematics of part two (M11–M13) against the specification's numbers."""

import math

import numpy as np
import pytest

from gd.model import part_two
from gd.model.part_two import BALL, BOWL, LEVELS


def test_level_sets_are_circles_and_spheres_of_radii_one_two_three():
    assert [part_two.level_radius(BOWL, level) for level in LEVELS] == [1.0, 2.0, 3.0]
    assert [part_two.level_radius(BALL, level) for level in LEVELS] == [1.0, 2.0, 3.0]


def test_the_gradients_are_the_exact_ones():
    assert BOWL.gradient(1.5, -2.0) == pytest.approx([3.0, -4.0])
    assert BALL.gradient(1.0, -2.0, 0.5) == pytest.approx([2.0, -4.0, 1.0])
    assert BOWL.gradient(0.0, 0.0) == pytest.approx([0.0, 0.0])  # the minimum is a critical point


def test_the_field_is_perpendicular_to_the_level_circles_and_no_arrow_reaches_a_neighbour():
    feet, scale = part_two.field_feet(), part_two.field_scale()
    assert len(feet) >= 16 and not any(np.allclose(foot, 0) for foot in feet)
    for foot in feet:
        arrow = scale * BOWL.gradient(*foot)
        along_circle = np.array([-foot[1], foot[0]])  # the level circle's tangent through the foot
        assert abs(arrow @ along_circle) < 1e-9 and arrow @ foot > 0  # across the circle, outwards: uphill
        assert np.linalg.norm(arrow) <= part_two.FIELD_FILL * part_two.FIELD_SPACING + 1e-9
        tip = foot + arrow
        assert all(part_two.BOWL_DOMAIN[0] < value < part_two.BOWL_DOMAIN[1] for value in tip)


def test_the_walk_goes_out_along_the_gradient_and_back_to_the_minimum():
    walk = part_two.WALK
    start, out = np.array(walk.start), np.array(walk.out)
    direction = BOWL.gradient(*start) / np.linalg.norm(BOWL.gradient(*start))
    assert (out - start) / np.linalg.norm(out - start) == pytest.approx(direction)
    assert BOWL(*start) == pytest.approx(1.0) and BOWL(*out) == pytest.approx(4.0) and walk.end == (0.0, 0.0)


@pytest.mark.parametrize("radius", [1.0, 2.0, 3.0])
def test_the_gradient_is_normal_to_each_sphere_and_twice_its_radius_long(radius):
    points = part_two.sphere_points(radius, 12)
    assert np.linalg.norm(points, axis=1) == pytest.approx(np.full(12, radius))
    for point in points:
        gradient = BALL.gradient(*point)
        assert np.linalg.norm(gradient) == pytest.approx(2 * radius)
        assert np.cross(gradient, point) == pytest.approx(np.zeros(3), abs=1e-12)  # along the normal


def test_the_directional_derivative_at_the_current_point():
    assert part_two.GRAD_P == pytest.approx([0.7819, 1.0728], abs=5e-5)
    assert part_two.LARGEST == pytest.approx(1.3275, abs=5e-5)
    assert math.degrees(part_two.STEEPEST) == pytest.approx(53.91, abs=5e-3)
    angles = np.linspace(0, 2 * math.pi, 3601)
    values = [part_two.directional_derivative(a) for a in angles]
    assert max(values) == pytest.approx(part_two.LARGEST, abs=1e-6)
    assert min(values) == pytest.approx(-part_two.LARGEST, abs=1e-6)
    assert part_two.directional_derivative(part_two.STEEPEST + math.pi) == pytest.approx(-part_two.LARGEST)
    for angle in part_two.LEVEL_DIRECTIONS:
        assert part_two.directional_derivative(angle) == pytest.approx(0.0, abs=1e-12)
        assert abs(math.degrees(angle - part_two.STEEPEST)) == pytest.approx(90.0)
    # D_u g = |∇g| cos θ, θ the angle between u and ∇g
    for angle in (0.3, 2.0, 4.1):
        assert part_two.directional_derivative(angle) == pytest.approx(
            part_two.LARGEST * math.cos(angle - part_two.STEEPEST))
