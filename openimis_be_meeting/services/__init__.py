from .events import EventService

__all__ = ["EventService"]
