// Package subscription is one subscription's detail: every field the API
// returned, explained.
package subscription
