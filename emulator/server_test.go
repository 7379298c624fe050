package emulator_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/googleapis/gax-go/v2/apierror"
	"google.golang.org/api/googleapi"
	"google.golang.org/api/option"
	reseller "google.golang.org/api/reseller/v1"

	"resold/emulator"
	"resold/internal/emutest"
)

// start is the emulated time every test begins at.
var start = emutest.Start

// env is one emulator behind a real HTTP server, with Google's client.
type env struct {
	srv   *emulator.Server
	ts    *httptest.Server
	svc   *reseller.Service
	clock *emutest.Clock
	emu   *emutest.Emulator
}

// newEnv starts an emulator with opts; a nil Clock becomes a test clock at
// start. Callers pass Customers explicitly (-1 for the fixtures only).
func newEnv(t testing.TB, opts emulator.Options) *env {
	t.Helper()
	emu := emutest.New(t, opts)
	return &env{srv: emu.Server, ts: emu.HTTP, svc: newService(t, emu.URL, "test-token"), clock: emu.Clock, emu: emu}
}

// fixtures is an emulator holding only the fixture customers.
func fixtures(t testing.TB) *env { return newEnv(t, emulator.Options{Customers: -1}) }

// bearer adds an Authorization header: option.WithHTTPClient bypasses the
// client's own authentication.
type bearer struct {
	token string
	base  http.RoundTripper
}

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	if b.token != "" {
		r.Header.Set("Authorization", "Bearer "+b.token)
	}
	return b.base.RoundTrip(r)
}

// newService is Google's generated client pointed at url with token.
func newService(t testing.TB, url, token string) *reseller.Service {
	t.Helper()
	hc := &http.Client{Transport: bearer{token: token, base: http.DefaultTransport}}
	svc, err := reseller.NewService(context.Background(), option.WithEndpoint(url+"/"), option.WithHTTPClient(hc))
	if err != nil {
		t.Fatalf("NewService: %v", err)
	}
	return svc
}

// wantErr asserts err is a *googleapi.Error with code and legacy reason
// (reason "" means no errors[] item) and, when msg is set, that message.
func wantErr(t testing.TB, err error, code int, reason, msg string) *googleapi.Error {
	t.Helper()
	var gerr *googleapi.Error
	if !errors.As(err, &gerr) {
		t.Fatalf("error = %v (%T), want *googleapi.Error %d %s", err, err, code, reason)
	}
	if gerr.Code != code {
		t.Errorf("code = %d, want %d (%s)", gerr.Code, code, gerr.Message)
	}
	got := ""
	if len(gerr.Errors) > 0 {
		got = gerr.Errors[0].Reason
	}
	if got != reason {
		t.Errorf("reason = %q, want %q (%s)", got, reason, gerr.Message)
	}
	if msg != "" && gerr.Message != msg {
		t.Errorf("message = %q, want %q", gerr.Message, msg)
	}
	return gerr
}

// raw sends a request without Google's client and returns status and body.
func raw(t testing.TB, method, url, body, token string) (int, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, b
}

// envelope is Google's error envelope as sent.
type envelope struct {
	Error struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
		Status  string `json:"status"`
		Errors  []struct {
			Message, Domain, Reason string
		} `json:"errors"`
		Details []struct {
			Type   string `json:"@type"`
			Reason string `json:"reason"`
			Domain string `json:"domain"`
		} `json:"details"`
	} `json:"error"`
}

func decodeEnvelope(t testing.TB, b []byte) envelope {
	t.Helper()
	var e envelope
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatalf("not an error envelope: %v: %s", err, b)
	}
	return e
}

const (
	v1      = "/apps/reseller/v1/"
	acmeSub = "1000001"
	flexSub = "1000002"
	trialSb = "1000003"
	suspSub = "1000004"
	noAdmSb = "1000005"
	otherSb = "1000006"
	revokSb = "1000007"
	team1Sb = "1000008"
	xferSub = "1000010"
	xferDrv = "1000011"
	xferVlt = "1000014"
	emrgSub = "1000013"
)

