"""Counting matches into precision, recall and F1, per relation and micro-averaged."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    skipped: int = 0  # gold facts of a relation graphbuild does not extract

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Report:
    """Scores per relation plus the misses and false facts behind them."""

    per_relation: dict[str, Score] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_facts: list[dict[str, Any]] = field(default_factory=list)

    def count(self, relation: str, kind: str, n: int = 1) -> None:
        score = self.per_relation.setdefault(relation, Score())
        setattr(score, kind, getattr(score, kind) + n)

    @property
    def scored(self) -> dict[str, Score]:
        return {k: v for k, v in self.per_relation.items() if v.tp + v.fp + v.fn}

    @property
    def skipped(self) -> dict[str, int]:
        """Relations of the gold set left out of the score, with their gold counts."""
        return {k: v.skipped for k, v in sorted(self.per_relation.items()) if v.skipped and not v.tp + v.fp + v.fn}

    @property
    def micro(self) -> Score:
        total = Counter()
        for s in self.scored.values():
            total["tp"] += s.tp
            total["fp"] += s.fp
            total["fn"] += s.fn
        return Score(total["tp"], total["fp"], total["fn"])

    def table(self) -> str:
        rows = [("relation", "P", "R", "F1", "TP", "FP", "FN")]
        for name in sorted(self.scored):
            s = self.per_relation[name]
            rows.append((name, f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.f1:.2f}", str(s.tp), str(s.fp), str(s.fn)))
        m = self.micro
        rows.append(("micro", f"{m.precision:.2f}", f"{m.recall:.2f}", f"{m.f1:.2f}", str(m.tp), str(m.fp), str(m.fn)))
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        return "\n".join("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))) for r in rows)

    def to_dict(self) -> dict[str, Any]:
        return {
            "micro": self.micro.to_dict(),
            "per_relation": {k: v.to_dict() for k, v in sorted(self.scored.items())},
            "not_extracted": self.skipped,
            "misses": self.misses,
            "false_facts": self.false_facts,
        }
