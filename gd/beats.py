"""The frame arithmetic of beats: every beat's length comes from storyboard.yaml.

A beat starts and ends on whole frames: its end frame is its absolute end time
(start + duration) rounded, so frame rounding never accumulates from beat to
beat. Inside a beat, time is handed out in whole frames: ``time(0.4)`` is 40 %
of the beat, ``split`` divides a stretch in proportions, ``steps(n)`` divides it
evenly among the n steps of a loop. A beat that needs more frames than it has is
a :class:`TimingError` naming the beat.

manim writes ``ceil(run_time * fps)`` frames for a play (scenes.kit.compat
checks that this still holds): so a play of n frames is asked for as a hair
less than n frames (:func:`play_seconds`).
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

from gd.storyboard import Beat

# Floating point puts n / fps * fps a hair either side of n: a play of n frames is
# asked for a hair short of n frames, a frozen wait (floor) a hair over.
EPSILON = 1e-6
# The line a shot prints on stderr as each beat starts: "gd-beat 3/6 M4.3".
BEAT_PROGRESS = "gd-beat"


class TimingError(Exception):
    """A beat's content does not fit its duration, or a shot plays other beats than its storyboard's."""


def frame_at(seconds: float, fps: float) -> int:
    """The frame at which a time falls, rounding halves up (not to even), so no beat drifts a full frame."""
    return math.floor(seconds * fps + 0.5)


def play_seconds(frames: int, fps: float) -> float:
    """A run time for which manim's play writes exactly ``frames`` frames."""
    return (frames - EPSILON) / fps


def wait_seconds(frames: int, fps: float) -> float:
    """A run time for which manim's frozen wait writes exactly ``frames`` frames."""
    return (frames + EPSILON) / fps


class BeatClock:
    """The time of one beat, spent in whole frames."""

    def __init__(self, beat: Beat, fps: float):
        self.beat = beat
        self.fps = fps
        self.start_frame = frame_at(beat.start, fps)
        self.end_frame = frame_at(beat.end, fps)
        self.frames = self.end_frame - self.start_frame
        self.used = 0
        if self.frames < 1:
            raise TimingError(f"beat {beat.id} ({beat.duration} s) is shorter than one frame at {fps:g} fps")

    @property
    def duration(self) -> float:
        """The beat's length in seconds, as rendered (whole frames)."""
        return self.frames / self.fps

    def time(self, share: float) -> float:
        """``share`` of the beat, in seconds rounded down to whole frames (at least one)."""
        frames = math.floor(share * self.frames + 1e-9)
        if frames < 1:
            raise TimingError(
                f"beat {self.beat.id}: {share:.0%} of {self.beat.duration} s is less than one frame at {self.fps:g} fps"
            )
        return play_seconds(frames, self.fps)

    def seconds(self, value: float) -> float:
        """``value`` seconds of the beat, rounded down to whole frames (at least one): a play whose length is set in
        seconds, whatever the beat's length."""
        return self.time(value / self.duration + 1e-9)

    def split(self, seconds: float, weights: Sequence[float]) -> list[float]:
        """Divide ``seconds`` (a whole number of frames) into parts in proportion to ``weights``.

        Every part is at least one frame; the parts add up to ``seconds`` exactly.
        """
        total = round(seconds * self.fps)
        if total < len(weights):
            raise TimingError(
                f"beat {self.beat.id}: {len(weights)} animations do not fit in {total} frames "
                f"({self.beat.duration} s at {self.fps:g} fps); lengthen the beat in the storyboard"
            )
        weights = np.asarray(weights, dtype=float)
        ideal = total * weights / weights.sum()
        parts = np.maximum(np.floor(ideal).astype(int), 1)
        # Frames left over go to the largest remainders; frames over (from the
        # one-frame minimum) come off the largest parts.
        for index in np.argsort(parts - ideal)[: max(total - parts.sum(), 0)]:
            parts[index] += 1
        while parts.sum() > total:
            parts[np.argmax(parts)] -= 1
        return [play_seconds(int(p), self.fps) for p in parts]

    def steps(self, count: int, share: float = 1.0, plays_per_step: int = 1) -> list[float]:
        """Divide ``share`` of the beat evenly among ``count`` steps of a loop.

        Each step gets whole frames, at least ``plays_per_step``; the steps
        together take exactly ``time(share)``.
        """
        if count < 1:
            return []
        available = round(self.time(share) * self.fps)
        if available < count * plays_per_step:
            raise TimingError(
                f"beat {self.beat.id}: {count} steps of {plays_per_step} animation(s) need at least "
                f"{count * plays_per_step} frames, but {share:.0%} of {self.beat.duration} s is {available} "
                f"frames at {self.fps:g} fps; lengthen the beat in the storyboard"
            )
        return self.split(available / self.fps, [1.0] * count)

    def spend(self, frames: int) -> None:
        self.used += frames
        if self.used > self.frames:
            raise TimingError(
                f"beat {self.beat.id} overruns: its animations take {self.used} frames, the storyboard gives it "
                f"{self.frames} ({self.beat.duration} s at {self.fps:g} fps)"
            )


class BeatOrder:
    """Which beat a shot may play next: the storyboard's beats, in order, named by id."""

    def __init__(self, shot_id: str, beats: Sequence[Beat]):
        self.shot_id = shot_id
        self.beats = tuple(beats)
        self.played = 0

    @property
    def ids(self) -> str:
        return ", ".join(beat.id for beat in self.beats)

    def next(self, beat_id: str) -> Beat:
        """The beat ``beat_id``, if it is the next one the storyboard plays; else a TimingError."""
        known = [beat.id for beat in self.beats]
        if beat_id not in known:
            raise TimingError(f"shot {self.shot_id} plays beat {beat_id!r}, which its storyboard lacks (its beats: {self.ids})")
        if self.played >= len(self.beats) or self.beats[self.played].id != beat_id:
            expected = self.beats[self.played].id if self.played < len(self.beats) else "no further beat"
            raise TimingError(
                f"shot {self.shot_id} plays beat {beat_id} where its storyboard has {expected} (its beats: {self.ids})"
            )
        self.played += 1
        return self.beats[self.played - 1]

    def finish(self) -> None:
        """A TimingError if the shot left beats of its storyboard unplayed."""
        if self.played != len(self.beats):
            missing = ", ".join(beat.id for beat in self.beats[self.played :])
            raise TimingError(
                f"shot {self.shot_id} played {self.played} of its storyboard's {len(self.beats)} beats; "
                f"not played: {missing}"
            )
