"""The schema aggregated the way the openIMIS assembly does it: every module's Query and Mutation merged."""

import graphene

MODULES = ("core", "location", "openimis_be_meeting")

queries, mutations = [], []
for name in MODULES:
    module = __import__(f"{name}.schema").schema
    if hasattr(module, "Query"):
        queries.append(module.Query)
    if getattr(module, "Mutation", None):
        mutations.append(module.Mutation)
    if hasattr(module, "bind_signals"):
        module.bind_signals()


class Query(*queries, graphene.ObjectType):
    node = graphene.relay.Node.Field()


class Mutation(*mutations, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation)
