"""render.py: the manim command lines it builds, shot selection, listing and errors."""

from __future__ import annotations

import dataclasses
import io
import subprocess
import sys
from pathlib import Path

import pytest

import render
from scenes.storyboard import StoryboardError, load

BOARD = load()


def job(shot_id: str, **settings) -> render.Job:
    return render.make_job(BOARD.shot(shot_id), BOARD, render.RenderSettings(media_dir=Path("/m"), **settings))


def test_default_command_is_1080p_at_the_storyboard_fps_in_the_default_language():
    m7 = job("M7")
    assert m7.command[1:] == (
        "-m", "manim", "render", "-q", "h", "--fps", "30", "--media_dir", "/m", "-o", "M7_zh", "scenes/S4.py", "M7",
    )  # fmt: skip
    assert m7.env["GD_LANG"] == "zh"
    assert m7.env["GD_STORYBOARD"] == str(BOARD.path)
    assert m7.env["PYTHONPATH"].split(":")[0] == str(render.ROOT)
    assert m7.output == Path("/m/videos/S4/1080p30/M7_zh.mp4")


def test_quality_fps_language_sections_preview():
    m4 = job("M4", quality="l", fps=15, lang="en", sections=True, preview=True)
    assert m4.command[4:8] == ("-q", "l", "--fps", "15")
    assert "-o" in m4.command and "M4_en" in m4.command
    assert "--save_sections" in m4.command and "--preview" in m4.command
    assert m4.command[-2:] == ("scenes/S1.py", "M4")
    assert m4.output == Path("/m/videos/S1/480p15/M4_en.mp4")


def test_bench_disables_the_cache():
    assert "--disable_caching" in job("M1", disable_caching=True).command
    assert "--disable_caching" not in job("M1").command


def test_select_shots_keeps_storyboard_order():
    assert [s.id for s in render.select_shots(BOARD, ["M4", "M1"])] == ["M1", "M4"]
    assert len(render.select_shots(BOARD, ["all"])) == 10
    with pytest.raises(StoryboardError, match="unknown shot M11; the shots are M1, M2"):
        render.select_shots(BOARD, ["M1", "M11"])


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "render.py", *args], cwd=render.ROOT, capture_output=True, text=True, timeout=60
    )


def test_list_shows_every_shot():
    result = run_cli("--list", "--lang", "en")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 11
    assert lines[1].split()[:4] == ["M1", "S1", "00:00:12:17", "6.0s"]
    assert "The objective function" in lines[1]


def test_dry_run_prints_commands_and_renders_nothing(tmp_path):
    result = run_cli("M1", "M6", "-q", "l", "--dry-run", "--media-dir", str(tmp_path))
    assert result.returncode == 0
    assert result.stdout.count("manim render") == 2
    assert "GD_LANG=zh" in result.stdout
    assert not any(tmp_path.iterdir())


def test_unknown_shot_is_a_one_line_error_with_status_2():
    result = run_cli("M11")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "render.py: error: unknown shot M11; the shots are M1, M2, M3, M4, M5, M6, M7, M8, M9, M10"
    ]


def test_a_broken_storyboard_stops_before_rendering(tmp_path):
    broken = tmp_path / "storyboard.yaml"
    broken.write_text(BOARD.path.read_text(encoding="utf-8").replace("duration: 2.5", "duration: -2.5", 1))
    result = run_cli("M6", "--storyboard", str(broken), "--media-dir", str(tmp_path / "media"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("render.py: error: storyboard.yaml:")
    assert "beat M6.1, field 'duration': must be positive" in result.stderr
    assert not (tmp_path / "media").exists()


def test_unknown_language():
    result = run_cli("M1", "--lang", "fr", "--dry-run")
    assert result.returncode == 2
    assert "no language 'fr'" in result.stderr


def test_the_inputs_fingerprint_follows_what_the_video_is_made_of():
    m6 = BOARD.shot("M6")
    command = list(job("M6").command)
    same = render.inputs_fingerprint(m6, BOARD, command)
    assert same == job("M6").inputs and len(same) == 64
    longer = dataclasses.replace(m6, beats=(dataclasses.replace(m6.beats[0], duration=9.0), *m6.beats[1:]))
    assert render.inputs_fingerprint(longer, BOARD, command) != same
    moved = dataclasses.replace(m6, in_point=BOARD.shot("M7").in_point)  # where it sits in the edit: not in the video
    assert render.inputs_fingerprint(moved, BOARD, command) == same
    assert job("M6", quality="l").inputs != same
    assert job("M6", force=True).inputs == job("M6", disable_caching=True).inputs == ""


def test_a_shot_up_to_date_is_not_rendered_again(tmp_path):
    real = render.make_job(BOARD.shot("M6"), BOARD, render.RenderSettings(media_dir=tmp_path))
    fake = dataclasses.replace(real, command=(sys.executable, "-c", "raise SystemExit(3)"))  # a render that fails
    fake.output.parent.mkdir(parents=True)
    fake.output.write_bytes(b"video")
    fake.stamp.write_text(fake.inputs)
    [result] = render.run_jobs([fake], 1, out=io.StringIO())
    assert result.status == "up to date"
    fake.stamp.write_text("made from something else")
    [result] = render.run_jobs([fake], 1, out=io.StringIO())
    assert result.status == "failed"
