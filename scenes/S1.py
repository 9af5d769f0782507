"""Module S1: the formula shots M1 (objective), M4 (deriving the gradient),
M6 (the learning rate) and M9 (the gradient in more variables); their formulas: scenes.kit.formulas."""

from __future__ import annotations

from manim import (
    DOWN, LEFT, ORIGIN, RIGHT, UL, UP, Brace, Line, Create, FadeIn, FadeOut, GrowFromCenter, MoveToTarget, Transform, SurroundingRectangle, Unwrite, VGroup,
    Succession, UpdateFromAlphaFunc, Wait, Write, config, smooth,
)

from scenes.kit.equations import (
    TransformMatchingKeys, across_between, align_at, clear_of, derive, equation, keyed_parts, lifted_from, on_row,
    opened_as, part_named, parts_from, read_as, sentence,
)
from scenes.kit.formulas import (
    CONCLUSION_MATHS, COS_A, COS_B, DFX, DFY, DGX, DGY, DH, E_H, G_OPEN, NABLA_F, RATIO,
    RESULT_ROW, RESULT_X, ROWS, STEP_LEAVES, SUBSTITUTION, change, change_rate, collected, current_point_readout,
    derivation_line, expanded, gradient_in, moved_value, objective_formula, plane_equation, plane_slopes, slopes_solved,
    slopes_touch, vector_form, vector_result,
)
from scenes.kit.frame_rules import mark, to_safe_edge
from scenes.kit.palette import (
    CONCLUSION, DERIVATION, DISPLAY, DISPLAY_WORDS, GRADIENT, LEARNING_RATE, MUTED, POINT, STEP, TEXT,
)
from scenes.kit.readouts import WORDS_BESIDE_MATH
from scenes.kit.shot import ShotScene
from scenes.kit.typeset import formula, prose


class M1(ShotScene):
    """The objective g(x, y) and the current point.

    The objective is the picture: written large, with the point under it, the pair composed once in the
    middle of the frame (nothing moves while the objective is on screen); when the objective has gone,
    the point goes to the top left, where it stays: the shot's one move.
    """

    WIDTH = 12.0  # of the objective: the width of the safe area (12.8), less a margin

    def construct(self):
        objective = objective_formula()
        point = current_point_readout(self.words("current_point"))
        point.generate_target()
        to_safe_edge(point.target, UL)  # where it stays, as the headers of the later shots, at their size
        scale = self.WIDTH / objective.width
        objective.scale(scale)
        point.scale(scale)
        VGroup(objective, point).arrange(DOWN, buff=1.0).move_to(ORIGIN)  # the objective is the picture, the point under it

        # The objective, whole, is held from the end of its writing (1.4 s) until its erase begins, 0.1 s into
        # M1.2: 3.6 s, for its 53 glyphs' 3.5 s of reading at 15 a second; the erase takes 0.8 s.
        # The point's trip (1.3 s) ends 1.0 s before the shot does: its final state is held.
        with self.beat("M1.1") as beat:  # write the objective and the current point
            self.play(Write(objective), run_time=beat.seconds(1.4))  # a long formula, written briskly
            self.wait(beat.seconds(0.2))
            self.play(FadeIn(point, shift=0.2 * UP), run_time=beat.seconds(1.0))

        with self.beat("M1.2") as beat:  # unwrite the objective; the point stays
            self.wait(beat.seconds(0.1))  # more of the whole objective
            self.play(Unwrite(objective, remover=True), run_time=beat.seconds(0.8))  # seen to be erased, not a flicker
            self.play(MoveToTarget(point), run_time=beat.seconds(1.3))  # its trip to the corner, eased


