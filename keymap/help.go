package keymap

import "github.com/charmbracelet/bubbles/key"

// HelpKeyMap is one screen's bindings shaped for bubbles' help.Model; it
// implements help.KeyMap.
type HelpKeyMap struct {
	short []key.Binding
	full  [][]key.Binding
}

// ShortHelp returns the footer line: the screen's own actions, then help,
// back and quit. Navigation is left to the full help.
func (h HelpKeyMap) ShortHelp() []key.Binding { return h.short }

// FullHelp returns the help overlay's columns: navigation, the screen's
// actions, its write actions, then the globals. Empty columns are dropped.
func (h HelpKeyMap) FullHelp() [][]key.Binding { return h.full }

// HelpMap returns the help.KeyMap of screen s, built from its enabled
// bindings only.
func (k KeyMap) HelpMap(s ScreenName) HelpKeyMap {
	var nav, read, write, global, short []key.Binding
	for _, b := range k.own(s) {
		if !b.Enabled() {
			continue
		}
		switch {
		case navigation[b.Action]:
			nav = append(nav, b.Binding)
		case b.Write:
			write = append(write, b.Binding)
			short = append(short, b.Binding)
		default:
			read = append(read, b.Binding)
			short = append(short, b.Binding)
		}
	}
	for _, b := range k.inherited(s) {
		if !b.Enabled() {
			continue
		}
		global = append(global, b.Binding)
		switch b.Action {
		case ActionHelp, ActionBack, ActionQuit:
			short = append(short, b.Binding)
		}
	}
	var full [][]key.Binding
	for _, col := range [][]key.Binding{nav, read, write, global} {
		if len(col) > 0 {
			full = append(full, col)
		}
	}
	return HelpKeyMap{short: short, full: full}
}

// IsNavigation reports whether a only moves around (up, down, page, top,
// bottom).
func IsNavigation(a Action) bool { return navigation[a] }

// Commands returns what the command palette offers on screen s: its enabled
// bindings and inherited globals, minus navigation and the palette itself.
// The palette shows Desc and the key, and hands the Action to the screen.
func (k KeyMap) Commands(s ScreenName) []Binding {
	var out []Binding
	for _, b := range k.Screen(s) {
		if navigation[b.Action] || b.Action == ActionPalette {
			continue
		}
		out = append(out, b)
	}
	return out
}
