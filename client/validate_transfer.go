package client

import (
	"fmt"
	"strings"
	"unicode"
)

// Bounds of a transfer token's length. Google documents the
// customerAuthToken only as a hexadecimal string valid for 30 days
// (https://developers.google.com/workspace/admin/reseller/v1/limits), neither its length nor its parity; the emulator's tokens have
// 32 digits. The bounds are loose on purpose: 8 catches a truncated paste
// or a placeholder, 256 a paste of something else, and no real token can
// be expected outside them.
const (
	MinTransferTokenLength = 8
	MaxTransferTokenLength = 256
)

// ValidateTransferToken checks a transfer token (customerAuthToken) before
// it is sent: once the spaces around it are removed it must be non-empty,
// one word of hexadecimal digits (either case), 8 to 256 of them. The
// guidance never quotes the token: it is a credential.
func ValidateTransferToken(s string) error {
	_, err := CleanTransferToken(s)
	return err
}

// CleanTransferToken returns the token as it should be sent: without the
// spaces and line breaks around it that a copy from an email brings. A
// token that is still not valid gives ValidateTransferToken's error, whose
// guidance says when spaces around it were removed.
func CleanTransferToken(s string) (string, error) {
	return checkTransferToken(s, "")
}

// tokenToSend is checkTransferToken for a call that may or may not be a
// transfer: "" means none.
func tokenToSend(s, method string) (string, error) {
	if s == "" {
		return "", nil
	}
	return checkTransferToken(s, method)
}

// checkTransferToken cleans and checks s for method ("" when not known).
func checkTransferToken(s, method string) (string, error) {
	t := strings.TrimSpace(s)
	refuse := func(title string) (string, error) {
		v := invalid("customerAuthToken", CaseTransferTokenFormat, &APIError{Method: method, Transfer: true})
		v.Guidance.Title = title
		if t != s {
			v.Guidance.Cause = "The spaces and line breaks around what you entered were removed before checking. " + v.Guidance.Cause
		}
		return "", v
	}
	n := len(t)
	switch {
	case t == "":
		return refuse("Enter the transfer token the customer's admin gave you")
	case strings.IndexFunc(t, unicode.IsSpace) >= 0:
		return refuse("The transfer token is one word: it has no spaces or line breaks")
	case strings.IndexFunc(t, func(r rune) bool { return !isHexDigit(r) }) >= 0:
		return refuse("The transfer token holds only hexadecimal digits (0-9, a-f)")
	case n < MinTransferTokenLength:
		return refuse(fmt.Sprintf("The transfer token is too short: %d digits, at least %d", n, MinTransferTokenLength))
	case n > MaxTransferTokenLength:
		return refuse(fmt.Sprintf("The transfer token is too long: %d digits, at most %d", n, MaxTransferTokenLength))
	}
	return t, nil
}

func isHexDigit(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F'
}
