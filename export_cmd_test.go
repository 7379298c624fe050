package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	reseller "google.golang.org/api/reseller/v1"

	"resold/client"
	"resold/config"
	"resold/emulator"
	"resold/internal/export"
)

// startEmulator runs an emulator with n generated customers for the test.
func startEmulator(t *testing.T, n int) string {
	t.Helper()
	emu, err := emulator.Listen("127.0.0.1:0", emulator.Options{Customers: n, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = emu.Close(context.Background()) })
	return emu.URL()
}

// rawListing reads the whole listing straight from the emulator's wire,
// without resold's client, as the reference the export is held to.
func rawListing(t *testing.T, base string) []*reseller.Subscription {
	t.Helper()
	var all []*reseller.Subscription
	token := ""
	for {
		u := strings.TrimSuffix(base, "/") + "/apps/reseller/v1/subscriptions?maxResults=100"
		if token != "" {
			u += "&pageToken=" + url.QueryEscape(token)
		}
		req, _ := http.NewRequest("GET", u, nil)
		req.Header.Set("Authorization", "Bearer x")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var page reseller.Subscriptions
		err = json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, page.Subscriptions...)
		if token = page.NextPageToken; token == "" {
			return all
		}
	}
}

// runExportCmd runs resold export with args against endpoint.
func runExportCmd(t *testing.T, endpoint string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Setenv(client.EnvToken, "x")
	if endpoint != "" {
		t.Setenv(client.EnvEndpoint, endpoint)
	}
	var out, errOut bytes.Buffer
	code = run(context.Background(), append([]string{"export"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

func millisRFC3339(ms int64) string {
	if ms == 0 {
		return ""
	}
	return time.UnixMilli(ms).UTC().Format(time.RFC3339)
}

// The CSV holds every row of the listing, and parses back to the values
// the API sent.
func TestExportSubscriptionsCSVIsTheWholeListing(t *testing.T) {
	cleanEnv(t)
	base := startEmulator(t, 150) // several pages
	want := rawListing(t, base)
	if len(want) <= 100 {
		t.Fatalf("the listing has %d rows; the test wants more than one page", len(want))
	}
	code, out, errOut := runExportCmd(t, base, "subscriptions")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if errOut != "" {
		t.Errorf("stderr is not a terminal, yet it got %q", errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != strings.Join(export.Columns, ",") {
		t.Fatalf("header = %v", recs[0])
	}
	rows := recs[1:]
	if len(rows) != len(want) {
		t.Fatalf("%d rows, the listing has %d", len(rows), len(want))
	}
	t.Logf("%d subscriptions exported", len(rows))
	col := map[string]int{}
	for i, c := range export.Columns {
		col[c] = i
	}
	for i, w := range want {
		r := rows[i]
		get := func(c string) string { return r[col[c]] }
		plan := w.Plan.PlanName
		if plan == "ANNUAL" {
			plan = string(client.PlanAnnualMonthly)
		}
		checks := []struct{ name, got, want string }{
			{"customerId", get("customerId"), w.CustomerId},
			{"customerDomain", get("customerDomain"), w.CustomerDomain},
			{"subscriptionId", get("subscriptionId"), w.SubscriptionId},
			{"skuId", get("skuId"), w.SkuId},
			{"skuName", get("skuName"), w.SkuName},
			{"planName", get("planName"), plan},
			{"isCommitmentPlan", get("isCommitmentPlan"), strconv.FormatBool(w.Plan.IsCommitmentPlan)},
			{"numberOfSeats", get("numberOfSeats"), fmt.Sprint(w.Seats.NumberOfSeats)},
			{"maximumNumberOfSeats", get("maximumNumberOfSeats"), fmt.Sprint(w.Seats.MaximumNumberOfSeats)},
			{"licensedNumberOfSeats", get("licensedNumberOfSeats"), fmt.Sprint(w.Seats.LicensedNumberOfSeats)},
			{"status", get("status"), w.Status},
			{"suspensionReasons", get("suspensionReasons"), strings.Join(w.SuspensionReasons, ";")},
			{"creationTime", get("creationTime"), millisRFC3339(w.CreationTime)},
			{"purchaseOrderId", get("purchaseOrderId"), export.Cell(w.PurchaseOrderId)},
			{"resourceUiUrl", get("resourceUiUrl"), w.ResourceUiUrl},
		}
		if w.RenewalSettings != nil {
			checks = append(checks, struct{ name, got, want string }{"renewalType", get("renewalType"), w.RenewalSettings.RenewalType})
		}
		if w.TrialSettings != nil {
			checks = append(checks, struct{ name, got, want string }{"trialEndTime", get("trialEndTime"), millisRFC3339(w.TrialSettings.TrialEndTime)})
		}
		if ci := w.Plan.CommitmentInterval; ci != nil {
			checks = append(checks,
				struct{ name, got, want string }{"commitmentStartTime", get("commitmentStartTime"), millisRFC3339(ci.StartTime)},
				struct{ name, got, want string }{"commitmentEndTime", get("commitmentEndTime"), millisRFC3339(ci.EndTime)})
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("row %d (%s) %s = %q, want %q", i+1, w.SubscriptionId, c.name, c.got, c.want)
			}
		}
	}
}

// JSON and NDJSON hold the API's own resources: decoded with Google's
// types, they match the listing.
func TestExportSubscriptionsJSONAndNDJSON(t *testing.T) {
	cleanEnv(t)
	base := startEmulator(t, 60)
	want := rawListing(t, base)
	check := func(format string, got []*reseller.Subscription) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: %d subscriptions, the listing has %d", format, len(got), len(want))
		}
		for i := range want {
			g, w := got[i], want[i]
			if g.SubscriptionId != w.SubscriptionId || g.CustomerId != w.CustomerId || g.SkuId != w.SkuId ||
				g.Seats.NumberOfSeats != w.Seats.NumberOfSeats || g.Seats.MaximumNumberOfSeats != w.Seats.MaximumNumberOfSeats ||
				g.CreationTime != w.CreationTime || g.Status != w.Status || g.Kind != "reseller#subscription" {
				t.Errorf("%s: row %d = %+v, want %+v", format, i, g, w)
			}
		}
	}
	code, out, errOut := runExportCmd(t, base, "subscriptions", "--format", "json")
	if code != 0 {
		t.Fatalf("json: exit %d: %s", code, errOut)
	}
	var arr []*reseller.Subscription
	if err := json.Unmarshal([]byte(out), &arr); err != nil {
		t.Fatalf("json: %v", err)
	}
	check("json", arr)

	code, out, errOut = runExportCmd(t, base, "subscriptions", "--format", "ndjson")
	if code != 0 {
		t.Fatalf("ndjson: exit %d: %s", code, errOut)
	}
	var lines []*reseller.Subscription
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var s reseller.Subscription
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			t.Fatalf("ndjson line %q: %v", sc.Text(), err)
		}
		lines = append(lines, &s)
	}
	check("ndjson", lines)
}

func TestExportCustomerAndOneCustomersSubscriptions(t *testing.T) {
	cleanEnv(t)
	base := startEmulator(t, 0)
	code, out, errOut := runExportCmd(t, base, "customer", "acme-annual.example")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var c reseller.Customer
	if err := json.Unmarshal([]byte(out), &c); err != nil || c.CustomerId != "C0acme001" || c.PostalAddress == nil || c.PostalAddress.CountryCode != "US" {
		t.Errorf("customer = %+v, %v", c, err)
	}
	code, out, errOut = runExportCmd(t, base, "subscriptions", "--customer", "acme-annual.example", "--format", "ndjson")
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.Contains(out, `"customerId":"C0acme001"`) {
		t.Errorf("exit %d, out %q, err %q", code, out, errOut)
	}
	// A transfer token lists what can move; the token itself is written nowhere.
	const token = "5c1a9e0b7d3f42e8a6b4c2d0e9f8a7b6"
	code, out, errOut = runExportCmd(t, base, "subscriptions", "--customer", "transfer.example", "--transfer-token", token)
	if code != 0 || strings.Count(out, "\n") < 2 || strings.Contains(out+errOut, token) {
		t.Errorf("transferable: exit %d, out %q, err %q", code, out, errOut)
	}
}

// An API refusal exits 1 with the troubleshooting guidance on stderr and
// nothing on stdout; bad usage exits 2.
func TestExportExitCodes(t *testing.T) {
	cleanEnv(t)
	base := startEmulator(t, 0)
	code, out, errOut := runExportCmd(t, base, "customer", "revoked.example")
	if code != 1 || out != "" || !strings.Contains(errOut, "403 forbidden") || !strings.Contains(errOut, "what to do:") {
		t.Errorf("revoked: exit %d, out %q, err:\n%s", code, out, errOut)
	}
	// An export only reads: the read-only scope is enough.
	if code, out, errOut := runExportCmd(t, base, "customer", "acme-annual.example", "--read-only"); code != 0 || !strings.Contains(out, "C0acme001") {
		t.Errorf("--read-only: exit %d, err %q", code, errOut)
	}
	code, _, errOut = runExportCmd(t, base, "subscriptions", "--customer", "transfer.example", "--transfer-token", "0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b")
	if code != 1 || !strings.Contains(errOut, "403") {
		t.Errorf("expired token: exit %d, err:\n%s", code, errOut)
	}
	for _, args := range [][]string{
		{},
		{"invoices"},
		{"subscriptions", "--format", "xlsx"},
		{"subscriptions", "extra"},
		{"customer"},
		{"customer", "acme-annual.example", "--format", "csv"},
		{"subscriptions", "--transfer-token", "5c1a9e0b7d3f42e8a6b4c2d0e9f8a7b6"},
		{"subscriptions", "--force"},
		{"subscriptions", "--profile", "nope"},
	} {
		if code, _, errOut := runExportCmd(t, base, args...); code != 2 {
			t.Errorf("%q: exit %d, want 2 (%s)", args, code, errOut)
		}
	}
}

// -o writes a file only its owner can read, and never replaces one
// without --force.
func TestExportFile(t *testing.T) {
	cleanEnv(t)
	base := startEmulator(t, 0)
	path := filepath.Join(t.TempDir(), "subs.csv")
	if code, _, errOut := runExportCmd(t, base, "subscriptions", "-o", path); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, %v; want 0600", st.Mode(), err)
	}
	if err := os.WriteFile(path, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runExportCmd(t, base, "subscriptions", "-o", path)
	if b, _ := os.ReadFile(path); code != 2 || string(b) != "keep me" || !strings.Contains(errOut, "--force") {
		t.Errorf("existing file: exit %d, file %q, err %q", code, b, errOut)
	}
	if code, _, errOut := runExportCmd(t, base, "subscriptions", "-o", path, "--force", "--format", "json"); code != 0 {
		t.Fatalf("--force: exit %d: %s", code, errOut)
	}
	st, _ = os.Stat(path)
	b, _ := os.ReadFile(path)
	if st.Mode().Perm() != 0o600 || !bytes.HasPrefix(b, []byte("[")) {
		t.Errorf("replaced file: mode %v, starts %q", st.Mode(), b[:min(len(b), 10)])
	}
	// Nothing is left beside it.
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("the folder holds %d entries, want only the export", len(entries))
	}
}

