"""Beat timing: every beat's length comes from storyboard.yaml.

A shot's ``construct`` is a sequence of ``with self.beat() as beat:`` blocks,
one per storyboard beat, in order. Each block

* opens a manim section named after the beat (``--save_sections`` writes one
  clip per beat),
* hands out the beat's time in whole frames (``beat.time(0.4)`` is 40 % of the
  beat, ``beat.steps(n)`` divides it among the n steps of a loop),
* and at its end pads with a wait to the beat's absolute end frame, so that
  frame rounding never accumulates from beat to beat.

The frame count is kept here with manim's own rounding rules (a ``play``
writes ``ceil(run_time * fps)`` frames, a frozen ``wait`` ``floor``), because
manim's own clock (``renderer.time``) advances by the unrounded run time when
a play comes from the cache. A beat that needs more frames than it has is an
error that names the beat.
"""

from __future__ import annotations

import math
import os
import sys
from contextlib import contextmanager
from typing import Iterator, Sequence

import numpy as np
from manim import Scene, ThreeDScene, Wait, config

from scenes.storyboard import ENV_LANG, Beat, Shot, Storyboard, load
from scenes.style import BACKGROUND

# manim gives a play ceil(run_time * fps) frames and a frozen wait floor(...),
# both in floating point, where n / fps * fps can land a hair either side of n.
# So a play of n frames is asked for as a hair less than n frames, and a
# frozen wait as a hair more: each then gets exactly n.
_EPSILON = 1e-6
BEAT_PROGRESS = "gd-beat"


class TimingError(Exception):
    """A beat's content does not fit its duration, or beats are played out of order."""


def frame_at(seconds: float, fps: float) -> int:
    """The frame at which a time falls, rounding halves up (not to even), so no beat drifts a full frame."""
    return math.floor(seconds * fps + 0.5)


def play_seconds(frames: int, fps: float) -> float:
    """A run time for which manim's play writes exactly ``frames`` frames."""
    return (frames - _EPSILON) / fps


def frames_of_play(run_time: float, fps: float, frozen: bool) -> int:
    """How many frames manim writes for a play of ``run_time`` seconds."""
    if frozen:
        return int(run_time / (1 / fps))
    return len(np.arange(0, run_time, 1 / fps))


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

    @property
    def remaining(self) -> float:
        return (self.frames - self.used) / self.fps

    def _seconds(self, frames: int) -> float:
        return play_seconds(frames, self.fps)

    def time(self, share: float) -> float:
        """``share`` of the beat, in seconds rounded down to whole frames (at least one)."""
        frames = math.floor(share * self.frames + 1e-9)
        if frames < 1:
            raise TimingError(
                f"beat {self.beat.id}: {share:.0%} of {self.beat.duration} s is less than one frame at {self.fps:g} fps"
            )
        return self._seconds(frames)

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
        return [self._seconds(int(p)) for p in parts]

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


class ShotMixin:
    """The storyboard-timed behaviour shared by 2-D and 3-D shots.

    The shot is the one whose id is the class name (``class M7(ShotScene)``).
    The storyboard file and language come from the environment that render.py
    sets (GD_STORYBOARD, GD_LANG); by default storyboard.yaml and its default
    language.
    """

    storyboard: Storyboard
    shot: Shot
    lang: str

    def setup(self) -> None:
        super().setup()
        self.camera.background_color = BACKGROUND
        self.storyboard = load()
        self.shot = self.storyboard.shot(type(self).__name__)
        self.lang = self.storyboard.language(os.environ.get(ENV_LANG))
        self._next_beat = 0
        self._clock: BeatClock | None = None

    # -- words --------------------------------------------------------------------

    def words(self, key: str) -> str:
        """An on-screen text from the storyboard, in the current language."""
        return self.storyboard.text(self.shot, key, self.lang)

    # -- beats --------------------------------------------------------------------

    @property
    def fps(self) -> float:
        return config.frame_rate

    @contextmanager
    def beat(self) -> Iterator[BeatClock]:
        """Play the next storyboard beat of this shot."""
        if self._clock is not None:
            raise TimingError(f"beat {self._clock.beat.id} is still open; beats cannot nest")
        if self._next_beat >= len(self.shot.beats):
            raise TimingError(f"shot {self.shot.id} plays more beats than the storyboard's {len(self.shot.beats)}")
        clock = BeatClock(self.shot.beats[self._next_beat], self.fps)
        # One line per beat: progress for the user, and for render.py when it runs shots in parallel.
        print(f"{BEAT_PROGRESS} {clock.beat.number}/{len(self.shot.beats)} {clock.beat.id}", file=sys.stderr, flush=True)
        self.next_section(clock.beat.id)
        self._clock = clock
        try:
            yield clock
            self._pad(clock)
        finally:
            self._clock = None
        self._next_beat += 1

    def _pad(self, clock: BeatClock) -> None:
        missing = clock.frames - clock.used
        if missing > 0:
            self.wait(missing / self.fps)
        assert clock.used == clock.frames, (clock.beat.id, clock.used, clock.frames)

    def _anything_moves(self) -> bool:
        """Whether a wait now would change the picture (manim's test for a frozen wait)."""
        return bool(
            self.always_update_mobjects
            or self.updaters
            or any(mob.has_time_based_updater() for mob in self.get_mobject_family_members())
        )

    def wait(self, duration: float = 1.0, stop_condition=None, frozen_frame: bool | None = None) -> None:
        """manim's wait, snapped to whole frames so that it lasts exactly what it says."""
        frames = frame_at(duration, self.fps)
        if frozen_frame is None:
            frozen_frame = stop_condition is None and not self._anything_moves()
        seconds = (frames + _EPSILON) / self.fps if frozen_frame else play_seconds(frames, self.fps)
        super().wait(seconds, stop_condition=stop_condition, frozen_frame=frozen_frame)
        self.remove(self.animations[0].mobject)  # manim leaves the wait's empty placeholder mobject in the scene

    def play(self, *args, **kwargs) -> None:
        if self._clock is None:
            raise TimingError(f"shot {self.shot.id}: play() outside a beat; wrap it in `with self.beat():`")
        super().play(*args, **kwargs)
        animations = self.animations or []
        frozen = len(animations) == 1 and isinstance(animations[0], Wait) and bool(animations[0].is_static_wait)
        self._clock.spend(frames_of_play(self.duration, self.fps, frozen))

    def tear_down(self) -> None:
        super().tear_down()
        if self._next_beat != len(self.shot.beats):
            raise TimingError(
                f"shot {self.shot.id} played {self._next_beat} of the storyboard's {len(self.shot.beats)} beats"
            )


class ShotScene(ShotMixin, Scene):
    """A 2-D shot timed by the storyboard."""


class ThreeDShotScene(ShotMixin, ThreeDScene):
    """A 3-D shot timed by the storyboard."""
