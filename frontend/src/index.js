import messages_en from "./translations/en.json";
import messages_fr from "./translations/fr.json";
import reducer from "./reducer";
import MeetingMainMenu from "./components/MeetingMainMenu";
import EventsPage from "./pages/EventsPage";
import EventPage from "./pages/EventPage";
import ParticipantsPage from "./pages/ParticipantsPage";
import CheckInPage from "./pages/CheckInPage";
import ShowcasesPage from "./pages/ShowcasesPage";
import ShowcasePage from "./pages/ShowcasePage";
import MatrixPage from "./pages/MatrixPage";
import AgendaPage from "./pages/AgendaPage";
import StatisticsPage from "./pages/StatisticsPage";
import { EventPicker, CountryPicker, TimezonePicker, OrganisationPicker } from "./pickers";
import {
  ROUTE_EVENTS,
  ROUTE_EVENT,
  ROUTE_PARTICIPANTS,
  ROUTE_AGENDA,
  ROUTE_STATISTICS,
  ROUTE_CHECK_IN,
  ROUTE_SHOWCASES,
  ROUTE_SHOWCASE,
  ROUTE_MATRIX,
} from "./constants";

const DEFAULT_CONFIG = {
  translations: [
    { key: "en", messages: messages_en },
    { key: "fr", messages: messages_fr },
  ],
  reducers: [{ key: "meeting", reducer }],
  refs: [
    { key: "meeting.EventPicker", ref: EventPicker },
    { key: "meeting.CountryPicker", ref: CountryPicker },
    { key: "meeting.TimezonePicker", ref: TimezonePicker },
    { key: "meeting.OrganisationPicker", ref: OrganisationPicker },
    { key: "meeting.route.events", ref: ROUTE_EVENTS },
    { key: "meeting.route.event", ref: ROUTE_EVENT },
    { key: "meeting.route.participants", ref: ROUTE_PARTICIPANTS },
    { key: "meeting.route.checkIn", ref: ROUTE_CHECK_IN },
    { key: "meeting.route.showcases", ref: ROUTE_SHOWCASES },
    { key: "meeting.route.showcase", ref: ROUTE_SHOWCASE },
    { key: "meeting.route.matrix", ref: ROUTE_MATRIX },
  ],
  "core.Router": [
    { path: ROUTE_EVENTS, component: EventsPage },
    { path: `${ROUTE_EVENT}/:event_uuid?`, component: EventPage },
    { path: `${ROUTE_PARTICIPANTS}/:event_uuid`, component: ParticipantsPage },
    { path: `${ROUTE_AGENDA}/:event_uuid`, component: AgendaPage },
    { path: `${ROUTE_STATISTICS}/:event_uuid`, component: StatisticsPage },
    { path: `${ROUTE_CHECK_IN}/:event_uuid?`, component: CheckInPage },
    { path: ROUTE_SHOWCASES, component: ShowcasesPage },
    { path: `${ROUTE_SHOWCASE}/:showcase_uuid?`, component: ShowcasePage },
    { path: ROUTE_MATRIX, component: MatrixPage },
  ],
  "core.MainMenu": [{ name: "MeetingMainMenu", component: MeetingMainMenu }],
};

export const MeetingModule = (cfg) => ({ ...DEFAULT_CONFIG, ...cfg });

export default MeetingModule;
