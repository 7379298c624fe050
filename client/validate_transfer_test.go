package client

import (
	"context"
	"errors"
	"strings"
	"testing"

	"resold/emulator"
)

// hexToken is a well-formed transfer token that no customer holds.
const hexToken = "0123456789abcdef"

func TestValidateTransferToken(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string // the cleaned token; "" when refused
		title   string // a word of the refusal's title
		trimmed bool   // the refusal says spaces around were removed
	}{
		{"the emulator's token", emulator.TransferToken, emulator.TransferToken, "", false},
		{"upper case", "5C1A9E0B7D3F42E8", "5C1A9E0B7D3F42E8", "", false},
		{"odd length", "abcdef012", "abcdef012", "", false},
		{"at the minimum", "abcd1234", "abcd1234", "", false},
		{"at the maximum", strings.Repeat("f", MaxTransferTokenLength), strings.Repeat("f", MaxTransferTokenLength), "", false},
		{"pasted with spaces and a line break around", " \t" + emulator.TransferToken + "\r\n", emulator.TransferToken, "", false},
		{"empty", "", "", "Enter", false},
		{"only spaces", "   ", "", "Enter", true},
		{"space inside", "5c1a9e0b 7d3f42e8", "", "spaces", false},
		{"line break inside", "5c1a9e0b\n7d3f42e8", "", "spaces", false},
		{"not hexadecimal", "5c1a9e0b7d3f42eg", "", "hexadecimal", false},
		{"quoted", `"5c1a9e0b7d3f42e8"`, "", "hexadecimal", false},
		{"the whole query parameter", "customerAuthToken=5c1a9e0b", "", "hexadecimal", false},
		{"full-width digits", "５c1a9e0b7d3f42e8", "", "hexadecimal", false},
		{"too short", "abc123", "", "too short: 6", false},
		{"too short once trimmed", "  abc123  ", "", "too short: 6", true},
		{"too long", strings.Repeat("a", MaxTransferTokenLength+1), "", "too long: 257", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CleanTransferToken(tt.in)
			if tt.want != "" {
				if err != nil || got != tt.want {
					t.Fatalf("CleanTransferToken = %q, %v; want %q", got, err, tt.want)
				}
				if err := ValidateTransferToken(tt.in); err != nil {
					t.Errorf("ValidateTransferToken: %v", err)
				}
				return
			}
			if got != "" {
				t.Errorf("refused, yet returned %q", got)
			}
			wantValidation(t, err, "customerAuthToken", "TRANSFER-TOKEN")
			wantValidation(t, ValidateTransferToken(tt.in), "customerAuthToken", "TRANSFER-TOKEN")
			g := Explain(err)
			if !strings.Contains(g.Title, tt.title) {
				t.Errorf("title %q lacks %q", g.Title, tt.title)
			}
			if said := strings.Contains(g.Cause, "removed"); said != tt.trimmed {
				t.Errorf("cause %q: mentions the trimming = %v, want %v", g.Cause, said, tt.trimmed)
			}
		})
	}
}

// A refusal never quotes the token, nor any part of it.
func TestTransferTokenRefusalHidesTheToken(t *testing.T) {
	secret := "5c1a9e0b7d3f42e8a6b4c2d0e9f8a7bZ"
	err := ValidateTransferToken(secret)
	g := Explain(err)
	for _, text := range []string{err.Error(), g.Title, g.Cause, g.Action, g.Message} {
		if strings.Contains(text, secret[:8]) || strings.Contains(text, "a7bZ") {
			t.Errorf("%q shows the token", text)
		}
	}
}

// The token is sent without the spaces pasted around it: the emulator,
// which compares tokens exactly, accepts it.
func TestTransferTokenSentTrimmed(t *testing.T) {
	e := fixtureEnv(t)
	pasted := "  " + emulator.TransferToken + "\n"
	q := Query{CustomerID: emulator.IDTransfer, CustomerAuthToken: pasted}
	pg, err := e.c.ListSubscriptions(e.ctx(t), q, "")
	if err != nil {
		t.Fatalf("listing with a pasted token: %v", err)
	}
	if len(pg.Rows) == 0 || pg.Query != q {
		t.Errorf("%d rows, query %+v", len(pg.Rows), pg.Query)
	}
	ws := pg.Rows[0]
	out, err := e.c.TransferTogether(e.ctx(t), emulator.IDTransfer, pasted, orders(TransferSet(pg.Rows, ws)))
	if err != nil || out[0].Err != nil {
		t.Fatalf("transfer with a pasted token: %v %v", err, out[0].Err)
	}
	if sub := out[0].Sub; sub.SKUID != ws.SKUID {
		t.Errorf("transferred %s, want %s", sub.SKUID, ws.SKUID)
	}
}

// Each call that sends a token refuses a malformed one before any I/O, and
// says which call it was.
func TestTransferTokenCheckedBeforeSending(t *testing.T) {
	e := fixtureEnv(t)
	ctx := context.Background()
	const bad = "5c1a9e0b-7d3f"
	tests := []struct {
		name   string
		method string
		call   func() error
	}{
		{"listing transferable subscriptions", "subscriptions.list", func() error {
			_, err := e.c.ListSubscriptions(ctx, Query{CustomerID: emulator.IDTransfer, CustomerAuthToken: bad}, "")
			return err
		}},
		{"transferring a subscription", "subscriptions.insert", func() error {
			_, err := e.c.InsertSubscription(ctx, emulator.IDTransfer, NewSubscription{SKUID: "1010020028", Plan: PlanFlexible,
				Seats: 5, TransferToken: bad})
			return err
		}},
		{"ordering a resold account for an existing customer", "customers.insert", func() error {
			_, err := e.c.InsertCustomer(ctx, newCustomer("transfer.example"), bad)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(e.srv.Calls())
			err := tt.call()
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Guidance.Case != "TRANSFER-TOKEN" || ve.Guidance.Method != tt.method {
				t.Fatalf("error = %v, want a TRANSFER-TOKEN refusal of %s", err, tt.method)
			}
			if n := len(e.srv.Calls()) - before; n != 0 {
				t.Errorf("the emulator saw %d requests", n)
			}
		})
	}
}
