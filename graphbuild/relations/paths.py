"""A small path language over the dependency tree, used by relation patterns.

A path is steps separated by spaces, walked from the trigger word:

``dep``            down to children attached by ``dep`` (``nsubj|nsubjpass``: either)
``dep:lemma``      the same, only children with that lemma (``prep:of|at``)
``^dep``           up to the head, if this word is attached to it by ``dep``
``agent``          the doer of a verb: its subject, the ``by`` phrase of a passive,
                   or a subject inherited from the verb it depends on ('X plans to buy')
``patient``        what a verb acts on: its object, or the subject of a passive
``self``           the trigger word itself (an argument that is the trigger: 'the Chinese firm')
``presser``        whoever pressed for what a verb did: 'under pressure from', 'due to the
                   pressure of', 'at the request of' X
``step?``          the step is optional; ``step*`` repeats zero to three times

>>> parse_path("^xcomp* agent")
(('up', frozenset({'xcomp'}), None, '*'), ('agent', None, None, '1'))
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

MACROS = ("agent", "patient", "self", "presser")
Step = tuple[str, frozenset[str] | None, frozenset[str] | None, str]

#: Attachments through which a verb inherits the subject of the verb it depends on.
_INHERIT = ("xcomp", "conj", "advcl", "pcomp", "ccomp")


def parse_path(text: str) -> tuple[Step, ...]:
    steps = []
    for raw in text.split():
        quant = "1"
        if raw[-1] in "?*":
            raw, quant = raw[:-1], raw[-1]
        if raw in MACROS:
            steps.append((raw, None, None, quant))
            continue
        direction = "down"
        if raw.startswith("^"):
            direction, raw = "up", raw[1:]
        dep, _, lemma = raw.partition(":")
        if not dep or not dep.replace("|", "").replace("_", "").isalpha():
            raise ValueError(f"'{text}': step '{raw}' is not a dependency label, '^label', 'label:lemma' or {' / '.join(MACROS)}")
        deps = None if dep == "any" else frozenset(dep.split("|"))
        lemmas = frozenset(lemma.lower().split("|")) if lemma else None
        steps.append((direction, deps, lemmas, quant))
    if not steps:
        raise ValueError("an empty path")
    return tuple(steps)


def _lemma_ok(token: Token, lemmas: frozenset[str] | None) -> bool:
    return lemmas is None or token.lemma_.lower() in lemmas or token.lower_ in lemmas


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _governor(verb: Token) -> Token | None:
    """The verb this one depends on, for subject inheritance ('plans to acquire', 'cutting ties')."""
    if verb.dep_ in _INHERIT and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "pcomp" and head.pos_ == "ADP" and head.head.i != head.i:
            head = head.head
        return head
    return None


#: Verbs whose subject, not their object, does what their infinitive says ('promised investors to cut costs', 'used the event to unveil').
_SUBJECT_CONTROL = frozenset({"promise", "vow", "pledge", "threaten", "use"})


def _amount(token: Token) -> bool:
    """'paying £328m to buy X': a sum paid does not act."""
    before = token.doc[token.i - 1] if token.i > 0 else token
    return token.like_num or before.like_num or before.tag_ == "$" or any(t.tag_ == "$" for t in token.subtree)


def agent(verb: Token) -> list[Token]:
    current: Token | None = verb
    for _ in range(4):
        if current is None:
            return []
        if current.dep_ == "acl" and current.tag_ == "VBN" or is_passive(current):
            found = [g for c in current.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        else:
            found = [c for c in current.children if c.dep_ == "nsubj"]
        if found:
            return found
        if is_passive(current):
            return []  # 'Commodore filed for bankruptcy and was sold': the subject it shares is the one acted on
        if current.dep_ in ("acl", "relcl"):
            return [current.head]  # 'the company that bought X', 'firms making chips'
        if current.dep_ == "xcomp" and current.head.lemma_ not in _SUBJECT_CONTROL:
            # 'The US asked the WTO to investigate EU tariffs': the one asked does what follows.
            controller = [c for c in current.head.children if c.dep_ in ("dobj", "dative") and c.i < current.i and not _amount(c)]
            if controller:
                return controller
        current = _governor(current)
    return []


def patient(verb: Token) -> list[Token]:
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return [verb.head]  # 'the start-up acquired by Google'
    current: Token | None = verb
    for _ in range(3):
        if current is None:
            return []
        if is_passive(current):
            found = [c for c in current.children if c.dep_ == "nsubjpass"]
            if not found and current.dep_ == "conj":
                # 'Commodore filed for bankruptcy and was sold to Tulip': the shared subject is the one acted on
                found = [c for c in current.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        else:
            # 'fined Microsoft €497m': the small model often attaches the one acted on as a dative.
            found = [c for c in current.children if c.dep_ in ("dobj", "obj", "dative")]
        if found:
            return found
        if current.dep_ != "conj":
            return []
        current = current.head
    return []


#: 'under pressure from X', 'due to the pressure of X', 'at the request of X', from the verb.
_PRESSER_PATHS = (
    "prep:under|after|amid pobj:pressure prep:from|of pobj",
    "prep:due pobj:pressure prep:from|of pobj",
    "prep:at|on pobj:request|behest|urging|order prep:of pobj",
)


def presser(verb: Token) -> set[Token]:
    return {t for path in _PRESSER_STEPS for t in walk([verb], path)}


def _step(tokens: Iterable[Token], step: Step) -> set[Token]:
    kind, deps, lemmas, _ = step
    out: set[Token] = set()
    for token in tokens:
        if kind == "self":
            out.add(token)
        elif kind == "agent":
            out.update(agent(token))
        elif kind == "patient":
            out.update(patient(token))
        elif kind == "presser":
            out.update(presser(token))
        elif kind == "down":
            out.update(c for c in token.children if (deps is None or c.dep_ in deps) and _lemma_ok(c, lemmas))
        elif (deps is None or token.dep_ in deps) and token.head.i != token.i and _lemma_ok(token.head, lemmas):
            out.add(token.head)
    return out


def walk(start: Iterable[Token], path: tuple[Step, ...]) -> set[Token]:
    """The tokens reached from ``start`` by ``path``."""
    current = set(start)
    for step in path:
        quant = step[3]
        if quant == "1":
            current = _step(current, step)
        elif quant == "?":
            current = current | _step(current, step)
        else:
            frontier, reached = current, set(current)
            for _ in range(3):
                frontier = _step(frontier, step) - reached
                if not frontier:
                    break
                reached |= frontier
            current = reached
        if not current:
            break
    return current


_PRESSER_STEPS = tuple(parse_path(p) for p in _PRESSER_PATHS)
