package client

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// checkSanitized asserts the invariants every sanitised string holds.
func checkSanitized(t *testing.T, in, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("Sanitize(%q) = %q: not valid UTF-8", in, out)
	}
	for _, r := range out {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || unicode.Is(unicode.Cf, r) ||
			r == 0x2028 || r == 0x2029 {
			t.Fatalf("Sanitize(%q) = %q: still holds %U", in, out, r)
		}
	}
	if again := Sanitize(out); again != out {
		t.Fatalf("Sanitize is not idempotent: %q → %q → %q", in, out, again)
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{
		"", "plain", "\x1b[2J\x1b[H", "\u202etxt.exe", "a\xffb", "\u0085\u2028\t\n",
		"\xe2\x80\xae", "\x9b31m", "\ufeff\u200d", "株式会社", "\U000E0001tag",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkSanitized(t, in, Sanitize(in))
	})
}

// hostileText carries what a compromised or buggy API answer could use
// against a terminal: colour and title escapes, C1 controls, bidi overrides,
// zero-width characters, line breaks.
const hostileText = "\x1b[31mX\x1b]0;t\x07\u009b2J\u202eY\u200bZ\r\n"

// postRaw sends body to the emulator as any HTTP client could, bypassing
// this package's validation, so the stored data is hostile.
func postRaw(t *testing.T, e *env, path string, body any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, e.ts.URL+path, bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer test")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(resp.Body)
		t.Fatalf("POST %s: %d %s", path, resp.StatusCode, msg)
	}
}

// checkAllStrings walks v and asserts every string in it is sanitised.
func checkAllStrings(t *testing.T, what string, v reflect.Value) {
	t.Helper()
	switch v.Kind() {
	case reflect.String:
		checkSanitized(t, what, v.String())
	case reflect.Pointer:
		if !v.IsNil() {
			checkAllStrings(t, what, v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			checkAllStrings(t, what+"."+v.Type().Field(i).Name, v.Field(i))
		}
	case reflect.Slice:
		for i := range v.Len() {
			checkAllStrings(t, what, v.Index(i))
		}
	}
}

// Every string that crosses the client boundary from an API answer is
// sanitised, whichever call brought it.
func TestAPITextIsSanitisedAtTheBoundary(t *testing.T) {
	e := fixtureEnv(t)
	addr := map[string]string{"postalCode": "94043", "countryCode": "US"}
	for _, k := range []string{"contactName", "organizationName", "addressLine1", "addressLine2", "addressLine3", "locality", "region"} {
		addr[k] = k + hostileText
	}
	postRaw(t, e, "/apps/reseller/v1/customers", map[string]any{
		"customerDomain": "hostile.example", "alternateEmail": "admin@elsewhere.example",
		"phoneNumber": "+1 650 555 0100", "postalAddress": addr,
	})
	postRaw(t, e, "/apps/reseller/v1/customers/hostile.example/subscriptions", map[string]any{
		"skuId": "1010020027", "plan": map[string]string{"planName": "FLEXIBLE"},
		"seats":           map[string]int{"maximumNumberOfSeats": 5},
		"purchaseOrderId": "PO" + hostileText,
	})
	ctx := e.ctx(t)

	cust, err := e.c.GetCustomer(ctx, "hostile.example")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(cust.Address.ContactName, "contactName") {
		t.Fatalf("contact name %q lost its text", cust.Address.ContactName)
	}
	checkAllStrings(t, "GetCustomer", reflect.ValueOf(cust))
	look, err := e.c.LookupCustomer(ctx, "hostile.example")
	if err != nil {
		t.Fatal(err)
	}
	checkAllStrings(t, "LookupCustomer", reflect.ValueOf(look))

	page, err := e.c.ListSubscriptions(ctx, Query{CustomerID: cust.ID}, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Rows) != 1 || !strings.HasPrefix(page.Rows[0].PurchaseOrderID, "PO") {
		t.Fatalf("listed %+v, want the one subscription with its purchase order", page.Rows)
	}
	checkAllStrings(t, "ListSubscriptions", reflect.ValueOf(page.Rows))
	sub, err := e.c.GetSubscription(ctx, cust.ID, page.Rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	checkAllStrings(t, "GetSubscription", reflect.ValueOf(sub))
}