// TestEveryMethod calls each of the 17 discovery methods once through
// Google's client and checks the call log names it.
func TestEveryMethod(t *testing.T) {
	e := fixtures(t)
	s := e.svc
	insert := &reseller.Customer{
		CustomerDomain: "new-customer.example", AlternateEmail: "boss@elsewhere.example",
		PostalAddress: &reseller.Address{ContactName: "A B", OrganizationName: "New", PostalCode: "94043", CountryCode: "US"},
	}
	cases := []struct {
		id   string
		call func() error
	}{
		{"reseller.customers.get", func() error { _, err := s.Customers.Get(emulator.IDAcmeAnnual).Do(); return err }},
		{"reseller.customers.insert", func() error { _, err := s.Customers.Insert(insert).Do(); return err }},
		{"reseller.customers.patch", func() error {
			_, err := s.Customers.Patch(emulator.IDFlex, &reseller.Customer{PhoneNumber: "+1 212 555 0199"}).Do()
			return err
		}},
		{"reseller.customers.update", func() error {
			c, err := s.Customers.Get(emulator.IDFlex).Do()
			if err != nil {
				return err
			}
			_, err = s.Customers.Update(emulator.IDFlex, c).Do()
			return err
		}},
		{"reseller.subscriptions.suspend", func() error { _, err := s.Subscriptions.Suspend(emulator.IDFlex, flexSub).Do(); return err }},
		{"reseller.subscriptions.activate", func() error { _, err := s.Subscriptions.Activate(emulator.IDFlex, flexSub).Do(); return err }},
		{"reseller.subscriptions.changeSeats", func() error {
			_, err := s.Subscriptions.ChangeSeats(emulator.IDFlex, flexSub, &reseller.Seats{MaximumNumberOfSeats: 25}).Do()
			return err
		}},
		{"reseller.subscriptions.changeRenewalSettings", func() error {
			_, err := s.Subscriptions.ChangeRenewalSettings(emulator.IDAcmeAnnual, acmeSub,
				&reseller.RenewalSettings{RenewalType: "AUTO_RENEW_MONTHLY_PAY"}).Do()
			return err
		}},
		{"reseller.subscriptions.changePlan", func() error {
			_, err := s.Subscriptions.ChangePlan(emulator.IDTrial, trialSb,
				&reseller.ChangePlanRequest{PlanName: "FLEXIBLE", Seats: &reseller.Seats{MaximumNumberOfSeats: 5}}).Do()
			return err
		}},
		{"reseller.subscriptions.startPaidService", func() error { _, err := s.Subscriptions.StartPaidService(emulator.IDTrial, trialSb).Do(); return err }},
		{"reseller.subscriptions.get", func() error { _, err := s.Subscriptions.Get(emulator.IDAcmeAnnual, acmeSub).Do(); return err }},
		{"reseller.subscriptions.list", func() error { _, err := s.Subscriptions.List().Do(); return err }},
		{"reseller.subscriptions.insert", func() error {
			_, err := s.Subscriptions.Insert(emulator.IDAcmeAnnual, &reseller.Subscription{
				SkuId: "Google-Drive-storage-20GB", Plan: &reseller.SubscriptionPlan{PlanName: "FLEXIBLE"},
				Seats: &reseller.Seats{MaximumNumberOfSeats: 3}}).Do()
			return err
		}},
		{"reseller.subscriptions.delete", func() error {
			return s.Subscriptions.Delete(emulator.IDNoAdmin, noAdmSb, "transfer_to_direct").Do() // 412, still routed
		}},
		{"reseller.resellernotify.register", func() error {
			_, err := s.Resellernotify.Register().ServiceAccountEmailAddress("sa@p.iam.gserviceaccount.com").Do()
			return err
		}},
		{"reseller.resellernotify.getwatchdetails", func() error { _, err := s.Resellernotify.Getwatchdetails().Do(); return err }},
		{"reseller.resellernotify.unregister", func() error {
			_, err := s.Resellernotify.Unregister().ServiceAccountEmailAddress("sa@p.iam.gserviceaccount.com").Do()
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.id, func(t *testing.T) {
			err := tc.call()
			if tc.id == "reseller.subscriptions.delete" {
				wantErr(t, err, 412, "conditionNotMet", "")
			} else if err != nil {
				t.Fatalf("%s: %v", tc.id, err)
			}
			calls := e.srv.Calls()
			if got := calls[len(calls)-1].Method; got != tc.id {
				t.Errorf("call log method = %q, want %q", got, tc.id)
			}
		})
	}
}

// TestRoutingErrors checks unknown routes, wrong methods, escaped IDs and
// malformed bodies all answer in Google's envelope.
func TestRoutingErrors(t *testing.T) {
	e := fixtures(t)
	cases := []struct {
		name, method, path, body string
		code                     int
		reason                   string
	}{
		{"unknown route", "GET", v1 + "nothing/here", "", 404, "notFound"},
		{"outside the API", "GET", "/favicon.ico", "", 404, "notFound"},
		{"DELETE on a customer", "DELETE", v1 + "customers/" + emulator.IDAcmeAnnual, "", 405, "httpMethodNotAllowed"},
		{"PUT on the list", "PUT", v1 + "subscriptions", "{}", 405, "httpMethodNotAllowed"},
		{"GET on changeSeats", "GET", v1 + "customers/C0acme001/subscriptions/1000001/changeSeats", "", 405, "httpMethodNotAllowed"},
		{"escaped slash stays one ID", "GET", v1 + "customers/C0acme001/subscriptions/sub%2F1%202", "", 404, "notFound"},
		{"truncated JSON", "POST", v1 + "customers/C0acme001/subscriptions/1000001/changeSeats", `{"numberOfSeats":`, 400, "parseError"},
		{"wrong JSON type", "POST", v1 + "customers/C0acme001/subscriptions/1000001/changeSeats", `{"numberOfSeats":"many"}`, 400, "parseError"},
		{"fractional seats", "POST", v1 + "customers/C0acme001/subscriptions/1000001/changeSeats", `{"numberOfSeats":55.5}`, 400, "parseError"},
		{"array body", "POST", v1 + "customers", `[1]`, 400, "parseError"},
		{"trailing data", "PATCH", v1 + "customers/C0acme001", `{} {}`, 400, "parseError"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, body := raw(t, tc.method, e.ts.URL+tc.path, tc.body, "tok")
			env := decodeEnvelope(t, body)
			if code != tc.code || env.Error.Code != tc.code {
				t.Fatalf("status %d / code %d, want %d: %s", code, env.Error.Code, tc.code, body)
			}
			if len(env.Error.Errors) != 1 || env.Error.Errors[0].Reason != tc.reason {
				t.Fatalf("errors = %+v, want reason %s", env.Error.Errors, tc.reason)
			}
			if env.Error.Errors[0].Message != env.Error.Message || env.Error.Status == "" {
				t.Errorf("envelope inconsistent: %s", body)
			}
		})
	}

	// Google's client escapes a "/" in an ID; the emulator must route on
	// the escaped path and look the whole ID up.
	_, err := e.svc.Subscriptions.Get(emulator.IDAcmeAnnual, "sub/1 2").Do()
	wantErr(t, err, 404, "notFound", "Resource not found: subscription")
	calls := e.srv.Calls()
	if c := calls[len(calls)-1]; c.Method != "reseller.subscriptions.get" || c.SubscriptionID != "sub/1 2" {
		t.Errorf("escaped ID recorded as %+v", c)
	}
}

