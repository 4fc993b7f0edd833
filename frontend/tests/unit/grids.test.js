const { pairGrid, standardGrid, atLeast } = require("../../src/utils/matrix");
const { agendaGrid } = require("../../src/utils/agenda");

const sys = (uuid, name) => ({ uuid, name });
describe("the interoperability matrix grids", () => {
  const pairs = [
    { systemA: sys("a", "openIMIS"), systemB: sys("b", "DHIS2"), bestEvidenceLevel: "IN_PRODUCTION", showcaseCount: 2, standards: [] },
    { systemA: sys("a", "openIMIS"), systemB: sys("c", "BUNEC"), bestEvidenceLevel: "CLAIMED", showcaseCount: 1, standards: [] },
  ];
  test("systems × systems: both axes sorted by name, each pair in both cells, none on the diagonal", () => {
    const grid = pairGrid(pairs);
    expect(grid.rows.map((s) => s.name)).toEqual(["BUNEC", "DHIS2", "openIMIS"]);
    expect(grid.cell(sys("a"), sys("b")).showcaseCount).toBe(2);
    expect(grid.cell(sys("b"), sys("a")).showcaseCount).toBe(2);
    expect(grid.cell(sys("b"), sys("c"))).toBeNull();
    expect(grid.cell(sys("a"), sys("a"))).toBeNull();
  });
  test("systems × standards", () => {
    const grid = standardGrid([{ system: sys("a", "openIMIS"), standard: { uuid: "s", code: "FHIR-R4" }, bestEvidenceLevel: "DEMONSTRATED", showcaseCount: 1 }]);
    expect(grid.columns.map((c) => c.code)).toEqual(["FHIR-R4"]);
    expect(grid.cell(sys("a"), { uuid: "s" }).bestEvidenceLevel).toBe("DEMONSTRATED");
  });
  test("the evidence filter keeps levels at or above the minimum", () => {
    expect(atLeast("IN_PRODUCTION", "CONFORMANCE_TESTED")).toBe(true);
    expect(atLeast("CLAIMED", "DEMONSTRATED")).toBe(false);
    expect(atLeast("CLAIMED", null)).toBe(true);
  });
});

describe("the agenda grid", () => {
  test("days × rooms in the event's wall clock, sessions by start", () => {
    const s = (uuid, startsAt, room) => ({ uuid, startsAt, endsAt: startsAt, room });
    const grid = agendaGrid([s(1, "2030-10-24T14:00:00+01:00", "Salle B"), s(2, "2030-10-24T09:00:00+01:00", "Salle B"), s(3, "2030-10-25T00:30:00+01:00", "Salle A")]);
    expect(grid.days).toEqual(["2030-10-24", "2030-10-25"]);
    expect(grid.rooms).toEqual(["Salle A", "Salle B"]);
    expect(grid.cell("2030-10-24", "Salle B").map((x) => x.uuid)).toEqual([2, 1]);
    expect(grid.cell("2030-10-24", "Salle A")).toEqual([]);
  });
});
