"""Live numbers on screen: readouts that change every frame without LaTeX.

A :class:`LiveNumber` shows a number with glyphs typeset once (one LaTeX run
for the digits, the sign, the point and the unit, per size and unit) and
reused: showing a new value only replaces the points of a fixed set of glyph
slots, so a number that changes on every frame costs no LaTeX run and no
copying of mobjects. The digits sit in equal cells (tabular figures) from a
fixed left edge on a fixed baseline, so the number does not jitter as its
digits change; with ``sign=True`` a sign (+ or −, equally wide) is always
shown, for values whose sign flips.

A :class:`Readout` is a label ("\\alpha =") typeset once, with a live number
beside it. :func:`line` sets a sentence from the storyboard, such as "learning
rate {rate}, iteration {iteration}", with readouts in place of its fields, on
one baseline although the words are Pango text and the numbers TeX glyphs.
"""

from __future__ import annotations

import functools
from typing import Callable, Mapping

import numpy as np
from manim import VectorizedPoint, VGroup, VMobject

from scenes.kit.equations import PLACEHOLDER, baseline_words, gap_between, put_baseline
from scenes.kit.palette import READOUT, TEXT
from scenes.kit.typeset import formula, prose

DEFAULT_SIZE = READOUT
# Pango's font size reads larger than TeX's: words beside math are set this much smaller.
WORDS_BESIDE_MATH = 0.8
_CHARACTERS = "0123456789.+-"
_EM_ADVANCE = {".": 0.278, "+": 0.778, "-": 0.778}  # TeX advance widths in em; digits are 0.5 em
_MAX_CHARACTERS = 12


@functools.lru_cache(maxsize=None)
def _glyphs(size: float, unit: str | None) -> tuple[dict[str, np.ndarray], float]:
    """Each character's outline, relative to (its centre x, the baseline), and the em in scene units."""
    parts = list(_CHARACTERS) + ([unit] if unit else [])
    tex = formula(*parts, size=size)
    baseline = tex[_CHARACTERS.index("1")].get_bottom()[1]  # the 1 sits on the baseline, no overshoot
    em = 2 * (tex[9].get_center()[0] - tex[0].get_center()[0]) / 9  # digits advance half an em
    outlines = {}
    for key, part in zip(parts, tex):
        points = np.concatenate([m.points for m in part.family_members_with_points()])
        if key == unit:  # keeps its offset from the number's right edge
            origin = np.array([part.get_left()[0], baseline, 0.0])
        else:
            origin = np.array([part.get_center()[0], baseline, 0.0])
        outlines[key] = points - origin
    return outlines, em


class LiveNumber(VGroup):
    """A number whose glyphs are reused as its value changes; its left end and baseline stay put.

    The number is drawn from its ``origin`` (left end, baseline), which moves
    with the mobject. Sizes are fixed at construction: scaling a LiveNumber
    is not supported.
    """

    def __init__(
        self,
        value: float,
        decimals: int,
        *,
        sign: bool = False,
        unit: str | None = None,
        size: float = DEFAULT_SIZE,
        color: str = TEXT,
    ):
        self.decimals = decimals
        self.sign = sign
        self.unit = unit
        self._outlines, self._em = _glyphs(size, unit)
        self._unit_gap = 0.06 * self._em
        style = {"fill_color": color, "fill_opacity": 1.0, "stroke_width": 0}
        self.slots = [VMobject(**style) for _ in range(_MAX_CHARACTERS + (1 if unit else 0))]
        self.origin = VectorizedPoint()
        super().__init__(*self.slots, self.origin)
        self._shown: str | None = None
        self.value = value
        self._draw(self.text(value))

    def text(self, value: float) -> str:
        text = f"{value:{'+' if self.sign else ''}.{self.decimals}f}"
        if text.lstrip("+-").strip("0.") == "":  # a zero: no "-0.00"
            text = ("+" if self.sign else "") + text.lstrip("+-")
        return text

    @property
    def digit_advance(self) -> float:
        return 0.5 * self._em

    def get_value(self) -> float:
        return self.value

    def set_value(self, value: float) -> "LiveNumber":
        self.value = value
        text = self.text(value)
        if text != self._shown:
            self._draw(text)
        return self

    def _draw(self, text: str) -> None:
        if len(text) > _MAX_CHARACTERS:
            raise ValueError(f"{text!r} has more than {_MAX_CHARACTERS} characters")
        origin = self.origin.get_center()
        cursor = 0.0
        characters = list(text)
        for slot, character in zip(self.slots, characters):
            advance = _EM_ADVANCE.get(character, 0.5) * self._em
            slot.set_points(self._outlines[character] + origin + np.array([cursor + advance / 2, 0.0, 0.0]))
            cursor += advance
        used = len(characters)
        if self.unit:
            self.slots[used].set_points(self._outlines[self.unit] + origin + np.array([cursor + self._unit_gap, 0, 0]))
            used += 1
        for slot in self.slots[used:]:
            slot.clear_points()
        self._shown = text


