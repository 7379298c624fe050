// Package client is resold's access to the Google Workspace Reseller API:
// auth, every operation, visible retries, the troubleshooting catalogue,
// validation before sending, lazy paging and the call log. It knows
// nothing of the terminal UI, so tests and other front ends can use it
// alike.
//
// Every API rule and limit lives here: the Validate… functions check a
// change the way the API would, with the catalogue's guidance
// (catalogue.go, and the entries by area in cases_*.go, keyed by CaseID).
// Every write passes through one path that enforces read-only mode and
// never applies a change twice. View shares one connection between
// several users with their own roles and call logs.
package client
