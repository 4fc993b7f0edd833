"""Mail to participants through a transactional outbox: messages.py (the kinds and how each is rendered), outbox.py
(queueing in the caller's transaction), delivery.py (sending with retries), tasks.py (the Celery task)."""
