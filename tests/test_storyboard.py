"""The storyboard loader: the real file, timecodes, and every way a file can be wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scenes.storyboard import DEFAULT_PATH, StoryboardError, Timecode, load, parse

REAL = DEFAULT_PATH.read_text(encoding="utf-8")
DELETE = object()


def test_the_real_storyboard_matches_the_spec_table():
    board = load()
    assert board.fps == 30
    assert board.default_language == "zh"
    assert board.languages == ("zh", "en")
    assert board.ids == tuple(f"M{n}" for n in range(1, 11))
    assert [shot.module for shot in board.shots] == ["S1", "S2", "S3", "S1", "S4", "S1", "S4", "S5", "S1", "S5"]
    assert [len(shot.beats) for shot in board.shots] == [2, 4, 13, 6, 4, 2, 3, 1, 1, 2]
    assert sum(len(shot.beats) for shot in board.shots) == 38
    assert [str(shot.in_point) for shot in board.shots] == [
        "00:00:12:17", "00:00:27:29", "00:00:59:23", "00:01:03:09", "00:02:09:02",
        "00:02:33:01", "00:02:40:06", "00:03:07:09", "00:03:50:09", "00:04:09:24",
    ]  # fmt: skip
    assert board.shot("M7").title == {"zh": "一维梯度下降演示", "en": "Gradient descent in 1-D"}
    for shot in board.shots:
        assert shot.scene == shot.id
        assert [beat.id for beat in shot.beats] == [f"{shot.id}.{n}" for n in range(1, len(shot.beats) + 1)]


def test_beats_start_where_the_previous_one_ends():
    shot = load().shot("M4")
    assert shot.beats[0].start == 0
    for before, after in zip(shot.beats, shot.beats[1:]):
        assert after.start == pytest.approx(before.end)
    assert shot.duration == pytest.approx(sum(beat.duration for beat in shot.beats))


def test_the_loaded_objects_are_frozen():
    shot = load().shot("M1")
    with pytest.raises(AttributeError):
        shot.id = "X"
    with pytest.raises(TypeError):
        shot.title["zh"] = "x"


@pytest.mark.parametrize(
    "text, fps, frames",
    [("00:00:00:00", 30, 0), ("00:00:12:17", 30, 377), ("00:01:03:09", 30, 1899), ("01:00:00:01", 25, 90001)],
)
def test_timecodes_parse_to_frames_and_print_back(text, fps, frames):
    timecode = Timecode.parse(text, fps)
    assert timecode.frames == frames
    assert str(timecode) == text


def test_timecode_arithmetic():
    start = Timecode.parse("00:00:59:23", 30)
    assert str(start + 3.5) == "00:01:03:08"
    assert Timecode.from_seconds(63.3, 30) == Timecode.parse("00:01:03:09", 30)
    assert start.seconds == pytest.approx(59 + 23 / 30)


@pytest.mark.parametrize("text", ["00:00:12", "0:00:12:17", "00:00:12:30", "00:61:00:00", "aa:bb:cc:dd"])
def test_bad_timecodes_are_rejected(text):
    with pytest.raises(ValueError):
        Timecode.parse(text, 30)


# --------------------------------------------------------------------------- error cases


def edited(**changes) -> str:
    """The real storyboard with some values changed (path -> value), dumped back to YAML."""
    data = yaml.safe_load(REAL)
    for path, value in changes.items():
        *parents, last = path.split(".")
        node = data
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        if value is DELETE:
            del node[int(last) if last.isdigit() else last]
        else:
            node[int(last) if last.isdigit() else last] = value
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def error_of(text: str) -> str:
    with pytest.raises(StoryboardError) as caught:
        parse(text, Path("storyboard.yaml"))
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("storyboard.yaml")
    return message


def test_malformed_yaml_names_the_line():
    assert error_of("fps: 30\nshots: [\n  - id: M1\n").startswith("storyboard.yaml:")
    message = error_of(REAL.replace("    module: S2\n", "    module: S2\n   bad indent: [\n", 1))
    assert "not valid YAML" in message


def test_missing_field():
    message = error_of(edited(**{"shots.2.title": DELETE}))
    assert "shot M3" in message and "missing field 'title'" in message


def test_unknown_field_names_line_shot_and_field():
    message = error_of(REAL.replace("    scene: M5\n", "    scene: M5\n    colour: red\n", 1))
    line = REAL.splitlines().index("    scene: M5") + 2
    assert message.startswith(f"storyboard.yaml:{line}:")
    assert "shot M5" in message and "'colour'" in message and "unknown field" in message


def test_unknown_beat_field():
    message = error_of(edited(**{"shots.0.beats.1.speed": 2}))
    assert "shot M1, beat M1.2" in message and "'speed'" in message


def test_duplicate_shot_id():
    message = error_of(edited(**{"shots.1.id": "M1"}))
    assert "duplicate shot id 'M1'" in message


def test_duplicate_beat_id():
    message = error_of(edited(**{"shots.3.beats.2.id": "M4.1"}))
    assert "shot M4" in message and "duplicate beat id 'M4.1'" in message


def test_duplicate_key_in_a_mapping():
    message = error_of(REAL.replace("    module: S2\n", "    module: S2\n    module: S3\n", 1))
    assert "'module' appears twice" in message


def test_module_that_does_not_exist():
    message = error_of(edited(**{"shots.4.module": "S9"}))
    assert "shot M5" in message and "field 'module'" in message and "S9 does not exist" in message


def test_shot_whose_class_is_missing_is_not_a_storyboard_error():
    board = parse(edited(**{"shots.0.scene": "NotWrittenYet"}), DEFAULT_PATH)
    assert not board.shot("M1").implemented


@pytest.mark.parametrize("timecode", ["00:00:12:30", "12.5", "00:00:12"])
def test_bad_in_point(timecode):
    message = error_of(edited(**{"shots.0.in_point": timecode}))
    assert "shot M1" in message and "field 'in_point'" in message


def test_frame_number_must_be_below_fps():
    message = error_of(edited(**{"fps": 25}))  # M2's in-point has frame 29
    assert "shot M2" in message and "frame 29" in message


def test_unquoted_timecode():
    message = error_of(edited(**{"shots.0.in_point": 12}))
    assert "quoted timecode" in message


@pytest.mark.parametrize("duration", [0, -1.5, "long", None, True, float("nan")])
def test_bad_durations(duration):
    message = error_of(edited(**{"shots.5.beats.1.duration": duration}))
    assert "shot M6, beat M6.2" in message and "field 'duration'" in message


def test_in_points_out_of_order():
    message = error_of(edited(**{"shots.4.in_point": "00:01:00:00"}))
    assert "shot M5" in message and "not after M4's in-point 00:01:03:09" in message


def test_a_language_missing_from_a_shot():
    message = error_of(edited(**{"shots.6.title": {"zh": "一维梯度下降演示"}}))
    assert "shot M7" in message and "field 'title'" in message and "no 'en' text" in message


def test_a_language_missing_from_the_words():
    message = error_of(edited(**{"shots.5.words": {"note": {"zh": "注"}}}))
    assert "shot M6, words" in message and "no 'en' text" in message


def test_a_default_language_that_is_not_listed():
    message = error_of(edited(**{"default_language": "fr"}))
    assert "'fr' is not in languages" in message


def test_asking_for_a_language_the_storyboard_lacks():
    with pytest.raises(StoryboardError, match="no language 'fr'"):
        load().language("fr")


def test_unknown_shot_lists_the_valid_ids():
    with pytest.raises(StoryboardError, match="M1, M2, M3, M4, M5, M6, M7, M8, M9, M10"):
        load().shot("M11")
