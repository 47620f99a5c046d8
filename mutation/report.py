"""Kill rate per module from mutmut's results, and the table of bench/results/mutation.md.

Each module's result is kept in bench/results/mutation/<slug>.json, so a run of one module
(`make mutate MODULE=...`) updates its row and leaves the others as they were measured.

    python -m mutation.report              # print the saved results and rewrite the table
    python -m mutation.report --recount    # count again from var/mutation/ (after an edit of
                                           # the equivalents in modules.toml)
"""

import ast
import json
import os
import re
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from mutation.modules import Module, load_modules

ROOT = Path(__file__).resolve().parent.parent
WORK_DIR = ROOT / "var" / "mutation"
RESULTS_DIR = ROOT / "bench" / "results" / "mutation"
RESULTS_FILE = ROOT / "bench" / "results" / "mutation.md"
TARGET = 0.90
# mutmut's words for a mutant some test noticed: failed, ran out of time, or was refused by the
# type checker (not configured here).
DETECTED = {"killed", "timeout", "caught by type check"}
# "equivalent": a survivor listed in mutation/modules.toml with the reason it changes nothing;
# it is left out of the kill rate.
COLUMNS = ["killed", "timeout", "survived", "no tests", "suspicious", "equivalent"]


@dataclass
class Survivor:
    mutant: str
    status: str
    line: int
    change: list[str]
    reason: str = ""


@dataclass
class ModuleResult:
    module: str
    seconds: float
    measured_at: str
    counts: dict[str, int]
    survivors: list[Survivor] = field(default_factory=list)
    not_mutated: list[str] = field(default_factory=list)
    # The test files run, when only some of those listed were (`make mutate TESTS=...`): a
    # mutant killed by some of the tests is killed by all of them, so the rate is a lower bound.
    tests_only: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def kill_rate(self) -> float:
        detected = sum(count for status, count in self.counts.items() if status in DETECTED)
        judged = self.total - self.counts.get("equivalent", 0)
        return detected / judged if judged else 0.0


