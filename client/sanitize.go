package client

import "resold/internal/safetext"

// Sanitize makes text from the API safe to put on a terminal: it drops C0
// and C1 control characters (ESC included), DEL, and Unicode format
// characters (bidi overrides, zero-width characters, the BOM); it turns tabs,
// newlines and line separators into spaces, and invalid UTF-8 into U+FFFD.
// Sanitising twice changes nothing.
func Sanitize(s string) string { return safetext.Clean(s) }
