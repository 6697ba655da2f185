"""Reading inputs into :class:`~graphbuild.records.Document` and writing outputs safely."""
