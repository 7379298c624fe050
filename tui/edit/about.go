package edit

import (
	"fmt"
	"strings"

	"resold/client"
	"resold/tui/wording"
)

// aboutSub names a subscription in a few words: "flex.example ·
// Google Workspace Business Starter".
func aboutSub(s client.Subscription) string {
	name := s.SKUName.String()
	if name == "" {
		name = s.SKUID
	}
	return strings.TrimPrefix(s.CustomerDomain+" · "+name, " · ")
}

// state describes a subscription's plan, seats and status in one line.
func state(s client.Subscription) string {
	parts := []string{s.Plan.Label()}
	if s.Plan.IsAnnual() {
		parts = append(parts, fmt.Sprintf("%d seats bought", s.NumberOfSeats))
	} else {
		parts = append(parts, fmt.Sprintf("cap %d seats", s.MaximumSeats))
	}
	parts = append(parts, fmt.Sprintf("%d licensed", s.LicensedSeats))
	if s.InTrial {
		parts = append(parts, "in trial")
	}
	if s.Suspended() {
		reasons := make([]string, len(s.SuspensionReasons))
		for i, r := range s.SuspensionReasons {
			reasons[i] = wording.ReasonShort(r)
		}
		parts = append(parts, "SUSPENDED ("+strings.Join(reasons, ", ")+")")
	}
	return strings.Join(parts, " · ")
}

// seatsLabel names the seat field the plan uses, as the API does, for the
// dialog and the status pane.
func seatsLabel(p client.Plan) string {
	if p.IsAnnual() {
		return "Seats bought (numberOfSeats)"
	}
	return "Seat cap (maximumNumberOfSeats)"
}

// seatsShort is the seat field's label on the form, where the hint names
// the API field.
func seatsShort(p client.Plan) string {
	if p.IsAnnual() {
		return "Seats bought"
	}
	return "Seat cap"
}

// subIntro is the context above a subscription form: what it is and its
// state now.
func subIntro(s client.Subscription) []string {
	return append([]string{aboutSub(s) + " · subscription " + s.ID, state(s)}, suspendedNote(s)...)
}

// suspendedNote warns, on a form, that Google refuses changes to a
// suspended subscription until it is activated.
func suspendedNote(s client.Subscription) []string {
	if !s.Suspended() {
		return nil
	}
	return []string{"Suspended: Google refuses changes until the subscription is active again."}
}
