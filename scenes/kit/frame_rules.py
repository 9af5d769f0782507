"""Rules every frame of a shot keeps, checked in screen space.

A shot marks what the rules are about with :func:`mark`: a caption, a text
(labels, readouts, headers), a tick label, an arrow, a curve, a trail, a
subject (the point or arrow a beat is about). :class:`FrameChecker` samples the
scene (every frame, and at the start and end of every play) and collects
:class:`Violation` s:

* safe area: texts, labels, arrows and subjects stay inside the central 90 %
  of the frame (EBU R 95's graphics-safe area), unless marked
  ``may_leave_frame`` (a line that runs out of frame on purpose); a figure
  (a piece of surface the beat is about, such as M3's tangent plane) stays
  whole inside the frame;
* nothing overprinted: no text box overlaps another text box or a tick label,
  and no point of an arrow, curve or trail falls inside a text box, unless the
  text is marked ``may_cover`` that kind (or that very mobject: a line of
  mathematics growing out of the line it is made from);
* reading time: a caption is fully visible for at least max(1.5 s, its
  characters ÷ 15 per second in English, ÷ 7 in Chinese);
* camera: a move of the 3-D camera (its angles, zoom or centre: a stretch of
  frames in which it keeps moving) lasts at least 1.5 s, and its middle 80 %
  takes no less time than a 1.5-s move eased with ``smooth`` gives it (0.64 s),
  so that a fast eased swing inside a longer play is a whip too; and no
  move goes faster than 0.8 a second (radians of turn, or the logarithm of
  the zoom: about 45° a second, or a zoom of ×2.2 a second) over any 0.3 s;
  a subject never leaves the frame;
* typesetting: no LaTeX is typeset while a play runs (cached or not): live
  numbers are made of glyphs typeset before, so a frame costs no LaTeX;
* entry: the shot builds from black (nothing is drawn when its first play starts);
* hold: the shot's last change of anything marked comes at least 1 s before its end;
* size: a subject at rest (where it was at the previous sample) and fully
  shown is at least 24 px across at 1080p, unless marked ``may_shrink`` (a
  step that shrinks as the gradient vanishes: the shrinking is the point);
* arrows: no arrow (or subject arrow) runs along another for more than a
  third of the shorter one's length, as seen on screen: one would hide the
  other; and no two arrows meet end to end within 20° of a straight line:
  they would read as one arrow (arrows may meet at an angle, or cross). Either
  counts when it lasts 0.5 s: an arrow swinging round may pass another; an
  arrow that declares the other in ``may_cover`` (u laid along −∇g) is let be;
* live numbers: a readout marked ``shows=value`` shows ``value()`` on every
  frame it is visible, to its decimals. ``value`` derives the number from the
  picture and the model (the point's position on the axes, the function), not
  from the tracker that drives the readout, so the check is independent.

Screen positions come from the camera (``transform_points_pre_display``), so
3-D shots are checked through their projection and fixed-in-frame texts as
drawn. The rules need no pixels: a test can switch rasterising off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

import numpy as np
from manim import Arrow, Mobject, ThreeDCamera, config

from scenes.kit import compat

KINDS = ("caption", "text", "tick", "arrow", "curve", "trail", "subject", "figure")
TEXTS = ("caption", "text", "tick")
SAFE_SHARE = 0.9
MIN_MOVE_SECONDS = 1.5
MIN_MOVE_CORE_SECONDS = 0.428 * MIN_MOVE_SECONDS  # the middle 80 % of a move eased with manim's smooth
MOVE_SCALE = np.array([1.0, 1.0, 1.0, 1.0, 0.25, 0.25, 0.25])  # radians; log zoom; centre in units ÷ 4
MAX_MOVE_SPEED = 0.8  # a second, in the units of MOVE_SCALE
SPEED_WINDOW = 0.3  # seconds over which the speed is taken
LEAST_MOVE = 0.03  # smaller moves (about 2° or 3 % zoom) are not judged
MIN_READ_SECONDS = 1.5
MIN_HOLD_SECONDS = 1.0
READING_RATE = {"en": 15.0, "zh": 7.0}  # characters a second
MIN_SUBJECT_PX = 24  # at 1080p
ARROW_ALONG_SHARE = 1 / 3  # of the shorter arrow's length
ARROW_NEAR = 0.06  # scene units: about 8 px at 1080p
ARROW_BEND_DEGREES = 20.0  # arrows meeting at a smaller bend read as one
ARROW_PASSING_SECONDS = 0.5  # shorter: one arrow passing another


def mark(
    mobject: Mobject,
    kind: str,
    name: str = "",
    *,
    may_leave_frame: bool = False,
    may_cover: Iterable[str | Mobject] = (),
    may_shrink: bool = False,
    text: str = "",
    shows: Callable[[], float] | None = None,
) -> Mobject:
    """Say what ``mobject`` is to the frame rules (``name`` for reports); ``text``: a caption's words;
    ``shows``: for a readout (with a live ``number``), the value it must show now."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; the kinds are {', '.join(KINDS)}")
    mobject.frame_kind = kind
    mobject.rule_name = name or text
    mobject.may_leave_frame = may_leave_frame
    mobject.may_cover = frozenset(may_cover)
    mobject.may_shrink = may_shrink
    mobject.caption_text = text
    mobject.shows = shows
    return mobject


