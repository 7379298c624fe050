package subscription

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"resold/client"
	"resold/theme"
	"resold/tui/common"
	"resold/tui/wording"
)

// labelWidth aligns the values.
const labelWidth = 16

// render rebuilds the viewport's text from the subscription.
func (m Model) render() Model {
	m.vp.SetContent(strings.Join(m.lines(), "\n"))
	return m
}

// lines lays out every field, wrapped to the width.
func (m Model) lines() []string {
	st := m.c.Styles
	w := m.c.Width
	s := m.sub
	now := m.c.Now()
	var out []string
	field := func(label, value string) {
		if value == "" {
			value = "—"
		}
		vw := max(10, w-labelWidth-1)
		for i, p := range strings.Split(ansi.Wrap(value, vw, ""), "\n") {
			l := strings.Repeat(" ", labelWidth+1)
			if i == 0 {
				l = st.Subtle.Render(common.Fit(label, labelWidth)) + " "
			}
			out = append(out, common.Truncate(l+p, w))
		}
	}
	heading := func(text string) {
		out = append(out, "", st.ScreenTitle.Render(common.Truncate(text, w)))
	}

	out = append(out, st.ScreenTitle.Render(common.Truncate(m.Title(), w)))
	field("Customer", s.CustomerDomain+" ("+s.CustomerID+")")
	field("Subscription ID", s.ID)
	field("SKU", nameAndID(s.SKUName.String(), s.SKUID))
	field("Status", wording.StatusText(s, st.Success.Symbol, st.Error.Symbol))
	for _, r := range s.SuspensionReasons {
		field("  reason", r+": "+wording.ReasonLong(r))
	}

	heading("Plan and seats")
	plan := s.Plan.Label()
	if s.Plan == client.PlanAnnualMonthly {
		// The API says "ANNUAL" for this plan; show both.
		plan += " (ANNUAL_MONTHLY_PAY, shown by the API as ANNUAL)"
	} else if s.Plan != "" {
		plan += " (" + string(s.Plan) + ")"
	}
	field("Plan", plan)
	field("Commitment", commitment(s, now))
	field("Seats", seats(s, st.PlainSeats))
	field("Renewal", renewal(s))
	field("Trial", trial(s, now))

	heading("Billing")
	field("Billing method", s.BillingMethod.String())
	field("Purchase order", s.PurchaseOrderID)
	field("Deal code", s.DealCode.String())
	field("Created", dated(s.Created, now))
	field("Admin console", s.AdminConsoleURL)

	if t := s.Transfer; t != nil {
		heading("Transfer")
		field("Minimum seats", fmt.Sprintf("%d (a transfer order needs at least this many)", t.MinimumSeats))
		field("Token expires", dated(t.ExpiresAt, now))
		if t.CurrentLegacySKUID != "" {
			field("Current SKU", t.CurrentLegacySKUID+" (what the customer has now; the listing shows the SKU to transfer to)")
		}
	}
	return out
}

func nameAndID(name, id string) string {
	switch {
	case name == "":
		return id
	case id == "":
		return name
	}
	return name + " (" + id + ")"
}

// dated is an absolute date with its distance from now.
func dated(i client.Instant, now time.Time) string {
	if i.IsZero() {
		return ""
	}
	t := i.Time()
	return wording.Date(t) + " (" + wording.Relative(t, now) + ")"
}

func commitment(s client.Subscription, now time.Time) string {
	if !s.IsCommitment {
		return "none: no annual commitment"
	}
	if s.CommitmentStart.IsZero() && s.CommitmentEnd.IsZero() {
		return "annual (dates not returned, e.g. offline billing)"
	}
	return wording.Date(s.CommitmentStart.Time()) + " → " + dated(s.CommitmentEnd, now)
}

// seats says which number bounds the subscription, since the API uses a
// different field per plan (numberOfSeats on annual plans,
// maximumNumberOfSeats otherwise).
func seats(s client.Subscription, bar theme.SeatBar) string {
	var parts []string
	if s.Plan.IsAnnual() {
		parts = append(parts, fmt.Sprintf("%d purchased (numberOfSeats)", s.NumberOfSeats))
	} else {
		parts = append(parts, fmt.Sprintf("cap %d (maximumNumberOfSeats)", s.MaximumSeats))
	}
	parts = append(parts, fmt.Sprintf("%d licensed", s.LicensedSeats))
	out := strings.Join(parts, " · ") + "  " + wording.SeatsText(s, bar)
	if int(s.LicensedSeats) > s.SeatLimit() && s.SeatLimit() > 0 {
		out += " — more users than seats"
	}
	return out
}

func renewal(s client.Subscription) string {
	if s.RenewalType == "" {
		if s.Plan.IsAnnual() {
			return ""
		}
		return "none: only annual plans have renewal settings"
	}
	if long := wording.RenewalLong(s.RenewalType); long != "" {
		return s.RenewalType + ": " + long
	}
	return s.RenewalType
}

func trial(s client.Subscription, now time.Time) string {
	switch {
	case s.InTrial && !s.TrialEnd.IsZero():
		return "in trial, ends " + dated(s.TrialEnd, now) + "; capped at 10 seats until paid service starts"
	case s.InTrial:
		return "in trial; capped at 10 seats until paid service starts"
	case !s.TrialEnd.IsZero():
		return "ended " + dated(s.TrialEnd, now)
	}
	return "never in trial"
}
