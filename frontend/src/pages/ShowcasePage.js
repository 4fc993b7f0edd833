import React, { useEffect, useState } from "react";
import { useDispatch } from "react-redux";
import { useHistory, useParams } from "react-router-dom";
import { Helmet, ProgressOrError } from "@openimis/fe-core";
import { Grid, Button, Chip, Table, TableHead, TableRow, TableCell, TableBody, Typography } from "@material-ui/core";
import { SHOWCASE_FORM_PROJECTION, SHOWCASE_REVIEW_PROJECTION } from "../actions";
import {
  ENUMS,
  RIGHT_PARTICIPANT_SEARCH,
  RIGHT_SHOWCASE_CREATE,
  RIGHT_SHOWCASE_DECIDE,
  RIGHT_SHOWCASE_REVIEW,
  RIGHT_SHOWCASE_SEARCH,
  RIGHT_SHOWCASE_UPDATE,
  ROUTE_SHOWCASE,
  ROUTE_SHOWCASES,
} from "../constants";
import { useMsg, M } from "../utils/i18n";
import { useRights, has } from "../utils/rights";
import { query, mutate, enumValue, literal, relayId, emptiedOr } from "../utils/gql";
import { usePageStyles, Section, Field, EnumSelect, MultiSelect, Errors, Done, useOptions, edgesOf, wallClockText } from "../components/common";
import { useConfirm } from "../components/Confirm";
import { EventPicker, OrganisationPicker, COUNTRY_CODES, countryName } from "../pickers";
import IntegrationsEditor from "../components/IntegrationsEditor";
import { ReviewDialog, DecideDialog, ScheduleDialog } from "../components/WorkflowDialogs";

const EDITABLE = ["DRAFT", "SUBMITTED", "REVISION_REQUESTED", "ACCEPTED", "SCHEDULED"];
const FINAL = ["REJECTED", "PRESENTED", "WITHDRAWN"];
const EMPTY = {
  event: null,
  title: "",
  titleFr: "",
  abstract: "",
  abstractFr: "",
  leadOrganisation: null,
  partnerOrganisationIds: [],
  presenterIds: [],
  schemeName: "",
  schemeType: null,
  useCases: [],
  countries: [],
  demoType: "LIVE",
  mediaLinks: "",
  integrations: [],
};

function fromApi(node) {
  return {
    ...node,
    loaded: node,
    partnerOrganisationIds: (node.partnerOrganisations || []).map((o) => o.uuid),
    presenterIds: (node.presenters || []).map((p) => p.uuid),
    mediaLinks: (node.mediaLinks || []).join("\n"),
    integrations: (node.integrations || []).map((i) => ({
      sourceSystemId: i.sourceSystem?.uuid,
      targetSystemId: i.targetSystem?.uuid,
      standardId: i.standard?.uuid,
      direction: i.direction,
      mode: i.mode,
      evidenceLevel: i.evidenceLevel,
      dataExchanged: i.dataExchanged || "",
      conformanceReference: i.conformanceReference || "",
    })),
  };
}

/** The mutation's fields; a French text emptied (it had a value when the form loaded, `s.loaded`) is sent as "". */
export function showcaseInput(s) {
  return {
    title: s.title,
    titleFr: emptiedOr(s.titleFr, s.loaded?.titleFr),
    abstract: s.abstract,
    abstractFr: emptiedOr(s.abstractFr, s.loaded?.abstractFr),
    leadOrganisationId: s.leadOrganisation?.uuid,
    partnerOrganisationIds: s.partnerOrganisationIds,
    presenterIds: s.presenterIds,
    schemeName: s.schemeName,
    schemeType: s.schemeType && enumValue(s.schemeType),
    useCases: s.useCases.map(enumValue),
    countries: s.countries,
    demoType: s.demoType && enumValue(s.demoType),
    mediaLinks: s.mediaLinks
      .split(/\s+/)
      .map((l) => l.trim())
      .filter(Boolean),
    integrations: s.integrations.map((i) => ({
      sourceSystemId: i.sourceSystemId,
      targetSystemId: i.targetSystemId,
      direction: enumValue(i.direction),
      standardId: i.standardId,
      dataExchanged: i.dataExchanged,
      mode: enumValue(i.mode),
      evidenceLevel: enumValue(i.evidenceLevel),
      conformanceReference: i.conformanceReference,
    })),
  };
}

const CATALOGUE = `{ meetingDigitalSystems(first: 100) { edges { node { uuid name } } }
  meetingStandards(first: 100) { edges { node { uuid code name standardVersion } } } }`;

