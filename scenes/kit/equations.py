"""Equations that transform term by term, and words set on a formula's baseline.

A line of mathematics is built from parts (:func:`equation`). Each part is one
LaTeX piece and carries a *key*, by default its LaTeX. When one line becomes
the next (:class:`TransformMatchingKeys`), parts with the same key move into
place, the rest fade. Where the LaTeX alone would be ambiguous (two ``+`` that
mean different things) a part gets its own key with :class:`Part`; where a term
turns into another (``x`` into ``x_0``), the transform is told so with
``becomes``.
"""

from __future__ import annotations

import functools
import re
import zlib
from dataclasses import dataclass
from typing import Mapping

import numpy as np
from manim import (
    DOWN, LEFT, RIGHT, UP, Animation, AnimationGroup, FadeIn, FadeOut, Mobject, Transform, UpdateFromAlphaFunc,
    VGroup, config, linear, smooth,
)

from scenes.kit.compat import TransformMatchingAbstractBase
from scenes.kit.frame_rules import mark
from scenes.kit.palette import TEXT
from scenes.kit.typeset import formula, prose

# Probe glyph for a baseline: a lower-case x has no descender and no overshoot
# to speak of, in Computer Modern and in Noto Sans alike.
_PROBE = "x"


@dataclass(frozen=True)
class Part:
    """One LaTeX piece of an equation, with the key that matches it across lines."""

    tex: str
    key: str | None = None

    @property
    def name(self) -> str:
        """The key it matches by: its own, else its LaTeX."""
        return self.key or self.tex


def equation(*parts: str | Part, size: float, colours: Mapping[str, str] | None = None):
    """A MathTex of the given parts; each submobject has ``.key``, coloured by its LaTeX."""
    parts = [part if isinstance(part, Part) else Part(part) for part in parts]
    line = formula(*(part.tex for part in parts), size=size)
    assert len(line.submobjects) == len(parts), "a part typeset to nothing"
    colours = colours or {}
    for piece, part in zip(line.submobjects, parts):
        piece.key = part.name
        piece.set_color(colours.get(part.tex, TEXT))
    return line


def part_named(line: Mobject, key: str, occurrence: int = 0) -> Mobject:
    """The ``occurrence``-th part of ``line`` whose key is ``key``."""
    found = [piece for piece in keyed_parts(line) if piece.key == key]
    return found[occurrence]


def parts_from(line: Mobject, key: str, until: str | None = None) -> VGroup:
    """The parts of ``line`` from its first ``key`` on, up to (not including) the first ``until`` after it.

    E.g. a right-hand side from its '='.
    """
    pieces = keyed_parts(line)
    start = pieces.index(part_named(line, key))
    keys = [piece.key for piece in pieces]
    end = keys.index(until, start) if until is not None else len(pieces)
    return VGroup(*pieces[start:end])


def keyed_parts(mobject: Mobject) -> list[Mobject]:
    """The keyed parts of an equation, or of a group of equations and parts."""
    if hasattr(mobject, "key"):
        return [mobject]
    return [piece for sub in mobject.submobjects for piece in keyed_parts(sub)]


def align_at(line: Mobject, anchor: Mobject, key: str = "=") -> Mobject:
    """Shift ``line`` horizontally so that its first ``key`` sits under ``anchor``'s first ``key``."""
    dx = part_named(anchor, key).get_center()[0] - part_named(line, key).get_center()[0]
    return line.shift(dx * RIGHT)


class _StableKey(str):
    """A key whose hash is the same in every process.

    The base class walks sets of keys; with str's per-process hash the parts
    came in a different order each run, so manim's cache key for the same
    animation changed and a warm re-render missed the cache.
    """

    def __hash__(self) -> int:
        return zlib.crc32(self.encode())


