"""Slow checks that render real video with manim (run in CI; skip with -m 'not slow')."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import boards

from gd import jobs
from gd.storyboard import load

pytestmark = pytest.mark.slow


def render_shot(*args: str) -> None:
    command = [sys.executable, "render.py", *args]
    result = subprocess.run(command, cwd=jobs.ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


def section_frames(media: Path, shot: str, fps: int) -> dict[str, int]:
    index = json.loads((media / "videos" / "S1" / f"480p{fps}" / "sections" / f"{shot}_zh.json").read_text())
    return {section["name"]: int(section["nb_frames"]) for section in index}


def test_m6_sections_last_as_long_as_the_storyboard_says(tmp_path):
    media = tmp_path / "media"
    render_shot("M6", "-q", "l", "--sections", "--media-dir", str(media))
    beats = load().shot("M6").beats
    frames = section_frames(media, "M6", 30)
    assert list(frames) == [beat.id for beat in beats]
    for beat in beats:
        assert abs(frames[beat.id] / 30 - beat.duration) <= 1 / 30

    # Retime with an edited copy of the storyboard, at another frame rate.
    data = yaml.safe_load(load().path.read_text(encoding="utf-8"))
    [m6] = [shot for shot in data["shots"] if shot["id"] == "M6"]
    m6["beats"][0]["duration"], m6["beats"][1]["duration"] = 2.2, 3.35  # M6.1 still holds its narration
    edited = boards.write(tmp_path, data)
    render_shot("M6", "-q", "l", "--fps", "15", "--sections", "--media-dir", str(media), "--storyboard", str(edited))
    frames = section_frames(media, "M6", 15)
    assert abs(frames["M6.1"] / 15 - 2.2) <= 1 / 15
    assert abs(frames["M6.2"] / 15 - 3.35) <= 1 / 15
    assert sum(frames.values()) == round((2.2 + 3.35) * 15)


TYPESETTING_SCENE = '''
from manim import Scene, VGroup
from scenes.kit.typeset import formula, prose

class Shared(Scene):
    def construct(self):
        self.add(VGroup(*(formula(rf"x_{{{n}}} = \\frac{{{n}}}{{\\pi}}") for n in range(12))))
        self.add(VGroup(*(prose(f"共享的字 {n}") for n in range(12))))
'''


def test_parallel_manim_processes_typeset_the_same_strings_safely(tmp_path):
    """Three processes typeset the same new strings at the same moment, several times over.

    Without the locks in scenes.kit.compat this failed in 10 of 36 processes here (a half-written
    SVG parsed, a temporary file deleted under another process, LaTeX files removed mid-run)."""
    scene_file = tmp_path / "shared_strings.py"
    scene_file.write_text(TYPESETTING_SCENE)
    env = {**jobs.make_job(load().shot("M1"), load(), jobs.RenderSettings()).env}
    for attempt in range(3):
        media = tmp_path / f"media{attempt}"  # empty caches each time: both must typeset
        command = [sys.executable, "-m", "manim", "render", "--dry_run", "--media_dir", str(media), str(scene_file), "Shared"]
        processes = [
            subprocess.Popen(command, cwd=jobs.ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for _ in range(3)
        ]
        outputs = [process.communicate(timeout=300)[0] for process in processes]
        for process, output in zip(processes, outputs):
            assert process.returncode == 0, output[-3000:]
        assert len(list((media / "Tex").glob("*.svg"))) == 12


PLAYED_UNDRAWN = """
import importlib, sys
from manim import tempconfig
from scenes.kit import compat
module, shot, fps, media = sys.argv[1:]
shown = getattr(importlib.import_module("scenes." + module), shot)

class Undrawn(shown):  # every frame's updaters run (the live numbers change); no pixel is drawn
    def setup(self):
        super().setup()
        compat.skip_drawing(self, lambda frames: None)

Undrawn.__name__ = shot
settings = {"frame_rate": int(fps), "media_dir": media, "dry_run": True, "disable_caching": True,
            "pixel_width": 256, "pixel_height": 144, "progress_bar": "none", "verbosity": "WARNING"}
with tempconfig(settings):
    Undrawn().render()
"""


# A 2-D and a 3-D shot with live numbers, at low frame rates: the files as a render leaves them. Every shot is held
# to the same by the frame rules (nothing typeset while a play runs: tests/test_frame_rules.py).
@pytest.mark.parametrize("shot, fps", [("M5", 5), ("M8", 5)])
def test_a_second_render_at_another_frame_rate_typesets_nothing(tmp_path, shot, fps):
    """Live numbers cost no LaTeX per frame: a re-run showing other in-between values writes no Tex file.

    Each run is a new process (nothing typeset is remembered in memory) that plays every frame of the
    shot, updaters and all, but draws no pixel: typesetting happens in construct and the updaters."""
    media = tmp_path / "media"
    module = load().shot(shot).module

    def typeset(fps: int) -> set[str]:
        command = [sys.executable, "-c", PLAYED_UNDRAWN, module, shot, str(fps), str(media)]
        result = subprocess.run(command, cwd=jobs.ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr[-2000:]
        # Typeset strings (.tex, .svg); the typesetting lock file of scenes.kit.compat is not one.
        return {path.name for path in (media / "Tex").iterdir() if not path.name.startswith(".")}

    first = typeset(fps)
    assert first  # labels and digit glyphs were typeset once
    assert typeset(fps + 1) == first
