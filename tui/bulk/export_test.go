package bulk

import "testing"

func TestCellIsSafe(t *testing.T) {
	for in, want := range map[string]string{
		"acme.example":          "acme.example",
		"=HYPERLINK(\"x\")":     "'=HYPERLINK(\"x\")",
		"+1 650":                "'+1 650",
		"-5":                    "'-5",
		"@SUM(A1)":              "'@SUM(A1)",
		"red\x1b[31mtext\x07ok": "red[31mtextok", // the escape and the bell go
	} {
		if got := cell(in); got != want {
			t.Errorf("cell(%q) = %q, want %q", in, got, want)
		}
	}
}
