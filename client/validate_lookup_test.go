package client

import (
	"errors"
	"strings"
	"testing"

	"resold/emulator"
)

func TestValidateLookup(t *testing.T) {
	label63 := strings.Repeat("a", 63)
	tests := []struct {
		name  string
		in    string
		query string // what is sent; "" when refused
		title string // a word of the refusal's title
	}{
		{"customer ID", "C0acme001", "C0acme001", ""},
		{"customer ID, upper case", "C03AZ79CB", "C03AZ79CB", ""},
		{"customer ID with spaces around", "  C0flex001\n", "C0flex001", ""},
		{"domain", "acme.example", "acme.example", ""},
		{"domain in capitals", "ACME-Annual.Example", "acme-annual.example", ""},
		{"subdomain", "eu.mail.acme.example", "eu.mail.acme.example", ""},
		{"digits and hyphens", "3m-uk.co.uk", "3m-uk.co.uk", ""},
		{"punycode", "xn--mnchen-3ya.de", "xn--mnchen-3ya.de", ""},
		{"final dot", "acme.example.", "acme.example", ""},
		{"63-character label", label63 + ".example", label63 + ".example", ""},
		{"253 characters", strings.Repeat(label63+".", 3) + strings.Repeat("b", 61), strings.Repeat(label63+".", 3) + strings.Repeat("b", 61), ""},
		{"empty", "", "", "Enter a customer ID"},
		{"only spaces", "   ", "", "Enter a customer ID"},
		{"email address stands for its domain", "admin@acme.example", "acme.example", ""},
		{"email address without a domain", "admin@", "", "email"},
		{"URL", "https://acme.example", "", "http://"},
		{"path", "acme.example/admin", "", "path"},
		{"space inside", "acme example.com", "", "spaces"},
		{"www", "www.acme.example", "", "www."},
		{"no dot, not an ID", "acme", "", "has a dot"},
		{"lower-case c", "c0acme001", "C0acme001", ""},
		{"C alone", "C", "", "Not a customer ID"},
		{"ID with a hyphen", "C0-acme", "", "Not a customer ID"},
		{"ID too long", "C" + strings.Repeat("0", 64), "", "Too long"},
		{"underscore", "acme_corp.example", "", "only letters"},
		{"leading hyphen", "-acme.example", "", "hyphen"},
		{"trailing hyphen in a label", "acme-.example", "", "hyphen"},
		{"empty label", "acme..example", "", "empty"},
		{"leading dot", ".acme.example", "", "empty"},
		{"label of 64", strings.Repeat("a", 64) + ".example", "", "63"},
		{"254 characters", strings.Repeat(label63+".", 3) + strings.Repeat("b", 62), "", "253"},
		{"unicode goes to punycode", "münchen.de", "xn--mnchen-3ya.de", ""},
		{"unicode that is no domain", "mün_chen.de", "", "punycode"},
		{"IP address", "192.0.2.1", "", "IP address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := LookupQuery(tt.in)
			if tt.query != "" {
				if err != nil || q != tt.query {
					t.Fatalf("LookupQuery = %q, %v; want %q", q, err, tt.query)
				}
				if err := ValidateLookup(tt.in); err != nil {
					t.Errorf("ValidateLookup: %v", err)
				}
				return
			}
			wantValidation(t, err, "customerId", "LOOKUP")
			wantValidation(t, ValidateLookup(tt.in), "customerId", "LOOKUP")
			if g := Explain(err); !strings.Contains(g.Title, tt.title) || g.Method != "customers.get" {
				t.Errorf("title %q (method %q), want one saying %q", g.Title, g.Method, tt.title)
			}
		})
	}
}

// LookupCustomer refuses what is neither an ID nor a domain before any
// request, and sends a domain in lower case without its final dot.
func TestLookupCustomerValidates(t *testing.T) {
	e := fixtureEnv(t)
	before := len(e.srv.Calls())
	for _, in := range []string{"www." + emulator.DomainAcmeAnnual, "admin@", "acme annual.example"} {
		l, err := e.c.LookupCustomer(e.ctx(t), in)
		var ve *ValidationError
		if !errors.As(err, &ve) || l.Customer != nil {
			t.Errorf("%q: lookup %+v, error %v; want a refusal", in, l, err)
		}
	}
	if n := len(e.srv.Calls()) - before; n != 0 {
		t.Errorf("the emulator saw %d requests", n)
	}
	l, err := e.c.LookupCustomer(e.ctx(t), strings.ToUpper(emulator.DomainAcmeAnnual)+".")
	if err != nil || l.Kind != LookupYours || l.Query != emulator.DomainAcmeAnnual {
		t.Errorf("lookup %+v, error %v; want acme by its domain", l, err)
	}
	// Forgiving input: an email address looks up its domain, a small c
	// an ID, and the lookup says how it read them.
	for _, in := range []string{"admin@" + emulator.DomainAcmeAnnual, "c0acme001"} {
		l, err := e.c.LookupCustomer(e.ctx(t), in)
		if err != nil || l.Kind != LookupYours || l.Customer.ID != emulator.IDAcmeAnnual || l.Note == "" {
			t.Errorf("%q: lookup %+v, error %v; want acme, with a note", in, l, err)
		}
	}
}

// What was not taken as typed is said, with both forms.
func TestNormalizeLookupSaysHowItRead(t *testing.T) {
	tests := []struct{ in, q, note string }{
		{"admin@flex.example", "flex.example", "admin@flex.example is an email address: looked up its domain, flex.example"},
		{"c0flex001", "C0flex001", "Read c0flex001 as the customer ID C0flex001"},
		{"bücher.example", "xn--bcher-kva.example", "Looked up bücher.example as xn--bcher-kva.example, its punycode form"},
		{"flex.example", "flex.example", ""},
		{"C0flex001", "C0flex001", ""},
	}
	for _, tt := range tests {
		q, note, err := NormalizeLookup(tt.in)
		if err != nil || q != tt.q || !strings.HasPrefix(note, tt.note) || (tt.note == "") != (note == "") {
			t.Errorf("NormalizeLookup(%q) = %q, %q, %v; want %q, %q…", tt.in, q, note, err, tt.q, tt.note)
		}
	}
}
