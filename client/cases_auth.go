package client

// Authentication and access: credentials, domain-wide delegation, scopes,
// the Cloud project, and customers that are not yours.

// Cases of this area. The values are stable: the audit log records them.
const (
	CaseScope               CaseID = "SCOPE"
	CaseAPIDisabled         CaseID = "E14"
	CaseResellerAccessOff   CaseID = "A4"
	CaseNotYourCustomerList CaseID = "E11"
	CaseNoImpersonation     CaseID = "A2"
	CaseRolePrivilege       CaseID = "A7"
	CaseNotYourCustomer     CaseID = "E10"
	CaseNotResellerAdmin    CaseID = "A3"
	CaseUnauthenticated     CaseID = "E21"
	CaseReadOnly            CaseID = "READONLY"
	CaseNoCredentials       CaseID = "NOCREDS"
	CaseSetup               CaseID = "SETUP"
	CaseDelegation          CaseID = "A1"
	CaseToken               CaseID = "TOKEN"
)

var authCases = []entry{
	{
		g: Guidance{Case: CaseScope, Title: "The access token only allows reading",
			Cause:  "The token lacks the apps.order scope that every change needs: it was issued for apps.order.readonly, or the scope is missing from the domain-wide delegation entry.",
			Action: "Start resold without --read-only, and make sure the service account's client ID is allowed https://www.googleapis.com/auth/apps.order under domain-wide delegation.",
			Link:   linkAuthorize},
		match: func(f *facts) bool {
			return f.code == 403 && (f.reason == "ACCESS_TOKEN_SCOPE_INSUFFICIENT" || f.has("insufficient authentication scopes"))
		},
	},
	{
		g: Guidance{Case: CaseAPIDisabled, Title: "The Reseller API is not enabled in the Cloud project",
			Cause:  "The project that owns the credentials has not enabled the Google Workspace Reseller API (403 accessNotConfigured).",
			Action: "Enable the Reseller API for the project in the Google Cloud console (" + linkEnableAPI + "), wait a few minutes, then try again.",
			Link:   linkErrors},
		refs:  []string{"A6"},
		match: func(f *facts) bool { return f.code == 403 && f.reason == "accessNotConfigured" },
	},
	{
		g: Guidance{Case: CaseResellerAccessOff, Title: "The customer turned off reseller access",
			Cause:  "The customer's admin disabled reseller access (Admin console › Account settings › Account management › Reseller access), so you cannot manage it (403 forbidden).",
			Action: "Ask the customer's super admin to turn reseller access back on.",
			Link:   linkErrors},
		refs:  []string{"E10"},
		match: func(f *facts) bool { return f.code == 403 && f.has("reseller access") },
	},
	{
		g: Guidance{Case: CaseNotYourCustomerList, Title: "You do not manage this customer",
			Cause:  "Listing a customer's subscriptions needs the customer to be yours (403 forbidden).",
			Action: "Check the customer ID; to take the customer over, list its transferable subscriptions with its transfer token.",
			Next:   NextTransfer, Link: linkSubs},
		match: func(f *facts) bool { return f.code == 403 && f.is("subscriptions.list") && f.reason == "forbidden" },
	},
	{
		g: Guidance{Case: CaseNoImpersonation, Title: "The service account is not acting as a reseller admin",
			Cause:  "Google answers 403 \"Not Authorized to access this resource/api\" when a service account calls without impersonating an admin (no subject), or impersonates a user who is not an admin of the reseller domain.",
			Action: "Set --subject (RESOLD_SUBJECT) to a super admin or reseller admin of your reseller domain, and check the domain-wide delegation entry for the service account.",
			Link:   linkDwD},
		match: func(f *facts) bool { return f.code == 403 && f.has("not authorized to access this resource") },
	},
	{
		g: Guidance{Case: CaseRolePrivilege, Title: "Your admin role lacks a reseller privilege",
			Cause:  "A delegated admin can be refused some actions only: the role lacks the Partner Sales Console privileges (add, edit or transfer customers).",
			Action: "Ask a super admin of the reseller domain to extend the role, or impersonate a super admin.",
			Link:   linkAuthorize},
		match: func(f *facts) bool { return f.code == 403 && f.hasAny("permission", "privilege") },
	},
	{
		g: Guidance{Case: CaseNotYourCustomer, Title: "You do not manage this customer",
			Cause:  "The customer belongs to Google or another reseller, or has revoked your access (403 forbidden).",
			Action: "Check the customer ID with a lookup; if it is managed elsewhere, take it over with a transfer; if it is yours, ask the customer to restore reseller access.",
			Link:   linkErrors},
		refs:  []string{"A4"},
		match: func(f *facts) bool { return f.code == 403 },
	},
	{
		g: Guidance{Case: CaseNotResellerAdmin, Title: "Not signed in as an admin of the reseller domain",
			Cause:  "customers.insert was refused (401): the account or impersonated subject belongs to the customer's domain, not to your reseller domain, or the credentials are invalid.",
			Action: "Sign in as, or set --subject to, a super admin or reseller admin of the reseller domain.",
			Link:   linkAuthorize},
		match: func(f *facts) bool { return f.code == 401 && f.is("customers.insert") },
	},
	{
		g: Guidance{Case: CaseUnauthenticated, Title: "The request was not authenticated",
			Cause:  "The API refused the credentials (401): no token was sent, or the token is invalid, expired or revoked.",
			Action: "Check the credentials: --credentials with --subject for a service account, or RESOLD_TOKEN for a static token (emulator). A static token does not renew itself: get a fresh one.",
			Link:   linkAuthorize},
		match: func(f *facts) bool { return f.code == 401 },
	},
	{
		g: Guidance{Case: CaseReadOnly, Title: "Read-only mode: changes are disabled",
			Cause:  "resold was started with --read-only; it holds only the apps.order.readonly scope and sends no change.",
			Action: "Restart resold without --read-only to make changes."},
	},
	{
		g: Guidance{Case: CaseNoCredentials, Title: "No credentials",
			Cause:  "resold found no way to authenticate: no --credentials, no GOOGLE_APPLICATION_CREDENTIALS, no RESOLD_TOKEN and no Application Default Credentials.",
			Action: "Set --credentials (or GOOGLE_APPLICATION_CREDENTIALS) to a service-account key file and --subject (or RESOLD_SUBJECT) to the reseller admin to impersonate, or run resold --demo.",
			Link:   linkAuthorize},
	},
	{
		g: Guidance{Case: CaseSetup, Title: "The setup cannot be used", Link: linkAuthorize},
	},
	{
		g: Guidance{Case: CaseDelegation, Title: "The service account may not act for your admin",
			Cause:  "Google's token endpoint answered unauthorized_client: domain-wide delegation is not set up for this service account, the authorised scopes differ from the one requested (apps.order, or apps.order.readonly in read-only mode), or a recent change has not propagated yet.",
			Action: "In the Admin console of the reseller domain open Security › API controls › Domain-wide delegation: the client ID must be the service account's numeric ID and the scopes must include https://www.googleapis.com/auth/apps.order. Changes can take up to 24 h.",
			Link:   linkDwD},
	},
	{
		g: Guidance{Case: CaseToken, Title: "No access token could be obtained",
			Cause:  "The token endpoint refused the credentials: the key may have been deleted or disabled, the subject may not exist, or this machine's clock may be off.",
			Action: "Check the service account key still exists in the Cloud console, the subject is an existing admin, and the system clock is right.",
			Link:   linkAuthorize},
	},
}
