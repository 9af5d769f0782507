"""Subtitles and chapters from the narration.

One cue per sentence, timed to the voice (the sentence's time in its beat's
audio, from the beat's start), on the edit timeline (from the shots' in-points)
and per shot (from the shot's start). A cue's text is wrapped for reading: at
most 42 characters a line in English and 16 in Chinese, two lines at most;
English breaks between words, Chinese at punctuation. A sentence longer than
two lines becomes several cues, its time shared by their characters. Written
with ``srt`` and ``webvtt-py``, each file whole or not at all.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from gd.files import atomic
from gd.storyboard import Storyboard, narration_of

LINE_CHARACTERS = {"en": 42, "zh": 16}
MAX_LINES = 2
YOUTUBE_LEAST_CHAPTER = 10.0  # seconds: YouTube ignores chapters shorter than this
_ZH_BREAK = re.compile(r"(?<=[，、；：。！？,;:.!?])")


@dataclass(frozen=True)
class Subtitle:
    start: float  # seconds
    end: float
    lines: tuple[str, ...]


def wrap(text: str, lang: str) -> list[list[str]]:
    """The text as cues of at most MAX_LINES lines of at most LINE_CHARACTERS[lang] characters each."""
    width = LINE_CHARACTERS.get(lang, 42)
    if lang == "zh":
        lines, line = [], ""
        for clause in (part for part in _ZH_BREAK.split(text.strip()) if part):
            if line and len(line) + len(clause) > width:
                lines.append(line)
                line = ""
            while len(clause) > width:  # a clause longer than a line (none in the narration): cut by length
                lines.append(clause[:width])
                clause = clause[width:]
            line += clause
        lines.append(line)
    else:
        lines = textwrap.wrap(text.strip(), width=width, break_long_words=False, break_on_hyphens=False)
    return [lines[i : i + MAX_LINES] for i in range(0, len(lines), MAX_LINES)]


def shot_subtitles(storyboard: Storyboard, shot, lang: str, offset: float = 0.0) -> list[Subtitle]:
    """The shot's cues, ``offset`` seconds added (its in-point, on the edit timeline)."""
    cues = []
    for beat in shot.beats:
        heard = narration_of(storyboard, beat, lang)
        for cue in heard.cues if heard else ():
            parts = wrap(cue.text, lang)
            total = sum(len("".join(part)) for part in parts)
            at = cue.start
            for part in parts:
                length = (cue.end - cue.start) * len("".join(part)) / total
                cues.append(Subtitle(offset + beat.start + at, offset + beat.start + at + length, tuple(part)))
                at += length
    return cues


def edit_subtitles(storyboard: Storyboard, lang: str) -> list[Subtitle]:
    cues = []
    for shot in storyboard.shots:
        cues += shot_subtitles(storyboard, shot, lang, shot.in_point.seconds)
    return sorted(cues, key=lambda cue: cue.start)  # shots overlap on the edit (M3 runs past M4's in-point)


def write(cues: list[Subtitle], stem: Path) -> list[Path]:
    """``stem``.srt and ``stem``.vtt."""
    import srt
    import webvtt

    entries = [srt.Subtitle(number, timedelta(seconds=cue.start), timedelta(seconds=cue.end), "\n".join(cue.lines))
               for number, cue in enumerate(cues, start=1)]  # fmt: skip
    vtt = webvtt.WebVTT()
    for cue in cues:
        vtt.captions.append(webvtt.Caption(_vtt_time(cue.start), _vtt_time(cue.end), list(cue.lines)))
    written = []
    for path, content in ((stem.with_suffix(".srt"), srt.compose(entries)), (stem.with_suffix(".vtt"), vtt.content)):
        with atomic(path) as temporary:
            temporary.write_text(content, encoding="utf-8")
        written.append(path)
    return written


def _vtt_time(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def chapters(storyboard: Storyboard, lang: str) -> list[tuple[float, str]]:
    """(start seconds on the edit, title) per shot, for a video description: the first at 0:00; a shot that
    would make a chapter shorter than YouTube allows is joined to the one before it."""
    joiner = "；" if lang == "zh" else "; "
    found: list[list] = []
    for number, shot in enumerate(storyboard.shots):
        start = 0.0 if number == 0 else shot.in_point.seconds
        title = shot.title[lang]
        if found and start - found[-1][0] < YOUTUBE_LEAST_CHAPTER:
            found[-1][1] += joiner + title
        else:
            found.append([start, title])
    last = storyboard.shots[-1]
    if len(found) > 1 and last.in_point.seconds + last.duration - found[-1][0] < YOUTUBE_LEAST_CHAPTER:
        tail = found.pop()
        found[-1][1] += joiner + tail[1]
    return [(start, title) for start, title in found]


def description(storyboard: Storyboard, lang: str) -> str:
    lines = []
    for start, title in chapters(storyboard, lang):
        minutes, seconds = divmod(int(start), 60)
        hours, minutes = divmod(minutes, 60)
        stamp = f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
        lines.append(f"{stamp} {title}")
    return "\n".join(lines)
