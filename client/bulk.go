package client

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// BulkKind is a change that can be made to many subscriptions at once.
type BulkKind string

// The bulk changes: the ones an incident calls for.
const (
	BulkActivate  BulkKind = "activate"
	BulkSuspend   BulkKind = "suspend"
	BulkSeats     BulkKind = "seats"
	BulkRenewal   BulkKind = "renewal"
	BulkStartPaid BulkKind = "start_paid"
)

// BulkChange is one change for every row of a bulk change.
type BulkChange struct {
	Kind BulkKind
	// Seats is, for BulkSeats, the new cap (flexible and trial plans) or
	// seat count (annual plans), or with Add the number to add to each.
	Seats int
	Add   bool
	// RenewalType is, for BulkRenewal, the renewal type to set.
	RenewalType string
}

// ErrNoChange says a row is already as the bulk change would make it:
// nothing is sent for it.
var ErrNoChange = errors.New("already so: nothing to send")

// String writes the change the way ParseBulkChange reads it: "activate",
// "seats +5", "seats 25", "renewal CANCEL", "start_paid".
func (ch BulkChange) String() string {
	switch ch.Kind {
	case BulkSeats:
		if ch.Add {
			return "seats +" + strconv.Itoa(ch.Seats)
		}
		return "seats " + strconv.Itoa(ch.Seats)
	case BulkRenewal:
		return "renewal " + ch.RenewalType
	}
	return string(ch.Kind)
}

// Words says the change for people: "activate", "set seats or cap to 25",
// "add 5 seats (raise the cap by 5)".
func (ch BulkChange) Words() string {
	switch ch.Kind {
	case BulkActivate:
		return "activate"
	case BulkSuspend:
		return "suspend"
	case BulkStartPaid:
		return "start paid service"
	case BulkSeats:
		if ch.Add {
			return fmt.Sprintf("add %d seats (raise caps by %d)", ch.Seats, ch.Seats)
		}
		return fmt.Sprintf("set seats or cap to %d", ch.Seats)
	case BulkRenewal:
		return "set renewal to " + ch.RenewalType
	}
	return string(ch.Kind)
}

// ParseBulkChange reads what String wrote.
func ParseBulkChange(s string) (BulkChange, error) {
	kind, arg, _ := strings.Cut(strings.TrimSpace(s), " ")
	ch := BulkChange{Kind: BulkKind(kind)}
	switch ch.Kind {
	case BulkActivate, BulkSuspend, BulkStartPaid:
		return ch, nil
	case BulkSeats:
		n, add, err := ParseSeatsChange(arg)
		ch.Seats, ch.Add = n, add
		return ch, err
	case BulkRenewal:
		ch.RenewalType = arg
		if arg == "" {
			return ch, errors.New("renewal: no renewal type")
		}
		return ch, nil
	}
	return ch, fmt.Errorf("unknown bulk change %q", s)
}

// ParseSeatsChange reads a bulk seat change as typed: "25" sets every
// cap or seat count to 25, "+5" adds 5 to each.
func ParseSeatsChange(s string) (n int, add bool, err error) {
	s = strings.TrimSpace(s)
	add = strings.HasPrefix(s, "+")
	n, err = strconv.Atoi(strings.TrimPrefix(s, "+"))
	if err != nil || n <= 0 {
		return 0, add, fmt.Errorf("%q is not a number of seats: type 25 to set each to 25, or +5 to add 5 to each", s)
	}
	return n, add, nil
}

// Method is the API method of the change.
func (ch BulkChange) Method() string {
	switch ch.Kind {
	case BulkActivate:
		return "subscriptions.activate"
	case BulkSuspend:
		return "subscriptions.suspend"
	case BulkSeats:
		return "subscriptions.changeSeats"
	case BulkRenewal:
		return "subscriptions.changeRenewalSettings"
	case BulkStartPaid:
		return "subscriptions.startPaidService"
	}
	return ""
}

// Key is the value the change sets, as SubscriptionValue names it:
// "status", "seats", "renewal" or "trial".
func (ch BulkChange) Key() string {
	switch ch.Kind {
	case BulkActivate, BulkSuspend:
		return "status"
	case BulkSeats:
		return "seats"
	case BulkRenewal:
		return "renewal"
	}
	return "trial"
}

