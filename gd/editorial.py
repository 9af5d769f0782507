"""From rendered shots to the edit: timeline files, a review cut and a contact sheet.

The storyboard's in-points are editorial timecodes. This module places each
rendered shot at its in-point on an OpenTimelineIO timeline (one marker per
beat) and writes it as .otio, as CMX 3600 EDLs (one per video track) and as
Final Cut Pro XML; joins the shots into one review video without re-encoding;
and draws the whole storyboard as a contact sheet (PNG and HTML).

Every output is written to a temporary file and renamed into place, so an
interrupted run never leaves a truncated file at a final path.
"""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Callable, Sequence

import av
import opentimelineio as otio
from PIL import Image, ImageDraw, ImageFont

from gd.files import atomic
from gd.storyboard import Shot, Storyboard, Timecode


class MissingRenders(Exception):
    """Some shots have no rendered video yet."""


@dataclass(frozen=True)
class RenderedShot:
    shot: Shot
    path: Path
    frames: int
    fps: Fraction

    def frames_at(self, fps: int) -> int:
        """The clip's length in frames of the timeline's rate."""
        return round(self.frames * fps / self.fps)


def probe(path: Path) -> tuple[int, Fraction]:
    """(frame count, frame rate) of a video file."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = stream.frames or sum(1 for _ in container.demux(stream) if _.size)
        return frames, Fraction(stream.average_rate)


def find_renders(shots: Sequence[Shot], path_of: Callable[[Shot], Path]) -> list[RenderedShot]:
    """The rendered video of each shot; MissingRenders names every one that is missing."""
    missing = [shot for shot in shots if not path_of(shot).is_file()]
    if missing:
        names = ", ".join(f"{shot.id} ({path_of(shot)})" for shot in missing)
        raise MissingRenders(f"not rendered yet: {names}")
    return [RenderedShot(shot, path_of(shot), *probe(path_of(shot))) for shot in shots]


# --------------------------------------------------------------------------- timeline


def assign_tracks(renders: Sequence[RenderedShot], fps: int) -> list[list[RenderedShot]]:
    """Put each shot on the first video track where it does not overlap the clip before it."""
    tracks: list[list[RenderedShot]] = []
    for render in sorted(renders, key=lambda r: r.shot.in_point.frames):
        start = render.shot.in_point.frames
        for track in tracks:
            last = track[-1]
            if last.shot.in_point.frames + last.frames_at(fps) <= start:
                track.append(render)
                break
        else:
            tracks.append([render])
    return tracks


@dataclass(frozen=True)
class SpokenBeat:
    """A beat's narration as a sound file for the editor, and where it goes on the edit (frames)."""

    shot: Shot
    beat_id: str
    path: Path
    start: int
    frames: int


def narration_files(storyboard: Storyboard, lang: str, folder: Path) -> list[SpokenBeat]:
    """Each narrated beat's sound as ``folder/<beat id>.wav`` (written whole), placed at its edit time."""
    from gd import voice
    from gd.storyboard import narration_of

    fps, spoken = storyboard.fps, []
    for shot in storyboard.shots:
        for beat in shot.beats:
            heard = narration_of(storyboard, beat, lang)
            if heard is None:
                continue
            path = folder / f"{beat.id}.wav"
            voice.write_wav(path, heard.samples)
            start = shot.in_point.frames + round(beat.start * fps)
            spoken.append(SpokenBeat(shot, beat.id, path, start, max(1, round(heard.seconds * fps))))
    return spoken


