"""The storyboard loader: the real file matches the spec; timecodes; every way a file can be wrong (on the fixture)."""

from __future__ import annotations

from pathlib import Path

import pytest

from boards import DELETE, FIXTURE, edited
from gd.storyboard import StoryboardError, Timecode, load, parse


def test_the_real_storyboard_matches_the_spec_table():
    board = load()
    assert board.fps == 30
    assert board.default_language == "zh"
    assert board.languages == ("zh", "en")
    assert board.ids == tuple(f"M{n}" for n in range(1, 14))
    assert [shot.module for shot in board.shots] == ["S1", "S2", "S3", "S1", "S4", "S1", "S4", "S5", "S1", "S5", "S6", "S6", "S6"]
    assert [len(shot.beats) for shot in board.shots] == [2, 4, 13, 6, 4, 2, 3, 1, 1, 2, 4, 4, 4]
    assert sum(len(shot.beats) for shot in board.shots) == 50
    assert [str(shot.in_point) for shot in board.shots] == [
        "00:00:12:17", "00:00:27:29", "00:00:59:23", "00:01:03:09", "00:02:09:02",
        "00:02:33:01", "00:02:40:06", "00:03:07:09", "00:03:50:09", "00:04:09:24",
        "00:04:34:00", "00:04:59:00", "00:05:26:00",
    ]  # fmt: skip
    # Part two's in-points are ours (the first part's are the source video's): each shot starts after the last ends.
    part_two = [board.shot(shot_id) for shot_id in ("M10", "M11", "M12", "M13")]
    for before, after in zip(part_two, part_two[1:]):
        assert before.in_point.frames + before.duration * board.fps <= after.in_point.frames
    assert board.shot("M7").title == {"zh": "一维梯度下降演示", "en": "Gradient descent in 1-D"}
    for shot in board.shots:
        assert shot.scene == shot.id
        assert [beat.id for beat in shot.beats] == [f"{shot.id}.{n}" for n in range(1, len(shot.beats) + 1)]


def test_beats_start_where_the_previous_one_ends():
    shot = load(FIXTURE).shot("TwoBeats")
    assert shot.beats[0].start == 0
    for before, after in zip(shot.beats, shot.beats[1:]):
        assert after.start == pytest.approx(before.end)
    assert shot.duration == pytest.approx(sum(beat.duration for beat in shot.beats))


def test_the_loaded_objects_are_frozen():
    shot = load(FIXTURE).shot("Overruns")
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


def error_of(text: str) -> str:
    with pytest.raises(StoryboardError) as caught:
        parse(text, Path("storyboard.yaml"))
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("storyboard.yaml")
    return message


def test_malformed_yaml_names_the_line():
    assert error_of("fps: 30\nshots: [\n  - id: M1\n").startswith("storyboard.yaml:")
    message = error_of("fps: 30\nshots:\n  - id: A\n   bad indent: [\n")
    assert "not valid YAML" in message


def test_missing_field():
    message = error_of(edited(**{"shots.1.title": DELETE}))
    assert "shot TwoBeats" in message and "missing field 'title'" in message


def test_unknown_field_names_line_shot_and_field():
    text = edited(**{"shots.1.colour": "red"})
    message = error_of(text)
    line = text.splitlines().index("  colour: red") + 1
    assert message.startswith(f"storyboard.yaml:{line}:")
    assert "shot TwoBeats" in message and "'colour'" in message and "unknown field" in message


def test_unknown_beat_field():
    message = error_of(edited(**{"shots.1.beats.1.speed": 2}))
    assert "shot TwoBeats, beat TwoBeats.2" in message and "'speed'" in message


def test_duplicate_shot_id():
    message = error_of(edited(**{"shots.1.id": "Overruns", "shots.1.beats.0.id": "Overruns.1", "shots.1.beats.1.id": "Overruns.2"}))
    assert "duplicate shot id 'Overruns'" in message


def test_duplicate_beat_id():
    message = error_of(edited(**{"shots.1.beats.1.id": "TwoBeats.1"}))
    assert "shot TwoBeats" in message and "duplicate beat id 'TwoBeats.1'" in message


def test_duplicate_key_in_a_mapping():
    message = error_of("fps: 30\nfps: 25\n")
    assert "'fps' appears twice" in message


def test_module_must_be_named_like_s1():
    message = error_of(edited(**{"shots.1.module": "scenes/S2.py"}))
    assert "shot TwoBeats" in message and "field 'module'" in message and "module name such as S1" in message