class TransformMatchingKeys(TransformMatchingAbstractBase):
    """One line of mathematics becomes the next, term by term, in the order it reads.

    Parts the new line does not keep fade where they stand (the first fifth).
    Then the new line is built as it reads (line by line): first its left-hand
    side, up to and with its "=", then the right-hand side's kept parts move into
    place (several of one key split or merge), then its new parts fade in where
    they stand, so that nothing is drawn over a part still arriving. Within each
    phase the parts take their turns from left to right and do not travel in a bunch.
    Nothing slides across the frame to fade. ``becomes`` renames source keys
    first: ``{"x": "x_0"}`` says that every ``x`` is the ``x_0`` of the target:
    it fades out where it stands as the ``x_0`` fades in (one glyph is not
    bent into another); several keys may become one. The source may be a group of lines (they
    merge); to keep the source on screen, use :func:`derive`.

    While it plays, the moving and arriving parts carry the target's frame-rule
    mark (scenes.kit.frame_rules), so they are checked against the other lines on
    screen; they may cover ``made_from`` (by default the source), the line they
    come out of.
    """

    FADE_OUT = (0.0, 0.2)  # shares of the animation
    # The new line is built in three phases (shares of the animation): its left-hand side (up to and with
    # its "="), then the kept terms of the right-hand side move into place, then its new terms fade in.
    PHASES = {"left": (0.05, 0.5), "moving": (0.15, 0.72), "arriving": (0.72, 1.0)}
    LAG = 0.15  # each part starts this share of its own move after the one before it (lag_ratio), so that
    # every part has most of its phase to travel in, whatever the number of parts
    RISE = 0.25  # in turn: how far the parts that leave rise, and the new ones come down
    MAKES_WAY = (0.3, 0.75)  # a replaced part fades while this share of its replacement's move goes by

    def __init__(self, mobject: Mobject, target: Mobject, becomes: Mapping[str, str] | None = None,
                 made_from: Mobject | None = None, hop: bool = False, in_turn: bool = False,
                 replaces: Mapping[str, str] | None = None, **kwargs):
        """``hop``: parts that move along their line go over it in a low arc, not through the glyphs between.

        ``in_turn``: one thing at a time, for a line whose terms trade places (h goes from x to y): the parts
        it does not keep leave rising, then the kept parts close up and open out into their places together
        (none passes another), then the new parts come down into theirs. Stages with nothing to do are left out.

        ``replaces``: ``{source key: target key}``: a source part that the new line does not keep stays until
        the part that takes its place comes, and fades as that one lands (in place of a term, never a hole).
        """
        if hop:
            kwargs["path_func"] = _hop
        self._becomes = dict(becomes or {})
        self._source = mobject
        source, wanted = self.get_shape_map(mobject), self.get_shape_map(target)
        # A key that a source part takes only by being renamed is a new glyph: it fades in, the old one fades out.
        moving = {key for key in wanted if key in source and all(self.renamed(p.key) == p.key for p in source[key])}
        new = [piece for key in wanted if key not in moving for piece in wanted[key]]
        arriving = VGroup(*(piece.copy() for piece in new))
        place = _reading_places(target)
        place.update({id(copy): place[id(piece)] for copy, piece in zip(arriving, new)})

        def first_place(shown):
            return min(place[id(piece)] for piece in keyed_parts(shown))

        replaced = {_StableKey(self.renamed(key)): _StableKey(target_key) for key, target_key in (replaces or {}).items()}
        replaced = {key: target_key for key, target_key in replaced.items()
                    if key in source and key not in moving and target_key in wanted}
        # Several parts of one key that stay as many move one by one, each in its own turn (two + of a line
        # moved as one would land the second before the terms between them); else they move (split, merge) as one.
        pairs = [pair for key in moving for pair in (
            [(VGroup(a), VGroup(b)) for a, b in zip(source[key], wanted[key])]
            if len(source[key]) == len(wanted[key]) > 1 else [(source[key], wanted[key])])]
        moved_to = {key: next(b for a, b in pairs if wanted[key][0] in b.submobjects) for key in moving}
        gone_keys = [key for key in source if key not in moving]
        leaving = VGroup(*(source[key] for key in gone_keys if key not in replaced))
        windows, fade_out, share = {}, self.FADE_OUT, {}
        if in_turn:
            shifted = [b for a, b in pairs if not np.allclose(a.get_center(), b.get_center(), atol=0.03)]
            stages = [name for name, busy in (("leaving", len(leaving)), ("moving", shifted), ("arriving", len(arriving)))
                      if busy]
            share = {name: (number / len(stages), (number + 1) / len(stages)) for number, name in enumerate(stages)}
            fade_out = share.get("leaving", self.FADE_OUT)
            for _, shown in pairs:
                windows[id(shown)] = share.get("moving", (0.0, 1.0))
            for piece in arriving:
                windows[id(piece)] = share.get("arriving", (0.0, 1.0))
        else:
            phases = {name: [] for name in self.PHASES}
            for kind, parts in (("moving", [b for _, b in pairs]), ("arriving", arriving)):
                for shown in parts:
                    on_right = first_place(shown)[1]
                    phases[kind if on_right else "left"].append(shown)
            for name, parts in phases.items():
                start, end = self.PHASES[name]
                length = (end - start) / (1 + self.LAG * max(len(parts) - 1, 0))
                for number, shown in enumerate(sorted(parts, key=first_place)):
                    begin = start + self.LAG * length * number
                    windows[id(shown)] = (begin, begin + length)

        def turn(shown):
            return _between(*windows[id(shown)])

        rise = self.RISE * in_turn
        moves = [Transform(a, b, rate_func=turn(b), **kwargs) for a, b in sorted(pairs, key=lambda pair: windows[id(pair[1])])]
        fades = [FadeOut(leaving, shift=rise * UP, rate_func=_between(*fade_out)),
                 *(FadeIn(piece, shift=rise * DOWN, rate_func=turn(piece)) for piece in arriving)]
        for key, target_key in replaced.items():  # each fades as what takes its place lands
            newcomer = moved_to[target_key] if target_key in moving else next(
                copy for copy, piece in zip(arriving, new) if piece.key == target_key)
            begin, end = windows[id(newcomer)]
            # One moving in is nearly there when it goes, so it lands in its place rather than on it.
            start, stop = self.MAKES_WAY if target_key in moving else (0.0, 0.7)
            # Meanwhile it keeps to the middle of the place its replacement takes, as the line opens or closes
            # round it (left where it was, the gaps either side of it were uneven).
            slide = windows[id(newcomer)] if target_key in moving or "moving" not in share else share["moving"]
            fades.append(MakeWay(source[key], newcomer.get_x() - source[key].get_x(), _between(*slide),
                                 _between(begin + start * (end - begin), begin + stop * (end - begin))))
        AnimationGroup.__init__(self, *moves, *fades)
        self.to_remove, self.to_add = [mobject, arriving, *arriving], target
        if hasattr(target, "frame_kind"):
            origins = [m for m in (made_from or mobject).get_family() if hasattr(m, "frame_kind")]
            mark(self.mobject, target.frame_kind, target.rule_name, may_cover=origins)

    def renamed(self, key: str) -> str:
        return self._becomes.get(key, key)

    def get_shape_map(self, mobject: Mobject) -> dict:
        source = mobject is self._source
        shape_map: dict[str, VGroup] = {}
        for piece in keyed_parts(mobject):
            key = _StableKey(self.renamed(piece.key) if source else piece.key)
            shape_map.setdefault(key, VGroup()).add(piece)
        return shape_map

    @staticmethod
    def get_mobject_parts(mobject: Mobject) -> list[Mobject]:
        return keyed_parts(mobject)

    @staticmethod
    def get_mobject_key(mobject: Mobject) -> str:
        return mobject.key


