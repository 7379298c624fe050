package client

// Customers: orders and updates of customer records, and lookups by ID or
// domain.

// Cases of this area. The values are stable: the audit log records them.
const (
	CasePostalCode             CaseID = "E2"
	CaseCountryNotResold       CaseID = "E3"
	CaseCountryCode            CaseID = "COUNTRY"
	CaseAlternateEmailOnDomain CaseID = "E4"
	CaseDomainTaken            CaseID = "D3"
	CaseEmail                  CaseID = "EMAIL-INVALID"
	CaseDomain                 CaseID = "DOMAIN"
	CaseAddressLength          CaseID = "ADDRESS-LENGTH"
	CaseCustomerType           CaseID = "CUSTOMER-TYPE"
	CaseLookup                 CaseID = "LOOKUP"
	CaseManagedElsewhere       CaseID = "C1"
	CaseTeamsShareDomain       CaseID = "D2"
	CaseEmailVerifiedDomain    CaseID = "C4"
	CaseUnknownCustomerID      CaseID = "C5"
	CaseNoAccount              CaseID = "E15"
)

var customerCases = []entry{
	{
		g: Guidance{Case: CasePostalCode, Title: "The postal code is not valid",
			Cause:  "Google checks postalAddress.postalCode against the country (400 invalid).",
			Action: "Fix the postal code so that it matches the country's format, then send again.",
			Link:   linkErrors},
		match: func(f *facts) bool { return f.invalid400() && isCustomerMethod(f.method) && f.has("postalcode") },
	},
	{
		g: Guidance{Case: CaseCountryNotResold, Title: "Google Workspace cannot be resold in this country",
			Cause:  "postalAddress.countryCode is not a country you may resell Google Workspace to (400 invalid).",
			Action: "Check the country code; if it is right, this customer cannot be served through the reseller channel (see the Partner Sales Console's country list).",
			Link:   linkErrors},
		match: func(f *facts) bool {
			return f.invalid400() && isCustomerMethod(f.method) && f.has("country") && f.hasAny("resold", "resell")
		},
	},
	{
		g: Guidance{Case: CaseCountryCode, Title: "The country code is not a 2-letter ISO code",
			Cause:  "postalAddress.countryCode must be an ISO 3166-1 alpha-2 code such as US, FR or VN.",
			Action: "Enter the 2-letter code of the customer's country.",
			Link:   linkCustomers},
		match: func(f *facts) bool { return f.invalid400() && isCustomerMethod(f.method) && f.has("countrycode") },
	},
	{
		g: Guidance{Case: CaseAlternateEmailOnDomain, Title: "The alternate email is on the customer's own domain",
			Cause:  "alternateEmail must be outside the customer's domain: it is how Google reaches the admin when the domain's mail does not work yet (400 invalid).",
			Action: "Use an address on another domain (for example the admin's personal or your company's address).",
			Link:   linkErrors},
		match: func(f *facts) bool { return f.invalid400() && f.has("alternateemail") && f.hasAny("domain") },
	},
	{
		g: Guidance{Case: CaseDomainTaken, Title: "A Google account already exists for this domain",
			Cause:  "The domain already has a Google Workspace or Cloud Identity account, direct or with another reseller, so a new customer cannot be ordered for it (409).",
			Action: "Switch to the transfer flow: ask the customer for a transfer token, list its transferable subscriptions and transfer them.",
			Next:   NextTransfer, Link: linkCustomers},
		refs: []string{"C8"},
		match: func(f *facts) bool {
			return f.is("customers.insert") && (f.code == 409 || f.has("already exists"))
		},
	},
	{
		g: Guidance{Case: CaseEmail, Title: "Not a valid email address",
			Cause:  "The address must be a plain address such as admin@example.net.",
			Action: "Correct the address.", Link: linkCustomers},
		match: func(f *facts) bool { return f.invalid400() && f.hasAny("alternateemail", "primaryemail") },
	},
	{
		g: Guidance{Case: CaseDomain, Title: "Not a valid customer domain",
			Cause:  "customerDomain is the customer's primary domain, such as example.com, without www.",
			Action: "Enter the domain without www., http:// or a path.", Link: linkCustomers},
		match: func(f *facts) bool { return f.invalid400() && f.has("customerdomain") },
	},
	{
		g: Guidance{Case: CaseAddressLength, Title: "An address field is too long",
			Cause: "Each postal address field holds at most 255 characters.", Action: "Shorten the field.", Link: linkCustomers},
		match: func(f *facts) bool { return f.invalid400() && f.has("255") },
	},
	{
		g: Guidance{Case: CaseCustomerType, Title: "The customer type cannot change",
			Cause:  "customerType is domain or team and cannot be updated through the API; a team customer becomes a domain customer by verifying its domain.",
			Action: "Leave the customer type as it is.", Link: linkLookup},
		match: func(f *facts) bool { return f.invalid400() && f.has("customertype") },
	},
	{
		// Refused locally (ValidateLookup), before a customers.get that
		// could only answer 404 and look like an available domain.
		g: Guidance{Case: CaseLookup, Title: "Not a customer ID or a domain",
			Cause:  "A lookup takes a customer ID, C followed by letters and digits (C0123abcd), or the customer's primary domain (example.com): letters, digits and hyphens between dots, in any case.",
			Action: "Enter the customer ID or the primary domain, without www., http://, a path or an email address.",
			Link:   linkLookup},
	},
	{
		g: Guidance{Case: CaseManagedElsewhere, Title: "Managed by Google or another reseller",
			Cause:  "The lookup returned only the customer's ID, domain and type: the customer exists, but Google (direct) or another reseller manages it. No new account can be made for it.",
			Action: "Ask the customer's admin for a transfer token, list its transferable subscriptions (whether each can move, and the minimum seats), then transfer them.",
			Next:   NextTransfer, Link: linkLookup},
		refs: []string{"C2"},
	},
	{
		g: Guidance{Case: CaseTeamsShareDomain, Title: "Several team customers share this domain",
			Cause:  "The domain has one or more team (email-verified) customers, so the domain does not name one customer.",
			Action: "Look the customer up by its customer ID (C0…). To add another team, order a new customer; for a domain-verified customer, the customer buys direct from Google, verifies the domain, takes over the teams, then transfers to you.",
			Next:   NextLookupByID, Link: linkLookup},
		refs:  []string{"C3"},
		match: func(f *facts) bool { return f.has("multiple teams exist") },
	},
	{
		g: Guidance{Case: CaseEmailVerifiedDomain, Title: "This domain is linked to email-verified customers",
			Cause:  "Google answers \"Customer domain … is linked to one or more email verified customers\": the domain does not name one customer.",
			Action: "Retry with the customer's ID (C0…) instead of its domain.",
			Next:   NextLookupByID, Link: linkLookup},
		match: func(f *facts) bool { return f.has("email verified customers") },
	},
	{
		g: Guidance{Case: CaseUnknownCustomerID, Title: "No customer has this ID",
			Cause:  "Google knows no customer with this ID. Your records may hold a stale ID: a deleted account that was restored gets a new customer ID but may keep its domain.",
			Action: "Look the customer up by its domain to find its current ID, then update your records; if the domain is unknown too, order a new customer.",
			Next:   NextCreateCustomer, Link: linkLookup},
		match: func(f *facts) bool {
			return f.code == 404 && (f.is("customers.get") || f.has("customer")) && looksLikeID(f.customerID())
		},
	},
	{
		g: Guidance{Case: CaseNoAccount, Title: "No Google account exists for this customer",
			Cause:  "The domain or ID is new to Google (404): the domain is available.",
			Action: "Check your records do not hold a stale customer, then order a new customer (customers.insert) and create its subscriptions.",
			Next:   NextCreateCustomer, Link: linkLookup},
		refs:  []string{"C5"},
		match: func(f *facts) bool { return f.code == 404 && (f.is("customers.get") || f.has("customer")) },
	},
}
