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
OVERSIZE: dict[str, int] = {}
# The layers of docs/architecture.md, bottom to top, by top-level module or package: a module
# imports only from its own layer or from layers below it.
LAYERS = {
    "errors": 0, "config": 0, "models": 0, "records": 0, "export": 0, "outlets": 0, "output": 0,
    "extract": 1, "analyze": 1, "summarize": 1,
    "pipeline": 2,
    "store": 3,
    "ingest": 4,
    "stories": 5,
    "cli": 6, "web": 6, "demo": 6, "training": 6, "batch": 6, "__main__": 6,
}
# Imports that still reach up a layer (a ratchet: remove them, then remove them from here).
# None is left: ingest hands new articles to stories through a `place` callback its callers pass.
UPWARD: set[tuple[str, str]] = set()
# Only the query layer talks to the database.
SQL_CALLS = {"execute", "executemany", "executescript"}


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


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS[parts[1]] if len(parts) > 1 else None


def test_every_module_has_a_layer() -> None:
    assert sorted({m.split(".")[1] for m in _modules() if "." in m} - set(LAYERS)) == []


def test_modules_import_only_their_layer_or_below() -> None:
    upward = {(m, t) for m, targets in _graph().items() for t in targets
              if (lm := _layer(m)) is not None and (lt := _layer(t)) is not None and lt > lm}
    assert upward - UPWARD == set()


def test_store_imports_nothing_above_the_stages() -> None:
    store = {t for m, targets in _graph().items() if m.startswith("wirebrief.store")
             for t in targets if (_layer(t) or 0) > 1 and not t.startswith("wirebrief.store")}
    assert store == set()


def test_routers_do_not_import_each_other() -> None:
    """What the web routers share (error models, parameter types) lives in `web/errors.py` and
    `web/params.py`, and what they brief with in the library: no router imports another."""
    routers = "wirebrief.web.routers."
    reach = {(m, t) for m, targets in _graph().items() if m.startswith(routers)
             for t in targets if t.startswith(routers) and t != m}
    assert reach == set()


def _sql_calls(tree: ast.AST) -> list[int]:
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in SQL_CALLS]


def test_sql_lives_in_the_store() -> None:
    """Every `.execute(`, `.executemany(` and `.executescript(` is in `wirebrief/store/`: the
    other layers call the query layer's functions."""
    outside = [f"{p.relative_to(SRC)}:{line}" for m, p in sorted(_modules().items())
               if not (m + ".").startswith("wirebrief.store.")
               for line in _sql_calls(ast.parse(p.read_text(encoding="utf-8")))]
    assert outside == []


def test_sql_finder_finds_a_call() -> None:
    tree = ast.parse("conn.execute('SELECT 1')\nx = store.conn.executemany('...', [])\n"
                     "db.executescript('')\nrun.execute_later()\n")
    assert _sql_calls(tree) == [1, 2, 3]


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
