import React from "react";
import { useDispatch, useSelector } from "react-redux";
import { useHistory } from "react-router-dom";
import { Searcher, Helmet } from "@openimis/fe-core";
import { Fab, Tooltip, Grid } from "@material-ui/core";
import AddIcon from "@material-ui/icons/Add";
import { fetchShowcases } from "../actions";
import { DEFAULT_PAGE_SIZE, ENUMS, ROWS_PER_PAGE_OPTIONS, RIGHT_SHOWCASE_CREATE, RIGHT_SHOWCASE_SEARCH, ROUTE_SHOWCASE } from "../constants";
import { useMsg, M } from "../utils/i18n";
import { useRights, has } from "../utils/rights";
import { literal } from "../utils/gql";
import { usePageStyles, Field, EnumSelect, wallClockText } from "../components/common";
import { EventPicker } from "../pickers";

const value = (filters, id) => filters?.[id]?.value ?? null;

function ShowcaseFilter({ filters, onChangeFilters }) {
  const { msg } = useMsg();
  const set = (id, v, filter) => onChangeFilters([{ id, value: v || null, filter: v ? filter : null }]);
  return (
    <Grid container spacing={2}>
      <Grid item xs={4}>
        <EventPicker name="eventFilter" value={value(filters, "eventId")} onChange={(v) => set("eventId", v, `eventId: ${literal(v)}`)} />
      </Grid>
      <Grid item xs={3}>
        <Field name="titleContains" label={msg("field.title")} value={value(filters, "title_Icontains")} onChange={(v) => set("title_Icontains", v, `title_Icontains: ${literal(v)}`)} />
      </Grid>
      <Grid item xs={3}>
        <EnumSelect
          name="statusFilter"
          label={msg("field.status")}
          enumName="MeetingShowcaseStatusEnum"
          values={ENUMS.MeetingShowcaseStatusEnum}
          value={value(filters, "status")}
          onChange={(v) => set("status", v, `status: ${v}`)}
        />
      </Grid>
      <Grid item xs={2}>
        <EnumSelect
          name="schemeTypeFilter"
          label={msg("field.schemeType")}
          enumName="MeetingSchemeTypeEnum"
          values={ENUMS.MeetingSchemeTypeEnum}
          value={value(filters, "schemeType")}
          onChange={(v) => set("schemeType", v, `schemeType: ${v}`)}
        />
      </Grid>
    </Grid>
  );
}

export default function ShowcasesPage() {
  const classes = usePageStyles();
  const dispatch = useDispatch();
  const history = useHistory();
  const rights = useRights();
  const { msg, msgv, enumLabel } = useMsg();
  const state = useSelector((s) => s.meeting);
  if (!has(rights, RIGHT_SHOWCASE_SEARCH)) return null;
  return (
    <div className={classes.page}>
      <Helmet title={msg("showcases.title")} />
      <Searcher
        module="meeting"
        cacheFiltersKey="meetingShowcasesSearcher"
        FilterPane={ShowcaseFilter}
        fetch={(filters) => dispatch(fetchShowcases(filters))}
        items={state.showcases}
        itemsPageInfo={state.showcasesPageInfo}
        fetchingItems={state.fetchingShowcases}
        fetchedItems={state.fetchedShowcases}
        errorItems={state.errorShowcases}
        tableTitle={msgv("showcases.found", { count: state.showcasesPageInfo?.totalCount ?? 0 })}
        rowsPerPageOptions={ROWS_PER_PAGE_OPTIONS}
        defaultPageSize={DEFAULT_PAGE_SIZE}
        headers={() => [M("field.title"), M("field.event"), M("field.status"), M("field.leadOrganisation"), M("field.schemeType"), M("field.startsAt")]}
        sorts={() => [["title", true], null, ["status", true], null, null, ["startsAt", true]]}
        itemFormatters={() => [
          (s) => s.title,
          (s) => s.event?.code,
          (s) => <span data-status={s.status}>{enumLabel("MeetingShowcaseStatusEnum", s.status)}</span>,
          (s) => s.leadOrganisation?.acronym || s.leadOrganisation?.name,
          (s) => enumLabel("MeetingSchemeTypeEnum", s.schemeType),
          (s) => wallClockText(s.startsAt),
        ]}
        rowIdentifier={(s) => s.uuid}
        onDoubleClick={(s) => history.push(`/${ROUTE_SHOWCASE}/${s.uuid}`)}
      />
      {has(rights, RIGHT_SHOWCASE_CREATE) && (
        <div className={classes.fab}>
          <Tooltip title={msg("showcases.create")}>
            <Fab color="primary" aria-label={msg("showcases.create")} onClick={() => history.push(`/${ROUTE_SHOWCASE}`)}>
              <AddIcon />
            </Fab>
          </Tooltip>
        </div>
      )}
    </div>
  );
}
