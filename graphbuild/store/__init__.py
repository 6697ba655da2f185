"""Triple stores: an embedded on-disk store (pyoxigraph) and any SPARQL 1.1 server."""
