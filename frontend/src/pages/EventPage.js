import React, { useEffect, useState } from "react";
import { useDispatch } from "react-redux";
import { useHistory, useParams } from "react-router-dom";
import { Helmet, PublishedComponent, useModulesManager, ProgressOrError } from "@openimis/fe-core";
import { Grid, Button, FormControlLabel, Checkbox, Chip } from "@material-ui/core";
import { EVENT_FORM_PROJECTION } from "../actions";
import {
  ENUMS,
  EVENT_TRANSITIONS,
  RIGHT_EVENT_CREATE,
  RIGHT_EVENT_SEARCH,
  RIGHT_EVENT_UPDATE,
  RIGHT_PARTICIPANT_SEARCH,
  ROUTE_EVENT,
  ROUTE_EVENTS,
  ROUTE_PARTICIPANTS,
  ROUTE_AGENDA,
  ROUTE_STATISTICS,
} from "../constants";
import { useMsg } from "../utils/i18n";
import { useRights, has } from "../utils/rights";
import { query, mutate, enumValue, literal, relayId, emptiedOr } from "../utils/gql";
import { usePageStyles, Section, Field, EnumSelect, Errors, Done, wallClock } from "../components/common";
import { useConfirm } from "../components/Confirm";
import { CountryPicker, TimezonePicker } from "../pickers";

const EMPTY = {
  code: "",
  name: "",
  nameFr: "",
  description: "",
  descriptionFr: "",
  eventType: "COMMUNITY_MEETING",
  startsAt: "",
  endsAt: "",
  timezone: "UTC",
  venue: "",
  city: "",
  country: null,
  location: null,
  participationMode: "IN_PERSON",
  onlineUrl: "",
  capacity: null,
  registrationOpensAt: "",
  registrationClosesAt: "",
  requiresApproval: false,
  waitingList: true,
  organisers: "",
};

const seconds = (wall) => (wall ? `${wall}:00` : null);

/**
 * The mutation's fields: times as wall-clock text, read by the backend in the event's zone; a French text emptied
 * (it had a value when the form loaded, `edited.loaded`) is sent as "", which removes it.
 */
export function eventInput(edited) {
  return {
    code: edited.code,
    name: edited.name,
    nameFr: emptiedOr(edited.nameFr, edited.loaded?.nameFr),
    description: edited.description,
    descriptionFr: emptiedOr(edited.descriptionFr, edited.loaded?.descriptionFr),
    eventType: edited.eventType && enumValue(edited.eventType),
    startsAt: seconds(edited.startsAt),
    endsAt: seconds(edited.endsAt),
    timezone: edited.timezone,
    venue: edited.venue,
    city: edited.city,
    country: edited.country,
    locationId: edited.location?.uuid,
    participationMode: edited.participationMode && enumValue(edited.participationMode),
    onlineUrl: edited.onlineUrl,
    capacity: edited.capacity,
    registrationOpensAt: seconds(edited.registrationOpensAt),
    registrationClosesAt: seconds(edited.registrationClosesAt),
    requiresApproval: !!edited.requiresApproval,
    waitingList: !!edited.waitingList,
    organisers: edited.organisers,
  };
}

function fromApi(node) {
  return {
    ...node,
    loaded: node,
    startsAt: wallClock(node.startsAt),
    endsAt: wallClock(node.endsAt),
    registrationOpensAt: wallClock(node.registrationOpensAt),
    registrationClosesAt: wallClock(node.registrationClosesAt),
  };
}

