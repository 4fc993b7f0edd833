import uuid from "lodash-uuid";
import { CHECK_IN_QUEUE_KEY } from "../constants";
import { gqlString, inputFields, enumValue, parseErrors, apiRequestHeaders } from "./gql";

/** An instant with its offset and milliseconds, as checkInMeetingParticipant's checkedInAt takes it. */
export function isoInstant(date) {
  return date.toISOString().replace(/Z$/, "+00:00");
}

/**
 * The check-in desk's queue of scans. Each scan gets its clientMutationId when it is made, and keeps it through
 * every retry, so the backend recognises a replay of a scan it already recorded (README, check-in) and does it once.
 */
export class CheckInQueue {
  constructor(storage, key = CHECK_IN_QUEUE_KEY) {
    this.storage = storage;
    this.key = key;
  }

  items() {
    try {
      return JSON.parse(this.storage.getItem(this.key) || "[]");
    } catch (e) {
      return [];
    }
  }

  save(items) {
    this.storage.setItem(this.key, JSON.stringify(items));
  }

  add({ eventId, token, method, label, now = new Date() }) {
    const scan = {
      clientMutationId: uuid.uuid(),
      eventId,
      token: token.trim(),
      method,
      label,
      checkedInAt: isoInstant(now),
      attempts: 0,
    };
    this.save([...this.items(), scan]);
    return scan;
  }

  remove(clientMutationId) {
    this.save(this.items().filter((s) => s.clientMutationId !== clientMutationId));
  }

  update(clientMutationId, changes) {
    this.save(this.items().map((s) => (s.clientMutationId === clientMutationId ? { ...s, ...changes } : s)));
  }

  /**
   * Send every queued scan through `send(scan)`, which resolves to {outcome: "done" | "refused" | "retry", ...}.
   * Done and refused scans leave the queue (reported through onResult); the others stay for the next flush.
   */
  async flush(send, onResult = () => {}) {
    for (const scan of this.items()) {
      let result;
      try {
        result = await send(scan);
      } catch (error) {
        result = { outcome: "retry", errors: [{ message: String(error?.message || error) }] };
      }
      if (result.outcome === "retry") {
        this.update(scan.clientMutationId, { attempts: scan.attempts + 1, lastError: result.errors?.[0]?.message });
      } else {
        this.remove(scan.clientMutationId);
      }
      onResult(scan, result);
    }
    return this.items();
  }
}

export function checkInMutation(scan) {
  const fields = inputFields({
    eventId: scan.eventId,
    token: scan.token,
    method: enumValue(scan.method),
    checkedInAt: scan.checkedInAt,
  });
  return `mutation { checkInMeetingParticipant(input: { clientMutationId: ${gqlString(scan.clientMutationId)}
    clientMutationLabel: ${gqlString(scan.label)} ${fields} }) { clientMutationId internalId } }`;
}

async function post(fetchImpl, endpoint, body) {
  const response = await fetchImpl(endpoint, {
    method: "POST",
    headers: apiRequestHeaders(),
    credentials: "same-origin",
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

/**
 * The sender the desk uses: POST the mutation, then read its newest log. Anything that is not an answer from the
 * server (no network, a proxy's 502, a log still "received") is a retry; a log in error is a refusal.
 */
export function httpSender(endpoint, { fetchImpl = fetch, pollMs = 400, attempts = 10, onSent = () => {} } = {}) {
  return async (scan) => {
    const answer = await post(fetchImpl, endpoint, { query: checkInMutation(scan) });
    if (answer.errors?.length) {
      return { outcome: "refused", errors: answer.errors.map((e) => ({ message: e.message })) };
    }
    onSent(scan);
    for (let i = 0; i < attempts; i++) {
      const logs = await post(fetchImpl, endpoint, {
        query: `{ mutationLogs(clientMutationId: ${gqlString(scan.clientMutationId)}, orderBy: ["-requestDateTime"],
          first: 1) { edges { node { status error } } } }`,
      });
      const log = logs?.data?.mutationLogs?.edges?.[0]?.node;
      if (log && log.status === 2) return { outcome: "done", errors: [] };
      if (log && log.status === 1) return { outcome: "refused", errors: parseErrors(log.error) };
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    return { outcome: "retry", errors: [{ message: "no answer yet" }] };
  };
}