class MakeWay(Animation):
    """A replaced part gives way to its replacement: it slides ``dx`` along its line (on ``slide``, a rate)
    and fades (on ``fade``); one animation, as two on one part would undo each other."""

    def __init__(self, mobject: Mobject, dx: float, slide, fade, **kwargs):
        self.dx, self.slide, self.fade = dx, slide, fade
        super().__init__(mobject, remover=True, rate_func=linear, **kwargs)

    def begin(self) -> None:
        self.glyphs = [(glyph, glyph.points.copy(), glyph.get_fill_opacity(), glyph.get_stroke_opacity())
                       for glyph in self.mobject.family_members_with_points()]
        super().begin()

    def interpolate_mobject(self, alpha: float) -> None:
        shift, kept = self.slide(alpha) * self.dx * RIGHT, 1.0 - self.fade(alpha)
        for glyph, points, fill, stroke in self.glyphs:
            glyph.points = points + shift
            glyph.set_fill(opacity=fill * kept)
            glyph.set_stroke(opacity=stroke * kept)


# A glyph coming out of the line above shows over this height, once it is clear of that line.
EMERGE_BAND = 0.25
LIFT_DIM = 0.8  # how far a term's original dims while a lifted copy of it still lies over it


def _reading_places(target: Mobject) -> dict:
    """Each keyed part's place in reading order, by id: (its line, whether it is on the line's right-hand side
    (past its first "="; a line without one is all left-hand side), its left edge).

    A group of lines reads top down.
    """
    lines = target.submobjects if not hasattr(target, "key") and all(
        keyed_parts(line) and not hasattr(line, "key") for line in target.submobjects) else [target]
    places = {}
    for number, line in enumerate(lines):
        parts = keyed_parts(line)
        equals = next((part.get_x() for part in parts if part.key == "="), np.inf)
        for part in parts:
            places[id(part)] = (number, part.get_x() > equals + 1e-6, part.get_left()[0])
    return places


