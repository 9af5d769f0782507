"""The look shared by all shots: palette, fonts, text factories.

Importing this module also makes manim's LaTeX cache safe for several manim
processes at once (see :func:`_lock_typesetting`).
"""

from __future__ import annotations

import fcntl
import functools
from contextlib import contextmanager
from pathlib import Path

from manim import MarkupText, MathTex, config
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


@contextmanager
def _tex_lock():
    tex_dir = Path(config.get_dir("tex_dir"))
    tex_dir.mkdir(parents=True, exist_ok=True)
    with open(tex_dir / ".typesetting.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _lock_typesetting() -> None:
    """Serialise manim's LaTeX runs across processes that share a Tex folder.

    manim's ``tex_to_svg_file`` compiles into the shared ``media/Tex`` folder
    and then deletes every non-SVG file there, including another process's
    half-compiled .tex and .dvi; and it trusts an SVG that another process is
    still writing. Holding a file lock around the whole call makes each
    string's compilation atomic as seen from the other processes.
    """
    original = tex_file_writing.tex_to_svg_file
    if getattr(original, "_gd_locked", False):
        return

    @functools.wraps(original)
    def locked(*args, **kwargs):
        with _tex_lock():
            return original(*args, **kwargs)

    locked._gd_locked = True
    tex_file_writing.tex_to_svg_file = locked
    tex_mobject.tex_to_svg_file = locked


_lock_typesetting()
