package emulator_test

import (
	"slices"
	"testing"
	"time"

	reseller "google.golang.org/api/reseller/v1"

	"resold/emulator"
)

const day = 24 * time.Hour

// TestTimeRules moves the injected clock and checks the rules that act on
// their own: trial end, renewal, the 60-day suspension limit and token
// expiry. Nothing sleeps.
func TestTimeRules(t *testing.T) {
	type state struct {
		status  string
		reasons []string
		plan    string
		inTrial bool
		gone    bool
	}
	cases := []struct {
		name      string
		cust, sub string
		setup     func(t *testing.T, e *env)
		advance   time.Duration
		want      state
		check     func(t *testing.T, e *env, s *reseller.Subscription)
	}{
		{name: "trial still running after 19 days", cust: emulator.IDTrial, sub: trialSb, advance: 19 * day,
			want: state{status: "ACTIVE", plan: "TRIAL", inTrial: true}},
		{name: "trial without a plan is suspended TRIAL_ENDED", cust: emulator.IDTrial, sub: trialSb, advance: 21 * day,
			want: state{status: "SUSPENDED", reasons: []string{"TRIAL_ENDED"}, plan: "TRIAL"},
			check: func(t *testing.T, e *env, s *reseller.Subscription) {
				if s.TrialSettings.TrialEndTime != start.AddDate(0, 0, 20).UnixMilli() {
					t.Errorf("trialEndTime = %d", s.TrialSettings.TrialEndTime)
				}
				_, err := e.svc.Subscriptions.ChangeSeats(emulator.IDTrial, trialSb, &reseller.Seats{MaximumNumberOfSeats: 6}).Do()
				wantErr(t, err, 400, "badRequest", msgSuspended)
				_, err = e.svc.Subscriptions.Activate(emulator.IDTrial, trialSb).Do()
				wantErr(t, err, 412, "conditionNotMet", "The subscription was not suspended by the reseller; activate can't lift this suspension.")
				// Choosing a plan revives it at once.
				got, err := e.svc.Subscriptions.ChangePlan(emulator.IDTrial, trialSb, &reseller.ChangePlanRequest{
					PlanName: "FLEXIBLE", Seats: &reseller.Seats{MaximumNumberOfSeats: 30}}).Do()
				if err != nil || got.Status != "ACTIVE" || got.Plan.PlanName != "FLEXIBLE" || got.TrialSettings.IsInTrial {
					t.Errorf("revive: %+v %v", got, err)
				}
			}},
		{name: "trial with a plan starts it at the trial end", cust: emulator.IDTrial, sub: trialSb, advance: 21 * day,
			setup: func(t *testing.T, e *env) {
				if _, err := e.svc.Subscriptions.ChangePlan(emulator.IDTrial, trialSb, &reseller.ChangePlanRequest{
					PlanName: "ANNUAL_YEARLY_PAY", Seats: &reseller.Seats{NumberOfSeats: 8}}).Do(); err != nil {
					t.Fatal(err)
				}
			},
			want: state{status: "ACTIVE", plan: "ANNUAL_YEARLY_PAY"},
			check: func(t *testing.T, e *env, s *reseller.Subscription) {
				end := start.AddDate(0, 0, 20).UnixMilli()
				if ci := s.Plan.CommitmentInterval; ci == nil || ci.StartTime != end {
					t.Errorf("commitment = %+v, want a start at %d", ci, end)
				}
				if s.RenewalSettings == nil || s.RenewalSettings.RenewalType != "RENEW_CURRENT_USERS_YEARLY_PAY" {
					t.Errorf("renewal = %+v", s.RenewalSettings)
				}
			}},
		{name: "reseller suspension under 60 days", cust: emulator.IDSuspended, sub: suspSub, advance: 54 * day,
			want: state{status: "SUSPENDED", reasons: []string{"RESELLER_INITIATED"}, plan: "FLEXIBLE"}},
		{name: "reseller suspension over 60 days cancels", cust: emulator.IDSuspended, sub: suspSub, advance: 56 * day,
			want: state{gone: true}},
		{name: "suspension through the API counts 60 days too", cust: emulator.IDFlex, sub: flexSub, advance: 61 * day,
			setup: func(t *testing.T, e *env) {
				if _, err := e.svc.Subscriptions.Suspend(emulator.IDFlex, flexSub).Do(); err != nil {
					t.Fatal(err)
				}
			},
			want: state{gone: true}},
		{name: "renewal with current users", cust: emulator.IDAcmeAnnual, sub: acmeSub, advance: 166 * day,
			want: state{status: "ACTIVE", plan: "ANNUAL"},
			check: func(t *testing.T, e *env, s *reseller.Subscription) {
				if s.Seats.NumberOfSeats != 42 || s.Plan.CommitmentInterval.StartTime != start.AddDate(0, 0, 165).UnixMilli() {
					t.Errorf("renewed seats %d interval %+v", s.Seats.NumberOfSeats, s.Plan.CommitmentInterval)
				}
			}},
		{name: "renewal type CANCEL suspends", cust: emulator.IDAcmeAnnual, sub: acmeSub, advance: 166 * day,
			setup: renewal("CANCEL"),
			want:  state{status: "SUSPENDED", reasons: []string{"RENEWAL_WITH_TYPE_CANCEL"}, plan: "ANNUAL"}},
		{name: "renewal switching to pay as you go", cust: emulator.IDAcmeAnnual, sub: acmeSub, advance: 166 * day,
			setup: renewal("SWITCH_TO_PAY_AS_YOU_GO"),
			want:  state{status: "ACTIVE", plan: "FLEXIBLE"},
			check: func(t *testing.T, e *env, s *reseller.Subscription) {
				if s.Seats.MaximumNumberOfSeats != 50 || s.Plan.CommitmentInterval != nil {
					t.Errorf("seats %+v plan %+v", s.Seats, s.Plan)
				}
			}},
		{name: "renewal on the proposed offer keeps the larger count", cust: emulator.IDAcmeAnnual, sub: acmeSub, advance: 166 * day,
			setup: renewal("RENEW_ON_PROPOSED_OFFER"),
			want:  state{status: "ACTIVE", plan: "ANNUAL"},
			check: func(t *testing.T, e *env, s *reseller.Subscription) {
				if s.Seats.NumberOfSeats != 50 {
					t.Errorf("seats %d, want 50", s.Seats.NumberOfSeats)
				}
			}},
		{name: "renewal with current users, paid yearly", cust: emulator.IDAcmeAnnual, sub: acmeSub, advance: 166 * day,
			setup: renewal("RENEW_CURRENT_USERS_YEARLY_PAY"),
			want:  state{status: "ACTIVE", plan: "ANNUAL_YEARLY_PAY"},
			check: func(t *testing.T, e *env, s *reseller.Subscription) {
				if s.Seats.NumberOfSeats != 42 {
					t.Errorf("seats %d, want the 42 users", s.Seats.NumberOfSeats)
				}
			}},
		{name: "auto renewal keeps the seats, twice", cust: emulator.IDAcmeAnnual, sub: acmeSub, advance: 531 * day,
			setup: renewal("AUTO_RENEW_YEARLY_PAY"),
			want:  state{status: "ACTIVE", plan: "ANNUAL_YEARLY_PAY"},
			check: func(t *testing.T, e *env, s *reseller.Subscription) {
				if s.Seats.NumberOfSeats != 50 || s.Plan.CommitmentInterval.StartTime != start.AddDate(0, 0, 530).UnixMilli() {
					t.Errorf("seats %d interval %+v", s.Seats.NumberOfSeats, s.Plan.CommitmentInterval)
				}
			}},
		{name: "a suspended annual plan does not renew; activation starts a new year", cust: emulator.IDAcmeAnnual, sub: acmeSub, advance: 170 * day,
			setup: func(t *testing.T, e *env) {
				e.clock.Advance(120 * day)
				if _, err := e.svc.Subscriptions.Suspend(emulator.IDAcmeAnnual, acmeSub).Do(); err != nil {
					t.Fatal(err)
				}
				e.clock.Advance(-120 * day)
			},
			want: state{status: "SUSPENDED", reasons: []string{"RESELLER_INITIATED"}, plan: "ANNUAL"},
			check: func(t *testing.T, e *env, s *reseller.Subscription) {
				if s.Plan.CommitmentInterval.EndTime != start.AddDate(0, 0, 165).UnixMilli() {
					t.Errorf("renewed while suspended: %+v", s.Plan.CommitmentInterval)
				}
				got, err := e.svc.Subscriptions.Activate(emulator.IDAcmeAnnual, acmeSub).Do()
				if err != nil || got.Plan.CommitmentInterval.StartTime != start.AddDate(0, 0, 170).UnixMilli() {
					t.Errorf("activate: %+v %v", got, err)
				}
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := fixtures(t)
			if tc.setup != nil {
				tc.setup(t, e)
			}
			e.clock.Advance(tc.advance)
			if now := e.srv.Now(); !now.Equal(e.clock.Now()) {
				t.Fatalf("Server.Now() = %v, want the injected clock's %v", now, e.clock.Now())
			}
			s, err := e.svc.Subscriptions.Get(tc.cust, tc.sub).Do()
			if tc.want.gone {
				wantErr(t, err, 404, "notFound", msgSubNotFound)
				all, err := e.svc.Subscriptions.List().CustomerId(tc.cust).Do()
				if err != nil || len(all.Subscriptions) != 0 {
					t.Errorf("cancelled subscription still listed: %+v %v", all, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.Status != tc.want.status || !slices.Equal(s.SuspensionReasons, tc.want.reasons) ||
				s.Plan.PlanName != tc.want.plan || s.TrialSettings.IsInTrial != tc.want.inTrial {
				t.Fatalf("status %s %v plan %s trial %v, want %+v", s.Status, s.SuspensionReasons, s.Plan.PlanName,
					s.TrialSettings.IsInTrial, tc.want)
			}
			if tc.check != nil {
				tc.check(t, e, s)
			}
		})
	}
}

// renewal returns a setup step that sets acme's renewal type.
func renewal(kind string) func(t *testing.T, e *env) {
	return func(t *testing.T, e *env) {
		if _, err := e.svc.Subscriptions.ChangeRenewalSettings(emulator.IDAcmeAnnual, acmeSub,
			&reseller.RenewalSettings{RenewalType: kind}).Do(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestTransferTokenExpiry: transfer.example's token, made two days before
// the start, works for 30 days and then gives 403 (E12).
func TestTransferTokenExpiry(t *testing.T) {
	cases := []struct {
		name    string
		advance time.Duration
		ok      bool
	}{
		{"27 days later", 27 * day, true},
		{"one minute before expiry", 28*day - time.Minute, true},
		{"at expiry", 28 * day, false},
		{"long after", 90 * day, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := fixtures(t)
			e.clock.Advance(tc.advance)
			_, listErr := e.svc.Subscriptions.List().CustomerId(emulator.IDTransfer).CustomerAuthToken(emulator.TransferToken).Do()
			_, insErr := e.svc.Subscriptions.Insert(emulator.IDTransfer, sub("1010020028", "FLEXIBLE", 25)).
				CustomerAuthToken(emulator.TransferToken).Do()
			if tc.ok {
				if listErr != nil {
					t.Fatalf("list %v", listErr)
				}
				// The token is accepted: the next rule speaks (the
				// Workspace subscription moves only with its add-ons).
				wantErr(t, insErr, 412, "conditionNotMet", msgTogether)
				return
			}
			wantErr(t, listErr, 403, "forbidden", msgTokenInvalid)
			wantErr(t, insErr, 403, "forbidden", msgTokenInvalid)
		})
	}
}

// TestNotify covers resellernotify: register twice, query and
// JSON-body forms, unregister, watch details.
func TestNotify(t *testing.T) {
	e := fixtures(t)
	n := e.svc.Resellernotify
	w, err := n.Getwatchdetails().Do()
	if err != nil || w.TopicName != "" || len(w.ServiceAccountEmailAddresses) != 0 {
		t.Fatalf("before register: %+v %v", w, err)
	}
	const topic = "projects/partner-watch/topics/" + emulator.ResellerID
	for _, sa := range []string{"a@p.iam.gserviceaccount.com", "a@p.iam.gserviceaccount.com"} {
		r, err := n.Register().ServiceAccountEmailAddress(sa).Do()
		if err != nil || r.TopicName != topic {
			t.Fatalf("register: %+v %v", r, err)
		}
	}
	code, body := raw(t, "POST", e.ts.URL+v1+"resellernotify/register", `{"serviceAccountEmailAddress":"b@p.iam.gserviceaccount.com"}`, "tok")
	if code != 200 {
		t.Fatalf("register with a JSON body: %d %s", code, body)
	}
	_, err = n.Register().ServiceAccountEmailAddress("not an address").Do()
	wantErr(t, err, 400, "invalid", "Invalid value for serviceAccountEmailAddress.")
	w, err = n.Getwatchdetails().Do()
	if err != nil || w.TopicName != topic || !slices.Equal(w.ServiceAccountEmailAddresses,
		[]string{"a@p.iam.gserviceaccount.com", "b@p.iam.gserviceaccount.com"}) {
		t.Fatalf("watch details: %+v %v", w, err)
	}
	for _, sa := range []string{"a@p.iam.gserviceaccount.com", "never@p.iam.gserviceaccount.com"} {
		if r, err := n.Unregister().ServiceAccountEmailAddress(sa).Do(); err != nil || r.TopicName != topic {
			t.Fatalf("unregister %s: %+v %v", sa, r, err)
		}
	}
	w, err = n.Getwatchdetails().Do()
	if err != nil || !slices.Equal(w.ServiceAccountEmailAddresses, []string{"b@p.iam.gserviceaccount.com"}) {
		t.Fatalf("after unregister: %+v %v", w, err)
	}
}