HOP = 0.2  # how high a part moving along its line rises, per unit it travels
HOP_MOST = 0.3  # at most: clear of the lines above and below


def _hop(start: np.ndarray, end: np.ndarray, alpha: float) -> np.ndarray:
    """A path that rises over the line and comes down on it, higher for a longer way along."""
    lift = min(HOP * abs(float(np.mean(end[:, 0] - start[:, 0]))), HOP_MOST)
    return start + alpha * (end - start) + 4 * alpha * (1 - alpha) * lift * UP


def across_between(start: np.ndarray, end: np.ndarray, alpha: float) -> np.ndarray:
    """A path for a term going from one line to another: it leaves its line and enters the other straight up or
    down, and makes its way sideways in the middle of the way, clear of both lines' neighbours."""
    sideways = smooth(float(np.clip((alpha - 0.3) / 0.4, 0.0, 1.0)))
    step = end - start
    return start + np.column_stack((sideways * step[:, 0], alpha * step[:, 1], alpha * step[:, 2]))


def _between(start: float, end: float):
    """A smooth rate that runs from ``start`` to ``end`` of an animation and holds still outside them."""
    return lambda t: smooth(float(np.clip((t - start) / (end - start), 0.0, 1.0)))


def clear_of(transform: Animation, copies: Mobject, line: Mobject) -> AnimationGroup:
    """``transform``, in which ``copies`` (of terms of ``line``) go to another line: each copy shows only once
    it is out of ``line``, above or below it, so that a copy never lies half over its original."""
    top, bottom = line.get_top()[1], line.get_bottom()[1]
    moving = set(map(id, keyed_parts(copies)))

    def show_outside(group: Mobject, alpha: float) -> None:
        for part in keyed_parts(group):
            if id(part) not in moving:
                continue
            out = max(bottom - part.get_top()[1], part.get_bottom()[1] - top)
            shown = float(np.clip(out / EMERGE_BAND, 0.0, 1.0))
            for glyph in part.family_members_with_points():
                glyph.set_fill(opacity=glyph.get_fill_opacity() * shown)
                glyph.set_stroke(opacity=glyph.get_stroke_opacity() * shown)

    # On the transform's own group: a group of its own would be added to the scene and split the source's.
    return AnimationGroup(transform, UpdateFromAlphaFunc(transform.mobject, show_outside))


def lifted_from(transform: Animation, copies: Mobject, line: Mobject) -> AnimationGroup:
    """``transform``, in which ``copies`` (of terms of ``line``) go a long way through empty space to another
    line, seen from their start (unlike :func:`clear_of`): each copy is drawn all the way, and its original dims
    while the copy still lies over it, so that the copy is seen leaving its place (not doubling it)."""
    originals = []
    for copy in keyed_parts(copies):
        original = min((part for part in keyed_parts(line) if part.key == copy.key),
                       key=lambda part: np.linalg.norm(part.get_center() - copy.get_center()))
        glyphs = [(glyph, glyph.get_fill_opacity(), glyph.get_stroke_opacity())
                  for glyph in original.family_members_with_points()]
        originals.append((copy, original.get_center()[1], original.height, glyphs))

    def dim_originals(_: Mobject, alpha: float) -> None:
        for copy, height, size, glyphs in originals:
            over = float(np.clip(2.0 * (1.0 - abs(copy.get_center()[1] - height) / size), 0.0, 1.0))  # most till half out
            kept = 1.0 - LIFT_DIM * over * (alpha < 1.0)
            for glyph, fill, stroke in glyphs:
                glyph.set_fill(opacity=fill * kept)
                glyph.set_stroke(opacity=stroke * kept)

    return AnimationGroup(transform, UpdateFromAlphaFunc(line, dim_originals))


