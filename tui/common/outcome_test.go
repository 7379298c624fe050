package common

import (
	"errors"
	"testing"

	"resold/audit"
	"resold/client"
)

func TestOutcome(t *testing.T) {
	for _, tc := range []struct {
		name     string
		err      error
		attempts int
		already  bool
		want     audit.Outcome
		code     int
		tries    int
	}{
		{"applied", nil, 1, false, audit.OutcomeApplied, 200, 1},
		{"found applied after a lost answer", nil, 1, true, audit.OutcomeAlreadyApplied, 0, 1},
		{"refused by the form's rules", &client.ValidationError{Field: "seats", Guidance: client.Guidance{Title: "An annual plan's seats cannot go down"}}, 0, false, audit.OutcomeRefusedLocally, 0, 0},
		{"read-only", client.ErrReadOnly, 0, false, audit.OutcomeRefusedLocally, 0, 0},
		{"no answer", &client.APIError{OutcomeUnknown: true}, 0, false, audit.OutcomeUnknown, 0, 1},
		{"refused by the API", &client.APIError{Code: 412, Reason: "conditionNotMet", Message: "no", Attempts: 2}, 2, false, audit.OutcomeFailed, 412, 2},
		{"anything else", errors.New("boom"), 1, false, audit.OutcomeFailed, 0, 1},
	} {
		e := Outcome(audit.Entry{Method: "subscriptions.changeSeats"}, tc.err, tc.attempts, tc.already)
		if e.Outcome != tc.want || e.Code != tc.code || e.Attempts != tc.tries {
			t.Errorf("%s: outcome %s, code %d, attempts %d; want %s, %d, %d", tc.name, e.Outcome, e.Code, e.Attempts, tc.want, tc.code, tc.tries)
		}
		if tc.err != nil && e.Message == "" {
			t.Errorf("%s: no message", tc.name)
		}
		if tc.already && e.Message == "" {
			t.Errorf("%s: the lost answer is not explained", tc.name)
		}
	}
}
