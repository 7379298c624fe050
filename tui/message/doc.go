// Package message is what a screen may send the root model of resold's
// terminal UI: open another screen (OpenCustomer, OpenSubscriptions,
// OpenSubscription, OpenEdit), act as if typed or pressed (Lookup, Press),
// and tell every screen and the status pane what happened (Changed,
// Guidance, Notice). Send turns any of them into a command.
package message
