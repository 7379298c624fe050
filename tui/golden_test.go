package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"resold/emulator"
	"resold/tui/internal/tuitest"
)

// scene brings a fresh model to one state worth looking at.
type scene struct {
	name string
	keys []tea.KeyMsg
	// volatile scenes show wall-clock times (the call log) and are left
	// out of the golden files.
	volatile bool
}

func keys(parts ...any) []tea.KeyMsg {
	var out []tea.KeyMsg
	for _, p := range parts {
		switch p := p.(type) {
		case string:
			out = append(out, key(p))
		case []tea.KeyMsg:
			out = append(out, p...)
		}
	}
	return out
}

var scenes = []scene{
	{name: "search_empty"},
	{name: "search_matches", keys: keys(tuitest.Type("ac"))},
	{name: "customer", keys: keys(typed(emulator.DomainAcmeAnnual))},
	{name: "customer_suspended", keys: keys(typed(emulator.DomainSuspended))},
	{name: "subscriptions_all", keys: keys("esc", "S")},
	{name: "subscriptions_filtered", keys: keys("esc", "S", "/", tuitest.Type("trial"), "enter")},
	{name: "subscription_detail", keys: keys(typed(emulator.DomainAcmeAnnual), "enter")},
	{name: "managed_elsewhere", keys: keys(typed(emulator.DomainOtherReseller))},
	{name: "multiple_teams", keys: keys(typed(emulator.DomainTeams))},
	{name: "available", keys: keys(typed("nobody-here.example"))},
	{name: "failure_guidance", keys: keys(typed(emulator.DomainOtherReseller), "enter", typed(emulator.ExpiredTransferToken))},
	{name: "whole_message", keys: keys(typed(emulator.DomainOtherReseller), "enter", typed(emulator.ExpiredTransferToken), "m")},
	{name: "whole_message_form", keys: keys(typed(emulator.DomainAcmeAnnual), "enter", "s", tuitest.Type("40"), "enter", "ctrl+o")},
	{name: "help", keys: keys("esc", "?")},
	{name: "transferable", keys: keys(typed(emulator.DomainTransfer), "enter", typed(emulator.TransferToken))},
	{name: "help_transferable", keys: keys(typed(emulator.DomainTransfer), "enter", typed(emulator.TransferToken), "?")},
	{name: "edit_seats", keys: keys(typed(emulator.DomainFlex), "enter", "s", tuitest.Type("25"))},
	{name: "edit_refused_annual", keys: keys(typed(emulator.DomainAcmeAnnual), "enter", "s", tuitest.Type("40"), "enter")},
	{name: "confirm_seats", keys: keys(typed(emulator.DomainFlex), "enter", "s", tuitest.Type("25"), "enter")},
	{name: "applied_seats", keys: keys(typed(emulator.DomainFlex), "enter", "s", tuitest.Type("25"), "enter", "y")},
	{name: "confirm_delete", keys: keys(typed(emulator.DomainFlex), "enter", "D", "enter")},
	{name: "end_trial_plan", keys: keys(typed(emulator.DomainTrial), "enter", "t")},
	{name: "edit_customer", keys: keys(typed(emulator.DomainFlex), "e")},
	{name: "new_customer", keys: keys(typed("nobody-here.example"), "n")},
	{name: "new_subscription", keys: keys(typed(emulator.DomainFlex), "n")},
	{name: "palette", keys: keys(typed(emulator.DomainAcmeAnnual), "enter", ":")},
	{name: "confirm_after_refusal", keys: keys(typed(emulator.DomainNoAdmin), "enter", "D", "enter", typed(emulator.DomainNoAdmin), "y", "enter")},
	{name: "attention", keys: keys("esc", "A")},
	{name: "attention_group", keys: keys("esc", "A", "enter")},
	{name: "bulk_plan", keys: keys("esc", "S", "/", tuitest.Type("reseller_initiated"), "enter", "*", "a")},
	{name: "bulk_seats", keys: keys("esc", "S", " ", " ", "s", tuitest.Type("+5"))},
	{name: "call_log", keys: keys(typed(emulator.DomainAcmeAnnual), "L"), volatile: true},
	{name: "export_subscriptions", keys: keys("esc", "S", "/", tuitest.Type("trial"), "enter", "E")},
}

// play runs a scene on a fresh emulator whose clock agrees with the UI's,
// so dates and relative times are the same on every run.
func play(t *testing.T, sc scene, w, h int) Model {
	t.Helper()
	api, _ := emulatorAPI(t, emulator.Options{Clock: func() time.Time { return tuitest.Now }}, fastRetry)
	return press(t, sized(syncCommon(api), w, h), sc.keys...)
}

