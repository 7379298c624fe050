package audit

import (
	"os/user"
	"testing"
)

func TestOperator(t *testing.T) {
	tests := []struct {
		name, user, sshConnection string
		wantUser, wantSSH         string
	}{
		{"local session", "alice", "", "alice", ""},
		{"SSH over IPv4", "bob", "203.0.113.5 52311 10.0.0.1 22", "bob", "203.0.113.5"},
		{"SSH over IPv6", "bob", "2001:db8::7 40000 2001:db8::1 22", "bob", "2001:db8::7"},
		{"blank SSH_CONNECTION", "carol", "   ", "carol", ""},
		{"escape sequences in the environment are stripped", "ev\x1b[2Jil", "\x1b]0;x\x07 1 2 3", "ev[2Jil", "]0;x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("USER", tt.user)
			t.Setenv("SSH_CONNECTION", tt.sshConnection)
			gotUser, gotSSH := Operator()
			if gotUser != tt.wantUser || gotSSH != tt.wantSSH {
				t.Errorf("Operator() = %q, %q; want %q, %q", gotUser, gotSSH, tt.wantUser, tt.wantSSH)
			}
		})
	}
}

func TestOperatorFallsBackToAccount(t *testing.T) {
	u, err := user.Current()
	if err != nil {
		t.Skipf("no account database here: %v", err)
	}
	t.Setenv("USER", "")
	t.Setenv("SSH_CONNECTION", "")
	if got, _ := Operator(); got != u.Username {
		t.Errorf("Operator() with $USER unset = %q, want the account name %q", got, u.Username)
	}
}
