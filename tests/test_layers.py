"""The package's layers: no import cycle, and no import that runs back up a layer.

Read from the source (ast), so that an import inside a function counts as much as one at the top.
The layers, lowest first; a module may import its own sub-package and the layers listed below it:

    core      catalog.problems, catalog.messages, catalog.keys, catalog.workers
    content   files -> validated model              (core)
    writing   outputs -> files on disk, atomically  (core)
    site      model -> outputs (pages, data files)  (core, content, writing)
    search    model -> Pagefind bundles             (core, content, writing, site)
    driver    catalog.build, catalog.cache          (all of the above)
    tools     serve, links, github, intake, ...     (all of the above)
    cli       catalog.cli, catalog.commands     (everything)
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "catalog"

LAYERS = {
    "core": set(),
    "content": {"core"},
    "writing": {"core"},
    "site": {"core", "content", "writing"},
    "search": {"core", "content", "writing", "site"},
    "driver": {"core", "content", "writing", "site", "search"},
    "tools": {"core", "content", "writing", "site", "search", "driver"},
    "cli": {"core", "content", "writing", "site", "search", "driver", "tools"},
}
TOP_LEVEL = {"problems": "core", "messages": "core", "keys": "core", "workers": "core", "safe_files": "core", "leftovers": "driver",
             "build": "driver", "cache": "driver", "cli": "cli", "commands": "cli", "__main__": "cli", "__init__": "core"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "core"
    if parts[1] in LAYERS:
        return parts[1]
    return TOP_LEVEL[parts[1]]


def imports_of(path: Path) -> set[str]:
    """The catalog modules a file imports, anywhere in it (relative imports resolved)."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == "catalog"}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            if base.split(".")[0] != "catalog":
                continue
            for alias in node.names:  # `from catalog.site import render` imports the module catalog.site.render
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in MODULES else base)
    return found - {module}


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {module: imports_of(path) for module, path in MODULES.items()}


def test_every_module_has_a_layer():
    assert {module: layer_of(module) for module in MODULES}  # raises KeyError for a module without one


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    found = []
    for module, imported in sorted(graph.items()):
        mine = layer_of(module)
        for other in sorted(imported):
            theirs = layer_of(other)
            if theirs != mine and theirs not in LAYERS[mine]:
                found.append(f"{module} ({mine}) imports {other} ({theirs})")
    return found


def cycles(graph: dict[str, set[str]]) -> list[str]:
    found = []
    state: dict[str, int] = {}  # 1 on the path being walked, 2 done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for other in sorted(graph.get(module, ())):
            if state.get(other) == 1:
                found.append(" -> ".join(path[path.index(other):] + [other]))
            elif other not in state:
                visit(other, path + [other])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    return found


def test_no_import_runs_up_a_layer():
    assert upward_imports(GRAPH) == []


def test_no_import_cycle():
    assert cycles(GRAPH) == []


def test_the_checks_see_an_upward_import_and_a_cycle():
    made_up = {"catalog.writing.output": {"catalog.site.render"}, "catalog.site.render": {"catalog.site.pages"},
               "catalog.site.pages": {"catalog.site.render"}}
    assert upward_imports(made_up) == ["catalog.writing.output (writing) imports catalog.site.render (site)"]
    assert cycles(made_up) == ["catalog.site.pages -> catalog.site.render -> catalog.site.pages"]
    assert "catalog.content.model" in GRAPH["catalog.content.schema"]  # the walk resolves `from catalog.x import y`
