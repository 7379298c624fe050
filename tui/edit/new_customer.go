package edit

import (
	"context"
	"strings"

	"resold/client"
	"resold/tui/common"
	"resold/tui/form"
	"resold/tui/message"
)

// newCustomerKeys are the new customer form's fields after the domain and
// type, in order.
var newCustomerKeys = []struct{ key, label string }{
	{"alternate_email", "Alternate email"},
	{"admin_email", "Primary admin email"},
	{"contact", "Contact name"},
	{"organisation", "Organisation"},
	{"address_line1", "Address line 1"},
	{"locality", "City"},
	{"region", "Region"},
	{"postal_code", "Postal code"},
	{"country", "Country code"},
	{"phone", "Phone"},
}

// newCustomerSpec orders a customer account for a domain that has none
// (the lookup said the domain is available).
func newCustomerSpec(c common.Common, domain string) spec {
	fields := []form.Field{
		form.Text(c, "domain", "Domain", domain, "example.com (no www.)", 253),
		form.Choice("type", "Type", []form.Option{
			{Value: "domain", Label: "Domain customer", Help: "Domain-verified, with a full admin account (the usual case)."},
			{Value: "team", Label: "Team customer", Help: "Email-verified, no domain to verify; can only buy Workspace Essentials and Enterprise Essentials."},
		}, "domain"),
	}
	for _, k := range newCustomerKeys {
		f := form.Text(c, k.key, k.label, "", "", 300)
		switch k.key {
		case "alternate_email":
			f = f.WithHint("Required for a domain customer, outside its domain: Google writes there while the domain's mail is not set up.")
		case "admin_email":
			f = f.WithHint("Receives the link that verifies the team customer.")
		case "country":
			f = f.WithHint("2-letter ISO 3166 code: US, FR, VN…")
		case "phone":
			f = f.WithHint("Optional. Starts with + and the country code.")
		}
		fields = append(fields, f)
	}
	s := spec{
		kind: message.NewCustomer, title: "Order a new customer", question: "Order this customer account?", crumb: "new customer",
		done: "Customer created", method: "customers.insert", about: domain,
		intro: []string{"A new Google account for a domain that has none. Required: domain, contact, organisation, " +
			"postal code, country, and the alternate email (domain customers) or the admin's email (team customers)."},
		fields: fields,
	}
	s.adjust = func(f form.Model) form.Model {
		return f.SetHidden("admin_email", f.Value("type") != "team")
	}
	build := func(f form.Model) client.Customer {
		v := func(k string) string { return strings.TrimSpace(f.Value(k)) }
		return client.Customer{
			Domain: strings.ToLower(v("domain")), Type: v("type"), AlternateEmail: v("alternate_email"),
			PrimaryAdminEmail: v("admin_email"), Phone: v("phone"),
			Address: client.Address{ContactName: v("contact"), OrganizationName: v("organisation"), Line1: v("address_line1"),
				Locality: v("locality"), Region: v("region"), PostalCode: v("postal_code"), CountryCode: strings.ToUpper(v("country"))},
		}
	}
	s.check = func(f form.Model) []problem {
		cust := build(f)
		var out []problem
		if cust.Address.CountryCode != "" {
			out = append(out, invalid("country", client.ValidateCountryCode(cust.Address.CountryCode))...)
		}
		if cust.AlternateEmail != "" {
			out = append(out, invalid("alternate_email", client.ValidateAlternateEmail(cust.AlternateEmail, cust.Domain))...)
		}
		if err := client.ValidateCustomer(cust); err != nil {
			out = append(out, invalid(fieldOf(err, "domain"), err)...)
		}
		return out
	}
	s.changes = func(f form.Model) []change {
		var out []change
		add := func(key, label string) {
			if v := strings.TrimSpace(f.Value(key)); v != "" {
				out = append(out, change{key: key, label: label, after: v})
			}
		}
		add("domain", "Domain")
		add("type", "Type")
		for _, k := range newCustomerKeys {
			add(k.key, k.label)
		}
		return out
	}
	s.send = func(f form.Model) func(context.Context, common.API) (result, error) {
		cust := build(f)
		return func(ctx context.Context, api common.API) (result, error) {
			got, err := api.InsertCustomer(ctx, cust, "")
			if err != nil {
				return result{}, err
			}
			return result{cust: &got}, nil
		}
	}
	return s
}
