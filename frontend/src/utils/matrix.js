import { EVIDENCE_RANK } from "../constants";

/** The systems × systems grid of meetingInteroperabilityMatrix.pairs: rows and columns by name, cells both ways. */
export function pairGrid(pairs) {
  const systems = new Map();
  const cells = new Map();
  for (const p of pairs || []) {
    systems.set(p.systemA.uuid, p.systemA);
    systems.set(p.systemB.uuid, p.systemB);
    cells.set(`${p.systemA.uuid}|${p.systemB.uuid}`, p);
    cells.set(`${p.systemB.uuid}|${p.systemA.uuid}`, p);
  }
  const axis = [...systems.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { rows: axis, columns: axis, cell: (row, column) => cells.get(`${row.uuid}|${column.uuid}`) || null };
}

/** The systems × standards grid of meetingInteroperabilityMatrix.bySystemStandard. */
export function standardGrid(entries) {
  const systems = new Map();
  const standards = new Map();
  const cells = new Map();
  for (const e of entries || []) {
    systems.set(e.system.uuid, e.system);
    standards.set(e.standard.uuid, e.standard);
    cells.set(`${e.system.uuid}|${e.standard.uuid}`, e);
  }
  return {
    rows: [...systems.values()].sort((a, b) => a.name.localeCompare(b.name)),
    columns: [...standards.values()].sort((a, b) => a.code.localeCompare(b.code)),
    cell: (row, column) => cells.get(`${row.uuid}|${column.uuid}`) || null,
  };
}

export function atLeast(level, minimum) {
  return !minimum || (EVIDENCE_RANK[level] || 0) >= EVIDENCE_RANK[minimum];
}
