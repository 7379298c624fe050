package customer

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"resold/client"
	"resold/tui/common"
)

// labelWidth aligns the field values.
const labelWidth = 10

// View implements common.Screen.
func (m Model) View() string {
	st := m.c.Styles
	w := m.c.Width
	lines := m.fieldLines()
	title := "Subscriptions"
	switch {
	case m.calls[listingSubs].Pending() && !m.loaded:
		title += " (loading…)"
	case m.loaded && m.table.Total() == 0:
		title += " (none)"
	}
	lines = append(lines, "", st.ScreenTitle.Render(common.Truncate(title, w)), m.table.View())
	return common.FitBlock(strings.Join(lines, "\n"), w, m.c.Height)
}

// fieldLines renders every field of the record; its length decides how
// much room the table gets.
func (m Model) fieldLines() []string {
	st := m.c.Styles
	w := m.c.Width
	c := m.customer
	if c == nil {
		line := "Reading customer " + m.id + "…"
		if !m.calls[readingRecord].Pending() {
			line = "The customer record could not be read; " + m.c.Keys.Customer.Refresh.Help().Key + " tries again."
		}
		return []string{st.ScreenTitle.Render(common.Truncate(m.id, w)), st.Muted.Render(common.Truncate(line, w))}
	}
	out := []string{st.ScreenTitle.Render(common.Truncate(orDash(c.Domain), w))}
	field := func(label, value string, maxLines int) {
		if value == "" {
			value = "—"
		}
		vw := max(10, w-labelWidth-1)
		parts := strings.Split(ansi.Wrap(value, vw, ""), "\n")
		if len(parts) > maxLines {
			parts = parts[:maxLines]
			parts[maxLines-1] = common.Truncate(parts[maxLines-1]+" …", vw)
		}
		for i, p := range parts {
			l := strings.Repeat(" ", labelWidth+1)
			if i == 0 {
				l = st.Subtle.Render(common.Fit(label, labelWidth)) + " "
			}
			out = append(out, common.Truncate(l+p, w))
		}
	}
	field("ID", c.ID+" · type "+orDash(c.Type)+" · "+verified(c), 1)
	if c.Minimal {
		field("Managed", "by Google or another reseller: only the ID, domain and type are visible", 2)
	}
	field("Alt email", c.AlternateEmail, 1)
	if c.PrimaryAdminEmail != "" {
		field("Admin", c.PrimaryAdminEmail, 1)
	}
	field("Phone", c.Phone, 1)
	field("Address", address(c.Address), 3)
	field("Console", c.AdminConsoleURL, 2)
	return out
}

func verified(c *client.Customer) string {
	if c.DomainVerified {
		return "domain verified"
	}
	return "domain not verified"
}

// address joins the postal address into one line, skipping empty parts.
func address(a client.Address) string {
	var parts []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	add(a.ContactName)
	add(a.OrganizationName)
	add(a.Line1)
	add(a.Line2)
	add(a.Line3)
	add(strings.Join(nonEmpty(a.Locality, a.Region, a.PostalCode), " "))
	add(a.CountryCode)
	return strings.Join(parts, " · ")
}

func nonEmpty(xs ...string) []string {
	var out []string
	for _, x := range xs {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