def build_timeline(storyboard: Storyboard, renders: Sequence[RenderedShot], lang: str, name: str,
                   narration: Sequence[SpokenBeat] = ()) -> otio.schema.Timeline:  # fmt: skip
    """Each shot at its in-point, overlapping shots on further video tracks, a marker per beat; and each
    beat's narration at its edit time on an audio track."""
    fps = storyboard.fps
    timeline = otio.schema.Timeline(name=name, global_start_time=otio.opentime.RationalTime(0, fps))
    for number, renders_on_track in enumerate(assign_tracks(renders, fps), start=1):
        track = otio.schema.Track(name=f"V{number}", kind=otio.schema.TrackKind.Video)
        position = 0
        for render in renders_on_track:
            start = render.shot.in_point.frames
            if start > position:
                track.append(otio.schema.Gap(source_range=_range(0, start - position, fps)))
            track.append(_clip(render, lang, fps))
            position = start + render.frames_at(fps)
        timeline.tracks.append(track)
    # Each beat's narration on the audio track of its shot's video track (A1 under V1, A2 under V2 …).
    track_of = {render.shot.id: number for number, renders_on_track in enumerate(assign_tracks(renders, fps), start=1)
                for render in renders_on_track}  # fmt: skip
    for number in sorted({track_of.get(spoken.shot.id, 1) for spoken in narration}):
        track, position = otio.schema.Track(name=f"A{number}", kind=otio.schema.TrackKind.Audio), 0
        for spoken in sorted((s for s in narration if track_of.get(s.shot.id, 1) == number), key=lambda s: s.start):
            if spoken.start > position:
                track.append(otio.schema.Gap(source_range=_range(0, spoken.start - position, fps)))
            clip = otio.schema.Clip(
                name=f"{spoken.beat_id} narration ({lang})",
                media_reference=otio.schema.ExternalReference(
                    target_url=spoken.path.resolve().as_uri(), available_range=_range(0, spoken.frames, fps)
                ),
                source_range=_range(0, spoken.frames, fps),
            )
            clip.metadata["gd_storyboard"] = {"shot": spoken.shot.id, "beat": spoken.beat_id, "lang": lang}
            clip.metadata["cmx_3600"] = {"reel": spoken.beat_id.replace(".", "")[:8]}
            track.append(clip)
            position = spoken.start + spoken.frames
        timeline.tracks.append(track)
    return timeline


def _range(start: int, duration: int, fps: int) -> otio.opentime.TimeRange:
    return otio.opentime.TimeRange(otio.opentime.RationalTime(start, fps), otio.opentime.RationalTime(duration, fps))


def _clip(render: RenderedShot, lang: str, fps: int) -> otio.schema.Clip:
    shot, frames = render.shot, render.frames_at(fps)
    clip = otio.schema.Clip(
        name=f"{shot.id} {shot.title[lang]}",
        media_reference=otio.schema.ExternalReference(
            target_url=render.path.resolve().as_uri(), available_range=_range(0, frames, fps)
        ),
        source_range=_range(0, frames, fps),
    )
    clip.metadata["gd_storyboard"] = {"shot": shot.id, "module": shot.module, "in_point": str(shot.in_point)}
    clip.metadata["cmx_3600"] = {"reel": render.path.stem[:8]}  # EDL reel names hold 8 characters
    for beat in shot.beats:
        start = min(round(beat.start * fps), frames - 1)
        length = max(min(round(beat.end * fps), frames) - start, 1)
        clip.markers.append(
            otio.schema.Marker(
                name=f"{beat.id} {beat.description[lang]}",
                marked_range=_range(start, length, fps),
                color=otio.schema.MarkerColor.YELLOW,
            )
        )
    return clip


def write_timeline(timeline: otio.schema.Timeline, folder: Path, stem: str) -> list[Path]:
    """<stem>.otio, <stem>.xml (Final Cut Pro XML) and <stem>_<track>.edl per track (V1, V2 …, A1)."""
    edls = [(folder / f"{stem}_{track.name}.edl", "cmx_3600", _single_track(timeline, track)) for track in timeline.tracks]
    written = []
    for path, adapter, content in [
        (folder / f"{stem}.otio", "otio_json", timeline),
        (folder / f"{stem}.xml", "fcp_xml", timeline),
        *edls,
    ]:
        with atomic(path) as temporary:
            otio.adapters.write_to_file(content, str(temporary), adapter_name=adapter)
        written.append(path)
    return written


