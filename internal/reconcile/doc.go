// Package reconcile settles, at start-up, the changes an earlier session
// left without an outcome (a hang-up, a kill or a crash between sending a
// change and recording its answer): it reads again what each one acted on
// and appends the outcome it finds to the audit log. The audit log knows
// nothing of the API and the client nothing of the log; this package is
// the glue between them.
package reconcile
