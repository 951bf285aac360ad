"""The one place that reads and writes knowledge YAML.

Files are validated on load; an invalid one is an error that names the file and
the field, because a silently skipped notice is a wrong "not found" later.
Hand-made corrections live in ``corrections/`` beside the generated files and
are applied on load, so re-running ingest never overwrites them.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from pathlib import Path

import yaml
from pydantic import ValidationError

from bot.knowledge import Knowledge
from bot.knowledge.schema import Correction, DocumentKnowledge
from bot.knowledge.swap import recover

logger = logging.getLogger(__name__)

CORRECTIONS_DIR = "corrections"


class KnowledgeError(Exception):
    """The knowledge folder cannot be loaded; the message says which file and field."""


# libyaml's emitter when present: 5x faster than PyYAML's (3.3 vs 16.9 ms for a seed notice) and
# byte-identical on the seeds, on synthetic notices (scripts/ingest_benchmark.py checks) and on 40,000
# random strings — except for two kinds of character it escapes where PyYAML writes them as they are:
# those beyond the BMP (emoji, CJK extension B names such as 𠀀) and U+0085. A document holding one
# is written by PyYAML's emitter, so the bytes never depend on which emitter is installed.
_C_EMITTER_DIFFERS = re.compile("[\U00010000-\U0010FFFF\x85]")
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc,valid-type]
    pass


class _PureDumper(yaml.SafeDumper):
    """PyYAML's own emitter: the reference the C one is checked against."""


def _str_presenter(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str_presenter)
_PureDumper.add_representer(str, _str_presenter)


def _holds(data: object, pattern: re.Pattern[str]) -> bool:
    """Whether a string of ``data`` (JSON-like: dicts, lists, strings, numbers) holds ``pattern``,
    a character class of characters that JSON leaves as they are (not a quote, a backslash or a
    control character): searched in its JSON text, where every string stands as it is between
    ASCII punctuation — one C-speed pass instead of a generator walking ~1,000 strings a notice."""
    return pattern.search(json.dumps(data, ensure_ascii=False)) is not None


def dump_document(doc: DocumentKnowledge, *, pure: bool = False) -> str:
    """Deterministic YAML: same knowledge, same bytes (``pure``: with PyYAML's emitter)."""
    data = doc.model_dump(mode="json", exclude_defaults=False)
    if not pure:
        try:
            return yaml.emit(_document_events(data), Dumper=_Dumper, allow_unicode=True, width=YAML_WIDTH)
        except _NotPlainData:  # a character libyaml escapes, or data the events leave to yaml.dump
            pure = _holds(data, _C_EMITTER_DIFFERS)
    return _dump(data, _PureDumper if pure else _Dumper)


YAML_WIDTH = 100  # lines of plain text are folded beyond this many characters


def _dump(data: object, dumper: type[yaml.SafeDumper]) -> str:
    """PyYAML's own way: a node per value (representer), then the events (serializer)."""
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=YAML_WIDTH)


class _NotPlainData(Exception):
    """A value ``_document_events`` does not write as ``yaml.dump`` would (a float, an object
    twice) or a character libyaml escapes: the document is dumped the PyYAML way."""


_STR, _INT, _BOOL, _NULL = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "bool", "null"))
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_PLAIN, _TAGGED = (True, True), (False, True)  # a string's ``implicit``: its tag left out, or written


def _document_events(data: object) -> list[yaml.Event]:
    """The events ``yaml.dump(data, Dumper=_Dumper, sort_keys=False)`` hands its emitter, made
    straight from JSON-like data (dicts, lists, strings, integers, booleans, None).

    Why: PyYAML builds a node per value and then walks the nodes again to make these events, in
    Python: ~2 of the ~4 ms a notice's YAML took. The events are the same, so the bytes are too
    (tests compare them with ``yaml.dump``'s on every seed and on edge cases). A string is plain
    (no tag written) unless an implicit resolver of the dumper would read it back as something
    else ("2024", "true", "~"): the serializer's test. A document repeats many strings (its keys,
    its id, its units), so each distinct one's event is made once and emitted again (emitters
    only read events).
    """
    resolvers = _Dumper.yaml_implicit_resolvers
    anywhere = resolvers.get(None, [])
    scalars: dict[str, yaml.ScalarEvent] = {}
    seen: set[int] = set()  # a dict or list met twice is an alias in yaml.dump: not written here
    out: list[yaml.Event] = [yaml.StreamStartEvent(), yaml.DocumentStartEvent(explicit=None, version=None, tags=None)]
    append = out.append

    def scalar(value: str) -> yaml.ScalarEvent:
        if _C_EMITTER_DIFFERS.search(value):
            raise _NotPlainData  # PyYAML's emitter writes it (see ``_C_EMITTER_DIFFERS``)
        candidates = resolvers.get(value[0] if value else "", []) + anywhere
        plain = not any(regexp.match(value) for _tag, regexp in candidates)
        event = scalars[value] = yaml.ScalarEvent(None, _STR, _PLAIN if plain else _TAGGED, value,
                                                  style="|" if "\n" in value else None)
        return event

    def walk(value: object) -> None:
        kind = type(value)
        if kind is str:
            append(scalars.get(value) or scalar(value))  # type: ignore[arg-type]
        elif kind is dict or kind is list:
            if id(value) in seen:
                raise _NotPlainData
            seen.add(id(value))
            if kind is dict:
                append(yaml.MappingStartEvent(None, _MAP, True, flow_style=False))
                for key, item in value.items():  # type: ignore[attr-defined]
                    if type(key) is str:
                        append(scalars.get(key) or scalar(key))
                    else:
                        walk(key)
                    if type(item) is str:
                        append(scalars.get(item) or scalar(item))
                    else:
                        walk(item)
                append(yaml.MappingEndEvent())
            else:
                append(yaml.SequenceStartEvent(None, _SEQ, True, flow_style=False))
                for item in value:  # type: ignore[attr-defined]
                    walk(item)
                append(yaml.SequenceEndEvent())
        elif kind is bool:
            append(yaml.ScalarEvent(None, _BOOL, (True, False), "true" if value else "false"))
        elif kind is int:
            append(yaml.ScalarEvent(None, _INT, (True, False), str(value)))
        elif value is None:
            append(yaml.ScalarEvent(None, _NULL, (True, False), "null"))
        else:
            raise _NotPlainData

    walk(data)
    out += [yaml.DocumentEndEvent(explicit=None), yaml.StreamEndEvent()]
    return out


