// Package bulk is the bulk change screen: one change (activate, suspend,
// seats, renewal, start paid service) on the rows selected in the
// subscriptions table. It plans every row (before → after, refused rows
// skipped with the client's reason), asks for the number of rows typed,
// sends the rows at a small fixed concurrency, each its own audited
// attempt under one bulk ID, and ends with a summary that can be exported
// as CSV. A bulk change an earlier session left unfinished is offered for
// resuming from the audit log's planned rows.
package bulk