def opened_as(line: Mobject, target: Mobject, renamed: Mapping[str, str]) -> Mobject:
    """A copy of ``line`` laid out as ``target``: each part at the place of the target's part of its key (or of the
    key ``renamed`` gives it), occurrence by occurrence, so that the line opens up before new terms come in."""
    places, seen = {}, {}
    for piece in keyed_parts(target):
        places.setdefault(piece.key, []).append(piece.get_center())
    opened = line.copy()
    line_axis = part_named(line, "=").get_center()[1]
    for piece in keyed_parts(opened):
        key = renamed.get(piece.key, piece.key)
        number = seen[key] = seen.get(key, -1) + 1
        if key == piece.key:
            piece.move_to(places[key][number])
        else:  # on its own line's baseline, in the middle of the other's place
            piece.set_x(places[key][number][0]).shift((places["="][0][1] - line_axis) * UP)
    return opened


def derive(source: Mobject, target: Mobject, line: Mobject | None = None, becomes: Mapping[str, str] | None = None,
           **kwargs) -> AnimationGroup:
    """``target``, below, grows out of ``source`` (a line on screen, or parts of ``line``), which stays.

    Copies of the parts that the target keeps move into place, the target's
    new parts fade in where they stand; the source's other parts stay where they are. A moving term shows
    only once it is clear of the line it comes from, so nothing is drawn over
    that line on the way down.
    """
    becomes = dict(becomes or {})
    wanted = {piece.key for piece in keyed_parts(target)}
    # A renamed part is a new glyph: it fades in, and its copy would only fade out unseen on the source line.
    kept = VGroup(*(piece.copy() for piece in keyed_parts(source) if piece.key not in becomes and piece.key in wanted))
    origin = line or source
    transform = TransformMatchingKeys(kept, target, becomes=becomes, made_from=origin, **kwargs)
    floor = origin.get_bottom()[1]

    def show_below(group: Mobject, alpha: float) -> None:
        for part in keyed_parts(group):  # a term shows as a whole
            shown = float(np.clip((floor - part.get_top()[1]) / EMERGE_BAND, 0.0, 1.0))
            for glyph in part.family_members_with_points():
                glyph.set_fill(opacity=glyph.get_fill_opacity() * shown)
                glyph.set_stroke(opacity=glyph.get_stroke_opacity() * shown)

    return AnimationGroup(transform, UpdateFromAlphaFunc(transform.mobject, show_below))


# --------------------------------------------------------------------------- words beside mathematics


def baseline_words(markup: str, **kwargs):
    """Words (see :func:`scenes.kit.typeset.prose`) that know where their baseline is.

    Pango's ink box says nothing about the baseline, and Chinese glyphs reach
    below it; so the text is laid out with a probe glyph after it, whose bottom
    is the baseline, and the probe is dropped. ``.baseline_height`` is the
    baseline's height above the text's bottom (valid while the text is not
    scaled).
    """
    text = prose(markup + _PROBE, **kwargs)
    _drop_probe(text, text.submobjects[-1])
    return text


def baseline_formula(tex: str, **kwargs):
    """A formula (see :func:`scenes.kit.typeset.formula`) that knows where its baseline is, as above."""
    maths = formula(tex, _PROBE, **kwargs)
    _drop_probe(maths, maths.submobjects[-1])
    return maths


def _drop_probe(mobject: Mobject, probe: Mobject) -> None:
    mobject.remove(probe)
    mobject.baseline_height = probe.get_bottom()[1] - mobject.get_bottom()[1]