def _mutmut(workspace: Path, *arguments: str) -> str:
    mutmut = Path(sys.executable).with_name("mutmut")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    completed = subprocess.run(
        [str(mutmut), *arguments],
        cwd=workspace,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return completed.stdout


def function_of(mutant: str) -> tuple[str | None, str]:
    """(class, function) a mutant changes, from mutmut's name for it."""
    name = re.sub(r"__mutmut_\d+$", "", mutant.rsplit(".", 1)[-1])
    if name.startswith("xǁ"):
        _, class_name, function_name = name.split("ǁ")
        return class_name, function_name
    return None, name.removeprefix("x_")


def function_span(source: str, mutant: str) -> tuple[int, int]:
    """First and last line of the function a mutant changes (mutmut names it, not its line)."""
    class_name, function_name = function_of(mutant)
    tree = ast.parse(source)
    scope: list[ast.stmt] = tree.body
    if class_name:
        scope = next(
            node.body
            for node in tree.body
            if isinstance(node, ast.ClassDef) and node.name == class_name
        )
    for node in scope:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == function_name:
            return node.lineno, node.end_lineno or node.lineno
    return 1, len(source.splitlines())


def describe(source: str, mutant: str, diff: str) -> tuple[int, list[str]]:
    """The file line a mutant changes, and its changed lines as `- old` / `+ new`."""
    change = [
        line
        for line in diff.splitlines()
        if line[:1] in "-+" and not line.startswith(("---", "+++"))
    ]
    first, last = function_span(source, mutant)
    lines = source.splitlines()
    removed = next((line[1:] for line in change if line.startswith("-")), None)
    if removed is not None:
        for number in range(first, last + 1):
            if lines[number - 1].strip() == removed.strip():
                return number, change
    return first, change


def decorated_functions(source: str) -> list[str]:
    """Functions mutmut 3 leaves alone: it mutates no decorated function but a static/class method."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) or not node.decorator_list:
            continue
        only = node.decorator_list[0] if len(node.decorator_list) == 1 else None
        if isinstance(only, ast.Name) and only.id in {"staticmethod", "classmethod"}:
            continue
        names.append(f"{node.name} (line {node.lineno})")
    return names


def collect(module: Module, workspace: Path, seconds: float) -> ModuleResult:
    """Count mutmut's verdicts for one module and describe every mutant no test noticed."""
    source = (ROOT / module.path).read_text(encoding="utf-8")
    counts = dict.fromkeys(COLUMNS, 0)
    survivors = []
    for line in _mutmut(workspace, "results", "--all", "true").splitlines():
        mutant, _, status = line.strip().rpartition(": ")
        if not mutant:
            continue
        reason = module.equivalent.get(mutant, "")
        if reason and status == "survived":
            status = "equivalent"
        elif reason:
            # Killed after all: the entry in modules.toml is stale (or the numbering moved).
            reason = f"listed as equivalent in modules.toml, but {status}: remove the entry"
        elif status not in DETECTED:
            reason = module.notes.get(function_of(mutant)[1], "")
        counts[status] = counts.get(status, 0) + 1
        if status not in DETECTED or reason:
            number, change = describe(source, mutant, _mutmut(workspace, "show", mutant))
            survivors.append(Survivor(mutant, status, number, change, reason))
    survivors.sort(key=lambda survivor: survivor.line)
    return ModuleResult(
        module=module.path,
        seconds=round(seconds, 1),
        measured_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        counts=counts,
        survivors=survivors,
        not_mutated=decorated_functions(source),
    )


def _result_path(module: str) -> Path:
    return RESULTS_DIR / (module.removesuffix(".py").replace("/", ".") + ".json")


def save(result: ModuleResult) -> None:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    text = json.dumps(asdict(result), indent=2, ensure_ascii=False) + "\n"
    _result_path(result.module).write_text(text, encoding="utf-8")


def load_all() -> list[ModuleResult]:
    results = []
    for path in sorted(RESULTS_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["survivors"] = [Survivor(**survivor) for survivor in data["survivors"]]
        results.append(ModuleResult(**data))
    return results


def summary_line(result: ModuleResult) -> str:
    counts = ", ".join(f"{result.counts.get(status, 0)} {status}" for status in COLUMNS)
    return (
        f"{result.module}: {result.kill_rate:.1%} of {result.total} mutants detected "
        f"({counts}) in {result.seconds / 60:.1f} min"
    )


def table(results: list[ModuleResult]) -> list[str]:
    header = ["module", "mutants", *COLUMNS, "kill rate", "minutes", "measured"]
    rows = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(["---"] + ["--:"] * (len(header) - 2) + ["---"]) + "|",
    ]
    for result in results:
        cells = [
            f"`{result.module}`",
            str(result.total),
            *(str(result.counts.get(status, 0)) for status in COLUMNS),
            f"{result.kill_rate:.1%}"
            + ("" if result.kill_rate >= TARGET else " (below 90%)")
            + (f" (against {', '.join(result.tests_only)} only)" if result.tests_only else ""),
            f"{result.seconds / 60:.1f}",
            result.measured_at,
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def write_table() -> None:
    results = load_all()
    lines = [
        "# Mutation testing results",
        "",
        "Written by `make mutate` (mutation/report.py); how to read it: docs/mutation-testing.md.",
        "A row is the last run of that module; the run covers only the test files listed for it in",
        "mutation/modules.toml.",
        "",
        *table(results),
        "",
        "## Surviving mutants",
        "",
        "A survivor is a change to the code that no listed test noticed: either a test is missing,",
        "or the change cannot alter behaviour (then record why: docs/mutation-testing.md, Equivalent",
        "mutants). Line numbers are those of the module when it was measured.",
    ]
    for result in results:
        lines += ["", f"### `{result.module}`", ""]
        if not result.survivors:
            lines.append("None.")
        for survivor in result.survivors:
            lines.append(f"- line {survivor.line}, {survivor.status}: `{survivor.mutant}`")
            if survivor.reason:
                lines.append(f"  ({survivor.reason})")
            lines += ["  ```diff", *(f"  {change}" for change in survivor.change), "  ```"]
        if result.not_mutated:
            lines += [
                "",
                "Not mutated (mutmut 3 skips decorated functions): "
                + ", ".join(result.not_mutated)
                + ".",
            ]
    RESULTS_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")


def recount() -> None:
    """Count again from the runs still in var/mutation/, after an edit of modules.toml (a new
    equivalent or note), keeping each run's measured time and date."""
    measured = {result.module: result for result in load_all()}
    for module in load_modules():
        workspace = WORK_DIR / module.slug
        if module.path in measured and (workspace / "mutants").is_dir():
            result = collect(module, workspace, measured[module.path].seconds)
            result.measured_at = measured[module.path].measured_at
            result.tests_only = measured[module.path].tests_only
            save(result)


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if arguments == ["--recount"]:
        recount()
    elif arguments:
        print("usage: python -m mutation.report [--recount]", file=sys.stderr)
        return 2
    results = load_all()
    if not results:
        print("no results yet: run `make mutate`", file=sys.stderr)
        return 1
    for result in results:
        print(summary_line(result))
    write_table()
    print(f"table and survivors: {RESULTS_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
