package form

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"resold/tui/common"
	"resold/tui/internal/fake"
	"resold/tui/internal/tuitest"
)

func sample() Model {
	c := tuitest.Common(&fake.API{}, 80, 20)
	opts := []Option{{Value: "FLEXIBLE", Label: "Flexible", Help: "no commitment"}, {Value: "ANNUAL", Label: "Annual"}, {Value: "YEARLY", Label: "Yearly"}}
	return New(c,
		Choice("plan", "Plan", opts, "ANNUAL"),
		Text(c, "seats", "Seats", "5", "", 7).WithHint("at least 1"),
		Text(c, "po", "Purchase order", "", "optional", 120),
		Secret(c, "token", "Token", "abcdef0123", "", 100),
	)
}

func press(m Model, keys ...string) (Model, bool) {
	changed := false
	for _, k := range keys {
		var c bool
		m, _, c = m.Update(tuitest.Key(k))
		changed = changed || c
	}
	return m, changed
}

func TestFocusMoves(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		want string
	}{
		{"starts on the first field", nil, "plan"},
		{"tab moves down", []string{"tab"}, "seats"},
		{"shift+tab wraps to the last", []string{"shift+tab"}, "token"},
		{"tab wraps to the first", []string{"tab", "tab", "tab", "tab"}, "plan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := press(sample(), tt.keys...)
			if got, _ := m.Focused(); got != tt.want {
				t.Errorf("focus on %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHiddenFieldsAreSkippedAndHaveNoValue(t *testing.T) {
	m := sample().SetHidden("seats", true)
	m, _ = press(m, "tab")
	if got, _ := m.Focused(); got != "po" {
		t.Errorf("tab went to %q, want po (seats hidden)", got)
	}
	if v := m.Value("seats"); v != "" {
		t.Errorf("hidden field's value = %q", v)
	}
	if _, ok := m.Values()["seats"]; ok {
		t.Error("Values lists a hidden field")
	}
}

func TestChoiceCyclesWithArrows(t *testing.T) {
	tests := []struct {
		name    string
		keys    []string
		want    string
		changed bool
	}{
		{"right picks the next", []string{"right"}, "YEARLY", true},
		{"right wraps", []string{"right", "right"}, "FLEXIBLE", true},
		{"left picks the previous", []string{"left"}, "FLEXIBLE", true},
		{"typing does nothing on a choice", []string{"x"}, "ANNUAL", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, changed := press(sample(), tt.keys...)
			if got := m.Value("plan"); got != tt.want || changed != tt.changed {
				t.Errorf("plan = %q changed %v, want %q %v", got, changed, tt.want, tt.changed)
			}
		})
	}
}

func TestTextFieldsTakeEveryCharacter(t *testing.T) {
	m, _ := press(sample(), "tab")
	if !m.Typing() {
		t.Fatal("a text field has focus but Typing is false")
	}
	// q, s, x and the arrows are text here, not commands.
	m, changed := press(m, "backspace", "q", "s", "x", "left", "1")
	if got := m.Value("seats"); got != "qs1x" || !changed {
		t.Errorf("seats = %q (changed %v), want qs1x", got, changed)
	}
}

func TestErrorsShowOnceTouchedOrSubmitted(t *testing.T) {
	m := sample().SetErrors(map[string]string{"po": "too long"})
	if lines, _ := m.Lines(); strings.Contains(strings.Join(lines, "\n"), "too long") {
		t.Error("an untouched field's error shows")
	}
	if lines, _ := m.Reveal().Lines(); !strings.Contains(strings.Join(lines, "\n"), "✗ too long") {
		t.Error("after a submit the error does not show")
	}
	m, _ = press(m, "tab", "tab", "a")
	if lines, _ := m.Lines(); !strings.Contains(strings.Join(lines, "\n"), "✗ too long") {
		t.Errorf("a typed-in field's error does not show:\n%s", strings.Join(lines, "\n"))
	}
	if k, ok := m.FirstError(); !ok || k != "po" {
		t.Errorf("FirstError = %q %v", k, ok)
	}
}

func TestBlurThenRefocus(t *testing.T) {
	m, _ := press(sample(), "tab")
	m = m.Blur()
	if _, ok := m.Focused(); ok || m.Typing() {
		t.Fatal("blurred form still has focus")
	}
	m = m.Refocus()
	if k, _ := m.Focused(); k != "seats" {
		t.Errorf("refocus went to %q, want seats", k)
	}
}

func TestRelabelKeepsWhatWasTyped(t *testing.T) {
	c := tuitest.Common(&fake.API{}, 80, 20)
	m, _ := press(sample(), "tab", "backspace", "9")
	m = m.Relabel(Text(c, "seats", "Seat cap", "", "", 7).WithHint("new hint"),
		Choice("plan", "Plan", []Option{{Value: "ANNUAL", Label: "Annual"}}, ""))
	lines, _ := m.Lines()
	view := strings.Join(lines, "\n")
	if m.Value("seats") != "9" || !strings.Contains(view, "Seat cap") || !strings.Contains(view, "new hint") {
		t.Errorf("after relabel seats = %q, view:\n%s", m.Value("seats"), view)
	}
	if m.Value("plan") != "ANNUAL" {
		t.Errorf("plan = %q, want the kept choice", m.Value("plan"))
	}
}

func TestLinesFitTheWidthAndHideSecrets(t *testing.T) {
	for _, w := range []int{20, 80, 250} {
		m := sample().SetWidth(w).SetErrors(map[string]string{"seats": strings.Repeat("very long error ", 20)}).Reveal()
		lines, at := m.Lines()
		if at != 0 {
			t.Errorf("focused line at %d, want 0", at)
		}
		for _, l := range lines {
			if common.Width(l) > w {
				t.Errorf("width %d: line %q is wider", w, l)
			}
			if strings.Contains(l, "abcdef0123") {
				t.Errorf("the secret field shows its value: %q", l)
			}
		}
	}
}

// alt+d (or a fast esc then d) deletes the word after the cursor in a
// text field, and everything after it in a secret one, at any cursor
// position, without a panic.
func TestDeleteWordForwardInTheFields(t *testing.T) {
	for _, tt := range []struct {
		key    string
		masked bool
	}{{"po", false}, {"token", true}} {
		t.Run(tt.key, func(t *testing.T) {
			focused, _ := sample().Focus(tt.key)
			i := focused.index(tt.key)
			focused.fields[i].input.SetValue("")
			tuitest.CheckDeleteWordForward(t, tt.masked, func(t *testing.T, value string, pos int, k tea.KeyMsg) (string, int) {
				m := focused
				for _, key := range append(tuitest.TypeAt(value, pos), k) {
					m, _, _ = m.Update(key)
				}
				in := m.fields[i].input
				return in.Value(), in.Position()
			})
		})
	}
}

// A long list of choices (the product picker) finds as you type; ← and →
// still pick, backspace and ClearFind undo the search.
func TestLongChoiceFindsAsYouType(t *testing.T) {
	c := tuitest.Common(&fake.API{}, 80, 20)
	var opts []Option
	for _, l := range []string{"Business Starter", "Business Standard", "Business Plus", "Enterprise Standard", "Enterprise Plus",
		"Essentials", "Cloud Identity Free", "Cloud Identity Premium", "Google Vault", "Google Voice Starter"} {
		opts = append(opts, Option{Value: strings.ToUpper(l), Label: l})
	}
	m := New(c, Choice("sku", "Product", opts, ""))
	if !m.Typing() {
		t.Fatal("a long choice list does not take typing")
	}
	m, changed := press(m, "v", "a", "u")
	if got := m.Value("sku"); got != "GOOGLE VAULT" || !changed {
		t.Errorf("typed vau: %q (changed %v), want Google Vault", got, changed)
	}
	if l, _ := m.Lines(); !strings.Contains(strings.Join(l, "\n"), "find “vau”") {
		t.Errorf("view does not show the search:\n%s", strings.Join(l, "\n"))
	}
	m, _ = press(m, "backspace", "backspace", "backspace", "p", "l", "u", "s")
	if got := m.Value("sku"); got != "BUSINESS PLUS" {
		t.Errorf("typed plus: %q", got)
	}
	m, _ = press(m, "right")
	if got := m.Value("sku"); got != "ENTERPRISE STANDARD" {
		t.Errorf("→ after the search: %q", got)
	}
	m, ok := m.ClearFind()
	if !ok {
		t.Error("ClearFind found no search")
	}
	if _, ok := m.ClearFind(); ok {
		t.Error("a second ClearFind found a search")
	}
	// A short list leaves letters alone.
	if sample().Typing() {
		t.Error("a three-choice field takes typing")
	}
}
