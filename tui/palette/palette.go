package palette

import (
	"slices"
	"sort"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"resold/client"
	"resold/keymap"
	"resold/tui/common"
	"resold/tui/message"
)

// command is one entry of the palette.
type command struct {
	// name is matched and shown: the binding's short help, or the
	// palette's own command word.
	name string
	// usage follows the name for commands taking an argument.
	usage string
	// desc says what it does.
	desc string
	// key is the binding's key, shown on the right; "" for the palette's
	// own commands.
	key string
	// binding is pressed when the command runs; nil for the palette's own.
	binding *keymap.Binding
	// own is the palette's own command: "customer", "subs", "attention"
	// or "log".
	own string
}

// Model is the palette.
type Model struct {
	c        common.Common
	of       keymap.ScreenName
	input    common.Input
	all      []command
	shown    []int
	cursor   int
	problem  string
	finished bool
}

// New opens the palette for screen of.
func New(c common.Common, of keymap.ScreenName) Model {
	in := c.NewInput(": ", "command, or customer ID|DOMAIN, subs, attention, log", 300)
	in.Focus()
	m := Model{c: c, of: of, input: in, all: commands(c.Keys, of, len(c.Profiles) > 0)}
	return m.filter()
}

// commands lists the screen's actions from the keymap, then the palette's
// own.
func commands(keys *keymap.KeyMap, of keymap.ScreenName, profiles bool) []command {
	var out []command
	for _, b := range keys.Commands(of) {
		b := b
		out = append(out, command{name: b.Help().Desc, desc: b.Desc, key: b.Help().Key, binding: &b})
	}
	out = append(out,
		command{name: "customer", usage: "ID|DOMAIN", desc: "Look up a customer by ID or domain and open it", own: "customer"},
		command{name: "subs", desc: "All your customers' subscriptions, in the table", own: "subs"})
	if of != keymap.ScreenSearch {
		// The search screen has the attention view on a key already.
		out = append(out, command{name: "attention", desc: "What needs a person now, in groups", own: "attention"})
	}
	if of != keymap.ScreenLog {
		out = append(out, command{name: "log", desc: "The log of API calls", own: "log"})
	}
	if profiles {
		out = append(out, command{name: "profile", usage: "[NAME]", desc: "List the config file's profiles, or switch to NAME", own: "profile"})
	}
	return out
}

// Name implements common.Screen.
func (m Model) Name() keymap.ScreenName { return keymap.ScreenPalette }

// Title implements common.Screen.
func (m Model) Title() string { return "commands" }

// Typing implements common.Screen: the palette's input always has focus.
func (m Model) Typing() bool { return true }

// Info implements common.Screen.
func (m Model) Info() string { return "commands of the " + string(m.of) + " screen" }

// Finished implements common.Finisher.
func (m Model) Finished() bool { return m.finished }

// SetSize implements common.Screen.
func (m Model) SetSize(w, h int) common.Screen {
	m.c = m.c.WithSize(w, h)
	m.input.Width = max(10, w-4)
	return m
}

// Update implements common.Screen.
func (m Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	key, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	k := m.c.TypingKeys
	switch {
	case common.Matches(key, k.Global.Back):
		m.finished = true
		return m, nil
	case common.Matches(key, k.Palette.Up):
		m.cursor = max(0, m.cursor-1)
		return m, nil
	case common.Matches(key, k.Palette.Down):
		m.cursor = min(len(m.shown)-1, m.cursor+1)
		return m, nil
	case common.Matches(key, k.Palette.Run):
		return m.run()
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(key)
	m.problem = ""
	return m.filter(), cmd
}

// query is the typed text, and its first word and the rest for the
// commands that take an argument.
func (m Model) query() (text, word, arg string) {
	text = strings.TrimLeft(strings.TrimSpace(m.input.Value()), ":")
	word, arg, _ = strings.Cut(text, " ")
	return text, word, strings.TrimSpace(arg)
}

// filter keeps the commands matching what was typed, best first.
func (m Model) filter() Model {
	text, word, _ := m.query()
	type hit struct{ i, score int }
	var hits []hit
	for i, c := range m.all {
		q := text
		if c.usage != "" {
			// "customer acme.example": the word names the command.
			q = word
		}
		best, ok := score(q, c.name)
		if s, dok := score(q, c.desc); dok && !ok {
			best, ok = s/4, true
		}
		if ok {
			hits = append(hits, hit{i, best})
		}
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].score > hits[b].score })
	m.shown = m.shown[:0:0]
	for _, h := range hits {
		m.shown = append(m.shown, h.i)
	}
	m.cursor = 0
	return m
}

