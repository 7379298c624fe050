package emulator_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	reseller "google.golang.org/api/reseller/v1"

	"resold/emulator"
)

// ownFixtureSubs are the fixture subscriptions of our own customers in
// list order (customerDomain, creationTime, subscriptionId).
var ownFixtureSubs = []string{acmeSub, emrgSub, flexSub, noAdmSb, revokSb, suspSub, "1000009", team1Sb, trialSb}

// listAll pages through the list with Google's client.
func listAll(t testing.TB, call *reseller.SubscriptionsListCall) []*reseller.Subscription {
	t.Helper()
	var out []*reseller.Subscription
	err := call.Pages(context.Background(), func(p *reseller.Subscriptions) error {
		if len(p.Subscriptions) == 0 {
			return fmt.Errorf("empty page (token led nowhere)")
		}
		out = append(out, p.Subscriptions...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func ids(subs []*reseller.Subscription) []string {
	out := make([]string, len(subs))
	for i, s := range subs {
		out[i] = s.SubscriptionId
	}
	return out
}

// TestListFixturesEveryPageSize: with every page size the list is the same
// rows in the same order, with no token on the last page.
func TestListFixturesEveryPageSize(t *testing.T) {
	e := fixtures(t)
	want := strings.Join(ownFixtureSubs, ",")
	for _, size := range []int64{1, 2, 3, 4, 8, 9, 10, 100} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			got := listAll(t, e.svc.Subscriptions.List().MaxResults(size))
			if s := strings.Join(ids(got), ","); s != want {
				t.Errorf("got %s, want %s", s, want)
			}
		})
	}
	first, err := e.svc.Subscriptions.List().Do()
	if err != nil || len(first.Subscriptions) != len(ownFixtureSubs) || first.NextPageToken != "" {
		t.Errorf("default page: %d rows, token %q, %v", len(first.Subscriptions), first.NextPageToken, err)
	}
	exact, err := e.svc.Subscriptions.List().MaxResults(9).Do()
	if err != nil || exact.NextPageToken != "" {
		t.Errorf("a full last page carries a token: %q %v", exact.NextPageToken, err)
	}
}

// TestListAllLarge pages 1,000 generated customers 100 at a time: rows are
// sorted, unique, and the same as with another page size.
func TestListAllLarge(t *testing.T) {
	e := newEnv(t, emulator.Options{Customers: 1000, Seed: 42})
	first, err := e.svc.Subscriptions.List().Do()
	if err != nil || len(first.Subscriptions) != 20 || first.NextPageToken == "" {
		t.Fatalf("default page size: %d rows, %v", len(first.Subscriptions), err)
	}
	big := listAll(t, e.svc.Subscriptions.List().MaxResults(100))
	small := listAll(t, e.svc.Subscriptions.List().MaxResults(37))
	if len(big) < 2500 {
		t.Fatalf("only %d subscriptions for 1000 customers", len(big))
	}
	seen := map[string]bool{}
	for i, s := range big {
		if seen[s.SubscriptionId] {
			t.Fatalf("%s listed twice", s.SubscriptionId)
		}
		seen[s.SubscriptionId] = true
		if i > 0 && !before(big[i-1], s) {
			t.Fatalf("rows %d and %d out of order: %s/%d/%s then %s/%d/%s", i-1, i,
				big[i-1].CustomerDomain, big[i-1].CreationTime, big[i-1].SubscriptionId, s.CustomerDomain, s.CreationTime, s.SubscriptionId)
		}
	}
	if strings.Join(ids(big), ",") != strings.Join(ids(small), ",") {
		t.Error("page size changes the rows")
	}
}

// before reports whether a sorts before b in the list order.
func before(a, b *reseller.Subscription) bool {
	if a.CustomerDomain != b.CustomerDomain {
		return a.CustomerDomain < b.CustomerDomain
	}
	if a.CreationTime != b.CreationTime {
		return a.CreationTime < b.CreationTime
	}
	if len(a.SubscriptionId) != len(b.SubscriptionId) {
		return len(a.SubscriptionId) < len(b.SubscriptionId)
	}
	return a.SubscriptionId < b.SubscriptionId
}

// TestListWhileOthersWrite pages the whole list while another goroutine
// inserts and deletes subscriptions: every row that existed throughout
// appears exactly once, and nothing else appears twice.
func TestListWhileOthersWrite(t *testing.T) {
	e := newEnv(t, emulator.Options{Customers: 600, Seed: 3})
	baseline := listAll(t, e.svc.Subscriptions.List().MaxResults(100))
	writer := newService(t, e.ts.URL, "writer")

	var deletedMu sync.Mutex
	deleted := map[string]bool{} // baseline rows the writer removed
	var rounds atomic.Int64
	roundDone := make(chan struct{}, 1)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		letters := "abcdefghijklmnopqrstuvwxyz"
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			// Insert a customer somewhere in the alphabet with a
			// subscription, and remove one baseline row.
			domain := fmt.Sprintf("%c%c-churn-%d.example", letters[i%26], letters[(i*7)%26], i)
			c, err := writer.Customers.Insert(validCustomer(domain)).Do()
			if err == nil {
				_, err = writer.Subscriptions.Insert(c.CustomerId, sub("1010020027", "FLEXIBLE", 5)).Do()
			}
			if err != nil {
				t.Error(err)
				return
			}
			victim := baseline[(i*131)%len(baseline)]
			err = writer.Subscriptions.Delete(victim.CustomerId, victim.SubscriptionId, "transfer_to_direct").Do()
			if err == nil {
				deletedMu.Lock()
				deleted[victim.SubscriptionId] = true
				deletedMu.Unlock()
			}
			rounds.Add(1)
			select {
			case roundDone <- struct{}{}:
			default:
			}
		}
	}()

	count := map[string]int{}
	call := e.svc.Subscriptions.List().MaxResults(100)
	pages := 0
	for tok := ""; ; pages++ {
		// Let the writer finish at least one round between pages so the
		// list really changes under the reader.
		<-roundDone
		p, err := call.PageToken(tok).Do()
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range p.Subscriptions {
			count[s.SubscriptionId]++
		}
		if tok = p.NextPageToken; tok == "" {
			break
		}
	}
	close(stop)
	wg.Wait()
	if rounds.Load() < int64(pages) {
		t.Fatalf("writer made %d rounds for %d pages", rounds.Load(), pages)
	}
	for id, n := range count {
		if n != 1 {
			t.Errorf("%s listed %d times", id, n)
		}
	}
	deletedMu.Lock()
	defer deletedMu.Unlock()
	if len(deleted) == 0 {
		t.Fatal("the writer deleted nothing")
	}
	for _, s := range baseline {
		if !deleted[s.SubscriptionId] && count[s.SubscriptionId] != 1 {
			t.Errorf("%s existed throughout but was listed %d times", s.SubscriptionId, count[s.SubscriptionId])
		}
	}
}

