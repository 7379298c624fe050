// Package wording is how resold's terminal UI puts a subscription into
// words, the same on every screen: plan, renewal and suspension names short
// (for table cells) and long (for details), status with its symbol, seats
// with a small bar, what ends next, transfer conditions, and relative and
// absolute dates.
package wording
