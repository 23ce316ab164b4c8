"""Enumerators (§5.3): cursors over the handler's items, read lazily page by page.

One `ItemSource` wraps the iterable enum_items returned and remembers what was read from it, so a
clone is an independent cursor at the same position without reading the source twice; reset asks
enum_items again for a fresh source. Every item read is kept in the catalog, by ID, for the
prepareForSync that follows."""

from __future__ import annotations

import itertools
from typing import Any, Callable, Dict, Iterable, Iterator, List, Tuple

from .structs import SyncItem
from .wire import item_to_wire


class ItemSource:
    def __init__(self, items: Iterable[SyncItem], catalog: Dict[str, SyncItem]) -> None:
        self._iterator: Iterator[SyncItem] = iter(items)
        self._read: List[Tuple[SyncItem, Dict[str, Any]]] = []
        self._exhausted = False
        self._catalog = catalog

    def item_at(self, index: int) -> Any:
        """The (item, wire form) at index, reading the source as far as needed; None past the end."""
        while len(self._read) <= index and not self._exhausted:
            try:
                item = next(self._iterator)
            except StopIteration:
                self._exhausted = True
                break
            wire = item_to_wire(item)  # raises HandlerSdkError for a bad item
            self._catalog[wire["itemId"]] = item
            self._read.append((item, wire))
        return self._read[index] if index < len(self._read) else None


class Cursor:
    def __init__(self, source: ItemSource, position: int = 0) -> None:
        self.source = source
        self.position = position

    def next_page(self, celt: int) -> List[Dict[str, Any]]:
        page = []
        while len(page) < celt:
            entry = self.source.item_at(self.position)
            if entry is None:
                break
            page.append(entry[1])
            self.position += 1
        return page

    def skip(self, celt: int) -> bool:
        """True when celt items were passed over, False when the list ended first."""
        for _ in range(celt):
            if self.source.item_at(self.position) is None:
                return False
            self.position += 1
        return True


class EnumeratorTable:
    """The live enumerators by ID; `open_source` calls enum_items and returns a fresh ItemSource."""

    def __init__(self, open_source: Callable[[], ItemSource]) -> None:
        self._open_source = open_source
        self._cursors: Dict[str, Cursor] = {}
        self._ids = itertools.count(1)

    def create(self, source: ItemSource) -> str:
        return self._add(Cursor(source))

    def get(self, enumerator_id: object) -> Any:
        return self._cursors.get(enumerator_id) if isinstance(enumerator_id, str) else None

    def reset(self, cursor: Cursor) -> None:
        cursor.source = self._open_source()
        cursor.position = 0

    def clone(self, cursor: Cursor) -> str:
        return self._add(Cursor(cursor.source, cursor.position))

    def release(self, enumerator_id: str) -> bool:
        return self._cursors.pop(enumerator_id, None) is not None

    def _add(self, cursor: Cursor) -> str:
        enumerator_id = f"e{next(self._ids)}"
        self._cursors[enumerator_id] = cursor
        return enumerator_id
