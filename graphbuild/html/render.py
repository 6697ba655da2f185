"""Render the knowledge graph as one self-contained HTML file.

vis-network (JavaScript and CSS) is inlined from the copy the installed pyvis
package ships: the page makes no request to any host.  Article text reaches
the page only as JSON inside a ``<script type="application/json">`` block
(escaped by Jinja's ``tojson``) and is shown with ``textContent``: names and
sentences cannot run code or break the markup.
"""

from __future__ import annotations

import html
import math
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..errors import UsageError
from ..graph.algorithms import ego_network, top_connected
from ..io.writers import atomic_write
from ..relations.schema import fitting_subtype, load_schema
from .layout import communities, compute_layout
from .style import COMMUNITY_COLOURS, COMMUNITY_FALLBACK, EDGE_COLOURS, EDGE_FALLBACK, NODE_STYLE, STATUS_STYLE

if TYPE_CHECKING:  # pragma: no cover
    from ..graph.model import KnowledgeGraph

#: Above this many nodes the page shows the best-connected part only.
DEFAULT_MAX_NODES = 5000
#: From this many drawn entities on, those without any fact are hidden until the reader asks for them.
HIDE_FACTLESS_FROM = 150
#: How many of the best-connected entities the page lists for a reader to start from.
TOP_LISTED = 15
TEMPLATE_DIR = Path(__file__).parent


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """vis-network's JavaScript and CSS from the installed pyvis package."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib"
    candidates = sorted(lib.glob("vis-*/vis-network.min.js"), key=lambda p: [int(x) for x in p.parent.name[4:].split(".")])
    if not candidates:
        raise UsageError("The installed pyvis package ships no vis-network; reinstall it with 'pip install pyvis==0.3.2'.")
    js = candidates[-1]
    return js.read_text(encoding="utf-8"), (js.parent / "vis-network.css").read_text(encoding="utf-8")


def _select(kg: "KnowledgeGraph", max_nodes: int, focus: str | None, depth: int) -> tuple[list[str], str | None]:
    graph = kg.graph
    if focus is not None:
        from ..graph.model import find_entity

        center = find_entity(kg, focus)
        keys = ego_network(graph, center, depth)
        note = f"Showing the {len(keys)} entities within {depth} hop{'s' if depth != 1 else ''} of {graph.nodes[center]['label']}."
        if len(keys) > max_nodes:
            keys = keys[:max_nodes]
            note += f" Only the nearest {max_nodes} are drawn."
        return keys, note
    if graph.number_of_nodes() <= max_nodes:
        return list(graph.nodes), None
    keys = top_connected(graph, max_nodes)
    hidden = graph.number_of_nodes() - len(keys)
    return keys, (
        f"This graph has {graph.number_of_nodes()} entities; the {len(keys)} best connected are shown and {hidden} are hidden. "
        "To see others, search for an entity and render its neighbourhood: "
        "graphbuild html GRAPH --focus \"NAME\" --depth 2, or raise --max-nodes."
    )


def page_data(kg: "KnowledgeGraph", *, max_nodes: int = DEFAULT_MAX_NODES, focus: str | None = None, depth: int = 1, title: str | None = None) -> dict[str, Any]:
    """Everything the page shows, as plain JSON-ready data."""
    if max_nodes < 1:
        raise UsageError(f"--max-nodes must be at least 1, got {max_nodes}.")
    schema = load_schema()
    keys, note = _select(kg, max_nodes, focus, depth)
    shown = set(keys)
    drawn = kg.graph.subgraph(keys)
    degree = {k: sum(1 for s, o in drawn.edges(k) if s != o) + sum(1 for s, o in drawn.in_edges(k) if s != o) for k in keys}
    positions = compute_layout(kg.graph, keys)
    community = communities(kg.graph, keys)
    nodes = []
    for key in keys:
        data = kg.graph.nodes[key]
        colour, shape = NODE_STYLE.get(data["type"], ("#475569", "dot"))
        group = community.get(key)
        nodes.append(
            {
                "id": key,
                "label": data["label"],
                "type": data["type"],
                "subtype": fitting_subtype(data.get("subtype"), data["type"]),
                "aliases": data["aliases"],
                "qid": data.get("qid"),
                "mentions": data["mentions"],
                "articles": data["articles"],
                "title": _node_tooltip(data),
                "color": colour,
                "shape": shape,
                "size": round(10 + 4 * math.sqrt(max(1, data["mentions"])), 1),
                "x": positions[key][0],
                "y": positions[key][1],
                "facts": degree[key],
                "community": group,
                "communityColor": COMMUNITY_COLOURS[group] if group is not None and group < len(COMMUNITY_COLOURS) else COMMUNITY_FALLBACK,
            }
        )
    edges = []
    for n, (s, o, key, data) in enumerate(sorted(kg.graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))):
        if s not in shown or o not in shown:
            continue
        predicate, status = data["predicate"], data["status"]
        spec = schema.get(predicate)
        dashes, opacity = STATUS_STYLE.get(status, (False, 1.0))
        edges.append(
            {
                "id": f"e{n}",
                "from": s,
                "to": o,
                "predicate": predicate,
                "label": predicate if status == "asserted" else f"{predicate} ({status})",
                "status": status,
                "confidence": data["confidence"],
                "symmetric": bool(spec and spec.symmetric),
                "evidence": data["evidence"],
                "title": _edge_tooltip(kg, s, o, data),
                "dashes": dashes,
                "opacity": opacity,
                "color": EDGE_COLOURS.get(predicate, EDGE_FALLBACK),
            }
        )
    stats = kg.stats()
    ranked = sorted(keys, key=lambda k: (-degree[k], -kg.graph.nodes[k]["mentions"], kg.graph.nodes[k]["label"]))
    factless = sum(1 for k in keys if degree[k] == 0)
    return {
        "title": title or "graphbuild knowledge graph",
        "stats": stats,
        "note": note,
        "documents": kg.documents,
        "nodes": nodes,
        "edges": edges,
        "types": {t: {"color": c, "shape": s} for t, (c, s) in NODE_STYLE.items()},
        "relations": {p: EDGE_COLOURS.get(p, EDGE_FALLBACK) for p in sorted({e["predicate"] for e in edges})},
        "statuses": list(STATUS_STYLE),
        "top": [k for k in ranked[:TOP_LISTED] if degree[k] > 0],
        "ranked": ranked,  # label priority: the best-connected entities are named at the opening zoom
        "factless": factless,
        "hideFactless": len(keys) >= HIDE_FACTLESS_FROM and factless > 0,
        "communities": len(set(community.values())),
    }


def _node_tooltip(data: dict[str, Any]) -> str:
    kind = fitting_subtype(data.get("subtype"), data["type"])
    lines = [f"{data['label']} ({kind + ', ' if kind else ''}{data['type']})"]
    if data["aliases"]:
        lines.append("Also: " + ", ".join(data["aliases"][:8]))
    if data.get("qid"):
        lines.append(f"Wikidata: {data['qid']}")
    lines.append(f"Mentioned {data['mentions']} times in {len(data['articles'])} article(s)")
    return "\n".join(lines)


def _edge_tooltip(kg: "KnowledgeGraph", s: str, o: str, data: dict[str, Any]) -> str:
    label = kg.graph.nodes
    first = data["evidence"][0]["sentence"] if data["evidence"] else ""
    if len(first) > 200:
        first = first[:197] + "..."
    return (
        f"{label[s]['label']} {data['predicate']} {label[o]['label']}\n"
        f"status: {data['status']}, confidence {data['confidence']:.2f}, {len(data['evidence'])} evidence sentence(s)\n"
        f"“{first}”"
    )


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(["html", "j2"]), keep_trailing_newline=True)


def render_html(kg: "KnowledgeGraph", **options: Any) -> str:
    js, css = vis_assets()
    data = page_data(kg, **options)
    template = _environment().get_template("page.html.j2")
    return template.render(data=data, title=data["title"], vis_js=js, vis_css=css)


def write_html(kg: "KnowledgeGraph", path: Path, **options: Any) -> Path:
    text = render_html(kg, **options)
    with atomic_write(path) as handle:
        handle.write(text)
    return path


def notebook_iframe(kg: "KnowledgeGraph", height: int = 640) -> str:
    """The page inside an iframe, so several graphs can share one notebook."""
    page = render_html(kg)
    return f'<iframe srcdoc="{html.escape(page, quote=True)}" style="width:100%;height:{int(height)}px;border:0" sandbox="allow-scripts"></iframe>'

