"""The layout is the architecture: no import cycles between modules or between packages
(imports inside functions count), and no module over the size a reader can hold."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
MAX_LINES = 650
# Modules still over the limit, with the size they may not grow past (a ratchet: split them,
# then remove them from here).
OVERSIZE = {"wirebrief/analyze/timex.py": 1300,
            "wirebrief/store/queries.py": 700}


def _modules() -> dict[str, Path]:
    out = {}
    for p in (SRC / "wirebrief").rglob("*.py"):
        parts = list(p.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = p
    return out


def _graph() -> dict[str, set[str]]:
    mods = _modules()

    def resolve(name: str) -> str:
        while name and name not in mods:
            name = name.rsplit(".", 1)[0] if "." in name else ""
        return name

    graph: dict[str, set[str]] = {m: set() for m in mods}
    for m, p in mods.items():
        pkg = m if p.name == "__init__.py" else m.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = pkg.split(".")[: len(pkg.split(".")) - (node.level - 1)]
                    base = ".".join(up + ([node.module] if node.module else []))
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base
                           for a in node.names]
            for t in targets:
                r = resolve(t) if t.startswith("wirebrief") else ""
                if r and r != m:
                    graph[m].add(r)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph.get(w, ())))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    x = stack.pop()
                    on.discard(x)
                    comp.append(x)
                    if x == v:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


def test_no_import_cycles_between_modules() -> None:
    assert _cycles(_graph()) == []


def test_no_import_cycles_between_packages() -> None:
    def top(m: str) -> str:
        return ".".join(m.split(".")[:2])

    packages: dict[str, set[str]] = {}
    for m, targets in _graph().items():
        packages.setdefault(top(m), set()).update(top(t) for t in targets if top(t) != top(m))
    assert _cycles(packages) == []


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_modules_stay_small() -> None:
    big = {str(p.relative_to(SRC)): n for p in _modules().values()
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert {k: n for k, n in big.items() if n > OVERSIZE.get(k, MAX_LINES)} == {}


def test_no_private_names_imported_across_modules() -> None:
    reach = []
    for m, p in _modules().items():
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("wirebrief"):
                reach += [f"{m} <- {node.module}.{a.name}" for a in node.names
                          if a.name.startswith("_") and not a.name.startswith("__")]
    assert reach == []


# Process set-up, not settings: a thread cap for BLAS set before numpy loads, and the variables
# Spark reads to find its Python and its gateway.
ENVIRON_ALLOWED = {"wirebrief/__init__.py", "wirebrief/batch/spark.py"}
_ENVIRON_RE = re.compile(r"\bos\.(?:environ|getenv|putenv|unsetenv)\b"
                         r"|\bfrom\s+os\s+import\b[^\n]*\b(?:environ|getenv)\b")


def test_only_config_reads_the_environment() -> None:
    """Settings are declared once in config.py (name, type, default, help, WIREBRIEF_<NAME>);
    a module that wants a value from the environment declares a setting there instead."""
    readers = {str(p.relative_to(SRC)) for p in (SRC / "wirebrief").rglob("*.py")
               if _ENVIRON_RE.search(p.read_text(encoding="utf-8"))}
    assert readers - ENVIRON_ALLOWED == {"wirebrief/config.py"}
    assert readers >= ENVIRON_ALLOWED  # an entry that no longer reads the environment goes


def test_environment_check_sees_the_usual_spellings() -> None:
    for line in ('x = os.environ.get("A")', 'os.getenv("A")', "from os import environ",
                 "from os import path, getenv"):
        assert _ENVIRON_RE.search(line), line
    assert not _ENVIRON_RE.search("# an environment proxy would connect on our behalf")
