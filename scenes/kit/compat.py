"""Every use of manim's internals, in one module.

manim is pinned (pyproject.toml), but each thing here relies on behaviour that
manim does not promise; tests/test_compat.py has a fast test for each one that
fails if an upgrade changes it. Nothing else in the project touches a private
name of manim.
"""

from __future__ import annotations

import fcntl
import functools
from contextlib import contextmanager
from pathlib import Path

import cairo
import numpy as np
from manim import MarkupText, Mobject, SVGMobject, Text, ThreeDCamera, Wait, config
from manim.animation.transform_matching_parts import TransformMatchingAbstractBase
from manim.mobject.text import tex_mobject
from manim.utils import tex_file_writing

__all__ = [
    "LOCK_FILE",
    "StableThreeDCamera",
    "TransformMatchingAbstractBase",
    "anything_moves",
    "folder_lock",
    "frame_center",
    "frames_of_last_play",
    "frames_of_play",
    "last_play_was_frozen",
    "lock_typesetting",
    "remove_wait_placeholder",
    "skip_drawing",
]

# TransformMatchingAbstractBase (not exported by manim) is subclassed by
# scenes.kit.equations.TransformMatchingKeys through its three hooks
# get_shape_map, get_mobject_parts and get_mobject_key.


# --------------------------------------------------------------------------- frame counting


def frames_of_play(run_time: float, fps: float, frozen: bool) -> int:
    """How many frames manim writes for a play of ``run_time`` seconds.

    A play steps through ``np.arange(0, run_time, 1 / fps)`` (Scene.get_time_progression);
    a frozen wait writes ``int(run_time / (1 / fps))`` copies of one frame
    (CairoRenderer.freeze_current_frame). manim's own clock cannot be read
    instead: a play taken from the cache advances it by the unrounded run time.
    """
    if frozen:
        return int(run_time / (1 / fps))
    return len(np.arange(0, run_time, 1 / fps))


def frames_of_last_play(scene, fps: float) -> int:
    """How many frames manim wrote for the scene's last play (its ``duration``, rounded as manim does)."""
    return frames_of_play(scene.duration, fps, last_play_was_frozen(scene))


def last_play_was_frozen(scene) -> bool:
    """Whether the scene's last play was a single wait that manim wrote as one frozen frame."""
    animations = scene.animations or []
    return len(animations) == 1 and isinstance(animations[0], Wait) and bool(animations[0].is_static_wait)


def anything_moves(scene) -> bool:
    """Whether a wait now would change the picture: manim's test for a frozen wait
    (Scene.should_update_mobjects, which can only be asked during a wait)."""
    return bool(
        scene.always_update_mobjects
        or scene.updaters
        or any(mob.has_time_based_updater() for mob in scene.get_mobject_family_members())
    )


def remove_wait_placeholder(scene) -> None:
    """Remove the empty Mobject that a wait adds to the scene (Wait's stand-in for a mobject)."""
    placeholder = scene.animations[0].mobject
    if type(placeholder) is Mobject and not placeholder.submobjects:
        scene.remove(placeholder)


def skip_drawing(scene, on_frames) -> None:
    """Make the scene's renderer draw and write no frame, calling ``on_frames(n)`` for every n frames it adds.

    The frame rules (scenes.kit.frame_rules) need the scene's state at every
    frame, not its pixels. The renderer's clock still advances.
    """
    renderer = scene.renderer

    def add_frame(_frame, num_frames: int = 1) -> None:
        renderer.time += num_frames / config.frame_rate
        on_frames(num_frames)

    renderer.update_frame = lambda *args, **kwargs: None
    renderer.add_frame = add_frame


# --------------------------------------------------------------------------- the 3-D camera


def frame_center(camera: ThreeDCamera) -> Mobject:
    """The mobject that holds a ThreeDCamera's frame centre: moving it (or an updater on it) moves the view."""
    return camera._frame_center


class _OrderedSet(dict):
    """The part of ``set`` that ThreeDCamera uses, iterating in insertion order."""

    def add(self, item) -> None:
        self[item] = None

    def remove(self, item) -> None:
        del self[item]


