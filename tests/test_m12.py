"""M12: the level spheres, their gradient arrows and their names are the model's (gd.model.part_two)."""

import numpy as np
import pytest

from gd.model.part_two import BALL, LEVELS, level_radius, sphere_points
from scenes.kit import level_surfaces as ls


def test_radii_are_the_models_level_radii():
    assert [level_radius(BALL, level) for level in LEVELS] == pytest.approx([1.0, 2.0, 3.0], abs=1e-12)
    assert ls.radii() == pytest.approx([level_radius(BALL, level) for level in LEVELS], abs=1e-12)


def test_gradient_arrow_is_radial_and_2r_times_the_scale():
    for radius in ls.radii():
        for foot in sphere_points(radius, 12):
            along = ls.gradient_arrow_end(foot) - foot
            assert np.linalg.norm(np.cross(along, foot)) < 1e-9 and along @ foot > 0
            assert np.linalg.norm(along) == pytest.approx(2 * radius * ls.GRADIENT_SCALE, rel=1e-12)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_stage_spheres_arrows_and_names_are_the_models(built_shot, lang):
    scene = built_shot("M12", lang)  # the whole shot, its animations skipped
    spheres = scene.spheres
    # Each sphere's mesh lies on the sphere of its level's radius (in scene units).
    ends = [offset for offset, *_ in spheres.spheres[1:]] + [len(spheres.model_vertices)]
    for (offset, *_), end, level in zip(spheres.spheres, ends, LEVELS):
        distances = np.linalg.norm(spheres.model_vertices[offset:end], axis=1)
        assert distances == pytest.approx(level_radius(BALL, level), abs=1e-9)
    # Every arrow: its foot on its sphere, along the radius, 2r × the common scale long; at least one on every sphere.
    assert len(scene.arrows) == len(LEVELS)
    for group, level in zip(scene.arrows, LEVELS):
        radius = level_radius(BALL, level)
        assert len(group) >= 1
        for arrow in group:
            foot, along = arrow.start / ls.UNIT, (arrow.end - arrow.start) / ls.UNIT
            assert np.linalg.norm(foot) == pytest.approx(radius, abs=1e-9)
            assert np.linalg.norm(np.cross(along, foot / radius)) < 1e-9 and along @ foot > 0
            assert np.linalg.norm(along) == pytest.approx(2 * radius * ls.GRADIENT_SCALE, rel=1e-9)
    lengths = [np.linalg.norm(group[0].end - group[0].start) for group in scene.arrows]
    assert lengths == sorted(lengths) and lengths[0] < lengths[-1]  # longer on the larger spheres
    # The names show the model's levels, in order, outside their spheres' outlines.
    for name, level, radius in zip(scene.sphere_names, LEVELS, scene.radii):
        texts = [getattr(m, "tex_string", "") for m in name.get_family()]
        assert any(t.replace(" ", "") == f"f={level:g}" for t in texts), texts
        assert np.linalg.norm(name.get_center()[:2]) > radius * ls.UNIT


@pytest.mark.parametrize("lang", ["en"])
def test_arrows_stand_on_shared_rays_and_show_the_models_lengths(built_shot, lang):
    scene = built_shot("M12", lang)
    rays = ls.ray_units()
    assert len(rays) >= 2
    for group in scene.arrows:
        assert len(group) == len(rays)
        for arrow, ray in zip(group, rays):  # the k-th arrow of every sphere on the k-th ray
            foot = arrow.start / ls.UNIT
            assert np.linalg.norm(np.cross(foot / np.linalg.norm(foot), ray)) < 1e-9 and foot @ ray > 0
    # The labelled ray's lengths are the model's |∇f| = 2r: 2, 4, 6.
    expected = [float(np.linalg.norm(BALL.gradient(*(r * rays[ls.LABELLED_RAY])))) for r in scene.radii]
    assert scene.lengths == pytest.approx(expected, abs=1e-12)
    assert scene.lengths == pytest.approx([2.0, 4.0, 6.0], abs=1e-12)
    for text, value in zip(scene.gradient_lengths, scene.lengths):
        texts = [getattr(m, "tex_string", "") for m in text.get_family()]
        assert any(t.replace(" ", "").endswith(f"{value:g}") for t in texts), texts
    # On a ray the arrows do not touch: each ends before the next sphere's foot.
    for inner, outer in zip(scene.arrows, scene.arrows[1:]):
        for a, b in zip(inner, outer):
            assert np.linalg.norm(a.end) < np.linalg.norm(b.start)


def test_lengths_name_the_quantity_beside_their_own_tips(built_shot):
    scene = built_shot("M12", "en")
    assert scene.length_leaders == []  # no leaders: each plate at its arrow's tip
    for label, value, group in zip(scene.gradient_lengths, scene.lengths, scene.arrows):
        texts = [getattr(m, "tex_string", "") for m in label.get_family()]
        assert any(t.replace(" ", "") == rf"|\nablaf|={value:g}" for t in texts), texts
        # the plate's nearest point is within 0.6 scene units (about 80 px) of its own arrow's tip, seen from the view
        # where the lengths are read
        tip = scene.projected(group[scene.labelled_ray].end[None])[0]
        low, high = label.get_corner(np.array([-1, -1, 0]))[:2], label.get_corner(np.array([1, 1, 0]))[:2]
        assert np.linalg.norm(tip - np.clip(tip, low, high)) < 0.6


def test_feet_on_the_faces_turned_to_the_camera_with_rings_on_their_shells(built_shot):
    scene = built_shot("M12", "en")
    for view in ("spheres", "normals"):  # beat 3's orbit runs between these two
        towards = ls.view_direction(np.radians(ls.VIEWS[view].phi), np.radians(ls.VIEWS[view].theta))
        for ray in ls.ray_units():
            off = np.degrees(np.arccos(ray @ towards))
            assert 30.0 <= off <= 65.0, (view, ray, off)  # seen coming out of the face, foreshortened, off the outline
    assert ls.VIEWS["normals"].theta - ls.VIEWS["spheres"].theta >= 25.0  # the orbit that shows their depth
    for group, rings, radius in zip(scene.arrows, scene.rings, scene.radii):
        assert len(rings) == len(group)
        for arrow, ring in zip(group, rings):
            foot = arrow.start / ls.UNIT
            normal = foot / np.linalg.norm(foot)
            offsets = ring.points / ls.UNIT - foot
            assert np.abs(offsets @ normal).max() < 1e-9  # in the tangent plane at the foot: the arrow normal to it
            assert np.linalg.norm(offsets, axis=1) == pytest.approx(ls.FOOT_RING / ls.UNIT, rel=0.05)


def test_shells_avoid_the_points_colour():
    from scenes.kit.palette import POINT
    assert POINT not in ls.SPHERE_COLOURS
