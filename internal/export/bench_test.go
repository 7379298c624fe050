package export

import (
	"io"
	"testing"
	"time"

	"resold/client"
)

func benchRows(n int) []client.Subscription {
	rows := make([]client.Subscription, n)
	for i := range rows {
		rows[i] = client.Subscription{
			CustomerID: "C10000001", CustomerDomain: "amber-finance.com", ID: "1000035", SKUID: "1010020025",
			SKUName: client.NameOf("Google Workspace Business Plus"), Plan: client.PlanAnnualMonthly, IsCommitment: true,
			NumberOfSeats: 108, LicensedSeats: 90, Status: "ACTIVE", RenewalType: "RENEW_CURRENT_USERS_MONTHLY_PAY",
			PurchaseOrderID: "PO-7206470", Created: client.At(time.Unix(1700000000, 0)), CommitmentStart: client.At(time.Unix(1700000000, 0)),
			CommitmentEnd: client.At(time.Unix(1731536000, 0)), AdminConsoleURL: "https://admin.google.com/ac/billing/subscriptions?domain=amber-finance.com",
		}
	}
	return rows
}

// The cost of writing a listing, per row, in each format: a 50,000-row
// reseller's export is this times 50,000.
func BenchmarkSubscriptions(b *testing.B) {
	rows := benchRows(10000)
	for _, f := range Formats {
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Subscriptions(io.Discard, f, rows); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(rows)), "ns/row")
		})
	}
}