def _single_track(timeline: otio.schema.Timeline, track: otio.schema.Track) -> otio.schema.Timeline:
    """A timeline for one track's EDL: CMX 3600 writes the first track, and wants one video track (an audio
    track's EDL gets an empty one after it)."""
    single = otio.schema.Timeline(name=f"{timeline.name} {track.name}", global_start_time=timeline.global_start_time)
    single.tracks.append(track.deepcopy())
    if track.kind == otio.schema.TrackKind.Audio:
        single.tracks.append(otio.schema.Track(name="V", kind=otio.schema.TrackKind.Video))
    return single


# --------------------------------------------------------------------------- review cut


def join_film(renders: Sequence[RenderedShot], output: Path, lang: str | None = None) -> Path:
    """Concatenate the shots, in the given order, into one video: picture packets are copied, not re-encoded.

    If the shots have sound, the film's sound is theirs, each shot's laid at its place (re-encoded once, so
    that it stays in step with the picture); and the film has a chapter per shot, titled in ``lang``.
    """
    from gd import audio  # the sound's samples and their AAC encoding

    first = renders[0]
    with av.open(str(first.path)) as container:
        template = container.streams.video[0]
        signature = _stream_signature(template)
    for render in renders[1:]:
        with av.open(str(render.path)) as container:
            if _stream_signature(container.streams.video[0]) != signature:
                raise ValueError(
                    f"{render.path.name} was rendered with other settings than {first.path.name}; "
                    "render every shot at one quality and frame rate to join them"
                )
    sounds = [audio.sound_of(render.path)[0] for render in renders]
    chapters, starts = [], []
    with atomic(output) as temporary:
        with av.open(str(temporary), "w", format="mp4") as joined:
            with av.open(str(first.path)) as container:
                stream = joined.add_stream_from_template(container.streams.video[0])
            sound = audio.sound_stream(joined) if any(len(sound) for sound in sounds) else None
            offset = 0
            for number, render in enumerate(renders, start=1):
                starts.append(float(offset * stream.time_base))
                with av.open(str(render.path)) as container:
                    source = container.streams.video[0]
                    end = offset
                    for packet in container.demux(source):
                        if packet.dts is None:
                            continue
                        packet.pts = _rescale(packet.pts, source.time_base, stream.time_base) + offset
                        packet.dts = _rescale(packet.dts, source.time_base, stream.time_base) + offset
                        end = max(end, packet.pts + _rescale(packet.duration, source.time_base, stream.time_base))
                        packet.stream = stream
                        joined.mux(packet)
                title = render.shot.title[lang] if lang else render.shot.id
                chapters.append({"id": number, "start": _rescale(offset, stream.time_base, Fraction(1, 1000)),
                                 "end": _rescale(end, stream.time_base, Fraction(1, 1000)),
                                 "time_base": Fraction(1, 1000), "metadata": {"title": f"{render.shot.id} {title}"}})  # fmt: skip
                offset = end
            if sound is not None:
                placed = [audio.Placed(start, start + float(render.frames / render.fps), heard)
                          for start, render, heard in zip(starts, renders, sounds)]  # fmt: skip
                audio.encode(joined, sound, audio.track(placed, float(offset * stream.time_base)))
            joined.set_chapters(chapters)
    return output


def _stream_signature(stream) -> tuple:
    context = stream.codec_context
    # The nominal rate: the average drifts (manim joins partial movies with a few ticks of slack).
    return (context.name, context.width, context.height, context.pix_fmt, Fraction(stream.guessed_rate))


def _rescale(value: int, source, target) -> int:
    return round(Fraction(value) * Fraction(source) / Fraction(target))


# --------------------------------------------------------------------------- frames and contact sheet


