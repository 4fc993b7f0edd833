"""The participants' side: server-rendered pages anyone may open, without an openIMIS account (docs/public.md)."""
