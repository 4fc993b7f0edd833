const React = require("react");
const { render } = require("@testing-library/react");
const { Provider } = require("react-redux");
const { IntlProvider } = require("react-intl");
const { MemoryRouter, Route } = require("react-router-dom");
const { createStore, applyMiddleware, combineReducers } = require("redux");
const { ThemeProvider, createTheme } = require("@material-ui/core/styles");
const en = require("../../src/translations/en.json");
const reducer = require("../../src/reducer").default;

const theme = createTheme({ page: {}, paper: { paper: {}, header: {}, title: {}, item: {} }, fab: {}, dialog: { primaryButton: {}, secondaryButton: {} } });

/** Render a screen with a store whose user holds `rights`; `answer(action)` plays the backend for every request. */
function renderScreen(element, { rights = [], path = "/", route = "/", answer = () => ({ payload: { data: {} } }), messages = en, meeting } = {}) {
  const sent = [];
  const backend = () => (next) => (action) => {
    if (action.type === "TEST_GRAPHQL") {
      sent.push(action);
      const response = { ...answer(action), meta: action.meta };
      const [, resp] = Array.isArray(action.graphqlType) ? action.graphqlType : [null, `${action.graphqlType}_RESP`];
      next({ type: resp, payload: response.payload });
      return Promise.resolve(response);
    }
    return next(action);
  };
  const core = (state = { user: { i_user: { rights } } }) => state;
  const store = createStore(
    combineReducers({ core, meeting: reducer }),
    { meeting: meeting ? { ...reducer(undefined, { type: "init" }), ...meeting } : undefined },
    applyMiddleware(backend, require("redux-thunk").default),
  );
  const utils = render(
    React.createElement(
      Provider,
      { store },
      React.createElement(
        ThemeProvider,
        { theme },
        React.createElement(
          IntlProvider,
          { locale: "en", messages },
          React.createElement(MemoryRouter, { initialEntries: [route] }, React.createElement(Route, { path }, element)),
        ),
      ),
    ),
  );
  return { ...utils, sent, store };
}

module.exports = { renderScreen };
