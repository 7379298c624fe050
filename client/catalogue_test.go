package client

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"resold/emulator"
)

// googleServer answers every request with Google's error envelope, for the
// field failures the emulator does not reproduce (they come from other
// parts of Google: the admin directory, Cloud Channel, the front end).
func googleServer(t *testing.T, code int, reason, message string) *httptest.Server {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		w.WriteHeader(code)
		items := ""
		if reason != "" {
			items = fmt.Sprintf(`,"errors":[{"message":%q,"domain":"global","reason":%q}]`, message, reason)
		}
		fmt.Fprintf(w, `{"error":{"code":%d,"message":%q%s}}`, code, message, items)
	}))
	t.Cleanup(ts.Close)
	return ts
}

func clientFor(t *testing.T, url string, edit ...func(*Config)) *Client {
	cfg := Config{Endpoint: url, Token: "t", Retry: RetryPolicy{Initial: time.Microsecond, MaxAttempts: 2}}
	for _, f := range edit {
		f(&cfg)
	}
	c, err := New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	c.wait = func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
	return c
}

// Field failures keyed on what Google's answer looks like.
func TestCatalogueFieldFailures(t *testing.T) {
	tests := []struct {
		name     string
		code     int
		reason   string
		message  string
		call     func(ctx context.Context, c *Client) error
		wantCase CaseID
	}{
		{"C4 domain linked to email-verified customers", 400, "invalid",
			"Customer domain [teams.example] is linked to one or more email verified customers, please provide a customer id.",
			func(ctx context.Context, c *Client) error { _, err := c.GetCustomer(ctx, "teams.example"); return err }, "C4"},
		{"A2 service account without a subject", 403, "forbidden", "Not Authorized to access this resource/api",
			func(ctx context.Context, c *Client) error { _, err := c.GetCustomer(ctx, "acme.example"); return err }, "A2"},
		{"A7 admin role lacks the privilege", 403, "forbidden", "The caller does not have permission",
			func(ctx context.Context, c *Client) error {
				_, err := c.InsertCustomer(ctx, newCustomer("new.example"), "")
				return err
			}, "A7"},
		{"T9 transfer precondition at a test reseller", 412, "conditionNotMet", "Precondition check failed.",
			func(ctx context.Context, c *Client) error {
				_, err := c.InsertSubscription(ctx, "C0x", NewSubscription{SKUID: "1010020028", Plan: PlanFlexible, Seats: 5, TransferToken: emulator.TransferToken})
				return err
			}, "T9"},
		{"403 rate limit after retries", 403, "userRateLimitExceeded", "User Rate Limit Exceeded",
			func(ctx context.Context, c *Client) error { _, err := c.GetCustomer(ctx, "acme.example"); return err }, "RATE-403"},
		{"5xx after retries", 500, "backendError", "Internal error encountered.",
			func(ctx context.Context, c *Client) error { _, err := c.GetCustomer(ctx, "acme.example"); return err }, "5XX"},
		{"unknown code", 418, "", "I'm a teapot",
			func(ctx context.Context, c *Client) error { _, err := c.GetCustomer(ctx, "acme.example"); return err }, "UNKNOWN"},
		{"generic precondition", 412, "conditionNotMet", "Precondition Failed",
			func(ctx context.Context, c *Client) error { _, err := c.GetCustomer(ctx, "acme.example"); return err }, "CONDITION"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := googleServer(t, tt.code, tt.reason, tt.message)
			err := tt.call(context.Background(), clientFor(t, ts.URL))
			g := Explain(err)
			if g.Case != tt.wantCase {
				t.Fatalf("Explain picked %s (%s), want %s; error %v", g.Case, g.Title, tt.wantCase, err)
			}
			if g.Code != tt.code || g.Reason != tt.reason || g.Message != tt.message || g.Method == "" {
				t.Errorf("guidance carries %d/%q/%q/%q, want %d/%q/%q", g.Code, g.Reason, g.Message, g.Method, tt.code, tt.reason, tt.message)
			}
			if g.Title == "" || g.Action == "" {
				t.Errorf("no action: %+v", g)
			}
		})
	}
}

// Failures without an answer: network, timeout, cancellation.
func TestCatalogueNoAnswer(t *testing.T) {
	t.Run("NET connection refused", func(t *testing.T) {
		ts := httptest.NewServer(http.NotFoundHandler())
		url := ts.URL
		ts.Close()
		_, err := clientFor(t, url).GetCustomer(context.Background(), "acme.example")
		if g := Explain(err); g.Case != "NET" || g.Code != 0 || g.Method != "customers.get" || g.Message == "" || !g.Retryable {
			t.Errorf("Explain = %+v", g)
		}
	})
	t.Run("TIMEOUT per attempt", func(t *testing.T) {
		srv := emulator.New(emulator.Options{Customers: -1, Latency: time.Hour})
		ts := httptest.NewServer(srv)
		defer ts.Close()
		c := clientFor(t, ts.URL, func(c *Config) { c.AttemptTimeout = 20 * time.Millisecond })
		_, err := c.GetCustomer(context.Background(), emulator.IDFlex)
		g := Explain(err)
		if g.Case != "TIMEOUT" || g.Method != "customers.get" {
			t.Errorf("Explain = %+v, want TIMEOUT", g)
		}
		var ae *APIError
		if !errors.As(err, &ae) || ae.Attempts != 2 {
			t.Errorf("error %v: want 2 attempts", err)
		}
	})
	t.Run("TIMEOUT caller deadline", func(t *testing.T) {
		ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
		defer cancel()
		_, err := clientFor(t, "http://127.0.0.1:1/").GetCustomer(ctx, "acme.example")
		if g := Explain(err); g.Case != "TIMEOUT" || g.Method != "customers.get" {
			t.Errorf("Explain = %+v", g)
		}
	})
	t.Run("CANCELLED", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := clientFor(t, "http://127.0.0.1:1/").GetCustomer(ctx, "acme.example")
		if g := Explain(err); g.Case != "CANCELLED" || !errors.Is(err, context.Canceled) {
			t.Errorf("Explain = %+v", g)
		}
	})
}