// TestListCustomerNamePrefix: the prefix filters on the primary domain,
// case-insensitively, and pages like the full list.
func TestListCustomerNamePrefix(t *testing.T) {
	e := newEnv(t, emulator.Options{Customers: 2000, Seed: 9})
	all := listAll(t, e.svc.Subscriptions.List().MaxResults(100))
	for _, prefix := range []string{"t", "tr", "TR", "ma", "co", "s", "acme-", "zzz", "flex.example"} {
		t.Run(prefix, func(t *testing.T) {
			var want []string
			for _, s := range all {
				if strings.HasPrefix(s.CustomerDomain, strings.ToLower(prefix)) {
					want = append(want, s.SubscriptionId)
				}
			}
			var got []*reseller.Subscription
			if len(want) > 0 {
				got = listAll(t, e.svc.Subscriptions.List().CustomerNamePrefix(prefix).MaxResults(7))
			} else {
				p, err := e.svc.Subscriptions.List().CustomerNamePrefix(prefix).Do()
				if err != nil || len(p.Subscriptions) != 0 || p.NextPageToken != "" {
					t.Fatalf("empty prefix result: %+v %v", p, err)
				}
			}
			if strings.Join(ids(got), ",") != strings.Join(want, ",") {
				t.Errorf("prefix %q: %d rows, want %d", prefix, len(got), len(want))
			}
		})
	}
}

// TestListByCustomer covers customerId listings and their errors (E11).
func TestListByCustomer(t *testing.T) {
	e := fixtures(t)
	cases := []struct {
		name, cust  string
		code        int
		reason, msg string
		want        []string
	}{
		{"by ID", emulator.IDAcmeAnnual, 200, "", "", []string{acmeSub}},
		{"by domain", emulator.DomainFlex, 200, "", "", []string{flexSub}},
		{"team by ID", emulator.IDTeam2, 200, "", "", []string{"1000009"}},
		{"teams domain (D2)", emulator.DomainTeams, 400, "invalid", "Multiple teams exist on this domain", nil},
		{"another reseller's (E11)", emulator.DomainOtherReseller, 403, "forbidden", msgNotYours, nil},
		{"direct customer (E11)", emulator.DomainTransfer, 403, "forbidden", msgNotYours, nil},
		{"revoked", emulator.DomainRevoked, 403, "forbidden", "", nil},
		{"unknown", "free-domain.example", 404, "notFound", "Resource not found: customer", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := e.svc.Subscriptions.List().CustomerId(tc.cust).Do()
			if tc.code != 200 {
				wantErr(t, err, tc.code, tc.reason, tc.msg)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(ids(got.Subscriptions), ",") != strings.Join(tc.want, ",") {
				t.Errorf("got %v, want %v", ids(got.Subscriptions), tc.want)
			}
		})
	}
	// A customer's list pages too.
	cust := newCustomer(t, e, "many.example")
	for _, sku := range []string{"1010020027", "Google-Drive-storage-20GB", "1010470003", "1010380001", "Google-Vault"} {
		if _, err := e.svc.Subscriptions.Insert(cust, sub(sku, "FLEXIBLE", 3)).Action("buy").Do(); err != nil {
			t.Fatal(err)
		}
		e.clock.Advance(1)
	}
	if got := listAll(t, e.svc.Subscriptions.List().CustomerId(cust).MaxResults(2)); len(got) != 5 {
		t.Errorf("paged customer list has %d rows, want 5", len(got))
	}
}

