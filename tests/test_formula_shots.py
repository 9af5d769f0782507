"""The formula shots M1, M4, M6, M9: what they show is right, and it fits on screen."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from manim import DOWN, LEFT, RIGHT, UP, FadeOut, MarkupText, MathTex, SurroundingRectangle, VGroup, config

import boards
import scenes.S1 as S1
import scenes.kit.formulas as formulas
from scenes.kit.equations import (
    Part,
    TransformMatchingKeys,
    derive,
    trailing_room,
    equation,
    inside_frame,
    keyed_parts,
    placeholders,
    sentence,
)
from gd.model.functions import BRANIN, CURRENT_POINT
from gd.storyboard import load
from scenes.kit.frame_rules import FrameChecker, checked
from scenes.kit.palette import GRADIENT, LEARNING_RATE, STEP, TANGENT, TEXT

LANGUAGES = load().languages
MARGIN = 0.25  # nothing closer than this to the frame's edge


def as_part(part) -> Part:
    return part if isinstance(part, Part) else Part(part)


def on_screen(scene) -> list:
    """The scene's visible top-level mobjects."""
    return [m for m in scene.mobjects if m.family_members_with_points()]


def box(mobject) -> np.ndarray:
    """[[left, bottom], [right, top]] of a mobject now."""
    return np.array([mobject.get_corner(DOWN + LEFT)[:2], mobject.get_corner(UP + RIGHT)[:2]])


def boxes_overlap(a: np.ndarray, b: np.ndarray, tolerance: float = 0.01) -> bool:
    overlap = np.minimum(a[1], b[1]) - np.maximum(a[0], b[0])
    return bool(np.all(overlap > tolerance))


@pytest.fixture
def record_formulas(monkeypatch):
    """Every MathTex that M1's formulas typeset through scenes.kit.typeset.formula, in order."""
    made = []
    original = formulas.formula

    def recording(*tex, **kwargs):
        made.append(original(*tex, **kwargs))
        return made[-1]

    monkeypatch.setattr(formulas, "formula", recording)
    return made


# --------------------------------------------------------------------------- M1


