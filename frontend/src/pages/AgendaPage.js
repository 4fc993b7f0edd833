import React, { useEffect, useState } from "react";
import { useDispatch } from "react-redux";
import { useParams } from "react-router-dom";
import { Helmet, ProgressOrError } from "@openimis/fe-core";
import { Table, TableHead, TableRow, TableCell, TableBody, Typography } from "@material-ui/core";
import { RIGHT_EVENT_SEARCH } from "../constants";
import { useMsg } from "../utils/i18n";
import { useRights, has } from "../utils/rights";
import { query, literal } from "../utils/gql";
import { agendaGrid } from "../utils/agenda";
import { usePageStyles, Section } from "../components/common";

const COLOURS = { PLENARY: "#d6eaf8", PANEL: "#e8daef", SHOWCASE_SLOT: "#fdebd0", WORKSHOP: "#d5f5e3", BREAK: "#f2f3f4", NETWORKING: "#fcf3cf", SIDE_MEETING: "#fadbd8" };

export default function AgendaPage() {
  const classes = usePageStyles();
  const dispatch = useDispatch();
  const { event_uuid: eventId } = useParams();
  const rights = useRights();
  const { msg, msgv, enumLabel } = useMsg();
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    if (!has(rights, RIGHT_EVENT_SEARCH)) return;
    query(
      dispatch,
      `{ node(id: ${literal(btoa(`MeetingEventGQLType:${eventId}`))}) { ... on MeetingEventGQLType { code name timezone } }
         meetingSessions(eventId: ${literal(eventId)}, first: 100, orderBy: ["startsAt"]) { totalCount
           edges { node { uuid title sessionType startsAt endsAt room languages interpretation
             speakers { firstName lastName } chairs { firstName lastName } } } } }`,
    )
      .then(setData)
      .catch((e) => setError({ message: e.message }));
  }, [eventId]);
  if (!has(rights, RIGHT_EVENT_SEARCH)) return null;
  if (!data) return <ProgressOrError progress={!error} error={error} />;
  const sessions = data.meetingSessions.edges.map((e) => e.node);
  const grid = agendaGrid(sessions);
  return (
    <div className={classes.page}>
      <Helmet title={msg("agenda.title")} />
      <Section title={msgv("agenda.heading", { code: data.node?.code, zone: data.node?.timezone })}>
        {!sessions.length && <Typography data-testid="agenda-empty">{msg("agenda.empty")}</Typography>}
        {!!sessions.length && (
          <div style={{ overflowX: "auto" }}>
            <Table size="small" data-testid="agenda-grid">
              <TableHead>
                <TableRow>
                  <TableCell>{msg("agenda.day")}</TableCell>
                  {grid.rooms.map((room) => (
                    <TableCell key={room}>{room || msg("agenda.noRoom")}</TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {grid.days.map((day) => (
                  <TableRow key={day}>
                    <TableCell component="th" style={{ whiteSpace: "nowrap", verticalAlign: "top" }}>
                      {day}
                    </TableCell>
                    {grid.rooms.map((room) => (
                      <TableCell key={room} style={{ verticalAlign: "top", minWidth: 180 }}>
                        {grid.cell(day, room).map((s) => (
                          <div key={s.uuid} data-session={s.sessionType} style={{ background: COLOURS[s.sessionType], padding: 4, marginBottom: 4, borderRadius: 4 }}>
                            <strong>
                              {s.startsAt.slice(11, 16)}–{s.endsAt.slice(11, 16)}
                            </strong>{" "}
                            {s.title}
                            <div style={{ fontSize: "0.8em" }}>
                              {enumLabel("MeetingSessionTypeEnum", s.sessionType)}
                              {s.languages?.length ? ` · ${s.languages.join("/")}` : ""}
                              {s.speakers?.length ? ` · ${s.speakers.map((p) => `${p.firstName} ${p.lastName}`).join(", ")}` : ""}
                            </div>
                          </div>
                        ))}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </Section>
    </div>
  );
}
