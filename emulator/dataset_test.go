package emulator_test

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"resold/emulator"
)

// TestFixtures checks each demo customer shows what fixtures.go promises.
func TestFixtures(t *testing.T) {
	e := fixtures(t)
	cases := []struct {
		name, cust, sub, sku, plan, status string
		seats, licensed                    int64
		inTrial                            bool
		reasons                            string
	}{
		{"acme annual", emulator.DomainAcmeAnnual, acmeSub, "1010020028", "ANNUAL", "ACTIVE", 50, 42, false, ""},
		{"flex", emulator.DomainFlex, flexSub, "1010020027", "FLEXIBLE", "ACTIVE", 20, 15, false, ""},
		{"trial", emulator.DomainTrial, trialSb, "1010020028", "TRIAL", "ACTIVE", 5, 3, true, ""},
		{"suspended", emulator.DomainSuspended, suspSub, "1010020025", "FLEXIBLE", "SUSPENDED", 30, 12, false, "RESELLER_INITIATED"},
		{"no admin", emulator.DomainNoAdmin, noAdmSb, "1010020027", "FLEXIBLE", "ACTIVE", 10, 4, false, ""},
		{"team 1", emulator.IDTeam1, team1Sb, "1010060001", "FLEXIBLE", "ACTIVE", 10, 6, false, ""},
		{"team 2", emulator.IDTeam2, "1000009", "1010060001", "FLEXIBLE", "ACTIVE", 5, 3, false, ""},
		{"emerging", emulator.DomainEmerging, emrgSub, "1010050001", "FLEXIBLE", "ACTIVE", 15, 10, false, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := e.svc.Subscriptions.Get(tc.cust, tc.sub).Do()
			if err != nil {
				t.Fatal(err)
			}
			seats := s.Seats.MaximumNumberOfSeats
			if s.Plan.IsCommitmentPlan {
				seats = s.Seats.NumberOfSeats
			}
			if s.SkuId != tc.sku || s.Plan.PlanName != tc.plan || s.Status != tc.status || seats != tc.seats ||
				s.Seats.LicensedNumberOfSeats != tc.licensed || s.TrialSettings.IsInTrial != tc.inTrial ||
				strings.Join(s.SuspensionReasons, ",") != tc.reasons {
				t.Errorf("got sku %s plan %s status %s seats %d/%d trial %v reasons %v", s.SkuId, s.Plan.PlanName,
					s.Status, seats, s.Seats.LicensedNumberOfSeats, s.TrialSettings.IsInTrial, s.SuspensionReasons)
			}
		})
	}
	trial, err := e.svc.Subscriptions.Get(emulator.IDTrial, trialSb).Do()
	if err != nil || trial.TrialSettings.TrialEndTime != start.AddDate(0, 0, 20).UnixMilli() {
		t.Errorf("trial should end 20 days after the start: %+v %v", trial.TrialSettings, err)
	}
}

