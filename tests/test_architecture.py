"""The arrangement of the house, checked on every run: the project's own imports (module-level and
inside functions alike) form no cycle, no module imports another module's private name (``_x``),
and neither index backend imports the other (what they share lives in ``indexer.analysis``)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("extractor", "indexer", "search_app")
BACKENDS = ("indexer.sqlite_backend", "indexer.es_backend")


def _modules() -> dict[str, Path]:
    mods = {}
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            rel = path.relative_to(ROOT).with_suffix("")
            parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
            mods[".".join(parts)] = path
    return mods


MODULES = _modules()


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _own(name: str) -> str | None:
    """The project module an imported dotted name belongs to (longest known prefix)."""
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        cand = ".".join(parts[:i])
        if cand in MODULES:
            return cand
    return None


def _imports(module: str) -> list[tuple[str, str | None, int]]:
    """(imported module, imported name or None, line) for every project import in ``module``."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = _own(alias.name)
                if target:
                    out.append((target, None, node.lineno))
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, path.name == "__init__.py", node)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                if sub in MODULES:  # "from pkg import submodule"
                    out.append((sub, None, node.lineno))
                elif (target := _own(base)):
                    out.append((target, alias.name, node.lineno))
    return out


GRAPH = {m: _imports(m) for m in MODULES}


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module, or a module importing itself."""
    edges = {m: sorted({t for t, _, _ in GRAPH[m] if t != m}) for m in MODULES}
    index, low, on, stack, comps = {}, {}, set(), [], []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(sorted(comp))

    for m in sorted(MODULES):
        if m not in index:
            visit(m)
    return comps


def test_no_import_cycle():
    cycles = _cycles()
    assert not cycles, "import cycles:\n" + "\n".join(" ↔ ".join(c) for c in cycles)


def test_no_private_name_imported_from_another_module():
    bad = [f"{m}:{line} imports {name} from {t}"
           for m, imps in GRAPH.items() for t, name, line in imps
           if name and name.startswith("_") and not name.startswith("__") and t != m]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_backend_never_imports_the_other(backend):
    others = [b for b in BACKENDS if b != backend]
    bad = [f"{backend}:{line} imports {t}" for t, _, line in GRAPH.get(backend, ()) if t in others]
    assert not bad, "\n".join(bad)


def test_the_walker_sees_the_project():
    """The checks above are only as good as the graph: it must know the real modules and edges."""
    assert "extractor.pipeline" in MODULES and "indexer.sqlite_backend" in MODULES
    assert any(t == "extractor.errors" for t, _, _ in GRAPH["extractor.load"])
