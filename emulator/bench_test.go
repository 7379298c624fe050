package emulator

import (
	"bytes"
	"context"
	"net/http/httptest"
	"testing"
)

// benchServer keeps the benchmark's result alive so New is not optimised
// away.
var benchServer *Server

// BenchmarkStartup50k measures building the dataset of a large reseller
// (target: under 2 s per op).
func BenchmarkStartup50k(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		benchServer = New(Options{Customers: 50000})
	}
}

// BenchmarkListPage100 measures subscriptions.list pages of 100 served over
// loopback HTTP to Google's generated client, at 2,000 customers.
func BenchmarkListPage100(b *testing.B) {
	ts := httptest.NewServer(New(Options{Customers: 2000}))
	defer ts.Close()
	svc := resellerFor(b, ts.URL)
	ctx := context.Background()
	b.ReportAllocs()
	token, pages := "", 0
	for b.Loop() {
		res, err := svc.Subscriptions.List().MaxResults(100).PageToken(token).Context(ctx).Do()
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Subscriptions) == 0 {
			b.Fatal("empty page")
		}
		token = res.NextPageToken // "" after the last page: start over
		pages++
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkStateSaveLoad2000 measures what --save-state and --state cost
// for the default demo size (2,000 generated customers): taking the state,
// encoding it, and decoding and loading it again. It reports the file size.
func BenchmarkStateSaveLoad2000(b *testing.B) {
	srv := New(Options{Customers: 2000})
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteState(&buf, srv.State()); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
		st, err := ReadState(&buf)
		if err != nil {
			b.Fatal(err)
		}
		if benchServer, err = NewWithState(Options{Initial: st}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(size)/1e6, "MB/file")
}
