import { createTheme } from "@material-ui/core";

// The theme keys fe-core's components read (paper, table, menu, journal drawer, dialogs), in openIMIS's colours.
const PRIMARY = "#006273";
const LIGHT = "#dbeef0";
const HEADER = "#b7d4d8";

export default createTheme({
  palette: {
    primary: { main: PRIMARY },
    secondary: { main: "#fff" },
    error: { main: "#801a00" },
    text: { primary: PRIMARY, secondary: PRIMARY, second: "#fff", error: "#801a00" },
    toggledButton: "#999999",
  },
  typography: {
    fontFamily: ["Roboto", '"Helvetica Neue"', "sans-serif"].join(","),
    fontSize: 14,
    title: { fontSize: 20, fontWeight: 300 },
    label: { color: "grey" },
  },
  jrnlDrawer: { open: { width: 500 }, close: { width: 80 }, itemDetail: { marginLeft: 8 }, iconSize: 24 },
  menu: {
    variant: "AppBar",
    drawer: { width: 300, fontSize: 16, backgroundColor: PRIMARY },
    appBar: { fontSize: 16 },
  },
  page: { padding: 16, locked: { background: "#eee" } },
  paper: {
    paper: { margin: 10, backgroundColor: LIGHT },
    header: { color: PRIMARY, backgroundColor: HEADER },
    message: { backgroundColor: HEADER },
    title: { padding: 10, fontSize: 24, color: PRIMARY, backgroundColor: HEADER },
    action: { padding: 5 },
    divider: { padding: 0, margin: 0 },
    body: { marginTop: 10, backgroundColor: LIGHT },
    item: { padding: 10 },
  },
  table: {
    title: { padding: 10, fontWeight: 500, color: PRIMARY, backgroundColor: HEADER },
    header: { color: PRIMARY },
    headerAction: { padding: 5 },
    row: { color: PRIMARY, "&:hover": { background: "rgba(0, 0, 0, 0.12) !important" } },
    cell: { padding: 5 },
    lockedRow: { background: "#eee" },
    lockedCell: {},
    highlightedRow: {},
    highlightedCell: { fontWeight: 500 },
    secondaryHighlightedRow: { backgroundColor: "#cbedf2" },
    secondaryHighlightedCell: {},
    highlightedAltRow: {},
    highlightedAltCell: { fontStyle: "italic" },
    disabledRow: {},
    disabledCell: { color: "grey" },
    footer: { color: PRIMARY },
    pager: { color: PRIMARY },
  },
  form: { spacing: 10 },
  formTable: { table: { color: PRIMARY }, actions: { color: PRIMARY }, header: { color: PRIMARY } },
  dialog: {
    title: { fontWeight: 500, color: "grey" },
    content: { padding: 0 },
    primaryButton: { backgroundColor: PRIMARY, color: "#fff", fontWeight: "bold", "&:hover": { backgroundColor: "#4c9aa8" } },
    secondaryButton: {},
  },
  tooltipContainer: { position: "fixed", bottom: 15, right: 8, zIndex: 2000, display: "flex", flexDirection: "column", alignItems: "flex-end" },
  flexTooltip: { marginBottom: 5 },
  fab: { position: "fixed", bottom: 20, right: 8, zIndex: 2000 },
  fakeInput: {},
  bigAvatar: { width: 160, height: 160 },
  buttonContainer: { horizontal: { display: "flex", flexWrap: "nowrap", overflowX: "auto", justifyContent: "flex-end" } },
});