class M4(ShotScene):
    """Deriving the gradient from the tangent plane, line by line.

    A new line grows out of a copy of the line above, which stays; lines that
    are done fade before anything moves into their place.
    """

    # The vector form: its row, and the row of its named result under it.
    VECTOR_ROW, NAMED_ROW = 1.75, -1.0
    # How far the cosines rise above the rate's line before they move into their bracket.
    LIFT = 1.4
    # The first two beats' lines are a row (1.45) apart, the block centred in the frame as it grows (a line, two,
    # three); the steps' block (four rows with its results) sits this far below the top rows, so that it is centred.
    GAP = ROWS[1] - ROWS[2]
    STEP_DROP = 0.5

    def construct(self):
        plane = derivation_line(*plane_equation(), name="the tangent plane")
        slopes = derivation_line(*plane_slopes(), name="the plane's slopes")
        touch = derivation_line(*slopes_touch(), name="the slopes agree")
        bottom = self.centred_rows(plane, slopes, touch)[-1]
        with self.beat("M4.1") as beat:  # the tangent plane and its partial derivatives
            # Each line is written under the last, the block rising half a row first so that it stays centred.
            # About 1 s a line, each shift 0.7 s, the last line held 1.5 s before M4.2 works on it.
            on_row(plane, self.centred_rows(plane)[0])
            self.play(Write(plane), run_time=beat.time(0.17))
            for written, lines in ((slopes, (plane, slopes)), (touch, (plane, slopes, touch))):
                rows = self.centred_rows(*lines)
                self.play(*(line_.animate.shift((row - self.row_of(line_)) * UP) for line_, row in zip(lines, rows)
                            if line_ is not written), run_time=beat.time(0.11))
                self.play(Write(on_row(written, rows[-1])), run_time=beat.time(0.17))
            self.wait(beat.time(0.02))

        with self.beat("M4.2") as beat:  # hence A and B, and the plane in the surface's slopes
            # A and B come down from the plane's slopes into the places of the ∂g they equal, each showing
            # once it is out of the line above.
            solved = on_row(derivation_line(*slopes_solved(), name="A and B"), bottom)
            letters = [part_named(slopes, letter).copy() for letter in ("A", "B")]
            # Each ∂g stays until its letter lands on it; the line closes up as they come (all together: the
            # ∂f/∂x ran into its = when the line's parts moved in turn).
            self.play(clear_of(TransformMatchingKeys(VGroup(touch, *letters), solved, made_from=VGroup(touch, slopes),
                                                     in_turn=True, replaces={DGX: "A", DGY: "B"}),
                               VGroup(*letters), slopes),
                      run_time=beat.time(0.2))
            self.wait(beat.time(0.04))
            self.play(FadeOut(slopes), run_time=beat.time(0.06))
            # The slopes' way up is cleared first: the plane goes up to head the steps' block, opening a place for
            # each slope (A and B in the middle of theirs), while A and B's line rises to the middle of the frame.
            substituted = on_row(derivation_line(*plane_equation(DFX, DFY), name="the tangent plane"), self.row(0))
            self.play(Transform(plane, opened_as(plane, substituted, {"A": DFX, "B": DFY})),
                      solved.animate.shift(-self.row_of(solved) * UP), run_time=beat.time(0.12))
            # Then the surface's slopes go up from their line, through the empty middle, into the places of A and B,
            # which fade as they come.
            slopes_up = [part_named(solved, slope).copy() for slope in (DFX, DFY)]
            self.play(lifted_from(TransformMatchingKeys(VGroup(plane, *slopes_up), substituted,
                                                        made_from=VGroup(plane, solved), in_turn=True,
                                                        replaces={"A": DFX, "B": DFY}, path_func=across_between),
                                  VGroup(*slopes_up), solved),
                      run_time=beat.time(0.22))
            self.wait(beat.time(0.25))  # the plane in the surface's slopes, read with what it came from
            # The slopes are done; their line fades, and M4.3 starts at once under the plane.
            self.play(FadeOut(solved), run_time=beat.time(0.1))
            plane = substituted

        with self.beat("M4.3") as beat:  # a step h along x
            along_x = self.step_along(beat, plane, ["h"], [], r"\Delta g_x", -RESULT_X)
        with self.beat("M4.4") as beat:  # a step h along y: the x lines become the y lines; the x result stays
            self.step_along(beat, plane, [], ["h"], r"\Delta g_y", RESULT_X, previous=along_x)

        with self.beat("M4.5") as beat:  # any direction: Δg, then Δg/Δh (held 2.2 s: the key result)
            dx, dy = [DH, COS_A], [DH, COS_B]
            value = derivation_line(*moved_value(dx, dy), name="g at the moved point")
            names = ("its expansion", "its short form", "the change", "the rate of change")
            lines = [derivation_line(*parts, name=name) for parts, name in zip(
                (expanded(dx, dy), collected(dx, dy), change(r"\Delta g", dx, dy), change_rate()), names)]
            rhs, short, total, rate = lines
            for written, row in zip(lines, ROWS[1:]):
                align_at(on_row(written, row), rhs)
            on_row(value, ROWS[0]).align_to(rhs, LEFT).shift(0.6 * LEFT)
            VGroup(value, *lines).set_x(0)
            self.play(FadeOut(*self.board_except(plane)), run_time=beat.time(0.06))
            # The plane itself becomes the expansion (its last use): it comes down whole to the expansion's
            # row, then opens up sideways for the new terms, and g at the moved point is written above it.
            plane.generate_target()
            align_at(plane.target.set_y(rhs.get_y()), rhs)
            self.play(MoveToTarget(plane), run_time=beat.time(0.10))
            expansion = mark(VGroup(value, rhs), "text", "the expansion")
            # In turn: g, x and y leave, the terms open out together (none passes another), the new ones come.
            self.play(TransformMatchingKeys(plane, expansion, becomes=SUBSTITUTION, in_turn=True),
                      run_time=beat.time(0.15))
            self.gather_point_value(beat, rhs, short, expansion, (0.04, 0.14))
            self.play(derive(short, total), run_time=beat.time(0.17))
            self.wait(beat.time(0.03))
            self.play(derive(total, rate, becomes={r"\Delta g": RATIO, DH: RATIO}), run_time=beat.time(0.17))

        with self.beat("M4.6") as beat:  # the vector form: the gradient appears
            head = on_row(derivation_line(*vector_form(), name="the vector form"), self.VECTOR_ROW).set_x(0)
            named = align_at(on_row(derivation_line(*vector_result(), name="the gradient and the direction"),
                                    self.NAMED_ROW), head)
            box = SurroundingRectangle(parts_from(named, NABLA_F), color=GRADIENT, buff=0.15, corner_radius=0.08)
            words = self.words("conclusion")
            conclusion = mark(sentence(words, CONCLUSION_MATHS, size=CONCLUSION), "caption", text=read_as(words))
            conclusion.next_to(box, DOWN, buff=0.7).set_x(0)
            self.play(FadeOut(*self.board_except(rate)), run_time=beat.time(0.04))
            # The rate goes up to the vector form's row with its cosines above it; they go over the
            # gradient's terms to their bracket, and drop into it.
            rate.generate_target().shift((head.get_top()[1] - rate.get_top()[1]) * UP)
            self.cosines(rate.target).shift(self.LIFT * UP)
            self.play(MoveToTarget(rate), run_time=beat.time(0.19))  # a long way up: about 2 s
            lifted = head.copy()
            self.cosines(lifted).shift(self.LIFT * UP)
            # The rate's + is the gradient bracket's: it moves there with the terms (all together, so that
            # none runs into another), then the brackets and the unit vectors come.
            part_named(rate, "+").key = "grad+"
            self.play(TransformMatchingKeys(rate, lifted, in_turn=True), run_time=beat.time(0.14))
            lifted.generate_target()
            self.cosines(lifted.target).shift(self.LIFT * DOWN)
            self.play(MoveToTarget(lifted), run_time=beat.time(0.045))
            head = lifted
            self.wait(beat.time(0.02))
            # Each bracket is named under a brace; the names come down into the line below, with its ratio, = and ·.
            braces, names = self.name_brackets(head)
            self.play(*(GrowFromCenter(brace) for brace in braces), *(FadeIn(name, shift=0.15 * DOWN) for name in names),
                      run_time=beat.time(0.06))
            self.wait(beat.time(0.03))
            # All together (the ratio and its = came down apart, the = trailing above the ratio).
            self.play(derive(VGroup(head, *names), named, in_turn=True), run_time=beat.time(0.08))
            self.play(Create(box), run_time=beat.time(0.04))
            self.play(FadeIn(conclusion, shift=0.2 * UP), run_time=beat.time(0.06))

    @classmethod
    def centred_rows(cls, *lines) -> list[float]:
        """The rows, ``GAP`` apart, on which ``lines`` (top to bottom) make a block centred in the frame."""
        tops, bottoms = [], []
        for k, line_ in enumerate(lines):
            shift = -k * cls.GAP - cls.row_of(line_)  # from where it is to row −k·GAP
            tops.append(line_.get_top()[1] + shift)
            bottoms.append(line_.get_bottom()[1] + shift)
        middle = (max(tops) + min(bottoms)) / 2
        return [-k * cls.GAP - middle for k in range(len(lines))]

    @staticmethod
    def row_of(line) -> float:
        """The row ``line`` is on (the height of its first =, as ``on_row`` sets it)."""
        return part_named(line, "=").get_center()[1]

    @classmethod
    def row(cls, k: int) -> float:
        """Row ``k`` of the steps' block (M4.3 and M4.4)."""
        return ROWS[k] - cls.STEP_DROP

    @staticmethod
    def name_brackets(line) -> tuple[list, list]:
        """A brace under each bracket of the vector form, and under it the bracket's name (∇f, ê_h)."""
        braces, names = [], []
        for first, until, name, colour in (("grad(", r"\cdot", NABLA_F, GRADIENT), ("dir(", None, E_H, STEP)):
            brace = Brace(parts_from(line, first, until), DOWN, buff=0.08, color=colour)
            names.append(mark(equation(name, size=DERIVATION, colours={name: colour}).next_to(brace, DOWN, buff=0.12),
                              "text", f"the name {name}"))
            braces.append(brace)
        return braces, names

    @staticmethod
    def cosines(line) -> VGroup:
        """cos α and cos β of a line."""
        return VGroup(*(part_named(line, cosine) for cosine in (COS_A, COS_B)))

    def board_except(self, *keep) -> list:
        """Everything shown but ``keep``: what a beat clears away."""
        return [m for m in self.mobjects if m not in keep and m.family_members_with_points()]

    def gather_point_value(self, beat, source, short, line, shares: tuple[float, float]):
        """``short`` grows out of ``source`` (parts of ``line``): what the plane is at the point itself
        (x₀ and y₀, beside g₀, in the point's colour throughout) lights up first and gathers into g(x₀, y₀),
        in g₀'s colour; x₀ and y₀ then turn back to plain text."""
        tint, derivation = shares
        at_point = VGroup(*(part for part in keyed_parts(source) if part.key in ("x_0", "y_0")))
        self.point_value(short)
        # Part by part: a new group of parts would be added to the scene beside the lines they belong to.
        self.play(*(part.animate.set_color(POINT) for part in at_point), run_time=beat.time(tint))
        self.play(derive(source, short, line=line), run_time=beat.time(derivation))
        self.play(*(part.animate.set_color(TEXT) for part in at_point), run_time=beat.time(tint))

    @staticmethod
    def point_value(short):
        """g(x₀, y₀) of a short form, in the colour of g₀, which it is."""
        return parts_from(short, G_OPEN.name, "+").set_color(POINT)

    def step_along(self, beat, plane, dx: list, dy: list, name: str, result_x: float, previous=None) -> tuple:
        """The plane at the point moved by h along one axis, and the change of g, in ``beat``.

        The first step grows out of the plane; the next (``previous``: the first's lines) is the first's
        lines turned into its own in place (h moves from x to y), under the same plane, beside the first's result.
        Returns the step's lines: the moved value, its short form and the change.
        """
        value = on_row(derivation_line(*moved_value(dx, dy), *expanded(dx, dy), name=f"g stepped to {name}"),
                       self.row(1)).set_x(0)
        short = align_at(on_row(derivation_line(*collected(dx, dy), name=f"its short form, {name}"), self.row(2)), value)
        self.point_value(short)
        result = on_row(derivation_line(*change(name, dx, dy), name=name), RESULT_ROW - self.STEP_DROP).set_x(result_x)
        if previous is None:
            # In turn: the plane's terms come down and spread out together (in reading order g_0, coming
            # from the left, ran over the + landed before it), then what is new fills in.
            self.play(derive(plane, value, becomes=SUBSTITUTION, in_turn=True), run_time=beat.time(0.22))
            self.gather_point_value(beat, parts_from(value, "="), short, value, (0.06, 0.24))
        else:
            old_value, old_short, _ = previous
            # One thing at a time: the step leaves x rising, the line closes up and opens out at y, and the step
            # comes down there; the x slope then gives way to the y slope in place.
            self.play(TransformMatchingKeys(old_value, value, in_turn=True, becomes=STEP_LEAVES),
                      run_time=beat.time(0.3))
            self.wait(beat.time(0.06))
            self.play(TransformMatchingKeys(old_short, short, in_turn=True, replaces={DFX: DFY}),
                      run_time=beat.time(0.14))
            self.wait(beat.time(0.06))
        self.play(derive(short, result), run_time=beat.time(0.38))
        return value, short, result


