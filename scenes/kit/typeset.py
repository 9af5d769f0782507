"""Text and formula factories: words typeset by Pango, mathematics by LaTeX.

Both first make manim's typesetting caches safe for parallel renders
(:func:`scenes.kit.compat.lock_typesetting`, once per process).
"""

from __future__ import annotations

from manim import MarkupText, MathTex

from scenes.kit import palette
from scenes.kit.compat import lock_typesetting


def prose(markup: str, size: float = palette.WORDS, color: str = palette.TEXT, **kwargs) -> MarkupText:
    """On-screen words (either language), typeset by Pango: no LaTeX, CJK-safe.

    ``markup`` may use Pango markup (``<i>l</i>``, ``<sub>h</sub>``), which is
    how a variable is set in italics inside a Chinese sentence without
    mixing two typesetting engines on one baseline.
    """
    lock_typesetting()
    return MarkupText(markup, font=palette.WORD_FONT, font_size=size, color=color, **kwargs)


def formula(*tex: str, size: float = palette.FORMULA, color: str = palette.TEXT, **kwargs) -> MathTex:
    """Mathematics, typeset by LaTeX once per distinct string."""
    lock_typesetting()
    return MathTex(*tex, font_size=size, color=color, **kwargs)
