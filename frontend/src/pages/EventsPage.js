import React from "react";
import { useDispatch, useSelector } from "react-redux";
import { useHistory } from "react-router-dom";
import { Searcher, Helmet } from "@openimis/fe-core";
import { Fab, IconButton, Tooltip } from "@material-ui/core";
import AddIcon from "@material-ui/icons/Add";
import PeopleIcon from "@material-ui/icons/People";
import ViewModuleIcon from "@material-ui/icons/ViewModule";
import BarChartIcon from "@material-ui/icons/BarChart";
import CropFreeIcon from "@material-ui/icons/CropFree";
import { fetchEvents } from "../actions";
import {
  DEFAULT_PAGE_SIZE,
  ROWS_PER_PAGE_OPTIONS,
  RIGHT_EVENT_CREATE,
  RIGHT_EVENT_SEARCH,
  RIGHT_PARTICIPANT_SEARCH,
  RIGHT_PARTICIPANT_CHECK_IN,
  ROUTE_EVENT,
  ROUTE_PARTICIPANTS,
  ROUTE_AGENDA,
  ROUTE_STATISTICS,
  ROUTE_CHECK_IN,
} from "../constants";
import { useMsg, M } from "../utils/i18n";
import { useRights, has } from "../utils/rights";
import { usePageStyles, wallClockText } from "../components/common";
import EventFilter from "../components/EventFilter";
import { countryName } from "../pickers";

export function goTo(history, route, id) {
  history.push(`/${route}${id ? `/${id}` : ""}`);
}

export default function EventsPage() {
  const classes = usePageStyles();
  const dispatch = useDispatch();
  const history = useHistory();
  const rights = useRights();
  const { msg, msgv, enumLabel, locale } = useMsg();
  const state = useSelector((s) => s.meeting);
  if (!has(rights, RIGHT_EVENT_SEARCH)) return null;

  const open = (route, event) => goTo(history, route, event.uuid);
  const action = (label, icon, route, right) => (e) =>
    has(rights, right) && (
      <Tooltip title={msg(label)}>
        <IconButton size="small" aria-label={msg(label)} onClick={() => open(route, e)}>
          {icon}
        </IconButton>
      </Tooltip>
    );
  const formatters = [
    (e) => e.code,
    (e) => e.name,
    (e) => enumLabel("MeetingEventTypeEnum", e.eventType),
    (e) => <span data-status={e.status}>{enumLabel("MeetingEventStatusEnum", e.status)}</span>,
    (e) => wallClockText(e.startsAt),
    (e) => e.city,
    (e) => countryName(locale, e.country),
    (e) => e.capacity ?? "",
    action(M("events.participants"), <PeopleIcon />, ROUTE_PARTICIPANTS, RIGHT_PARTICIPANT_SEARCH),
    action(M("events.agenda"), <ViewModuleIcon />, ROUTE_AGENDA, RIGHT_EVENT_SEARCH),
    action(M("events.statistics"), <BarChartIcon />, ROUTE_STATISTICS, RIGHT_PARTICIPANT_SEARCH),
    action(M("events.checkIn"), <CropFreeIcon />, ROUTE_CHECK_IN, RIGHT_PARTICIPANT_CHECK_IN),
  ];
  return (
    <div className={classes.page}>
      <Helmet title={msg("events.title")} />
      <Searcher
        module="meeting"
        cacheFiltersKey="meetingEventsSearcher"
        FilterPane={EventFilter}
        fetch={(filters) => dispatch(fetchEvents(filters))}
        items={state.events}
        itemsPageInfo={state.eventsPageInfo}
        fetchingItems={state.fetchingEvents}
        fetchedItems={state.fetchedEvents}
        errorItems={state.errorEvents}
        tableTitle={msgv("events.found", { count: state.eventsPageInfo?.totalCount ?? 0 })}
        rowsPerPageOptions={ROWS_PER_PAGE_OPTIONS}
        defaultPageSize={DEFAULT_PAGE_SIZE}
        defaultOrderBy="-startsAt"
        headers={() => [
          M("field.code"),
          M("field.name"),
          M("field.eventType"),
          M("field.status"),
          M("field.startsAt"),
          M("field.city"),
          M("field.country"),
          M("field.capacity"),
          "",
          "",
          "",
          "",
        ]}
        sorts={() => [
          ["code", true],
          ["name", true],
          ["eventType", true],
          ["status", true],
          ["startsAt", false],
          ["city", true],
          ["country", true],
        ]}
        itemFormatters={() => formatters}
        rowIdentifier={(e) => e.uuid}
        onDoubleClick={(e) => open(ROUTE_EVENT, e)}
      />
      {has(rights, RIGHT_EVENT_CREATE) && (
        <div className={classes.fab}>
          <Tooltip title={msg("events.create")}>
            <Fab color="primary" aria-label={msg("events.create")} onClick={() => goTo(history, ROUTE_EVENT)}>
              <AddIcon />
            </Fab>
          </Tooltip>
        </div>
      )}
    </div>
  );
}
