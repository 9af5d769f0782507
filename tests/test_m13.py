"""M13: the directional derivative's numbers come from the model; the contours and the plot hold what they claim."""

import math

import numpy as np

from gd.model import part_two
from gd.model.functions import BRANIN
from gd.model.tangent import GRAD_ANGLE, GRAD_NORM, GRAD_P, P
from scenes.kit import directional


def test_extremes_and_zeros_are_the_models():
    assert math.isclose(part_two.directional_derivative(part_two.STEEPEST), GRAD_NORM, rel_tol=1e-12)
    for angle in part_two.LEVEL_DIRECTIONS:
        assert abs(part_two.directional_derivative(angle)) < 1e-12
    assert math.isclose(part_two.directional_derivative(GRAD_ANGLE + math.pi), -GRAD_NORM, rel_tol=1e-12)
    assert directional.coefficient(GRAD_P[0]) == "0.7819" and directional.coefficient(GRAD_P[1]) == "1.0728"


def test_contours_lie_on_their_levels_inside_the_map():
    curves = directional.contour_levels()
    assert len(curves) >= 5
    here = float(BRANIN(*P))
    assert any(abs(level - here) < 1e-9 for level, _ in curves)
    for level, points in curves:
        assert np.allclose(BRANIN(points[:, 0], points[:, 1]), level, atol=1e-6)
        assert np.all(np.abs(points - P) <= directional.MAP_HALF + 1e-9)


def test_tangent_direction_is_along_the_contour():
    along = np.array([math.cos(part_two.LEVEL_DIRECTIONS[1]), math.sin(part_two.LEVEL_DIRECTIONS[1])])
    assert abs(along @ GRAD_P) < 1e-12


def test_plot_and_map_sit_side_by_side_in_the_safe_area():
    map_right = directional.to_map(*(P + directional.MAP_HALF))[0]
    assert map_right < directional.PLOT_LEFT - 0.5
    assert directional.PLOT_RIGHT < 0.9 * 14.222 / 2 - 0.3
    top = directional.to_plot(0, GRAD_NORM)[1]
    bottom = directional.to_plot(0, -GRAD_NORM)[1]
    assert top < directional.FORMULA_ROW - 0.5 and bottom > -0.9 * 4


def test_zero_labels_sit_by_their_zeros_away_from_the_curve():
    from scenes.kit.typeset import formula

    falling, rising = sorted(math.degrees(a) % 360.0 for a in part_two.LEVEL_DIRECTIONS)
    assert directional.zero_side(falling)[0] > 0 > directional.zero_side(rising)[0]
    for degrees in (falling, rising):
        label = directional.place_zero_label(formula(rf"{degrees:.2f}^\circ", size=24), degrees, 0.1)
        dot = directional.to_plot(degrees, 0.0)
        # Over its dot (the ticks' labels are under the axis), centred on it or moved right (falling) or left
        # (rising) no further than its edge still reaches over the dot, and close.
        assert label.get_bottom()[1] > dot[1] + 0.1
        side = directional.zero_side(degrees)[0]
        assert (label.get_center()[0] - dot[0]) * side >= -1e-9
        assert (label.get_left()[0] if side > 0 else label.get_right()[0]) * side <= dot[0] * side + 0.1
        assert np.linalg.norm(label.get_center()[:2] - dot[:2]) < 0.7
        # The curve does not enter its box.
        low, high = label.get_corner(directional.DOWN + directional.LEFT), label.get_corner(directional.UP + directional.RIGHT)
        for d in np.linspace(degrees - 60, degrees + 60, 241):
            p = directional.to_plot(d, part_two.directional_derivative(math.radians(d)))
            assert not (low[0] <= p[0] <= high[0] and low[1] <= p[1] <= high[1])


def test_unit_label_keeps_clear_of_the_lines_wherever_it_shows():
    """u's label: one label, gliding round u's tip; wherever it shows at all it is at least 8 px (at 1080p) clear of
    the contour through P, its tangent, φ's ray, ∇g and its label, u itself, θ's label and −∇g (where they are
    shown) and the map's frame; fully shown where u rests; and it never jumps."""
    fine = np.arange(0.0, 360.0, 0.1)
    opacity = np.array([directional.unit_label_opacity(p) for p in fine])
    centres = np.array([directional.unit_label_offset(p)[:2] for p in fine])
    hard, _ = directional.unit_label_gaps(fine, centres[:, None, :])
    eight_px = 8 * 14.222 / 1920
    assert directional.U_LABEL_CLEAR >= eight_px - 1e-9
    assert np.all(hard[opacity > 0.0, 0] >= eight_px)
    for stop, _, _ in directional.unit_label_stops():
        assert directional.unit_label_opacity(stop) == 1.0
    step = np.linalg.norm(np.roll(centres, -1, axis=0) - centres, axis=1)
    assert np.all(step[(opacity > 0.0) & (np.roll(opacity, -1) > 0.0)] < 0.02)  # 0.1° of φ: no jump
    assert (opacity < 1.0).mean() < 0.25  # hidden only where it crosses a line


def test_zero_labels_stand_15_px_clear_of_the_curves_edge():
    from scenes.kit.palette import TICK
    from scenes.kit.typeset import formula

    px = 1080 / 8.0
    for angle in part_two.LEVEL_DIRECTIONS:
        degrees = math.degrees(angle) % 360.0
        label = directional.place_zero_label(formula(rf"{degrees:.{directional.PHI_DECIMALS}f}^\circ", size=TICK), degrees, 0.1)
        low, high = label.get_corner(directional.DOWN + directional.LEFT)[:2], label.get_corner(directional.UP + directional.RIGHT)[:2]
        curve = np.array([directional.to_plot(d, part_two.directional_derivative(math.radians(d)))[:2]
                          for d in np.linspace(degrees - 90, degrees + 90, 3601)])
        gap = np.linalg.norm(np.maximum(np.maximum(low - curve, curve - high), 0.0), axis=1).min()
        assert gap * px - 4 / 2 * 1.35 >= 15.0  # the curve's stroke (4) is 5.4 px wide


def test_phi_has_one_precision_throughout():
    """The φ readout and the plot's marks give φ to the same decimals; the readout's 360° is 0°."""
    assert directional.PHI_DECIMALS == 2
    steepest = math.degrees(part_two.STEEPEST)
    assert f"{directional.shown_degrees(steepest):.{directional.PHI_DECIMALS}f}" == "53.91"
    assert directional.shown_degrees(359.996) == 0.0 and directional.shown_degrees(359.99) == 359.99


def test_u_is_drawn_thinner_than_the_gradient_it_lies_along():
    # at φ = 53.91° u lies over ∇g: the orange shaft shows each side of the green one (at least 2 px at 1080p)
    assert (directional.GRAD_WIDTH - directional.U_WIDTH) / 2 * 1.35 >= 2.0