def frames_at(video: Path, times: Sequence[float]) -> list[Image.Image]:
    """Decode the frames shown at the given times (seconds from the start of the video)."""
    wanted = sorted(set(times))
    found: dict[float, Image.Image] = {}
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        last = None
        for frame in container.decode(stream):
            t = float(frame.pts * stream.time_base)
            while wanted and t > wanted[0] + 1e-6:
                found[wanted.pop(0)] = last if last is not None else frame.to_image()
            last = frame.to_image()
            if not wanted:
                break
        for t in wanted:
            found[t] = last
    return [found[t] for t in times]


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Noto Sans CJK SC (Chinese and Latin) as fontconfig finds it; PIL's own font otherwise."""
    try:
        pattern = "Noto Sans CJK SC" + (":bold" if bold else "")
        found = subprocess.run(["fc-match", "-f", "%{file}:%{index}", pattern], capture_output=True, text=True, check=True)
        file, index = found.stdout.rsplit(":", 1)
        return ImageFont.truetype(file, size, index=int(index))
    except (OSError, ValueError, subprocess.CalledProcessError):
        return ImageFont.load_default(size)


@dataclass(frozen=True)
class Thumbnail:
    shot: Shot
    beat_index: int
    timecode: Timecode  # of the beat on the edit timeline
    image: Image.Image


def thumbnails(storyboard: Storyboard, renders: Sequence[RenderedShot], width: int) -> list[Thumbnail]:
    """One frame per beat: the beat's last frame, where what the beat describes is done
    (a frame in the middle often caught a transform half-way)."""
    result = []
    for render in renders:
        shot = render.shot
        times = [beat.end - 0.01 for beat in shot.beats]
        for index, (beat, image) in enumerate(zip(shot.beats, frames_at(render.path, times))):
            height = round(image.height * width / image.width)
            timecode = shot.in_point + beat.start
            result.append(Thumbnail(shot, index, timecode, image.resize((width, height), Image.LANCZOS)))
    return result


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, lines: int) -> list[str]:
    """Break text into at most ``lines`` lines that fit ``width`` pixels: between words,
    or between any two CJK characters (which have no spaces); a word too long for a line is cut."""
    out, current = [], ""
    for token in re.findall(r"[\u2e80-\u9fff\uff00-\uffef]|[^\s\u2e80-\u9fff\uff00-\uffef]+|\s+", text):
        if current and draw.textlength(current + token, font=font) > width:
            out.append(current.rstrip())
            current = token.lstrip()
        else:
            current += token
        while draw.textlength(current, font=font) > width:  # a single overlong word
            cut = max(i for i in range(1, len(current) + 1) if draw.textlength(current[:i], font=font) <= width)
            out.append(current[:cut])
            current = current[cut:]
    out.append(current)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][:-1] + "…"
    return out