// TestDatasetDeterministic: the same seed gives the same data; another
// seed gives other data.
func TestDatasetDeterministic(t *testing.T) {
	dump := func(seed int64) string {
		e := newEnv(t, emulator.Options{Customers: 300, Seed: seed})
		b, err := json.Marshal(listAll(t, e.svc.Subscriptions.List().MaxResults(100)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	a, b, c := dump(11), dump(11), dump(12)
	if a != b {
		t.Error("the same seed gave different datasets")
	}
	if a == c {
		t.Error("different seeds gave the same dataset")
	}
}

// TestGeneratedDataset checks the shape of the generated customers: IDs,
// about three subscriptions each, a realistic mix, prefixes that find a
// handful to a few hundred rows, and records that pass the emulator's own
// validation.
func TestGeneratedDataset(t *testing.T) {
	const n = 2000
	e := newEnv(t, emulator.Options{Seed: 5}) // Customers 0 → DefaultCustomers
	all := listAll(t, e.svc.Subscriptions.List().MaxResults(100))
	customerID := regexp.MustCompile(`^C1\d{7}$`)
	customers := map[string]bool{}
	plans, reasons, skus := map[string]int{}, map[string]int{}, map[string]int{}
	trials := 0
	for _, s := range all {
		if strings.HasPrefix(s.CustomerId, "C0") {
			continue // a fixture
		}
		if !customerID.MatchString(s.CustomerId) {
			t.Fatalf("customer ID %q", s.CustomerId)
		}
		if _, err := strconv.ParseUint(s.SubscriptionId, 10, 64); err != nil {
			t.Fatalf("subscription ID %q is not numeric", s.SubscriptionId)
		}
		if s.CreationTime <= 0 || s.CreationTime > start.UnixMilli() {
			t.Fatalf("creationTime %d", s.CreationTime)
		}
		customers[s.CustomerId] = true
		plans[s.Plan.PlanName]++
		skus[s.SkuId]++
		for _, r := range s.SuspensionReasons {
			reasons[r]++
		}
		if s.TrialSettings.IsInTrial {
			trials++
		}
	}
	if len(customers) != emulator.DefaultCustomers || emulator.DefaultCustomers != n {
		t.Fatalf("%d generated customers listed, want %d", len(customers), n)
	}
	if perCustomer := float64(len(all)) / float64(len(customers)); perCustomer < 2.5 || perCustomer > 3.5 {
		t.Errorf("%.2f subscriptions per customer, want about 3", perCustomer)
	}
	for _, p := range []string{"ANNUAL", "ANNUAL_YEARLY_PAY", "FLEXIBLE", "TRIAL"} {
		if plans[p] == 0 {
			t.Errorf("no %s plan in %v", p, plans)
		}
	}
	for _, r := range []string{"RESELLER_INITIATED", "PENDING_TOS_ACCEPTANCE", "OTHER", "TRIAL_ENDED", "RENEWAL_WITH_TYPE_CANCEL"} {
		if reasons[r] == 0 {
			t.Errorf("no subscription suspended %s: %v", r, reasons)
		}
	}
	for _, sku := range []string{"1010020027", "1010020028", "Google-Vault", "Google-Drive-storage-200GB", "1010470003"} {
		if skus[sku] == 0 {
			t.Errorf("no %s subscription", sku)
		}
	}
	if trials == 0 || trials > len(all)/5 {
		t.Errorf("%d running trials", trials)
	}
	if flex := plans["FLEXIBLE"] + plans["ANNUAL"]; flex < len(all)/2 {
		t.Errorf("annual and flexible plans should dominate: %v", plans)
	}

	for _, prefix := range []string{"ma", "co", "st", "re", "pi", "ha"} {
		p, err := e.svc.Subscriptions.List().CustomerNamePrefix(prefix).MaxResults(100).Do()
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Subscriptions) < 3 {
			t.Errorf("prefix %q finds %d rows, want a handful or more", prefix, len(p.Subscriptions))
		}
		rows := listAll(t, e.svc.Subscriptions.List().CustomerNamePrefix(prefix).MaxResults(100))
		if len(rows) > 600 {
			t.Errorf("prefix %q finds %d rows, want at most a few hundred", prefix, len(rows))
		}
	}

	// Every 97th customer's record is valid enough to be written back.
	i := 0
	for id := range customers {
		if i++; i%97 != 0 {
			continue
		}
		c, err := e.svc.Customers.Get(id).Do()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Customers.Update(id, c).Do(); err != nil {
			t.Errorf("%s (%s, %s %s) fails validation: %v", id, c.CustomerDomain, c.PostalAddress.CountryCode, c.PostalAddress.PostalCode, err)
		}
	}
}

// TestCustomersOption: a negative count loads only the fixtures.
func TestCustomersOption(t *testing.T) {
	e := fixtures(t)
	all := listAll(t, e.svc.Subscriptions.List().MaxResults(100))
	if len(all) != len(ownFixtureSubs) {
		t.Errorf("%d subscriptions with Customers: -1, want the %d fixtures", len(all), len(ownFixtureSubs))
	}
	_, err := e.svc.Customers.Get("C1000001").Do()
	wantErr(t, err, 404, "notFound", "Resource not found: customer")
}

// TestLargeDataset loads 50,000 customers (about 150,000 subscriptions)
// and pages the prefix of one letter; BenchmarkNew times the load.
func TestLargeDataset(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 50,000 customers")
	}
	e := newEnv(t, emulator.Options{Customers: 50000, Seed: 1})
	if _, err := e.svc.Customers.Get("C10050000").Do(); err != nil {
		t.Fatalf("last generated customer: %v", err)
	}
	rows := listAll(t, e.svc.Subscriptions.List().CustomerNamePrefix("q").MaxResults(100))
	if len(rows) == 0 {
		t.Fatal("no customers under q")
	}
	for _, s := range rows {
		if !strings.HasPrefix(s.CustomerDomain, "q") {
			t.Fatalf("%s does not start with q", s.CustomerDomain)
		}
	}
}

// BenchmarkNew measures building the emulator with 50,000 customers
// (target: well under 2 s).
func BenchmarkNew(b *testing.B) {
	clock := func() time.Time { return start }
	for b.Loop() {
		emulator.New(emulator.Options{Customers: 50000, Seed: 1, Clock: clock})
	}
}

// TestIncidentMaterial: the generated dataset holds enough of what a
// support engineer meets in an incident to try the attention view and the
// bulk changes on, the same for the same seed.
func TestIncidentMaterial(t *testing.T) {
	count := func(seed int64) (suspended, trialsEnding, atCap int, ids string) {
		e := newEnv(t, emulator.Options{Seed: seed})
		week := start.AddDate(0, 0, 7).UnixMilli()
		var b strings.Builder
		for _, s := range listAll(t, e.svc.Subscriptions.List().MaxResults(100)) {
			if strings.HasPrefix(s.CustomerId, "C0") {
				continue // a fixture
			}
			hit := false
			if s.Status == "SUSPENDED" && strings.Join(s.SuspensionReasons, ",") == "RESELLER_INITIATED" {
				suspended++
				hit = true
			}
			if s.TrialSettings != nil && s.TrialSettings.IsInTrial && s.TrialSettings.TrialEndTime <= week {
				trialsEnding++
				hit = true
			}
			if s.Plan.PlanName == "FLEXIBLE" && !s.TrialSettings.IsInTrial && s.Status == "ACTIVE" &&
				s.Seats.LicensedNumberOfSeats >= s.Seats.MaximumNumberOfSeats {
				atCap++
				hit = true
			}
			if hit {
				b.WriteString(s.SubscriptionId + " ")
			}
		}
		return suspended, trialsEnding, atCap, b.String()
	}
	for _, seed := range []int64{1, 5, 42} {
		s, tr, c, ids := count(seed)
		t.Logf("seed %d: %d suspended by the reseller, %d trials ending within 7 days, %d flexible plans at their cap", seed, s, tr, c)
		if s < 30 || tr < 20 || c < 20 {
			t.Errorf("seed %d: %d suspended RESELLER_INITIATED (want ≥ 30), %d trials ending within 7 days (want ≥ 20), %d flexible at cap (want ≥ 20)", seed, s, tr, c)
		}
		if seed == 5 {
			if _, _, _, again := count(seed); again != ids {
				t.Error("the same seed gave different incident material")
			}
		}
	}
}
