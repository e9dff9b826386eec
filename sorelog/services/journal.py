"""The journal every use case is handed: the store's one interface, named for the layers
above, so a command can hold an open journal without knowing the store or its backends."""

from sorelog.store.backend import Journal

__all__ = ["Journal"]
