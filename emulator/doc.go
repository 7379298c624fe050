// Package emulator is an in-memory Google Workspace Reseller API v1: an
// http.Handler serving the 17 methods of the discovery document and its
// batch endpoint (batch.go) with Google's wire format, error envelope and
// business rules, so that the generated Go client cannot tell it from the
// real service. Where Google documents a rule but not its error (transfers
// that must move together, transfer_rules.go), the choice is marked
// inferred in the message and the README.
//
// It is an independent implementation of the wire contract, written from
// Google's reference (https://developers.google.com/workspace/admin/reseller/reference/rest)
// and guides, and never imports the client it is used to test. Comments
// name a refusal by its troubleshooting case (E5, D3, …), the value of
// client.CaseID that explains it.
//
// Beyond the API it has what a test harness needs: a starting State in the
// API's own resource shapes (Options.Initial, ReadState, WriteState), the
// Put methods to seed a case, an emulated clock that Advance moves through
// the time rules, targeted faults (AddFault), push notifications written
// to Options.Events, and the same controls over HTTP under /emulator/v1/.
package emulator