func TestExplainAnyError(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		wantCase CaseID
	}{
		{"nil", nil, ""},
		{"read-only", ErrReadOnly, "READONLY"},
		{"wrapped read-only", fmt.Errorf("saving: %w", ErrReadOnly), "READONLY"},
		{"no credentials", ErrNoCredentials, "NOCREDS"},
		{"setup", &SetupError{Setting: "endpoint", Problem: "bad", Fix: "set it"}, "SETUP"},
		{"raw context cancellation", context.Canceled, "CANCELLED"},
		{"raw deadline", context.DeadlineExceeded, "TIMEOUT"},
		{"something else", errors.New("disk full"), "UNKNOWN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := Explain(tt.err)
			if g.Case != tt.wantCase {
				t.Errorf("case %q, want %q", g.Case, tt.wantCase)
			}
			if tt.err != nil && g.Message == "" {
				t.Errorf("no message: %+v", g)
			}
		})
	}
}

// Every entry is complete and its case unique.
func TestCatalogueEntriesComplete(t *testing.T) {
	seen, covered := map[string]bool{}, map[string]bool{}
	for _, table := range [][]entry{subscriptionCases, customerCases, transferCases, batchCases, quotaCases, authCases, generalCases} {
		for _, e := range table {
			g := e.g
			// The setup entry takes its cause and action from the SetupError.
			if g.Case == "" || g.Title == "" || (g.Case != CaseSetup && (g.Cause == "" || g.Action == "")) {
				t.Errorf("incomplete entry %+v", g)
			}
			if seen[string(g.Case)] {
				t.Errorf("case %s twice", g.Case)
			}
			seen[string(g.Case)] = true
			for _, r := range e.refs {
				covered[r] = true
			}
		}
	}
	// Every refusal in Google's common errors page and the field failures
	// an engineer meets have an entry, as a case or as a reference.
	want := []string{"E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9", "E10", "E11", "E12", "E13", "E14", "E15",
		"E16", "E17", "E18", "E19", "E20", "E21", "D1", "D2", "D3", "D4",
		"A2", "A3", "A7", "C4", "C5", "C8", "S5", "S7", "T1", "T3", "T6", "T9", "Q1", "Q2", "Q3", "Q4"}
	for _, w := range want {
		if !seen[w] && !covered[w] {
			t.Errorf("no catalogue entry for %s", w)
		}
	}
}

// Every CaseID constant declared in the package has an entry, and every
// entry that matches API errors is tried exactly once, so neither
// guidanceFor nor Explain can meet a case without guidance.
func TestCatalogueCases(t *testing.T) {
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	declared := map[CaseID]string{}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			vs, ok := n.(*ast.ValueSpec)
			if !ok {
				return true
			}
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "CaseID" {
				return true
			}
			for i, name := range vs.Names {
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok {
					t.Errorf("%s: not a string literal", name.Name)
					continue
				}
				v, _ := strconv.Unquote(lit.Value)
				if prev, dup := declared[CaseID(v)]; dup {
					t.Errorf("%s and %s share the value %q", prev, name.Name, v)
				}
				declared[CaseID(v)] = name.Name
			}
			return true
		})
	}
	if len(declared) < 80 {
		t.Fatalf("found %d CaseID constants; the parse is broken", len(declared))
	}
	for v, name := range declared {
		if _, ok := catalogue[v]; !ok {
			t.Errorf("%s (%q) has no catalogue entry", name, v)
		}
	}
	n := 0
	for _, table := range [][]entry{subscriptionCases, customerCases, transferCases, batchCases, quotaCases, authCases, generalCases} {
		for _, e := range table {
			n++
			if _, ok := declared[e.g.Case]; !ok {
				t.Errorf("entry %q is not a declared CaseID constant", e.g.Case)
			}
		}
	}
	if n != len(catalogue) {
		t.Errorf("%d entries, %d distinct cases", n, len(catalogue))
	}
	tried := map[CaseID]int{}
	for _, id := range matchOrder {
		tried[id]++
		if e, ok := catalogue[id]; !ok || e.match == nil {
			t.Errorf("matchOrder lists %s, which has no entry with a match", id)
		}
	}
	for id, e := range catalogue {
		if e.match != nil && tried[id] != 1 {
			t.Errorf("%s matches API errors but is tried %d times", id, tried[id])
		}
	}
}

// A case without an entry still gets guidance (and cannot panic): the
// unknown-error entry, under that case.
func TestGuidanceForUnknownCase(t *testing.T) {
	g := guidanceFor("NO-SUCH-CASE", &APIError{Method: "subscriptions.get"})
	if g.Case != "NO-SUCH-CASE" || g.Title == "" || g.Method != "subscriptions.get" {
		t.Errorf("guidance %+v", g)
	}
}
