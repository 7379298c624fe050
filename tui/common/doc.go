// Package common is what every screen of resold's terminal UI is given
// (after soft-serve's common.Common): the Common value (the API, styles,
// keys, size, clock, clipboard, and the call.Caller that starts its calls),
// the Screen interface the root stacks, the navigation keys' one reading
// (Nav, Scroll, NextKey, WriteKey) and the single width and truncation
// helpers used for everything drawn. What a screen sends the root is in
// package message; the async plumbing is in package call.
package common
