"""Build the seed graph with the Python API, ask it a question and write its outputs.

Run from the repository root:  python examples/quickstart.py [OUTPUT_DIR]
"""

import sys
from pathlib import Path

import graphbuild

HERE = Path(__file__).resolve().parent
out = Path(sys.argv[1] if len(sys.argv) > 1 else "out-quickstart")

kg = graphbuild.build([HERE / "articles"])
print(kg)

# Who runs which company, with the sentence that says so.
for s, o, data in kg.graph.edges(data=True):
    if data["predicate"] == "ceoOf":
        person, company = kg.graph.nodes[s]["label"], kg.graph.nodes[o]["label"]
        print(f"{person} is CEO of {company}: “{data['evidence'][0]['sentence']}”")

# The same question in SPARQL.
for row in kg.query("SELECT ?name WHERE { ?p tk:ceoOf id:xiaomi ; rdfs:label ?name }"):
    print("SPARQL:", row.name)

kg.serialize(out / "graph.ttl")
kg.to_html(out / "graph.html")
print("wrote", out / "graph.ttl", "and", out / "graph.html")
