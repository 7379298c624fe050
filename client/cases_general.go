package client

// General refusals, tried last, and entries for what is not an API
// answer.

// Cases of this area. The values are stable: the audit log records them.
const (
	CasePlainText CaseID = "PLAIN-TEXT"
	CaseRequired  CaseID = "REQUIRED"
	CaseInvalid   CaseID = "INVALID"
	CaseCondition CaseID = "CONDITION"
	CaseConflict  CaseID = "CONFLICT"
	CaseCancelled CaseID = "CANCELLED"
	CaseUnknown   CaseID = "UNKNOWN"
)

var generalCases = []entry{
	{
		g: Guidance{Case: CasePlainText, Title: "Only plain text is allowed here",
			Cause:  "The field must not hold control characters, tabs, line breaks or invisible formatting characters.",
			Action: "Retype the value as plain text."},
	},
	{
		g: Guidance{Case: CaseRequired, Title: "A required field is missing",
			Cause:  "The API needs this field (400 required); the message names it.",
			Action: "Fill in the field and send again.", Link: linkErrors},
		match: func(f *facts) bool { return f.code == 400 && f.reason == "required" },
	},
	{
		g: Guidance{Case: CaseInvalid, Title: "The API refused a value",
			Cause:  "The request was refused as invalid (400); the API's message names the field.",
			Action: "Correct the field named in the message and send again.", Link: linkErrors},
		match: func(f *facts) bool { return f.code == 400 },
	},
	{
		g: Guidance{Case: CaseCondition, Title: "A precondition of this change is not met",
			Cause:  "The API refused the change in the subscription's current state (412 conditionNotMet); the message says which condition.",
			Action: "Refresh the subscription, resolve the condition named in the message, and try again.", Link: linkErrors},
		match: func(f *facts) bool { return f.code == 412 },
	},
	{
		g: Guidance{Case: CaseConflict, Title: "It already exists",
			Cause: "The API answered 409: what you tried to create already exists.", Action: "Refresh and change the existing item instead.", Link: linkErrors},
		match: func(f *facts) bool { return f.code == 409 },
	},
	{
		g: Guidance{Case: CaseCancelled, Title: "Cancelled",
			Cause:  "The call was cancelled before it finished (you navigated away or quit).",
			Action: "Nothing to do; for a change, refresh to see whether it was applied before the cancellation."},
	},
	{
		g: Guidance{Case: CaseUnknown, Title: "Unexpected error",
			Cause:  "This error is not in resold's catalogue.",
			Action: "Read the code, reason and message below; if the call was a change, refresh before retrying.",
			Link:   linkErrors},
	},
}

// AboutInput reports whether a refusal of case c is a typo: a value
// missing, not a number, not an address or a domain, control characters.
// Those are not change attempts and are not audited; a refusal by a rule
// of the API (an annual plan's seats, a trial's cap, a field's limit) is.
// "FORM" is the UI's own case for a value it cannot read.
func (c CaseID) AboutInput() bool {
	switch c {
	case "FORM", CaseRequired, CasePlainText, CaseEmail, CaseDomain, CaseSeatsMin, CaseLookup, CaseToken:
		return true
	}
	return false
}