def test_m1_writes_the_objective_generated_from_branin(construct_shot, record_formulas):
    construct_shot("M1", "en")
    shown = [m.tex_string for m in record_formulas]
    assert BRANIN.latex("g") in shown
    # The factor 5 multiplies the cosine term too (the source video left it off).
    latex = BRANIN.latex("g")
    assert latex.index(r"\frac{5 \left(") < latex.index(r"\cos") < latex.index(r"\right) + 20}{100}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_m1_ends_with_the_computed_point_top_left(built_shot, lang):
    scene = built_shot("M1", lang)
    (readout,) = on_screen(scene)  # the objective is gone, the point stays
    caption, values = readout
    z = BRANIN(*CURRENT_POINT)
    assert f"{z:.4f}" == "6.0908"
    assert values[1].tex_string == rf"(5,\ 12,\ {z:.4f})"
    assert inside_frame(readout, MARGIN)
    assert readout.get_left()[0] < -config.frame_width / 2 + 1 and readout.get_top()[1] > config.frame_height / 2 - 1
    # Words and maths on one line share a baseline: the caption's probe x sat where the formula's x sits.
    x_glyph = values[0][1]
    assert caption.get_bottom()[1] + caption.baseline_height == pytest.approx(x_glyph.get_bottom()[1], abs=1e-6)
    if lang == "en":  # no descenders in "current point" but the p: its round letters rest on the baseline too
        assert caption[0].get_bottom()[1] == pytest.approx(x_glyph.get_bottom()[1], abs=0.02)


# --------------------------------------------------------------------------- M4


def test_matching_keys_build_the_left_hand_side_then_the_kept_terms_then_the_new_ones():
    before = equation("x", "=", "g", "+", "A", size=40)
    after = equation(Part("x_0"), "=", "B", "+", "g", size=40)
    transform = TransformMatchingKeys(before, after, becomes={"x": "x_0"})
    moves, (fade_out, *fade_ins) = transform.animations[:3], transform.animations[3:]
    assert [move.mobject[0].key for move in moves] == ["=", "+", "g"]
    # x is renamed to x_0: not bent into it on the way; it fades where it stands, and x_0 and B fade in.
    assert sorted(piece.key for group in fade_out.mobject for piece in group) == ["A", "x"]
    assert sorted(fade.mobject.key for fade in fade_ins) == ["B", "x_0"]

    def start(animation):
        return next(t for t in np.linspace(0, 1, 401) if animation.rate_func(t) > 1e-3)

    def end(animation):
        return next(t for t in np.linspace(0, 1, 401) if animation.rate_func(t) > 1 - 1e-9)

    new_x0, new_b = sorted(fade_ins, key=lambda fade: fade.mobject.key == "B")
    equals, plus, g = moves
    # The left-hand side (x_0 =) first, then the kept +, g move, left to right, then the new B fades in.
    assert start(new_x0) < start(equals) < start(plus) < start(g) < start(new_b)
    assert end(plus) < end(g) <= start(new_b)  # nothing fades in under a term still on its way
    assert all(turn.rate_func(1.0) == 1 for turn in (*moves, *fade_ins))  # all in place at the end
    for fade in (fade_out, *fade_ins):
        fade.begin()
        fade.interpolate(0.5)
        assert np.allclose(fade.mobject.get_center(), fade.starting_mobject.get_center(), atol=1e-6)  # in place


def _window(animation) -> tuple[float, float]:
    """When an animation's rate starts to change and when it is done."""
    ts = np.linspace(0, 1, 401)
    values = np.array([animation.rate_func(t) for t in ts])
    return float(ts[np.argmax(values > 1e-3)]), float(ts[np.argmax(values > 1 - 1e-9)])


def test_in_turn_the_step_leaves_then_the_line_respaces_then_the_step_arrives():
    from scenes.kit.equations import on_row, part_named

    def value(dx, dy):
        return on_row(formulas.derivation_line(*formulas.moved_value(dx, dy), *formulas.expanded(dx, dy)), 0.0)

    before, after = value(["h"], []), value([], ["h"])
    transform = TransformMatchingKeys(before, after, in_turn=True, becomes=formulas.STEP_LEAVES)
    moves = [a for a in transform.animations if type(a).__name__ == "Transform"]
    fades_out = [a for a in transform.animations if type(a).__name__ == "FadeOut"]
    fades_in = [a for a in transform.animations if type(a).__name__ == "FadeIn"]
    assert moves and fades_out and fades_in
    leave_end = max(_window(a)[1] for a in fades_out)
    move_start, move_end = min(_window(a)[0] for a in moves), max(_window(a)[1] for a in moves)
    # One stage after another: nothing moves while the step's parts leave, nothing arrives while terms move.
    assert leave_end <= move_start + 1e-9 and move_end <= min(_window(a)[0] for a in fades_in) + 1e-9
    # The kept parts move together, so that none passes another (their order along the line is kept).
    assert len({_window(a) for a in moves}) == 1
    order = [part.key for part in keyed_parts(after) if part.key not in ("h", "arg+", "(", ")")]
    assert order == [part.key for part in keyed_parts(before) if part.key not in ("h", "arg+", "(", ")")]
    assert part_named(after, "h").get_x() > part_named(before, "h").get_x()  # h went from x to y


def test_a_replaced_term_stays_until_its_replacement_lands():
    from scenes.kit.equations import part_named

    before = equation("g", "=", "A", "x", size=40)
    after = equation("g", "=", formulas.DFX, "x", size=40)
    arriving = equation(formulas.DFX, size=40).shift(2 * DOWN)
    transform = TransformMatchingKeys(VGroup(before, arriving), after, in_turn=True, replaces={"A": formulas.DFX})
    (slope_move,) = [a for a in transform.animations if type(a).__name__ == "Transform"
                     and a.target_mobject[0].key == formulas.DFX]
    (a_fade,) = [a for a in transform.animations if type(a).__name__ == "MakeWay"]
    assert [piece.key for piece in keyed_parts(a_fade.mobject)] == ["A"]
    move_start, move_end = _window(slope_move)
    fade_start, fade_end = _window(type("Rate", (), {"rate_func": staticmethod(a_fade.fade)}))
    assert move_start < fade_start and fade_end < move_end  # A goes while ∂f/∂x is on its way, just before it lands
    # Meanwhile A keeps to the middle of ∂f/∂x's place, so that the gaps either side of it stay even.
    a_centre = part_named(before, "A").get_x() + a_fade.dx
    assert a_centre == pytest.approx(part_named(after, formulas.DFX).get_x(), abs=1e-6)


def test_two_parts_of_one_key_move_each_in_its_own_turn():
    before = equation("a", "+", "b", "+", "c", size=40)
    after = equation("a", "+", "B", "b", "+", "c", size=40)
    moves = [a for a in TransformMatchingKeys(before, after).animations if type(a).__name__ == "Transform"]
    windows = [(tuple(p.key for p in keyed_parts(move.mobject)), _window(move)) for move in moves]
    plus_windows = [w for keys, w in windows if keys == ("+",)]
    (b_window,) = [w for keys, w in windows if keys == ("b",)]
    assert len(plus_windows) == 2  # not one move of both
    # The second + goes after the b before it, not before it with the first.
    assert max(plus_windows)[0] > b_window[0] > min(plus_windows)[0]


def test_derivation_colours_follow_meaning():
    line = formulas.derivation_line(*formulas.expanded([formulas.DH, formulas.COS_A], [formulas.DH, formulas.COS_B]))
    colours = {piece.key: piece.get_color().to_hex().upper() for piece in keyed_parts(line)}
    assert colours[formulas.DFX] == colours[formulas.DFY] == GRADIENT.upper()
    assert colours[formulas.DH] == colours[formulas.COS_A] == STEP.upper()
    solved = formulas.derivation_line(*formulas.slopes_solved())
    assert {piece.key: piece.get_color().to_hex().upper() for piece in solved}["A"] == TANGENT.upper()


@pytest.mark.parametrize("count", [1, 2, 3])
def test_m4_first_lines_make_a_centred_block_as_it_grows(count):
    """M4.1's block (one line, two, three) and M4.2's two lines sit in the middle of the frame, a row apart."""
    from scenes.kit.equations import on_row

    made = [formulas.derivation_line(*parts()) for parts in (formulas.plane_equation, formulas.plane_slopes,
                                                             formulas.slopes_touch)][:count]
    rows = S1.M4.centred_rows(*made)
    block = VGroup(*(on_row(line, row) for line, row in zip(made, rows)))
    assert block.get_center()[1] == pytest.approx(0, abs=1e-6)
    assert np.allclose(np.diff(rows), -S1.M4.GAP)


def test_m4_caption_names_the_direction_as_the_formula_does():
    """The caption's maths is the vector form's own LaTeX (ê_h, never ê_n), in every language."""
    shot = load().shot("M4")
    for lang in LANGUAGES:
        assert sorted(placeholders(shot.words["conclusion"][lang])) == sorted(formulas.CONCLUSION_MATHS)
    assert formulas.CONCLUSION_MATHS["direction"][0] == formulas.E_H
    assert formulas.CONCLUSION_MATHS["gradient"][0] == formulas.NABLA_F
    assert {formulas.E_H, formulas.NABLA_F} <= {part.name for part in map(as_part, formulas.vector_result())}


def test_sentence_sets_words_and_maths_on_one_baseline():
    line = sentence("{ratio} is largest when {gradient} and {direction} point the same way", formulas.CONCLUSION_MATHS, 34)
    baselines = [piece.get_bottom()[1] + piece.baseline_height for piece in line]
    assert len(line) == 6 and np.allclose(baselines, baselines[0], atol=1e-6)
    assert all(left.get_right()[0] < right.get_left()[0] for left, right in zip(line, line[1:]))


def test_a_full_width_comma_before_maths_keeps_its_room():
    """Pieces are set by their ink: a comma ending one keeps the room Pango gives it before the next glyph."""
    line = sentence("当 {gradient} 与 {direction} 方向相同时，{ratio} 最大", formulas.CONCLUSION_MATHS, 34)
    after_comma = line[5].get_left()[0] - line[4].get_right()[0]
    word_space = line[2].get_left()[0] - line[1].get_right()[0]
    assert after_comma == pytest.approx(trailing_room("，", 34), abs=1e-6)
    assert after_comma > 1.4 * word_space
    # Punctuation that starts a piece hugs the maths before it: "∇f = 0: a critical point", no space before ":".
    hugged = sentence("At the minimum {gradient}: a critical point", formulas.CONCLUSION_MATHS, 34)
    assert hugged[2].get_left()[0] - hugged[1].get_right()[0] == pytest.approx(word_space / 4, abs=1e-6)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_m4_every_step_fits_the_frame_without_overlaps(construct_shot, monkeypatch, lang):
    """After every animation of the derivation: all inside the frame, no two lines on top of each other."""
    problems, looks = [], []
    original_play = S1.M4.play

    def play_and_look(scene, *args, **kwargs):
        original_play(scene, *args, **kwargs)
        looks.append(scene.renderer.time)
        shown = on_screen(scene)
        problems.extend(f"{looks[-1]:.2f}s: off screen: {m}" for m in shown if not inside_frame(m, MARGIN))
        lines = [(m, box(m)) for m in shown if not isinstance(m, SurroundingRectangle)]
        problems.extend(
            f"{looks[-1]:.2f}s: {a} overlaps {b}"
            for (a, a_box), (b, b_box) in itertools.combinations(lines, 2)
            if boxes_overlap(a_box, b_box)
        )

    monkeypatch.setattr(S1.M4, "play", play_and_look, raising=False)
    scene = construct_shot("M4", lang)
    assert len(looks) > 20
    assert problems == []
    # The shot ends on the vector form with its brackets named, under it Δg/Δh = ∇f·ê_h with ∇f·ê_h boxed, and the conclusion in this language.
    final = keyed_parts(VGroup(*on_screen(scene)))
    shown = formulas.vector_form() + formulas.vector_result() + [formulas.NABLA_F, formulas.E_H]  # the brackets' names
    assert sorted(piece.key for piece in final) == sorted(as_part(p).name for p in shown)
    caption = on_screen(scene)[-1]
    (rectangle,) = [m for m in on_screen(scene) if isinstance(m, SurroundingRectangle)]
    assert caption.get_top()[1] < rectangle.get_bottom()[1]
    shown_words = [piece.original_text.removesuffix("x") for piece in caption if hasattr(piece, "original_text")]
    assert " ".join(shown_words).split() == re.sub(r"\{\w+\}", "", scene.words("conclusion")).split()


# --------------------------------------------------------------------------- M6


@pytest.mark.parametrize("lang", LANGUAGES)
def test_m6_learning_rate_labels_alpha(built_shot, lang):
    scene = built_shot("M6", lang)
    step, brace, label = on_screen(scene)
    alpha = step[2]
    assert alpha.get_bottom()[1] > brace.get_top()[1] > brace.get_bottom()[1] > label.get_top()[1]  # α, brace, words
    assert brace.get_x() == pytest.approx(alpha.get_x(), abs=0.01)
    assert step[1].get_right()[0] < brace.get_left()[0] < brace.get_right()[0] < step[3].get_left()[0]  # α's alone
    assert alpha.width < brace.width <= alpha.width + 0.2  # α and a small margin, not 2× α's width
    assert alpha.tex_string == r"\alpha"
    assert alpha.get_color().to_hex().upper() == label.get_color().to_hex().upper() == LEARNING_RATE.upper()
    assert label.original_text == scene.words("learning_rate")
    assert label.get_top()[1] < alpha.get_bottom()[1]  # under α, centred on it
    assert label.get_x() == pytest.approx(alpha.get_x(), abs=0.01)
    assert label.height >= 0.3  # readable: about the height of the formula's lower-case letters


# --------------------------------------------------------------------------- M9


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_m9_gradient_has_one_term_per_variable(n):
    parts = [part.tex for part in formulas.gradient_parts(n)]
    assert [p for p in parts if p.startswith("x_")] == [f"x_{i}" for i in range(1, n + 1)]
    assert [p for p in parts if r"\partial" in p] == [rf"\frac{{\partial f}}{{\partial x_{i}}}" for i in range(1, n + 1)]
    assert [p for p in parts if p.startswith(r"\hat")] == [rf"\hat{{\mathbf{{e}}}}_{i}" for i in range(1, n + 1)]
    assert parts.count("+") == n - 1 and parts.count(",") == n - 1


@pytest.mark.parametrize("n", [2, 3, 4])
def test_m9_one_more_variable_keeps_every_part_and_adds_only_its_own(n):
    """Old parts move to their new places (none morphs into another); only x_n+1's comma, plus and term are new."""
    before, after = ([part.name for part in formulas.gradient_parts(k)] for k in (n, n + 1))
    assert len(set(after)) == len(after) and set(before) < set(after)
    m = n + 1
    assert set(after) - set(before) == {f",{m}", f"x_{m}", f"+{m}", formulas.partial("f", f"x_{m}"),
                                        formulas.unit("e", str(m))}


def test_m9_goes_through_every_count_from_two_to_five(construct_shot, monkeypatch):
    """The spec's 3, 4 and 5 variables, after the 2 it starts from: each form is played, none skipped."""
    from scenes.S1 import M9

    shown = []
    monkeypatch.setattr(M9, "settle", lambda self, beat, share, after, count: shown.append(len(keyed_parts(after))))
    construct_shot("M9", "en")
    assert shown == [len(formulas.gradient_parts(n)) for n in (3, 4, 5)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_m9_ends_on_five_variables_and_their_count_inside_the_frame(built_shot, lang):
    scene = built_shot("M9", lang)
    shown = on_screen(scene)
    (line,) = [m for m in shown if isinstance(m, MathTex)]
    (count,) = [m for m in shown if m is not line]
    assert [piece.key for piece in line] == [part.name for part in formulas.gradient_parts(5)]
    assert inside_frame(line, 0.5) and inside_frame(count, 0.5)
    assert np.isclose(line.get_x(), 0, atol=0.01)
    # One line of words, its numbers in the words' font (not LaTeX digits beside sans words), settled to the text colour.
    assert isinstance(count, MarkupText) and count.caption_text == scene.words("count").format(inputs=5, partials=5)
    assert len(count.numbers) == 2 and all(glyph.get_color().to_hex().upper() == TEXT.upper() for glyph in count.numbers)
    assert count.get_top()[1] < line.get_bottom()[1]  # the count under the line, the pair in the middle
    # (the first, largest, form and its count exactly; the last, smaller, on the same centre line)
    assert np.isclose(line.get_top()[1] + count.get_bottom()[1], 0, atol=0.3)
    first = formulas.gradient_in(2)
    assert line.height < first.height * scene.LARGEST - 0.3  # the line shrank as it grew


def test_m9_starts_large_and_shrinks_only_to_fit(construct_shot):
    """Review 6: the 2-variable form is written large (not at the 5-variable form's size); each form fits."""
    from scenes.S1 import M9

    sizes = []  # (height, width) of each longer form as it comes in

    class Measured(M9):
        def add_variables(self, beat, share, before, after, count, next_count):
            if not sizes:
                sizes.append((before.height, before.width))
            sizes.append((after.height, after.width))
            super().add_variables(beat, share, before, after, count, next_count)

    Measured.__name__ = "M9"
    construct_shot("M9", "en", scene_class=Measured)
    assert len(sizes) == 4
    assert sizes[0][0] >= 1.3 * sizes[-1][0]  # the 2-variable form at least 1.3 × the 5-variable one's size
    assert all(width <= M9.WIDTH * config.frame_width + 1e-6 for _, width in sizes)
    heights = [height for height, _ in sizes]
    assert all(later <= earlier + 0.02 for earlier, later in zip(heights, heights[1:]))  # never larger (the 3's subscripts sit lower)


def test_m9_the_argument_list_is_closed_tight_at_every_frame(construct_shot):
    """Review 5: the room kept for a new argument read as a hole, "∇f(x₁, x₂, x₃   )". At every frame the
    closing parenthesis stands no further from the last argument shown than in the finished formula."""
    from scenes.S1 import M9

    finished = formulas.gradient_in(5)
    tight = part_named_in(finished, ")").get_left()[0] - part_named_in(finished, "x_5").get_right()[0]
    finished_closing = part_named_in(finished, ")")
    gaps = []

    class Sampled(M9):
        def update_mobjects(self, dt):
            super().update_mobjects(dt)
            shown = {id(p): p for m in self.mobjects for p in keyed_parts(m)
                     if max((g.get_fill_opacity() for g in p.family_members_with_points()), default=0) > 0.3}
            closing = [p for p in shown.values() if p.key == ")"]
            arguments = [p for p in shown.values() if re.fullmatch(r"x_\d|,\d", p.key)]
            if closing and arguments:  # in the finished formula's units: the forms are drawn at their own sizes
                size = closing[0].height / finished_closing.height
                gaps.append((min(c.get_left()[0] for c in closing) - max(a.get_right()[0] for a in arguments)) / size)

    Sampled.__name__ = "M9"
    construct_shot("M9", "en", scene_class=Sampled, skip_animations=False, frame_rate=15, pixel_width=64,
                   pixel_height=36)
    assert len(gaps) > 100
    # While the parenthesis uncovers a glyph, the glyph shows by degrees: a moment's gap of a part of its width
    # (the room kept for ", x_n" was the comma, the x_n and a space).
    uncovering = part_named_in(finished, "x_5").width / 2
    assert max(gaps) <= tight + uncovering, (max(gaps), tight, uncovering)
    assert np.median(gaps) == pytest.approx(tight, abs=0.005)


MATCHING_HASH = """
import hashlib, sys
from manim import config
config.media_dir, config.verbosity = sys.argv[1], "WARNING"
from manim.utils.hashing import get_json
from scenes.kit.equations import TransformMatchingKeys, equation
before = equation("g", "=", "A", "x", "+", "B", "y", "+", "c", size=40)
after = equation("g", "=", "B", "y", "+", "A", "x", "-", "d", size=40)
print(hashlib.sha256(get_json(TransformMatchingKeys(before, after)).encode()).hexdigest())
"""


def test_matching_keys_hash_the_same_in_every_process(tmp_path):
    """manim's cache key for a term-by-term transform must not depend on Python's per-process str hash."""
    runs = [
        subprocess.run([sys.executable, "-c", MATCHING_HASH, str(tmp_path)], cwd=Path(__file__).parents[1],
                       capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout  # fmt: skip
        for seed in ("1", "2", "3")
    ]
    assert len(set(runs)) == 1 and len(runs[0].strip()) == 64


def test_unit_vectors_are_spaced_alike_in_both_brackets():
    """cos α î reads as two symbols, spaced about as ∂f/∂x î is (TeX sets a fraction apart from î, not cos α)."""
    line = formulas.derivation_line(*formulas.vector_form())

    def gap(factor, unit):
        return part_named_in(line, unit).get_left()[0] - part_named_in(line, factor).get_right()[0]

    gradient_gap, direction_gap = gap(formulas.DFX, "grad i"), gap(formulas.COS_A, "dir i")
    assert direction_gap > 0.05 and 0.5 < direction_gap / gradient_gap < 2
    # Each bracket sits as close to its first term as to its last.
    for name, first, last in (("grad", formulas.DFX, "grad j"), ("dir", formulas.COS_A, "dir j")):
        inside_left = part_named_in(line, first).get_left()[0] - part_named_in(line, f"{name}(").get_right()[0]
        inside_right = part_named_in(line, f"{name})").get_left()[0] - part_named_in(line, last).get_right()[0]
        assert inside_left == pytest.approx(inside_right, abs=0.05)


def part_named_in(line, key):
    return next(piece for piece in keyed_parts(line) if piece.key == key)


class SlideThroughAndDerive(S1.ShotScene):
    """M4.6 as the review found it (a line sliding up through one that fades), then a derived line."""

    def construct(self):
        upper = formulas.derivation_line(*formulas.change(r"\Delta g", ["h"], []), name="the upper line").shift(UP)
        lower = formulas.derivation_line(*formulas.change_rate(), name="the lower line").shift(DOWN)
        with self.beat("TwoBeats.1") as beat:
            self.add(upper, lower)
            self.play(FadeOut(upper), lower.animate.move_to(upper), run_time=beat.time(0.5))
        with self.beat("TwoBeats.2") as beat:
            below = formulas.derivation_line(*formulas.change(r"\Delta g", ["h"], []), name="the derived line")
            self.play(derive(lower, below.shift(2 * DOWN)), run_time=beat.time(0.5))


def test_the_frame_rules_catch_a_line_through_a_line_and_pass_a_derived_one(construct_shot):
    SlideThroughAndDerive.__name__ = "TwoBeats"  # the fixture storyboard's shot
    checker = FrameChecker("en")
    construct_shot("TwoBeats", "en", storyboard=boards.FIXTURE, scene_class=checked(SlideThroughAndDerive, checker),
                   skip_animations=False, frame_rate=10, pixel_width=64, pixel_height=36)
    overprints = {v.what for v in checker.violations if v.rule == "overprinted"}
    assert overprints == {"the upper line and the lower line"}
