package tuitest

import (
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// WordDeletion is delete-word-forward pressed in Value with the cursor at
// Pos, and the value and cursor it must leave.
type WordDeletion struct {
	Value   string
	Pos     int
	Want    string
	WantPos int
}

// DeleteWordForwardKeys are the keys bound to delete-word-forward in every
// text input: alt+d (also what a fast esc then d arrives as) and
// alt+delete.
var DeleteWordForwardKeys = []tea.KeyMsg{
	{Type: tea.KeyRunes, Runes: []rune{'d'}, Alt: true},
	{Type: tea.KeyDelete, Alt: true},
}

// wordDeletions are readline's alt+d at every cursor position of a few
// values: from the cursor, the spaces before the next word, then that
// word (or the rest of the word under the cursor) go; the cursor stays.
var wordDeletions = []WordDeletion{
	{"", 0, "", 0},
	{"abc", 0, "", 0},
	{"abc", 1, "a", 1},
	{"abc", 2, "ab", 2}, // the cursor on the last rune: bubbles v1.0.0 panics
	{"abc", 3, "abc", 3},
	{"ab cd  ", 0, " cd  ", 0},
	{"ab cd  ", 1, "a cd  ", 1}, // the last rune of a word: bubbles also eats "cd"
	{"ab cd  ", 2, "ab  ", 2},
	{"ab cd  ", 3, "ab   ", 3},
	{"ab cd  ", 4, "ab c  ", 4},
	{"ab cd  ", 5, "ab cd", 5}, // only trailing spaces after the cursor
	{"ab cd  ", 6, "ab cd ", 6},
	{"ab cd  ", 7, "ab cd  ", 7},
	{"  ab", 0, "", 0},
	{"  ab", 1, " ", 1},
	{"  ab", 2, "  ", 2},
	{"  ab", 3, "  a", 3},
	{"  ab", 4, "  ab", 4},
	{"hé wö", 1, "h wö", 1},
	{"hé wö", 2, "hé", 2},
}

// WordDeletions returns the cases, for a masked input (EchoPassword) when
// masked: there everything after the cursor goes, so that the deletion
// does not reveal where the hidden words break.
func WordDeletions(masked bool) []WordDeletion {
	if !masked {
		return wordDeletions
	}
	var out []WordDeletion
	for _, c := range wordDeletions {
		r := []rune(c.Value)
		out = append(out, WordDeletion{c.Value, c.Pos, string(r[:c.Pos]), c.Pos})
	}
	return out
}

// CheckDeleteWordForward presses every key of DeleteWordForwardKeys in
// every case of WordDeletions(masked). press puts value in the input with
// the cursor at pos, sends k the way the app does, and returns the
// input's value and cursor after; a panic fails the case.
func CheckDeleteWordForward(t *testing.T, masked bool, press func(t *testing.T, value string, pos int, k tea.KeyMsg) (string, int)) {
	t.Helper()
	for _, k := range DeleteWordForwardKeys {
		for _, c := range WordDeletions(masked) {
			t.Run(fmt.Sprintf("%s in %q at %d", k, c.Value, c.Pos), func(t *testing.T) {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("panic: %v", r)
					}
				}()
				got, pos := press(t, c.Value, c.Pos, k)
				if got != c.Want || pos != c.WantPos {
					t.Errorf("value %q, cursor %d; want %q, cursor %d", got, pos, c.Want, c.WantPos)
				}
			})
		}
	}
}

// TypeAt returns the keys that type value into an empty input and move
// the cursor back to pos.
func TypeAt(value string, pos int) []tea.KeyMsg {
	keys := Type(value)
	for range len([]rune(value)) - pos {
		keys = append(keys, tea.KeyMsg{Type: tea.KeyLeft})
	}
	return keys
}
