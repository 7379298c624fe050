package emulator_test

import (
	"bufio"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	reseller "google.golang.org/api/reseller/v1"

	"resold/emulator"
	"resold/internal/emutest"
)

const admin = "/emulator/v1/"

// adminCall sends an admin request (no token: the admin endpoints take
// none) and decodes a 200 answer into out.
func adminCall(t *testing.T, e *env, method, path, body string, out any) {
	t.Helper()
	code, b := raw(t, method, e.ts.URL+admin+path, body, "")
	if code != 200 {
		t.Fatalf("%s %s: %d %s", method, path, code, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, b)
		}
	}
}

// TestAdminState: GET /emulator/v1/state is the state after the changes
// Google's client made, in the format --state reads.
func TestAdminState(t *testing.T) {
	e := fixtures(t)
	if _, err := e.svc.Subscriptions.ChangeSeats(emulator.IDFlex, flexSub, &reseller.Seats{MaximumNumberOfSeats: 18}).Do(); err != nil {
		t.Fatal(err)
	}
	code, b := raw(t, "GET", e.ts.URL+admin+"state", "", "")
	if code != 200 {
		t.Fatalf("state: %d %s", code, b)
	}
	st, err := emulator.ReadState(strings.NewReader(string(b)))
	if err != nil {
		t.Fatalf("the admin state does not read as a state file: %v", err)
	}
	i := slices.IndexFunc(st.Subscriptions, func(s emulator.Subscription) bool { return s.SubscriptionID == flexSub })
	if i < 0 || *st.Subscriptions[i].Seats.MaximumNumberOfSeats != 18 {
		t.Fatalf("flex.example in the state: %+v", st.Subscriptions[i])
	}
	if !st.Time.Equal(start) || len(st.Customers) != 12 {
		t.Errorf("time %s, %d customers; want %s, 12", st.Time, len(st.Customers), start)
	}
	for _, c := range e.srv.Calls() {
		if strings.Contains(c.Method, "emulator") || c.Method == "" {
			t.Errorf("admin call recorded as an API call: %+v", c)
		}
	}
}

// TestAdminReset: POST /emulator/v1/reset undoes changes, the clock's
// advance and queued faults.
func TestAdminReset(t *testing.T) {
	e := fixtures(t)
	if err := e.svc.Subscriptions.Delete(emulator.IDFlex, flexSub, "transfer_to_direct").Do(); err != nil {
		t.Fatal(err)
	}
	adminCall(t, e, "POST", "clock:advance", `{"duration":"48h"}`, nil)
	adminCall(t, e, "POST", "faults", `{"method":"customers.get","code":500}`, nil)
	var clock struct{ Time time.Time }
	adminCall(t, e, "POST", "reset", "", &clock)
	if !clock.Time.Equal(start) {
		t.Errorf("clock after reset = %s, want %s", clock.Time, start)
	}
	if s, err := e.svc.Subscriptions.Get(emulator.IDFlex, flexSub).Do(); err != nil || s.Seats.MaximumNumberOfSeats != 20 {
		t.Errorf("flex.example after reset: %+v %v", s, err)
	}
	if _, err := e.svc.Customers.Get(emulator.IDAcmeAnnual).Do(); err != nil {
		t.Errorf("the queued fault survived the reset: %v", err)
	}
}

