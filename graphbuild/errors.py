"""The exceptions graphbuild raises for problems a user can fix.

Every message says what went wrong, where (file, line, option) and what to do.
The command line prints them as one ``Error: ...`` line, never as a traceback.
"""

from __future__ import annotations


class GraphbuildError(Exception):
    """Base class: a problem the user can act on."""

    exit_code = 1


class UsageError(GraphbuildError):
    """The command or call was given options that do not fit together or do not exist."""

    exit_code = 2


class InputError(GraphbuildError):
    """An input file or record could not be read."""


class ModelError(GraphbuildError):
    """No usable spaCy pipeline could be loaded."""


class PatternError(GraphbuildError):
    """A relation pattern or knowledge-base file is malformed."""


class QueryError(GraphbuildError):
    """A SPARQL query could not be parsed or run."""

    exit_code = 2


class OutputError(GraphbuildError):
    """An output could not be written."""