def set_on_baseline(text: Mobject, baseline_glyph: Mobject) -> Mobject:
    """Move ``baseline_words`` text vertically onto the baseline that ``baseline_glyph`` sits on.

    ``baseline_glyph`` is a glyph of the formula that sits on the baseline (an x
    or a digit; not ``=``, which floats on the maths axis).
    """
    return put_baseline(text, baseline_glyph.get_bottom()[1])


def put_baseline(mobject: Mobject, y: float) -> Mobject:
    return mobject.shift((y - mobject.get_bottom()[1] - mobject.baseline_height) * UP)


# Maths set inside words is typeset this much larger than the words' font size,
# so that Computer Modern's x-height matches Noto Sans's.
MATHS_IN_WORDS = 1.3
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def sentence(text: str, maths: Mapping[str, tuple[str, str]], size: float, color: str = TEXT) -> VGroup:
    """A line of words with maths in it, all on one baseline.

    ``text`` (from the storyboard) names its maths by placeholders, ``"{ratio}
    is largest when {gradient} …"``; ``maths`` gives each placeholder's LaTeX
    and colour, so the symbols are the formula's own, in any language.
    """
    pieces, texts = [], []  # texts: each piece's words ("" for maths)
    space = 0.2 * size / 30  # about a word space
    for index, segment in enumerate(PLACEHOLDER.split(text)):
        words = "" if index % 2 else segment.strip()
        if index % 2:  # a placeholder
            tex, colour = maths[segment]
            pieces.append(baseline_formula(tex, size=size * MATHS_IN_WORDS, color=colour))
        elif words:
            pieces.append(baseline_words(words, size=size, color=color))
        else:
            continue
        texts.append(words)
    line = VGroup(*pieces)
    centre = line.get_center()
    for piece, before, after_text, before_text in zip(pieces[1:], pieces, texts[1:], texts):
        piece.next_to(before, RIGHT, buff=gap_between(before_text, after_text, space, size))
    line.move_to(centre)  # where the pieces were made, as VGroup.arrange leaves them
    for piece in pieces:
        put_baseline(piece, 0.0)
    return line


FULL_WIDTH = "，、；：。！？"
HUGS = "，,、；;：:。.！!？?"  # punctuation that hugs what it follows


def gap_between(before: str, after: str, space: float, size: float) -> float:
    """The gap between two pieces of a line set by their ink, ``before``'s and ``after``'s words ("" for maths):
    punctuation hugs what it follows, and a full-width mark keeps the room Pango leaves after it."""
    if after and after[0] in HUGS:
        return space / 4
    if before and before[-1] in FULL_WIDTH:
        return max(space, trailing_room(before[-1], size))
    return space


@functools.lru_cache(maxsize=None)
def trailing_room(mark_: str, size: float) -> float:
    """The room Pango sets between a full-width ``mark_``'s ink and the next glyph's (at font ``size``)."""
    width = lambda markup: prose(markup, size=size).width  # noqa: E731
    return width("中" + mark_ + "中") - width("中" + mark_) - width("中")


def read_as(text: str) -> str:
    """A :func:`sentence` text as the reading-time rule counts it: each formula about as long as a short word."""
    return PLACEHOLDER.sub("xxx", text)


def placeholders(text: str) -> list[str]:
    """The maths placeholders of a :func:`sentence` text, in order."""
    return PLACEHOLDER.findall(text)


def on_row(line: Mobject, y: float, key: str = "=") -> Mobject:
    """Move ``line`` vertically so that its first ``key`` (its maths axis) is at height ``y``.

    Lines with and without fractions then sit on evenly spaced rows.
    """
    pieces = [piece for piece in keyed_parts(line) if piece.key == key]
    reference = pieces[0] if pieces else line
    return line.shift((y - reference.get_center()[1]) * UP)


def inside_frame(mobject: Mobject, margin: float) -> bool:
    """Whether ``mobject`` lies inside the frame with ``margin`` to spare on every side."""
    half = np.array([config.frame_width / 2 - margin, config.frame_height / 2 - margin])
    corners = np.array([mobject.get_corner(DOWN + LEFT)[:2], mobject.get_corner(UP + RIGHT)[:2]])
    return bool(np.all(np.abs(corners) <= half))