// TestAdminClockAdvance: POST /emulator/v1/clock:advance applies the time
// rules as the API states them, read back through Google's client: a trial
// without a plan is suspended, one with a plan starts it, an annual term
// renews or is cancelled per its renewal type, and a reseller suspension
// older than 60 days ends the subscription.
func TestAdminClockAdvance(t *testing.T) {
	e := seeded(t, &emulator.State{}, emulator.Options{})
	for _, c := range []string{"a", "b", "c", "d", "e"} {
		if err := e.srv.PutCustomer(emulator.Customer{CustomerID: "C" + c, CustomerDomain: c + ".example"}); err != nil {
			t.Fatal(err)
		}
	}
	put := func(s emulator.Subscription) string {
		t.Helper()
		got, err := e.srv.PutSubscription(s)
		if err != nil {
			t.Fatal(err)
		}
		return got.SubscriptionID
	}
	trialNoPlan := put(emulator.Subscription{CustomerID: "Ca", SkuID: "1010020028", Plan: emulator.Plan{PlanName: "TRIAL"},
		Seats: emulator.Seats{MaximumNumberOfSeats: seats(5)}, TrialSettings: &emulator.TrialSettings{IsInTrial: true}})
	trialFlex := put(emulator.Subscription{CustomerID: "Cb", SkuID: "1010020028", Plan: emulator.Plan{PlanName: "FLEXIBLE"},
		Seats: emulator.Seats{MaximumNumberOfSeats: seats(5)}, TrialSettings: &emulator.TrialSettings{IsInTrial: true}})
	term := func(renewal string) emulator.Subscription {
		return emulator.Subscription{SkuID: "1010020027", Plan: emulator.Plan{PlanName: "ANNUAL",
			CommitmentInterval: &emulator.Interval{StartTime: start.Add(-355 * day).UnixMilli(), EndTime: start.Add(10 * day).UnixMilli()}},
			Seats: emulator.Seats{NumberOfSeats: seats(30), LicensedNumberOfSeats: 22}, RenewalSettings: &emulator.RenewalSettings{RenewalType: renewal}}
	}
	cancel := term("CANCEL")
	cancel.CustomerID = "Cc"
	cancelled := put(cancel)
	renews := term("RENEW_CURRENT_USERS_MONTHLY_PAY")
	renews.CustomerID = "Cd"
	renewed := put(renews)
	suspended := put(emulator.Subscription{CustomerID: "Ce", SkuID: "1010020027", Plan: emulator.Plan{PlanName: "FLEXIBLE"},
		Seats: emulator.Seats{MaximumNumberOfSeats: seats(5)}, SuspensionReasons: []string{"RESELLER_INITIATED"},
		Emulator: &emulator.SubscriptionExtras{SuspendedAt: start.Add(-40 * day).UnixMilli()}})

	var clock struct{ Time time.Time }
	adminCall(t, e, "POST", "clock:advance", `{"duration":"720h"}`, &clock)
	if want := start.Add(30 * day); !clock.Time.Equal(want) || !e.srv.Now().Equal(want) {
		t.Fatalf("clock = %s (server %s), want %s", clock.Time, e.srv.Now(), want)
	}
	get := func(cust, id string) *reseller.Subscription {
		t.Helper()
		s, err := e.svc.Subscriptions.Get(cust, id).Do()
		if err != nil {
			t.Fatalf("get %s: %v", id, err)
		}
		return s
	}
	if s := get("Ca", trialNoPlan); s.Status != "SUSPENDED" || !slices.Equal(s.SuspensionReasons, []string{"TRIAL_ENDED"}) || s.TrialSettings.IsInTrial {
		t.Errorf("trial without a plan: %s %v in trial %v", s.Status, s.SuspensionReasons, s.TrialSettings.IsInTrial)
	}
	if s := get("Cb", trialFlex); s.Status != "ACTIVE" || s.TrialSettings.IsInTrial || s.Plan.PlanName != "FLEXIBLE" {
		t.Errorf("trial with a flexible plan: %s in trial %v %s", s.Status, s.TrialSettings.IsInTrial, s.Plan.PlanName)
	}
	if s := get("Cc", cancelled); s.Status != "SUSPENDED" || !slices.Equal(s.SuspensionReasons, []string{"RENEWAL_WITH_TYPE_CANCEL"}) {
		t.Errorf("annual with CANCEL: %s %v", s.Status, s.SuspensionReasons)
	}
	s := get("Cd", renewed)
	if s.Status != "ACTIVE" || s.Seats.NumberOfSeats != 22 || s.Plan.CommitmentInterval.StartTime != start.Add(10*day).UnixMilli() {
		t.Errorf("annual renewing with current users: %s seats %d term %+v", s.Status, s.Seats.NumberOfSeats, s.Plan.CommitmentInterval)
	}
	_, err := e.svc.Subscriptions.Get("Ce", suspended).Do()
	wantErr(t, err, 404, "notFound", "")

	for _, bad := range []string{`{"duration":"-1h"}`, `{"duration":"soon"}`, `{}`, `{"duration":`} {
		code, b := raw(t, "POST", e.ts.URL+admin+"clock:advance", bad, "")
		if code != 400 {
			t.Errorf("advance %s: %d %s, want 400", bad, code, b)
		}
	}
	adminCall(t, e, "POST", "clock:advance", `{"duration":"2d"}`, &clock)
	if want := start.Add(32 * day); !clock.Time.Equal(want) {
		t.Errorf("after 2d: %s, want %s", clock.Time, want)
	}
}