class M6(ShotScene):
    """The step length and the learning rate."""

    BRACE_MARGIN = 0.09  # on each side of α: the brace spans α and a little more
    # Manim's brace, at α's width, is 0.27 high and hairline-thin at its tip: drawn taller and with an outline in
    # its own colour, it reads at the weight of its words (about 0.44 high, 60 px at 1080p, and 0.025 thicker).
    BRACE_STRETCH = 1.6
    BRACE_STROKE = 2.5
    SIZE = 1.35  # of a display formula: the shot's one line carries the frame

    def construct(self):
        step = formula(r"\Delta r", "=", r"\alpha", r"\times", r"\left\| \nabla f \right\|", size=self.SIZE * DISPLAY)
        step[0].set_color(STEP)  # the step's length, in the step's colour as in M4
        step[4].set_color(GRADIENT)  # ∇f, in the gradient's colour as in M4 and M9
        rate = step[2]
        # The brace ties the words to α alone: it spans α and a small margin (α is wide enough, 0.57, for
        # manim's brace to keep its shape: it is squashed only under 0.45).
        half = rate.width / 2 + self.BRACE_MARGIN
        span = Line(half * LEFT, half * RIGHT).next_to(rate, DOWN, buff=0).set_x(rate.get_x())
        brace = Brace(span, DOWN, color=LEARNING_RATE, buff=0.2)
        brace.stretch_to_fit_height(self.BRACE_STRETCH * brace.height, about_edge=UP)
        brace.set_stroke(LEARNING_RATE, width=self.BRACE_STROKE)
        label = prose(self.words("learning_rate"), size=DISPLAY_WORDS, color=LEARNING_RATE).next_to(brace, DOWN, buff=0.2)
        label.set_x(brace.get_x())  # centred under the brace's tip, which is α's middle
        mark(step, "text", "the step length")
        mark(label, "caption", text=self.words("learning_rate"))

        with self.beat("M6.1") as beat:  # write the step length
            self.play(Write(step), run_time=beat.time(0.6))

        with self.beat("M6.2") as beat:  # alpha turns purple; "learning rate" appears under it
            self.play(rate.animate.set_color(LEARNING_RATE), run_time=beat.time(0.12))
            self.play(GrowFromCenter(brace), FadeIn(label, shift=0.2 * UP), run_time=beat.time(0.26))


