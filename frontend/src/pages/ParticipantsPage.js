import React, { useEffect, useState, useCallback } from "react";
import { useDispatch, useSelector } from "react-redux";
import { useParams, useHistory } from "react-router-dom";
import { Searcher, Helmet } from "@openimis/fe-core";
import {
  Button,
  IconButton,
  Tooltip,
  Dialog,
  DialogTitle,
  DialogContent,
  DialogActions,
  Typography,
  Grid,
} from "@material-ui/core";
import CheckIcon from "@material-ui/icons/Check";
import BlockIcon from "@material-ui/icons/Block";
import CancelIcon from "@material-ui/icons/Cancel";
import { fetchParticipants } from "../actions";
import {
  DEFAULT_PAGE_SIZE,
  ROWS_PER_PAGE_OPTIONS,
  RIGHT_PARTICIPANT_SEARCH,
  RIGHT_PARTICIPANT_CREATE,
  RIGHT_PARTICIPANT_UPDATE,
  RIGHT_PARTICIPANT_APPROVE,
  RIGHT_PERSONAL_DATA,
  ROUTE_EVENT,
} from "../constants";
import { useMsg, M } from "../utils/i18n";
import { useRights, has } from "../utils/rights";
import { query, mutate, literal } from "../utils/gql";
import { usePageStyles, Field, Errors, Done } from "../components/common";
import { useConfirm } from "../components/Confirm";
import ParticipantFilter from "../components/ParticipantFilter";
import RegisterDialog from "../components/RegisterDialog";
import ImportDialog from "../components/ImportDialog";
import { countryName } from "../pickers";

const ACTIVE = ["PENDING", "CONFIRMED", "WAITLISTED"];

export function useEventSummary(eventId, rights) {
  const dispatch = useDispatch();
  const [summary, setSummary] = useState(null);
  const load = useCallback(async () => {
    if (!eventId) return;
    const stats = has(rights, RIGHT_PARTICIPANT_SEARCH)
      ? `meetingEventStatistics(eventId: ${literal(eventId)}) { registrations capacity confirmed seatsLeft waitlistLength }`
      : "";
    const data = await query(
      dispatch,
      `{ node(id: ${literal(btoa(`MeetingEventGQLType:${eventId}`))}) { ... on MeetingEventGQLType { uuid code name status capacity timezone startsAt endsAt } } ${stats} }`,
    );
    setSummary({ event: data.node, stats: data.meetingEventStatistics });
  }, [eventId]);
  useEffect(() => {
    load().catch(() => setSummary(null));
  }, [load]);
  return [summary, load];
}

