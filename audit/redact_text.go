package audit

// RedactText replaces anything in s shaped like a credential (a bearer
// header, a Google token or key, a JWT, a PEM block) with Redacted, as the
// audit log does with the values it records; other text (a crash report)
// uses it too.
func RedactText(s string) string { return redactText(s) }
