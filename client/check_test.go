package client

import (
	"testing"

	"resold/emulator"
)

func TestCheckChange(t *testing.T) {
	e := fixtureEnv(t)
	ctx := e.ctx(t)
	flex := e.subOf(t, emulator.IDFlex, "")
	susp := e.subOf(t, emulator.IDSuspended, "")
	acme := e.subOf(t, emulator.IDAcmeAnnual, "")
	seats := func(before, after string) Change {
		return Change{Method: "subscriptions.changeSeats", CustomerID: flex.CustomerID, SubscriptionID: flex.ID,
			Before: map[string]string{"seats": before}, After: map[string]string{"seats": after}}
	}
	// The change a hang-up interrupted did reach the API: cap 20 → 25.
	if _, err := e.c.ChangeSeats(ctx, flex, 25); err != nil {
		t.Fatal(err)
	}
	if _, err := e.c.Activate(ctx, susp); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		ch    Change
		want  Verdict
		found map[string]string
	}{
		{"seats as asked", seats("20", "25"), VerdictApplied, map[string]string{"seats": "25"}},
		{"seats as asked, typed with spaces", seats("20", " 025"), VerdictApplied, nil},
		{"seats as before", seats("25", "30"), VerdictNotApplied, map[string]string{"seats": "25"}},
		{"seats changed since", seats("20", "30"), VerdictUnknown, map[string]string{"seats": "25"}},
		{"activate made", Change{Method: "subscriptions.activate", CustomerID: susp.CustomerID, SubscriptionID: susp.ID,
			After: map[string]string{"status": "ACTIVE"}}, VerdictApplied, map[string]string{"status": "ACTIVE"}},
		{"suspend not made", Change{Method: "subscriptions.suspend", CustomerID: susp.CustomerID, SubscriptionID: susp.ID,
			After: map[string]string{"status": "SUSPENDED (RESELLER_INITIATED)"}}, VerdictNotApplied, nil},
		{"renewal not made", Change{Method: "subscriptions.changeRenewalSettings", CustomerID: acme.CustomerID, SubscriptionID: acme.ID,
			Before: map[string]string{"renewal": acme.RenewalType}, After: map[string]string{"renewal": "CANCEL"}}, VerdictNotApplied, nil},
		{"delete not made", Change{Method: "subscriptions.delete", CustomerID: acme.CustomerID, SubscriptionID: acme.ID}, VerdictNotApplied, nil},
		{"delete of a subscription that is gone", Change{Method: "subscriptions.delete", CustomerID: acme.CustomerID, SubscriptionID: "999"},
			VerdictApplied, map[string]string{"status": "deleted"}},
		{"seats of a subscription that is gone", Change{Method: "subscriptions.changeSeats", CustomerID: flex.CustomerID, SubscriptionID: "999",
			After: map[string]string{"seats": "25"}}, VerdictUnknown, nil},
		{"customer edit made", Change{Method: "customers.patch", CustomerID: emulator.IDFlex,
			Before: map[string]string{"country": "DE"}, After: map[string]string{"country": "us"}}, VerdictApplied, nil},
		{"new customer not made", Change{Method: "customers.insert", After: map[string]string{"domain": "nobody-here.example"}}, VerdictNotApplied, nil},
		{"new customer of a domain managed elsewhere", Change{Method: "customers.insert", After: map[string]string{"domain": emulator.DomainTransfer}}, VerdictNotApplied, nil},
		{"new customer made", Change{Method: "customers.insert", After: map[string]string{"domain": emulator.DomainFlex}}, VerdictApplied, map[string]string{"customer_id": emulator.IDFlex}},
		{"new subscription made", Change{Method: "subscriptions.insert", CustomerID: emulator.IDFlex, After: map[string]string{"sku": flex.SKUID}}, VerdictApplied, nil},
		{"new subscription not made", Change{Method: "subscriptions.insert", CustomerID: emulator.IDFlex, After: map[string]string{"sku": "Google-Vault"}}, VerdictNotApplied, nil},
		{"a method resold cannot check", Change{Method: "subscriptions.frobnicate"}, VerdictUnknown, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := e.c.CheckChange(ctx, tt.ch)
			if err != nil {
				t.Fatal(err)
			}
			if got.Verdict != tt.want || got.Why == "" {
				t.Errorf("verdict %q (%s), want %q", got.Verdict, got.Why, tt.want)
			}
			for k, v := range tt.found {
				if got.Found[k] != v {
					t.Errorf("found %v, want %s = %s", got.Found, k, v)
				}
			}
		})
	}
	if n := e.writesSeen(); n != 2 {
		t.Errorf("the emulator saw %d writes, want only the 2 made above: a check only reads", n)
	}
}

func TestCheckChangeReportsAnUnreadableState(t *testing.T) {
	e := fixtureEnv(t)
	_, err := e.c.CheckChange(e.ctx(t), Change{Method: "subscriptions.changeSeats", CustomerID: emulator.IDRevoked, SubscriptionID: "1",
		After: map[string]string{"seats": "5"}})
	if err == nil {
		t.Error("a customer that revoked access was checked without error")
	}
}
