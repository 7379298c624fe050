package client

// Transfers that must move together, in one batch (transfer_set.go).

// Cases of this area.
const (
	CaseTransferTogether  CaseID = "TRANSFER-TOGETHER"
	CaseTransferSetFailed CaseID = "TRANSFER-SET-REFUSED"
	CaseBatchRefused      CaseID = "BATCH"
)

var batchCases = []entry{
	{
		g: Guidance{Case: CaseTransferTogether, Title: "These subscriptions move only together",
			Cause: "Google transfers a Google Workspace subscription only together with the customer's Google Drive storage and Google Vault subscriptions " +
				"(and the legacy Google-Apps-For-Postini, Google-Apps-Lite and Google-Vault-Former-Employee ones), in one batch request; on its own each transfer fails.",
			Action: "Transfer the whole set in one batch: T on the Workspace subscription selects it and sends one batch.",
			Next:   NextTransfer, Link: linkSubs + "#transfer_a_subscription"},
		refs: []string{"T2"},
		match: func(f *facts) bool {
			return f.is("subscriptions.insert") && f.code == 412 && f.has("together") && f.hasAny("batch", "transferred")
		},
	},
	{
		g: Guidance{Case: CaseTransferSetFailed, Title: "Not transferred: another subscription of the set was refused",
			Cause:  "The subscriptions that must move together move all or none: one of them was refused, so this one stayed where it was.",
			Action: "Fix what the refused subscription's own answer says, then transfer the whole set again.",
			Next:   NextTransfer, Link: linkSubs + "#transfer_a_subscription"},
		match: func(f *facts) bool {
			return f.is("subscriptions.insert") && f.code == 412 && f.has("set") && f.hasAny("refused", "none of them")
		},
	},
	{
		g: Guidance{Case: CaseBatchRefused, Title: "The batch request was refused",
			Cause:  "The API refused the batch as a whole (its format, size or authentication); none of its calls ran.",
			Action: "Read the code and message below; a batch holds 1 to 1000 calls of one API.",
			Link:   docs + "how-tos/batch"},
		match: func(f *facts) bool { return f.is("batch") && f.code == 400 },
	},
}
