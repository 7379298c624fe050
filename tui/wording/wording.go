package wording

import (
	"fmt"
	"strings"
	"time"

	"resold/client"
	"resold/theme"
)

// PlanShort is a plan's name in a table cell.
func PlanShort(p client.Plan) string {
	switch p {
	case client.PlanAnnualMonthly:
		return "Annual/mo"
	case client.PlanAnnualYearly:
		return "Annual/yr"
	case "":
		return "—"
	}
	return p.Label()
}

// renewalLabels names the renewal types of the API in a few words.
var renewalLabels = map[string][2]string{
	"AUTO_RENEW_MONTHLY_PAY":          {"auto/mo", "Renews automatically, same seats, monthly payments"},
	"AUTO_RENEW_YEARLY_PAY":           {"auto/yr", "Renews automatically, same seats, yearly payment"},
	"AUTO_RENEW":                      {"auto", "Renews automatically (legacy value)"},
	"RENEW_CURRENT_USERS_MONTHLY_PAY": {"users/mo", "Renews for the users then active, monthly payments"},
	"RENEW_CURRENT_USERS_YEARLY_PAY":  {"users/yr", "Renews for the users then active, yearly payment"},
	"RENEW_ON_PROPOSED_OFFER":         {"offer", "Renews on the offer proposed by the reseller"},
	"SWITCH_TO_PAY_AS_YOU_GO":         {"to flexible", "Becomes a flexible plan at the end of the term"},
	"CANCEL":                          {"cancel", "Ends at the end of the term (then suspended)"},
}

// RenewalShort is a renewal type in a table cell.
func RenewalShort(t string) string {
	if t == "" {
		return "—"
	}
	if l, ok := renewalLabels[t]; ok {
		return l[0]
	}
	return strings.ToLower(t)
}

// RenewalLong explains a renewal type in a sentence.
func RenewalLong(t string) string {
	if l, ok := renewalLabels[t]; ok {
		return l[1]
	}
	return ""
}

// reasonLabels names the suspension reasons of the API.
var reasonLabels = map[string][2]string{
	"PENDING_TOS_ACCEPTANCE":   {"ToS pending", "The customer has not accepted the resold terms of service in the Admin console"},
	"RENEWAL_WITH_TYPE_CANCEL": {"term ended", "The commitment ended with renewal type CANCEL"},
	"RESELLER_INITIATED":       {"by reseller", "Suspended by the reseller; activate reverses it"},
	"TRIAL_ENDED":              {"trial ended", "The free trial ended without a paid plan; start paid service"},
	"OTHER":                    {"by Google", "Suspended by Google for another reason (e.g. abuse); contact Google"},
}

// ReasonShort is a suspension reason in a few words.
func ReasonShort(r string) string {
	if l, ok := reasonLabels[r]; ok {
		return l[0]
	}
	return strings.ToLower(r)
}

// ReasonLong explains a suspension reason.
func ReasonLong(r string) string {
	if l, ok := reasonLabels[r]; ok {
		return l[1]
	}
	return ""
}

// StatusText is a subscription's status in words with its symbol, so it
// reads without colour: "✓ active", "✗ suspended: ToS pending".
func StatusText(s client.Subscription, okSym, errSym string) string {
	if !s.Suspended() {
		if s.Status == "" {
			return "? unknown"
		}
		return okSym + " " + strings.ToLower(s.Status)
	}
	if len(s.SuspensionReasons) == 0 {
		return errSym + " suspended"
	}
	rs := make([]string, len(s.SuspensionReasons))
	for i, r := range s.SuspensionReasons {
		rs[i] = ReasonShort(r)
	}
	return errSym + " suspended: " + strings.Join(rs, ", ")
}

// StatusShort is a suspended subscription's reasons alone after the
// symbol, for narrow columns: "✗ ToS pending".
func StatusShort(s client.Subscription, errSym string) string {
	rs := make([]string, len(s.SuspensionReasons))
	for i, r := range s.SuspensionReasons {
		rs[i] = ReasonShort(r)
	}
	return errSym + " " + strings.Join(rs, ", ")
}

// skuPrefixes are dropped from SKU names in table cells, where every
// character counts; the detail shows the full name.
var skuPrefixes = []string{"Google Workspace ", "G Suite ", "Google "}

// SKUShort is the SKU's name without the brand prefix, or its ID.
func SKUShort(s client.Subscription) string {
	if s.SKUName.IsZero() {
		return s.SKUID
	}
	for _, p := range skuPrefixes {
		if rest, ok := strings.CutPrefix(s.SKUName.String(), p); ok {
			if strings.TrimSpace(rest) == "" {
				break
			}
			return rest
		}
	}
	return s.SKUName.String()
}

// barCells is the width of the seat bar.
const barCells = 4

// SeatsText is licensed seats against the limit with a small bar, e.g.
// "8/10 ███░"; a "!" marks more users than the limit.
func SeatsText(s client.Subscription, bar theme.SeatBar) string {
	limit := s.SeatLimit()
	if limit <= 0 {
		return fmt.Sprintf("%d/—", s.LicensedSeats)
	}
	out := fmt.Sprintf("%d/%d %s", s.LicensedSeats, limit, bar.Render(int64(s.LicensedSeats), int64(limit), barCells))
	if int(s.LicensedSeats) > limit {
		out += "!"
	}
	return out
}

// EndsText says what ends next and when, relative to now: "trial 12d",
// "term 5mo", "term 3d ago".
func EndsText(s client.Subscription, now time.Time) string {
	switch {
	case s.InTrial && !s.TrialEnd.IsZero():
		return "trial " + strings.TrimPrefix(Relative(s.TrialEnd.Time(), now), "in ")
	case !s.CommitmentEnd.IsZero():
		return "term " + strings.TrimPrefix(Relative(s.CommitmentEnd.Time(), now), "in ")
	case !s.TrialEnd.IsZero():
		return "trial ended"
	}
	return "—"
}

// TransferText summarises a transferable subscription's conditions: the
// minimum seats of a transfer order and when the token expires, e.g.
// "min 25, exp 12d".
func TransferText(s client.Subscription, now time.Time) string {
	if s.Transfer == nil {
		return "—"
	}
	out := fmt.Sprintf("min %d", s.Transfer.MinimumSeats)
	switch t := s.Transfer.ExpiresAt; {
	case t.IsZero():
	case !t.After(now):
		out += ", expired"
	default:
		out += ", exp " + strings.TrimPrefix(Relative(t.Time(), now), "in ")
	}
	return out
}

// Relative is t relative to now in the largest sensible unit: "in 5d",
// "3mo ago", "today".
func Relative(t, now time.Time) string {
	d := t.Sub(now)
	past := d < 0
	if past {
		d = -d
	}
	const day = 24 * time.Hour
	var n string
	switch {
	case d < day:
		if t.YearDay() == now.YearDay() && t.Year() == now.Year() {
			return "today"
		}
		if past {
			return "yesterday"
		}
		return "tomorrow"
	case d < 60*day:
		n = fmt.Sprintf("%dd", int(d/day))
	case d < 730*day:
		n = fmt.Sprintf("%dmo", int(d/(30*day)))
	default:
		n = fmt.Sprintf("%dy", int(d/(365*day)))
	}
	if past {
		return n + " ago"
	}
	return "in " + n
}

// Date is an absolute date and time for detail views, in UTC so every
// engineer in an incident reads the same value.
func Date(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format("2006-01-02 15:04 MST")
}
