// A small openIMIS frontend assembly: core and the meeting module, booted the way openimis-fe_js boots.
import React, { Component, Children, useEffect, useState } from "react";
import ReactDOM from "react-dom";
import PropTypes from "prop-types";
import { Provider } from "react-redux";
import thunk from "redux-thunk";
import { createStore, applyMiddleware, combineReducers } from "redux";
import { apiMiddleware } from "redux-api-middleware";
import { MuiThemeProvider, LinearProgress } from "@material-ui/core";
import { MuiPickersUtilsProvider } from "@material-ui/pickers";
import MomentUtils from "@date-io/moment";
import { App, CoreModule, FatalError, baseApiUrl, apiHeaders } from "@openimis/fe-core";
import { MeetingModule } from "../src";
import ModulesManager from "./ModulesManager";
import LocalesManager from "./LocalesManager";
import theme from "./theme";

// The texts an assembly provides itself (fe-core reads them without a module prefix: the table's footer, dialogs'
// buttons), in both of the host's languages, as a module of the host's own.
const HOST_TEXTS = {
  en: { appName: "openIMIS", currency: "", ok: "OK", cancel: "Cancel", close: "Close", rowsPerPage: "Rows per page", ofPages: "of", noRecord: "Nothing to show", selectAll: "Select all", clearSelected: "Clear the selection" },
  fr: {
    appName: "openIMIS",
    currency: "",
    ok: "OK",
    cancel: "Annuler",
    close: "Fermer",
    rowsPerPage: "Lignes par page",
    ofPages: "sur",
    noRecord: "Rien à afficher",
    selectAll: "Tout sélectionner",
    clearSelected: "Effacer la sélection",
    "core.table.resultsLoading": "Chargement…",
  },
};
const HostModule = () => ({ translations: Object.entries(HOST_TEXTS).map(([key, messages]) => ({ key, messages })) });

const MODULES = [
  ["fe-core", CoreModule],
  ["fe-meeting", MeetingModule],
  ["fe-host", HostModule],
];

// Before login, as the assembly: the modules' configurations from the backend.
async function loadConfiguration() {
  const response = await fetch(`${baseApiUrl}/graphql`, {
    method: "post",
    headers: apiHeaders(),
    body: JSON.stringify({ query: "{ moduleConfigurations { module, config, controls { field, usage } } }" }),
  });
  if (!response.ok) throw response;
  const { data } = await response.json();
  return (data.moduleConfigurations || []).reduce((acc, c) => {
    try {
      acc[c.module] = { controls: c.controls, ...JSON.parse(c.config) };
    } catch (error) {
      console.error(`Failed to parse module ${c.module} config`, error);
    }
    return acc;
  }, {});
}

// An openIMIS instance lists DRF's BasicAuthentication first, so core's current_user answers 401 to a visitor who
// is not logged in, and fe-core's authMiddleware turns that 401 into "show the login page". The backend test host
// (tests/host/settings.py) lists core's JWTAuthentication first, which has no authenticate header: DRF answers 403.
// Read that 403 of current_user as the 401 it stands for; any other 403 is left alone.
function testHostUnauthenticated() {
  return (next) => (action) => {
    if (action.type === "CORE_USERS_CURRENT_USER_ERR" && action.payload?.name === "ApiError" && action.payload.status === 403) {
      return next({ type: "CORE_AUTH_ERR", payload: action.payload });
    }
    return next(action);
  };
}

class ModulesManagerProvider extends Component {
  static childContextTypes = { modulesManager: PropTypes.object.isRequired };
  getChildContext() {
    return { modulesManager: this.props.modulesManager };
  }
  render() {
    return Children.only(this.props.children);
  }
}

function AppContainer() {
  const [state, setState] = useState({ loading: true });
  useEffect(() => {
    loadConfiguration().then(
      (config) => {
        const modulesManager = new ModulesManager(config, MODULES);
        const reducers = modulesManager.getContribs("reducers").reduce((r, c) => ({ ...r, [c.key]: c.reducer }), {});
        const store = createStore(
          combineReducers(reducers),
          applyMiddleware(thunk, apiMiddleware, testHostUnauthenticated, ...modulesManager.getContribs("middlewares")),
        );
        setState({ loading: false, modulesManager, store });
      },
      (error) => setState({ loading: false, error }),
    );
  }, []);
  if (state.loading) {
    return (
      <MuiThemeProvider theme={theme}>
        <LinearProgress />
      </MuiThemeProvider>
    );
  }
  if (state.error) return <FatalError error={{ code: state.error.status, message: state.error.statusText }} />;
  return (
    <MuiThemeProvider theme={theme}>
      <Provider store={state.store}>
        <MuiPickersUtilsProvider utils={MomentUtils}>
          <ModulesManagerProvider modulesManager={state.modulesManager}>
            <App basename="/front" localesManager={new LocalesManager()} messages={HOST_TEXTS.en} />
          </ModulesManagerProvider>
        </MuiPickersUtilsProvider>
      </Provider>
    </MuiThemeProvider>
  );
}

ReactDOM.render(<AppContainer />, document.getElementById("root"));
