"""openIMIS backend module for community meetings: events, participants and interoperability showcases."""