// TestAdminFaults: POST /emulator/v1/faults fails the next calls of one
// method, as Google's client sees them, and leaves other methods alone.
func TestAdminFaults(t *testing.T) {
	e := fixtures(t)
	var f emulator.Fault
	adminCall(t, e, "POST", "faults", `{"method":"subscriptions.changeSeats","code":503,"reason":"backendError","count":2}`, &f)
	if f.Count != 2 || f.Message == "" {
		t.Errorf("queued fault: %+v", f)
	}
	change := func() error {
		_, err := e.svc.Subscriptions.ChangeSeats(emulator.IDFlex, flexSub, &reseller.Seats{MaximumNumberOfSeats: 19}).Do()
		return err
	}
	wantErr(t, change(), 503, "backendError", "The service is currently unavailable.")
	if _, err := e.svc.Subscriptions.Get(emulator.IDFlex, flexSub).Do(); err != nil {
		t.Errorf("another method failed: %v", err)
	}
	wantErr(t, change(), 503, "backendError", "")
	if err := change(); err != nil {
		t.Fatalf("third call: %v", err)
	}
	var faulted []string
	for _, c := range e.srv.Calls() {
		if c.Fault != "" {
			faulted = append(faulted, c.Method+" "+c.Fault)
		}
	}
	if want := []string{"reseller.subscriptions.changeSeats targeted", "reseller.subscriptions.changeSeats targeted"}; !slices.Equal(faulted, want) {
		t.Errorf("faulted calls = %v, want %v", faulted, want)
	}

	// A quota reason is filed under usageLimits with its Retry-After.
	adminCall(t, e, "POST", "faults", `{"method":"reseller.customers.get","code":429,"retryAfter":7,"count":2}`, nil)
	_, err := e.svc.Customers.Get(emulator.IDAcmeAnnual).Do()
	if gerr := wantErr(t, err, 429, "quotaExceeded", ""); gerr.Header.Get("Retry-After") != "7" {
		t.Errorf("429: Retry-After %q", gerr.Header.Get("Retry-After"))
	}
	code, b := raw(t, "GET", e.ts.URL+v1+"customers/"+emulator.IDAcmeAnnual, "", "tok")
	if env := decodeEnvelope(t, b); code != 429 || env.Error.Errors[0].Domain != "usageLimits" || env.Error.Status != "RESOURCE_EXHAUSTED" {
		t.Errorf("429 envelope: %d %s", code, b)
	}

	// A dropped answer: the change is applied, the client sees no answer.
	adminCall(t, e, "POST", "faults", `{"method":"subscriptions.changeSeats","drop":true}`, nil)
	if _, err := e.svc.Subscriptions.ChangeSeats(emulator.IDFlex, flexSub, &reseller.Seats{MaximumNumberOfSeats: 17}).Do(); err == nil {
		t.Error("a dropped answer arrived")
	}
	if s, err := e.svc.Subscriptions.Get(emulator.IDFlex, flexSub).Do(); err != nil || s.Seats.MaximumNumberOfSeats != 17 {
		t.Errorf("after the dropped answer: %+v %v", s, err)
	}

	var list struct{ Faults []emulator.Fault }
	adminCall(t, e, "POST", "faults", `{"method":"subscriptions.suspend","code":500,"count":3}`, nil)
	adminCall(t, e, "GET", "faults", "", &list)
	if len(list.Faults) != 1 || list.Faults[0].Method != "subscriptions.suspend" || list.Faults[0].Count != 3 {
		t.Errorf("queued faults: %+v", list.Faults)
	}
	adminCall(t, e, "DELETE", "faults", "", &list)
	if _, err := e.svc.Subscriptions.Suspend(emulator.IDFlex, flexSub).Do(); err != nil {
		t.Errorf("suspend after the faults were cleared: %v", err)
	}

	for _, bad := range []string{`{"method":"subscriptions.fly","code":503}`, `{"method":"customers.get","code":200}`,
		`{"method":"customers.get","code":503,"count":-1}`, `{"method":"customers.get","code":503,"drop":true}`} {
		code, b := raw(t, "POST", e.ts.URL+admin+"faults", bad, "")
		if code != 400 {
			t.Errorf("fault %s: %d %s, want 400", bad, code, b)
		}
	}
}

