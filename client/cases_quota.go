package client

import (
	"fmt"
)

// Quota, server and network failures: the ones a retry can cure, and the
// ones where the answer was lost.

// Cases of this area. The values are stable: the audit log records them.
const (
	CaseDailyQuota     CaseID = "E13"
	CaseRateLimit403   CaseID = "RATE-403"
	CaseRateLimit      CaseID = "E19"
	CaseOverloaded     CaseID = "E20"
	CaseServerError    CaseID = "5XX"
	CaseNetwork        CaseID = "NET"
	CaseOutcomeUnknown CaseID = "NET-UNKNOWN"
	CaseTimeout        CaseID = "TIMEOUT"
)

var quotaCases = []entry{
	{
		g: Guidance{Case: CaseDailyQuota, Title: "The project's daily quota is spent",
			Cause:  "The Google Cloud project has used its Reseller API requests for the day (403 dailyLimitExceeded); the quota resets at midnight Pacific time. Retrying now only fails again.",
			Action: "Wait for the reset, or raise the quota in the Cloud console. To read many subscriptions, list them all without customerId, 100 per page with pageToken, as resold's pager does.",
			Link:   linkLimits},
		refs:  []string{"Q1", "Q2"},
		match: func(f *facts) bool { return f.code == 403 && f.reason == "dailyLimitExceeded" },
	},
	{
		g: Guidance{Case: CaseRateLimit403, Title: "Too many requests",
			Cause:     "Google limited the request rate (403 rate limit exceeded).",
			Action:    "resold backs off and retries on its own; if it keeps failing, wait a minute and make fewer calls (list 100 per page).",
			Retryable: true, Next: NextRetry, Link: linkLimits},
		refs:  []string{"Q1"},
		match: func(f *facts) bool { return f.code == 403 && rateLimitReasons[f.reason] },
	},
	{
		g: Guidance{Case: CaseRateLimit, Title: "Too many requests per second",
			Cause:     "Google limits queries per second (429 quotaExceeded). resold waited with exponential backoff and retried before giving up.",
			Action:    "Wait a minute and try again; make fewer calls: cache what you read and list 100 subscriptions per page.",
			Retryable: true, Next: NextRetry, Link: linkErrors},
		refs:  []string{"Q1", "Q2", "Q3"},
		match: func(f *facts) bool { return f.code == 429 },
		tailor: func(g *Guidance, f *facts) {
			if f.e != nil && f.e.Attempts > 1 {
				g.Cause = fmt.Sprintf("Google limits queries per second (429 quotaExceeded). resold tried %d times with exponential backoff.", f.e.Attempts)
			}
		},
	},
	{
		g: Guidance{Case: CaseOverloaded, Title: "The Reseller API is overloaded or over quota",
			Cause:     "Google answered 503: an API quota was exceeded or the service is briefly unavailable. resold retried with exponential backoff (about 5 s, then 10 s, …).",
			Action:    "Wait a few minutes and try again; if it persists, check the quota page of your Cloud project.",
			Retryable: true, Next: NextRetry, Link: linkLimits},
		refs:  []string{"Q1", "Q3", "Q4"},
		match: func(f *facts) bool { return f.code == 503 },
		tailor: func(g *Guidance, f *facts) {
			if f.e != nil && f.e.Attempts > 1 {
				g.Cause = fmt.Sprintf("Google answered 503 (quota exceeded or service briefly unavailable) %d times although resold backed off between tries.", f.e.Attempts)
			}
		},
	},
	{
		g: Guidance{Case: CaseServerError, Title: "Google's server failed",
			Cause:     "The API answered with a server error (5xx). For a change, it may or may not have been applied.",
			Action:    "Refresh to see the current state, then try again in a few minutes.",
			Retryable: true, Next: NextRetry, Link: linkErrors},
		match: func(f *facts) bool { return f.code >= 500 },
	},
	{
		g: Guidance{Case: CaseNetwork, Title: "Could not reach the Reseller API",
			Cause:     "The connection failed or broke before an answer came (network, proxy, DNS, or the endpoint is down). resold retried with backoff.",
			Action:    "Check the network and the endpoint, then try again.",
			Retryable: true, Next: NextRetry, Link: linkLimits},
	},
	{
		g: Guidance{Case: CaseOutcomeUnknown, Title: "No answer came: the change may have been applied",
			Cause:     "The request went out but the answer was lost, and resold could not re-read the state to check.",
			Action:    "Refresh the customer or subscription to see whether the change is there before trying again.",
			Retryable: true, Next: NextRetry, Link: linkSubs},
	},
	{
		g: Guidance{Case: CaseTimeout, Title: "The call timed out",
			Cause:     "No answer came in time.",
			Action:    "Try again; if it keeps timing out, check the network or the endpoint. For a change, refresh first to see whether it was applied.",
			Retryable: true, Next: NextRetry},
	},
}
