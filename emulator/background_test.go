package emulator

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestBackgroundBuild: with Background, New returns before the generated
// customers exist; a request made meanwhile waits and is answered from
// the whole dataset, and Progress counts up to the total.
func TestBackgroundBuild(t *testing.T) {
	hold := make(chan struct{})
	srv := New(Options{Customers: 2000, Seed: 1, Background: true, hold: hold})
	if built, total := srv.Progress(); built != 0 || total != 2000 {
		t.Fatalf("Progress before the build = %d/%d, want 0/2000", built, total)
	}
	waiting := make(chan struct{})
	srv.onWait = func() { close(waiting) }
	answered := make(chan *httptest.ResponseRecorder)
	go func() {
		req := httptest.NewRequest("GET", "/apps/reseller/v1/customers/C10002000", nil)
		req.Header.Set("Authorization", "Bearer x")
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		answered <- rec
	}()
	<-waiting
	close(hold)
	rec := <-answered
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"customerId":"C10002000"`) {
		t.Errorf("the last generated customer, asked for during the build: %d %s", rec.Code, rec.Body.String())
	}
	if built, total := srv.Progress(); built != 2000 || total != 2000 {
		t.Errorf("Progress after the build = %d/%d, want 2000/2000", built, total)
	}
	if calls := srv.Calls(); len(calls) != 1 || calls[0].Status != 200 {
		t.Errorf("calls recorded: %+v, want the one answered", calls)
	}
}

// TestBackgroundBuildIsTheSameDataset: built in the background or at
// once, the same seed gives the same customers.
func TestBackgroundBuildIsTheSameDataset(t *testing.T) {
	clock := func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }
	get := func(opts Options) string {
		opts.Customers, opts.Seed, opts.Clock = 300, 7, clock
		ts := httptest.NewServer(New(opts))
		defer ts.Close()
		res, err := resellerFor(t, ts.URL).Subscriptions.List().MaxResults(100).Do()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(res.Subscriptions)
		return string(b)
	}
	if a, b := get(Options{}), get(Options{Background: true}); a != b {
		t.Errorf("the first page differs:\nat once    %.300s\nbackground %.300s", a, b)
	}
}
