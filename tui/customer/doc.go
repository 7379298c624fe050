// Package customer is one customer's screen: every field of the record and
// its subscriptions inline.
package customer