// The profile comes from --profile, then $RESOLD_PROFILE, then the file's
// default_profile; a flag still beats the profile's own settings.
func TestExportProfilePrecedence(t *testing.T) {
	dir := cleanEnv(t)
	small, big := startEmulator(t, 0), startEmulator(t, 20)
	nSmall, nBig := len(rawListing(t, small)), len(rawListing(t, big))
	cfg := filepath.Join(dir, "resold", "config.yaml")
	if err := os.MkdirAll(filepath.Dir(cfg), 0o700); err != nil {
		t.Fatal(err)
	}
	body := fmt.Sprintf("default_profile: small\nprofiles:\n  small:\n    endpoint: %s\n    read_only: true\n  big:\n    endpoint: %s\n", small, big)
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	rows := func(env string, args ...string) int {
		t.Helper()
		t.Setenv(config.EnvProfile, env)
		code, out, errOut := runExportCmd(t, "", append([]string{"subscriptions", "--format", "ndjson"}, args...)...)
		if code != 0 {
			t.Fatalf("env %q args %q: exit %d: %s", env, args, code, errOut)
		}
		return strings.Count(out, "\n")
	}
	t.Setenv(client.EnvEndpoint, "")
	if got := rows(""); got != nSmall {
		t.Errorf("the file's default profile: %d rows, want %d", got, nSmall)
	}
	if got := rows("big"); got != nBig {
		t.Errorf("RESOLD_PROFILE=big: %d rows, want %d", got, nBig)
	}
	if got := rows("big", "--profile", "small"); got != nSmall {
		t.Errorf("--profile small beats the environment: %d rows, want %d", got, nSmall)
	}
	if got := rows("", "--endpoint", big); got != nBig {
		t.Errorf("--endpoint beats the profile's: %d rows, want %d", got, nBig)
	}
	t.Setenv(config.EnvProfile, "staging")
	code, _, errOut := runExportCmd(t, "", "subscriptions")
	if code != 2 || !strings.Contains(errOut, `unknown profile "staging"`) || !strings.Contains(errOut, "big, small") {
		t.Errorf("unknown profile: exit %d, err %q", code, errOut)
	}
}