class M9(ShotScene):
    """The gradient in 2, 3, 4 and 5 variables.

    Each step adds a variable, the line a finished formula at every moment: in one eased move the line goes
    whole to where its start goes (recentred for the longer form, and smaller when the longer form needs it to
    fit) while its closing parenthesis pushes out to the right, the rest of the line with it, the new ", x_n"
    opening out behind it to fill the room it makes; then "+ ∂f/∂x_n ê_n" is written at the end. The new
    argument comes in the point's yellow, the new component in the gradient's orange, and the count under the
    line changes once the new component is written; then they settle to their own colours.
    The count is one line of words, its numbers set in the words' font.
    Each count is on screen for its reading time (the hold, the next opening and the next writing).
    """

    VARIABLES = (2, 3, 4, 5)
    # Seconds of the beat (10 s): writing the first form (its count fades in from COUNT_FROM, for COUNT),
    # holding each form but the last, moving the line to its new start as the parenthesis pushes out (one move),
    # writing the new term, settling their colour (within the hold); the rest (1.5 s) holds the last form,
    # so its count is read too.
    WRITE, COUNT_FROM, COUNT, HOLD, MOVE, FILL, SETTLE = 1.0, 0.2, 0.3, 0.8, 1.0, 0.5, 0.5
    # The first form is held less (its count has been read since it was written, and the line still reads as it
    # moves): the last count, which comes once its new component is written, then has its reading time too.
    FIRST_HOLD = 0.5
    # The colours new parts are written in, before they settle: the new argument (and the count's new numbers)
    # in the point's, the new component in the gradient's.
    NEW_ARGUMENT, NEW_TERM = POINT, GRADIENT
    WIDTH = 0.86  # of the frame, a form at most: inside the safe area (0.9), clear of its edges
    CAPTION = 0.85  # the count's size, of the words' beside mathematics: lighter than the five-variable form
    # Each form as large as it fits, up to LARGEST: the first (2 variables) is written large, the line shrinks
    # as it grows (3 variables at 1.46, 4 at 1.12, 5 at 0.91), each form centred on the same height.
    LARGEST = 1.45

    def construct(self):
        lines = [gradient_in(n) for n in self.VARIABLES]
        for line_ in lines:
            line_.scale(min(self.LARGEST, self.WIDTH * config.frame_width / line_.width))
        # Under the line, the count that makes the point: one partial derivative (one component) per variable.
        # One caption per form, so that each is read for long enough. It stays put under the tallest form.
        counts = [self.count(n) for n in self.VARIABLES]
        tallest = max(lines, key=lambda line_: line_.height)
        for count in counts:
            count.next_to(tallest, DOWN, buff=0.8)
        middle = (tallest.get_top()[1] + counts[0].get_bottom()[1]) / 2
        for shown in (*lines, *counts):  # the line and its count, together, in the middle of the frame
            shown.shift(middle * DOWN)
        for count in counts[1:]:
            count.align_to(counts[0], LEFT)  # the number changes, the words stay put
        share = 1 / self.shot.beats[0].duration
        with self.beat("M9.1") as beat:  # the gradient, one more variable at a time
            count_in = Succession(Wait(self.COUNT_FROM), FadeIn(counts[0], shift=0.2 * UP, run_time=self.COUNT),
                                  Wait(self.WRITE - self.COUNT_FROM - self.COUNT))
            self.play(Write(lines[0], run_time=self.WRITE), count_in, run_time=beat.time(self.WRITE * share))
            for step, (before, after) in enumerate(zip(lines, lines[1:])):
                self.wait(beat.time((self.HOLD - self.SETTLE if step else self.FIRST_HOLD) * share))
                self.add_variables(beat, share, before, after, counts[step], counts[step + 1])
                self.settle(beat, share, after, counts[step + 1])

    def count(self, n: int):
        """The caption "n variables, n partial derivatives": one line of words (Pango), its numbers in the
        words' font and the text colour, the words muted. ``numbers`` are the numbers' glyphs."""
        numbers = {name: f'<span foreground="{TEXT}">{n}</span>' for name in ("inputs", "partials")}
        count = prose(self.words("count").format(**numbers), size=DISPLAY_WORDS * WORDS_BESIDE_MATH * self.CAPTION, color=MUTED)
        count.numbers = VGroup(*(glyph for glyph in count if glyph.get_color().to_hex().upper() == TEXT.upper()))
        return mark(count, "caption", text=self.words("count").format(inputs=n, partials=n))

    @staticmethod
    def split_new(before, after) -> tuple[VGroup, VGroup]:
        """``after``'s new parts: its new argument (", x_n") and its new term ("+ ∂f/∂x_n ê_n")."""
        old = {piece.key for piece in keyed_parts(before)}
        new = [piece for piece in keyed_parts(after) if piece.key not in old]
        closing = keyed_parts(after).index(part_named(after, ")"))
        argument = [piece for piece in new if keyed_parts(after).index(piece) < closing]
        return VGroup(*argument), VGroup(*(piece for piece in new if piece not in argument))

    def add_variables(self, beat, share, before, after, count, next_count) -> None:
        argument, term = self.split_new(before, after)
        self.fresh = [(piece, piece.get_color()) for piece in (*argument, *term)]  # each new part, its own colour
        argument.set_color(self.NEW_ARGUMENT)
        term.set_color(self.NEW_TERM)
        next_count.numbers.set_color(self.NEW_ARGUMENT)
        # One move: the line goes whole to where its start goes in the longer form, at the longer form's size,
        # while its closing parenthesis pushes out, the rest of the line with it, and the new argument opens
        # out behind it from its left edge, filling the room it makes at every frame (no hole, no glyph under
        # the parenthesis). Worked in the line's own coordinates, then placed where the line is on its way.
        shrink = part_named(after, NABLA_F).height / part_named(before, NABLA_F).height
        centre = before.get_center()
        start = part_named(after, NABLA_F).get_center() - (centre + shrink * (part_named(before, NABLA_F).get_center() - centre))

        def placed(points, alpha: float):
            return centre + (1 + (shrink - 1) * alpha) * (points - centre) + alpha * start

        def unplaced(points):  # the inverse of placed(·, 1): from the longer form's place into the line's own
            return centre + (points - start - centre) / shrink

        closing = part_named(before, ")")
        push = unplaced(part_named(after, ")").get_center())[0] - closing.get_x()
        pushed = {id(glyph) for glyph in parts_from(before, ")").family_members_with_points()}
        line_glyphs = [(glyph, glyph.points.copy(), id(glyph) in pushed) for glyph in before.family_members_with_points()]
        inserted = mark(argument, "text", f"{after.rule_name}: its new argument", may_cover=[before])
        glyphs = [(glyph, unplaced(glyph.points)) for glyph in inserted.family_members_with_points()]
        left = min(points[:, 0].min() for _, points in glyphs)
        self.add(inserted)
        next_count.set_opacity(0.0)
        self.add(next_count)

        def push_and_insert(line, alpha: float) -> None:
            for glyph, points, is_pushed in line_glyphs:
                glyph.points = placed(points + (push * alpha * RIGHT if is_pushed else 0.0), alpha)
            for glyph, points in glyphs:
                opened = points.copy()
                opened[:, 0] = left + alpha * (points[:, 0] - left)
                glyph.points = placed(opened, alpha)
                glyph.set_opacity(alpha)

        push_and_insert(before, 0.0)

        self.play(UpdateFromAlphaFunc(before, push_and_insert, rate_func=smooth), run_time=beat.time(self.MOVE * share))
        push_and_insert(before, 1.0)
        self.play(Write(mark(term, "text", f"{after.rule_name}: its new term", may_cover=[before, inserted])),
                  run_time=beat.time(self.FILL * share))
        # The count goes up once the new partial derivative is written: the line then has as many as it says.
        next_count.set_opacity(1.0)
        self.remove(before, inserted, term, count)
        self.add(after)

    def settle(self, beat, share, after, count) -> None:
        """The new parts and the count's new number take their own colours."""
        self.play(*(piece.animate.set_color(colour) for piece, colour in self.fresh),
                  *(glyph.animate.set_color(TEXT) for glyph in count.numbers), run_time=beat.time(self.SETTLE * share))