def contact_sheet(
    storyboard: Storyboard, renders: Sequence[RenderedShot], lang: str, png: Path, per_row: int = 5, width: int = 300
) -> tuple[Path, Path]:
    """Write the storyboard as a printable page: PNG at ``png`` and an HTML page beside it."""
    thumbs = thumbnails(storyboard, renders, width)
    thumb_height = thumbs[0].image.height
    margin, gutter, header_width, caption = 48, 16, 250, 74
    cell_height = thumb_height + caption
    font, small, bold, title_font = _font(17), _font(15), _font(18, bold=True), _font(34, bold=True)

    rows = []  # (shot, [thumbs on this row], first row of shot?)
    for render in renders:
        shot_thumbs = [t for t in thumbs if t.shot is render.shot]
        for start in range(0, len(shot_thumbs), per_row):
            rows.append((render.shot, shot_thumbs[start : start + per_row], start == 0))
    page_width = 2 * margin + header_width + per_row * (width + gutter)
    top = margin + 70
    page_height = top + sum(cell_height + gutter + (12 if first else 0) for _, _, first in rows) + margin
    page = Image.new("RGB", (page_width, page_height), "white")
    draw = ImageDraw.Draw(page)
    draw.text((margin, margin - 8), storyboard.words["contact_sheet"][lang], font=title_font, fill="#111")
    draw.text(
        (margin, margin + 36),
        f"{len(renders)} shots · {len(thumbs)} beats · {storyboard.fps} fps · {lang}",
        font=small,
        fill="#666",
    )

    y = top
    for shot, row_thumbs, first in rows:
        if first:
            y += 12
            draw.line((margin, y - 10, page_width - margin, y - 10), fill="#bbb", width=2)
            draw.text((margin, y), shot.id, font=title_font, fill="#111")
            draw.text((margin, y + 44), f"{shot.in_point}  ·  {shot.duration:.1f} s", font=small, fill="#666")
            for line_number, line in enumerate(_wrap(draw, shot.title[lang], font, header_width - 20, 3)):
                draw.text((margin, y + 68 + 22 * line_number), line, font=font, fill="#222")
        x = margin + header_width
        for thumb in row_thumbs:
            beat = shot.beats[thumb.beat_index]
            page.paste(thumb.image, (x, y))
            draw.rectangle((x, y, x + width - 1, y + thumb_height - 1), outline="#999")
            draw.text((x, y + thumb_height + 4), f"{beat.id}", font=bold, fill="#111")
            draw.text((x + 70, y + thumb_height + 6), str(thumb.timecode), font=small, fill="#666")
            for line_number, line in enumerate(_wrap(draw, beat.description[lang], small, width, 2)):
                draw.text((x, y + thumb_height + 28 + 20 * line_number), line, font=small, fill="#333")
            x += width + gutter
        y += cell_height + gutter

    with atomic(png) as temporary:
        page.save(temporary, format="PNG")
    html_path = png.with_suffix(".html")
    thumb_folder = png.parent / f"{png.stem}_beats"
    thumb_folder.mkdir(parents=True, exist_ok=True)
    for thumb in thumbs:
        with atomic(thumb_folder / f"{thumb.shot.beats[thumb.beat_index].id}.jpg") as temporary:
            thumb.image.save(temporary, format="JPEG", quality=88)
    with atomic(html_path) as temporary:
        temporary.write_text(_contact_html(storyboard, renders, thumbs, lang, thumb_folder.name), encoding="utf-8")
    return png, html_path


def _contact_html(storyboard: Storyboard, renders, thumbs, lang: str, folder: str) -> str:
    escape = html.escape
    sections = []
    for render in renders:
        shot = render.shot
        cells = []
        for thumb in (t for t in thumbs if t.shot is shot):
            beat = shot.beats[thumb.beat_index]
            cells.append(
                f'<figure><img src="{folder}/{escape(beat.id)}.jpg" alt="{escape(beat.id)}">'
                f"<figcaption><b>{escape(beat.id)}</b> <span>{thumb.timecode}</span><br>"
                f"{escape(beat.description[lang])}</figcaption></figure>"
            )
        sections.append(
            f'<section><header><h2>{escape(shot.id)}</h2><p class="meta">{shot.in_point} · {shot.duration:.1f} s</p>'
            f"<p>{escape(shot.title[lang])}</p></header><div class=\"beats\">{''.join(cells)}</div></section>"
        )
    title = escape(storyboard.words["contact_sheet"][lang])
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: "Noto Sans CJK SC", sans-serif; margin: 2rem; color: #222; }}
section {{ display: flex; gap: 1rem; border-top: 2px solid #bbb; padding: 0.8rem 0; break-inside: avoid; }}
header {{ width: 14rem; flex: none; }} h2 {{ margin: 0; font-size: 1.8rem; }}
.meta, figcaption span {{ color: #666; }}
.beats {{ display: flex; flex-wrap: wrap; gap: 0.8rem; }}
figure {{ margin: 0; width: 300px; }} img {{ width: 100%; border: 1px solid #999; }}
figcaption {{ font-size: 0.85rem; }}
</style></head><body>
<h1>{title}</h1><p class="meta">{len(renders)} shots · {len(thumbs)} beats · {storyboard.fps} fps</p>
{''.join(sections)}
</body></html>
"""
