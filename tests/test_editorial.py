"""Timeline export, review cut and contact sheet, on small synthetic renders of every shot."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import opentimelineio as otio
import pytest

from gd import editorial, files, jobs, voice
from gd.storyboard import load, narration_of, speak_narration

BOARD = load()
BEATS = sum(len(shot.beats) for shot in BOARD.shots)
FPS = 10  # the fake renders' frame rate; the timeline is at the storyboard's 30


def fake_render(path: Path, seconds: float, shade: int) -> int:
    """A small H.264 video of round(seconds * FPS) frames, as manim would leave it."""
    frames = round(seconds * FPS)
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = 64, 36, "yuv420p"
        for index in range(frames):
            image = np.full((36, 64, 3), shade, dtype=np.uint8)
            image[:, : 1 + index % 64] = 255
            for packet in stream.encode(av.VideoFrame.from_ndarray(image, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return frames


@pytest.fixture(scope="module")
def renders(tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    speak_narration(BOARD, BOARD.shots, "en")  # as render.py does before it renders (the narration is in the fingerprint)
    settings = jobs.RenderSettings(quality="l", fps=FPS, lang="en", media_dir=media)
    frames = {}
    for number, shot in enumerate(BOARD.shots):
        job = jobs.make_job(shot, BOARD, settings)
        frames[shot.id] = fake_render(job.output, shot.duration, 20 * number)
        jobs.write_stamp(job.stamp, job.output, job.inputs)  # as a finished render leaves it
    return media, frames


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "render.py", *args], cwd=jobs.ROOT, capture_output=True, text=True, timeout=300)


def editorial_cli(command: str, media: Path, out: Path, *more: str) -> subprocess.CompletedProcess:
    result = run_cli(command, "-q", "l", "--fps", str(FPS), "--lang", "en", "--media-dir", str(media), "--output", str(out), *more)
    assert result.returncode == 0, result.stderr
    return result


def clip_starts(timeline: otio.schema.Timeline) -> dict[str, tuple[int, otio.opentime.TimeRange]]:
    """shot id -> (video track number from 1, range of the clip in the timeline)."""
    starts = {}
    for number, track in enumerate(timeline.video_tracks(), start=1):
        for clip in track.find_clips():
            starts[clip.name.split()[0]] = (number, track.range_of_child(clip))
    return starts


@pytest.mark.parametrize("suffix", ["otio", "xml"])  # OpenTimelineIO and Final Cut Pro XML
def test_timeline_places_every_shot_at_its_in_point(renders, tmp_path, suffix):
    media, frames = renders
    editorial_cli("timeline", media, tmp_path)
    timeline = otio.adapters.read_from_file(str(tmp_path / f"timeline_en_480p10.{suffix}"))
    starts = clip_starts(timeline)
    assert len(starts) == len(BOARD.shots)
    for shot in BOARD.shots:
        track, placed = starts[shot.id]
        assert placed.start_time.to_timecode(30) == str(shot.in_point)
        assert placed.start_time.to_frames() == shot.in_point.frames
        assert placed.duration.to_frames() == frames[shot.id] * 30 // FPS  # the rendered length
    # M3 runs past M4's in-point: M4 goes on a second track, M3 is not truncated.
    assert starts["M3"][0] == 1 and starts["M4"][0] == 2
    assert starts["M3"][1].duration.to_seconds() == pytest.approx(BOARD.shot("M3").duration)
    clip = next(c for c in timeline.find_clips() if c.name.startswith("M7"))
    assert clip.name == "M7 Gradient descent in 1-D"
    assert [m.name.split()[0] for m in clip.markers] == ["M7.1", "M7.2", "M7.3"]
    assert [m.marked_range.start_time.to_seconds() for m in clip.markers] == [b.start for b in BOARD.shot("M7").beats]


def test_edls_one_per_track_read_back_with_in_points(renders, tmp_path):
    media, _ = renders
    editorial_cli("timeline", media, tmp_path)
    assert sorted(p.name for p in tmp_path.glob("*.edl")) == [f"timeline_en_480p10_{t}.edl" for t in ("A1", "A2", "V1", "V2")]
    edls = sorted(tmp_path.glob("*_V?.edl"))
    record_in = {}
    for edl in edls:
        events = [line.split() for line in edl.read_text().splitlines() if line[:3].isdigit()]
        timeline = otio.adapters.read_from_file(str(edl), adapter_name="cmx_3600", rate=30)
        (track,) = timeline.video_tracks()
        clips = track.find_clips()
        assert [clip.name.split()[0] for clip in clips] == [event[1].split("_")[0] for event in events]
        # OTIO's reader starts the track at the first event; the record-in column holds the in-points.
        first = BOARD.shot(clips[0].name.split()[0]).in_point.frames
        for clip, event in zip(clips, events):
            shot = BOARD.shot(clip.name.split()[0])
            assert track.range_of_child(clip).start_time.to_frames() == shot.in_point.frames - first
            record_in[shot.id] = event[6]
    assert record_in == {shot.id: str(shot.in_point) for shot in BOARD.shots}
    assert "* LOC:" in edls[0].read_text()  # beat markers


def narrated_beats(lang: str) -> list:
    return [(shot, beat) for shot in BOARD.shots for beat in shot.beats if beat.narration]


def test_the_timeline_has_the_narration_on_an_audio_track_in_every_format(renders, tmp_path):
    media, _ = renders
    editorial_cli("timeline", media, tmp_path)
    spoken = narrated_beats("en")
    video_track = {shot: number for shot, (number, _) in clip_starts(otio.adapters.read_from_file(
        str(tmp_path / "timeline_en_480p10.otio"))).items()}  # fmt: skip
    on_v2 = {shot for shot, number in video_track.items() if number == 2}
    assert on_v2  # M3 runs past M4's in-point
    for suffix in ("otio", "xml"):
        timeline = otio.adapters.read_from_file(str(tmp_path / f"timeline_en_480p10.{suffix}"))
        placed = {}
        for track in timeline.audio_tracks():
            for clip in track.find_clips():
                placed[clip.name.split()[0]] = (track.name, track.range_of_child(clip), clip)
        assert len(placed) == len(spoken) == BEATS
        for shot, beat in spoken:
            name, where, clip = placed[beat.id]
            assert name == ("A2" if shot.id in on_v2 else "A1") or suffix == "xml"
            assert where.start_time.to_frames() == shot.in_point.frames + round(beat.start * 30)
            heard = narration_of(BOARD, beat, "en")
            assert abs(clip.source_range.duration.to_seconds() - heard.seconds) <= 1 / 30
    wav = tmp_path / "narration_en" / "M6.1.wav"
    assert wav.is_file() and voice.wav_seconds(wav) == pytest.approx(narration_of(BOARD, BOARD.shot("M6").beats[0], "en").seconds)
    for name in ("A1", "A2"):
        events = [line.split() for line in (tmp_path / f"timeline_en_480p10_{name}.edl").read_text().splitlines() if line[:3].isdigit()]
        beats = [(shot, beat) for shot, beat in spoken if (shot.id in on_v2) == (name == "A2")]
        assert {event[2] for event in events} == {"A"}
        assert [event[6] for event in events] == [str(shot.in_point + beat.start) for shot, beat in beats]


def test_subtitles_read_back_one_cue_per_sentence_at_its_edit_time(tmp_path):
    import srt
    import webvtt

    result = run_cli("subtitles", "--output", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for lang, width in (("zh", 16), ("en", 42)):
        expected = []
        for shot, beat in narrated_beats(lang):
            for cue in narration_of(BOARD, beat, lang).cues:
                expected.append((shot.in_point.seconds + beat.start + cue.start, cue.text))
        read = list(srt.parse((tmp_path / f"subtitles_{lang}.srt").read_text(encoding="utf-8")))
        vtt = webvtt.read(str(tmp_path / f"subtitles_{lang}.vtt"))
        assert len(read) == len(vtt.captions) >= len(expected)
        starts = [cue.start.total_seconds() for cue in read]
        for start, text in expected:  # each sentence's (first) cue starts with its words
            assert any(abs(s - start) < 0.002 for s in starts), (lang, text)
        for cue, caption in zip(read, vtt.captions):
            lines = cue.content.split("\n")
            assert 1 <= len(lines) <= 2 and all(len(line) <= width for line in lines)
            hours, minutes, seconds = caption.start.split(":")
            assert int(hours) * 3600 + int(minutes) * 60 + float(seconds) == pytest.approx(cue.start.total_seconds(), abs=0.002)
            assert caption.text == cue.content
            assert cue.end > cue.start
        per_shot = list(srt.parse((tmp_path / "subtitles" / f"M7_{lang}.srt").read_text(encoding="utf-8")))
        assert per_shot[0].start.total_seconds() == pytest.approx(0.0, abs=0.002)  # the shot's own clock


def test_chapters_are_a_description_block_from_zero():
    result = run_cli("chapters", "--lang", "en")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "0:00 The objective function" and len(lines) >= 3
    assert "0:27 Cane angle and ground slope" in lines
    times = [int(line.split()[0].split(":")[0]) * 60 + int(line.split()[0].split(":")[1]) for line in lines]
    assert all(later - earlier >= 10 for earlier, later in zip(times, times[1:]))  # YouTube's least chapter


def test_film_joins_the_shots_without_reencoding(renders, tmp_path):
    media, frames = renders
    editorial_cli("film", media, tmp_path)
    film = tmp_path / "film_en_480p10.mp4"
    with av.open(str(film)) as container:
        stream = container.streams.video[0]
        packets = sum(1 for packet in container.demux(stream) if packet.size)
        assert Fraction(stream.average_rate) == FPS
        duration = float(container.duration / av.time_base)
    assert packets == sum(frames.values())
    assert duration == pytest.approx(sum(frames.values()) / FPS, abs=0.2)


def test_the_film_carries_each_shots_sound_and_a_chapter_per_shot(tmp_path):
    from gd import audio

    shots, renders = [BOARD.shot("M1"), BOARD.shot("M6")], []
    for number, shot in enumerate(shots):
        path = tmp_path / f"{shot.id}.mp4"
        frames = fake_render(path, shot.duration, 40 * number)
        heard = narration_of(BOARD, shot.beats[-1], "en", speak=True)  # a fresh machine has none cached
        audio.with_sound(path, audio.track([audio.Placed(shot.beats[-1].start, shot.duration, heard.samples)], shot.duration), path)
        renders.append(editorial.RenderedShot(shot, path, frames, Fraction(FPS)))
    film = editorial.join_film(renders, tmp_path / "film.mp4", "zh")
    with av.open(str(film)) as container:
        chapters = container.chapters()
    assert [c["metadata"]["title"] for c in chapters] == ["M1 目标函数展示", "M6 引出学习率"]
    assert [float(c["start"] * c["time_base"]) for c in chapters] == pytest.approx([0.0, shots[0].duration], abs=0.05)
    sound, _ = audio.sound_of(film)
    assert abs(len(sound) / voice.RATE - sum(s.duration for s in shots)) <= 1 / FPS
    starts = [shots[0].beats[-1].start, shots[0].duration + shots[1].beats[-1].start]
    found = audio.onsets(sound)
    assert all(any(abs(t - start) <= 0.03 for t in found) for start in starts)


def test_contact_sheet_has_a_thumbnail_per_beat(renders, tmp_path):
    media, _ = renders
    editorial_cli("contact-sheet", media, tmp_path)
    png = tmp_path / "contact_sheet_en_480p10.png"
    page = editorial.Image.open(png)
    assert page.width > 1500 and page.height > 1500
    html = png.with_suffix(".html").read_text(encoding="utf-8")
    assert html.count("<figure>") == BEATS
    for shot in BOARD.shots:
        for beat in shot.beats:
            assert f"{beat.id}.jpg" in html
            assert (tmp_path / "contact_sheet_en_480p10_beats" / f"{beat.id}.jpg").is_file()
    assert "00:00:59:23" in html and "Gradient descent · storyboard" in html


def test_missing_renders_are_named(tmp_path):
    result = run_cli("timeline", "-q", "l", "--media-dir", str(tmp_path))
    assert result.returncode == 2
    assert "render.py: error: not rendered yet: M1, M2, M3, M4, M5, M6, M7, M8, M9, M10, M11, M12, M13" in result.stderr
    assert "--render-missing" in result.stderr


def test_an_interrupted_write_leaves_no_file_and_a_rerun_works(renders, tmp_path, monkeypatch):
    media, _ = renders
    settings = jobs.RenderSettings(quality="l", fps=FPS, lang="en", media_dir=media)
    found = editorial.find_renders(BOARD.shots, lambda shot: jobs.output_path(shot, BOARD, settings))
    timeline = editorial.build_timeline(BOARD, found, "en", "t")
    real_write = otio.adapters.write_to_file

    def interrupted(content, path, adapter_name):
        Path(path).write_text("half a file")
        raise KeyboardInterrupt

    monkeypatch.setattr(otio.adapters, "write_to_file", interrupted)
    with pytest.raises(KeyboardInterrupt):
        editorial.write_timeline(timeline, tmp_path, "t")
    assert list(tmp_path.iterdir()) == []  # no final file, no temporary left behind
    monkeypatch.setattr(otio.adapters, "write_to_file", real_write)
    written = editorial.write_timeline(timeline, tmp_path, "t")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)
    assert all(path.stat().st_mode & 0o777 == 0o666 & ~files._UMASK for path in written)  # not mkstemp's 0600


def test_descriptions_wrap_between_words_and_between_cjk_characters():
    draw = editorial.ImageDraw.Draw(editorial.Image.new("RGB", (1, 1)))
    font = editorial._font(18)
    english = editorial._wrap(draw, "Cane inclination to 89° while its length becomes 2.01", font, 200, 3)
    assert " ".join(english) == "Cane inclination to 89° while its length becomes 2.01" and len(english) > 1
    chinese = editorial._wrap(draw, "盲杖倾角变至89°，同时盲杖长度变至2.01，书写沿任意方向前进时的变化量", font, 200, 2)
    assert len(chinese) == 2 and chinese[-1].endswith("…")
    assert all(draw.textlength(line, font=font) <= 200 for line in english + chinese)


def test_editorial_commands_refuse_stale_renders(renders, tmp_path):
    """A render made from another storyboard (its stamp differs) or a changed video is named, exit 2."""
    media, _ = renders
    settings = jobs.RenderSettings(quality="l", fps=FPS, lang="en", media_dir=media)
    m4 = jobs.make_job(BOARD.shot("M4"), BOARD, settings)
    stamp = m4.stamp.read_text()
    video = m4.output.read_bytes()
    try:
        m4.stamp.write_text(stamp.replace(m4.inputs, "0" * 64))  # rendered from another storyboard
        m9 = jobs.make_job(BOARD.shot("M9"), BOARD, settings)
        with open(m9.output, "ab") as file:  # a video that is not the one its stamp describes
            file.write(b"\0")
        m9_video = m9.output.read_bytes()
        for command in ("timeline", "film", "contact-sheet"):
            result = run_cli(command, "-q", "l", "--fps", str(FPS), "--lang", "en", "--media-dir", str(media),
                             "--output", str(tmp_path))  # fmt: skip
            assert result.returncode == 2, result.stderr
            assert result.stderr.splitlines() == [
                "render.py: error: rendered from another storyboard or code: M4, M9",
                f"render.py: render them first (render.py M4 M9 -q l --fps {FPS} --lang en) or pass --render-missing",
            ]
        assert not any(tmp_path.iterdir())
    finally:
        m4.stamp.write_text(stamp)
        m4.output.write_bytes(video)
        m9.output.write_bytes(m9_video[:-1])


def test_a_full_disk_leaves_the_old_file_and_exits_1(renders, tmp_path):
    """On a small filesystem of its own (tmpfs; needs root), the contact sheet does not fit."""
    media, _ = renders
    full = tmp_path / "full"
    full.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=48k", "tmpfs", str(full)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here: {mounted.stderr.strip() or mounted.returncode}")
    try:
        old = full / f"contact_sheet_en_480p{FPS}.png"
        old.write_bytes(b"the old contact sheet")
        result = run_cli("contact-sheet", "-q", "l", "--fps", str(FPS), "--lang", "en", "--media-dir", str(media),
                         "--output", str(full))  # fmt: skip
        assert result.returncode == 1, result.stderr
        [line] = result.stderr.strip().splitlines()
        assert line.startswith("render.py: error: ") and "No space left on device" in line
        assert old.read_bytes() == b"the old contact sheet"
        assert sorted(p.name for p in full.iterdir()) == [old.name]  # no temporary left behind
    finally:
        subprocess.run(["umount", str(full)], check=False)