// TestAdminOff: with NoAdmin the admin paths are unknown API paths (404 in
// Google's envelope), and an unknown admin path is 404 either way.
func TestAdminOff(t *testing.T) {
	off := newEnv(t, emulator.Options{Customers: -1, NoAdmin: true})
	code, b := raw(t, "GET", off.ts.URL+admin+"state", "", "tok")
	if code != 404 || decodeEnvelope(t, b).Error.Errors[0].Reason != "notFound" {
		t.Errorf("state with NoAdmin: %d %s", code, b)
	}
	code, _ = raw(t, "POST", off.ts.URL+admin+"reset", "", "tok")
	if code != 404 {
		t.Errorf("reset with NoAdmin: %d", code)
	}
	on := fixtures(t)
	code, b = raw(t, "GET", on.ts.URL+admin+"nothing", "", "")
	if code != 404 || !strings.Contains(string(b), "clock:advance") {
		t.Errorf("unknown admin path: %d %s", code, b)
	}
}

// events parses the JSON lines written to Options.Events.
func events(t *testing.T, out string) []map[string]any {
	t.Helper()
	var list []map[string]any
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("event line %q: %v", sc.Text(), err)
		}
		list = append(list, m)
	}
	return list
}

// TestEventsAfterRegister: no event is written before
// resellernotify.register; after it, each change writes Google's event
// JSON (snake_case keys, publish_time as seconds and nanos), the time
// rules included.
func TestEventsAfterRegister(t *testing.T) {
	var out safeBuffer
	e := newEnv(t, emulator.Options{Customers: -1, Events: &out})
	// A Google-direct customer with Workspace alone, so its transfer may
	// go out on its own.
	const directToken = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
	e.emu.Customer(t, emulator.Customer{CustomerID: "C9direct", CustomerDomain: "direct.example",
		Emulator: &emulator.CustomerExtras{Owner: emulator.OwnerGoogle, TransferToken: directToken}})
	e.emu.Subscription(t, emutest.Flexible("C9direct", "1010020028", 30, 25))
	if _, err := e.svc.Subscriptions.Suspend(emulator.IDFlex, flexSub).Do(); err != nil {
		t.Fatal(err)
	}
	if out.String() != "" {
		t.Fatalf("events before register: %s", out.String())
	}
	if _, err := e.svc.Resellernotify.Register().ServiceAccountEmailAddress("push@p.iam.gserviceaccount.com").Do(); err != nil {
		t.Fatal(err)
	}
	steps := []func() error{
		func() error { _, err := e.svc.Subscriptions.Activate(emulator.IDFlex, flexSub).Do(); return err },
		func() error { _, err := e.svc.Subscriptions.Suspend(emulator.IDFlex, flexSub).Do(); return err },
		func() error {
			_, err := e.svc.Subscriptions.ChangeSeats(emulator.IDAcmeAnnual, acmeSub, &reseller.Seats{NumberOfSeats: 60}).Do()
			return err
		},
		func() error {
			_, err := e.svc.Subscriptions.Insert(emulator.IDAcmeAnnual, sub("Google-Drive-storage-20GB", "FLEXIBLE", 5)).Do()
			return err
		},
		func() error {
			err := e.svc.Subscriptions.Delete(emulator.IDNoAdmin, noAdmSb, "transfer_to_direct").Do()
			return err // 412: no administrator, so no event
		},
		func() error {
			_, err := e.svc.Subscriptions.Insert("C9direct", sub("1010020028", "FLEXIBLE", 30)).CustomerAuthToken(directToken).Do()
			return err
		},
		func() error { _, err := e.srv.Advance(21 * day); return err }, // trial.example's trial ends
	}
	for i, step := range steps {
		if err := step(); err != nil && i != 4 {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	got := events(t, out.String())
	var types []string
	for _, ev := range got {
		types = append(types, ev["event_type"].(string)+" "+ev["customer_id"].(string))
	}
	want := []string{
		"SUBSCRIPTION_SUSPENSION_REVOKED " + emulator.IDFlex,
		"SUBSCRIPTION_SUSPENDED " + emulator.IDFlex,
		"COMMITMENT_CHANGED " + emulator.IDAcmeAnnual,
		"NEW_SUBSCRIPTION_CREATED " + emulator.IDAcmeAnnual,
		"SUBSCRIPTION_CONVERTED C9direct",
		"SUBSCRIPTION_TRIAL_ENDED " + emulator.IDTrial,
		"SUBSCRIPTION_SUSPENDED " + emulator.IDTrial,
	}
	if !slices.Equal(types, want) {
		t.Fatalf("events:\n%s\nwant:\n%s", strings.Join(types, "\n"), strings.Join(want, "\n"))
	}
	first := got[1]
	pt := first["publish_time"].(map[string]any)
	if first["sku_id"] != "1010020027" || first["customer_domain_name"] != emulator.DomainFlex ||
		first["subscription_id"] != flexSub || first["reseller_customer_id"] != emulator.ResellerID ||
		first["message_id"] != "2" || pt["seconds"] != float64(start.Unix()) ||
		!slices.Equal(first["subscription_suspension_reasons"].([]any), []any{"RESELLER_INITIATED"}) {
		t.Errorf("SUBSCRIPTION_SUSPENDED event: %v", first)
	}
	trialEnd := got[5]["publish_time"].(map[string]any)["seconds"].(float64)
	if want := start.Add(20 * day).Unix(); int64(trialEnd) != want {
		t.Errorf("trial end published at %v, want the trial's end %d", trialEnd, want)
	}
}

// TestEventsCancellation: a delete and a lapsed suspension write
// SUBSCRIPTION_CANCELLED with their reasons; a switch of edition writes an
// upgrade and cancels the old subscription as subsumed.
func TestEventsCancellation(t *testing.T) {
	var out safeBuffer
	e := newEnv(t, emulator.Options{Customers: -1, Events: &out})
	if _, err := e.svc.Resellernotify.Register().Do(); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Subscriptions.Delete(emulator.IDFlex, flexSub, "transfer_to_direct").Do(); err != nil {
		t.Fatal(err)
	}
	// A refused change writes nothing: a team customer may not buy Business Standard.
	_, err := e.svc.Subscriptions.Insert(emulator.IDTeam1, sub("1010020028", "FLEXIBLE", 6)).Do()
	wantErr(t, err, 412, "conditionNotMet", "")
	if _, err := e.svc.Subscriptions.Insert(emulator.IDNoAdmin, sub("1010020028", "FLEXIBLE", 10)).Do(); err != nil {
		t.Fatal(err)
	}
	if _, err := e.srv.Advance(56 * day); err != nil { // suspended.example's suspension reaches 60 days
		t.Fatal(err)
	}
	var got []string
	for _, ev := range events(t, out.String()) {
		s := ev["event_type"].(string) + " " + ev["subscription_id"].(string)
		if r, ok := ev["subscription_cancellation_reason"]; ok {
			s += " " + r.(string)
		}
		got = append(got, s)
	}
	want := []string{
		"SUBSCRIPTION_CANCELLED " + flexSub + " TRANSFERRED_OUT",
		"SUBSCRIPTION_CANCELLED " + noAdmSb + " PURCHASE_OF_SUBSUMING_SKU",
	}
	if len(got) < 4 || !slices.Equal(got[:2], want) || !strings.HasPrefix(got[2], "SUBSCRIPTION_UPGRADE ") ||
		!slices.Contains(got, "SUBSCRIPTION_CANCELLED "+suspSub+" RESELLER_INITIATED") {
		t.Errorf("events:\n%s", strings.Join(got, "\n"))
	}
}
