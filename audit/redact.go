package audit

import (
	"regexp"
	"strings"
)

// Redacted replaces a value that is or looks like a secret.
const Redacted = "[redacted]"

// secretKeyWords mark a before/after key whose value is secret whatever it
// looks like. Matching is by substring on the lower-cased key, erring on
// the side of hiding: no Reseller API field the log records contains them.
var secretKeyWords = []string{"token", "key", "secret", "passw", "credential", "auth", "cookie"}

// secretPattern finds credential-shaped text inside a value: bearer
// headers, Google OAuth access (ya29.) and refresh (1//) tokens, API keys
// (AIza), OAuth client secrets (GOCSPX-), JWTs and PEM blocks (a PEM block
// cut short is redacted to the end of the text).
var secretPattern = regexp.MustCompile(`(?i:bearer)\s+[A-Za-z0-9\-._~+/]+=*` +
	`|ya29\.[0-9A-Za-z\-_.]+` +
	`|\b1//[0-9A-Za-z\-_]{10,}` +
	`|AIza[0-9A-Za-z\-_]{30,}` +
	`|GOCSPX-[0-9A-Za-z\-_]+` +
	`|eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*` +
	`|-----BEGIN [A-Z0-9 ]*-----[\s\S]*?(?:-----END [A-Z0-9 ]*-----|$)`)

// keyFileMarkers betray a JSON service-account key or OAuth client file;
// a value holding one is redacted whole, since its secrets are spread over
// several fields.
var keyFileMarkers = []string{`"private_key`, `"client_secret"`, `"refresh_token"`, `"service_account"`}

// isSecretKey reports whether a before/after key names a secret.
func isSecretKey(k string) bool {
	k = strings.ToLower(k)
	for _, w := range secretKeyWords {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// redactText replaces every credential-shaped part of s with Redacted, or
// all of s when it holds a JSON key file.
func redactText(s string) string {
	for _, m := range keyFileMarkers {
		if strings.Contains(s, m) {
			return Redacted
		}
	}
	return secretPattern.ReplaceAllLiteralString(s, Redacted)
}
