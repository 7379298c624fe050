package keymap

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// RebindError is a bad entry in a Rebind override map. Entry is the map key
// at fault so that a config loader can point at the right line.
type RebindError struct {
	// Entry is the override key ("screen.action" or "action") at fault.
	Entry string
	// Reason says what is wrong, naming the key and actions involved.
	Reason string
}

// Error implements error.
func (e *RebindError) Error() string {
	return fmt.Sprintf("key binding %q: %s", e.Entry, e.Reason)
}

// Rebind returns a copy of k with keys replaced. Map keys are "screen.action"
// (one screen; "global.quit" for a global) or a bare "action" (every screen
// that has it); a screen-qualified entry wins over a bare one. An empty list
// unbinds the action. Key names are bubbletea's ("ctrl+r", "pgdown", "G"),
// plus "space" and "pgdn". Unknown screens, actions or key names, and any
// resulting collision within a screen, are a *RebindError; k is then
// returned unchanged so a caller can fall back to it.
func (k KeyMap) Rebind(overrides map[string][]string) (KeyMap, error) {
	orig := k // safe: edits below replace key slices, never write into them
	entries := make([]string, 0, len(overrides))
	for e := range overrides {
		entries = append(entries, e)
	}
	// Bare actions first so screen-qualified entries override them; sorted so
	// the first error reported is always the same one.
	sort.Slice(entries, func(i, j int) bool {
		qi, qj := strings.Contains(entries[i], "."), strings.Contains(entries[j], ".")
		if qi != qj {
			return !qi
		}
		return entries[i] < entries[j]
	})

	origin := map[*Binding]string{}
	for _, e := range entries {
		keys, err := normalizeKeys(overrides[e])
		if err != nil {
			return orig, &RebindError{Entry: e, Reason: err.Error()}
		}
		targets, err := k.targets(e)
		if err != nil {
			return orig, &RebindError{Entry: e, Reason: err.Error()}
		}
		for _, b := range targets {
			*b = b.withKeys(keys)
			origin[b] = e
		}
	}
	if c := k.collision(); c != nil {
		entry := origin[c.second]
		if entry == "" {
			entry = origin[c.first]
		}
		return orig, &RebindError{Entry: entry, Reason: c.String()}
	}
	return k, nil
}

// targets resolves an override entry to the bindings it changes.
func (k *KeyMap) targets(entry string) ([]*Binding, error) {
	screen, action, qualified := strings.Cut(entry, ".")
	if !qualified {
		action, screen = screen, ""
	}
	var out []*Binding
	for _, s := range Screens() {
		if qualified && ScreenName(screen) != s {
			continue
		}
		for _, b := range k.own(s) {
			if b.Action == Action(action) {
				out = append(out, b)
			}
		}
	}
	if len(out) > 0 {
		return out, nil
	}
	if qualified && !slices.Contains(Screens(), ScreenName(screen)) {
		return nil, fmt.Errorf("unknown screen %q (screens: %s)", screen, screenList())
	}
	if qualified {
		return nil, fmt.Errorf("screen %q has no action %q", screen, action)
	}
	return nil, fmt.Errorf("unknown action %q", action)
}

// normalizeKeys validates and normalises a key list, dropping duplicates.
func normalizeKeys(keys []string) ([]string, error) {
	var out []string
	for _, s := range keys {
		n, err := normalizeKey(s)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out, nil
}

func screenList() string {
	names := make([]string, 0, len(Screens()))
	for _, s := range Screens() {
		names = append(names, string(s))
	}
	return strings.Join(names, ", ")
}
