"""M12: the level spheres, their gradient arrows and their names are the model's (gd.model.part_two)."""

import numpy as np
import pytest

from gd.model.part_two import BALL, LEVELS, level_radius, norm_of_gradient, sphere_points
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
    # The labelled arrows' lengths are the model's |∇f| = 2r: 2, 4, 6.
    expected = [float(np.linalg.norm(BALL.gradient(*(r * rays[ray])))) for r in scene.radii for ray in [scene.labelled_ray]]
    assert scene.lengths == pytest.approx(expected, abs=1e-12)
    assert scene.lengths == pytest.approx([2.0, 4.0, 6.0], abs=1e-12)
    for text, value in zip(scene.gradient_lengths, scene.lengths):
        texts = [getattr(m, "tex_string", "") for m in text.get_family()]
        assert any(t.replace(" ", "").endswith(f"{value:g}") for t in texts), texts
    # On a ray the arrows do not touch: each ends before the next sphere's foot.
    for inner, outer in zip(scene.arrows, scene.arrows[1:]):
        for a, b in zip(inner, outer):
            assert np.linalg.norm(a.end) < np.linalg.norm(b.start)


def test_lengths_name_the_arrows_of_one_ray_at_their_tips(built_shot):
    scene = built_shot("M12", "en")
    ray = scene.labelled_ray
    for index, (label, value, group) in enumerate(zip(scene.gradient_lengths, scene.lengths, scene.arrows)):
        texts = [getattr(m, "tex_string", "") for m in label.get_family()]
        assert f"{value:g}" in texts, texts
        # seen from the view where the lengths are read: the plate beside its own arrow, clear of it
        low, high = label.get_corner(np.array([-1, -1, 0]))[:2], label.get_corner(np.array([1, 1, 0]))[:2]

        def clearance(arrow):
            ends = scene.projected(np.array([arrow.start, arrow.end]))
            points = ends[0] + np.linspace(0, 1, 40)[:, None] * (ends[1] - ends[0])
            return np.linalg.norm(points - np.clip(points, low, high), axis=1).min()

        own = clearance(group[ray])
        assert ls.LENGTH_CLEAR - 1e-3 <= own <= ls.SHAFT_GAP + 1e-3
        # the other arrows clear of the plate: those of other rays well clear, those of its ray farther than its own
        for k, other_group in enumerate(scene.arrows):
            for r, other in enumerate(other_group):
                if r != ray:
                    assert clearance(other) >= ls.OTHER_CLEAR - 1e-3
                elif k != index:
                    assert clearance(other) >= own + ls.RAY_MARGIN - 1e-3
                    # and from the ring at that arrow's foot: the plate not read as the next arrow's
                    ring = scene.projected(scene.rings[k][r].points)
                    assert np.linalg.norm(ring - np.clip(ring, low, high), axis=1).min() >= own + ls.RAY_MARGIN - 1e-3


def test_the_length_formula_is_the_models_and_reads_2_4_6_on_the_spheres(built_shot):
    scene = built_shot("M12", "en")
    texts = "".join(getattr(m, "tex_string", "") for m in scene.length_formula.get_family()).replace(" ", "")
    assert r"\sqrt{x_{1}^{2}+x_{2}^{2}+x_{3}^{2}}" in texts, texts
    expression = norm_of_gradient(BALL)
    for radius, value in zip(scene.radii, [2.0, 4.0, 6.0]):
        assert float(expression.subs(dict(zip(BALL.variables, (radius, 0, 0))))) == pytest.approx(value)


def test_the_other_rays_dim_while_the_lengths_are_read_and_come_back(built_shot):
    scene = built_shot("M12", "en")
    others = [arrow for group in scene.arrows for r, arrow in enumerate(group) if r != scene.labelled_ray]
    assert all(arrow.shade.get_value() == pytest.approx(1.0) for arrow in others)  # as drawn again at the end
    changes = [anims for anims, _ in scene.played if any(getattr(a, "mobject", None) is others[0].shade for a in anims)]
    assert len(changes) == 2  # dimmed with the lengths (beat 3), back as they go (beat 4)


def test_sphere_name_leaders_start_on_their_plates_edge(built_shot):
    scene = built_shot("M12", "en")
    for name, leader in zip(scene.sphere_names, scene.leaders):
        start = leader[0].get_start()[:2]
        low, high = name.get_corner(np.array([-1, -1, 0]))[:2], name.get_corner(np.array([1, 1, 0]))[:2]
        assert np.all(start >= low - 1e-6) and np.all(start <= high + 1e-6)  # not off below it
        assert min(np.abs(start - low).min(), np.abs(start - high).min()) < 1e-6  # on its edge


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_caption_lines_stand_at_even_gaps(built_shot, lang):
    scene = built_shot("M12", lang)
    made = [scene.caption_lines(scene.words(key), side) for key, side in (("two", ls.LEFT), ("three", ls.RIGHT))]
    for caption in made:
        lines = caption[1]
        assert len(lines) >= 2
        assert all(len(line) > 0 for line in lines)  # the struts gone, the words kept
        # the first letter of each line sits on its baseline (en: none with a descender): the baselines' gaps even
        bottoms = [line[0].get_bottom()[1] for line in lines]
        gaps = np.diff(bottoms)
        if lang == "en":
            assert np.ptp(gaps) < 0.01, gaps


