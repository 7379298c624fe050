package common

import (
	"bytes"
	"encoding/base64"
	"errors"
	"slices"
	"strings"
	"testing"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// Inside tmux the ID goes to tmux load-buffer -w -, nothing to the
// terminal; over SSH it goes out as a plain OSC 52, never wrapped for
// passthrough.
func TestClipboardGoesWhereItArrives(t *testing.T) {
	const id = "C0flex001"
	plain := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(id)) + "\x07"
	tests := []struct {
		name    string
		env     map[string]string
		tmuxErr error
		ran     []string
		term    string
		where   string
	}{
		{"inside tmux", map[string]string{"TMUX": "/tmp/tmux-1000/default,1,0", "SSH_CONNECTION": "x"}, nil,
			[]string{"tmux", "load-buffer", "-w", "-"}, "", ToTmux},
		{"inside a tmux that refuses", map[string]string{"TMUX": "/tmp/tmux-1000/default,1,0"}, errors.New("no server"),
			[]string{"tmux", "load-buffer", "-w", "-"}, plain, ToOSC52},
		{"over SSH", map[string]string{"SSH_CONNECTION": "192.0.2.1 5000 192.0.2.2 22", "TERM": "screen-256color"}, nil,
			nil, plain, ToOSC52},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ran []string
			var stdin string
			run := func(in, name string, args ...string) error {
				ran, stdin = append([]string{name}, args...), in
				return tt.tmuxErr
			}
			var term bytes.Buffer
			where, err := SystemClipboardWith(&term, env(tt.env), run)(id)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ran, tt.ran) || (ran != nil && stdin != id) {
				t.Errorf("ran %q with %q, want %q with the ID", ran, stdin, tt.ran)
			}
			if term.String() != tt.term || strings.Contains(term.String(), "tmux;") {
				t.Errorf("terminal got %q, want %q", term.String(), tt.term)
			}
			if where != tt.where {
				t.Errorf("where = %q, want %q", where, tt.where)
			}
		})
	}
}
