import React, { useEffect, useRef, useState } from "react";
import { useDispatch } from "react-redux";
import { useParams, useHistory } from "react-router-dom";
import { Helmet, journalize, baseApiUrl } from "@openimis/fe-core";
import { Grid, Button, Typography, List, ListItem, ListItemText, Chip } from "@material-ui/core";
import { RIGHT_PARTICIPANT_CHECK_IN, RIGHT_PARTICIPANT_SEARCH, ROUTE_CHECK_IN } from "../constants";
import { useMsg, M } from "../utils/i18n";
import { useRights, has } from "../utils/rights";
import { query, literal } from "../utils/gql";
import { CheckInQueue, httpSender } from "../utils/checkInQueue";
import { usePageStyles, Section, Field } from "../components/common";
import { EventPicker } from "../pickers";
import CameraScanner from "../components/CameraScanner";

const RUNNING = ["REGISTRATION_OPEN", "REGISTRATION_CLOSED", "ONGOING", "COMPLETED"];
const RETRY_MS = 4000;

/** Who a successful scan checked in, and whether they were already in today (only for holders of 216001). */
async function describe(dispatch, scan) {
  const data = await query(
    dispatch,
    `{ meetingParticipants(clientMutationId: ${literal(scan.clientMutationId)}, first: 1) {
        edges { node { uuid firstName lastName } } } }`,
  );
  const person = data.meetingParticipants?.edges?.[0]?.node;
  if (!person) return {};
  const attendances = await query(
    dispatch,
    `{ meetingAttendances(participantId: ${literal(person.uuid)}, orderBy: ["-day", "checkedInAt"], first: 5) {
        edges { node { day checkedInAt sessionId } } } }`,
  );
  const venue = (attendances.meetingAttendances?.edges ?? []).map((e) => e.node).find((a) => !a.sessionId);
  // The day's attendance keeps the time its scan was made (sent to the millisecond): another time means this scan
  // found an earlier check-in of that day, and recorded nothing new.
  const already = !!venue && Date.parse(venue.checkedInAt) !== Date.parse(scan.checkedInAt);
  return { person, already, firstAt: venue?.checkedInAt };
}

export default function CheckInPage() {
  const classes = usePageStyles();
  const dispatch = useDispatch();
  const history = useHistory();
  const { event_uuid: eventId } = useParams();
  const rights = useRights();
  const { msg, msgv } = useMsg();
  const queue = useRef(new CheckInQueue(window.localStorage));
  const flushing = useRef(false);
  const [code, setCode] = useState("");
  const [camera, setCamera] = useState(false);
  const [pending, setPending] = useState(queue.current.items());
  const [results, setResults] = useState([]);
  const [online, setOnline] = useState(navigator.onLine);

  const flush = async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      const send = httpSender(`${baseApiUrl}/graphql`, {
        onSent: (scan) => dispatch(journalize({ clientMutationId: scan.clientMutationId, clientMutationLabel: scan.label, requestedDateTime: new Date() })),
      });
      await queue.current.flush(send, async (scan, result) => {
        if (result.outcome === "retry") {
          setOnline(false);
          return;
        }
        setOnline(true);
        let detail = {};
        if (result.outcome === "done" && has(rights, RIGHT_PARTICIPANT_SEARCH)) {
          detail = await describe(dispatch, scan).catch(() => ({}));
        }
        setResults((r) => [{ scan, ...result, ...detail }, ...r].slice(0, 50));
      });
    } finally {
      flushing.current = false;
      setPending(queue.current.items());
    }
  };

  useEffect(() => {
    flush();
    const timer = setInterval(() => queue.current.items().length && flush(), RETRY_MS);
    const onOnline = () => flush();
    window.addEventListener("online", onOnline);
    return () => {
      clearInterval(timer);
      window.removeEventListener("online", onOnline);
    };
  }, []);

  if (!has(rights, RIGHT_PARTICIPANT_CHECK_IN)) return null;

  const scan = (token, method) => {
    if (!token.trim() || !eventId) return;
    queue.current.add({ eventId, token, method, label: msg(method === "QR" ? M("checkIn.labelQr") : M("checkIn.labelTyped")) });
    setPending(queue.current.items());
    flush();
  };

  const outcomeText = (r) => {
    if (r.outcome === "refused") return r.errors.map((e) => e.message).join("; ");
    if (r.person && r.already) return msgv("checkIn.already", { name: `${r.person.firstName} ${r.person.lastName}`, time: (r.firstAt || "").slice(11, 16) });
    if (r.person) return msgv("checkIn.doneName", { name: `${r.person.firstName} ${r.person.lastName}` });
    return msg("checkIn.done");
  };

  return (
    <div className={classes.page}>
      <Helmet title={msg("checkIn.title")} />
      <Section
        title={msg("checkIn.title")}
        actions={<Chip data-testid="network-state" label={online ? msg("checkIn.online") : msg("checkIn.offline")} color={online ? "primary" : "default"} />}
      >
        <Grid container spacing={2} alignItems="flex-end">
          <Grid item xs={5}>
            <EventPicker
              name="checkInEvent"
              value={eventId}
              filter={(e) => RUNNING.includes(e.status)}
              onChange={(v) => history.push(`/${ROUTE_CHECK_IN}${v ? `/${v}` : ""}`)}
            />
          </Grid>
          <Grid item xs={4}>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                scan(code, "MANUAL");
                setCode("");
              }}
            >
              <Field name="badgeCode" label={msg("checkIn.code")} value={code} onChange={setCode} readOnly={!eventId} autoComplete="off" />
            </form>
          </Grid>
          <Grid item xs={3}>
            <Button
              name="checkIn"
              variant="contained"
              color="primary"
              disabled={!eventId || !code.trim()}
              onClick={() => {
                scan(code, "MANUAL");
                setCode("");
              }}
            >
              {msg("checkIn.submit")}
            </Button>
            <Button name="camera" disabled={!eventId} onClick={() => setCamera(!camera)}>
              {camera ? msg("checkIn.cameraOff") : msg("checkIn.cameraOn")}
            </Button>
          </Grid>
        </Grid>
        {camera && eventId && <CameraScanner onCode={(c) => scan(c, "QR")} />}
        <Typography variant="subtitle1" data-testid="queue-size">
          {msgv("checkIn.queued", { count: pending.length })}
        </Typography>
        <List dense data-testid="check-in-results">
          {results.map((r) => (
            <ListItem key={r.scan.clientMutationId} data-outcome={r.outcome} data-already={r.already ? "yes" : "no"}>
              <ListItemText primary={outcomeText(r)} secondary={`${r.scan.checkedInAt.slice(11, 19)} UTC · ${msg(`checkIn.method.${r.scan.method}`)}`} />
            </ListItem>
          ))}
        </List>
      </Section>
    </div>
  );
}
