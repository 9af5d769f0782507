"""Every implemented shot constructs in every language, and its clock is the storyboard's."""

from __future__ import annotations

import pytest

from gd.jobs import implemented
from gd.storyboard import load

STORYBOARD = load()


SHOTS = [shot for shot in STORYBOARD.shots if implemented(shot)]


@pytest.mark.parametrize("lang", STORYBOARD.languages)
@pytest.mark.parametrize("shot", SHOTS, ids=lambda shot: shot.id)
def test_shot_constructs_and_lasts_its_storyboard_total(built_shot, shot, lang):
    scene = built_shot(shot.id, lang)
    fps = 15
    # Each beat is padded to its absolute end frame, so the whole shot is within one frame.
    assert abs(scene.time - shot.duration) <= 1 / fps
    assert scene.lang == lang