// run runs the selected command: a binding is pressed on the screen below,
// the palette's own commands navigate.
func (m Model) run() (common.Screen, tea.Cmd) {
	if len(m.shown) == 0 {
		m.problem = "No command matches; esc closes the palette."
		return m, nil
	}
	c := m.all[m.shown[m.cursor]]
	_, _, arg := m.query()
	switch c.own {
	case "":
		return m, message.Send(message.Press{Binding: *c.binding})
	case "customer":
		if arg == "" {
			m.problem = "Type the customer after the command: customer C0acme001, or customer acme.example"
			return m, nil
		}
		if err := client.ValidateLookup(arg); err != nil {
			m.problem = client.Explain(err).Title
			return m, nil
		}
		m.finished = true
		return m, message.Send(message.Lookup{Query: arg})
	case "subs":
		m.finished = true
		return m, message.Send(message.OpenSubscriptions{Title: "All your customers' subscriptions"})
	case "attention":
		m.finished = true
		return m, message.Send(message.OpenAttention{})
	case "log":
		return m, message.Send(message.Press{Binding: m.c.Keys.Global.Log})
	case "profile":
		m.finished = true
		if arg != "" {
			return m, message.Send(message.SwitchProfile{Name: arg})
		}
		return m, message.Send(message.OpenProfiles{})
	}
	return m, nil
}

// View implements common.Screen.
func (m Model) View() string {
	st := m.c.Styles
	w, h := m.c.Width, m.c.Height
	lines := []string{
		st.ScreenTitle.Render(common.Truncate("Commands of the "+string(m.of)+" screen", w)),
		m.input.View(),
	}
	if m.problem != "" {
		lines = append(lines, common.Truncate(st.FormError.Render(m.problem), w))
	} else {
		k := m.c.TypingKeys
		hint := k.Palette.Up.Help().Key + " " + k.Palette.Down.Help().Key + " choose · " + k.Palette.Run.Help().Key +
			" runs · " + k.Global.Back.Help().Key + " closes · :customer :subs :attention :log anywhere"
		lines = append(lines, st.Muted.Render(common.Truncate(hint, w)))
	}
	lines = append(lines, "")
	nameW, keyW := 0, 1
	for _, i := range m.shown {
		nameW = max(nameW, common.Width(m.all[i].name+" "+m.all[i].usage))
		keyW = max(keyW, common.Width(m.all[i].key))
	}
	nameW, keyW = min(nameW, w/3), min(keyW, 12)
	rows := max(1, h-len(lines))
	from := max(0, m.cursor-rows+1)
	for n, i := range m.shown[from:min(len(m.shown), from+rows)] {
		c := m.all[i]
		key := c.key
		if key == "" {
			key = ":"
		}
		line := common.Fit(key, keyW) + "  " + common.Fit(strings.TrimSpace(c.name+" "+c.usage), nameW) + "  " + c.desc
		if from+n == m.cursor {
			lines = append(lines, st.TableSelectedLine.Render(common.Fit("▶ "+line, w)))
		} else {
			lines = append(lines, common.Truncate("  "+line, w))
		}
	}
	if len(m.shown) == 0 {
		lines = append(lines, st.Muted.Render("No command matches."))
	}
	return common.FitBlock(strings.Join(lines, "\n"), w, h)
}

// Commands returns the names of the commands the palette offers, in
// order; tests use it to prove no write action is offered in read-only
// mode.
func (m Model) Commands() []string {
	out := make([]string, len(m.all))
	for i, c := range m.all {
		out[i] = c.name
	}
	return slices.Clip(out)
}
