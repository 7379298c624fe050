package client

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// Bounds of what a lookup can name: a DNS name has at most 253 characters
// in labels of at most 63 (RFC 1035); Google's customer IDs have about 9,
// so 64 only guards against a paste of something else.
const (
	maxDomainLength   = 253
	maxLabelLength    = 63
	maxCustomerIDSize = 64
)

// ValidateLookup checks what a customer lookup is given, read as
// LookupCustomer reads it (spaces around it ignored, a domain in any
// case): a customer ID, C followed by letters and digits (C0123abcd), or
// a primary domain, dot-separated labels of letters, digits and hyphens
// (xn-- punycode labels included) that neither start nor end with a
// hyphen, at least one dot, at most 253 characters, without www.
func ValidateLookup(s string) error {
	_, err := LookupQuery(s)
	return err
}

// LookupQuery is s as LookupCustomer sends it to customers.get: trimmed
// and, for a domain (domains are case-insensitive, IDs are not),
// lower-cased without a final dot, read the forgiving way NormalizeLookup
// says. The error is ValidateLookup's.
func LookupQuery(s string) (string, error) {
	q, _, err := NormalizeLookup(s)
	return q, err
}

// NormalizeLookup reads s the forgiving way a person types or pastes it
// and returns what customers.get should get, with a note saying how s was
// read when it was not taken as typed: an email address stands for its
// domain (admin@flex.example → flex.example), a customer ID typed with a
// small c gets its capital (c0flex001 → C0flex001), and an international
// domain goes to its punycode form (bücher.example →
// xn--bcher-kva.example), the form Google stores. Anything else that
// cannot name a customer is refused with what is wrong.
func NormalizeLookup(s string) (q, note string, err error) {
	q = strings.TrimSpace(s)
	typed := q
	if i := strings.LastIndex(q, "@"); i >= 0 && !strings.Contains(q, "://") && !strings.ContainsAny(q, "/?# \t") && strings.Contains(q[i+1:], ".") {
		q = q[i+1:]
		note = typed + " is an email address: looked up its domain, " + strings.TrimSuffix(strings.ToLower(q), ".")
	}
	if strings.Contains(q, ".") {
		q = strings.TrimSuffix(strings.ToLower(q), ".")
		if strings.IndexFunc(q, func(r rune) bool { return r >= utf8.RuneSelf }) >= 0 {
			if a, perr := idna.Lookup.ToASCII(q); perr == nil && a != q {
				note = "Looked up " + q + " as " + a + ", its punycode form"
				q = a
			}
		}
	} else if len(q) > 1 && q[0] == 'c' && customerIDProblem("C"+q[1:]) == "" {
		q = "C" + q[1:]
		note = "Read " + typed + " as the customer ID " + q
	}
	var title string
	switch {
	case q == "":
		title = "Enter a customer ID (C0…) or a primary domain (example.com)"
	case strings.Contains(q, "@"):
		title = "That is an email address: enter its domain, the part after the @"
	case strings.Contains(q, "://") || strings.ContainsAny(q, "/?#"):
		title = "Enter the domain alone, without http:// or a path"
	case strings.IndexFunc(q, unicode.IsSpace) >= 0:
		title = "A customer ID or a domain has no spaces"
	case strings.Contains(q, "."):
		title = domainProblem(q)
	default:
		title = customerIDProblem(q)
	}
	if title != "" {
		v := invalid("customerId", CaseLookup, &APIError{Method: "customers.get"})
		v.Guidance.Title = title
		return q, "", v
	}
	return q, note, nil
}

// customerIDProblem says what keeps id (no dot in it) from being a
// customer ID, or "".
func customerIDProblem(id string) string {
	rest := id[1:]
	switch {
	case len(id) > maxCustomerIDSize:
		return "Too long for a customer ID"
	case rest == "" || strings.IndexFunc(rest, func(r rune) bool { return !isAlnum(r) }) >= 0:
		return "Not a customer ID or a domain: an ID is C and letters or digits (C0…), a domain has a dot (example.com)"
	case id[0] == 'c':
		return "A customer ID starts with a capital C (C0…)"
	case id[0] != 'C':
		return "Not a customer ID or a domain: an ID starts with C (C0…), a domain has a dot (example.com)"
	}
	return ""
}

// domainProblem says what keeps d (lower case, with a dot) from being a
// domain name, or "".
func domainProblem(d string) string {
	if len(d) > maxDomainLength {
		return "Too long for a domain: at most 253 characters"
	}
	if strings.HasPrefix(d, "www.") {
		return "Enter the primary domain without www."
	}
	labels := strings.Split(d, ".")
	for _, l := range labels {
		switch {
		case l == "":
			return "A domain has no empty parts: check the dots"
		case len(l) > maxLabelLength:
			return "Each part of a domain between dots has at most 63 characters"
		case l[0] == '-' || l[len(l)-1] == '-':
			return "A part of a domain cannot start or end with a hyphen"
		}
		for _, r := range l {
			switch {
			case r >= utf8.RuneSelf:
				return "Enter an international domain in its xn-- (punycode) form"
			case !isAlnum(r) && r != '-':
				return "A domain holds only letters, digits, hyphens and dots"
			}
		}
	}
	if strings.IndexFunc(labels[len(labels)-1], func(r rune) bool { return r < '0' || r > '9' }) < 0 {
		return "Enter a domain name, not an IP address"
	}
	return ""
}

func isAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}
