jest.mock("@openimis/fe-core", () => require("./feCoreMock"));
const { literal, inputFields, enumValue, emptiedOr, mutate, args } = require("../../src/utils/gql");

describe("GraphQL literals as the openIMIS frontend writes them", () => {
  test("strings are quoted and escaped, enums bare, lists and objects nested", () => {
    expect(literal('Say "hi" \\ now\nplease')).toBe('"Say \\"hi\\" \\\\ now\\nplease"');
    expect(literal("Yaoundé 🎉")).toBe('"Yaoundé 🎉"');
    expect(literal(enumValue("DRAFT"))).toBe("DRAFT");
    expect(literal([enumValue("A"), "b", 3, true])).toBe('[A, "b", 3, true]');
    expect(literal({ sourceSystemId: "x", mode: enumValue("BATCH") })).toBe('{sourceSystemId: "x" mode: BATCH}');
  });

  test("empty values are left out: graphene 2 has no null literal", () => {
    expect(inputFields({ a: "x", b: null, c: undefined, d: "", e: 0, f: false })).toBe('a: "x" e: 0 f: false');
    expect(args({})).toBe("");
    expect(args({ eventId: "e", useCase: enumValue("CLAIMS"), country: null })).toBe('(eventId: "e" useCase: CLAIMS)');
  });

  test("a text emptied that had a value is written \"\"; one empty from the start is still left out", () => {
    expect(inputFields({ a: emptiedOr("", "old"), b: emptiedOr("", ""), c: emptiedOr(null, null), d: emptiedOr("new", "old") })).toBe('a: "" d: "new"');
  });

  test("an injection attempt stays inside its string", () => {
    const text = literal('x" }) { deleteMeetingEvent(input: {ids: ["1"]}) { internalId } } #');
    expect(JSON.parse(text)).toBe('x" }) { deleteMeetingEvent(input: {ids: ["1"]}) { internalId } } #');
  });
});

describe("mutate", () => {
  function fakeDispatch(logs) {
    const actions = [];
    const dispatch = async (action) => {
      actions.push(action);
      if (action.type !== "TEST_GRAPHQL") return action;
      if (action.payload.includes("mutationLogs")) return { payload: { data: { mutationLogs: { edges: [{ node: logs.shift() }] } } } };
      return { payload: { data: {} } };
    };
    return { dispatch, actions };
  }

  test("sends the mutation, journalizes it, and waits for its log", async () => {
    const { dispatch, actions } = fakeDispatch([{ status: 0 }, { status: 2, error: null }]);
    const result = await mutate(dispatch, "createMeetingEvent", { code: "X", eventType: enumValue("WORKSHOP") }, 'Create "X"', { pollMs: 1 });
    expect(result.status).toBe(2);
    const [sent, journal] = actions;
    expect(sent.payload).toContain('createMeetingEvent(input: { clientMutationId: "cmid-');
    expect(sent.payload).toContain('code: "X" eventType: WORKSHOP');
    expect(sent.payload).toContain('clientMutationLabel: "Create \\"X\\""');
    expect(sent.graphqlType).toEqual(["MEETING_MUTATION_REQ", "MEETING_MUTATION_RESP", "MEETING_MUTATION_ERR"]);
    expect(journal).toEqual({ type: "CORE_MUTATION_ADD", payload: expect.objectContaining({ clientMutationId: result.clientMutationId }) });
    expect(actions.filter((a) => a.payload?.includes?.(`mutationLogs(clientMutationId: "${result.clientMutationId}"`))).toHaveLength(2);
  });

  test("a refusal comes back with the backend's messages", async () => {
    const error = JSON.stringify([{ code: "meeting.event.ends_before_start", message: "The event must end after it starts.", field: "endsAt" }]);
    const { dispatch } = fakeDispatch([{ status: 1, error }]);
    const result = await mutate(dispatch, "createMeetingEvent", { code: "X" }, "x", { pollMs: 1 });
    expect(result).toEqual(expect.objectContaining({ status: 1, errors: [expect.objectContaining({ field: "endsAt", message: "The event must end after it starts." })] }));
  });
});
