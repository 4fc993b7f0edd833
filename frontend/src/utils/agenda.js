/** Sessions as a day × room grid; days and times are the wall clock of the event's zone, as the API gives them. */
export function agendaGrid(sessions) {
  const days = [...new Set(sessions.map((s) => s.startsAt.slice(0, 10)))].sort();
  const rooms = [...new Set(sessions.map((s) => s.room || ""))].sort((a, b) => a.localeCompare(b));
  const cells = {};
  for (const s of sessions) {
    const key = `${s.startsAt.slice(0, 10)}|${s.room || ""}`;
    (cells[key] = cells[key] || []).push(s);
  }
  Object.values(cells).forEach((list) => list.sort((a, b) => a.startsAt.localeCompare(b.startsAt)));
  return { days, rooms, cell: (day, room) => cells[`${day}|${room}`] || [] };
}
