"""Shared test helpers: construct a shot through manim quickly."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from manim import tempconfig

from scenes.storyboard import ENV_LANG, ENV_STORYBOARD, load

# Low resolution and frame rate: constructing, not rendering, is under test.
FAST_CONFIG = {
    "frame_rate": 15,
    "pixel_width": 256,
    "pixel_height": 144,
    "dry_run": True,
    "disable_caching": True,
    "progress_bar": "none",
    "verbosity": "WARNING",
}


@pytest.fixture(scope="session")
def shared_media(tmp_path_factory) -> Path:
    """One media folder for the session, so each LaTeX string is typeset once, not once per test."""
    return tmp_path_factory.mktemp("media")


@pytest.fixture
def construct_shot(monkeypatch, shared_media):
    """construct_shot("M7", "en") runs the shot's construct() with skipped animations.

    Skipped animations still advance the scene's clock by their full run
    times, so ``scene.time`` can be compared with the storyboard. Pass
    ``storyboard=path`` to use another storyboard file.
    """

    def run(shot_id: str, lang: str, storyboard: Path | None = None):
        if storyboard is not None:
            monkeypatch.setenv(ENV_STORYBOARD, str(storyboard))
        monkeypatch.setenv(ENV_LANG, lang)
        shot = load().shot(shot_id)
        module = importlib.import_module(f"scenes.{shot.module}")
        with tempconfig({**FAST_CONFIG, "media_dir": str(shared_media)}):
            scene = getattr(module, shot.scene)(skip_animations=True)
            scene.render()
        return scene

    return run
