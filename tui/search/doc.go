// Package search is the start screen: type a customer ID or domain and
// press enter to look it up; from two characters on, customers whose domain
// starts with what was typed are listed as you type.
package search
