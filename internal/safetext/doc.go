// Package safetext makes untrusted text safe to put on a terminal. It is the
// one implementation behind client.Sanitize (text from the API) and the audit
// log (text it records), which must not depend on each other.
package safetext
