package keymap

import (
	"slices"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// keyMsg builds the message bubbletea sends for a key name, so tests check
// matching the way the running program does.
func keyMsg(t *testing.T, name string) tea.KeyMsg {
	t.Helper()
	for kt := tea.KeyType(-256); kt <= 255; kt++ {
		if kt != tea.KeyRunes && kt.String() == name {
			return tea.KeyMsg{Type: kt}
		}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}

func actions(bs []Binding) []Action {
	out := make([]Action, len(bs))
	for i, b := range bs {
		out[i] = b.Action
	}
	return out
}

func TestDefaultHasNoCollisions(t *testing.T) {
	if err := Default().Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestValidateFindsCollisions(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*KeyMap)
		want   string
	}{
		{
			name:   "two actions of one screen",
			mutate: func(k *KeyMap) { k.Subscription.Seats = k.Subscription.Seats.withKeys([]string{"x"}) },
			want:   `keymap: key "x" on screen subscription is bound to both subscription.seats and subscription.suspend`,
		},
		{
			name:   "screen action against an inherited global",
			mutate: func(k *KeyMap) { k.Log.Top = k.Log.Top.withKeys([]string{"L"}) },
			want:   `keymap: key "L" on screen log is bound to both log.top and global.log`,
		},
		{
			name:   "two globals",
			mutate: func(k *KeyMap) { k.Global.Log = k.Global.Log.withKeys([]string{"?"}) },
			want:   `keymap: key "?" on screen global is bound to both global.help and global.log`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := Default()
			tt.mutate(&k)
			err := k.Validate()
			if err == nil || err.Error() != tt.want {
				t.Fatalf("Validate() = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestNonInheritedGlobalsMayShareKeys(t *testing.T) {
	// The confirm dialog does not inherit Back, so its No may own esc.
	k := Default()
	if !slices.Contains(k.Confirm.No.Keys(), "esc") || !slices.Contains(k.Global.Back.Keys(), "esc") {
		t.Fatal("test premise: confirm.no and global.back both use esc")
	}
	if err := k.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestEveryBindingIsComplete(t *testing.T) {
	k := Default()
	for _, s := range Screens() {
		seen := map[Action]bool{}
		for _, b := range k.all(s) {
			if b.Action == "" || b.Help().Desc == "" || b.Desc == "" || len(b.Keys()) == 0 || b.Help().Key == "" {
				t.Errorf("%s: incomplete binding %+v", s, *b)
			}
			if seen[b.Action] {
				t.Errorf("%s: action %q appears twice, so %s.%s would be ambiguous", s, b.Action, s, b.Action)
			}
			seen[b.Action] = true
			for _, key := range b.Keys() {
				if n, err := normalizeKey(key); err != nil || n != key {
					t.Errorf("%s.%s: default key %q is not a bubbletea key name (%v)", s, b.Action, key, err)
				}
			}
		}
	}
}

func TestEveryScreenIsReachable(t *testing.T) {
	k := Default()
	for _, s := range Screens() {
		if k.group(s) == nil {
			t.Errorf("screen %q has no group", s)
		}
		// The quit dialog quits with its own key.
		quits := slices.ContainsFunc(k.Screen(s), func(b Binding) bool { return b.Action == ActionQuitAnyway })
		if s != ScreenGlobal && len(inherits[s]) == 0 && !quits {
			t.Errorf("screen %q inherits no globals: it could not even be quit", s)
		}
	}
	if k.Screen("nope") != nil {
		t.Error("an unknown screen has bindings")
	}
}

func TestDefaultKeys(t *testing.T) {
	tests := []struct {
		name   string
		screen ScreenName
		action Action
		fires  []string
		silent []string
	}{
		{"search focuses the box", ScreenSearch, ActionSearch, []string{"/"}, nil},
		{"enter opens", ScreenSubscriptions, ActionOpen, []string{"enter"}, nil},
		{"esc goes back", ScreenCustomer, ActionBack, []string{"esc"}, nil},
		{"help", ScreenSubscription, ActionHelp, []string{"?"}, nil},
		{"quit", ScreenSearch, ActionQuit, []string{"q", "ctrl+c"}, nil},
		{"down", ScreenSubscriptions, ActionDown, []string{"down", "j"}, nil},
		{"up", ScreenLog, ActionUp, []string{"up", "k"}, nil},
		{"page down", ScreenHelp, ActionPageDown, []string{"pgdown"}, nil},
		{"top", ScreenCustomer, ActionTop, []string{"g"}, nil},
		{"bottom", ScreenCustomer, ActionBottom, []string{"G"}, []string{"g"}},
		{"refresh", ScreenSubscription, ActionRefresh, []string{"ctrl+r"}, []string{"r"}},
		{"copy", ScreenSubscription, ActionCopy, []string{"y"}, nil},
		{"call log", ScreenSubscriptions, ActionLog, []string{"L"}, []string{"l"}},
		{"palette", ScreenCustomer, ActionPalette, []string{":"}, nil},
		{"seats", ScreenSubscriptions, ActionSeats, []string{"s"}, nil},
		{"plan", ScreenSubscription, ActionPlan, []string{"p"}, nil},
		{"renewal", ScreenSubscription, ActionRenewal, []string{"r"}, nil},
		{"activate", ScreenSubscription, ActionActivate, []string{"a"}, nil},
		{"suspend", ScreenSubscription, ActionSuspend, []string{"x"}, nil},
		{"start paid", ScreenSubscription, ActionStartPaid, []string{"t"}, nil},
		{"delete needs capital D", ScreenSubscriptions, ActionDelete, []string{"D"}, []string{"d"}},
		{"edit customer", ScreenCustomer, ActionEdit, []string{"e"}, nil},
		{"new customer", ScreenSearch, ActionNew, []string{"n"}, nil},
		{"new subscription", ScreenCustomer, ActionNew, []string{"n"}, nil},
		{"transfer needs capital T", ScreenTransferable, ActionTransfer, []string{"T"}, []string{"t", "enter"}},
		{"enter opens a transferable row", ScreenTransferable, ActionOpen, []string{"enter"}, nil},
		{"next field", ScreenEdit, ActionNextField, []string{"tab"}, nil},
		{"previous field", ScreenEdit, ActionPrevField, []string{"shift+tab"}, nil},
		{"submit", ScreenEdit, ActionSubmit, []string{"enter"}, nil},
		{"confirm yes", ScreenConfirm, ActionYes, []string{"y"}, []string{"enter", "Y"}},
		{"confirm no", ScreenConfirm, ActionNo, []string{"n", "esc"}, nil},
		{"quitting: enter waits", ScreenQuitting, ActionWait, []string{"enter", "n", "esc"}, []string{"y", "q"}},
		{"quitting: only y quits anyway", ScreenQuitting, ActionQuitAnyway, []string{"y"}, []string{"enter", "q", "ctrl+c"}},
		{"palette runs", ScreenPalette, ActionRun, []string{"enter"}, nil},
	}
	k := Default()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b *Binding
			for _, c := range k.all(tt.screen) {
				if c.Action == tt.action {
					b = c
				}
			}
			if b == nil {
				t.Fatalf("%s has no %s", tt.screen, tt.action)
			}
			for _, name := range tt.fires {
				if !key.Matches(keyMsg(t, name), b.Binding) {
					t.Errorf("%q does not fire %s.%s", name, tt.screen, tt.action)
				}
			}
			for _, name := range tt.silent {
				if key.Matches(keyMsg(t, name), b.Binding) {
					t.Errorf("%q fires %s.%s", name, tt.screen, tt.action)
				}
			}
		})
	}
}

func TestConfirmEnterIsNeverYes(t *testing.T) {
	k := Default()
	enter := keyMsg(t, "enter")
	for _, b := range k.Screen(ScreenConfirm) {
		if key.Matches(enter, b.Binding) {
			t.Errorf("enter fires confirm's %s; a stray enter must not apply a change", b.Action)
		}
	}
}
