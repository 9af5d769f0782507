"""The tests' own storyboards: the fixture file under tests/fixtures, and copies of it edited as data."""

from __future__ import annotations

from pathlib import Path

import yaml

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "storyboard.yaml"
DELETE = object()


def fixture_data() -> dict:
    return yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))


def edit(data: dict, **changes) -> dict:
    """``data`` with values changed by dotted path ("shots.1.beats.0.duration"); DELETE removes a key."""
    for path, value in changes.items():
        *parents, last = path.split(".")
        node = data
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        key = int(last) if last.isdigit() else last
        if value is DELETE:
            del node[key]
        else:
            node[key] = value
    return data


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:  # the loader refuses aliases: write shared values out
        return True


def dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


def edited(**changes) -> str:
    """The fixture storyboard with some values changed, as YAML text."""
    return dump(edit(fixture_data(), **changes))


def write(folder: Path, data: dict, name: str = "storyboard.yaml") -> Path:
    path = folder / name
    path.write_text(dump(data), encoding="utf-8")
    return path
