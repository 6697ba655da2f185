"""SPARQL over an RDF file or a graph, with results as a table, CSV or JSON."""