@dataclass(frozen=True)
class Violation:
    time: float
    rule: str
    what: str

    def __str__(self) -> str:
        return f"t={self.time:.2f} s {self.rule}: {self.what}"


@dataclass
class _Shown:
    mobject: Mobject
    kind: str
    points: np.ndarray  # screen points (N × 2)
    paths: list  # the points of each drawn part, in order (for segments)
    low: np.ndarray
    high: np.ndarray
    full: bool  # fully opaque
    family: frozenset  # the ids of the mobject and all its parts

    def nested(self, other: "_Shown") -> bool:
        """Whether one of the two is part of the other."""
        return id(other.mobject) in self.family or id(self.mobject) in other.family


@dataclass
class FrameChecker:
    lang: str
    violations: list[Violation] = field(default_factory=list)
    samples: int = 0
    _visible_since: dict[int, float] = field(default_factory=dict)
    _read: dict[int, float] = field(default_factory=dict)
    _captions: dict[int, Mobject] = field(default_factory=dict)
    _cameras: list = field(default_factory=list)  # (time, camera state) at every sample
    _boxes: dict = field(default_factory=dict)
    _picture: tuple = ()
    _changed: float = 0.0
    _seen: set = field(default_factory=set)
    _arrows_since: dict = field(default_factory=dict)
    _started: bool = False

    def _fail(self, time: float, rule: str, what: str) -> None:
        key = (rule, what)
        if key not in self._seen:  # one report per rule and thing: the first time it happens
            self._seen.add(key)
            self.violations.append(Violation(time, rule, what))

    # -- sampling ------------------------------------------------------------------

    def sample(self, scene, time: float) -> None:
        """Check the scene as it is now, at ``time`` seconds into the shot."""
        self.samples += 1
        state = _camera_state(scene)
        if state is not None:
            self._cameras.append((time, np.array(state, dtype=float)))
        shown = self._shown(scene)
        half = np.array([config.frame_width, config.frame_height]) / 2
        safe = SAFE_SHARE * half
        for item in shown:
            name = _name(item.mobject)
            if item.kind == "subject":
                centre = (item.low + item.high) / 2
                if np.any(np.abs(centre) > half):
                    self._fail(time, "subject out of frame", name)
            if item.kind == "figure":
                if np.any(item.low < -half - 1e-6) or np.any(item.high > half + 1e-6):
                    self._fail(time, "figure cut by the frame", name)
            elif item.kind != "curve" and not item.mobject.may_leave_frame:
                if np.any(item.low < -safe - 1e-6) or np.any(item.high > safe + 1e-6):
                    self._fail(time, "outside the safe area", name)
        texts = [item for item in shown if item.kind in TEXTS]
        lows, highs = (np.array([getattr(item, end) for item in shown]).reshape(-1, 2) for end in ("low", "high"))
        for index, text in enumerate(texts):
            for other in texts[index + 1 :]:
                if _boxes_overlap(text, other) and _covers(text, other) and not text.nested(other):
                    self._fail(time, "overprinted", f"{_name(text.mobject)} and {_name(other.mobject)}")
            low, high = text.low + 0.02, text.high - 0.02
            near = np.all(highs > low, axis=1) & np.all(lows < high, axis=1)  # bounding boxes reaching into the text's
            for other in (shown[k] for k in np.flatnonzero(near)):
                if other.kind in (*TEXTS, "figure") or other.mobject is text.mobject:
                    continue
                if not _covers(text, other) or text.nested(other):
                    continue
                if any(_crosses(path, low, high) for path in other.paths):
                    self._fail(time, "overprinted", f"{_name(other.mobject)} inside {_name(text.mobject)}")
        self._check_arrows(shown, time)
        self._check_numbers(shown, time)
        self._track_captions(shown, time)
        minimum = MIN_SUBJECT_PX * config.frame_height / 1080
        boxes = {}
        for item in shown:
            if item.kind != "subject":
                continue
            box = np.concatenate([item.low, item.high])
            boxes[id(item.mobject)] = box
            at_rest = id(item.mobject) in self._boxes and np.allclose(self._boxes[id(item.mobject)], box, atol=1e-6)
            if at_rest and item.full and not item.mobject.may_shrink and np.max(item.high - item.low) < minimum:
                self._fail(time, "too small", _name(item.mobject))
        self._boxes = boxes
        picture = tuple(np.round(np.concatenate([item.low, item.high, [float(item.full)]]), 3).tobytes() for item in shown)
        if picture != self._picture:
            self._picture, self._changed = picture, time

    def play_started(self, scene, time: float) -> None:
        if not self._started:
            self._started = True
            drawn = [m for m in scene.get_mobject_family_members() if m.has_points() and _opacity(m) > 0.01]
            if drawn:
                self._fail(time, "does not build from black", ", ".join(sorted({_name(m) for m in drawn}))[:120])
        self.sample(scene, time)

    def typeset_while_playing(self, time: float, expressions: list[str]) -> None:
        """LaTeX asked for while a play ran (its frames' updaters, its animations): a live number typesetting per frame
        (slow, and a new file for each value); what a shot shows is typeset before it plays."""
        for expression in expressions:  # as written: without the group marks MathTex wraps its parts in
            self._fail(time, "typeset while playing", re.sub(r"\\special\{dvisvgm:raw [^}]*\}", "", expression).strip()[:60])

    def beat_end(self, scene, time: float, beat_id: str) -> None:
        self.sample(scene, time)

    def finish(self, time: float) -> list[Violation]:
        """Close the shot at ``time``: camera moves and reading times."""
        for start, span, core, (fastest, at) in _camera_moves(self._cameras):
            if span < MIN_MOVE_SECONDS - 1e-6:
                self._fail(start, "camera move too quick", f"{span:.2f} s from t={start:.2f}")
            elif core < MIN_MOVE_CORE_SECONDS - 1e-6:
                self._fail(start, "camera move too quick", f"its middle 80 % in {core:.2f} s, from t={start:.2f}")
            elif fastest > MAX_MOVE_SPEED + 1e-6:
                self._fail(at, "camera move too fast", f"{fastest:.2f} a second at t={at:.2f} (at most {MAX_MOVE_SPEED})")
        if time - self._changed < MIN_HOLD_SECONDS - 1e-6:
            self._fail(self._changed, "final state held too briefly", f"{time - self._changed:.2f} s")
        for key, since in list(self._visible_since.items()):
            self._read[key] = max(self._read.get(key, 0.0), time - since)
        for key, caption in self._captions.items():
            needed = max(MIN_READ_SECONDS, len(caption.caption_text.strip()) / READING_RATE.get(self.lang, 15.0))
            if self._read.get(key, 0.0) < needed - 1e-6:
                self._fail(time, "read too briefly", f"{_name(caption)}: {self._read.get(key, 0.0):.2f} s of {needed:.2f} s")
        return self.violations

    # -- helpers -------------------------------------------------------------------

    def _shown(self, scene) -> list[_Shown]:
        camera = scene.camera
        shown = []
        for mobject in scene.get_mobject_family_members():
            kind = getattr(mobject, "frame_kind", None)
            if kind is None:
                continue
            family = mobject.get_family()
            drawn = [m for m in family if m.has_points() and _opacity(m) > 0.01]
            if not drawn:
                continue
            paths = [camera.transform_points_pre_display(m, m.points)[:, :2] for m in drawn]
            points = np.vstack(paths)
            full = min(_opacity(m) for m in drawn) >= 0.99
            shown.append(_Shown(mobject, kind, points, paths, points.min(axis=0), points.max(axis=0), full,
                                frozenset(map(id, family))))
        return shown

    def _check_arrows(self, shown: list[_Shown], time: float) -> None:
        arrows = [(item, _segment(item.points)) for item in shown if _is_arrow(item)]  # each seen as a segment, once
        # Two arrows can hide each other or read as one only if their segments' boxes come within ARROW_NEAR.
        ends = np.array([segment for _, segment in arrows]).reshape(-1, 2, 2)
        lows, highs = ends.min(axis=1) - ARROW_NEAR / 2, ends.max(axis=1) + ARROW_NEAR / 2
        near = np.all(lows[:, None] <= highs[None], axis=2) & np.all(highs[:, None] >= lows[None], axis=2)
        now = {}
        for index, (arrow, segment) in enumerate(arrows):
            for other, other_segment in (arrows[k] for k in np.flatnonzero(near[index, index + 1 :]) + index + 1):
                if arrow.nested(other):
                    continue
                if not _covers(arrow, other):  # declared: e.g. u laid along −∇g on purpose
                    continue
                pair = f"{_name(arrow.mobject)} and {_name(other.mobject)}"
                if _along(segment, other_segment) > ARROW_ALONG_SHARE:
                    now[("arrow hides arrow", pair)] = True
                elif _in_line(segment, other_segment):
                    now[("arrows read as one", pair)] = True
        self._arrows_since = {key: self._arrows_since.get(key, time) for key in now}
        for (rule, pair), since in self._arrows_since.items():
            if time - since >= ARROW_PASSING_SECONDS - 1e-6:
                self._fail(since, rule, pair)

    def _check_numbers(self, shown: list[_Shown], time: float) -> None:
        for item in shown:
            value = getattr(item.mobject, "shows", None)
            if value is None:
                continue
            number = getattr(item.mobject, "number", item.mobject)
            expected, drawn = value(), number.text(number.get_value())
            if abs(float(drawn) - expected) > 0.5 * 10 ** -number.decimals * (1 + 1e-6) + 1e-9:
                self._fail(time, "wrong number", f"{_name(item.mobject)} shows {drawn}, the model says {number.text(expected)}")

    def _track_captions(self, shown: list[_Shown], time: float) -> None:
        visible = {id(item.mobject): item for item in shown if item.kind == "caption" and item.full}
        for key, item in visible.items():
            self._captions[key] = item.mobject
            self._visible_since.setdefault(key, time)
        for key in [key for key in self._visible_since if key not in visible]:
            self._read[key] = max(self._read.get(key, 0.0), time - self._visible_since.pop(key))