export default function EventPage() {
  const classes = usePageStyles();
  const dispatch = useDispatch();
  const history = useHistory();
  const modulesManager = useModulesManager();
  const { event_uuid: uuid } = useParams();
  const rights = useRights();
  const { msg, msgv, enumLabel } = useMsg();
  const { ask, dialog } = useConfirm();
  const [edited, setEdited] = useState(uuid ? null : EMPTY);
  const [loadError, setLoadError] = useState(null);
  const [errors, setErrors] = useState([]);
  const [done, setDone] = useState(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    try {
      const data = await query(
        dispatch,
        `{ node(id: ${literal(relayId("MeetingEventGQLType", uuid))}) { ... on MeetingEventGQLType { ${EVENT_FORM_PROJECTION.join(" ")} } } }`,
      );
      setEdited(fromApi(data.node));
    } catch (e) {
      setLoadError({ message: e.message });
    }
  };
  useEffect(() => {
    if (uuid) load();
  }, [uuid]);

  if (!has(rights, RIGHT_EVENT_SEARCH)) return null;
  if (!edited) return <ProgressOrError progress={!loadError} error={loadError} />;

  const canEdit = uuid ? has(rights, RIGHT_EVENT_UPDATE) && !["COMPLETED", "CANCELLED"].includes(edited.status) : has(rights, RIGHT_EVENT_CREATE);
  const set = (field) => (value) => setEdited({ ...edited, [field]: value });

  const run = async (operation, fields, label, onSuccess) => {
    setBusy(true);
    setErrors([]);
    setDone(null);
    const result = await mutate(dispatch, operation, fields, label);
    setBusy(false);
    if (result.status === 2) {
      setDone(msg("mutation.done"));
      onSuccess && (await onSuccess(result));
    } else {
      setErrors(result.errors.length ? result.errors : [{ message: msg("mutation.pending") }]);
    }
  };

  const save = () => {
    if (uuid) {
      run("updateMeetingEvent", { id: uuid, ...eventInput(edited) }, msgv("events.mutation.update", { code: edited.code }), load);
    } else {
      run("createMeetingEvent", eventInput(edited), msgv("events.mutation.create", { code: edited.code }), async (r) => {
        const data = await query(dispatch, `{ meetingEvents(clientMutationId: ${literal(r.clientMutationId)}) { edges { node { uuid } } } }`);
        const created = data.meetingEvents.edges[0]?.node;
        if (created) history.replace(`/${ROUTE_EVENT}/${created.uuid}`);
      });
    }
  };

  const changeStatus = (status) =>
    ask(msg("events.confirm.title"), msgv("events.confirm.status", { code: edited.code, status: enumLabel("MeetingEventStatusEnum", status) }), () =>
      run(
        "changeMeetingEventStatus",
        { id: uuid, status: enumValue(status) },
        msgv("events.mutation.status", { code: edited.code, status }),
        load,
      ),
    );

  const hasLocationPicker = !!modulesManager?.getRef?.("location.LocationPicker");
  const transitions = uuid && has(rights, RIGHT_EVENT_UPDATE) ? EVENT_TRANSITIONS[edited.status] || [] : [];

  return (
    <div className={classes.page}>
      <Helmet title={msg("events.formTitle")} />
      {dialog}
      <Section
        title={uuid ? `${edited.code} — ${edited.name}` : msg("events.create")}
        actions={uuid && <Chip data-testid="event-status" label={enumLabel("MeetingEventStatusEnum", edited.status)} />}
      >
        <Grid container spacing={2}>
          <Grid item xs={3}>
            <Field name="code" label={msg("field.code")} value={edited.code} onChange={set("code")} readOnly={!canEdit} required />
          </Grid>
          <Grid item xs={6}>
            <Field name="name" label={msg("field.nameEn")} value={edited.name} onChange={set("name")} readOnly={!canEdit} required />
          </Grid>
          <Grid item xs={3}>
            <EnumSelect
              name="eventType"
              label={msg("field.eventType")}
              enumName="MeetingEventTypeEnum"
              values={ENUMS.MeetingEventTypeEnum}
              value={edited.eventType}
              onChange={set("eventType")}
              readOnly={!canEdit}
              withNull={false}
            />
          </Grid>
          <Grid item xs={3} />
          <Grid item xs={6}>
            <Field name="nameFr" label={msg("field.nameFr")} value={edited.nameFr} onChange={set("nameFr")} readOnly={!canEdit} />
          </Grid>
          <Grid item xs={3} />
          <Grid item xs={6}>
            <Field name="description" label={msg("field.descriptionEn")} value={edited.description} onChange={set("description")} readOnly={!canEdit} multiline />
          </Grid>
          <Grid item xs={6}>
            <Field name="descriptionFr" label={msg("field.descriptionFr")} value={edited.descriptionFr} onChange={set("descriptionFr")} readOnly={!canEdit} multiline />
          </Grid>
          <Grid item xs={3}>
            <Field name="startsAt" type="datetime-local" label={msg("field.startsAt")} value={edited.startsAt} onChange={set("startsAt")} readOnly={!canEdit} required />
          </Grid>
          <Grid item xs={3}>
            <Field name="endsAt" type="datetime-local" label={msg("field.endsAt")} value={edited.endsAt} onChange={set("endsAt")} readOnly={!canEdit} required />
          </Grid>
          <Grid item xs={3}>
            <TimezonePicker value={edited.timezone} onChange={set("timezone")} readOnly={!canEdit} />
          </Grid>
          <Grid item xs={3}>
            <EnumSelect
              name="participationMode"
              label={msg("field.participationMode")}
              enumName="MeetingParticipationModeEnum"
              values={ENUMS.MeetingParticipationModeEnum}
              value={edited.participationMode}
              onChange={set("participationMode")}
              readOnly={!canEdit}
              withNull={false}
            />
          </Grid>
          <Grid item xs={3}>
            <Field name="venue" label={msg("field.venue")} value={edited.venue} onChange={set("venue")} readOnly={!canEdit} />
          </Grid>
          <Grid item xs={3}>
            <Field name="city" label={msg("field.city")} value={edited.city} onChange={set("city")} readOnly={!canEdit} />
          </Grid>
          <Grid item xs={3}>
            <CountryPicker value={edited.country} onChange={set("country")} readOnly={!canEdit} />
          </Grid>
          <Grid item xs={3}>
            {hasLocationPicker && (
              <PublishedComponent
                pubRef="location.LocationPicker"
                value={edited.location}
                onChange={set("location")}
                readOnly={!canEdit}
                label={msg("field.location")}
              />
            )}
          </Grid>
          <Grid item xs={6}>
            <Field name="onlineUrl" label={msg("field.onlineUrl")} value={edited.onlineUrl} onChange={set("onlineUrl")} readOnly={!canEdit} />
          </Grid>
          <Grid item xs={2}>
            <Field name="capacity" type="number" label={msg("field.capacity")} value={edited.capacity} onChange={set("capacity")} readOnly={!canEdit} />
          </Grid>
          <Grid item xs={4}>
            <FormControlLabel
              control={
                <Checkbox
                  name="waitingList"
                  checked={!!edited.waitingList}
                  disabled={!canEdit}
                  onChange={(e) => set("waitingList")(e.target.checked)}
                />
              }
              label={msg("field.waitingList")}
            />
          </Grid>
          <Grid item xs={4}>
            <FormControlLabel
              control={
                <Checkbox
                  name="requiresApproval"
                  checked={!!edited.requiresApproval}
                  disabled={!canEdit}
                  onChange={(e) => set("requiresApproval")(e.target.checked)}
                />
              }
              label={msg("field.requiresApproval")}
            />
          </Grid>
          <Grid item xs={3}>
            <Field name="registrationOpensAt" type="datetime-local" label={msg("field.registrationOpensAt")} value={edited.registrationOpensAt} onChange={set("registrationOpensAt")} readOnly={!canEdit} />
          </Grid>
          <Grid item xs={3}>
            <Field name="registrationClosesAt" type="datetime-local" label={msg("field.registrationClosesAt")} value={edited.registrationClosesAt} onChange={set("registrationClosesAt")} readOnly={!canEdit} />
          </Grid>
          <Grid item xs={6}>
            <Field name="organisers" label={msg("field.organisers")} value={edited.organisers} onChange={set("organisers")} readOnly={!canEdit} />
          </Grid>
        </Grid>
        <Errors errors={errors} />
        <Done message={done} />
        <div className={classes.actions}>
          {canEdit && (
            <Button variant="contained" color="primary" name="save" disabled={busy} onClick={save}>
              {msg("save")}
            </Button>
          )}
          {transitions.map((status) => (
            <Button key={status} variant="outlined" name={`status-${status}`} disabled={busy} onClick={() => changeStatus(status)}>
              {msg(`events.to.${status}`)}
            </Button>
          ))}
          <Button onClick={() => history.push(`/${ROUTE_EVENTS}`)}>{msg("events.backToList")}</Button>
          {uuid && has(rights, RIGHT_PARTICIPANT_SEARCH) && (
            <Button name="participants" onClick={() => history.push(`/${ROUTE_PARTICIPANTS}/${uuid}`)}>
              {msg("events.participants")}
            </Button>
          )}
          {uuid && (
            <Button name="agenda" onClick={() => history.push(`/${ROUTE_AGENDA}/${uuid}`)}>
              {msg("events.agenda")}
            </Button>
          )}
          {uuid && has(rights, RIGHT_PARTICIPANT_SEARCH) && (
            <Button name="statistics" onClick={() => history.push(`/${ROUTE_STATISTICS}/${uuid}`)}>
              {msg("events.statistics")}
            </Button>
          )}
        </div>
      </Section>
    </div>
  );
}
