import { parseData, pageInfo, formatServerError, formatGraphQLError } from "@openimis/fe-core";

function list(prefix, key) {
  const initial = {
    [`fetching${key}`]: false,
    [`fetched${key}`]: false,
    [`error${key}`]: null,
    [key.charAt(0).toLowerCase() + key.slice(1)]: [],
    [`${key.charAt(0).toLowerCase() + key.slice(1)}PageInfo`]: {},
  };
  const items = key.charAt(0).toLowerCase() + key.slice(1);
  return {
    initial,
    reduce(state, action) {
      switch (action.type) {
        case `${prefix}_REQ`:
          return { ...state, [`fetching${key}`]: true, [`fetched${key}`]: false, [`error${key}`]: null };
        case `${prefix}_RESP`: {
          const data = action.payload?.data;
          const connection = data ? Object.values(data)[0] : null;
          return {
            ...state,
            [`fetching${key}`]: false,
            [`fetched${key}`]: true,
            [items]: parseData(connection),
            [`${items}PageInfo`]: pageInfo(connection),
            // Field errors beside the data (a blank enum of one row) leave the list shown; no data is an error.
            [`error${key}`]: connection ? null : formatGraphQLError(action.payload),
          };
        }
        case `${prefix}_ERR`:
          return { ...state, [`fetching${key}`]: false, [`error${key}`]: formatServerError(action.payload) };
        default:
          return null;
      }
    },
  };
}

const LISTS = [list("MEETING_EVENTS", "Events"), list("MEETING_PARTICIPANTS", "Participants"), list("MEETING_SHOWCASES", "Showcases")];

export const INITIAL_STATE = Object.assign({ submittingMutation: false }, ...LISTS.map((l) => l.initial));

export default function reducer(state = INITIAL_STATE, action) {
  for (const l of LISTS) {
    const next = l.reduce(state, action);
    if (next) return next;
  }
  switch (action.type) {
    case "MEETING_MUTATION_REQ":
      return { ...state, submittingMutation: true };
    case "MEETING_MUTATION_RESP":
    case "MEETING_MUTATION_ERR":
      return { ...state, submittingMutation: false };
    default:
      return state;
  }
}