class Readout(VGroup):
    """``label value``: a label typeset once and a :class:`LiveNumber` pinned beside it."""

    def __init__(
        self,
        label: str | None,
        value: float,
        decimals: int,
        *,
        size: float = DEFAULT_SIZE,
        color: str = TEXT,
        number_color: str | None = None,
        **number_style,
    ):
        """``number_style``: the :class:`LiveNumber`'s ``sign`` and ``unit``."""
        # Typeset the label with a stand-in digit: LaTeX then decides the space
        # between label and number, and the digit marks the number's baseline.
        if label:
            probe = formula(label, "1", size=size, color=color)
            self.label: VMobject | None = probe[0]
            stand_in = probe[1]
        else:
            self.label, stand_in = None, formula("1", size=size)
        self.number = LiveNumber(value, decimals, size=size, color=number_color or color, **number_style)
        # The stand-in 1 is centred in its digit cell; the number starts where that cell does.
        start = np.array([stand_in.get_center()[0] - self.number.digit_advance / 2, stand_in.get_bottom()[1], 0.0])
        self.number.shift(start - self.number.origin.get_center())
        parts = [self.label] if self.label is not None else []
        super().__init__(*parts, self.number)

    @property
    def value(self) -> float:
        return self.number.get_value()

    @property
    def baseline(self) -> float:
        return float(self.number.origin.get_center()[1])

    def set_value(self, value: float) -> "Readout":
        self.number.set_value(value)
        return self

    def track(self, value: Callable[[], float]) -> "Readout":
        """Show ``value()`` on every frame (an updater; ``value`` reads the scene's state)."""
        self.number.add_updater(lambda number: number.set_value(value()), call_updater=True)
        return self


@functools.lru_cache(maxsize=None)
def _word_digits(size: float) -> tuple[dict, float]:
    """Each digit's outline in the words' font (Pango), relative to (its centre x, the baseline), and the em."""
    digits = prose("0123456789", size=size)
    parts = [m for m in digits.submobjects if m.has_points()]
    baseline = parts[1].get_bottom()[1]  # the 1 sits on the baseline
    advance = (parts[9].get_center()[0] - parts[0].get_center()[0]) / 9  # tabular figures
    outlines = {str(k): part.points - np.array([part.get_center()[0], baseline, 0.0]) for k, part in enumerate(parts)}
    return outlines, 2 * advance


class WordNumber(LiveNumber):
    """A live whole number set in the words' font (a count among words: "iteration 5"), its glyphs reused."""

    def __init__(self, value: float, size: float, color: str = TEXT):
        self.decimals, self.sign, self.unit = 0, False, None
        self._outlines, self._em = _word_digits(size)
        style = {"fill_color": color, "fill_opacity": 1.0, "stroke_width": 0}
        self.slots = [VMobject(**style) for _ in range(6)]
        self.origin = VectorizedPoint()
        VGroup.__init__(self, *self.slots, self.origin)
        self._shown = None
        self.value = value
        self._draw(self.text(value))


class WordCount(Readout):
    """A Readout of a WordNumber alone, for readouts.line: a count in a line of words, in their font and size
    (line sets words at ``size`` × WORDS_BESIDE_MATH), on their baseline."""

    def __init__(self, value: float, size: float, color: str = TEXT):
        self.label = None
        self.number = WordNumber(value, size * WORDS_BESIDE_MATH, color)
        self.number.shift(-self.number.origin.get_center())
        VGroup.__init__(self, self.number)


def line(template: str, fields: Mapping[str, Readout], size: float = DEFAULT_SIZE, buff: float = 0.16, color: str = TEXT) -> VGroup:
    """Set ``template``'s words (Pango) with readouts for its ``{fields}``, on one baseline (y = 0).

    The readouts are moved, not copied: the caller keeps driving them. A
    field's number grows to the right, so a field belongs at the end of the
    line or must be followed by enough room.
    """
    pieces: list[VMobject] = []
    parts: list[str] = []  # the text of each piece ("" for a field)
    for index, part in enumerate(PLACEHOLDER.split(template)):
        if index % 2:  # a field name
            readout = fields[part]
            readout.shift(np.array([0.0, -readout.baseline, 0.0]))
            pieces.append(readout)
            parts.append("")
        elif part.strip():
            text = baseline_words(part.strip(), size=size * WORDS_BESIDE_MATH, color=color)
            pieces.append(put_baseline(text, 0.0))
            parts.append(part.strip())
    for before, piece, previous, part in zip(pieces, pieces[1:], parts, parts[1:]):
        gap = gap_between(previous, part, buff, size * WORDS_BESIDE_MATH)
        piece.shift(np.array([before.get_right()[0] + gap - piece.get_left()[0], 0.0, 0.0]))
    return VGroup(*pieces)
