"""RDF: the vocabulary, safe IRIs, the mapping from the graph, and serializers."""
