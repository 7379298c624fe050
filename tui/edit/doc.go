// Package edit is the edit screen: one small form per change (seats, plan,
// renewal settings, suspend, activate, start paid service, delete, the
// customer's contact and address, a new customer, a new subscription or a
// transfer), validated inline by the client's rules, confirmed with a
// before → after summary that defaults to No, then applied once, recorded
// in the audit log, and shown as the API returned it.
package edit
