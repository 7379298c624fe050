// Package common is the one small value every screen of resold's terminal UI
// holds (after soft-serve's common.Common): the API, styles, keys, size,
// clock, request IDs and the sender that lets goroutines reach the program.
// It also holds the messages screens exchange with the root model and the
// single width/truncation helpers used for everything drawn.
package common
