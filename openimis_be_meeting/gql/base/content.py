"""The GraphQL fields of a text written in English and French (models/content.py): `<field>` in the caller's
language (the request's, as LocaleMiddleware sets it), falling back to the other; `<field>En` and `<field>Fr` as
written, which an editor reads before changing them through the inputs `<field>` and `<field>Fr`."""

import graphene

from ...models.content import in_language


def in_caller_language(field: str, what: str) -> graphene.String:
    return graphene.String(
        required=True,
        description=f"The {what} in the caller's language, else in the other one.",
        resolver=lambda obj, info: in_language(obj, field),
    )


def as_written_in_english(field: str, what: str) -> graphene.String:
    return graphene.String(
        required=True,
        description=f"The {what} as written in English (or the only text written); set through `{field}`.",
        resolver=lambda obj, info: getattr(obj, field),
    )
