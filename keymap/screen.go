package keymap

// ScreenName names a screen of the app, or the global group.
type ScreenName string

// The screens of the app, plus the global group they inherit from.
const (
	// ScreenGlobal is the group of global bindings, not a screen of its own.
	ScreenGlobal ScreenName = "global"
	// ScreenSearch is the start screen.
	ScreenSearch ScreenName = "search"
	// ScreenCustomer is one customer's detail.
	ScreenCustomer ScreenName = "customer"
	// ScreenSubscriptions is the subscriptions table.
	ScreenSubscriptions ScreenName = "subscriptions"
	// ScreenTransferable is the table of subscriptions that can be
	// transferred to you.
	ScreenTransferable ScreenName = "transferable"
	// ScreenSubscription is one subscription's detail.
	ScreenSubscription ScreenName = "subscription"
	// ScreenEdit is the edit form.
	ScreenEdit ScreenName = "edit"
	// ScreenConfirm is the yes/no dialog.
	ScreenConfirm ScreenName = "confirm"
	// ScreenQuitting is the dialog a quit opens while a change is being
	// sent: wait for its answer, or quit anyway.
	ScreenQuitting ScreenName = "quitting"
	// ScreenHelp is the help overlay.
	ScreenHelp ScreenName = "help"
	// ScreenLog is the call log.
	ScreenLog ScreenName = "log"
	// ScreenPalette is the command palette.
	ScreenPalette ScreenName = "palette"
	// ScreenMessage is a whole message, scrollable.
	ScreenMessage ScreenName = "message"
	// ScreenExport is the export dialog: rows loaded, a file asked for.
	ScreenExport ScreenName = "export"
	// ScreenProfiles lists the profiles to switch to.
	ScreenProfiles ScreenName = "profiles"
	// ScreenAttention is the attention view: what needs a person now.
	ScreenAttention ScreenName = "attention"
	// ScreenBulk is a bulk change on the selected rows: plan, confirm,
	// progress, summary.
	ScreenBulk ScreenName = "bulk"
)

// Screens lists every group in a stable order, global first.
func Screens() []ScreenName {
	return []ScreenName{
		ScreenGlobal, ScreenSearch, ScreenCustomer, ScreenSubscriptions,
		ScreenTransferable, ScreenSubscription, ScreenEdit, ScreenConfirm, ScreenQuitting, ScreenHelp,
		ScreenLog, ScreenPalette, ScreenExport, ScreenProfiles, ScreenAttention, ScreenBulk, ScreenMessage,
	}
}

// inherits says which global actions each screen answers to. Modal screens
// take fewer: the confirm dialog must not open the palette over itself, and
// its No already owns esc.
var inherits = map[ScreenName][]Action{
	ScreenSearch:        allGlobals,
	ScreenCustomer:      allGlobals,
	ScreenSubscriptions: allGlobals,
	ScreenTransferable:  allGlobals,
	ScreenSubscription:  allGlobals,
	ScreenLog:           allGlobals,
	ScreenAttention:     allGlobals,
	ScreenBulk:          allGlobals,
	ScreenEdit:          {ActionHelp, ActionBack, ActionQuit, ActionMessage},
	ScreenMessage:       {ActionHelp, ActionBack, ActionQuit},
	ScreenHelp:          {ActionHelp, ActionBack, ActionQuit},
	ScreenPalette:       {ActionBack, ActionQuit},
	ScreenExport:        {ActionBack, ActionQuit},
	ScreenProfiles:      {ActionHelp, ActionBack, ActionQuit},
	ScreenConfirm:       {ActionQuit},
	// The quit dialog is the answer to quit: it inherits nothing.
	ScreenQuitting: nil,
}

var allGlobals = []Action{ActionHelp, ActionBack, ActionQuit, ActionLog, ActionPalette, ActionMessage}

// group returns a pointer to the named group's struct, or nil.
func (k *KeyMap) group(s ScreenName) any {
	switch s {
	case ScreenGlobal:
		return &k.Global
	case ScreenSearch:
		return &k.Search
	case ScreenCustomer:
		return &k.Customer
	case ScreenSubscriptions:
		return &k.Subscriptions
	case ScreenTransferable:
		return &k.Transferable
	case ScreenSubscription:
		return &k.Subscription
	case ScreenEdit:
		return &k.Edit
	case ScreenConfirm:
		return &k.Confirm
	case ScreenQuitting:
		return &k.Quitting
	case ScreenHelp:
		return &k.Help
	case ScreenLog:
		return &k.Log
	case ScreenPalette:
		return &k.Palette
	case ScreenMessage:
		return &k.Message
	case ScreenExport:
		return &k.Export
	case ScreenProfiles:
		return &k.Profiles
	case ScreenAttention:
		return &k.Attention
	case ScreenBulk:
		return &k.Bulk
	}
	return nil
}

// own returns pointers to the bindings a group defines itself, in field order.
func (k *KeyMap) own(s ScreenName) []*Binding {
	g := k.group(s)
	if g == nil {
		return nil
	}
	return bindingsOf(g)
}

// inherited returns pointers to the global bindings screen s answers to.
func (k *KeyMap) inherited(s ScreenName) []*Binding {
	var out []*Binding
	for _, b := range k.own(ScreenGlobal) {
		for _, a := range inherits[s] {
			if b.Action == a {
				out = append(out, b)
			}
		}
	}
	return out
}

// all returns a screen's own bindings followed by the globals it inherits,
// enabled or not.
func (k *KeyMap) all(s ScreenName) []*Binding {
	return append(k.own(s), k.inherited(s)...)
}

// Screen returns the enabled bindings of a screen followed by the enabled
// global ones it inherits; nil for an unknown screen. Search, customer,
// subscriptions, transferable, subscription and log inherit every global;
// edit and help inherit help, back and quit; palette back and quit;
// confirm only quit.
func (k KeyMap) Screen(s ScreenName) []Binding {
	var out []Binding
	for _, b := range k.all(s) {
		if b.Enabled() {
			out = append(out, *b)
		}
	}
	return out
}
