package emulator_test

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	reseller "google.golang.org/api/reseller/v1"

	"resold/emulator"
)

// seats returns a pointer, for Seats fields.
func seats(n int64) *int64 { return &n }

// exampleState reads the example state file shipped with the emulator.
func exampleState(t *testing.T) *emulator.State {
	t.Helper()
	f, err := os.Open("testdata/example-state.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := emulator.ReadState(f)
	if err != nil {
		t.Fatalf("ReadState: %v", err)
	}
	return st
}

// seeded is an emulator holding exactly st.
func seeded(t *testing.T, st *emulator.State, opts emulator.Options) *env {
	t.Helper()
	opts.Initial = st
	return newEnv(t, opts)
}

// TestExampleStateLoads: the shipped example loads, Google's client reads
// its customers and subscriptions as written, and the defaults (creation
// time, trial end, commitment term, token age) count from the load time.
func TestExampleStateLoads(t *testing.T) {
	e := seeded(t, exampleState(t), emulator.Options{})
	c, err := e.svc.Customers.Get("northwind.example").Do()
	if err != nil || c.CustomerId != "C0north01" || c.PhoneNumber != "+1 415-555-0134" ||
		c.PostalAddress.OrganizationName != "Northwind Traders" {
		t.Fatalf("customers.get: %+v %v", c, err)
	}
	list, err := e.svc.Subscriptions.List().Do()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*reseller.Subscription{}
	for _, s := range list.Subscriptions {
		got[s.SubscriptionId] = s
	}
	if len(got) != 4 {
		t.Fatalf("listed %d subscriptions, want the reseller's 4: %v", len(got), ids(list.Subscriptions))
	}
	annual := got["5000001"]
	if annual.Plan.PlanName != "ANNUAL" || annual.Seats.NumberOfSeats != 50 || annual.Seats.LicensedNumberOfSeats != 41 ||
		annual.Plan.CommitmentInterval == nil || annual.CreationTime != start.UnixMilli() {
		t.Errorf("annual: %+v %+v %+v", annual, annual.Plan, annual.Seats)
	}
	trial := got["5000003"]
	if !trial.TrialSettings.IsInTrial || trial.TrialSettings.TrialEndTime != start.Add(30*day).UnixMilli() {
		t.Errorf("trial: %+v", trial.TrialSettings)
	}
	if v := got["5000004"]; v.Status != "SUSPENDED" || v.SuspensionReasons[0] != "RESELLER_INITIATED" {
		t.Errorf("vault: %s %v", v.Status, v.SuspensionReasons)
	}
	// contoso.example is Google's: not listed, transferable with its token.
	xfer, err := e.svc.Subscriptions.List().CustomerId("C0contos1").CustomerAuthToken("3f6c2b9a8e7d4c1b0a9f8e7d6c5b4a39").Do()
	if err != nil || len(xfer.Subscriptions) != 2 {
		t.Fatalf("transferable listing: %v %v", xfer, err)
	}
	w, err := e.svc.Resellernotify.Getwatchdetails().Do()
	if err != nil || w.TopicName != "projects/partner-watch/topics/C0reseller" {
		t.Errorf("watch details: %+v %v", w, err)
	}
}

// TestStateRoundTrip: what State writes, ReadState and Options.Initial load
// back to the same state, after changes made through the API.
func TestStateRoundTrip(t *testing.T) {
	e := fixtures(t)
	if _, err := e.svc.Subscriptions.ChangeSeats(emulator.IDAcmeAnnual, acmeSub, &reseller.Seats{NumberOfSeats: 55}).Do(); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Subscriptions.Suspend(emulator.IDFlex, flexSub).Do(); err != nil {
		t.Fatal(err)
	}
	before := e.srv.State()
	var buf bytes.Buffer
	if err := emulator.WriteState(&buf, before); err != nil {
		t.Fatal(err)
	}
	read, err := emulator.ReadState(&buf)
	if err != nil {
		t.Fatalf("ReadState of WriteState: %v", err)
	}
	again := seeded(t, read, emulator.Options{})
	after := again.srv.State()
	if !reflect.DeepEqual(before, after) {
		b, _ := json.Marshal(before)
		a, _ := json.Marshal(after)
		t.Fatalf("state changed in the round trip:\n%s\n%s", b, a)
	}
	s, err := again.svc.Subscriptions.Get(emulator.IDAcmeAnnual, acmeSub).Do()
	if err != nil || s.Seats.NumberOfSeats != 55 {
		t.Errorf("reloaded acme: %+v %v", s, err)
	}
	// The other resellers' and Google's customers keep their rules.
	_, err = again.svc.Subscriptions.ChangeSeats(emulator.IDOtherReseller, otherSb, &reseller.Seats{NumberOfSeats: 45}).Do()
	wantErr(t, err, 403, "forbidden", "")
	if _, err := again.svc.Subscriptions.List().CustomerId(emulator.IDTransfer).CustomerAuthToken(emulator.TransferToken).Do(); err != nil {
		t.Errorf("transfer token after the round trip: %v", err)
	}
}

// TestSavedStateResumesItsClock: a state taken after the clock moved on
// starts the new emulator at that time, so nothing falls due twice.
func TestSavedStateResumesItsClock(t *testing.T) {
	e := fixtures(t)
	if _, err := e.srv.Advance(40 * day); err != nil {
		t.Fatal(err)
	}
	st := e.srv.State()
	again := seeded(t, st, emulator.Options{})
	if got := again.srv.Now(); !got.Equal(start.Add(40 * day)) {
		t.Errorf("clock = %s, want %s", got, start.Add(40*day))
	}
}

// TestStateRejectsBadInput: a state that does not hold together is refused
// with the item and the rule named, and nothing starts.
func TestStateRejectsBadInput(t *testing.T) {
	cust := `{"customerId":"C1","customerDomain":"a.example"}`
	cases := []struct {
		name, json, want string
	}{
		{"unknown field", `{"customers":[{"customerId":"C1","customerDomain":"a.example","phone":"1"}]}`, `unknown field "phone"`},
		{"no customer ID", `{"customers":[{"customerDomain":"a.example"}]}`, "customers[0]: customerId is required"},
		{"bad domain", `{"customers":[{"customerId":"C1","customerDomain":"not a domain"}]}`, "customerDomain"},
		{"same ID twice", `{"customers":[` + cust + `,` + cust + `]}`, `customers[1]: customerId "C1" appears twice`},
		{"unknown owner", `{"customers":[{"customerId":"C1","customerDomain":"a.example","emulator":{"owner":"me"}}]}`, "emulator.owner"},
		{"missing customer", `{"subscriptions":[{"customerId":"C9","skuId":"1010020027","plan":{"planName":"FLEXIBLE"},"seats":{"maximumNumberOfSeats":1}}]}`, `subscriptions[0]: customerId "C9" is not among the customers`},
		{"unknown SKU", `{"customers":[` + cust + `],"subscriptions":[{"customerId":"C1","skuId":"nope","plan":{"planName":"FLEXIBLE"},"seats":{"maximumNumberOfSeats":1}}]}`, `skuId "nope"`},
		{"plan not offered", `{"customers":[` + cust + `],"subscriptions":[{"customerId":"C1","skuId":"Google-Drive-storage-20GB","plan":{"planName":"ANNUAL"},"seats":{"numberOfSeats":1}}]}`, "not offered on plan"},
		{"no seats", `{"customers":[` + cust + `],"subscriptions":[{"customerId":"C1","skuId":"1010020027","plan":{"planName":"FLEXIBLE"},"seats":{}}]}`, "seats"},
		{"bad reason", `{"customers":[` + cust + `],"subscriptions":[{"customerId":"C1","skuId":"1010020027","plan":{"planName":"FLEXIBLE"},"seats":{"maximumNumberOfSeats":1},"suspensionReasons":["LATE"]}]}`, `"LATE" is not a suspension reason`},
		{"suspended without reason", `{"customers":[` + cust + `],"subscriptions":[{"customerId":"C1","skuId":"1010020027","plan":{"planName":"FLEXIBLE"},"seats":{"maximumNumberOfSeats":1},"status":"SUSPENDED"}]}`, "needs its suspensionReasons"},
		{"renewal on flexible", `{"customers":[` + cust + `],"subscriptions":[{"customerId":"C1","skuId":"1010020027","plan":{"planName":"FLEXIBLE"},"seats":{"maximumNumberOfSeats":1},"renewalSettings":{"renewalType":"CANCEL"}}]}`, "annual plans only"},
		{"same SKU twice", `{"customers":[` + cust + `],"subscriptions":[` +
			`{"customerId":"C1","skuId":"1010020027","plan":{"planName":"FLEXIBLE"},"seats":{"maximumNumberOfSeats":1}},` +
			`{"customerId":"C1","skuId":"1010020027","plan":{"planName":"FLEXIBLE"},"seats":{"maximumNumberOfSeats":1}}]}`, "already has subscription"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st, err := emulator.ReadState(strings.NewReader(tc.json))
			if err == nil {
				_, err = emulator.NewWithState(emulator.Options{Initial: st})
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestPutSeedsTheCaseATestNeeds: PutCustomer and PutSubscription add a
// case to a running emulator, mint IDs, and replace by ID.
func TestPutSeedsTheCaseATestNeeds(t *testing.T) {
	e := seeded(t, &emulator.State{}, emulator.Options{})
	if err := e.srv.PutCustomer(emulator.Customer{CustomerID: "C9big", CustomerDomain: "big.example",
		AlternateEmail: "it@big-mail.example"}); err != nil {
		t.Fatal(err)
	}
	put, err := e.srv.PutSubscription(emulator.Subscription{CustomerID: "C9big", SkuID: "1010020020",
		Plan: emulator.Plan{PlanName: "ANNUAL_YEARLY_PAY"}, Seats: emulator.Seats{NumberOfSeats: seats(4000), LicensedNumberOfSeats: 3990}})
	if err != nil {
		t.Fatal(err)
	}
	if put.SubscriptionID == "" || put.RenewalSettings.RenewalType != "RENEW_CURRENT_USERS_YEARLY_PAY" {
		t.Fatalf("stored: %+v", put)
	}
	_, err = e.svc.Subscriptions.ChangeSeats("C9big", put.SubscriptionID, &reseller.Seats{NumberOfSeats: 3000}).Do()
	wantErr(t, err, 400, "invalid", "")

	put.Seats.NumberOfSeats = seats(3995)
	put.SuspensionReasons = []string{"PENDING_TOS_ACCEPTANCE"}
	if _, err := e.srv.PutSubscription(put); err != nil {
		t.Fatal(err)
	}
	got, err := e.svc.Subscriptions.Get("C9big", put.SubscriptionID).Do()
	if err != nil || got.Seats.NumberOfSeats != 3995 || got.Status != "SUSPENDED" {
		t.Fatalf("after the second put: %+v %v", got, err)
	}
	if n := len(e.srv.State().Subscriptions); n != 1 {
		t.Errorf("%d subscriptions after replacing one, want 1", n)
	}
	if _, err := e.srv.PutSubscription(emulator.Subscription{CustomerID: "nobody", SkuID: "1010020027"}); err == nil {
		t.Error("a subscription of a missing customer was accepted")
	}
}
