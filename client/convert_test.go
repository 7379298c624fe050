package client

import (
	"math"
	"testing"
	"time"

	reseller "google.golang.org/api/reseller/v1"
)

// A row keeps the API's moments as milliseconds and its seat counts in 32
// bits; what it gives back must be what the API sent, and a count too big
// for 32 bits must not wrap into a plausible small one.
func TestSubscriptionFromAPIKeepsMomentsAndSeats(t *testing.T) {
	const created = 1_700_000_000_123
	in := &reseller.Subscription{
		CreationTime:  created,
		SkuName:       "Google Vault",
		Seats:         &reseller.Seats{NumberOfSeats: 1<<32 + 5, MaximumNumberOfSeats: 25, LicensedNumberOfSeats: math.MinInt64},
		TrialSettings: &reseller.SubscriptionTrialSettings{IsInTrial: true},
	}
	s := subscriptionFromAPI(in)
	if want := time.UnixMilli(created).UTC(); !s.Created.Time().Equal(want) || s.Created.Time().Location() != time.UTC {
		t.Errorf("Created = %v, want %v in UTC", s.Created.Time(), want)
	}
	if !s.TrialEnd.IsZero() || !s.TrialEnd.Time().IsZero() || !s.CommitmentEnd.IsZero() {
		t.Errorf("moments the API left out: trial end %v, commitment end %v; want zero", s.TrialEnd.Time(), s.CommitmentEnd.Time())
	}
	if s.NumberOfSeats != math.MaxInt32 || s.MaximumSeats != 25 || s.LicensedSeats != math.MinInt32 {
		t.Errorf("seats %d, cap %d, licensed %d; want %d, 25, %d", s.NumberOfSeats, s.MaximumSeats, s.LicensedSeats, math.MaxInt32, math.MinInt32)
	}
	if s.SKUName != NameOf("Google Vault") || s.SKUName.String() != "Google Vault" || !s.DealCode.IsZero() || s.DealCode.String() != "" {
		t.Errorf("SKU name %q, deal code %q", s.SKUName, s.DealCode)
	}
	back := subscriptionToAPI(s)
	if back.CreationTime != created || back.TrialSettings.TrialEndTime != 0 || back.SkuName != "Google Vault" || back.DealCode != "" {
		t.Errorf("back to the API: creation %d, trial end %d, SKU %q, deal %q", back.CreationTime, back.TrialSettings.TrialEndTime, back.SkuName, back.DealCode)
	}
}

func TestInstantAt(t *testing.T) {
	if At(time.Time{}) != 0 {
		t.Error("the zero time is not the zero Instant")
	}
	at := time.Date(2025, 3, 1, 12, 0, 0, 7_000_000, time.FixedZone("PST", -8*3600))
	i := At(at)
	if !i.Time().Equal(at) || !i.After(at.Add(-time.Millisecond)) || !i.Before(at.Add(time.Millisecond)) || i.Sub(at) != 0 {
		t.Errorf("At(%v).Time() = %v", at, i.Time())
	}
}
