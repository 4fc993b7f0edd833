jest.mock("@openimis/fe-core", () => require("./feCoreMock"));
const { CheckInQueue, checkInMutation, httpSender, isoInstant } = require("../../src/utils/checkInQueue");

function memoryStorage() {
  const data = {};
  return { getItem: (k) => (k in data ? data[k] : null), setItem: (k, v) => (data[k] = String(v)) };
}

describe("the check-in desk's queue", () => {
  test("a scan keeps its clientMutationId through retries until the server answers, and survives a reload", async () => {
    const storage = memoryStorage();
    const queue = new CheckInQueue(storage);
    const scan = queue.add({ eventId: "ev", token: " TOKEN123 ", method: "QR", label: "Badge scan", now: new Date("2030-10-24T08:47:00.123Z") });
    expect(scan.token).toBe("TOKEN123");
    expect(scan.checkedInAt).toBe("2030-10-24T08:47:00.123+00:00");
    const seen = [];
    let online = false;
    const send = async (s) => {
      seen.push(s.clientMutationId);
      if (!online) throw new Error("Failed to fetch");
      return { outcome: "done", errors: [] };
    };
    expect(await queue.flush(send)).toHaveLength(1);
    expect(await new CheckInQueue(storage).flush(send)).toHaveLength(1); // another page load, same device
    online = true;
    const results = [];
    expect(await new CheckInQueue(storage).flush(send, (s, r) => results.push([s.clientMutationId, r.outcome]))).toHaveLength(0);
    expect(new Set(seen)).toEqual(new Set([scan.clientMutationId]));
    expect(seen).toHaveLength(3);
    expect(results).toEqual([[scan.clientMutationId, "done"]]);
  });

  test("a refusal leaves the queue with its reason; other scans go on", async () => {
    const queue = new CheckInQueue(memoryStorage());
    const a = queue.add({ eventId: "ev", token: "A", method: "MANUAL", label: "l" });
    const b = queue.add({ eventId: "ev", token: "B", method: "MANUAL", label: "l" });
    expect(a.clientMutationId).not.toBe(b.clientMutationId);
    const outcomes = {};
    await queue.flush(
      async (s) => (s.token === "A" ? { outcome: "refused", errors: [{ message: "not confirmed" }] } : { outcome: "retry", errors: [] }),
      (s, r) => (outcomes[s.token] = r.outcome),
    );
    expect(outcomes).toEqual({ A: "refused", B: "retry" });
    expect(queue.items().map((s) => [s.token, s.attempts])).toEqual([["B", 1]]);
  });

  test("the mutation names the scan's own clientMutationId, event, badge and time", () => {
    const text = checkInMutation({ clientMutationId: "id-1", label: 'Desk "2"', eventId: "ev", token: "T", method: "QR", checkedInAt: isoInstant(new Date(0)) });
    expect(text).toContain('clientMutationId: "id-1"');
    expect(text).toContain('clientMutationLabel: "Desk \\"2\\""');
    expect(text).toContain('eventId: "ev" token: "T" method: QR checkedInAt: "1970-01-01T00:00:00.000+00:00"');
  });
});

describe("the HTTP sender", () => {
  const scan = { clientMutationId: "id-1", label: "l", eventId: "ev", token: "T", method: "QR", checkedInAt: "x" };
  const json = (body, ok = true, status = 200) => Promise.resolve({ ok, status, json: () => Promise.resolve(body) });

  test("a proxy's 502 or a lost connection is a retry (the error propagates to the queue)", async () => {
    await expect(httpSender("/api/graphql", { fetchImpl: () => json({}, false, 502) })(scan)).rejects.toThrow("HTTP 502");
    await expect(httpSender("/api/graphql", { fetchImpl: () => Promise.reject(new TypeError("Failed to fetch")) })(scan)).rejects.toThrow();
  });

  test("success and refusal are read from the newest mutation log", async () => {
    const answers = (log) => {
      const replies = [{ data: { checkInMeetingParticipant: { internalId: "1" } } }, { data: { mutationLogs: { edges: [{ node: log }] } } }];
      return () => json(replies.shift());
    };
    expect(await httpSender("/g", { fetchImpl: answers({ status: 2, error: null }), pollMs: 1 })(scan)).toEqual({ outcome: "done", errors: [] });
    const refused = await httpSender("/g", { fetchImpl: answers({ status: 1, error: '[{"code":"meeting.checkin.not_confirmed","message":"Not confirmed."}]' }), pollMs: 1 })(scan);
    expect(refused.outcome).toBe("refused");
    expect(refused.errors[0].message).toBe("Not confirmed.");
  });

  test("a log still received after the polls is a retry, not a success", async () => {
    const fetchImpl = (url, init) => json(JSON.parse(init.body).query.includes("mutationLogs") ? { data: { mutationLogs: { edges: [{ node: { status: 0 } }] } } } : { data: {} });
    expect((await httpSender("/g", { fetchImpl, pollMs: 1, attempts: 3 })(scan)).outcome).toBe("retry");
  });
});
