"""The loaded knowledge: all notices' facts, indexed for lookup, never mutated.

A reload builds a whole new Knowledge and swaps one reference, so a question in
flight sees either the old or the new one, never half of each.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.knowledge.schema import DeadlineFact, DocumentKnowledge, DocumentMeta, Fact, Unit

if TYPE_CHECKING:  # the answering core defines the interfaces; it imports this module
    from bot.answering.retrieval import FactStore, SentenceStore


@dataclass(frozen=True)
class UnitRef:
    """A unit of a document together with the document's metadata."""

    meta: DocumentMeta
    unit: Unit
    #: (doc, unit): scoping a question of all notices reads it for every unit. Set when made, not a
    #: ``cached_property``, whose first read takes a lock (0.25 s of a start at 10,000 notices).
    key: tuple[str, str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", (self.meta.doc, self.unit.key))


@dataclass(frozen=True)
class Knowledge:
    documents: dict[str, DocumentKnowledge] = field(default_factory=dict)

    @classmethod
    def of(cls, docs: Iterable[DocumentKnowledge]) -> Knowledge:
        return cls({d.meta.doc: d for d in sorted(docs, key=lambda d: d.meta.doc)})

    def compiled(self) -> tuple[FactStore, SentenceStore] | None:
        """The (fact store, sentence store) of a compiled index backing this knowledge, or None:
        the answering index is then built in memory (see ``bot.answering.retrieval.Index``)."""
        return None

    @property
    def facts(self) -> list[Fact]:
        return [f for d in self.documents.values() for f in d.facts]

    def units(self) -> list[UnitRef]:
        return [UnitRef(d.meta, u) for d in self.documents.values() for u in d.meta.units]

    def metas(self) -> Mapping[str, DocumentMeta]:
        """Each notice's metadata by id, in the documents' order: what listings (/help,
        /sources) read, without the documents (a compiled index decodes each one read)."""
        return {doc: d.meta for doc, d in self.documents.items()}

    def unit(self, doc: str, key: str) -> UnitRef | None:
        d = self.documents.get(doc)
        if d is None:
            return None
        return next((UnitRef(d.meta, u) for u in d.meta.units if u.key == key), None)

    def section_text(self, doc: str, section: str) -> str | None:
        d = self.documents.get(doc)
        if d is None:
            return None
        for s in d.sections:
            if " > ".join(s.path) == section or (not s.path and section == "正文"):
                return s.text
        # a unit label or a parent section: everything below it
        parts = [s.text for s in d.sections if " > ".join(s.path).startswith(section)]
        return "\n".join(parts) if parts else None

    def deadlines(self) -> list[tuple[DocumentMeta, DeadlineFact]]:
        out = [(d.meta, f) for d in self.documents.values() for f in d.facts
               if isinstance(f, DeadlineFact)]
        return sorted(out, key=lambda x: x[1].date)
