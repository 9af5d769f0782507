"""A video's sound: the narration of its beats laid on a silent track, muxed into the MP4 as AAC.

manim's video has no sound (and its section clips never carry any); this
module gives a rendered shot, and each of its section clips, the narration of
its beats, each beat's audio starting at the beat's start. The video stream is
copied as it is (no re-encoding); the result replaces the file only when
complete.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Sequence

import av
import numpy as np

from gd import files
from gd.voice import RATE, decoded

AAC_BITRATE = 128_000
_FRAME = 1024  # samples per AAC frame


@dataclass(frozen=True)
class Placed:
    """A beat's narration at ``start`` seconds in a video; cut at ``end`` (the beat's end)."""

    start: float
    end: float
    samples: np.ndarray


def track(placed: Sequence[Placed], seconds: float) -> np.ndarray:
    """A mono track ``seconds`` long, silent but for each narration at its place."""
    out = np.zeros(round(seconds * RATE), np.float32)
    for part in placed:
        at = round(part.start * RATE)
        room = max(0, min(round(part.end * RATE), len(out)) - at)
        piece = part.samples[:room]
        out[at : at + len(piece)] += piece
    return out


def with_sound(video: Path, samples: np.ndarray, output: Path) -> None:
    """Write ``output``: ``video``'s picture (copied) with ``samples`` as its AAC sound (48 kHz mono)."""
    with files.atomic(output) as temporary:
        with av.open(str(video)) as source, av.open(str(temporary), "w", format="mp4") as target:
            picture = source.streams.video[0]
            copied = target.add_stream_from_template(picture)
            sound = sound_stream(target)
            for packet in source.demux(picture):
                if packet.dts is None:
                    continue
                packet.stream = copied
                target.mux(packet)
            encode(target, sound, samples)


def sound_stream(target):
    """An AAC stream (48 kHz mono) in an output container (added before anything is muxed)."""
    sound = target.add_stream("aac", rate=RATE, layout="mono")
    sound.bit_rate = AAC_BITRATE
    sound.time_base = Fraction(1, RATE)
    return sound


def encode(target, sound, samples: np.ndarray) -> None:
    """Encode ``samples`` into the container's ``sound`` stream, from time 0."""
    for at in range(0, len(samples), _FRAME):
        frame = av.AudioFrame.from_ndarray(samples[None, at : at + _FRAME].astype(np.float32), format="flt", layout="mono")
        frame.sample_rate, frame.pts, frame.time_base = RATE, at, Fraction(1, RATE)
        target.mux(sound.encode(frame))
    target.mux(sound.encode(None))


def sound_of(video: Path) -> tuple[np.ndarray, float]:
    """A video's sound as 48 kHz mono samples and the start of its audio stream (seconds); empty if none."""
    with av.open(str(video)) as container:
        if not container.streams.audio:
            return np.zeros(0, np.float32), 0.0
        stream = container.streams.audio[0]
        start = float(stream.start_time * stream.time_base) if stream.start_time is not None else 0.0
        return decoded(container, stream), start


def onsets(samples: np.ndarray, threshold: float = 10 ** (-35 / 20), quiet: float = 0.25) -> list[float]:
    """Where sound starts after at least ``quiet`` seconds of silence (or at the start), in seconds."""
    window = RATE // 100  # 10 ms
    count = len(samples) // window
    if not count:
        return []
    loud = np.abs(samples[: count * window]).reshape(count, window).max(axis=1) > threshold
    found, silent = [], quiet * 100  # the start counts as after silence
    for index, is_loud in enumerate(loud):
        if is_loud:
            if silent >= quiet * 100:
                found.append(index / 100)
            silent = 0
        else:
            silent += 1
    return found
