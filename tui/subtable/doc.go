// Package subtable is the virtualised subscriptions table shared by the
// customer screen and the subscriptions screen: it holds any number of rows
// but renders only the visible ones, with columns sized to the width.
package subtable
