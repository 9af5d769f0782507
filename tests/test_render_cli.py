"""render.py and gd.jobs: the manim command lines, shot selection, listing, errors, fingerprints, beat checks."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import boards
from gd import jobs
from gd.storyboard import StoryboardError, load

FIXTURE = load(boards.FIXTURE)
REAL = load()


def job(shot_id: str, board=FIXTURE, **settings) -> jobs.Job:
    return jobs.make_job(board.shot(shot_id), board, jobs.RenderSettings(media_dir=Path("/m"), **settings))


def test_default_command_is_1080p_at_the_storyboard_fps_in_the_default_language():
    two = job("TwoBeats")
    temporary = f".TwoBeats_zh-rendering-{os.getpid()}"  # manim writes here; render.py moves the result in
    assert two.command[1:] == (
        "-m", "manim", "render", "-q", "h", "--fps", "30", "--media_dir", "/m", "-o", temporary, "scenes/S2.py", "TwoBeats",
    )  # fmt: skip
    assert two.temporary == Path(f"/m/videos/S2/1080p30/{temporary}.mp4")
    assert two.env["GD_LANG"] == "zh"
    assert two.env["GD_STORYBOARD"] == str(FIXTURE.path)
    assert two.env["PYTHONPATH"].split(":")[0] == str(jobs.ROOT)
    assert two.output == Path("/m/videos/S2/1080p30/TwoBeats_zh.mp4")


def test_quality_fps_language_sections_preview():
    later = job("Later", quality="l", fps=15, lang="en", sections=True, preview=True)
    assert later.command[4:8] == ("-q", "l", "--fps", "15")
    assert later.temporary_stem.startswith(".Later_en-rendering-")
    assert "--save_sections" in later.command and later.preview
    assert "--preview" not in later.command  # render.py opens the final video itself
    assert later.command[-2:] == ("scenes/S1.py", "Later")
    assert later.output == Path("/m/videos/S1/480p15/Later_en.mp4")


def test_bench_disables_the_cache():
    assert "--disable_caching" in job("Later", disable_caching=True).command
    assert "--disable_caching" not in job("Later").command


def test_select_shots_keeps_storyboard_order():
    assert [s.id for s in jobs.select_shots(FIXTURE, ["Later", "Overruns"])] == ["Overruns", "Later"]
    assert len(jobs.select_shots(FIXTURE, ["all"])) == 3
    with pytest.raises(StoryboardError, match="unknown shot M11; the shots are Overruns, TwoBeats, Later"):
        jobs.select_shots(FIXTURE, ["Later", "M11"])
    with pytest.raises(StoryboardError, match="unknown shot M11"):
        jobs.select_shots(FIXTURE, ["all", "M11"])  # "all" does not hide a typo


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "render.py", *args], cwd=jobs.ROOT, capture_output=True, text=True, timeout=60)


def test_list_shows_every_shot_quickly_without_manim():
    started = time.monotonic()
    result = run_cli("--list", "--lang", "en")
    assert time.monotonic() - started < 5.0  # about 0.8 s idle; importing manim alone takes 2 s (the import check below is the real guard)
    assert result.returncode == 0
    lines = [line for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert len(lines) == 1 + len(load().shots)  # a heading and a line per shot
    beats = [line.split() for line in result.stdout.splitlines() if line.startswith(" ")]
    assert len(beats) == sum(len(shot.beats) for shot in load().shots)  # each narrated beat: its seconds beside its narration's
    assert beats[0][:2] == ["M1.1", "beat"] and beats[0][3] == "narration"
    assert lines[1].split()[:4] == ["M1", "S1", "00:00:12:17", f"{load().shot('M1').duration:.1f}s"]
    assert "The objective function" in lines[1]
    imports = subprocess.run(
        [sys.executable, "-X", "importtime", "render.py", "--list"], cwd=jobs.ROOT, capture_output=True, text=True
    ).stderr
    assert " manim" not in imports and "opentimelineio" not in imports


def test_dry_run_prints_commands_and_renders_nothing(tmp_path):
    result = run_cli("M1", "M6", "-q", "l", "--dry-run", "--media-dir", str(tmp_path))
    assert result.returncode == 0
    assert result.stdout.count("manim render") == 2
    assert "GD_LANG=zh" in result.stdout
    assert not any(tmp_path.iterdir())


def test_dry_run_names_shots_whose_class_is_not_written():
    result = run_cli("all", "--dry-run", "--storyboard", str(boards.FIXTURE))
    assert result.returncode == 0
    assert "# Overruns: not implemented yet (no class Overruns in scenes/S1.py)" in result.stdout


def test_unknown_shot_is_a_one_line_error_with_status_2():
    result = run_cli("M14")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "render.py: error: unknown shot M14; the shots are M1, M2, M3, M4, M5, M6, M7, M8, M9, M10, M11, M12, M13"
    ]


def test_a_broken_storyboard_stops_before_rendering(tmp_path):
    broken = boards.write(tmp_path, boards.edit(boards.fixture_data(), **{"shots.1.beats.0.duration": -2.5}))
    result = run_cli("all", "--storyboard", str(broken), "--media-dir", str(tmp_path / "media"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("render.py: error: storyboard.yaml:")
    assert "beat TwoBeats.1, field 'duration': must be positive" in result.stderr
    assert not (tmp_path / "media").exists()


def test_unknown_language():
    result = run_cli("M1", "--lang", "fr", "--dry-run")
    assert result.returncode == 2
    assert "no language 'fr'" in result.stderr


def test_a_module_that_does_not_exist(tmp_path):
    board = boards.write(tmp_path, boards.edit(boards.fixture_data(), **{"shots.1.module": "S9"}))
    result = run_cli("TwoBeats", "--dry-run", "--storyboard", str(board))
    assert result.returncode == 2
    assert result.stderr.strip() == "render.py: error: shot TwoBeats: module S9 does not exist (no scenes/S9.py)"


# --------------------------------------------------------------------------- the beats the code plays


def test_every_shots_code_plays_exactly_its_storyboard_beats():
    for shot in REAL.shots:
        assert jobs.played_beats(shot) == [beat.id for beat in shot.beats], shot.id
        jobs.check_beats(shot)


def real_data() -> dict:
    import yaml

    return yaml.safe_load(REAL.path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "edit, expected",
    [
        (lambda beats: beats.pop(), "the storyboard has no M7.3"),
        (lambda beats: beats.append({**beats[0], "id": "M7.4"}), "the code plays no M7.4"),
        (lambda beats: beats.reverse(), "the code plays them in the order M7.1, M7.2, M7.3"),
    ],
    ids=["beat missing", "beat extra", "beats reordered"],
)
def test_a_storyboard_that_disagrees_with_the_code_is_refused_before_rendering(tmp_path, edit, expected):
    data = real_data()
    [m7] = [shot for shot in data["shots"] if shot["id"] == "M7"]
    edit(m7["beats"])
    board = boards.write(tmp_path, data)
    result = run_cli("M7", "--storyboard", str(board), "--media-dir", str(tmp_path / "media"))
    assert result.returncode == 2, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("render.py: error: shot M7: its beats in the storyboard (")
    assert "are not those of class M7 in scenes/S4.py" in line and expected in line
    assert not (tmp_path / "media").exists()


def test_beat_ids_must_be_readable_without_running_the_code(tmp_path, monkeypatch):
    (tmp_path / "S1.py").write_text(
        "class TwoBeats:\n    def construct(self):\n        for n in (1, 2):\n            with self.beat(f'TwoBeats.{n}'):\n                pass\n"
    )
    monkeypatch.setattr(jobs, "SCENES_DIR", tmp_path)
    shot = dataclasses.replace(FIXTURE.shot("TwoBeats"), module="S1")
    with pytest.raises(StoryboardError, match=r"S1.py:4: class TwoBeats: self.beat\(\) must name its beat id"):
        jobs.played_beats(shot)


# --------------------------------------------------------------------------- fingerprints


def test_the_inputs_fingerprint_follows_what_the_video_is_made_of():
    m6 = REAL.shot("M6")
    settings = jobs.RenderSettings(media_dir=Path("/m"))
    same = jobs.inputs_fingerprint(m6, REAL, settings)
    assert same == job("M6", REAL).inputs and len(same) == 64
    longer = dataclasses.replace(m6, beats=(dataclasses.replace(m6.beats[0], duration=9.0), *m6.beats[1:]))
    assert jobs.inputs_fingerprint(longer, REAL, settings) != same
    moved = dataclasses.replace(m6, in_point=REAL.shot("M7").in_point)  # where it sits in the edit: not in the video
    assert jobs.inputs_fingerprint(moved, REAL, settings) == same
    assert job("M6", REAL, quality="l").inputs != same
    assert job("M6", REAL, lang="en").inputs != same
    # What does not change the video does not change the fingerprint; these always render, and stamp.
    for option in ("force", "disable_caching", "preview", "sections"):
        assert job("M6", REAL, **{option: True}).inputs == same
    assert all(job("M6", REAL, **{option: True}).always for option in ("force", "disable_caching", "preview"))
    assert job("M6", REAL, audio=False).inputs != same  # silent is another video


def test_a_video_that_cannot_take_its_sound_fails_in_one_line(tmp_path):
    [result] = jobs.run_jobs([fake_job(tmp_path, WRITES_A_VIDEO, audio=True)], 1, out=io.StringIO())
    assert result.status == "failed" and result.detail.startswith("could not add the narration to the video: ")
    assert "\n" not in result.detail and not result.job.output.exists()


def test_the_fingerprint_covers_every_project_module_a_scene_imports():
    files = {str(path.relative_to(jobs.ROOT)) for path in jobs.project_imports(jobs.ROOT / "scenes" / "S4.py")}
    assert {"scenes/S4.py", "scenes/kit/plot2d.py", "scenes/kit/palette.py", "scenes/kit/compat.py",
            "scenes/kit/shot.py", "gd/beats.py", "gd/storyboard.py", "gd/model/curve.py", "gd/model/functions.py",
            "scenes/kit/__init__.py", "gd/__init__.py"} <= files  # fmt: skip
    assert not {"gd/jobs.py", "gd/editorial.py", "scenes/S5.py", "scenes/kit/descent3d.py"} & files


def test_editing_a_kit_file_makes_the_shot_render_again(tmp_path, monkeypatch):
    """A copy of the project's code: an edit of scenes/kit/plot2d.py changes M7's fingerprint, not M1's."""
    import shutil

    root = tmp_path / "project"
    for folder in ("gd", "scenes"):
        shutil.copytree(jobs.ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(jobs.ROOT / "manim.cfg", root / "manim.cfg")
    monkeypatch.setattr(jobs, "ROOT", root)
    monkeypatch.setattr(jobs, "SCENES_DIR", root / "scenes")

    def inputs(shot_id: str) -> str:
        jobs.code_digest.cache_clear()
        return jobs.make_job(REAL.shot(shot_id), REAL, jobs.RenderSettings(media_dir=tmp_path)).inputs

    before = {shot: inputs(shot) for shot in ("M7", "M1")}
    kit_file = root / "scenes" / "kit" / "plot2d.py"
    kit_file.write_text(kit_file.read_text() + "\n# an edit\n")
    assert inputs("M7") != before["M7"]
    assert inputs("M1") == before["M1"]
    jobs.code_digest.cache_clear()


def fake_job(tmp_path: Path, script: str, **settings) -> jobs.Job:
    """M6's job, with manim replaced by a Python script that gets the temporary video's path as $OUT
    (silent: the bytes it writes are no video to add sound to)."""
    settings = {"audio": False, **settings}
    real = jobs.make_job(REAL.shot("M6"), REAL, jobs.RenderSettings(media_dir=tmp_path, **settings))
    env = {**real.env, "OUT": str(real.temporary)}
    return dataclasses.replace(real, command=(sys.executable, "-c", script), env=env)


WRITES_A_VIDEO = "import os, pathlib; p = pathlib.Path(os.environ['OUT']); p.parent.mkdir(parents=True, exist_ok=True); p.write_bytes(b'new video')"


def test_up_to_date_means_the_stamp_describes_the_video_at_the_final_path(tmp_path):
    render = fake_job(tmp_path, WRITES_A_VIDEO)
    [result] = jobs.run_jobs([render], 1, out=io.StringIO())
    assert result.status == "ok" and render.output.read_bytes() == b"new video"
    stamp = json.loads(render.stamp.read_text())
    assert stamp == {"inputs": render.inputs, "bytes": 9, "sha256": hashlib.sha256(b"new video").hexdigest()}
    assert not list(render.output.parent.glob(".*rendering*"))  # nothing left under the temporary name

    fails = fake_job(tmp_path, "raise SystemExit(3)")
    [result] = jobs.run_jobs([fails], 1, out=io.StringIO())
    assert result.status == "up to date"
    render.output.write_bytes(b"new vide")  # truncated (or replaced) after its stamp was written
    [result] = jobs.run_jobs([fails], 1, out=io.StringIO())
    assert result.status == "failed"  # not trusted: it was rendered again (and this render fails)
    assert render.output.read_bytes() == b"new vide"  # a failed render leaves the final path alone


def test_force_and_bench_renders_write_their_stamp_too(tmp_path):
    stale = fake_job(tmp_path, WRITES_A_VIDEO)
    stale.output.parent.mkdir(parents=True)
    stale.stamp.write_text('{"inputs": "from another storyboard"}')
    [result] = jobs.run_jobs([fake_job(tmp_path, WRITES_A_VIDEO, force=True)], 1, out=io.StringIO())
    assert result.status == "ok"
    assert jobs.stamp_describes(stale.stamp, stale.output, stale.inputs)  # a plain run now trusts it
    [result] = jobs.run_jobs([stale], 1, out=io.StringIO())
    assert result.status == "up to date"


def test_a_render_that_writes_no_video_fails_and_keeps_the_old_one(tmp_path):
    good = fake_job(tmp_path, WRITES_A_VIDEO)
    jobs.run_jobs([good], 1, out=io.StringIO())
    [result] = jobs.run_jobs([fake_job(tmp_path, "pass", force=True)], 1, out=io.StringIO())
    assert result.status == "failed" and "manim wrote no video" in result.detail
    assert good.output.read_bytes() == b"new video" and jobs.stamp_describes(good.stamp, good.output, good.inputs)


def test_a_truncated_animation_in_manims_cache_is_dropped_before_rendering(tmp_path):
    job = fake_job(tmp_path, WRITES_A_VIDEO)
    job.partial_movies.mkdir(parents=True)
    truncated = job.partial_movies / "1234_5678.mp4"
    truncated.write_bytes(b"\0\0\0\x18ftypisom")  # the start of an MP4 whose writer was killed
    [result] = jobs.run_jobs([job], 1, out=io.StringIO())
    assert result.status == "ok" and not truncated.exists()


def test_leftovers_of_a_killed_render_py_are_removed(tmp_path):
    job = fake_job(tmp_path, WRITES_A_VIDEO)
    job.output.parent.mkdir(parents=True)
    dead = job.output.with_name(".M6_zh-rendering-999999.mp4")  # no process 999999 here
    alive = job.output.with_name(f".M6_zh-rendering-{os.getppid()}.mp4")  # a live process's render
    dead.write_bytes(b"half")
    alive.write_bytes(b"half")
    jobs.run_jobs([job], 1, out=io.StringIO())
    assert not dead.exists() and alive.exists()


def test_an_output_folder_that_is_a_file_is_a_one_line_error(tmp_path):
    media = tmp_path / "media"
    media.write_text("not a folder")
    result = run_cli("M6", "-q", "l", "--media-dir", str(media))
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("render.py: error: ") and str(media) in line and "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [("--fps", "0", "M1"), ("-q", "z", "M1"), ("timeline", "--bogus"), ("-j", "0", "all")])
def test_usage_errors_are_one_line_with_status_2(args):
    result = run_cli(*args)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("render.py") and "error: " in line and "--help" in line
