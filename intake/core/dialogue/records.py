"""From the answers on a visit's path to the spec's intake record, through each `maps_to`.

List fields are built item by item: a multi-select creates one item per chosen option
(`interventions[].type`), a `for_each_selected` question fills that option's item
(`interventions[].status`), a repeat group fills the item with its number (`children[].age`).
An item missing a required field (a child whose age was never given) is left out rather than
invented.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from intake.core.dialogue.api import QuestionKind
from intake.core.dialogue.model import Question
from intake.core.record import IntakeRecord


def _item_model(list_path: str) -> type[BaseModel]:
    model: type[BaseModel] = IntakeRecord
    annotation: object = None
    for name in list_path.split("."):
        annotation = model.model_fields[name].annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
    item = typing.get_args(annotation)[0]
    if not (isinstance(item, type) and issubclass(item, BaseModel)):  # pragma: no cover
        raise TypeError(f"{list_path} is not a list of items")  # the loader checked maps_to
    return item


def _required(list_path: str) -> set[str]:
    model = _item_model(list_path)
    return {name for name, info in model.model_fields.items() if info.is_required()}


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    node = data
    for name in parents:
        node = node.setdefault(name, {})
    node[last] = value


def build_record(
    answered: Iterable[tuple[Question, int | None, Any]], *, receiving: str, today: dt.date
) -> IntakeRecord:
    """`answered`: (question, item number in its repeat group, value) for each answer given."""
    data: dict[str, Any] = {}
    lists: dict[str, dict[object, dict[str, Any]]] = {}
    for question, index, value in answered:
        path = question.maps_to
        if path is None or value is None:
            continue
        if "[]." not in path:
            _put(data, path, value)
            continue
        list_path, field = path.split("[].", 1)
        items = lists.setdefault(list_path, {})
        if question.kind is QuestionKind.MULTI:
            chosen = [str(v) for v in value] if isinstance(value, list) else []
            for key in list(items):
                if key not in chosen:
                    del items[key]
            for key in chosen:
                items.setdefault(key, {})[field] = key
        elif question.option_key is not None:
            if question.option_key in items:
                items[question.option_key][field] = value
        else:
            items.setdefault(index, {})[field] = value
    for list_path, items in lists.items():
        required = _required(list_path)
        _put(data, list_path, [item for item in items.values() if required <= set(item)])
    return IntakeRecord.parse(data, receiving=receiving, today=today)