// TestStandardQueryParameters: the standard parameters are accepted and
// ignored on every kind of call.
func TestStandardQueryParameters(t *testing.T) {
	e := fixtures(t)
	q := "?alt=json&prettyPrint=true&fields=kind&quotaUser=u1&%24.xgafv=2&key=k&callback=&upload_protocol=raw&uploadType=media"
	for _, p := range []struct{ method, path, body string }{
		{"GET", v1 + "customers/" + emulator.IDAcmeAnnual, ""},
		{"GET", v1 + "subscriptions", ""},
		{"POST", v1 + "customers/C0acme001/subscriptions/1000001/changeSeats", `{"numberOfSeats":51}`},
		{"GET", v1 + "resellernotify/getwatchdetails", ""},
	} {
		if code, body := raw(t, p.method, e.ts.URL+p.path+q, p.body, "tok"); code != 200 {
			t.Errorf("%s %s: %d %s", p.method, p.path, code, body)
		}
	}
}

// TestAuth covers the three authentication answers: no token, a wrong
// token and a read-only token.
func TestAuth(t *testing.T) {
	e := newEnv(t, emulator.Options{Customers: -1, Tokens: []string{"good"}, ReadOnlyTokens: []string{"reader"}})
	getURL := e.ts.URL + v1 + "customers/" + emulator.IDAcmeAnnual
	seatsURL := e.ts.URL + v1 + "customers/C0acme001/subscriptions/1000001/changeSeats"
	cases := []struct {
		name, method, url, body, token string
		code                           int
		reason, info, msg              string
	}{
		{"no token", "GET", getURL, "", "", 401, "required", "CREDENTIALS_MISSING", "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential."},
		{"unknown token", "GET", getURL, "", "forged", 401, "authError", "", "Request had invalid authentication credentials."},
		{"read-only token writes", "POST", seatsURL, `{"numberOfSeats":60}`, "reader", 403, "", "ACCESS_TOKEN_SCOPE_INSUFFICIENT", "Request had insufficient authentication scopes."},
		{"read-only token reads", "GET", getURL, "", "reader", 200, "", "", ""},
		{"accepted token writes", "POST", seatsURL, `{"numberOfSeats":60}`, "good", 200, "", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, body := raw(t, tc.method, tc.url, tc.body, tc.token)
			if code != tc.code {
				t.Fatalf("status %d, want %d: %s", code, tc.code, body)
			}
			if code == 200 {
				return
			}
			env := decodeEnvelope(t, body)
			reason := ""
			if len(env.Error.Errors) > 0 {
				reason = env.Error.Errors[0].Reason
			}
			if reason != tc.reason || env.Error.Message != tc.msg {
				t.Errorf("reason %q message %q, want %q %q", reason, env.Error.Message, tc.reason, tc.msg)
			}
			info := ""
			if len(env.Error.Details) > 0 {
				info = env.Error.Details[0].Reason
			}
			if info != tc.info {
				t.Errorf("ErrorInfo reason %q, want %q", info, tc.info)
			}
			if bytes.Contains(body, []byte(tc.token)) && tc.token != "" {
				t.Errorf("the token is echoed: %s", body)
			}
		})
	}

	// Through Google's client: the scope error surfaces via apierror.
	_, err := newService(t, e.ts.URL, "reader").Subscriptions.Suspend(emulator.IDAcmeAnnual, acmeSub).Do()
	wantErr(t, err, 403, "", "Request had insufficient authentication scopes.")
	var ae *apierror.APIError
	if !errors.As(err, &ae) || ae.Reason() != "ACCESS_TOKEN_SCOPE_INSUFFICIENT" {
		t.Errorf("apierror reason = %v, want ACCESS_TOKEN_SCOPE_INSUFFICIENT", ae)
	}
	sub, err := e.svc.Subscriptions.Get(emulator.IDAcmeAnnual, acmeSub).Do()
	wantErr(t, err, 401, "authError", "")
	if sub != nil {
		t.Error("a forged token read data")
	}
}