// BulkRow is one row of a bulk change's plan.
type BulkRow struct {
	Sub Subscription
	// Before and After are the value the change sets (Key), now and as
	// asked for.
	Before, After string
	// Seats is the seat count a seat change asks for.
	Seats int
	// Skip, when set, is why nothing is sent for the row: a validator's
	// refusal (a *ValidationError) or ErrNoChange.
	Skip error
}

// PlanBulk checks ch against every subscription with the rules the API
// applies, before anything is sent: the rows it would refuse, and those
// already as asked, are skipped with the reason.
func PlanBulk(subs []Subscription, ch BulkChange) []BulkRow {
	out := make([]BulkRow, len(subs))
	for i, s := range subs {
		out[i] = planRow(s, ch)
	}
	return out
}

func planRow(s Subscription, ch BulkChange) BulkRow {
	r := BulkRow{Sub: s}
	r.Before, _ = SubscriptionValue(s, ch.Key())
	switch ch.Kind {
	case BulkActivate:
		r.After = "ACTIVE"
		r.Skip = ValidateActivate(s)
	case BulkSuspend:
		r.After = "SUSPENDED (RESELLER_INITIATED)"
		r.Skip = ValidateSuspend(s)
	case BulkStartPaid:
		r.After = "paid"
		r.Skip = ValidateStartPaid(s)
	case BulkSeats:
		r.Seats = ch.Seats
		if ch.Add {
			r.Seats = s.SeatLimit() + ch.Seats
		}
		r.After = strconv.Itoa(r.Seats)
		switch {
		case s.Suspended():
			r.Skip = notActive(s, "subscriptions.changeSeats")
		case r.Seats == s.SeatLimit():
			r.Skip = ErrNoChange
		default:
			r.Skip = ValidateSeats(s, r.Seats)
		}
	case BulkRenewal:
		r.After = ch.RenewalType
		switch {
		case s.Plan.IsAnnual() && s.RenewalType == ch.RenewalType:
			r.Skip = ErrNoChange
		case s.Suspended() && s.Plan.IsAnnual():
			r.Skip = notActive(s, "subscriptions.changeRenewalSettings")
		default:
			r.Skip = ValidateRenewal(s, ch.RenewalType)
		}
	default:
		r.Skip = fmt.Errorf("unknown bulk change %q", ch.Kind)
	}
	return r
}

// notActive is the refusal Google gives a change to a suspended
// subscription.
func notActive(s Subscription, method string) error {
	return invalid("status", CaseNotActive, &APIError{Method: method, Sub: &s, Code: 400, Reason: "badRequest",
		CustomerID: s.CustomerID, SubscriptionID: s.ID})
}

// ValidateActivate checks that activate can lift s's suspension: only a
// suspension the reseller made (RESELLER_INITIATED) can be.
func ValidateActivate(s Subscription) error {
	switch {
	case !s.Suspended():
		return ErrNoChange
	case !hasReason(&s, "RESELLER_INITIATED"):
		return invalid("status", CaseActivateCannotLift, &APIError{Method: "subscriptions.activate", Sub: &s, Code: 412,
			CustomerID: s.CustomerID, SubscriptionID: s.ID})
	}
	return nil
}

// ValidateSuspend checks that s can be suspended: paid subscriptions only,
// and not twice.
func ValidateSuspend(s Subscription) error {
	switch {
	case hasReason(&s, "RESELLER_INITIATED"):
		return ErrNoChange
	case s.InTrial || s.Plan == PlanTrial || s.Plan == PlanFree:
		return invalid("status", CaseSuspendTrial, &APIError{Method: "subscriptions.suspend", Sub: &s, Code: 412,
			CustomerID: s.CustomerID, SubscriptionID: s.ID})
	}
	return nil
}

// ValidateStartPaid checks that s is a trial with a payment plan chosen.
func ValidateStartPaid(s Subscription) error {
	e := &APIError{Method: "subscriptions.startPaidService", Sub: &s, Code: 412, CustomerID: s.CustomerID, SubscriptionID: s.ID}
	switch {
	case !s.InTrial:
		return invalid("trial", CaseNotInTrial, e)
	case s.Plan == PlanTrial:
		return invalid("plan", CaseNoPaymentPlan, e)
	}
	return nil
}

// SkipReason says in a line why a row is skipped.
func SkipReason(err error) string {
	if errors.Is(err, ErrNoChange) {
		return "already so: nothing to send"
	}
	return Explain(err).Title
}
