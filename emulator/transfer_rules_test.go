package emulator

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"strings"
	"testing"
)

// legacyCustomer adds a Google-direct customer holding G Suite Basic (a
// legacy SKU with a successor) and Google Vault - Former Employee (a legacy
// SKU that must be included in a transfer), and returns its ID.
func legacyCustomer(s *Server) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock().UnixMilli()
	c := &customer{id: "C0legacy1", domain: "legacy.example", owner: ownedByGoogle, hasAdmin: true, verified: true,
		transferToken: "legacytoken0123456789abcdef01234", tokenCreated: now - dayMS}
	s.st.addCustomer(c)
	for _, k := range []string{skuGSuiteBasic, "Google-Vault-Former-Employee"} {
		s.st.addSub(&subscription{id: s.st.newSubID(), cust: c, sku: catalogue[k], plan: planFlexible,
			seats: 8, licensed: 8, created: now - 400*dayMS, foreign: true})
	}
	return c.id
}

func do(t *testing.T, s *Server, r *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	r.Header.Set("Authorization", "Bearer x")
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}

// TestLegacyTransfer: the listing shows a legacy SKU's successor with the
// SKU the customer has in transferInfo.currentLegacySkuId; the Workspace
// subscription moves only with the legacy Vault, in one batch, onto the
// successor.
func TestLegacyTransfer(t *testing.T) {
	s := New(Options{Customers: -1})
	id := legacyCustomer(s)
	tok := "legacytoken0123456789abcdef01234"
	base := apiPrefix + "customers/" + id + "/subscriptions"

	w := do(t, s, httptest.NewRequest("GET", apiPrefix+"subscriptions?customerId="+id+"&customerAuthToken="+tok, nil))
	var list struct {
		Subscriptions []struct {
			SkuID        string `json:"skuId"`
			TransferInfo struct {
				CurrentLegacySkuID string `json:"currentLegacySkuId"`
			} `json:"transferInfo"`
		} `json:"subscriptions"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &list); err != nil || len(list.Subscriptions) != 2 {
		t.Fatalf("listing: %s", w.Body)
	}
	got := fmt.Sprint(list.Subscriptions[0].SkuID, " ", list.Subscriptions[0].TransferInfo.CurrentLegacySkuID, " ",
		list.Subscriptions[1].SkuID, " ", list.Subscriptions[1].TransferInfo.CurrentLegacySkuID)
	if want := "1010020027 Google-Apps-For-Business Google-Vault-Former-Employee Google-Vault-Former-Employee"; got != want {
		t.Errorf("listing = %s, want %s", got, want)
	}

	order := func(sku string) string {
		return `{"skuId":"` + sku + `","plan":{"planName":"FLEXIBLE"},"seats":{"maximumNumberOfSeats":8}}`
	}
	w = do(t, s, httptest.NewRequest("POST", base+"?customerAuthToken="+tok, strings.NewReader(order(skuBusinessStarter))))
	if w.Code != 412 || !strings.Contains(w.Body.String(), "Google-Vault-Former-Employee") {
		t.Errorf("alone: %d %s", w.Code, w.Body)
	}

	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, sku := range []string{skuBusinessStarter, "Google-Vault-Former-Employee"} {
		pw, _ := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {"application/http"}})
		fmt.Fprintf(pw, "POST %s?customerAuthToken=%s HTTP/1.1\r\nContent-Type: application/json\r\n\r\n%s", base, tok, order(sku))
	}
	mw.Close()
	r := httptest.NewRequest("POST", "/batch", &buf)
	r.Header.Set("Content-Type", "multipart/mixed; boundary="+mw.Boundary())
	w = do(t, s, r)
	_, params, _ := mime.ParseMediaType(w.Header().Get("Content-Type"))
	mr := multipart.NewReader(w.Body, params["boundary"])
	var skus []string
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("batch answer: %v", err)
		}
		resp, err := http.ReadResponse(bufio.NewReader(p), nil)
		if err != nil {
			t.Fatal(err)
		}
		var sub struct {
			SkuID string `json:"skuId"`
		}
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || json.Unmarshal(b, &sub) != nil {
			t.Fatalf("part: %d %s", resp.StatusCode, b)
		}
		skus = append(skus, sub.SkuID)
	}
	if got := strings.Join(skus, ","); got != "1010020027,Google-Vault-Former-Employee" {
		t.Errorf("transferred SKUs = %s", got)
	}
}
