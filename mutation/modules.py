"""The modules mutation testing covers, read from mutation/modules.toml."""

import tomllib
from dataclasses import dataclass
from pathlib import Path

MODULES_FILE = Path(__file__).resolve().parent / "modules.toml"


@dataclass(frozen=True)
class Module:
    path: str
    tests: list[str]
    # mutmut's mutant name -> why the change cannot alter behaviour.
    equivalent: dict[str, str]
    # function name -> a note printed with each of its survivors.
    notes: dict[str, str]

    @property
    def slug(self) -> str:
        return self.path.removesuffix(".py").replace("/", ".")


def _equivalents(entry: dict) -> dict[str, str]:
    """`equivalent` (mutant = reason) plus `equivalent_groups` (one reason, many mutants)."""
    equivalent = dict(entry.get("equivalent", {}))
    for group in entry.get("equivalent_groups", []):
        equivalent.update(dict.fromkeys(group["mutants"], group["reason"]))
    return equivalent


def load_modules() -> list[Module]:
    data = tomllib.loads(MODULES_FILE.read_text(encoding="utf-8"))
    return [
        Module(path, entry["tests"], _equivalents(entry), entry.get("notes", {}))
        for path, entry in data["modules"].items()
    ]
