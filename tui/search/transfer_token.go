package search

// validateToken says why tok cannot be a transfer token (the customer's
// customerAuthToken, hexadecimal), or "" when it can.
func validateToken(tok string) string {
	if tok == "" {
		return "type the transfer token the customer generated in its Admin console"
	}
	for _, r := range tok {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F') {
			return "a transfer token is hexadecimal (0-9, a-f)"
		}
	}
	return ""
}