// TestWireFormat reads raw JSON: int64 times are strings, seat counts
// numbers, kinds everywhere, ANNUAL for ANNUAL_MONTHLY_PAY, false booleans
// present.
func TestWireFormat(t *testing.T) {
	e := fixtures(t)
	get := func(path string) map[string]any {
		t.Helper()
		code, body := raw(t, "GET", e.ts.URL+v1+path, "", "tok")
		if code != 200 {
			t.Fatalf("GET %s: %d %s", path, code, body)
		}
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	obj := func(m map[string]any, k string) map[string]any {
		t.Helper()
		v, ok := m[k].(map[string]any)
		if !ok {
			t.Fatalf("%s is %T, want object", k, m[k])
		}
		return v
	}
	want := func(name string, got, want any) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %#v, want %#v", name, got, want)
		}
	}
	isString := func(name string, v any) {
		t.Helper()
		if _, ok := v.(string); !ok {
			t.Errorf("%s is %T (%v), want a JSON string", name, v, v)
		}
	}
	isNumber := func(name string, v any) {
		t.Helper()
		if _, ok := v.(float64); !ok {
			t.Errorf("%s is %T (%v), want a JSON number", name, v, v)
		}
	}

	annual := get("customers/C0acme001/subscriptions/" + acmeSub)
	want("kind", annual["kind"], "reseller#subscription")
	isString("creationTime", annual["creationTime"])
	plan := obj(annual, "plan")
	want("planName", plan["planName"], "ANNUAL")
	want("isCommitmentPlan", plan["isCommitmentPlan"], true)
	isString("commitmentInterval.startTime", obj(plan, "commitmentInterval")["startTime"])
	isString("commitmentInterval.endTime", obj(plan, "commitmentInterval")["endTime"])
	seats := obj(annual, "seats")
	want("seats.kind", seats["kind"], "subscriptions#seats")
	isNumber("numberOfSeats", seats["numberOfSeats"])
	isNumber("licensedNumberOfSeats", seats["licensedNumberOfSeats"])
	want("renewalSettings.kind", obj(annual, "renewalSettings")["kind"], "subscriptions#renewalSettings")
	want("isInTrial", obj(annual, "trialSettings")["isInTrial"], false)

	flex := get("customers/C0flex001/subscriptions/" + flexSub)
	want("flex isCommitmentPlan", obj(flex, "plan")["isCommitmentPlan"], false)
	isNumber("maximumNumberOfSeats", obj(flex, "seats")["maximumNumberOfSeats"])
	if _, ok := obj(flex, "seats")["numberOfSeats"]; ok {
		t.Error("a flexible plan shows numberOfSeats")
	}

	trial := get("customers/C0trial01/subscriptions/" + trialSb)
	want("trial isInTrial", obj(trial, "trialSettings")["isInTrial"], true)
	isString("trialEndTime", obj(trial, "trialSettings")["trialEndTime"])

	cust := get("customers/" + emulator.IDAcmeAnnual)
	want("customer kind", cust["kind"], "reseller#customer")
	want("address kind", obj(cust, "postalAddress")["kind"], "customers#address")

	list := get("subscriptions?maxResults=2")
	want("list kind", list["kind"], "reseller#subscriptions")

	xfer := get("subscriptions?customerId=" + emulator.DomainTransfer + "&customerAuthToken=" + emulator.TransferToken)
	items, _ := xfer["subscriptions"].([]any)
	if len(items) == 0 {
		t.Fatal("no transferable subscriptions")
	}
	ti := obj(items[0].(map[string]any), "transferInfo")
	isNumber("minimumTransferableSeats", ti["minimumTransferableSeats"])
	isString("transferabilityExpirationTime", ti["transferabilityExpirationTime"])

	// The same listing decodes with Google's client (a quoted seat count
	// would abort Pages).
	err := e.svc.Subscriptions.List().CustomerId(emulator.DomainTransfer).CustomerAuthToken(emulator.TransferToken).
		Pages(context.Background(), func(*reseller.Subscriptions) error { return nil })
	if err != nil {
		t.Errorf("Pages over transferable listing: %v", err)
	}
}

