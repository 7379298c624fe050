package edit

import (
	"context"
	"errors"
	"strings"

	"resold/client"
	"resold/tui/common"
	"resold/tui/form"
	"resold/tui/message"
)

// customerSpec edits a customer's contact, organisation, address, phone
// and alternate email (customers.patch, only the fields changed).
func customerSpec(c common.Common, cust *client.Customer) (spec, *client.Guidance) {
	if cust == nil || cust.Minimal || cust.ID == "" {
		return spec{}, notApplicable("Only the customer's own reseller can edit it",
			"Google returned only the customer's ID, domain and type: Google or another reseller manages it.",
			"Transfer the customer to you first (its transferable subscriptions, with the customer's transfer token).")
	}
	cur := *cust
	fields := make([]form.Field, 0, len(customerKeys))
	for _, k := range customerKeys {
		v, _ := custValue(cur, k.key)
		f := form.Text(c, k.key, k.label, v, "", 300)
		switch k.key {
		case "country":
			f = f.WithHint("2-letter ISO 3166 code: US, FR, VN…")
		case "alternate_email":
			f = f.WithHint("Outside " + cur.Domain + ": Google writes there when the domain's mail does not work.")
		case "phone":
			f = f.WithHint("Starts with + and the country code; Google ignores an invalid number.")
		}
		fields = append(fields, f)
	}
	s := spec{
		kind: message.EditCustomer, title: "Edit the customer", question: "Change the customer's details?", crumb: "edit",
		done: "Customer updated", method: "customers.patch",
		cust: &cur, customerID: cur.ID, about: cur.Domain + " · " + cur.ID,
		intro:  []string{cur.Domain + " · " + cur.ID, "Domain and type cannot change through the API. Only the fields you change are sent."},
		fields: fields,
	}
	changed := func(f form.Model) (client.CustomerChanges, []change) {
		var ch client.CustomerChanges
		var out []change
		for _, k := range customerKeys {
			before, _ := custValue(cur, k.key)
			after := strings.TrimSpace(f.Value(k.key))
			if after == before {
				continue
			}
			setChange(&ch, k.key, after)
			out = append(out, change{key: k.key, label: k.label, before: before, after: after})
		}
		return ch, out
	}
	s.check = func(f form.Model) []problem {
		ch, cs := changed(f)
		var out []problem
		for _, cg := range cs {
			// One field at a time, so each gets its own inline error.
			var one client.CustomerChanges
			setChange(&one, cg.key, cg.after)
			out = append(out, invalid(cg.key, client.ValidateCustomerChanges(one, cur.Domain))...)
		}
		if len(out) == 0 && ch.Empty() {
			out = append(out, local("contact", "Nothing changed", "Change a field, or press esc to leave."))
		}
		return out
	}
	s.changes = func(f form.Model) []change {
		_, cs := changed(f)
		return cs
	}
	s.send = func(f form.Model) func(context.Context, common.API) (result, error) {
		ch, _ := changed(f)
		return func(ctx context.Context, api common.API) (result, error) {
			got, err := api.UpdateCustomer(ctx, cur.ID, ch)
			if err != nil {
				return result{}, err
			}
			return result{cust: &got}, nil
		}
	}
	return s, nil
}

// setChange sets the patch field for key to v.
func setChange(ch *client.CustomerChanges, key, v string) {
	p := &v
	switch key {
	case "contact":
		ch.ContactName = p
	case "organisation":
		ch.OrganizationName = p
	case "address_line1":
		ch.Line1 = p
	case "address_line2":
		ch.Line2 = p
	case "address_line3":
		ch.Line3 = p
	case "locality":
		ch.Locality = p
	case "region":
		ch.Region = p
	case "postal_code":
		ch.PostalCode = p
	case "country":
		ch.CountryCode = p
	case "phone":
		ch.Phone = p
	case "alternate_email":
		ch.AlternateEmail = p
	}
}

// apiFields maps the API's field names in validation errors to the form's
// keys.
var apiFields = map[string]string{
	"customerDomain":                 "domain",
	"customerType":                   "type",
	"alternateEmail":                 "alternate_email",
	"primaryAdmin.primaryEmail":      "admin_email",
	"phoneNumber":                    "phone",
	"postalAddress.contactName":      "contact",
	"postalAddress.organizationName": "organisation",
	"postalAddress.addressLine1":     "address_line1",
	"postalAddress.addressLine2":     "address_line2",
	"postalAddress.addressLine3":     "address_line3",
	"postalAddress.locality":         "locality",
	"postalAddress.region":           "region",
	"postalAddress.postalCode":       "postal_code",
	"postalAddress.countryCode":      "country",
	"countryCode":                    "country",
	"skuId":                          "sku",
	"plan":                           "plan",
	"seats":                          "seats",
	"purchaseOrderId":                "purchase_order",
	"dealCode":                       "deal_code",
	"renewalType":                    "renewal",
	"customerAuthToken":              "token",
}

// fieldOf is the form key a validation error is about, def when unknown.
func fieldOf(err error, def string) string {
	var ve *client.ValidationError
	if errors.As(err, &ve) {
		if k, ok := apiFields[ve.Field]; ok {
			return k
		}
	}
	return def
}