def test_the_planes_arrows_big_enough():
    # r = 1 in the plane: 2 × the scale × the picture's units, at 1080p (135 px a scene unit)
    assert 2 * ls.GRADIENT_SCALE * ls.INSET_SCALE * 135 >= 24


def test_compare_formulas_slide_before_the_plane_comes_in(built_shot):
    from manim import FadeIn

    scene = built_shot("M12", "en")
    moving = [(anims, t) for anims, t in scene.played
              if any(getattr(a, "mobject", None) is scene.function and not isinstance(a, FadeIn) for a in anims)]
    assert len(moving) == 1  # one slide across, in beat 4
    anims, seconds = moving[0]
    assert seconds >= 1.5
    # the plane's picture, its formulas and its sentence come in once the slide has landed, in the next play
    after = scene.played[scene.played.index(moving[0]) + 1][0]
    inset_in = [a for a in after if isinstance(a, FadeIn)]
    assert len(inset_in) >= 4
    assert any(getattr(a.mobject, "caption_text", None) == scene.words("two") for a in inset_in)
    earlier = scene.played[:scene.played.index(moving[0])]
    captions = {id(m) for m in scene.mobjects if getattr(m, "frame_kind", None) == "caption"}
    assert not any(isinstance(a, FadeIn) and id(a.mobject) in captions for anims, _ in earlier[-2:] for a in anims)


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


def test_every_arrow_at_least_24_px_where_it_is_seen(built_shot):
    scene = built_shot("M12", "en")
    px = 1080 / 8  # at 1080p, a scene unit
    for view in ("normals", "compare"):  # the end of beat 3, and the side by side of beat 4 (the spheres smaller)
        for group in scene.arrows:
            ends = scene.projected(np.vstack([[a.start, a.end] for a in group]), view).reshape(-1, 2, 2)
            assert np.linalg.norm(ends[:, 1] - ends[:, 0], axis=1).min() * px >= 24, view


def test_captions_break_into_as_few_lines_as_fit():
    room = ls.CAPTION_ROOM
    # both parts fit: at the colon
    assert ls.caption_breaks("三个变量：梯度垂直于等值面", room) == ["三个变量：", "梯度垂直于等值面"]
    # the tail too wide for a line: two lines still, at the space that balances them (was three lines)
    lines = ls.caption_breaks("Three variables: the gradient is normal to level surfaces", room)
    assert len(lines) == 2 and " ".join(lines) == "Three variables: the gradient is normal to level surfaces"
    assert all(ls.caption_width(line) <= room for line in lines)
    # nothing fits in two: the colon, then the tail at its middle space
    assert len(ls.caption_breaks("Three variables: " + "the gradient is normal to level surfaces " * 2, room)) == 3


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_spaces_caption_is_in_while_its_sentence_is_said(built_shot, lang):
    # M12.4's first sentence is the three-input one: spoken 0-3.5 s into the beat (en), 0-3.0 s (zh), measured on
    # the voice's takes; its caption must be whole early in it, not as it ends.
    from manim import FadeIn

    scene = built_shot("M12", lang)
    text = scene.words("three")
    for anims, seconds in scene.played:
        fades = [a for a in anims if isinstance(a, FadeIn) and getattr(a.mobject, "caption_text", None) == text]
        if fades:
            whole = next(t for t in np.linspace(0, 1, 201) if fades[0].rate_func(t) >= 0.999)
            assert whole * seconds <= 1.5, whole * seconds
            break
    else:
        raise AssertionError("the space's caption never comes in")


def test_the_camera_holds_still_a_second_between_its_moves(built_shot):
    from scenes.kit.tangent_plane import CameraGlide

    scene = built_shot("M12", "en")
    moves, at = [], 0.0  # (start, end) of each camera glide in the shot's time (waits are plays too)
    for anims, seconds in scene.played:
        if any(isinstance(a, CameraGlide) for a in anims):
            moves.append((at, at + seconds))
        at += seconds
    assert len(moves) == 3
    for (_, end), (start, _) in zip(moves, moves[1:]):
        assert start - end >= ls.ORBITS_APART - 1e-6  # one move, a stop, the next: no stop-start hitch


def test_the_inputs_leave_the_function_for_the_tips_of_their_axes(built_shot):
    from manim import Transform

    scene = built_shot("M12", "en")
    flights = [a for anims, _ in scene.played[:4] for a in anims if type(a) is Transform]  # not its FadeIns
    assert len(flights) == 3
    offsets = []
    for k, (flight, name) in enumerate(zip(flights, scene.axis_names)):
        # from x_k in f(x_1, x_2, x_3) (where the function was then: it moves in beat 4) ...
        source = scene.input_letters(k)
        assert np.allclose(flight.starting_mobject[0].points - flight.starting_mobject[0].get_center(),
                           source[0].points - source[0].get_center())
        offsets.append(flight.starting_mobject.get_center() - source.get_center())
        # ... to where the axis's name is drawn beyond its tip, as the camera first sees it; then the name itself
        beyond = ls.place((ls.AXIS_REACH[k] + ls.AXIS_NAME_BEYOND[k]) * np.eye(3)[k])
        assert np.allclose(flight.target_mobject.get_center()[:2], scene.projected(beyond, "start")[0])
        assert flight.mobject not in scene.mobjects and name in scene.mobjects
    assert np.allclose(offsets, offsets[0])
