// A stand-in for @openimis/fe-core in unit tests: the same names, doing the least that lets our screens render.
const React = require("react");

function formatMessage(intl, module, id) {
  return intl.messages[`${module}.${id}`] !== undefined ? intl.formatMessage({ id: `${module}.${id}` }) : intl.formatMessage({ id });
}
function formatMessageWithValues(intl, module, id, values) {
  return intl.messages[`${module}.${id}`] !== undefined ? intl.formatMessage({ id: `${module}.${id}` }, values) : intl.formatMessage({ id }, values);
}

let mutationCounter = 0;
module.exports = {
  formatMessage,
  formatMessageWithValues,
  formatGQLString: (s) => s,
  baseApiUrl: "/api",
  journalize: (meta) => ({ type: "CORE_MUTATION_ADD", payload: meta }),
  graphql: (payload, type, meta) => ({ type: "TEST_GRAPHQL", payload, graphqlType: type, meta }),
  formatMutation: (operation, input, label) => {
    const clientMutationId = `cmid-${++mutationCounter}`;
    return { clientMutationId, payload: `mutation { ${operation}(input: { clientMutationId: "${clientMutationId}" clientMutationLabel: "${label}" ${input} }) { clientMutationId internalId } }` };
  },
  formatPageQueryWithCount: (entity, filters, projections) => `{ ${entity}(${(filters || []).join(",")}) { totalCount edges { node { ${projections.join(",")} } } } }`,
  parseData: (data) => (data ? data.edges.map((e) => e.node) : []),
  pageInfo: (data) => (data ? { totalCount: data.totalCount } : {}),
  formatServerError: (p) => ({ message: String(p) }),
  formatGraphQLError: (p) => (p && p.errors ? { message: "error" } : null),
  Helmet: () => null,
  ProgressOrError: ({ error }) => (error ? React.createElement("div", null, error.message) : null),
  PublishedComponent: () => null,
  useModulesManager: () => ({ getRef: () => null, getConf: (m, k, d) => d }),
  ConfirmDialog: ({ confirm, onConfirm }) =>
    confirm ? React.createElement("div", { role: "dialog" }, confirm.message, React.createElement("button", { onClick: () => onConfirm(true) }, "ok")) : null,
  MainMenuContribution: ({ entries }) => React.createElement("nav", null, entries.map((e) => React.createElement("a", { key: e.id, href: e.route }, e.text))),
  // The Searcher: fetches on mount and shows the headers and the formatted items, as fe-core's Table does.
  Searcher: function Searcher({ fetch, items, headers, itemFormatters, tableTitle, module }) {
    const { useIntl } = require("react-intl");
    const intl = useIntl();
    React.useEffect(() => {
      fetch([]);
    }, []);
    return React.createElement(
      "div",
      null,
      React.createElement("h2", null, tableTitle),
      React.createElement(
        "table",
        null,
        React.createElement("thead", null, React.createElement("tr", null, headers().map((h, i) => React.createElement("th", { key: i }, h ? formatMessage(intl, module, h) : "")))),
        React.createElement(
          "tbody",
          null,
          (items || []).map((item, r) => React.createElement("tr", { key: r }, itemFormatters().map((f, i) => React.createElement("td", { key: i }, f(item))))),
        ),
      ),
    );
  },
};
