package search

import (
	"fmt"
	"strings"

	"resold/client"
	"resold/tui/common"
)

// headLines is the number of lines above the list: title, input, hint,
// blank.
const headLines = 4

// listRows is how many matches fit below the head and the list's title.
func (m Model) listRows() int { return max(0, m.c.Height-headLines-1) }

// View implements common.Screen.
func (m Model) View() string {
	st := m.c.Styles
	w := m.c.Width
	lines := []string{
		st.ScreenTitle.Render(common.Truncate("Find a customer by ID or domain", w)),
		m.input.View(),
		m.hint(),
		"",
	}
	switch {
	case m.outcome != nil:
		lines = append(lines, m.outcomeLines()...)
		if m.outcome.Kind == client.LookupMultipleTeams && len(m.matches) > 0 {
			// The team customers of yours on the domain, with the IDs the
			// guidance asks for.
			lines = append(lines, "")
			lines = append(lines, m.matchLines()...)
		}
	case len(m.matches) > 0:
		lines = append(lines, m.matchLines()...)
	case m.prefix != "" && m.calls[searching].ID == 0 && m.invalid == "":
		lines = append(lines, st.Muted.Render(common.Truncate(fmt.Sprintf("No customer of yours has a domain starting with %q; press enter to look it up anyway.", m.prefix), w)))
	}
	return common.FitBlock(strings.Join(lines, "\n"), w, m.c.Height)
}

func (m Model) hint() string {
	st := m.c.Styles
	w := m.c.Width
	if m.invalid != "" {
		return common.Truncate(st.FormError.Render(m.invalid), w)
	}
	if m.note != "" {
		return common.Truncate(st.Warning.Render(m.note), w)
	}
	keys := m.c.Keys
	hint := fmt.Sprintf("%s looks it up · typing lists matching customers", keys.Search.Open.Help().Key)
	if m.input.Focused() {
		hint += fmt.Sprintf(" · %s then %s for every key", keys.Global.Back.Help().Key, keys.Global.Help.Help().Key)
	}
	return st.Muted.Render(common.Truncate(hint, w))
}

func (m Model) matchLines() []string {
	st := m.c.Styles
	w := m.c.Width
	title := fmt.Sprintf("Your customers whose domain starts with %q", m.prefix)
	if m.more {
		title += " (first 100 subscriptions; type more to narrow)"
	}
	out := []string{st.Subtle.Render(common.Truncate(title, w))}
	domainW := min(40, max(16, w/3))
	end := min(m.offset+m.listRows(), len(m.matches))
	for i := m.offset; i < end; i++ {
		mt := m.matches[i]
		subs := fmt.Sprintf("%d subscription", mt.Count)
		if mt.Count != 1 {
			subs += "s"
		}
		line := common.Fit(mt.Domain, domainW) + " " + common.Fit(mt.ID, 12) + " " + subs + " · " + strings.Join(mt.SKUs, ", ")
		if i == m.cursor {
			out = append(out, st.TableSelectedLine.Render(common.Fit("▶ "+line, w)))
		} else {
			out = append(out, common.Truncate("  "+line, w))
		}
	}
	return out
}

// outcomeLines explain a lookup that did not find a customer of yours, with
// the lookup's next steps.
func (m Model) outcomeLines() []string {
	st := m.c.Styles
	w := m.c.Width
	l := m.outcome
	g := client.Guidance{}
	if l.Guidance != nil {
		g = *l.Guidance
	}
	title := g.Title
	if title == "" {
		title = fallbackTitle(l)
	}
	var out []string
	switch l.Kind {
	case client.LookupAvailable:
		out = append(out, common.Truncate(st.Info.Render(title), w))
	default:
		out = append(out, common.Truncate(st.Warning.Render(title), w))
	}
	if c := l.Customer; c != nil {
		typ := c.Type
		if typ == "" {
			typ = "unknown"
		}
		out = append(out, common.Truncate(fmt.Sprintf("  %s · customer ID %s · type %s", c.Domain, c.ID, typ), w))
	}
	out = append(out, wrapField(st.Subtle.Render("Why:"), g.Cause, w)...)
	out = append(out, wrapField(st.Subtle.Render("Do: "), g.Action, w)...)
	out = append(out, "")
	keys := m.c.Keys
	switch l.Kind {
	case client.LookupManagedElsewhere:
		if m.askToken {
			out = append(out, m.token.View())
			if m.badToken != "" {
				out = append(out, common.Truncate(st.FormError.Render(m.badToken), w))
			} else {
				out = append(out, st.Muted.Render(common.Truncate(keys.Search.Open.Help().Key+" lists what can be transferred · "+keys.Global.Back.Help().Key+" cancels", w)))
			}
		} else {
			out = append(out, st.Muted.Render(common.Truncate(keys.Search.Open.Help().Key+" lists its transferable subscriptions (asks for the customer's transfer token)", w)))
		}
	case client.LookupAvailable:
		if b := keys.Search.New; b.Enabled() {
			out = append(out, st.Muted.Render(common.Truncate(b.Help().Key+" orders a new customer for "+l.Query, w)))
		}
	case client.LookupMultipleTeams:
		how := "Type the team customer's ID (C0…) above and press " + keys.Search.Open.Help().Key + "."
		if len(m.matches) > 0 {
			how = "Type the team customer's ID (C0…) above, or pick one below: " +
				keys.Search.Down.Help().Key + ", " + keys.Search.Open.Help().Key + "."
		}
		out = append(out, st.Muted.Render(common.Truncate(how, w)))
	}
	return out
}

// fallbackTitle names an outcome when the client gave no guidance.
func fallbackTitle(l *client.Lookup) string {
	switch l.Kind {
	case client.LookupManagedElsewhere:
		return l.Query + " is managed by Google or another reseller"
	case client.LookupMultipleTeams:
		return "Multiple teams exist on " + l.Query
	case client.LookupAvailable:
		return l.Query + " has no Google account: it is available"
	}
	return l.Query
}

// wrapField renders "Label text…" wrapped to w, continuation lines
// indented under the text.
func wrapField(label, text string, w int) []string {
	if text == "" {
		return nil
	}
	indent := common.Width(label) + 3
	lines := common.Wrap(text, w-indent)
	out := make([]string, len(lines))
	for i, l := range lines {
		if i == 0 {
			out[i] = common.Truncate("  "+label+" "+l, w)
		} else {
			out[i] = common.Truncate(strings.Repeat(" ", indent)+l, w)
		}
	}
	return out
}
