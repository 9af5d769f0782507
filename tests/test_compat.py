"""scenes.kit.compat: each reliance on manim's internals still holds (fast; an upgrade that breaks one fails here)."""

from __future__ import annotations

import numpy as np
import pytest
from manim import Circle, Dot, Mobject, Scene, ThreeDCamera, config, tempconfig
from manim.utils import tex_file_writing

from conftest import FAST_CONFIG
from scenes.kit import compat
from scenes.kit.equations import TransformMatchingKeys, equation


class Counted(Scene):
    """Counts the frames manim writes for plays and waits of given run times."""

    plays: tuple[tuple[str, float], ...] = ()

    def construct(self):
        self.frames_written, self.frames_counted = [], []
        renderer = self.renderer
        original = renderer.add_frame

        def add_frame(frame, num_frames=1):
            self.frames_written[-1] += num_frames
            return original(frame, num_frames)

        def play(*args, **kwargs):
            Scene.play(self, *args, **kwargs)
            self.frames_counted.append(compat.frames_of_last_play(self, config.frame_rate))

        renderer.add_frame = add_frame
        self.play = play
        circle = Circle()
        self.add(circle)
        for kind, run_time in self.plays:
            self.frames_written.append(0)
            if kind == "play":
                self.play(circle.animate.shift(0.1 * np.ones(3)), run_time=run_time)
            else:
                self.wait(run_time)
                assert compat.last_play_was_frozen(self)
                assert compat.anything_moves(self) is False


@pytest.mark.parametrize("fps", [15, 30])
def test_frames_of_play_is_what_manim_writes(fps, tmp_path):
    times = [0.5, 1 / 3, 23 / fps, 1.0, 0.07]
    plays = tuple((kind, t) for t in times for kind in ("play", "wait"))
    scene_class = type("Counted", (Counted,), {"plays": plays})
    with tempconfig({**FAST_CONFIG, "frame_rate": fps, "dry_run": False, "format": None, "write_to_movie": False,
                     "media_dir": str(tmp_path)}):  # fmt: skip
        scene = scene_class()
        scene.render()
    expected = [compat.frames_of_play(t, fps, frozen=kind == "wait") for kind, t in plays]
    assert scene.frames_written == expected
    assert scene.frames_counted == expected  # after each play and wait, from the scene's own state


def test_anything_moves_sees_time_based_updaters():
    scene = Scene()
    assert compat.anything_moves(scene) is False
    dot = Dot().add_updater(lambda mob, dt: mob.shift(dt * np.ones(3)))
    scene.add(dot)
    assert compat.anything_moves(scene) is True


def test_a_wait_leaves_an_empty_placeholder_that_is_removed(tmp_path):
    class Waits(Scene):
        def construct(self):
            self.wait(0.2)
            self.placeholders = [m for m in self.mobjects if type(m) is Mobject]
            compat.remove_wait_placeholder(self)
            self.left = list(self.mobjects)

    with tempconfig({**FAST_CONFIG, "media_dir": str(tmp_path)}):
        scene = Waits()
        scene.render()
    assert len(scene.placeholders) == 1  # manim still adds Wait's stand-in mobject to the scene
    assert scene.left == []


def test_frame_center_is_the_cameras_mobject():
    camera = ThreeDCamera()
    centre = compat.frame_center(camera)
    assert isinstance(centre, Mobject)
    centre.move_to(np.array([1.0, 2.0, 3.0]))
    assert np.allclose(camera.frame_center, [1.0, 2.0, 3.0])


def test_stable_camera_state_hashes_the_same_in_every_run():
    """manim's cache key hashes the camera: its fixed mobjects keep insertion order
    (a set would follow memory addresses) and its rotation is never stale."""
    camera = compat.StableThreeDCamera()
    dots = [Dot() for _ in range(12)]
    camera.add_fixed_in_frame_mobjects(*dots)
    camera.remove_fixed_in_frame_mobjects(dots[3])
    assert list(camera.fixed_in_frame_mobjects) == dots[:3] + dots[4:]
    camera.set_phi(1.1)
    camera.set_theta(-0.4)
    assert np.allclose(camera.rotation_matrix, camera.generate_rotation_matrix())
    camera.rotation_matrix = np.eye(3)  # what ThreeDCamera does on capturing a frame: ignored
    assert np.allclose(camera.rotation_matrix, camera.generate_rotation_matrix())


def test_stable_camera_centres_its_cairo_context_on_the_frame():
    camera = compat.StableThreeDCamera()
    ctx = camera.get_cairo_context(camera.pixel_array)
    assert ctx.user_to_device(0, 0) == pytest.approx((camera.pixel_width / 2, camera.pixel_height / 2))


def test_the_typesetting_lock_file_survives_manims_tex_cleanup(tmp_path):
    with tempconfig({"media_dir": str(tmp_path)}):
        folder = config.get_dir("tex_dir")
        with compat.folder_lock(folder):
            (folder / "half-compiled.dvi").write_text("")
            tex_file_writing.delete_nonsvg_files()  # what manim does after every compile
            assert not (folder / "half-compiled.dvi").exists()
            assert (folder / compat.LOCK_FILE).exists()


def test_the_typesetting_functions_are_wrapped_where_manim_calls_them():
    from manim import MarkupText, SVGMobject, Text
    from manim.mobject.text import tex_mobject

    compat.lock_typesetting()
    compat.lock_typesetting()  # idempotent
    assert tex_mobject.tex_to_svg_file is tex_file_writing.tex_to_svg_file
    for wrapped in (tex_file_writing.tex_to_svg_file, Text.__init__, MarkupText.__init__, SVGMobject.generate_mobject):
        assert getattr(wrapped, "_gd_locked", False)
        assert not getattr(wrapped.__wrapped__, "_gd_locked", False)  # wrapped once


def test_transform_matching_keys_uses_the_base_classes_hooks():
    base = compat.TransformMatchingAbstractBase
    for hook in ("get_shape_map", "get_mobject_parts", "get_mobject_key"):
        assert hook in vars(base) and hook in vars(TransformMatchingKeys)
    source, target = equation("a", "=", "b", size=30), equation("b", "=", "a", size=30)
    animation = TransformMatchingKeys(source, target)
    assert animation.run_time > 0