def _describe(path: Path, err: ValidationError) -> str:
    first = err.errors()[0]
    where = ".".join(str(x) for x in first["loc"])
    return f"{path}: field '{where}': {first['msg']}"


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 5x faster


def _read_yaml(path: Path) -> object:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (safe loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"{path}: cannot read YAML: {exc}") from exc


def parse_document(text: str, where: str) -> DocumentKnowledge:
    """A document from YAML text in memory (an ingest's output not yet written)."""
    try:
        return DocumentKnowledge.model_validate(yaml.load(text, Loader=_Loader))  # noqa: S506 (safe loader)
    except (yaml.YAMLError, ValidationError) as exc:
        raise KnowledgeError(f"{where}: {exc}") from exc


def load_document(path: Path) -> DocumentKnowledge:
    try:
        return DocumentKnowledge.model_validate(_read_yaml(path))
    except ValidationError as err:
        raise KnowledgeError(_describe(path, err)) from err


def load_corrections(folder: Path) -> list[Correction]:
    out: list[Correction] = []
    for path in sorted((folder / CORRECTIONS_DIR).glob("*.yaml")):
        data = _read_yaml(path)
        items = data if isinstance(data, list) else [data]
        for item in items:
            try:
                out.append(Correction.model_validate(item))
            except ValidationError as err:
                raise KnowledgeError(_describe(path, err)) from err
    return out


def apply_corrections(doc: DocumentKnowledge, corrections: list[Correction]) -> DocumentKnowledge:
    """Corrections take precedence over extraction: drop, replace by id, add, override meta."""
    mine = [c for c in corrections if c.doc == doc.meta.doc]
    if not mine:
        return doc
    facts = list(doc.facts)
    meta = doc.meta.model_dump()
    for c in mine:
        replaced = {f.id: f.model_copy(update={"source": "correction"}) for f in c.replace}
        facts = [replaced.get(f.id, f) for f in facts if f.id not in c.drop]
        facts += [f.model_copy(update={"source": "correction"}) for f in c.add]
        meta.update(c.meta)
    return doc.model_copy(update={"facts": facts, "meta": type(doc.meta).model_validate(meta)})


def load_knowledge(folder: Path) -> Knowledge:
    """The one place knowledge is loaded; an interrupted swap is finished or undone first."""
    for action in recover(folder):
        logger.warning("knowledge folder: %s", action)
    if not folder.is_dir():
        raise KnowledgeError(f"{folder}: no such knowledge folder (run `campaignbot ingest`)")
    corrections = load_corrections(folder)
    docs = [apply_corrections(load_document(p), corrections) for p in sorted(folder.glob("*.yaml"))]
    known = {d.meta.doc for d in docs}
    for c in corrections:
        if c.doc not in known:
            raise KnowledgeError(f"{folder / CORRECTIONS_DIR}: correction for unknown notice '{c.doc}'")
    return Knowledge.of(docs)


def with_corrections(knowledge: Knowledge, folder: Path) -> Knowledge:
    """Apply the corrections kept in ``folder`` to freshly built knowledge.

    A correction for a notice that is no longer there is an error now, not at the next start.
    """
    corrections = load_corrections(folder) if folder.is_dir() else []
    unknown = sorted({c.doc for c in corrections} - knowledge.documents.keys())
    if unknown:
        raise KnowledgeError(f"{folder / CORRECTIONS_DIR}: correction for unknown notice '{unknown[0]}'")
    return Knowledge.of(apply_corrections(d, corrections) for d in knowledge.documents.values())


def open_knowledge(folder: Path) -> Knowledge:
    """The knowledge to answer from: the folder's compiled index (opened in milliseconds, read as
    questions need it) when it is current; else the YAML is loaded and compiled into the folder
    first, so an existing folder, or one whose YAML or corrections were edited by hand, just works.
    A folder that cannot be written is answered from memory (as before the index existed)."""
    from bot.knowledge.index import fingerprint, open_compiled, write_index

    for action in recover(folder):
        logger.warning("knowledge folder: %s", action)
    if folder.is_dir():
        compiled = open_compiled(folder)
        if compiled is not None:
            return compiled
    before = fingerprint(folder) if folder.is_dir() else ""
    knowledge = load_knowledge(folder)
    try:
        write_index(knowledge, folder, before)
    except (OSError, sqlite3.Error) as exc:
        logger.warning("knowledge index not written (%s): answering from memory", exc)
        return knowledge
    return open_compiled(folder) or knowledge
