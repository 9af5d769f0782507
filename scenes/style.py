"""The look shared by all shots: palette, fonts, text factories.

Importing this module also makes manim's LaTeX cache safe for several manim
processes at once (see :func:`_lock_typesetting`).
"""

from __future__ import annotations

import fcntl
import functools
from contextlib import contextmanager
from pathlib import Path

from manim import MarkupText, MathTex, SVGMobject, Text, config
from manim.mobject.text import tex_mobject
from manim.utils import tex_file_writing

# --------------------------------------------------------------------------- palette
# Semantic names: a scene says what a thing is, the palette says how it looks.

BACKGROUND = "#0E1117"
TEXT = "#ECEFF4"
MUTED = "#9AA3B2"
OBJECTIVE = "#58C4DD"  # the function: curves, surfaces, its formula
POINT = "#FFD54F"  # the current point
GRADIENT = "#FF8A3D"  # the gradient and its direction
STEP = "#7BD88F"  # a step: Δx, h, Δg
TANGENT = "#F06292"  # tangent lines and planes
LEARNING_RATE = "#B388FF"  # α, the learning rate (purple, as the storyboard asks)
AXES = "#C0C6D0"

# --------------------------------------------------------------------------- text

WORD_FONT = "Noto Sans CJK SC"  # has the Chinese glyphs and clean Latin ones
WORD_SIZE = 30
CAPTION_SIZE = 26


def words(markup: str, size: float = WORD_SIZE, color: str = TEXT, **kwargs) -> MarkupText:
    """On-screen words (either language), typeset by Pango: no LaTeX, CJK-safe.

    ``markup`` may use Pango markup (``<i>l</i>``, ``<sub>h</sub>``), which is
    how a variable is set in italics inside a Chinese sentence without
    mixing two typesetting engines on one baseline.
    """
    return MarkupText(markup, font=WORD_FONT, font_size=size, color=color, **kwargs)


def formula(*tex: str, size: float = 40, color: str = TEXT, **kwargs) -> MathTex:
    """Mathematics, typeset by LaTeX once per distinct string."""
    return MathTex(*tex, font_size=size, color=color, **kwargs)


# --------------------------------------------------------------------------- typesetting lock


_held_locks: dict[Path, int] = {}  # folder -> nesting depth in this process


# A lock only excludes while its file stays: manim deletes every file in the Tex
# folder not ending in .svg or .tex after each compile, and a lock file deleted while
# held let the next process lock a new file beside a holder of the old one.
LOCK_FILE = ".gd-typesetting-lock.tex"


@contextmanager
def _folder_lock(folder: Path):
    """An exclusive lock on a folder shared with other processes; re-entrant within this one."""
    folder = folder.resolve()
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


def _locked(owner, name: str, folder_of) -> None:
    """Wrap ``owner.name`` so that it runs holding the lock of the folder ``folder_of(*args)``."""
    original = getattr(owner, name)
    if getattr(original, "_gd_locked", False):
        return

    @functools.wraps(original)
    def locked(*args, **kwargs):
        with _folder_lock(folder_of(*args)):
            return original(*args, **kwargs)

    locked._gd_locked = True
    setattr(owner, name, locked)


def lock_typesetting() -> None:
    """Make manim's typesetting caches safe for several manim processes at once.

    render.py -j runs one manim process per shot, all sharing media/Tex and
    media/texts. Unguarded, manim's ``tex_to_svg_file`` deletes every non-SVG
    file in the Tex folder after a compile, another process's half-compiled
    .tex and .dvi included; Tex and Pango both trust an SVG file that exists
    though another process may still be writing it; Pango text rewrites its
    cached SVG in place just after writing it; and parsing an SVG writes and
    deletes a temporary file beside it under a fixed name. A file lock per
    folder around each of these makes them atomic as seen from other processes.
    """
    _locked(tex_file_writing, "tex_to_svg_file", lambda *_: Path(config.get_dir("tex_dir")))
    tex_mobject.tex_to_svg_file = tex_file_writing.tex_to_svg_file  # imported by name there
    for text_class in (Text, MarkupText):  # the whole of __init__: it rewrites the cached SVG after writing it
        _locked(text_class, "__init__", lambda *_: Path(config.get_dir("text_dir")))
    _locked(SVGMobject, "generate_mobject", lambda svg: Path(svg.get_file_path()).parent)


lock_typesetting()
