import React from "react";
import { useHistory } from "react-router-dom";
import { MainMenuContribution } from "@openimis/fe-core";
import EventIcon from "@material-ui/icons/Event";
import ViewListIcon from "@material-ui/icons/ViewList";
import CropFreeIcon from "@material-ui/icons/CropFree";
import SlideshowIcon from "@material-ui/icons/Slideshow";
import GridOnIcon from "@material-ui/icons/GridOn";
import {
  RIGHT_EVENT_SEARCH,
  RIGHT_PARTICIPANT_CHECK_IN,
  RIGHT_SHOWCASE_SEARCH,
  ROUTE_EVENTS,
  ROUTE_CHECK_IN,
  ROUTE_SHOWCASES,
  ROUTE_MATRIX,
} from "../constants";
import { useMsg } from "../utils/i18n";
import { useRights, has } from "../utils/rights";

/** The entries of the "Meetings" menu the user may open, by the rights each screen needs. */
export function menuEntries(rights, msg) {
  const entries = [];
  if (has(rights, RIGHT_EVENT_SEARCH)) entries.push({ id: "meeting.events", text: msg("menu.events"), icon: <ViewListIcon />, route: `/${ROUTE_EVENTS}` });
  if (has(rights, RIGHT_PARTICIPANT_CHECK_IN)) entries.push({ id: "meeting.checkIn", text: msg("menu.checkIn"), icon: <CropFreeIcon />, route: `/${ROUTE_CHECK_IN}` });
  if (has(rights, RIGHT_SHOWCASE_SEARCH)) {
    entries.push({ id: "meeting.showcases", text: msg("menu.showcases"), icon: <SlideshowIcon />, route: `/${ROUTE_SHOWCASES}` });
    entries.push({ id: "meeting.matrix", text: msg("menu.matrix"), icon: <GridOnIcon />, route: `/${ROUTE_MATRIX}` });
  }
  return entries;
}

export default function MeetingMainMenu(props) {
  const rights = useRights();
  const history = useHistory();
  const { msg } = useMsg();
  const entries = menuEntries(rights, msg);
  if (!entries.length) return null;
  return <MainMenuContribution {...props} history={history} header={msg("menu.meetings")} icon={<EventIcon />} entries={entries} menuId="MeetingMainMenu" rights={rights} />;
}
