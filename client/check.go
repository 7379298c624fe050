package client

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Change is a change whose answer never arrived (resold was hung up on,
// killed or crashed while it was being sent), as the audit log's intent
// records it: the method, what it acted on, and the values before and
// the values asked for, by the keys of SubscriptionValue and
// CustomerValue.
type Change struct {
	Method         string
	CustomerID     string
	SubscriptionID string
	Before, After  map[string]string
}

// Verdict is what a re-read says became of a Change.
type Verdict string

// The verdicts of CheckChange.
const (
	// VerdictApplied: the state read holds what was asked for.
	VerdictApplied Verdict = "applied"
	// VerdictNotApplied: the state read still holds what was there before.
	VerdictNotApplied Verdict = "not_applied"
	// VerdictUnknown: the state read is neither, or cannot tell.
	VerdictUnknown Verdict = "unknown"
)

// Check is what CheckChange found.
type Check struct {
	Verdict Verdict
	// Found holds the values read now, by the change's keys ("status":
	// "deleted" for a subscription that is gone).
	Found map[string]string
	// CustomerID and SubscriptionID name what was found, for a change
	// that created it (a new customer or subscription).
	CustomerID, SubscriptionID string
	// Why says in a few words how the verdict was reached.
	Why string
}

// CheckChange reads again the subscription or customer ch acted on and
// says whether ch is there: the values asked for (applied), the values
// before (not applied), or neither (unknown: changed since, or gone).
// It only reads. An error means the state could not be read (no network,
// no access); the caller should keep the change unresolved or record it
// as unknown.
func (c *Client) CheckChange(ctx context.Context, ch Change) (Check, error) {
	switch ch.Method {
	case "subscriptions.delete":
		return c.checkDelete(ctx, ch)
	case "subscriptions.suspend", "subscriptions.activate":
		return c.checkSuspension(ctx, ch)
	case "subscriptions.changeSeats", "subscriptions.changePlan", "subscriptions.changeRenewalSettings", "subscriptions.startPaidService":
		cur, err := c.GetSubscription(ctx, ch.CustomerID, ch.SubscriptionID)
		if isNotFound(err) {
			return Check{Verdict: VerdictUnknown, Why: "the subscription is gone"}, nil
		}
		if err != nil {
			return Check{}, err
		}
		return compare(ch, func(k string) (string, bool) { return SubscriptionValue(cur, k) }), nil
	case "customers.patch", "customers.update":
		cur, err := c.getCustomer(ctx, ch.CustomerID)
		if err != nil {
			return Check{}, err
		}
		return compare(ch, func(k string) (string, bool) { return CustomerValue(cur, k) }), nil
	case "customers.insert":
		return c.checkNewCustomer(ctx, ch)
	case "subscriptions.insert":
		return c.checkNewSubscription(ctx, ch)
	}
	return Check{Verdict: VerdictUnknown, Why: "resold cannot check a " + ch.Method + " change"}, nil
}

// compare decides from the values read (by read) against the values
// asked for and the values before.
func compare(ch Change, read func(key string) (string, bool)) Check {
	keys := make([]string, 0, len(ch.After))
	for k := range ch.After {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	found := map[string]string{}
	applied, unchanged := true, true
	var now []string
	for _, k := range keys {
		got, ok := read(k)
		if !ok {
			continue // not a value the API returns (deletion_type)
		}
		found[k] = got
		now = append(now, k+" "+orNone(got))
		if !sameValue(k, got, ch.After[k]) {
			applied = false
		}
		if before, ok := ch.Before[k]; !ok || !sameValue(k, got, before) {
			unchanged = false
		}
	}
	switch {
	case len(found) == 0:
		return Check{Verdict: VerdictUnknown, Found: found, Why: "nothing to compare"}
	case applied:
		return Check{Verdict: VerdictApplied, Found: found, Why: strings.Join(now, ", ") + " as asked"}
	case unchanged:
		return Check{Verdict: VerdictNotApplied, Found: found, Why: strings.Join(now, ", ") + " as before"}
	}
	return Check{Verdict: VerdictUnknown, Found: found, Why: strings.Join(now, ", ") + ": neither as before nor as asked; changed since"}
}

// sameValue compares a value read with one recorded: numbers as numbers
// (" 25" asks for 25 seats), codes and emails in any case, the rest
// exactly.
func sameValue(key, got, want string) bool {
	got, want = strings.TrimSpace(got), strings.TrimSpace(want)
	if g, err := strconv.Atoi(got); err == nil {
		if w, err := strconv.Atoi(want); err == nil {
			return g == w
		}
	}
	switch key {
	case "country", "alternate_email", "admin_email", "domain", "plan":
		return strings.EqualFold(got, want)
	}
	return got == Sanitize(want)
}

func orNone(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// checkDelete: a deleted subscription reads 404.
func (c *Client) checkDelete(ctx context.Context, ch Change) (Check, error) {
	cur, err := c.GetSubscription(ctx, ch.CustomerID, ch.SubscriptionID)
	if isNotFound(err) {
		return Check{Verdict: VerdictApplied, Found: map[string]string{"status": "deleted"}, Why: "the subscription is gone"}, nil
	}
	if err != nil {
		return Check{}, err
	}
	return Check{Verdict: VerdictNotApplied, Found: map[string]string{"status": StatusValue(cur)}, Why: "the subscription is still there"}, nil
}

// checkSuspension: suspend and activate add or lift the reseller's own
// suspension; other reasons (a trial that ended, terms not accepted) are
// not theirs to change.
func (c *Client) checkSuspension(ctx context.Context, ch Change) (Check, error) {
	cur, err := c.GetSubscription(ctx, ch.CustomerID, ch.SubscriptionID)
	if isNotFound(err) {
		return Check{Verdict: VerdictUnknown, Why: "the subscription is gone"}, nil
	}
	if err != nil {
		return Check{}, err
	}
	found := map[string]string{"status": StatusValue(cur)}
	byReseller := cur.Suspended() && hasReason(&cur, "RESELLER_INITIATED")
	if byReseller == (ch.Method == "subscriptions.suspend") {
		return Check{Verdict: VerdictApplied, Found: found, Why: "status " + found["status"]}, nil
	}
	return Check{Verdict: VerdictNotApplied, Found: found, Why: "status " + found["status"]}, nil
}

// checkNewCustomer: the order made the domain a customer of yours.
func (c *Client) checkNewCustomer(ctx context.Context, ch Change) (Check, error) {
	domain := strings.ToLower(strings.TrimSpace(ch.After["domain"]))
	if domain == "" {
		return Check{Verdict: VerdictUnknown, Why: "no domain recorded"}, nil
	}
	cur, err := c.getCustomer(ctx, domain)
	switch {
	case isNotFound(err):
		return Check{Verdict: VerdictNotApplied, Found: map[string]string{}, Why: domain + " has no account"}, nil
	case err != nil:
		return Check{}, err
	case cur.Minimal:
		return Check{Verdict: VerdictNotApplied, Found: map[string]string{}, Why: domain + " is still managed elsewhere"}, nil
	}
	return Check{Verdict: VerdictApplied, Found: map[string]string{"customer_id": cur.ID, "domain": cur.Domain},
		CustomerID: cur.ID, Why: domain + " is your customer " + cur.ID}, nil
}

// checkNewSubscription: the order (or transfer) gave the customer a
// subscription to the SKU.
func (c *Client) checkNewSubscription(ctx context.Context, ch Change) (Check, error) {
	sku := ch.After["sku"]
	if sku == "" || ch.CustomerID == "" {
		return Check{Verdict: VerdictUnknown, Why: "no customer or SKU recorded"}, nil
	}
	s, ok, err := c.findBySKU(ctx, ch.CustomerID, sku)
	if err != nil {
		return Check{}, err
	}
	if !ok {
		return Check{Verdict: VerdictNotApplied, Found: map[string]string{}, Why: fmt.Sprintf("no %s subscription", sku)}, nil
	}
	found := map[string]string{"sku": s.SKUID, "plan": string(s.Plan), "seats": strconv.Itoa(s.SeatLimit()), "subscription_id": s.ID}
	return Check{Verdict: VerdictApplied, Found: found, CustomerID: s.CustomerID, SubscriptionID: s.ID,
		Why: "subscription " + s.ID + " to " + sku}, nil
}
