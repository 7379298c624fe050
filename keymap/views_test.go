package keymap

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
)

var writeActions = []Action{ActionSeats, ActionPlan, ActionRenewal, ActionActivate, ActionSuspend, ActionStartPaid, ActionDelete, ActionEdit, ActionNew, ActionTransfer, ActionSubmit}

func flatten(groups [][]key.Binding) []key.Binding {
	var out []key.Binding
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

func helpDescs(bs []key.Binding) []string {
	var out []string
	for _, b := range bs {
		if b.Enabled() {
			out = append(out, b.Help().Desc)
		}
	}
	return out
}

func TestReadOnlyHidesEveryWriteAction(t *testing.T) {
	def := Default()
	ro := def.WithReadOnly(true)
	for _, s := range Screens() {
		t.Run(string(s), func(t *testing.T) {
			for _, b := range ro.Screen(s) {
				if b.Write || slices.Contains(writeActions, b.Action) {
					t.Errorf("Screen lists write action %s", b.Action)
				}
			}
			for _, b := range ro.Commands(s) {
				if b.Write {
					t.Errorf("palette lists write action %s", b.Action)
				}
			}
			h := ro.HelpMap(s)
			for _, b := range append(h.ShortHelp(), flatten(h.FullHelp())...) {
				for _, w := range def.all(s) {
					if w.Write && b.Help() == w.Help() {
						t.Errorf("help shows write action %s", w.Action)
					}
				}
			}
			for _, b := range ro.all(s) {
				if b.Write {
					for _, k := range b.Keys() {
						if key.Matches(keyMsg(t, k), b.Binding) {
							t.Errorf("%q still fires %s", k, b.Action)
						}
					}
				}
			}
		})
	}
	// Read actions survive, and turning read-only off brings writes back.
	if !slices.Contains(actions(ro.Screen(ScreenSubscriptions)), ActionOpen) {
		t.Error("read-only hid a read action")
	}
	if back := ro.WithReadOnly(false); !slices.Contains(actions(back.Screen(ScreenSubscriptions)), ActionSeats) {
		t.Error("WithReadOnly(false) did not restore writes")
	}
	if !slices.Contains(actions(def.Screen(ScreenSubscriptions)), ActionSeats) {
		t.Error("WithReadOnly modified its receiver")
	}
}

func TestDefaultMarksWrites(t *testing.T) {
	k := Default()
	for _, s := range Screens() {
		for _, b := range k.all(s) {
			if want := slices.Contains(writeActions, b.Action); b.Write != want {
				t.Errorf("%s.%s: Write = %v, want %v", s, b.Action, b.Write, want)
			}
		}
	}
}

func TestScreenListsOwnThenInheritedGlobals(t *testing.T) {
	tests := []struct {
		screen ScreenName
		want   []Action
	}{
		{ScreenTransferable, []Action{"up", "down", "page_up", "page_down", "top", "bottom", "open", "transfer", "filter", "copy", "refresh", "export", "help", "quit", "back", "log", "palette", "message"}},
		{ScreenSearch, []Action{"up", "down", "page_up", "page_down", "top", "bottom", "search", "open", "copy", "refresh", "subscriptions", "new", "attention", "help", "quit", "back", "log", "palette", "message"}},
		{ScreenEdit, []Action{"next_field", "prev_field", "next_option", "prev_option", "submit", "help", "quit", "back", "message"}},
		{ScreenConfirm, []Action{"yes", "no", "quit"}},
		{ScreenQuitting, []Action{"wait", "quit_anyway"}},
		{ScreenPalette, []Action{"up", "down", "run", "quit", "back"}},
		{ScreenHelp, []Action{"up", "down", "page_up", "page_down", "top", "bottom", "help", "quit", "back"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.screen), func(t *testing.T) {
			if got := actions(Default().Screen(tt.screen)); !slices.Equal(got, tt.want) {
				t.Errorf("Screen(%s) = %v\nwant %v", tt.screen, got, tt.want)
			}
		})
	}
}

func TestHelpMap(t *testing.T) {
	tests := []struct {
		name      string
		km        KeyMap
		screen    ScreenName
		short     []string
		fullCols  [][]string
		notInHelp []string
	}{
		{
			name:   "subscriptions",
			km:     Default(),
			screen: ScreenSubscriptions,
			short:  []string{"filter", "open", "copy ID", "refresh", "select", "select all", "seats", "plan", "renewal", "activate", "suspend", "start paid", "delete", "export", "help", "quit", "back"},
			fullCols: [][]string{
				{"up", "down", "page up", "page down", "top", "bottom"},
				{"filter", "open", "copy ID", "refresh", "select", "select all", "export"},
				{"seats", "plan", "renewal", "activate", "suspend", "start paid", "delete"},
				{"help", "quit", "back", "call log", "commands", "message"},
			},
		},
		{
			name:   "subscriptions read-only drops the write column",
			km:     Default().WithReadOnly(true),
			screen: ScreenSubscriptions,
			short:  []string{"filter", "open", "copy ID", "refresh", "select", "select all", "export", "help", "quit", "back"},
			fullCols: [][]string{
				{"up", "down", "page up", "page down", "top", "bottom"},
				{"filter", "open", "copy ID", "refresh", "select", "select all", "export"},
				{"help", "quit", "back", "call log", "commands", "message"},
			},
			notInHelp: []string{"seats", "delete"},
		},
		{
			name:   "transferable: transfer is the only change",
			km:     Default(),
			screen: ScreenTransferable,
			short:  []string{"open", "transfer to you", "filter", "copy ID", "refresh", "export", "help", "quit", "back"},
			fullCols: [][]string{
				{"up", "down", "page up", "page down", "top", "bottom"},
				{"open", "filter", "copy ID", "refresh", "export"},
				{"transfer to you"},
				{"help", "quit", "back", "call log", "commands", "message"},
			},
			notInHelp: []string{"seats", "delete"},
		},
		{
			name:      "transferable read-only hides transfer",
			km:        Default().WithReadOnly(true),
			screen:    ScreenTransferable,
			short:     []string{"open", "filter", "copy ID", "refresh", "export", "help", "quit", "back"},
			fullCols:  [][]string{{"up", "down", "page up", "page down", "top", "bottom"}, {"open", "filter", "copy ID", "refresh", "export"}, {"help", "quit", "back", "call log", "commands", "message"}},
			notInHelp: []string{"transfer"},
		},
		{
			name:     "confirm",
			km:       Default(),
			screen:   ScreenConfirm,
			short:    []string{"yes", "no", "quit"},
			fullCols: [][]string{{"yes", "no"}, {"quit"}},
		},
		{
			name:     "search while typing keeps only keys the input lets through",
			km:       Default().TextInput(),
			screen:   ScreenSearch,
			short:    []string{"open", "quit", "back"},
			fullCols: [][]string{{"up", "down"}, {"open"}, {"quit", "back", "message"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := tt.km.HelpMap(tt.screen)
			var _ help.KeyMap = h
			if got := helpDescs(h.ShortHelp()); !slices.Equal(got, tt.short) {
				t.Errorf("ShortHelp = %q\nwant %q", got, tt.short)
			}
			var cols [][]string
			for _, c := range h.FullHelp() {
				cols = append(cols, helpDescs(c))
			}
			if !slices.EqualFunc(cols, tt.fullCols, slices.Equal) {
				t.Errorf("FullHelp = %q\nwant %q", cols, tt.fullCols)
			}
			// The bubbles help view renders exactly what we hand it.
			view := help.Model{ShortSeparator: " • ", FullSeparator: "  ", ShowAll: true}.View(h)
			for _, d := range tt.notInHelp {
				if strings.Contains(view, d) {
					t.Errorf("help view shows %q:\n%s", d, view)
				}
			}
			for _, d := range tt.short {
				if !strings.Contains(view, d) {
					t.Errorf("help view lacks %q:\n%s", d, view)
				}
			}
		})
	}
}

func TestHelpViewShowsKeysAndDescriptions(t *testing.T) {
	view := help.Model{ShortSeparator: " • "}.View(Default().HelpMap(ScreenSubscription))
	for _, want := range []string{"s seats", "D delete", "ctrl+r refresh", "? help", "q/ctrl+c quit"} {
		if !strings.Contains(view, want) {
			t.Errorf("short help %q lacks %q", view, want)
		}
	}
	if strings.Contains(view, "↓/j") {
		t.Errorf("short help %q shows navigation", view)
	}
}

func TestCommands(t *testing.T) {
	tests := []struct {
		name   string
		km     KeyMap
		screen ScreenName
		want   []Action
	}{
		{"customer", Default(), ScreenCustomer, []Action{"open", "copy", "refresh", "subscriptions", "edit", "new", "seats", "plan", "renewal", "activate", "suspend", "start_paid", "delete", "export", "help", "quit", "back", "log", "message"}},
		{"search", Default(), ScreenSearch, []Action{"search", "open", "copy", "refresh", "subscriptions", "new", "attention", "help", "quit", "back", "log", "message"}},
		{"log", Default(), ScreenLog, []Action{"open", "export", "help", "quit", "back", "log", "message"}},
		{"unbound action is not offered", mustRebind(t, map[string][]string{"customer.edit": {}}), ScreenCustomer, []Action{"open", "copy", "refresh", "subscriptions", "new", "seats", "plan", "renewal", "activate", "suspend", "start_paid", "delete", "export", "help", "quit", "back", "log", "message"}},
		{"subscriptions", Default(), ScreenSubscriptions, []Action{"filter", "open", "copy", "refresh", "toggle", "select_all", "seats", "plan", "renewal", "activate", "suspend", "start_paid", "delete", "export", "help", "quit", "back", "log", "message"}},
		{"subscriptions read-only", Default().WithReadOnly(true), ScreenSubscriptions, []Action{"filter", "open", "copy", "refresh", "toggle", "select_all", "export", "help", "quit", "back", "log", "message"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmds := tt.km.Commands(tt.screen)
			if got := actions(cmds); !slices.Equal(got, tt.want) {
				t.Errorf("Commands(%s) = %v\nwant %v", tt.screen, got, tt.want)
			}
			for _, c := range cmds {
				if c.Desc == "" || c.Help().Key == "" {
					t.Errorf("command %s lacks a description or key", c.Action)
				}
			}
		})
	}
}

func mustRebind(t *testing.T, o map[string][]string) KeyMap {
	t.Helper()
	k, err := Default().Rebind(o)
	if err != nil {
		t.Fatal(err)
	}
	return k
}