// TestListMaxResults: 1–100, default 20; anything else is 400 invalid.
func TestListMaxResults(t *testing.T) {
	e := newEnv(t, emulator.Options{Customers: 100, Seed: 1})
	cases := []struct {
		name, value string
		rows        int
	}{
		{"absent", "", 20},
		{"one", "1", 1},
		{"hundred", "100", 100},
		{"zero", "0", -1},
		{"over a hundred", "101", -1},
		{"negative", "-5", -1},
		{"not a number", "ten", -1},
		{"fraction", "1.5", -1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q := url.Values{}
			if tc.value != "" {
				q.Set("maxResults", tc.value)
			}
			code, body := raw(t, "GET", e.ts.URL+v1+"subscriptions?"+q.Encode(), "", "tok")
			if tc.rows < 0 {
				env := decodeEnvelope(t, body)
				if code != 400 || env.Error.Errors[0].Reason != "invalid" ||
					env.Error.Message != "Invalid value for maxResults: use an integer from 1 to 100." {
					t.Errorf("%d %s", code, body)
				}
				return
			}
			got, err := e.svc.Subscriptions.List().MaxResults(int64(tc.rows)).Do()
			if tc.value == "" {
				got, err = e.svc.Subscriptions.List().Do()
			}
			if err != nil || len(got.Subscriptions) != tc.rows {
				t.Errorf("%d rows, want %d (%v)", len(got.Subscriptions), tc.rows, err)
			}
		})
	}
}

// TestListBadPageToken: tokens that are not ours, edited, or from another
// query are refused with 400 invalid.
func TestListBadPageToken(t *testing.T) {
	e := newEnv(t, emulator.Options{Customers: 100, Seed: 1})
	p, err := e.svc.Subscriptions.List().MaxResults(5).Do()
	if err != nil || p.NextPageToken == "" {
		t.Fatalf("no token: %v", err)
	}
	good := p.NextPageToken
	rawTok, err := base64.RawURLEncoding.DecodeString(good)
	if err != nil {
		t.Fatalf("token is not base64url: %v", err)
	}
	flipped := append([]byte(nil), rawTok...)
	flipped[len(flipped)/2] ^= 1
	other := newEnv(t, emulator.Options{Customers: 100, Seed: 2})
	po, err := other.svc.Subscriptions.List().MaxResults(5).Do()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, token string
		call        *reseller.SubscriptionsListCall
	}{
		{"garbage", "not-a-token!", e.svc.Subscriptions.List()},
		{"a date, as the guide suggests", "2024-01-01", e.svc.Subscriptions.List()},
		{"truncated", good[:len(good)-4], e.svc.Subscriptions.List()},
		{"one bit changed", base64.RawURLEncoding.EncodeToString(flipped), e.svc.Subscriptions.List()},
		{"from another query", good, e.svc.Subscriptions.List().CustomerNamePrefix("a")},
		{"from another customer query", good, e.svc.Subscriptions.List().CustomerId(emulator.IDAcmeAnnual)},
		{"from another emulator seed", po.NextPageToken, e.svc.Subscriptions.List()},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.call.PageToken(tc.token).Do()
			wantErr(t, err, 400, "invalid", "Invalid value for pageToken.")
		})
	}
	// The page size may change between pages.
	if _, err := e.svc.Subscriptions.List().MaxResults(50).PageToken(good).Do(); err != nil {
		t.Errorf("token with another page size: %v", err)
	}
}

// BenchmarkListPage measures one page of 100 rows from 50,000 customers
// (about 150,000 subscriptions) at the start, the middle and the end of
// the list: with the sorted index the cost does not grow with the depth.
func BenchmarkListPage(b *testing.B) {
	srv := emulator.New(emulator.Options{Customers: 50000, Seed: 1})
	page := func(q string) (string, []byte) {
		req := httptest.NewRequest("GET", v1+"subscriptions?maxResults=100"+q, nil)
		req.Header.Set("Authorization", "Bearer b")
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("%d %s", rec.Code, rec.Body)
		}
		body := rec.Body.Bytes()
		i := strings.Index(string(body), `"nextPageToken":"`)
		if i < 0 {
			return "", body
		}
		rest := string(body[i+len(`"nextPageToken":"`):])
		return rest[:strings.IndexByte(rest, '"')], body
	}
	// Walk to the middle and near the end to get tokens there.
	tokens := map[string]string{"start": ""}
	tok := ""
	for i := 1; ; i++ {
		next, _ := page("&pageToken=" + tok)
		if next == "" {
			break
		}
		tok = next
		if i == 700 {
			tokens["middle"] = tok
		}
		tokens["end"] = tok
	}
	for _, name := range []string{"start", "middle", "end"} {
		b.Run(name, func(b *testing.B) {
			q := "&pageToken=" + tokens[name]
			for b.Loop() {
				page(q)
			}
		})
	}
}
