import { graphql, journalize, formatMutation, baseApiUrl } from "@openimis/fe-core";

// A GraphQL string literal (JSON escapes are GraphQL escapes); fe-core's formatGQLString escapes quotes twice.
export const gqlString = (value) => JSON.stringify(String(value));

// An enum value, written bare in a GraphQL literal.
export class Enum {
  constructor(name) {
    this.name = name;
  }
}
export const enumValue = (name) => new Enum(name);

// A text the form loaded with a value and the user emptied: written `""` (the backend then stores it empty), where
// other empty values are left out.
const EMPTIED = Object.freeze({});
export const emptiedOr = (value, loaded) => (!value && loaded ? EMPTIED : value);

/** A GraphQL input literal as the openIMIS frontend writes them: strings quoted, enums bare, nulls left out. */
export function literal(value) {
  if (value instanceof Enum) return value.name;
  if (value === EMPTIED) return '""';
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (typeof value === "object") return `{${inputFields(value)}}`;
  return gqlString(value);
}

/** The fields of an input object; graphene 2 has no null literal, so empty values are not sent. */
export function inputFields(fields) {
  return Object.entries(fields)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => `${k}: ${literal(v)}`)
    .join(" ");
}

/** The arguments of a list query, e.g. `first: 20, status: DRAFT`. */
export function args(params) {
  const text = inputFields(params);
  return text ? `(${text})` : "";
}

/**
 * A query's data. With `partial`, data that came with field errors is kept (the erroneous fields are null): the
 * backend answers an error for a showcase saved without a scheme type (a blank enum), and the rest is still good.
 */
export async function query(dispatch, payload, type = "MEETING_QUERY", { partial = false } = {}) {
  const response = await dispatch(graphql(payload, type));
  if (!response || response.error) {
    throw new Error(response?.payload?.message || "request failed");
  }
  if (partial && response.payload?.data && Object.values(response.payload.data).every((v) => v !== null)) {
    return response.payload.data;
  }
  if (response.payload?.errors?.length) {
    throw new Error(response.payload.errors.map((e) => e.message).join("; "));
  }
  return response.payload.data;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The newest mutation log of a clientMutationId: {status, error} (status 0 received, 1 error, 2 success). */
export async function mutationLog(dispatch, clientMutationId) {
  const data = await query(
    dispatch,
    `{ mutationLogs(clientMutationId: "${clientMutationId}", orderBy: ["-requestDateTime"], first: 1) {
        edges { node { id status error clientMutationId } } } }`,
    "MEETING_MUTATION_LOG",
  );
  return data?.mutationLogs?.edges?.[0]?.node ?? null;
}

export function parseErrors(error) {
  if (!error) return [];
  try {
    const parsed = JSON.parse(error);
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch (e) {
    return [{ message: String(error) }];
  }
}

/**
 * Send an openIMIS mutation (`mutation { op(input: {clientMutationId ...}) { clientMutationId internalId } }`),
 * journalize it so that it shows in the mutation journal, and wait for its outcome in mutationLogs.
 * Resolves to {clientMutationId, status, errors}; status 2 is success.
 */
export async function mutate(dispatch, operation, fields, label, { pollMs = 300, attempts = 40 } = {}) {
  const { clientMutationId, payload } = formatMutation(operation, inputFields(fields), gqlString(label).slice(1, -1));
  const meta = { clientMutationId, clientMutationLabel: label, requestedDateTime: new Date() };
  const response = await dispatch(
    graphql(payload, ["MEETING_MUTATION_REQ", "MEETING_MUTATION_RESP", "MEETING_MUTATION_ERR"], meta),
  );
  if (!response || response.error || response.payload?.errors?.length) {
    const message = response?.payload?.errors?.map((e) => e.message).join("; ") || "request failed";
    return { clientMutationId, status: 1, errors: [{ message }] };
  }
  dispatch(journalize(meta));
  for (let i = 0; i < attempts; i++) {
    const log = await mutationLog(dispatch, clientMutationId);
    if (log && log.status !== 0) {
      return { clientMutationId, status: log.status, errors: parseErrors(log.error) };
    }
    await sleep(pollMs);
  }
  return { clientMutationId, status: 0, errors: [] };
}

/** The headers fe-core sends with every request after login (the session's CSRF token). */
export function apiRequestHeaders(json = true) {
  const headers = { "X-Requested-With": "XMLHttpRequest" };
  const csrf = typeof localStorage !== "undefined" ? localStorage.getItem("csrfToken") : null;
  if (csrf) headers["X-CSRFToken"] = csrf;
  if (json) headers["Content-Type"] = "application/json";
  return headers;
}

export const restUrl = (path) => `${baseApiUrl}/openimis_be_meeting/${path}`;

/** The relay id of a row of the module (the type's name and the row's UUID). */
export const relayId = (type, uuid) => btoa(`${type}:${uuid}`);