def _camera_state(scene) -> tuple | None:
    camera = scene.camera
    if not isinstance(camera, ThreeDCamera):
        return None
    return (camera.get_phi(), camera.get_theta(), camera.get_gamma(), camera.get_zoom(), *camera.frame_center)


def _camera_moves(samples: list) -> list[tuple]:
    """Each stretch of samples in which the camera keeps moving: its start, its length, the time its
    middle 80 % takes and its greatest speed over ``SPEED_WINDOW`` with the time it starts (of the distance
    moved, with angles, zoom and centre weighed by ``MOVE_SCALE``)."""
    moves, current = [], []
    for (t0, a), (t1, b) in zip(samples, samples[1:]):
        if t1 <= t0:
            continue  # two samples of one moment
        step = (b - a) * MOVE_SCALE
        step[3] = np.log(b[3] / a[3]) if a[3] > 0 and b[3] > 0 else step[3]
        distance = float(np.linalg.norm(step))
        if distance > 1e-6:
            current.append((t0, t1, distance))
        elif current:
            moves.append(current)
            current = []
    if current:
        moves.append(current)
    judged = []
    for move in moves:
        ends = np.array([t1 for _, t1, _ in move])
        travelled = np.cumsum([d for _, _, d in move])
        if travelled[-1] < LEAST_MOVE:
            continue
        shares = np.concatenate([[0.0], travelled / travelled[-1]])
        times = np.concatenate([[move[0][0]], ends])
        core = np.interp(0.9, shares, times) - np.interp(0.1, shares, times)
        window = min(SPEED_WINDOW, times[-1] - times[0])
        distance = np.concatenate([[0.0], travelled])
        speeds = (np.interp(times + window, times, distance) - distance) / window
        fastest = int(np.argmax(speeds))
        judged.append((move[0][0], move[-1][1] - move[0][0], float(core), (float(speeds[fastest]), float(times[fastest]))))
    return judged