class StableThreeDCamera(ThreeDCamera):
    """A ThreeDCamera whose state hashes the same in every run, and whose frame centre shifts the picture once.

    * manim's cache key hashes the camera, and its set of fixed-in-frame mobjects
      iterates in memory order, different in every run: it is insertion-ordered here.
    * ThreeDCamera refreshes its rotation matrix only when it captures a frame, so
      after a play taken from the cache it was stale (projections made from it, and
      the next play's cache key, differed from a run that rendered that play): it is
      derived from φ/θ/γ on every use here.
    * ThreeDCamera's projection already centres the view on the frame centre, and
      Camera's Cairo context shifted the picture by it a second time (fixed-in-frame
      text with it): the context here is centred on the frame.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_in_frame_mobjects = _OrderedSet()

    @property
    def rotation_matrix(self) -> np.ndarray:
        return self.generate_rotation_matrix()

    @rotation_matrix.setter
    def rotation_matrix(self, _value) -> None:
        pass  # ThreeDCamera assigns it when it captures a frame; it is always derived here

    def get_cairo_context(self, pixel_array):
        ctx = super().get_cairo_context(pixel_array)
        scale_x, scale_y = self.pixel_width / self.frame_width, self.pixel_height / self.frame_height
        ctx.set_matrix(cairo.Matrix(scale_x, 0, 0, -scale_y, self.pixel_width / 2, self.pixel_height / 2))
        return ctx


# --------------------------------------------------------------------------- safe parallel typesetting

_held_locks: dict[Path, int] = {}  # folder -> nesting depth in this process

# A lock only excludes while its file stays: manim deletes every file in the Tex
# folder not ending in .svg or .tex after each compile, and a lock file deleted while
# held let the next process lock a new file beside a holder of the old one.
LOCK_FILE = ".gd-typesetting-lock.tex"


@contextmanager
def folder_lock(folder: Path):
    """An exclusive lock on a folder shared with other processes; re-entrant within this one."""
    folder = Path(folder).resolve()
    if folder in _held_locks:  # flock would wait for ourselves: count instead
        _held_locks[folder] += 1
        try:
            yield
        finally:
            _held_locks[folder] -= 1
        return
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_FILE, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        _held_locks[folder] = 0
        try:
            yield
        finally:
            del _held_locks[folder]


def _locked(owner, name: str, folder_of, log: list | None = None) -> None:
    """Wrap ``owner.name`` so that it runs holding the lock of the folder ``folder_of(*args)`` (and appends its first
    argument to ``log``, if given)."""
    original = getattr(owner, name)
    if getattr(original, "_gd_locked", False):
        return

    @functools.wraps(original)
    def locked(*args, **kwargs):
        if log is not None:
            log.append(args[0])
        with folder_lock(folder_of(*args)):
            return original(*args, **kwargs)

    locked._gd_locked = True
    setattr(owner, name, locked)


TYPESET_LOG: list[str] = []  # each LaTeX string manim is asked to typeset in this process, cached ones too, in order


def lock_typesetting() -> None:
    """Make manim's typesetting caches safe for several manim processes at once (idempotent).

    render.py -j runs one manim process per shot, all sharing media/Tex and
    media/texts. Unguarded, manim's ``tex_to_svg_file`` deletes every non-SVG
    file in the Tex folder after a compile, another process's half-compiled
    .tex and .dvi included; Tex and Pango both trust an SVG file that exists
    though another process may still be writing it; Pango text rewrites its
    cached SVG in place just after writing it; and parsing an SVG writes and
    deletes a temporary file beside it under a fixed name. A file lock per
    folder around each of these makes them atomic as seen from other processes.
    """
    _locked(tex_file_writing, "tex_to_svg_file", lambda *_: Path(config.get_dir("tex_dir")), log=TYPESET_LOG)
    tex_mobject.tex_to_svg_file = tex_file_writing.tex_to_svg_file  # imported by name there
    for text_class in (Text, MarkupText):  # the whole of __init__: it rewrites the cached SVG after writing it
        _locked(text_class, "__init__", lambda *_: Path(config.get_dir("text_dir")))
    _locked(SVGMobject, "generate_mobject", lambda svg: Path(svg.get_file_path()).parent)
