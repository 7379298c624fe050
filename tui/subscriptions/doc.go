// Package subscriptions is the subscriptions table: all the reseller's, one
// customer's, or one customer's transferable ones. Pages load lazily, ahead
// of the cursor, so scrolling at a normal pace never waits; only the visible
// rows are drawn.
package subscriptions