// TestDeleteAnswers204 checks delete's empty answer and that the
// subscription is gone afterwards.
func TestDeleteAnswers204(t *testing.T) {
	e := fixtures(t)
	code, body := raw(t, "DELETE", e.ts.URL+v1+"customers/C0flex001/subscriptions/"+flexSub+"?deletionType=transfer_to_direct", "", "tok")
	if code != http.StatusNoContent || len(body) != 0 {
		t.Fatalf("delete: %d %q, want 204 and no body", code, body)
	}
	_, err := e.svc.Subscriptions.Get(emulator.IDFlex, flexSub).Do()
	wantErr(t, err, 404, "notFound", "Resource not found: subscription")
}

// TestCallRecord checks Calls and OnCall: method, IDs, status, Applied.
func TestCallRecord(t *testing.T) {
	var mu sync.Mutex
	var seen []emulator.Call
	e := newEnv(t, emulator.Options{Customers: -1, OnCall: func(c emulator.Call) {
		mu.Lock()
		seen = append(seen, c)
		mu.Unlock()
	}})
	if _, err := e.svc.Subscriptions.ChangeSeats(emulator.DomainAcmeAnnual, acmeSub, &reseller.Seats{NumberOfSeats: 55}).Do(); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Subscriptions.ChangeSeats(emulator.IDAcmeAnnual, acmeSub, &reseller.Seats{NumberOfSeats: 55}).Do(); err != nil {
		t.Fatal(err)
	}
	_, err := e.svc.Subscriptions.ChangeSeats(emulator.IDAcmeAnnual, acmeSub, &reseller.Seats{NumberOfSeats: 5}).Do()
	wantErr(t, err, 400, "invalid", "")
	if _, err := e.svc.Customers.Get(emulator.IDFlex).Do(); err != nil {
		t.Fatal(err)
	}
	want := []emulator.Call{
		{Method: "reseller.subscriptions.changeSeats", CustomerID: emulator.IDAcmeAnnual, SubscriptionID: acmeSub, Status: 200, Applied: true},
		{Method: "reseller.subscriptions.changeSeats", CustomerID: emulator.IDAcmeAnnual, SubscriptionID: acmeSub, Status: 200, Applied: false},
		{Method: "reseller.subscriptions.changeSeats", CustomerID: emulator.IDAcmeAnnual, SubscriptionID: acmeSub, Status: 400},
		{Method: "reseller.customers.get", CustomerID: emulator.IDFlex, Status: 200},
	}
	got := e.srv.Calls()
	mu.Lock()
	defer mu.Unlock()
	if len(got) != len(want) || len(seen) != len(want) {
		t.Fatalf("Calls() = %+v, OnCall saw %+v, want %d calls", got, seen, len(want))
	}
	for i := range want {
		if got[i] != want[i] || seen[i] != want[i] {
			t.Errorf("call %d = %+v (OnCall %+v), want %+v", i, got[i], seen[i], want[i])
		}
	}
}

