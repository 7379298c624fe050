package wording

import (
	"testing"
	"time"

	"resold/client"
	"resold/theme"
)

var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func TestRelative(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		name string
		t    time.Time
		want string
	}{
		{"same day", now.Add(3 * time.Hour), "today"},
		{"next day within 24h", now.Add(13 * time.Hour), "tomorrow"},
		{"previous day within 24h", now.Add(-13 * time.Hour), "yesterday"},
		{"days ahead", now.Add(5 * day), "in 5d"},
		{"days ago", now.Add(-12 * day), "12d ago"},
		{"months ahead", now.Add(150 * day), "in 5mo"},
		{"years ago", now.Add(-800 * day), "2y ago"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Relative(tt.t, now); got != tt.want {
				t.Errorf("Relative = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSeatsText(t *testing.T) {
	bar := theme.SeatBar{FilledChar: "#", EmptyChar: "."}
	tests := []struct {
		name string
		sub  client.Subscription
		want string
	}{
		{"annual counts purchased seats", client.Subscription{Plan: client.PlanAnnualMonthly, NumberOfSeats: 10, MaximumSeats: 99, LicensedSeats: 5}, "5/10 ##.."},
		{"flexible counts the cap", client.Subscription{Plan: client.PlanFlexible, NumberOfSeats: 99, MaximumSeats: 8, LicensedSeats: 8}, "8/8 ####"},
		{"over the limit is marked", client.Subscription{Plan: client.PlanFlexible, MaximumSeats: 4, LicensedSeats: 6}, "6/4 ####!"},
		{"no limit shows a dash", client.Subscription{Plan: client.PlanFree, LicensedSeats: 3}, "3/—"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SeatsText(tt.sub, bar); got != tt.want {
				t.Errorf("SeatsText = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestStatusText(t *testing.T) {
	tests := []struct {
		name        string
		sub         client.Subscription
		want, short string
	}{
		{"active", client.Subscription{Status: "ACTIVE"}, "✓ active", ""},
		{"suspended with reasons", client.Subscription{Status: "SUSPENDED", SuspensionReasons: []string{"PENDING_TOS_ACCEPTANCE", "RESELLER_INITIATED"}},
			"✗ suspended: ToS pending, by reseller", "✗ ToS pending, by reseller"},
		{"unknown reason is shown, not hidden", client.Subscription{Status: "SUSPENDED", SuspensionReasons: []string{"NEW_REASON"}},
			"✗ suspended: new_reason", "✗ new_reason"},
		{"no status", client.Subscription{}, "? unknown", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := StatusText(tt.sub, "✓", "✗"); got != tt.want {
				t.Errorf("StatusText = %q, want %q", got, tt.want)
			}
			if tt.short != "" {
				if got := StatusShort(tt.sub, "✗"); got != tt.short {
					t.Errorf("StatusShort = %q, want %q", got, tt.short)
				}
			}
		})
	}
}

func TestEndsText(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		name string
		sub  client.Subscription
		want string
	}{
		{"trial end comes first", client.Subscription{InTrial: true, TrialEnd: client.At(now.Add(12 * day)), CommitmentEnd: client.At(now.Add(300 * day))}, "trial 12d"},
		{"commitment end", client.Subscription{CommitmentEnd: client.At(now.Add(150 * day))}, "term 5mo"},
		{"past commitment", client.Subscription{CommitmentEnd: client.At(now.Add(-3 * day))}, "term 3d ago"},
		{"ended trial", client.Subscription{TrialEnd: client.At(now.Add(-3 * day))}, "trial ended"},
		{"nothing ends", client.Subscription{}, "—"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EndsText(tt.sub, now); got != tt.want {
				t.Errorf("EndsText = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSKUShort(t *testing.T) {
	tests := []struct{ name, sku, id, want string }{
		{"drops the Workspace brand", "Google Workspace Business Standard", "1010020028", "Business Standard"},
		{"drops Google", "Google Vault", "Google-Vault", "Vault"},
		{"keeps other names", "Cloud Identity Premium", "1010050001", "Cloud Identity Premium"},
		{"falls back to the ID", "", "1010020028", "1010020028"},
		{"keeps a bare brand", "Google Workspace ", "x", "Google Workspace "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SKUShort(client.Subscription{SKUName: client.NameOf(tt.sku), SKUID: tt.id}); got != tt.want {
				t.Errorf("SKUShort = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTransferText(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		name string
		info *client.TransferInfo
		want string
	}{
		{"minimum and expiry", &client.TransferInfo{MinimumSeats: 25, ExpiresAt: client.At(now.Add(12 * day))}, "min 25, exp 12d"},
		{"expired token", &client.TransferInfo{MinimumSeats: 5, ExpiresAt: client.At(now.Add(-day))}, "min 5, expired"},
		{"no expiry given", &client.TransferInfo{MinimumSeats: 1}, "min 1"},
		{"not transferable listing", nil, "—"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TransferText(client.Subscription{Transfer: tt.info}, now); got != tt.want {
				t.Errorf("TransferText = %q, want %q", got, tt.want)
			}
		})
	}
}
