package audit

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

func TestEntryJSON(t *testing.T) {
	zone := time.FixedZone("CEST", 2*3600)
	e := Entry{
		Time:           time.Date(2025, 3, 4, 7, 6, 7, 89_654_321, zone),
		Operator:       "alice",
		SSHClient:      "203.0.113.5",
		Profile:        "prod",
		EndpointKind:   EndpointGoogle,
		Method:         "subscriptions.changeSeats",
		CustomerID:     "C01abc",
		SubscriptionID: "S123",
		Before:         map[string]string{"seats": "50"},
		After:          map[string]string{"seats": "60"},
		Outcome:        OutcomeApplied,
		Code:           200,
		Attempts:       1,
		RequestID:      "req-1",
	}
	got, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"time":"2025-03-04T05:06:07.089Z","operator":"alice","ssh_client":"203.0.113.5","profile":"prod",` +
		`"endpoint_kind":"google","method":"subscriptions.changeSeats","customer_id":"C01abc","subscription_id":"S123",` +
		`"before":{"seats":"50"},"after":{"seats":"60"},"outcome":"applied","code":200,"reason":"","message":"",` +
		`"attempts":1,"request_id":"req-1"}`
	if string(got) != want {
		t.Fatalf("Marshal =\n%s\nwant\n%s", got, want)
	}

	var back Entry
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatal(err)
	}
	if !back.Time.Equal(e.Time.Truncate(time.Millisecond)) {
		t.Errorf("time round trip: got %v, want %v", back.Time, e.Time.Truncate(time.Millisecond))
	}
	back.Time, e.Time = time.Time{}, time.Time{}
	if !reflect.DeepEqual(back, e) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back, e)
	}
}

func TestEntryUnmarshalBadTime(t *testing.T) {
	tests := []struct{ name, line string }{
		{"not a time", `{"time":"yesterday","method":"m"}`},
		{"missing time", `{"method":"m"}`},
		{"time not a string", `{"time":5}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e Entry
			if err := json.Unmarshal([]byte(tt.line), &e); err == nil {
				t.Errorf("Unmarshal(%s) = nil error, want one", tt.line)
			}
		})
	}
}