// TestLogHasNoSecrets: the request log has a line per call and never the
// bearer token or a transfer token.
func TestLogHasNoSecrets(t *testing.T) {
	var buf safeBuffer
	e := newEnv(t, emulator.Options{Customers: -1, Log: &buf})
	svc := newService(t, e.ts.URL, "secret-bearer-123")
	_, _ = svc.Subscriptions.List().CustomerId(emulator.DomainTransfer).CustomerAuthToken(emulator.TransferToken).Do()
	_, _ = svc.Customers.Get(emulator.IDAcmeAnnual).Do()
	out := buf.String()
	if n := strings.Count(out, "\n"); n != 2 {
		t.Errorf("%d log lines, want 2:\n%s", n, out)
	}
	for _, secret := range []string{"secret-bearer-123", emulator.TransferToken} {
		if strings.Contains(out, secret) {
			t.Errorf("log contains a secret: %s", out)
		}
	}
	if !strings.Contains(out, "GET /apps/reseller/v1/customers/C0acme001 200") {
		t.Errorf("log line missing: %s", out)
	}
}

type safeBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *safeBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *safeBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestConcurrentClients runs writers and readers at once (meant for -race):
// every customer and subscription inserted concurrently exists exactly
// once afterwards, with distinct IDs.
func TestConcurrentClients(t *testing.T) {
	e := newEnv(t, emulator.Options{Customers: 50, Seed: 7})
	const writers, steps = 4, 8
	var wg sync.WaitGroup
	errs := make(chan error, writers*steps*4)
	ids := make(chan string, writers*steps)
	for w := range writers {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := range steps {
				c, err := e.svc.Customers.Insert(&reseller.Customer{
					CustomerDomain: fmt.Sprintf("zz-w%d-c%d.example", w, i), AlternateEmail: "x@y.example",
					PostalAddress: &reseller.Address{ContactName: "C", OrganizationName: "O", PostalCode: "10001", CountryCode: "US"},
				}).Do()
				if err != nil {
					errs <- err
					continue
				}
				sub, err := e.svc.Subscriptions.Insert(c.CustomerId, &reseller.Subscription{
					SkuId: "1010020027", Plan: &reseller.SubscriptionPlan{PlanName: "FLEXIBLE"},
					Seats: &reseller.Seats{MaximumNumberOfSeats: int64(1 + i)}}).Do()
				if err != nil {
					errs <- err
					continue
				}
				ids <- sub.SubscriptionId
			}
		}()
		go func() {
			defer wg.Done()
			for i := range steps {
				_, err := e.svc.Subscriptions.List().CustomerNamePrefix("zz-").MaxResults(int64(5 + w + i)).Do()
				if err == nil {
					_, err = e.svc.Subscriptions.ChangeSeats(emulator.IDFlex, flexSub,
						&reseller.Seats{MaximumNumberOfSeats: int64(20 + w)}).Do()
				}
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	close(ids)
	for err := range errs {
		t.Error(err)
	}
	inserted := map[string]bool{}
	for id := range ids {
		if inserted[id] {
			t.Errorf("subscription ID %s minted twice", id)
		}
		inserted[id] = true
	}
	listed := map[string]int{}
	err := e.svc.Subscriptions.List().CustomerNamePrefix("zz-").MaxResults(7).Pages(context.Background(),
		func(p *reseller.Subscriptions) error {
			for _, s := range p.Subscriptions {
				listed[s.SubscriptionId]++
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if len(inserted) != writers*steps || len(listed) != len(inserted) {
		t.Errorf("inserted %d, listed %d, want %d", len(inserted), len(listed), writers*steps)
	}
	for id := range inserted {
		if listed[id] != 1 {
			t.Errorf("subscription %s listed %d times", id, listed[id])
		}
	}
}
