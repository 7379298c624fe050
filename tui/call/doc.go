// Package call is the async plumbing of resold's terminal UI: a Caller
// starts an API call (Call) or a change (Write) as a Bubble Tea command
// under a Request that the screen keeps, to recognise the answer by its ID
// and to cancel it. Every answer embeds Done; StartedMsg, RetryMsg and
// FailedMsg tell the status pane how a call is going. IDs mints request IDs
// and Sender lets goroutines reach the program.
package call
