// Package attention is the attention view: every subscription read, page
// by page with a progress bar, and sorted into the groups that need a
// person (client.Attention); enter opens a group's rows in the
// subscriptions table.
package attention
