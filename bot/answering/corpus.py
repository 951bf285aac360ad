"""What the sentence index holds: the one definition shared by the in-memory index
(``retrieval.MemorySentences``) and the index compiled at ingest (``bot.knowledge.index``).

Kept apart from the scoring in ``retrieval.py`` on purpose: the compiled index records a hash of
this module (with ``sections.py`` and ``segment.py``), so changing how sentences are cut or
tokenised recompiles it, while a change in scoring does not.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from bot.ingest.sections import sentences
from bot.knowledge.schema import DocumentKnowledge
from bot.segment import tokens

MIN_SENTENCE_CHARS = 6  # shorter "sentences" (headings' numbers, fragments) are not indexed


def sentence_rows(documents: Iterable[DocumentKnowledge]) -> Iterator[tuple[str, str, str, str, list[str]]]:
    """(doc, unit, section label, sentence, tokens) of every indexed sentence, in index order.

    The one definition of what the sentence index holds, shared by the in-memory build and the
    index compiled at ingest, so sentence ids and statistics are the same in both."""
    for doc in documents:
        for unit, label, s in sentence_texts(doc):
            yield doc.meta.doc, unit, label, s, tokens(s, search=True)


def sentence_texts(doc: DocumentKnowledge) -> Iterator[tuple[str, str, str]]:
    """(unit, section label, sentence) of a document's indexed sentences, in index order, not yet
    tokenised: how a sentence is cut depends on the words of every document (see
    ``compiler.vocabulary``), so the ingest cuts them only once all notices are built."""
    for section in doc.sections:
        label = " > ".join(section.path) or "正文"
        for s in sentences(section.text):
            if len(s) >= MIN_SENTENCE_CHARS:
                yield section.unit, label, s


def pair_wildcards(word: str) -> list[str]:
    """The wildcard keys of a word: a two-character Chinese word's ("部门" -> "_门", "部_": its
    one-character typos), a four-character one's halves' first characters ("少年儿童" -> "少_儿_":
    what "少儿" contracts); else none."""
    if not all("\u4e00" <= ch <= "\u9fff" for ch in word):
        return []
    if len(word) == 2:
        return [word[:i] + "_" + word[i + 1 :] for i in range(len(word))]
    if len(word) == 4:
        return [f"{word[0]}_{word[2]}_"]
    return []