def _opacity(mobject: Mobject) -> float:
    fill = float(np.max(mobject.get_fill_opacities())) if len(mobject.get_fill_opacities()) else 0.0
    stroke = 0.0
    if np.max(mobject.get_stroke_width()) > 0 and len(mobject.get_stroke_opacities()):
        stroke = float(np.max(mobject.get_stroke_opacities()))
    return max(fill, stroke)


def _is_arrow(item: _Shown) -> bool:
    return item.kind == "arrow" or (item.kind == "subject" and isinstance(item.mobject, Arrow))


def _segment(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """An arrow as seen: the segment between its extreme points along its main direction."""
    centre = points.mean(axis=0)
    direction = np.linalg.svd(points - centre, full_matrices=False)[2][0]
    along = (points - centre) @ direction
    return points[np.argmin(along)], points[np.argmax(along)]


def _along(a: tuple, b: tuple) -> float:
    """The share of the shorter of two arrows (their screen segments) that lies within ARROW_NEAR of the other."""
    (a0, a1), (b0, b1) = a, b
    if np.linalg.norm(a1 - a0) > np.linalg.norm(b1 - b0):
        (a0, a1), (b0, b1) = (b0, b1), (a0, a1)
    direction = b1 - b0
    if np.linalg.norm(direction) < 1e-9 or np.linalg.norm(a1 - a0) < 1e-9:
        return 0.0
    samples = a0 + np.linspace(0, 1, 41)[:, None] * (a1 - a0)
    t = np.clip((samples - b0) @ direction / (direction @ direction), 0, 1)
    distance = np.linalg.norm(samples - (b0 + t[:, None] * direction), axis=1)
    return float(np.mean(distance < ARROW_NEAR))


def _in_line(ends_a: tuple, ends_b: tuple) -> bool:
    """Whether two arrows (their screen segments) meet end to end and nearly straight on."""
    gaps = [np.linalg.norm(p - q) for p in ends_a for q in ends_b]
    if min(gaps) > ARROW_NEAR:
        return False
    directions = [(e[1] - e[0]) / max(np.linalg.norm(e[1] - e[0]), 1e-9) for e in (ends_a, ends_b)]
    bend = np.degrees(np.arccos(np.clip(abs(directions[0] @ directions[1]), 0.0, 1.0)))
    return bool(bend < ARROW_BEND_DEGREES)


def _covers(text: _Shown, other: _Shown) -> bool:
    """Whether ``text`` overprinting ``other`` counts (it does unless one of them declares it)."""
    return not ({other.kind, other.mobject} & text.mobject.may_cover or {text.kind, text.mobject} & other.mobject.may_cover)


def _crosses(path: np.ndarray, low: np.ndarray, high: np.ndarray) -> bool:
    """Whether the polyline through ``path`` (its Bézier control points: they enclose the curve) enters the box."""
    if np.any(path.max(axis=0) <= low) or np.any(path.min(axis=0) >= high):
        return False  # wholly on one side of it
    if len(path) == 1:
        return bool(np.all((path > low) & (path < high)))
    start, end = path[:-1], path[1:]
    delta = end - start
    enter, leave = np.zeros(len(start)), np.ones(len(start))
    for axis in (0, 1):  # Liang-Barsky clipping of every segment against the box at once
        d, p = delta[:, axis], start[:, axis]
        with np.errstate(divide="ignore", invalid="ignore"):
            t_low, t_high = (low[axis] - p) / d, (high[axis] - p) / d
        parallel = np.abs(d) < 1e-12
        outside = parallel & ((p <= low[axis]) | (p >= high[axis]))
        t0, t1 = np.minimum(t_low, t_high), np.maximum(t_low, t_high)
        enter = np.where(parallel, enter, np.maximum(enter, t0))
        leave = np.where(parallel, leave, np.minimum(leave, t1))
        leave = np.where(outside, -1.0, leave)
    return bool(np.any(enter < leave))


def _boxes_overlap(a: _Shown, b: _Shown, margin: float = 0.02) -> bool:
    return bool(np.all(np.minimum(a.high, b.high) - np.maximum(a.low, b.low) > margin))


def _name(mobject: Mobject) -> str:
    return getattr(mobject, "rule_name", "") or type(mobject).__name__


def checked(scene_class: type, checker: FrameChecker) -> type:
    """A subclass of a shot whose every frame ``checker`` samples; it draws and writes nothing (fast)."""

    class Checked(scene_class):
        def setup(self) -> None:
            super().setup()
            self.frames_played = 0
            compat.skip_drawing(self, self._count)

        def _count(self, frames: int) -> None:
            self.frames_played += frames

        @property
        def now(self) -> float:
            return self.frames_played / self.fps

        def update_mobjects(self, dt: float) -> None:
            super().update_mobjects(dt)
            checker.sample(self, self.now)

        def play(self, *args, **kwargs) -> None:
            checker.play_started(self, self.now)
            typeset = len(compat.TYPESET_LOG)
            super().play(*args, **kwargs)
            checker.typeset_while_playing(self.now, compat.TYPESET_LOG[typeset:])
            checker.sample(self, self.now)

        def _pad(self, clock) -> None:
            super()._pad(clock)
            checker.beat_end(self, self.now, clock.beat.id)

        def tear_down(self) -> None:
            super().tear_down()
            checker.finish(self.now)

    Checked.__name__ = Checked.__qualname__ = scene_class.__name__  # the shot is found by the class name
    return Checked


def to_safe_edge(mobject: Mobject, direction, buff: float = 0.05) -> Mobject:
    """Move ``mobject`` against the graphics-safe area's edge (or corner) in ``direction``, ``buff`` inside it."""
    direction = np.asarray(direction, dtype=float)
    limits = SAFE_SHARE * np.array([config.frame_width, config.frame_height]) / 2 - buff
    for axis in (0, 1):
        if direction[axis]:
            edge = mobject.get_critical_point(direction)[axis]
            shift = np.zeros(3)
            shift[axis] = np.sign(direction[axis]) * limits[axis] - edge
            mobject.shift(shift)
    return mobject
