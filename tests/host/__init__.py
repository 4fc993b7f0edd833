# Load the Celery app with Django, so that core's shared tasks are sent through it (as the assembly's __init__ does).
from .celery import app as celery_app

__all__ = ("celery_app",)
