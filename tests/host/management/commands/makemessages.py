"""makemessages that never guesses: a changed English text comes out untranslated, not as a fuzzy near-match."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