// sceneSizes are the terminal sizes each scene is played at; goldenSizes
// of them have golden files, and the words each scene is about are
// checked at aboutSize.
var (
	sceneSizes  = [][2]int{{80, 24}, {120, 40}, {250, 70}}
	goldenSizes = map[[2]int]bool{{80, 24}: true, {120, 40}: true}
	aboutSize   = [2]int{120, 40}
)

// sceneAbout is what each scene's view must show: what the scene is about.
var sceneAbout = map[string][]string{
	"search_empty":           {"Find a customer by ID or domain", "enter looks it up"},
	"search_matches":         {"acme-annual.example", "starts with \"ac\""},
	"customer":               {"C0acme001", "Alt email", "Business Standard"},
	"customer_suspended":     {"suspended"},
	"subscriptions_all":      {"300 loaded · more", "Customer", "Seats"},
	"subscriptions_filtered": {"loaded match", "filter › trial"},
	"subscription_detail":    {"Subscription ID", "Renewal", "Commitment"},
	"managed_elsewhere":      {"Managed by Google or another reseller", "C0other01"},
	"multiple_teams":         {"Several team customers share this domain"},
	"available":              {"No Google account exists for this customer"},
	"failure_guidance":       {"403 forbidden", "Why:", "Do:", "esc dismisses"},
	"whole_message":          {"What happened", "The transfer token is invalid", "API message", "valid for 30 days"},
	"whole_message_form":     {"What happened", "Seats on an annual plan cannot go down", "Key", "renewal settings"},
	"help":                   {"Keys on the search screen", "help", "quit"},
	"transferable":           {"T orders the selected one's transfer to you", "T transfer to you", "Transfer"},
	"help_transferable":      {"Keys on the transferable screen", "T", "transfer to you", "enter", "open"},
	"edit_seats":             {"Change the seats", "› 25", "Seat cap"},
	"edit_refused_annual":    {"Seats on an annual plan cannot go down", "r switches to the renewal settings", "Why:"},
	"confirm_seats":          {"Change the seats?", "20  →  25", "No", "Yes", "enter is not yes"},
	"applied_seats":          {"cap 25 (maximumNumberOfSeats)", "Seats changed"},
	"confirm_delete":         {"Delete the subscription?", "Type flex.example to confirm"},
	"end_trial_plan":         {"End the trial: choose the plan first", "step 1 of 2"},
	"edit_customer":          {"Edit the customer", "Dana Reyes", "Alternate email"},
	"new_customer":           {"Order a new customer", "nobody-here.example"},
	"new_subscription":       {"Order a subscription", "Product"},
	"palette":                {"Commands of the subscription screen", "seats", "customer ID|DOMAIN"},
	"confirm_after_refusal":  {"Delete the subscription?", "Yes", "enter is not yes"},
	"export_subscriptions":   {"Export", "rows (every page read, the filter applied)", "resold-subscriptions-", "CSV"},
	"attention":              {"What needs a person", "Suspended by you (RESELLER_INITIATED)", "as of"},
	"attention_group":        {"rows · Suspended by you", "reseller"},
	"bulk_plan":              {"Bulk activate:", "to change", "Nothing is sent yet", "→ ACTIVE"},
	"bulk_seats":             {"Bulk change of 2 rows: seats", "+5"},
	"call_log":               {"customers.get", "subscriptions.list", "200"},
}

// TestScenes plays each scene once per size, on a fresh emulator, and
// checks that one run every way: what the scene is about is on screen
// (aboutSize), the view matches its golden file (goldenSizes; volatile
// scenes have none), and the layout is exact, there and after any resize.
func TestScenes(t *testing.T) {
	for _, sc := range scenes {
		for _, size := range sceneSizes {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				m := play(t, sc, size[0], size[1])
				view := m.View()
				if size == aboutSize {
					if missing, ok := contains(view, sceneAbout[sc.name]...); !ok {
						t.Errorf("view lacks %q:\n%s", missing, view)
					}
					if strings.ContainsRune(view, '\x1b') {
						t.Error("the Ascii profile view holds an escape sequence")
					}
				}
				tuitest.CheckLayout(t, view, size[0], size[1])
				// And after any resize, including below the minimum and
				// back.
				for _, r := range [][2]int{{250, 70}, {80, 24}, {60, 20}, {133, 41}, {80, 24}} {
					next, _ := m.Update(tea.WindowSizeMsg{Width: r[0], Height: r[1]})
					m = next.(Model)
					tuitest.CheckLayout(t, m.View(), r[0], r[1])
				}
				if goldenSizes[size] && !sc.volatile {
					golden.RequireEqual(t, []byte(view))
				}
			})
		}
	}
}

// TestEverySceneSaysWhatItIsAbout keeps sceneAbout complete: a scene
// without its words would check nothing.
func TestEverySceneSaysWhatItIsAbout(t *testing.T) {
	for _, sc := range scenes {
		if len(sceneAbout[sc.name]) == 0 {
			t.Errorf("scene %s has no words in sceneAbout", sc.name)
		}
	}
}
