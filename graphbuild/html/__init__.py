"""The self-contained interactive page of a knowledge graph."""
