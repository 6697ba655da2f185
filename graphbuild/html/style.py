"""Colours, shapes and line styles of the page: one place to restyle it."""

from __future__ import annotations

#: Entity type -> (colour, vis-network shape).
NODE_STYLE = {
    "Company": ("#2563eb", "dot"),
    "Organization": ("#0891b2", "dot"),
    "GovernmentBody": ("#dc2626", "diamond"),
    "Person": ("#16a34a", "triangle"),
    "Product": ("#d97706", "square"),
    "Place": ("#7c3aed", "star"),
}

#: Relation -> edge colour (relations not listed get the fallback).
EDGE_COLOURS = {
    "ceoOf": "#15803d",
    "founderOf": "#4d7c0f",
    "chairmanOf": "#166534",
    "employeeOf": "#65a30d",
    "partnersWith": "#0284c7",
    "competesWith": "#ea580c",
    "bannedBy": "#b91c1c",
    "regulatedBy": "#be123c",
    "sues": "#9f1239",
    "acquired": "#7e22ce",
    "subsidiaryOf": "#6d28d9",
    "investsIn": "#a21caf",
    "suppliesTo": "#0e7490",
    "makesProduct": "#b45309",
    "usesComponent": "#a16207",
    "headquarteredIn": "#6b21a8",
    "operatesIn": "#7c3aed",
}
EDGE_FALLBACK = "#64748b"

#: Status -> dash pattern (False: solid) and opacity: facts the text does not assert look different.
STATUS_STYLE = {
    "asserted": (False, 1.0),
    "reported": ([2, 5], 0.9),
    "planned": ([8, 6], 0.6),
    "ended": ([4, 4], 0.45),
    "negated": ([1, 6], 0.35),
}

#: Colours of the largest communities when the page colours by community (the rest share the last).
COMMUNITY_COLOURS = [
    "#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2",
    "#db2777", "#65a30d", "#ea580c", "#4f46e5", "#0d9488", "#a16207",
]
COMMUNITY_FALLBACK = "#94a3b8"
