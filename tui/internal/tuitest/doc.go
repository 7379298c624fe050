// Package tuitest builds what the screens' tests share: a Common with a
// fixed clock and colour profile, synchronous command running, and key
// messages.
package tuitest
