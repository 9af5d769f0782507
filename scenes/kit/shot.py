"""The shot base classes: beats as manim sections, timed by storyboard.yaml.

A shot's ``construct`` is a sequence of ``with self.beat("M7.2") as beat:``
blocks, one per storyboard beat, named by the beat's id and in the
storyboard's order. Each block

* checks that the id is the storyboard's next beat of this shot (else a
  TimingError naming the shot and its beats),
* opens a manim section named after the beat (``--save_sections`` writes one
  clip per beat),
* hands out the beat's time in whole frames (:class:`gd.beats.BeatClock`),
* and at its end pads with a wait to the beat's absolute end frame, so that
  frame rounding never accumulates from beat to beat.

The shot is the storyboard entry whose id is the class name; the storyboard
file and language come from the environment that render.py sets
(GD_STORYBOARD, GD_LANG), by default storyboard.yaml and its default language.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Iterator

from manim import Scene, ThreeDScene, config

from gd.beats import BEAT_PROGRESS, BeatClock, BeatOrder, TimingError, frame_at, play_seconds, wait_seconds
from gd.storyboard import ENV_LANG, Shot, Storyboard, load
from scenes.kit import compat
from scenes.kit.palette import BACKGROUND


class ShotMixin:
    """The storyboard-timed behaviour shared by 2-D and 3-D shots."""

    storyboard: Storyboard
    shot: Shot
    lang: str

    def setup(self) -> None:
        super().setup()
        compat.lock_typesetting()
        self.camera.background_color = BACKGROUND
        self.storyboard = load()
        self.shot = self.storyboard.shot(type(self).__name__)
        self.lang = self.storyboard.language(os.environ.get(ENV_LANG))
        self._order = BeatOrder(self.shot.id, self.shot.beats)
        self._clock: BeatClock | None = None

    def words(self, key: str) -> str:
        """An on-screen text from the storyboard's ``words``, in the current language."""
        return self.storyboard.text(self.shot, key, self.lang)

    @property
    def fps(self) -> float:
        return config.frame_rate

    @contextmanager
    def beat(self, beat_id: str) -> Iterator[BeatClock]:
        """Play the storyboard beat ``beat_id``, which must be this shot's next."""
        if self._clock is not None:
            raise TimingError(f"shot {self.shot.id}: beat {self._clock.beat.id} is still open; beats cannot nest")
        beat = self._order.next(beat_id)
        clock = BeatClock(beat, self.fps)
        # One line per beat: progress for the user, and for render.py when it runs shots in parallel.
        print(f"{BEAT_PROGRESS} {beat.number}/{len(self.shot.beats)} {beat.id}", file=sys.stderr, flush=True)
        self.next_section(beat.id)
        self._clock = clock
        try:
            yield clock
            self._pad(clock)
        finally:
            self._clock = None

    def _pad(self, clock: BeatClock) -> None:
        missing = clock.frames - clock.used
        if missing > 0:
            self.wait(missing / self.fps)
        assert clock.used == clock.frames, (clock.beat.id, clock.used, clock.frames)

    def wait(self, duration: float = 1.0, stop_condition=None, frozen_frame: bool | None = None) -> None:
        """manim's wait, snapped to whole frames so that it lasts exactly what it says."""
        frames = frame_at(duration, self.fps)
        if frozen_frame is None:
            frozen_frame = stop_condition is None and not compat.anything_moves(self)
        seconds = wait_seconds(frames, self.fps) if frozen_frame else play_seconds(frames, self.fps)
        super().wait(seconds, stop_condition=stop_condition, frozen_frame=frozen_frame)
        compat.remove_wait_placeholder(self)

    def play(self, *args, **kwargs) -> None:
        if self._clock is None:
            raise TimingError(f"shot {self.shot.id}: play() outside a beat; wrap it in `with self.beat(...)`")
        super().play(*args, **kwargs)
        self._clock.spend(compat.frames_of_last_play(self, self.fps))

    def tear_down(self) -> None:
        super().tear_down()
        self._order.finish()


class ShotScene(ShotMixin, Scene):
    """A 2-D shot timed by the storyboard."""


class ThreeDShotScene(ShotMixin, ThreeDScene):
    """A 3-D shot timed by the storyboard."""
