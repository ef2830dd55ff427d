"""Decoding JSON objects into the generated dataclasses (_schema.py)."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from enum import Enum
from typing import Any, ClassVar, Dict, Optional, Tuple, Type, TypeVar

T = TypeVar("T", bound="Model")


@dataclass
class Model:
    # GraphQL field name -> (attribute name, name of the class its value decodes to, or None for plain JSON)
    _graphql: ClassVar[Dict[str, Tuple[str, Optional[str]]]] = {}

    @classmethod
    def from_dict(cls: Type[T], data: Dict[str, Any]) -> T:
        """Builds the dataclass from a response object; fields the query did not select stay None."""
        module = sys.modules[cls.__module__]
        values: Dict[str, Any] = {}
        for key, value in data.items():
            entry = cls._graphql.get(key)
            if entry is None:
                continue  # a field newer than this SDK: ignored, so old clients keep working
            attribute, class_name = entry
            values[attribute] = _decode(value, getattr(module, class_name) if class_name else None)
        return cls(**values)


def _decode(value: Any, target: Any) -> Any:
    if value is None or target is None:
        return value
    if isinstance(value, list):
        return [_decode(v, target) for v in value]
    if isinstance(target, type) and issubclass(target, Enum):
        try:
            return target(value)
        except ValueError:
            return value  # an enum value added after this SDK was generated
    if isinstance(target, type) and issubclass(target, Model):
        return target.from_dict(value)
    return value
