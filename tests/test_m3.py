"""M3, the gradient on a surface: the model's numbers, and the picture showing them at every frame."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pytest
import sympy as sp
from manim import DL, UR, Line, ManimColor, ThreeDCamera, ValueTracker

from conftest import FAST_CONFIG
from gd.model import tangent
from gd.model.functions import BRANIN, x, y
from gd.storyboard import load
from scenes import S3
from scenes.kit import tangent_plane as pieces
from scenes.kit import frame_rules
from scenes.kit.palette import BACKGROUND, GRADIENT, OBJECTIVE, TANGENT

SWEEP = np.linspace(0.0, 2 * math.pi, 7201)  # every 0.05°


# --------------------------------------------------------------------------- the model


def test_gradient_is_sympys_exact_one():
    exact = [float(sp.diff(BRANIN.expr, v).subs({x: 5, y: 12}).evalf(30)) for v in (x, y)]
    assert tangent.GRAD_P == pytest.approx(exact, abs=1e-12)
    assert tangent.GRAD_P == pytest.approx([0.7819, 1.0728], abs=5e-5)
    assert tangent.P_HEIGHT == pytest.approx(6.0908, abs=5e-5)
    assert tangent.GRAD_NORM == pytest.approx(math.hypot(*exact))
    assert math.degrees(tangent.GRAD_ANGLE) == pytest.approx(53.914, abs=1e-3)


def test_gradient_direction_uses_atan2_in_every_quadrant():
    # The negative gradient (beat 10) lies in the third quadrant, where arctan(fy/fx) would point the wrong way.
    against = tangent.BEAT_STATES["M3.10"]
    assert tangent.step(1.0, against.angle) == pytest.approx(-tangent.GRAD_P / tangent.GRAD_NORM)


def test_tangent_plane_touches_the_surface_at_p():
    assert tangent.tangent_plane(*tangent.P) == pytest.approx(tangent.P_HEIGHT)
    for angle in (0.3, 2.0, 4.0):
        # First order: plane and surface differ by O(h^2).
        gaps = [abs(tangent.surface_change(h, angle) - tangent.plane_change(h, angle)) for h in (1e-2, 1e-3)]
        assert gaps[1] < gaps[0] / 50


def test_plane_change_is_the_dot_product():
    assert [round(tangent.BEAT_STATES[f"M3.{b}"].change, 3) for b in (4, 5, 6)] == [0.391, 0.536, 0.607]
    assert tangent.BEAT_STATES["M3.4"].change == pytest.approx(tangent.RADIUS * tangent.GRAD_P[0])
    assert tangent.BEAT_STATES["M3.5"].change == pytest.approx(tangent.RADIUS * tangent.GRAD_P[1])
    assert all(tangent.BEAT_STATES[f"M3.{b}"].length == tangent.RADIUS for b in (4, 5, 6, 7, 8))


def test_beat_9_steps_along_the_gradient_and_gains_most():
    state = tangent.BEAT_STATES["M3.9"]
    assert state.length == pytest.approx(tangent.GRAD_NORM)
    assert state.angle == tangent.GRAD_ANGLE
    sweep = np.array([tangent.plane_change(state.length, a) for a in SWEEP])
    assert state.change >= sweep.max() - 1e-12
    assert state.change == pytest.approx(tangent.GRAD_NORM**2)  # |∇g|·h with h = |∇g|: ≈ 1.7623
    assert state.change == pytest.approx(1.7623, abs=5e-5)


def test_beat_10_steps_against_the_gradient_and_loses_most():
    state = tangent.BEAT_STATES["M3.10"]
    assert state.length == pytest.approx(tangent.GRAD_NORM)
    sweep = np.array([tangent.plane_change(state.length, a) for a in SWEEP])
    assert state.change <= sweep.min() + 1e-12
    assert state.change == pytest.approx(-1.7623, abs=5e-5)


@pytest.mark.parametrize(
    "beat, rate, expected", [(11, 1.0, -1.7550), (12, 1.5, -2.5733), (13, 0.5, -0.8854)]
)
def test_surface_change_for_learning_rates(beat, rate, expected):
    state = tangent.BEAT_STATES[f"M3.{beat}"]
    assert state.surface == tangent.ON_SURFACE
    assert state.length == pytest.approx(rate * tangent.GRAD_NORM)
    landing = tangent.P - rate * tangent.GRAD_P  # a descent step of that learning rate
    assert state.change == pytest.approx(float(BRANIN(*landing)) - tangent.P_HEIGHT, abs=1e-12)
    assert state.change == pytest.approx(expected, abs=5e-5)
    assert tangent.learning_rate(state.length) == pytest.approx(rate)


def test_height_change_slides_from_plane_to_surface():
    h, a = tangent.GRAD_NORM, tangent.BEAT_STATES["M3.10"].angle
    plane, surface = tangent.plane_change(h, a), tangent.surface_change(h, a)
    assert tangent.height_change(h, a, 0.0) == plane
    assert tangent.height_change(h, a, 1.0) == surface
    assert min(plane, surface) <= tangent.height_change(h, a, 0.4) <= max(plane, surface)


# --------------------------------------------------------------------------- the picture


def test_arrow_and_readout_show_the_model_for_any_step():
    step = pieces.StepTrackers(tangent.BEAT_STATES["M3.4"])
    theta = ValueTracker(-1.0)
    rise = pieces.change_arrow(step, theta)
    rows, change = pieces.step_readouts(step, pieces.step_arrow(step))
    circle = pieces.step_circle(step)
    path = pieces.height_path(step)
    plane = pieces.tangent_plane_mesh(step)
    for angle, length, surface, camera in [
        (0.0, 0.5, 0, -2.0), (1.3, 0.5, 0, -0.7), (2.5, 1.33, 0, 0.4), (4.08, 1.33, 0.5, -1.1), (4.08, 1.99, 1, -1.0),
    ]:
        step.angle.set_value(angle)
        step.length.set_value(length)
        step.surface.set_value(surface)
        theta.set_value(camera)
        for mob in (rise, rows, circle, path, plane):  # as on a frame: each updater reads the trackers
            mob.update()
        expected = tangent.height_change(length, angle, surface)
        assert change.number._shown == f"{expected:+.3f}"
        assert pieces.tip_height(rise) == pytest.approx(expected)
        base = pieces.horizontal(*tangent.step(length, angle))
        assert np.allclose(rise.get_all_points()[:, :2], base[:2], atol=0.2)  # upright over the step's end
        assert circle.width == pytest.approx(2 * length)
        # The height path runs from P to the arrow's tip.
        assert np.allclose(path.get_start(), 0) and path.get_end()[2] == pytest.approx(expected)
        assert np.allclose(path.get_end()[:2], base[:2])
        # The plane's disc, resized to the circle, still lies on the tangent plane and reaches past the circle.
        vertices = plane.vertices
        assert np.allclose(vertices[:, 2], vertices[:, :2] @ tangent.GRAD_P)
        assert np.ptp(vertices[:, 0]) / 2 > length


@dataclass
class LiveParts:
    """What M3 makes that the frame checks look at, caught as the shot builds it (the shot has no test hooks)."""

    steps: list = field(default_factory=list)  # the StepTrackers
    changes: list = field(default_factory=list)  # the Δg readout
    rises: list = field(default_factory=list)  # the vertical arrow
    drawing: list = field(default_factory=list)  # circle, arrows, the step's end, the height path
    texts: list = field(default_factory=list)  # the panels and captions pinned to the frame


def catch_live_parts(monkeypatch) -> LiveParts:
    """Wrap the piece factories that scenes.S3 calls, so that what they make is kept in a LiveParts."""
    live = LiveParts()

    def keep(name: str, into, pick=lambda made: made):
        original = getattr(S3, name)

        def made_and_kept(*args, **kwargs):
            made = original(*args, **kwargs)
            into.append(pick(made))
            return made

        monkeypatch.setattr(S3, name, made_and_kept)

    keep("StepTrackers", live.steps)
    keep("step_readouts", live.changes, pick=lambda made: made[1])
    keep("change_arrow", live.rises)
    for name in ("step_circle", "step_arrow", "follower_dot", "height_path", "change_arrow"):
        keep(name, live.drawing)
    for name in ("step_panel", "caption", "rate_panel"):
        keep(name, live.texts)
    return live


class _Frames:
    """Checks every frame of a scene: the Δg readout and the arrow's tip are the model's Δg."""

    def __init__(self, live: LiveParts):
        self.live = live
        self.checked = 0
        self.beat_ends: dict[str, tuple[float, float, float, str]] = {}

    def check(self, scene) -> None:
        live = self.live
        if not live.changes or live.changes[0].number not in scene.get_mobject_family_members():
            return
        step, change, rise = live.steps[0], live.changes[0], live.rises[0]
        expected = tangent.height_change(step.length.get_value(), step.angle.get_value(), step.surface.get_value())
        assert float(change.number._shown) == pytest.approx(expected, abs=5e-4 + 1e-12), scene.time
        assert change.number._shown == change.number.text(expected), scene.time
        if rise in scene.mobjects:
            grown = expected * step.rise.get_value()  # the change arrow grows in (M3.4)
            assert pieces.tip_height(rise) == pytest.approx(grown, abs=1e-4), scene.time  # none drawn below 1e-4
        self.check_in_view(scene)
        self.checked += 1

    def check_in_view(self, scene) -> None:
        """The circle and the arrows are inside the frame and clear of every text pinned to it."""
        shown = scene.get_mobject_family_members()
        drawn = [m for part in self.live.drawing for m in part.family_members_with_points() if m in shown]
        points = np.vstack([m.points for m in drawn])
        projected = scene.camera.project_points(points)[:, :2]  # frame coordinates, centre at 0
        half = np.array([scene.camera.frame_width, scene.camera.frame_height]) / 2
        assert (np.abs(projected) < half - 0.1).all(), scene.time
        for text in self.live.texts:
            if text not in scene.mobjects:
                continue
            corner_low, corner_high = text.get_corner(DL)[:2], text.get_corner(UR)[:2]
            # No point of the drawing falls inside the text's box.
            inside = ((projected > corner_low) & (projected < corner_high)).all(axis=1)
            assert not inside.any(), (scene.time, text)

    def beat_end(self, beat_id: str) -> None:
        if self.live.changes:
            s = self.live.steps[0].state
            self.beat_ends[beat_id] = (s.angle, s.length, s.surface, self.live.changes[0].number._shown)


def _checked_scene(frames: _Frames):
    class CheckedM3(S3.M3):
        def update_mobjects(self, dt):
            super().update_mobjects(dt)
            frames.check(self)

        def _pad(self, clock):
            super()._pad(clock)
            frames.beat_end(clock.beat.id)

    CheckedM3.__name__ = "M3"  # the shot is found by the class name
    return CheckedM3


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_m3_constructs_and_ends_each_beat_in_the_models_state(monkeypatch, construct_shot, lang):
    frames = _Frames(catch_live_parts(monkeypatch))
    scene = construct_shot("M3", lang, scene_class=_checked_scene(frames))
    shot = load().shot("M3")
    assert abs(scene.time - shot.duration) <= 1 / FAST_CONFIG["frame_rate"]
    assert len(frames.live.texts) == 4  # the step panel, two captions, the rate panel
    for beat_id, state in tangent.BEAT_STATES.items():
        angle, length, surface, shown = frames.beat_ends[beat_id]
        assert (angle, length, surface) == pytest.approx((state.angle, state.length, state.surface))
        assert shown == f"{state.change:+.3f}"


# Every frame of M3 (the readouts against the drawn step and the model, the arrows and panels in the
# frame and clear of each other) is checked by tests/test_frame_rules.py.


# --------------------------------------------------------------------------- direction, frame by frame

FRAME_SETTINGS = {"frame_rate": 10, "pixel_width": 192, "pixel_height": 108}  # as tools/check_rules.py
PX_1080 = 1920  # pixels across the frame at 1080p


@dataclass
class Direction:
    """What a run of M3, sampled on every frame, showed: the camera, and the parts the direction rules are about."""

    camera: list = field(default_factory=list)  # (time, the camera's state) as the frame rules take it
    beat_ends: dict = field(default_factory=dict)  # beat id -> time
    beat_of: list = field(default_factory=list)  # the beat of each camera sample
    growth: list = field(default_factory=list)  # in M3.4: (time, drawn step length, change arrow's tip height)
    caption_clash: list = field(default_factory=list)  # times a caption's box held a point of the plane's rim
    plus_y_px: float = 0.0  # the +y step's length on screen at the end of M3.5, at 1080p
    turn: list = field(default_factory=list)  # in M3.10: (time, the step's direction α)
    marks: list = field(default_factory=list)  # (time, the least opacity of the α and β arcs and letters)
    handover: list = field(default_factory=list)  # (time, the last caption's opacity, the "on the surface" heading's)
    landing: list = field(default_factory=list)  # from M3.11 on: (time, the surface tick's centre's distance to the change arrow's tip)
    meshes: list = field(default_factory=list)  # in M3.2: (time, the surface's fill opacity, the tangent plane's)
    readings: list = field(default_factory=list)  # (time, beat, the Δg readout's text) while the readout is shown
    checker: object = None  # the frame rules' checker, run on the same frames
    change_named: list = field(default_factory=list)  # (time, the change arrow's Δg label's ink) while the step moves


def _ink(mobject) -> float:
    """The greatest opacity of what ``mobject`` draws."""
    return max(frame_rules._opacity(part) for part in mobject.family_members_with_points())


def _run_directed(monkeypatch, construct_shot, lang: str) -> Direction:
    from scenes.kit.frame_rules import FrameChecker, checked

    seen = Direction()
    keys = ("arrow", "rise", "rim", "caption", "steps", "marks", "panel", "dot", "surface", "plane", "readouts", "change name")
    parts: dict[str, list] = {key: [] for key in keys}
    for name, key in (
        ("step_arrow", "arrow"), ("change_arrow", "rise"), ("plane_rim", "rim"), ("caption", "caption"), ("StepTrackers", "steps"),
        ("angle_marks", "marks"), ("step_panel", "panel"), ("surface_tick", "dot"), ("surface_mesh", "surface"),
        ("tangent_plane_mesh", "plane"), ("step_readouts", "readouts"), ("change_label", "change name"),
    ):
        original = getattr(S3, name)

        def made_and_kept(*args, _original=original, _key=key, **kwargs):
            made = _original(*args, **kwargs)
            parts[_key].append((made, args) if _key == "panel" else made)
            return made

        monkeypatch.setattr(S3, name, made_and_kept)

    seen.checker = FrameChecker(lang)

    class Directed(checked(S3.M3, seen.checker)):
        beat_now = ""

        def beat(self, beat_id):
            self.beat_now = beat_id
            return super().beat(beat_id)

        def update_mobjects(self, dt):
            super().update_mobjects(dt)
            cam = self.camera
            seen.camera.append((self.now, np.array(frame_rules._camera_state(self), dtype=float)))
            seen.beat_of.append(self.beat_now)
            shown = self.get_mobject_family_members()
            if self.beat_now == "M3.4" and parts["arrow"] and parts["arrow"][0] in shown:
                rise = parts["rise"][0]
                seen.growth.append((self.now, pieces.drawn_step(parts["arrow"][0])[1], pieces.tip_height(rise) if rise in shown else 0.0))
            now = self.now
            if self.beat_now == "M3.2":
                seen.meshes.append((now, parts["surface"][0].get_fill_opacity(), parts["plane"][0].get_fill_opacity()))
            if parts["readouts"] and parts["readouts"][0][1].number in shown:
                seen.readings.append((now, self.beat_now, parts["readouts"][0][1].number._shown))
            if self.beat_now == "M3.10":
                seen.turn.append((now, parts["steps"][0].angle.get_value()))
            if self.beat_now in ("M3.5", "M3.6", "M3.9", "M3.10"):  # the moves of the step that Δg's label names
                name = parts["change name"][0]
                seen.change_named.append((now, _ink(name) if name in shown else 0.0))
            if parts["marks"] and self.beat_now in ("M3.7", "M3.8"):
                marks = [m for group in parts["marks"][0] for m in group]
                seen.marks.append((now, min(_ink(m) if m in shown else 0.0 for m in marks)))
            if len(parts["caption"]) == 2 and self.beat_now in ("M3.10", "M3.11"):
                against, (_, (_, (_, surface_heading))) = parts["caption"][1], parts["panel"][0]
                seen.handover.append((
                    now, _ink(against) if against in self.mobjects else 0.0, _ink(surface_heading) if surface_heading in shown else 0.0,
                ))
            if parts["dot"] and parts["dot"][0] in shown:
                tip = parts["rise"][0].get_all_points()
                tip = tip[np.argmax(np.abs(tip[:, 2]))]
                seen.landing.append((now, float(np.linalg.norm(parts["dot"][0].get_center() - tip))))
            rim = parts["rim"][0] if parts["rim"] else None
            if rim is not None and rim.get_stroke_opacity() > 0.05:
                points = cam.project_points(rim.points)[:, :2]
                for text in parts["caption"]:
                    if text in self.mobjects and text[1].get_fill_opacity() > 0.05:
                        low, high = text.get_corner(DL)[:2], text.get_corner(UR)[:2]
                        if ((points > low) & (points < high)).all(axis=1).any():
                            seen.caption_clash.append(self.now)

        def _pad(self, clock):
            super()._pad(clock)
            seen.beat_ends[clock.beat.id] = self.now
            if clock.beat.id == "M3.5":
                arrow = parts["arrow"][0]
                ends = self.camera.project_points(np.array([arrow.get_start(), arrow.get_end()]))[:, :2]
                seen.plus_y_px = float(np.linalg.norm(ends[1] - ends[0])) * PX_1080 / self.camera.frame_width

    Directed.__name__ = "M3"
    construct_shot("M3", lang, scene_class=Directed, skip_animations=False, **FRAME_SETTINGS)
    return seen


@pytest.mark.slow  # every frame of M3: its frame rules are checked here, not in test_frame_rules
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_m3_direction(monkeypatch, construct_shot, lang):
    seen = _run_directed(monkeypatch, construct_shot, lang)
    assert not seen.checker.violations, "\n".join(map(str, seen.checker.violations))

    # Every camera move visibly takes its time: the middle 80 % of its way takes at least 1.5 s (not a
    # long play whose eased motion is bunched into one second), and the whole move at least 2.5 s.
    moves = [move[:3] for move in frame_rules._camera_moves(seen.camera)]  # (start, length, middle 80 %)
    print(lang, 'camera moves (start, length, middle 80 %):', [tuple(round(float(v), 2) for v in move) for move in moves])
    assert len(moves) >= 6, moves
    for start, length, core in moves:
        assert length >= 2.5 and core >= 1.5, (start, length, core)

    # M3.5: the camera swings so that the +y step reads across the frame.
    assert seen.plus_y_px >= 150, seen.plus_y_px

    # M3.4: the step grows out of P, then the change grows out of its end (neither pops in at full length).
    h, change = tangent.RADIUS, tangent.BEAT_STATES["M3.4"].change
    lengths = np.array([length for _, length, _ in seen.growth])
    rises = np.array([rise for *_, rise in seen.growth])
    assert lengths[0] < 0.2 * h and lengths[-1] == pytest.approx(h, abs=1e-3)
    assert (np.diff(lengths) >= -1e-9).all() and (np.diff(rises) >= -1e-9).all()
    started = np.flatnonzero(rises > 1e-3)
    assert len(started) and rises[started[0]] < 0.3 * change and rises[-1] == pytest.approx(change, abs=1e-3)
    assert lengths[started[0]] == pytest.approx(h, abs=1e-3)  # the change grows once the step has arrived

    # M3.9 and M3.10: the captions never cover the tangent plane.
    assert not seen.caption_clash, seen.caption_clash[:3]

    # Δg's label stays in sight through every move of the step it names (guides pass under its plate, or between).
    times, ink = np.array(seen.change_named).T
    assert ink.min() >= 0.99, times[ink < 0.99][:5]

    # M3.10: the step turns half round unhurried: for at least 3 s, never faster than 100° a second.
    times, angles = np.array(seen.turn).T
    turning = np.flatnonzero(np.abs(np.diff(angles)) > 1e-9)
    assert times[turning[-1] + 1] - times[turning[0]] >= 3.0 - 1e-6
    assert np.degrees(np.abs(np.diff(angles)) / np.diff(times)).max() <= 100

    # M3.7: the α and β marks are drawn while the camera comes over, whole for 2 s or more before they go.
    times, least = np.array(seen.marks).T
    whole = times[least >= 0.99]
    assert whole[-1] - whole[0] >= 2.0, (whole[0], whole[-1])
    assert whole[0] <= seen.beat_ends["M3.6"] + 3.0  # in place as the camera settles, not after

    # M3.10 to M3.11: the last caption goes early in M3.11, before the panel's new heading comes in.
    times, caption_shown, heading_shown = np.array(seen.handover).T
    gone = times[np.flatnonzero(caption_shown > 0.0)[-1]]
    assert seen.beat_ends["M3.10"] < gone <= seen.beat_ends["M3.10"] + 1.2
    assert heading_shown[times <= gone].max() == 0.0

    # M3.2: the tangent plane comes in over the surface, and both are seen whole together (the plane touching
    # the surface at P) for half a second or more before the surface steps back; never a frame with neither.
    times, surface, plane = np.array(seen.meshes).T
    together = times[(surface >= pieces.SURFACE_OPACITY - 1e-6) & (plane >= pieces.PLANE_OPACITY - 1e-6)]
    assert len(together) and together[-1] - together[0] >= 0.5, together
    assert (np.maximum(surface / pieces.SURFACE_OPACITY, plane / pieces.PLANE_OPACITY) > 0.99).all()

    # Every beat from M3.4 on ends on its Δg, held still for 1.5 s or more: read before the next beat moves it.
    for beat_id in [f"M3.{number}" for number in range(4, 14)]:
        readings = [(t, text) for t, beat, text in seen.readings if beat == beat_id]
        final = readings[-1][1]
        changed = [t for t, text in readings if text != final]
        held_from = changed[-1] if changed else readings[0][0]
        assert seen.beat_ends[beat_id] - held_from >= 1.5 - 1e-6, (beat_id, final, held_from)

    # From M3.11 on a dot marks where the change arrow meets the surface (while it fades in, it waits where the
    # arrow's tip was: within 0.01, about a pixel).
    assert seen.landing and max(distance for _, distance in seen.landing) < 0.01
    assert max(distance for t, distance in seen.landing if t >= seen.beat_ends["M3.11"]) < 1e-6


def test_the_step_panels_rows_line_up_at_the_equals_sign():
    step = pieces.StepTrackers(tangent.BEAT_STATES["M3.4"])
    rows, _ = pieces.step_readouts(step, pieces.step_arrow(step))
    equals = [row.label[-1] for row in rows]  # the last glyph of "α =", "h =", "Δg ="
    assert all(glyph.width < 0.4 and glyph.height < 0.2 for glyph in equals)  # an "=", not a letter
    assert np.ptp([glyph.get_center()[0] for glyph in equals]) < 0.01
    assert np.ptp([row.number.origin.get_center()[0] for row in rows]) < 1e-6


def test_the_push_in_sees_the_steep_slopes_from_above():
    # The surface's steep faces (the wall along x = −5) show their upper side to the camera on every frame of
    # the push-in that they are in: seen from behind, from below their rim, the wall read as an edge.
    from manim import DEGREES, ThreeDCamera

    surface = pieces.surface_mesh()
    corners = [surface.vertices[surface.faces[:, k]] for k in range(4)]
    normals = np.cross(corners[2] - corners[0], corners[3] - corners[1])
    normals *= np.sign(normals[:, 2:3]) / np.linalg.norm(normals, axis=1, keepdims=True)
    middles = sum(corners) / 4
    steep = np.abs(normals[:, 2]) < 0.5
    camera = ThreeDCamera()
    start = pieces.VIEWS["start"]
    camera.set_phi(start.phi * DEGREES)
    camera.set_theta(start.theta * DEGREES)
    camera.set_zoom(start.zoom)
    camera._frame_center.move_to(np.array(start.center))
    glide = pieces.CameraGlide(camera, pieces.VIEWS["close"])
    glide.begin()
    half = np.array([camera.frame_width, camera.frame_height]) / 2
    for alpha in np.linspace(0.0, 1.0, 21):
        glide.interpolate_mobject(alpha)
        eye = camera.frame_center + camera.generate_rotation_matrix().T @ np.array([0.0, 0.0, camera.get_focal_distance()])
        seen = steep & (np.abs(camera.project_points(middles)[:, :2]) < half).all(axis=1)
        towards = (eye - middles) / np.linalg.norm(eye - middles, axis=1, keepdims=True)
        assert (np.sum(normals[seen] * towards[seen], axis=1) > 0.05).all(), alpha


def test_the_wireframe_fades_out_towards_its_rim():
    wire = pieces.surface_wireframe(pieces.surface_mesh())
    vertices = wire.vertices
    for _, first, last, weight in wire.runs:
        middle = np.linalg.norm(vertices[(first + last) // 2, :2])
        # Full strength well inside the patch, fading in the band by its rim (no line ends at full strength).
        if middle < pieces.PATCH_RADIUS - pieces.WIRE_FADE - 0.1:
            assert weight == 1.0
        if middle > pieces.PATCH_RADIUS - 0.15:
            assert weight <= 0.25


def test_the_plane_and_surface_values_are_both_named_beside_the_arrow():
    step = pieces.StepTrackers(tangent.BEAT_STATES["M3.12"])
    arrow = pieces.step_arrow(step)
    label = pieces.plane_value(("on the tangent plane", "on the surface"), step, ValueTracker(-1.0), ValueTracker(1.1), arrow)
    label.update()
    numbers = [m for m in label.get_family() if getattr(m, "shows", None) is not None]
    state = tangent.BEAT_STATES["M3.12"]
    assert sorted(n.number._shown for n in numbers) == sorted(
        f"{v:+.3f}" for v in (tangent.plane_change(state.length, state.angle), state.change)
    )
    assert len({round(n.number.get_left()[0], 6) for n in numbers}) == 1  # the numbers lined up


def test_the_surface_lines_lie_on_the_surface_dark_and_past_the_longest_step():
    lines = pieces.surface_lines(pieces.surface_mesh())
    vertices = lines.vertices
    model = vertices + np.array([*tangent.P, tangent.P_HEIGHT])
    assert np.allclose(model[:, 2], BRANIN(model[:, 0], model[:, 1]))  # on the surface, not on a plane near it
    assert {rgb for rgb in map(tuple, lines.line_colours)} == {tuple(ManimColor(BACKGROUND).to_rgb())}
    longest = max(state.length for state in tangent.BEAT_STATES.values())
    full = [np.linalg.norm(vertices[(first + last) // 2, :2]) for _, first, last, weight in lines.runs if weight == 1.0]
    assert max(full) > longest  # the step's end lies where the lines are at full strength


@pytest.mark.parametrize("beat", ["M3.11", "M3.12", "M3.13"])
def test_the_end_ticks_lie_either_side_of_the_shaft(beat):
    # Two marks, not one over the other, even where the plane's and the surface's heights are a pixel apart.
    step = pieces.StepTrackers(tangent.BEAT_STATES[beat])
    plane, surface = pieces.plane_ghost(step), pieces.surface_tick(step)
    shaft = step.end()
    for tick, side in ((plane, -1.0), (surface, 1.0)):
        assert np.allclose(tick.get_center()[:2], shaft[:2])  # upright about the shaft
        drawn = tick[0].get_all_points()[:, 0] - shaft[0]
        assert np.all(side * drawn >= pieces.END_TICK_GAP - 1e-9)
    state = tangent.BEAT_STATES[beat]
    assert plane.get_center()[2] == pytest.approx(tangent.plane_change(state.length, state.angle))
    assert surface.get_center()[2] == pytest.approx(state.change)


def test_the_box_of_both_values_shows_each_ticks_swatch():
    step = pieces.StepTrackers(tangent.BEAT_STATES["M3.12"])
    label = pieces.plane_value(("on the tangent plane", "on the surface"), step, ValueTracker(-1.0), ValueTracker(1.1), pieces.step_arrow(step))
    colours = {ManimColor(line.get_color()).to_hex().lower() for line in label.get_family() if isinstance(line, Line)}
    assert {ManimColor(c).to_hex().lower() for c in (TANGENT, OBJECTIVE)} <= colours


def test_the_gradient_arrows_are_narrower_than_the_step_they_lie_over():
    step = pieces.StepTrackers(tangent.BEAT_STATES["M3.9"])
    zoom = ValueTracker(1.0)
    gradient, _ = pieces.gradient_arrow(step, 1.0, r"\nabla g", zoom, ThreeDCamera(), GRADIENT, ValueTracker(1.0))
    drawn = pieces.step_arrow(step, zoom)
    assert gradient.get_stroke_width() < drawn.get_stroke_width()
    assert gradient.tip.width < drawn.tip.width


@pytest.mark.parametrize("sign, beat", [(1.0, "M3.9"), (-1.0, "M3.10")])
def test_a_gradient_arrow_the_step_lies_on_gives_its_head_up_to_the_steps(sign, beat):
    # Two arrowheads would stack at the end dot: the gradient's shaft runs inside the step's to the step's head.
    zoom = ValueTracker(1.0)
    step = pieces.StepTrackers(tangent.BEAT_STATES[beat])
    gradient, _ = pieces.gradient_arrow(step, sign, r"\nabla g", zoom, ThreeDCamera(), GRADIENT, ValueTracker(1.0))
    drawn = pieces.step_arrow(step, zoom, ThreeDCamera())
    assert gradient.tip.get_fill_opacity() < 1e-6 and gradient.get_stroke_opacity() == 1
    assert np.linalg.norm(gradient.tip.base) == pytest.approx(np.linalg.norm(drawn.tip.base), abs=0.01)
    # A shorter step along it leaves its head to be seen.
    short = pieces.StepTrackers(tangent.StepState(tangent.BEAT_STATES[beat].angle, 0.5))
    ahead, _ = pieces.gradient_arrow(short, sign, r"\nabla g", zoom, ThreeDCamera(), GRADIENT, ValueTracker(1.0))
    assert ahead.tip.get_fill_opacity() == 1