export default function ShowcasePage() {
  const classes = usePageStyles();
  const dispatch = useDispatch();
  const history = useHistory();
  const { showcase_uuid: uuid } = useParams();
  const rights = useRights();
  const { msg, msgv, enumLabel, locale } = useMsg();
  const { ask, dialog } = useConfirm();
  const [edited, setEdited] = useState(uuid ? null : EMPTY);
  const [loadError, setLoadError] = useState(null);
  const [errors, setErrors] = useState([]);
  const [done, setDone] = useState(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(null);
  const catalogue = useOptions(CATALOGUE, (data) => [{ systems: edgesOf(data.meetingDigitalSystems), standards: edgesOf(data.meetingStandards) }]);
  const eventId = edited?.event?.uuid;
  const presenters = useOptions(
    eventId && has(rights, RIGHT_PARTICIPANT_SEARCH)
      ? `{ meetingParticipants(eventId: ${literal(eventId)}, status_In: [PENDING, CONFIRMED, WAITLISTED], first: 100, orderBy: ["lastName"]) {
          edges { node { uuid firstName lastName } } } }`
      : null,
    (data) => edgesOf(data.meetingParticipants).map((p) => ({ value: p.uuid, label: `${p.firstName} ${p.lastName}` })),
  );
  const organisations = useOptions(`{ meetingOrganisations(first: 100, orderBy: ["name"]) { edges { node { uuid name acronym } } } }`, (data) =>
    edgesOf(data.meetingOrganisations).map((o) => ({ value: o.uuid, label: o.acronym || o.name })),
  );

  const load = async () => {
    const projection = [...SHOWCASE_FORM_PROJECTION, ...(has(rights, RIGHT_SHOWCASE_DECIDE) ? SHOWCASE_REVIEW_PROJECTION : [])];
    try {
      const data = await query(dispatch, `{ node(id: ${literal(relayId("MeetingShowcaseGQLType", uuid))}) { ... on MeetingShowcaseGQLType { ${projection.join(" ")} } } }`, "MEETING_QUERY", {
        partial: true,
      });
      setEdited(fromApi(data.node));
    } catch (e) {
      setLoadError({ message: e.message });
    }
  };
  useEffect(() => {
    if (uuid) load();
  }, [uuid]);

  if (!has(rights, RIGHT_SHOWCASE_SEARCH)) return null;
  if (!edited) return <ProgressOrError progress={!loadError} error={loadError} />;

  const status = edited.status;
  const canEdit = uuid ? has(rights, RIGHT_SHOWCASE_UPDATE) && EDITABLE.includes(status) : has(rights, RIGHT_SHOWCASE_CREATE);
  const set = (field) => (v) => setEdited({ ...edited, [field]: v });
  const { systems = [], standards = [] } = catalogue[0] || {};

  const run = async (operation, fields, label, after) => {
    setBusy(true);
    setErrors([]);
    setDone(null);
    setOpen(null);
    const result = await mutate(dispatch, operation, fields, label);
    setBusy(false);
    if (result.status === 2) {
      setDone(msg("mutation.done"));
      if (after) await after(result);
      else await load();
    } else {
      setErrors(result.errors.length ? result.errors : [{ message: msg("mutation.pending") }]);
    }
  };
  const save = () => {
    if (uuid) {
      run("updateMeetingShowcase", { id: uuid, ...showcaseInput(edited) }, msgv("showcase.mutation.update", { title: edited.title }));
    } else {
      run("createMeetingShowcase", { eventId, ...showcaseInput(edited) }, msgv("showcase.mutation.create", { title: edited.title }), async (r) => {
        const data = await query(dispatch, `{ meetingShowcases(clientMutationId: ${literal(r.clientMutationId)}) { edges { node { uuid } } } }`);
        const created = data.meetingShowcases.edges[0]?.node;
        if (created) history.replace(`/${ROUTE_SHOWCASE}/${created.uuid}`);
      });
    }
  };
  const step = (operation, labelKey, confirmKey) =>
    ask(msg("showcase.confirm.title"), msgv(confirmKey, { title: edited.title }), () => run(operation, { id: uuid }, msgv(labelKey, { title: edited.title })));

  const actions = [];
  if (uuid) {
    if (has(rights, RIGHT_SHOWCASE_UPDATE) && ["DRAFT", "REVISION_REQUESTED"].includes(status))
      actions.push(["submit", () => step("submitMeetingShowcase", M("showcase.mutation.submit"), M("showcase.confirm.submit"))]);
    if (has(rights, RIGHT_SHOWCASE_REVIEW) && ["SUBMITTED", "UNDER_REVIEW"].includes(status)) actions.push(["review", () => setOpen("review")]);
    if (has(rights, RIGHT_SHOWCASE_DECIDE) && status === "UNDER_REVIEW") actions.push(["decide", () => setOpen("decide")]);
    if (has(rights, RIGHT_SHOWCASE_DECIDE) && ["ACCEPTED", "SCHEDULED"].includes(status)) actions.push(["schedule", () => setOpen("schedule")]);
    if (has(rights, RIGHT_SHOWCASE_DECIDE) && status === "SCHEDULED")
      actions.push(["presented", () => step("markMeetingShowcasePresented", M("showcase.mutation.presented"), M("showcase.confirm.presented"))]);
    if (has(rights, RIGHT_SHOWCASE_UPDATE) && !FINAL.includes(status))
      actions.push(["withdraw", () => step("withdrawMeetingShowcase", M("showcase.mutation.withdraw"), M("showcase.confirm.withdraw"))]);
  }
  const countryOptions = COUNTRY_CODES.map((c) => ({ value: c, label: countryName(locale, c) }));
  const useCaseOptions = ENUMS.MeetingUseCaseEnum.map((u) => ({ value: u, label: enumLabel("MeetingUseCaseEnum", u) }));

  return (
    <div className={classes.page}>
      <Helmet title={msg("showcases.title")} />
      {dialog}
      <Section
        title={uuid ? edited.title : msg("showcases.create")}
        actions={uuid && <Chip data-testid="showcase-status" label={enumLabel("MeetingShowcaseStatusEnum", status)} />}
      >
        <Grid container spacing={2}>
          <Grid item xs={4}>
            {uuid ? (
              <Field name="event" label={msg("field.event")} value={`${edited.event?.code} — ${edited.event?.name}`} onChange={() => {}} readOnly />
            ) : (
              <EventPicker name="eventId" value={eventId} onChange={(v) => set("event")(v ? { uuid: v } : null)} filter={(e) => !["COMPLETED", "CANCELLED"].includes(e.status)} />
            )}
          </Grid>
          <Grid item xs={8}>
            <Field name="title" label={msg("field.titleEn")} value={edited.title} onChange={set("title")} readOnly={!canEdit} required />
          </Grid>
          <Grid item xs={4} />
          <Grid item xs={8}>
            <Field name="titleFr" label={msg("field.titleFr")} value={edited.titleFr} onChange={set("titleFr")} readOnly={!canEdit} />
          </Grid>
          <Grid item xs={6}>
            <Field name="abstract" label={msg("field.abstractEn")} value={edited.abstract} onChange={set("abstract")} readOnly={!canEdit} multiline />
          </Grid>
          <Grid item xs={6}>
            <Field name="abstractFr" label={msg("field.abstractFr")} value={edited.abstractFr} onChange={set("abstractFr")} readOnly={!canEdit} multiline />
          </Grid>
          <Grid item xs={4}>
            <OrganisationPicker
              name="leadOrganisationId"
              label={msg("field.leadOrganisation")}
              value={edited.leadOrganisation?.uuid}
              onChange={(v) => set("leadOrganisation")(v ? { uuid: v } : null)}
              readOnly={!canEdit}
            />
          </Grid>
          <Grid item xs={4}>
            <MultiSelect name="partnerOrganisationIds" label={msg("field.partnerOrganisations")} options={organisations} value={edited.partnerOrganisationIds} onChange={set("partnerOrganisationIds")} readOnly={!canEdit} />
          </Grid>
          <Grid item xs={4}>
            {has(rights, RIGHT_PARTICIPANT_SEARCH) ? (
              <MultiSelect name="presenterIds" label={msg("field.presenters")} options={presenters} value={edited.presenterIds} onChange={set("presenterIds")} readOnly={!canEdit || !eventId} />
            ) : (
              <Field name="presenters" label={msg("field.presenters")} value={(edited.presenters || []).map((p) => `${p.firstName} ${p.lastName}`).join(", ")} onChange={() => {}} readOnly />
            )}
          </Grid>
          <Grid item xs={4}>
            <Field name="schemeName" label={msg("field.schemeName")} value={edited.schemeName} onChange={set("schemeName")} readOnly={!canEdit} />
          </Grid>
          <Grid item xs={4}>
            <EnumSelect name="schemeType" label={msg("field.schemeType")} enumName="MeetingSchemeTypeEnum" values={ENUMS.MeetingSchemeTypeEnum} value={edited.schemeType} onChange={set("schemeType")} readOnly={!canEdit} />
          </Grid>
          <Grid item xs={4}>
            <EnumSelect name="demoType" label={msg("field.demoType")} enumName="MeetingDemoTypeEnum" values={ENUMS.MeetingDemoTypeEnum} value={edited.demoType} onChange={set("demoType")} readOnly={!canEdit} withNull={false} />
          </Grid>
          <Grid item xs={6}>
            <MultiSelect name="useCases" label={msg("field.useCases")} options={useCaseOptions} value={edited.useCases} onChange={set("useCases")} readOnly={!canEdit} />
          </Grid>
          <Grid item xs={6}>
            <MultiSelect name="countries" label={msg("field.countries")} options={countryOptions} value={edited.countries} onChange={set("countries")} readOnly={!canEdit} />
          </Grid>
          <Grid item xs={12}>
            <Field name="mediaLinks" label={msg("field.mediaLinks")} value={edited.mediaLinks} onChange={set("mediaLinks")} readOnly={!canEdit} multiline />
          </Grid>
          {uuid && (edited.startsAt || edited.decisionNote) && (
            <Grid item xs={12}>
              <Typography variant="body2" data-testid="showcase-slot">
                {edited.startsAt && msgv("showcase.slot", { from: wallClockText(edited.startsAt), to: wallClockText(edited.endsAt) })}
                {edited.decisionNote && ` ${msg("field.decisionNote")}: ${edited.decisionNote}`}
              </Typography>
            </Grid>
          )}
        </Grid>
      </Section>
      <Section title={msg("showcase.integrations")}>
        <IntegrationsEditor value={edited.integrations} onChange={set("integrations")} systems={systems} standards={standards} readOnly={!canEdit} />
      </Section>
      {edited.reviews && (
        <Section title={msgv("showcase.reviews", { count: edited.reviewCount ?? 0, overall: edited.meanScores?.overall ?? "–" })}>
          <Table size="small" data-testid="reviews">
            <TableHead>
              <TableRow>
                {[M("review.reviewer"), M("review.round"), M("review.relevance"), M("review.depth"), M("review.reusability"), M("review.countryImpact"), M("review.recommendation"), M("review.comment")].map((h) => (
                  <TableCell key={h}>{msg(h)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {edited.reviews.map((r, i) => (
                <TableRow key={i}>
                  <TableCell>{r.reviewer}</TableCell>
                  <TableCell>{r.round}</TableCell>
                  <TableCell>{r.relevance}</TableCell>
                  <TableCell>{r.depth}</TableCell>
                  <TableCell>{r.reusability}</TableCell>
                  <TableCell>{r.countryImpact}</TableCell>
                  <TableCell>{enumLabel("MeetingRecommendationEnum", r.recommendation)}</TableCell>
                  <TableCell>{r.comment}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Section>
      )}
      <Errors errors={errors} />
      <Done message={done} />
      <div className={classes.actions}>
        {canEdit && (
          <Button name="save" variant="contained" color="primary" disabled={busy || (!uuid && !eventId)} onClick={save}>
            {msg("save")}
          </Button>
        )}
        {actions.map(([name, onClick]) => (
          <Button key={name} name={name} variant="outlined" disabled={busy} onClick={onClick}>
            {msg(`showcase.action.${name}`)}
          </Button>
        ))}
        <Button onClick={() => history.push(`/${ROUTE_SHOWCASES}`)}>{msg("showcases.backToList")}</Button>
      </div>
      {open === "review" && (
        <ReviewDialog open onClose={() => setOpen(null)} onSubmit={(fields) => run("reviewMeetingShowcase", { id: uuid, ...fields }, msgv("showcase.mutation.review", { title: edited.title }))} />
      )}
      {open === "decide" && (
        <DecideDialog open onClose={() => setOpen(null)} onSubmit={(fields) => run("decideMeetingShowcase", { id: uuid, ...fields }, msgv("showcase.mutation.decide", { title: edited.title }))} />
      )}
      {open === "schedule" && (
        <ScheduleDialog
          open
          showcase={edited}
          onClose={() => setOpen(null)}
          onSubmit={(fields) => run("scheduleMeetingShowcase", { id: uuid, ...fields }, msgv("showcase.mutation.schedule", { title: edited.title }))}
        />
      )}
    </div>
  );
}