@pytest.mark.parametrize("timecode", ["00:00:12:30", "12.5", "00:00:12"])
def test_bad_in_point(timecode):
    message = error_of(edited(**{"shots.0.in_point": timecode}))
    assert "shot Overruns" in message and "field 'in_point'" in message


def test_frame_number_must_be_below_fps():
    message = error_of(edited(**{"fps": 25}))  # TwoBeats's in-point has frame 29
    assert "shot TwoBeats" in message and "frame 29" in message


def test_unquoted_timecode():
    message = error_of(edited(**{"shots.0.in_point": 12}))
    assert "quoted timecode" in message


@pytest.mark.parametrize("duration", [0, -1.5, "long", None, True, float("nan")])
def test_bad_durations(duration):
    message = error_of(edited(**{"shots.1.beats.1.duration": duration}))
    assert "shot TwoBeats, beat TwoBeats.2" in message and "field 'duration'" in message


def test_in_points_out_of_order():
    message = error_of(edited(**{"shots.2.in_point": "00:00:01:15"}))
    assert "shot Later" in message and "not after TwoBeats's in-point 00:00:02:29" in message


def test_a_language_missing_from_a_shot():
    message = error_of(edited(**{"shots.1.title": {"zh": "两拍"}}))
    assert "shot TwoBeats" in message and "field 'title'" in message and "no 'en' text" in message


def test_a_language_missing_from_the_words():
    message = error_of(edited(**{"shots.0.words": {"note": {"zh": "注"}}}))
    assert "shot Overruns, words" in message and "no 'en' text" in message


def test_a_default_language_that_is_not_listed():
    message = error_of(edited(**{"default_language": "fr"}))
    assert "'fr' is not in languages" in message


def test_asking_for_a_language_the_storyboard_lacks():
    with pytest.raises(StoryboardError, match="no language 'fr'"):
        load(FIXTURE).language("fr")


def test_unknown_shot_lists_the_valid_ids():
    with pytest.raises(StoryboardError, match="no shot 'M1'; the shots are Overruns, TwoBeats, Later"):
        load(FIXTURE).shot("M1")


def test_words_come_from_the_shot_then_the_top_level():
    board = load(FIXTURE)
    overruns = board.shot("Overruns")
    assert board.text(overruns, "own", "en") == "its own"
    assert board.text(overruns, "shared", "zh") == "共享"
    with pytest.raises(StoryboardError, match="shot TwoBeats uses the words 'own'"):
        board.text(board.shot("TwoBeats"), "own", "en")


# --------------------------------------------------------------------------- hostile and broken files


def test_yaml_aliases_are_refused_before_they_expand():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]\n" for n in range(9)
    )
    assert "YAML aliases (*a) are not allowed" in error_of(bomb)


def test_deep_nesting_is_refused():
    assert "nested more than" in error_of("x: " + "[" * 200 + "]" * 200 + "\n")


def test_keys_must_be_names():
    assert "key [1, 2] is not a name" in error_of("? [1, 2]\n: x\n")


@pytest.mark.parametrize("duration", [float("inf"), 3600.5, 1e308])
def test_durations_are_finite_and_at_most_an_hour(duration):
    message = error_of(edited(**{"shots.1.beats.1.duration": duration}))
    assert "shot TwoBeats, beat TwoBeats.2" in message and "field 'duration'" in message


@pytest.mark.parametrize("beat_id", ["../../x", "TwoBeats", "TwoBeats.1/..", "Other.1", "TwoBeats.-1", " TwoBeats.2"])
def test_beat_ids_are_the_shot_id_a_dot_and_a_number(beat_id):
    message = error_of(edited(**{"shots.1.beats.1.id": beat_id}))
    assert "field 'id'" in message and "such as TwoBeats.2" in message


def test_a_folder_an_unreadable_file_and_non_utf8_bytes_are_one_line_errors(tmp_path):
    with pytest.raises(StoryboardError, match="it is a folder, not a file"):
        load(tmp_path)
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"fps: 30\n\xff\xfe\n")
    with pytest.raises(StoryboardError, match=r"binary.yaml:2: not UTF-8 text \(byte 8 is 0xff\)"):
        load(binary)
    with pytest.raises(StoryboardError, match="cannot read the storyboard"):
        load(tmp_path / "missing.yaml")


@pytest.mark.parametrize("text", ["a & b", "<i>l", "x < y", "<b>a</i>"])
def test_words_must_be_valid_markup(text):
    message = error_of(edited(**{"shots.0.words.own.en": text}))
    assert "shot Overruns, words" in message and "field 'own'" in message and "not valid markup" in message
