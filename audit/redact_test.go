package audit

import (
	"strings"
	"testing"
)

func TestRedactText(t *testing.T) {
	const pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----"
	tests := []struct {
		name, in, want string
	}{
		{"ordinary message kept", "Invalid value for field numberOfSeats: 5", "Invalid value for field numberOfSeats: 5"},
		{"method name kept", "subscriptions.changeSeats", "subscriptions.changeSeats"},
		{"customer ID kept", "C01abcd9x", "C01abcd9x"},
		{"access token in a message", "token ya29.a0AfH6SMBx-y_z.123 expired", "token [redacted] expired"},
		{"bearer header", "Authorization: Bearer abc.def-ghi", "Authorization: [redacted]"},
		{"refresh token", "refresh 1//0gAbCdEfGhIjKlMnOp", "refresh [redacted]"},
		{"API key", "key=AIzaSyA1234567890abcdefghijklmnopqrstuv", "key=[redacted]"},
		{"OAuth client secret", "GOCSPX-AbCdEf123", "[redacted]"},
		{"JWT", "assertion eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl", "assertion [redacted]"},
		{"PEM block", "key: " + pem + " end", "key: [redacted] end"},
		{"PEM block cut short", "key: -----BEGIN PRIVATE KEY----- MIIEvQIB", "key: [redacted]"},
		{"JSON key file redacted whole", `{"type": "service_account", "private_key_id": "abc"}`, "[redacted]"},
		{"client secrets file redacted whole", `{"installed":{"client_secret":"x"}}`, "[redacted]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := redactText(tt.in); got != tt.want {
				t.Errorf("redactText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestScrubMapRedacts(t *testing.T) {
	tests := []struct {
		name      string
		in, want  map[string]string
		forbidden string // must appear nowhere in the result
	}{
		{
			name: "changed values kept",
			in:   map[string]string{"seats": "60", "plan": "FLEXIBLE", "deal_code": "D-1"},
			want: map[string]string{"seats": "60", "plan": "FLEXIBLE", "deal_code": "D-1"},
		},
		{
			name:      "secret-named keys hide their values",
			in:        map[string]string{"token": "t1", "customerAuthToken": "t2", "api_key": "t3", "client_secret": "t4", "Password": "t5", "credentials": "t6", "private_key": "t7"},
			want:      map[string]string{"token": Redacted, "customerAuthToken": Redacted, "api_key": Redacted, "client_secret": Redacted, "Password": Redacted, "credentials": Redacted, "private_key": Redacted},
			forbidden: "t1",
		},
		{
			name:      "secret-looking value under an innocent key hidden whole",
			in:        map[string]string{"note": "use ya29.secretvalue please"},
			want:      map[string]string{"note": Redacted},
			forbidden: "secretvalue",
		},
		{
			name:      "a key that is a secret is redacted with its value",
			in:        map[string]string{"ya29.leaked": "x"},
			want:      map[string]string{Redacted: Redacted},
			forbidden: "leaked",
		},
		{
			name:      "secret split by a zero-width space is still found",
			in:        map[string]string{"note": "ya\u200b29.hidden"},
			want:      map[string]string{"note": Redacted},
			forbidden: "hidden",
		},
		{
			name: "control characters stripped from keys and values",
			in:   map[string]string{"seats\x1b[2J": "6\u202e0"},
			want: map[string]string{"seats[2J": "60"},
		},
		{
			name: "nil becomes empty",
			in:   nil,
			want: map[string]string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := scrubMap(tt.in)
			if len(got) != len(tt.want) {
				t.Fatalf("scrubMap(%q) = %q, want %q", tt.in, got, tt.want)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("scrubMap(%q)[%q] = %q, want %q", tt.in, k, got[k], v)
				}
			}
			for k, v := range got {
				if tt.forbidden != "" && (strings.Contains(k, tt.forbidden) || strings.Contains(v, tt.forbidden)) {
					t.Errorf("scrubMap(%q) kept %q", tt.in, tt.forbidden)
				}
			}
		})
	}
}