export default function ParticipantsPage() {
  const classes = usePageStyles();
  const dispatch = useDispatch();
  const history = useHistory();
  const { event_uuid: eventId } = useParams();
  const rights = useRights();
  const { msg, msgv, enumLabel, locale } = useMsg();
  const state = useSelector((s) => s.meeting);
  const { ask, dialog } = useConfirm();
  const [summary, reloadSummary] = useEventSummary(eventId, rights);
  const [registering, setRegistering] = useState(false);
  const [importing, setImporting] = useState(false);
  const [rejecting, setRejecting] = useState(null);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState([]);
  const [done, setDone] = useState(null);
  const [refresh, setRefresh] = useState(0);
  const personal = has(rights, RIGHT_PERSONAL_DATA);

  if (!has(rights, RIGHT_PARTICIPANT_SEARCH)) return null;
  const event = summary?.event;

  const reload = () => {
    setRefresh(refresh + 1);
    reloadSummary();
  };
  const act = async (operation, fields, label) => {
    setErrors([]);
    setDone(null);
    const result = await mutate(dispatch, operation, fields, label);
    if (result.status === 2) {
      setDone(msg("mutation.done"));
      reload();
    } else {
      setErrors(result.errors.length ? result.errors : [{ message: msg("mutation.pending") }]);
    }
  };
  const name = (p) => `${p.firstName} ${p.lastName}`;
  const approve = (p) =>
    ask(msg("participants.confirm.title"), msgv("participants.confirm.approve", { name: name(p) }), () =>
      act("approveMeetingParticipant", { id: p.uuid }, msgv("participants.mutation.approve", { name: name(p) })),
    );
  const cancel = (p) =>
    ask(msg("participants.confirm.title"), msgv("participants.confirm.cancel", { name: name(p) }), () =>
      act("cancelMeetingParticipant", { id: p.uuid }, msgv("participants.mutation.cancel", { name: name(p) })),
    );
  const reject = () => {
    const p = rejecting;
    setRejecting(null);
    act("rejectMeetingParticipant", { id: p.uuid, reason }, msgv("participants.mutation.reject", { name: name(p) }));
    setReason("");
  };

  const button = (label, icon, onClick, testid) => (
    <Tooltip title={msg(label)}>
      <IconButton size="small" aria-label={msg(label)} data-action={testid} onClick={onClick}>
        {icon}
      </IconButton>
    </Tooltip>
  );
  const headers = [
    M("field.lastName"),
    M("field.firstName"),
    M("field.organisation"),
    M("field.country"),
    M("field.role"),
    M("field.status"),
    M("field.waitlistPosition"),
    ...(personal ? [M("field.email"), M("field.phone"), M("field.checkinToken")] : []),
    "",
  ];
  const formatters = [
    (p) => <span data-last-name={p.lastName} data-uuid={p.uuid}>{p.lastName}</span>,
    (p) => p.firstName,
    (p) => p.organisation?.acronym || p.organisation?.name || "",
    (p) => countryName(locale, p.country),
    (p) => enumLabel("MeetingParticipantRoleEnum", p.role),
    (p) => (
      <span data-status={p.status} data-person={p.uuid}>
        {enumLabel("MeetingParticipantStatusEnum", p.status)}
      </span>
    ),
    (p) => <span data-waitlist={p.uuid}>{p.waitlistPosition ?? ""}</span>,
    ...(personal ? [(p) => p.email, (p) => p.phone, (p) => <code data-token={p.uuid}>{p.checkinToken}</code>] : []),
    (p) => (
      <span data-actions={p.uuid}>
        {has(rights, RIGHT_PARTICIPANT_APPROVE) && p.status === "PENDING" && button(M("participants.approve"), <CheckIcon />, () => approve(p), "approve")}
        {has(rights, RIGHT_PARTICIPANT_APPROVE) &&
          ["PENDING", "WAITLISTED"].includes(p.status) &&
          button(M("participants.reject"), <BlockIcon />, () => setRejecting(p), "reject")}
        {has(rights, RIGHT_PARTICIPANT_UPDATE) && ACTIVE.includes(p.status) && button(M("participants.cancel"), <CancelIcon />, () => cancel(p), "cancel")}
      </span>
    ),
  ];
  const stats = summary?.stats;
  return (
    <div className={classes.page}>
      <Helmet title={msg("participants.title")} />
      {dialog}
      <Grid container alignItems="center" className={classes.paperHeader} style={{ padding: 10 }}>
        <Grid item xs>
          <Typography variant="h6" data-testid="participants-heading">
            {event ? msgv("participants.heading", { code: event.code, name: event.name }) : msg("participants.title")}
          </Typography>
          {event && (
            <Typography variant="body2" data-testid="participants-summary">
              {enumLabel("MeetingEventStatusEnum", event.status)}
              {stats &&
                ` · ${msgv("participants.summary", {
                  registrations: stats.registrations,
                  confirmed: stats.confirmed,
                  capacity: stats.capacity ?? "∞",
                  waitlist: stats.waitlistLength,
                })}`}
            </Typography>
          )}
        </Grid>
        <Grid item>
          {event && <Button onClick={() => history.push(`/${ROUTE_EVENT}/${eventId}`)}>{msg("participants.backToEvent")}</Button>}
          {event && has(rights, RIGHT_PARTICIPANT_CREATE) && (
            <Button name="openImport" onClick={() => setImporting(true)}>
              {msg("participants.import")}
            </Button>
          )}
          {event && has(rights, RIGHT_PARTICIPANT_CREATE) && (
            <Button name="openRegister" variant="contained" color="primary" onClick={() => setRegistering(true)}>
              {msg("participants.register")}
            </Button>
          )}
        </Grid>
      </Grid>
      <Errors errors={errors} />
      <Done message={done} />
      <Searcher
        key={refresh}
        module="meeting"
        FilterPane={ParticipantFilter}
        fetch={(filters) => dispatch(fetchParticipants(rights, [`eventId: ${literal(eventId)}`, ...filters]))}
        items={state.participants}
        itemsPageInfo={state.participantsPageInfo}
        fetchingItems={state.fetchingParticipants}
        fetchedItems={state.fetchedParticipants}
        errorItems={state.errorParticipants}
        tableTitle={msgv("participants.found", { count: state.participantsPageInfo?.totalCount ?? 0 })}
        rowsPerPageOptions={ROWS_PER_PAGE_OPTIONS}
        defaultPageSize={DEFAULT_PAGE_SIZE}
        defaultOrderBy="lastName"
        headers={() => headers}
        sorts={() => [
          ["lastName", true],
          ["firstName", true],
          null,
          ["country", true],
          ["role", true],
          ["status", true],
          ["waitlistPosition", true],
        ]}
        itemFormatters={() => formatters}
        rowIdentifier={(p) => p.uuid}
      />
      {event && registering && (
        <RegisterDialog
          event={event}
          open
          onClose={() => setRegistering(false)}
          onRegistered={() => {
            setRegistering(false);
            setDone(msg("participants.registered"));
            reload();
          }}
        />
      )}
      {event && importing && (
        <ImportDialog
          event={event}
          open
          onClose={() => setImporting(false)}
          onImported={() => {
            setDone(msg("import.done"));
            reload();
          }}
        />
      )}
      <Dialog open={!!rejecting} onClose={() => setRejecting(null)}>
        <DialogTitle>{rejecting && msgv("participants.confirm.reject", { name: name(rejecting) })}</DialogTitle>
        <DialogContent>
          <Field name="reason" label={msg("field.rejectionReason")} value={reason} onChange={setReason} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setRejecting(null)}>{msg("cancel")}</Button>
          <Button name="confirmReject" color="primary" onClick={reject}>
            {msg("participants.reject")}
          </Button>
        </DialogActions>
      </Dialog>
    </div>
  );
}
