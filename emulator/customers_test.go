package emulator_test

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	reseller "google.golang.org/api/reseller/v1"

	"resold/emulator"
)

// TestCustomersGet covers the four answers of customers.get plus
// revoked access.
func TestCustomersGet(t *testing.T) {
	e := fixtures(t)
	cases := []struct {
		name, id       string
		code           int
		reason, msg    string
		wantID, wantTy string
		full           bool
	}{
		{"ours by ID", emulator.IDAcmeAnnual, 200, "", "", emulator.IDAcmeAnnual, "domain", true},
		{"ours by domain", emulator.DomainAcmeAnnual, 200, "", "", emulator.IDAcmeAnnual, "domain", true},
		{"domain is case-insensitive", "ACME-Annual.EXAMPLE", 200, "", "", emulator.IDAcmeAnnual, "domain", true},
		{"another reseller's: minimal", emulator.DomainOtherReseller, 200, "", "", emulator.IDOtherReseller, "domain", false},
		{"direct Google customer: minimal", emulator.DomainTransfer, 200, "", "", emulator.IDTransfer, "domain", false},
		{"team customer by ID", emulator.IDTeam1, 200, "", "", emulator.IDTeam1, "team", true},
		{"second team by ID", emulator.IDTeam2, 200, "", "", emulator.IDTeam2, "team", true},
		{"teams domain", emulator.DomainTeams, 400, "invalid", "Multiple teams exist on this domain", "", "", false},
		{"revoked reseller access", emulator.DomainRevoked, 403, "forbidden",
			"Forbidden: the customer has turned off reseller access in the Admin console.", "", "", false},
		{"available domain", "nobody-has-this.example", 404, "notFound", "Resource not found: customer", "", "", false},
		{"unknown ID", "C0missing", 404, "notFound", "Resource not found: customer", "", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := e.svc.Customers.Get(tc.id).Do()
			if tc.code != 200 {
				wantErr(t, err, tc.code, tc.reason, tc.msg)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.CustomerId != tc.wantID || c.CustomerType != tc.wantTy || c.Kind != "reseller#customer" {
				t.Errorf("got %s %s %s", c.CustomerId, c.CustomerType, c.Kind)
			}
			if tc.full != (c.PostalAddress != nil && c.ResourceUiUrl != "") {
				t.Errorf("full record = %v, want %v", c.PostalAddress != nil, tc.full)
			}
			if c.CustomerType == "team" && (c.PrimaryAdmin == nil || !strings.HasSuffix(c.PrimaryAdmin.PrimaryEmail, "@teams.example")) {
				t.Errorf("team customer without primaryAdmin: %+v", c.PrimaryAdmin)
			}
		})
	}

	// The minimal record has exactly the four documented fields.
	code, body := raw(t, "GET", e.ts.URL+v1+"customers/"+emulator.DomainOtherReseller, "", "tok")
	var m map[string]any
	if err := json.Unmarshal(body, &m); code != 200 || err != nil {
		t.Fatalf("%d %v", code, err)
	}
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if got := strings.Join(keys, ","); got != "customerDomain,customerId,customerType,kind" {
		t.Errorf("minimal record fields = %s", got)
	}
}

// validCustomer is a customers.insert body that passes every rule.
func validCustomer(domain string) *reseller.Customer {
	return &reseller.Customer{
		CustomerDomain: domain,
		AlternateEmail: "it@partner-mail.example",
		PhoneNumber:    "+1 650-253-0000",
		PostalAddress: &reseller.Address{
			ContactName: "Alex Cruz", OrganizationName: "Example Org", AddressLine1: "1600 Amphitheatre Pkwy",
			Locality: "Mountain View", Region: "CA", PostalCode: "94043", CountryCode: "US",
		},
	}
}

// TestCustomersInsert covers every customers.insert rule (E2–E4, D3).
func TestCustomersInsert(t *testing.T) {
	long := strings.Repeat("x", 256)
	cases := []struct {
		name   string
		edit   func(c *reseller.Customer)
		token  string
		code   int
		reason string
		msg    string
	}{
		{"valid", func(c *reseller.Customer) {}, "", 200, "", ""},
		{"customer of ours exists (D3)", func(c *reseller.Customer) { c.CustomerDomain = emulator.DomainAcmeAnnual }, "", 409, "duplicate",
			"The customer already exists: transfer its subscriptions before registering it."},
		{"direct customer without token", func(c *reseller.Customer) { c.CustomerDomain = emulator.DomainTransfer }, "", 409, "duplicate", ""},
		{"domain customer on a teams domain", func(c *reseller.Customer) { c.CustomerDomain = emulator.DomainTeams }, "", 409, "duplicate", ""},
		{"missing domain", func(c *reseller.Customer) { c.CustomerDomain = "" }, "", 400, "required", "Required field: customerDomain"},
		{"www prefix", func(c *reseller.Customer) { c.CustomerDomain = "www.shop.example" }, "", 400, "invalid",
			"Invalid value for customerDomain: do not include the www prefix."},
		{"not a domain", func(c *reseller.Customer) { c.CustomerDomain = "no spaces.example" }, "", 400, "invalid", "Invalid value for customerDomain."},
		{"bad customerType", func(c *reseller.Customer) { c.CustomerType = "enterprise" }, "", 400, "invalid", "Invalid value for customerType: use domain or team."},
		{"alternateEmail on the domain (E4)", func(c *reseller.Customer) { c.AlternateEmail = "boss@new.example" }, "", 400, "invalid",
			"alternateEmail must not be on the customer's domain."},
		{"alternateEmail on a subdomain (E4)", func(c *reseller.Customer) { c.AlternateEmail = "boss@mail.new.example" }, "", 400, "invalid",
			"alternateEmail must not be on the customer's domain."},
		{"alternateEmail missing", func(c *reseller.Customer) { c.AlternateEmail = "" }, "", 400, "required", "Required field: alternateEmail"},
		{"alternateEmail malformed", func(c *reseller.Customer) { c.AlternateEmail = "not-an-address" }, "", 400, "invalid", "Invalid value for alternateEmail."},
		{"postal code (E2)", func(c *reseller.Customer) { c.PostalAddress.PostalCode = "ABCDE" }, "", 400, "invalid",
			"Invalid value for postalAddress.postalCode for this country."},
		{"postal code for GB", func(c *reseller.Customer) { c.PostalAddress.CountryCode, c.PostalAddress.PostalCode = "GB", "94043" }, "", 400, "invalid",
			"Invalid value for postalAddress.postalCode for this country."},
		{"valid GB postcode", func(c *reseller.Customer) { c.PostalAddress.CountryCode, c.PostalAddress.PostalCode = "GB", "SW1A 1AA" }, "", 200, "", ""},
		{"country not resellable (E3)", func(c *reseller.Customer) { c.PostalAddress.CountryCode, c.PostalAddress.PostalCode = "KP", "12345" }, "", 400, "invalid",
			"Google Workspace can't be resold in this country (postalAddress.countryCode)."},
		{"unknown country", func(c *reseller.Customer) { c.PostalAddress.CountryCode = "USA" }, "", 400, "invalid",
			"Invalid value for postalAddress.countryCode: use a 2-letter ISO 3166 code."},
		{"address field over 255", func(c *reseller.Customer) { c.PostalAddress.AddressLine2 = long }, "", 400, "invalid",
			"postalAddress fields are limited to 255 characters."},
		{"missing contactName", func(c *reseller.Customer) { c.PostalAddress.ContactName = "" }, "", 400, "required", "Required field: postalAddress.contactName"},
		{"missing organizationName", func(c *reseller.Customer) { c.PostalAddress.OrganizationName = "" }, "", 400, "required", "Required field: postalAddress.organizationName"},
		{"missing countryCode", func(c *reseller.Customer) { c.PostalAddress.CountryCode = "" }, "", 400, "required", "Required field: postalAddress.countryCode"},
		{"missing postalCode", func(c *reseller.Customer) { c.PostalAddress.PostalCode = "" }, "", 400, "required", "Required field: postalAddress.postalCode"},
		{"missing address", func(c *reseller.Customer) { c.PostalAddress = nil }, "", 400, "required", "Required field: postalAddress.contactName"},
		{"team without primary admin", func(c *reseller.Customer) { c.CustomerType, c.AlternateEmail = "team", "" }, "", 400, "required",
			"Required field: primaryAdmin.primaryEmail"},
		{"team needs no alternateEmail", func(c *reseller.Customer) {
			c.CustomerType, c.AlternateEmail = "team", ""
			c.PrimaryAdmin = &reseller.PrimaryAdmin{PrimaryEmail: "owner@new.example"}
		}, "", 200, "", ""},
		{"another team on a teams domain", func(c *reseller.Customer) {
			c.CustomerDomain, c.CustomerType = emulator.DomainTeams, "team"
			c.PrimaryAdmin = &reseller.PrimaryAdmin{PrimaryEmail: "cleo@teams.example"}
		}, "", 200, "", ""},
		{"direct customer with its transfer token", func(c *reseller.Customer) { c.CustomerDomain = emulator.DomainTransfer }, emulator.TransferToken, 200, "", ""},
		{"direct customer with a wrong token", func(c *reseller.Customer) { c.CustomerDomain = emulator.DomainTransfer }, "abad1dea", 403, "forbidden",
			"Forbidden: the customerAuthToken is invalid or has expired (transfer tokens are valid for 30 days)."},
		{"expired transfer token", func(c *reseller.Customer) { c.CustomerDomain = emulator.DomainExpiredToken }, emulator.ExpiredTransferToken, 403, "forbidden", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := fixtures(t)
			in := validCustomer("new.example")
			tc.edit(in)
			call := e.svc.Customers.Insert(in)
			if tc.token != "" {
				call.CustomerAuthToken(tc.token)
			}
			got, err := call.Do()
			if tc.code != 200 {
				wantErr(t, err, tc.code, tc.reason, tc.msg)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.CustomerDomain != strings.ToLower(in.CustomerDomain) || got.CustomerId == "" || got.Kind != "reseller#customer" ||
				got.PostalAddress == nil || got.PostalAddress.Kind != "customers#address" {
				t.Errorf("inserted customer = %+v", got)
			}
			again, err := e.svc.Customers.Get(got.CustomerId).Do()
			if err != nil || again.CustomerDomain != got.CustomerDomain || again.PostalAddress == nil {
				t.Errorf("get after insert: %+v %v", again, err)
			}
		})
	}
}

// TestCustomersInsertPhone: an invalid phone number is dropped silently.
func TestCustomersInsertPhone(t *testing.T) {
	cases := []struct{ name, phone, want string }{
		{"valid", "+44 20 7031 3000", "+44 20 7031 3000"},
		{"no plus", "020 7031 3000", ""},
		{"too short", "+123", ""},
		{"letters", "+1 CALL-NOW", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := fixtures(t)
			in := validCustomer("phone.example")
			in.PhoneNumber = tc.phone
			got, err := e.svc.Customers.Insert(in).Do()
			if err != nil {
				t.Fatal(err)
			}
			if got.PhoneNumber != tc.want {
				t.Errorf("phoneNumber = %q, want %q", got.PhoneNumber, tc.want)
			}
		})
	}
}

// TestCustomersUpdatePatch covers PUT (replace) and PATCH (merge).
func TestCustomersUpdatePatch(t *testing.T) {
	type result struct {
		code        int
		reason, msg string
	}
	cases := []struct {
		name  string
		patch bool
		id    string
		body  *reseller.Customer
		want  result
		check func(t *testing.T, c *reseller.Customer)
	}{
		{"patch alternateEmail keeps the address", true, emulator.IDAcmeAnnual,
			&reseller.Customer{AlternateEmail: "new-contact@acme-holdings.example"}, result{code: 200},
			func(t *testing.T, c *reseller.Customer) {
				if c.AlternateEmail != "new-contact@acme-holdings.example" || c.PostalAddress.PostalCode != "94043" {
					t.Errorf("got %s %s", c.AlternateEmail, c.PostalAddress.PostalCode)
				}
			}},
		{"patch one address field merges", true, emulator.IDAcmeAnnual,
			&reseller.Customer{PostalAddress: &reseller.Address{Locality: "Sunnyvale"}}, result{code: 200},
			func(t *testing.T, c *reseller.Customer) {
				if c.PostalAddress.Locality != "Sunnyvale" || c.PostalAddress.AddressLine1 == "" {
					t.Errorf("address = %+v", c.PostalAddress)
				}
			}},
		{"put replaces the address", false, emulator.IDAcmeAnnual,
			&reseller.Customer{CustomerDomain: emulator.DomainAcmeAnnual, AlternateEmail: "x@acme-holdings.example",
				PostalAddress: &reseller.Address{ContactName: "Kim", OrganizationName: "Acme", PostalCode: "10001", CountryCode: "us"}},
			result{code: 200},
			func(t *testing.T, c *reseller.Customer) {
				if c.PostalAddress.AddressLine1 != "" || c.PostalAddress.CountryCode != "US" || c.PostalAddress.ContactName != "Kim" {
					t.Errorf("address = %+v", c.PostalAddress)
				}
			}},
		{"put without phoneNumber clears it", false, emulator.IDAcmeAnnual,
			&reseller.Customer{AlternateEmail: "x@acme-holdings.example",
				PostalAddress: &reseller.Address{ContactName: "Kim", OrganizationName: "Acme", PostalCode: "10001", CountryCode: "US"}},
			result{code: 200},
			func(t *testing.T, c *reseller.Customer) {
				if c.PhoneNumber != "" {
					t.Errorf("phone = %q, want it cleared", c.PhoneNumber)
				}
			}},
		{"put with phoneNumber replaces it", false, emulator.IDAcmeAnnual,
			&reseller.Customer{AlternateEmail: "x@acme-holdings.example", PhoneNumber: "+33 1 42 68 53 00",
				PostalAddress: &reseller.Address{ContactName: "Kim", OrganizationName: "Acme", PostalCode: "10001", CountryCode: "US"}},
			result{code: 200},
			func(t *testing.T, c *reseller.Customer) {
				if c.PhoneNumber != "+33 1 42 68 53 00" {
					t.Errorf("phone = %q", c.PhoneNumber)
				}
			}},
		{"put with an invalid phoneNumber keeps the old one", false, emulator.IDAcmeAnnual,
			&reseller.Customer{AlternateEmail: "x@acme-holdings.example", PhoneNumber: "123",
				PostalAddress: &reseller.Address{ContactName: "Kim", OrganizationName: "Acme", PostalCode: "10001", CountryCode: "US"}},
			result{code: 200},
			func(t *testing.T, c *reseller.Customer) {
				if c.PhoneNumber != "+1 650-555-0100" {
					t.Errorf("phone = %q, want the old one", c.PhoneNumber)
				}
			}},
		{"patch without phoneNumber keeps it", true, emulator.IDAcmeAnnual,
			&reseller.Customer{AlternateEmail: "x@acme-holdings.example"}, result{code: 200},
			func(t *testing.T, c *reseller.Customer) {
				if c.PhoneNumber != "+1 650-555-0100" {
					t.Errorf("phone = %q, want the old one", c.PhoneNumber)
				}
			}},
		{"put without alternateEmail", false, emulator.IDAcmeAnnual,
			&reseller.Customer{PostalAddress: &reseller.Address{ContactName: "Kim", OrganizationName: "Acme", PostalCode: "10001", CountryCode: "US"}},
			result{400, "required", "Required field: alternateEmail"}, nil},
		{"put without address", false, emulator.IDAcmeAnnual,
			&reseller.Customer{AlternateEmail: "x@acme-holdings.example"},
			result{400, "required", "Required field: postalAddress.contactName"}, nil},
		{"customerType is immutable", true, emulator.IDAcmeAnnual, &reseller.Customer{CustomerType: "team"},
			result{400, "invalid", "You cannot update customerType"}, nil},
		{"same customerType is fine", true, emulator.IDAcmeAnnual, &reseller.Customer{CustomerType: "domain"}, result{code: 200}, nil},
		{"customerDomain can't change", true, emulator.IDAcmeAnnual, &reseller.Customer{CustomerDomain: "acme2.example"},
			result{400, "invalid", "customerDomain can't be changed through the Reseller API."}, nil},
		{"postal code checked (E2)", true, emulator.IDAcmeAnnual, &reseller.Customer{PostalAddress: &reseller.Address{PostalCode: "9404"}},
			result{400, "invalid", "Invalid value for postalAddress.postalCode for this country."}, nil},
		{"country checked (E3)", true, emulator.IDAcmeAnnual, &reseller.Customer{PostalAddress: &reseller.Address{CountryCode: "IR", PostalCode: "12345"}},
			result{400, "invalid", "Google Workspace can't be resold in this country (postalAddress.countryCode)."}, nil},
		{"alternateEmail on the domain (E4)", true, emulator.IDAcmeAnnual, &reseller.Customer{AlternateEmail: "a@acme-annual.example"},
			result{400, "invalid", "alternateEmail must not be on the customer's domain."}, nil},
		{"field over 255", true, emulator.IDAcmeAnnual, &reseller.Customer{PostalAddress: &reseller.Address{Region: strings.Repeat("r", 300)}},
			result{400, "invalid", "postalAddress fields are limited to 255 characters."}, nil},
		{"invalid phone ignored", true, emulator.IDAcmeAnnual, &reseller.Customer{PhoneNumber: "123"}, result{code: 200},
			func(t *testing.T, c *reseller.Customer) {
				if c.PhoneNumber != "+1 650-555-0100" {
					t.Errorf("phone = %q, want the old one", c.PhoneNumber)
				}
			}},
		{"valid phone set", true, emulator.IDAcmeAnnual, &reseller.Customer{PhoneNumber: "+33 1 42 68 53 00"}, result{code: 200},
			func(t *testing.T, c *reseller.Customer) {
				if c.PhoneNumber != "+33 1 42 68 53 00" {
					t.Errorf("phone = %q", c.PhoneNumber)
				}
			}},
		{"team customer by ID", true, emulator.IDTeam2, &reseller.Customer{PostalAddress: &reseller.Address{Locality: "Evanston"}}, result{code: 200}, nil},
		{"teams domain", true, emulator.DomainTeams, &reseller.Customer{}, result{400, "invalid", "Multiple teams exist on this domain"}, nil},
		{"another reseller's customer", true, emulator.IDOtherReseller, &reseller.Customer{}, result{403, "forbidden",
			"Forbidden: this customer is not managed by your reseller account."}, nil},
		{"revoked access", false, emulator.IDRevoked, validCustomer(emulator.DomainRevoked), result{403, "forbidden", ""}, nil},
		{"unknown customer", true, "gone.example", &reseller.Customer{}, result{404, "notFound", ""}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := fixtures(t)
			var got *reseller.Customer
			var err error
			if tc.patch {
				got, err = e.svc.Customers.Patch(tc.id, tc.body).Do()
			} else {
				got, err = e.svc.Customers.Update(tc.id, tc.body).Do()
			}
			if tc.want.code != 200 {
				wantErr(t, err, tc.want.code, tc.want.reason, tc.want.msg)
				before, _ := e.svc.Customers.Get(emulator.IDAcmeAnnual).Do()
				if before != nil && before.PostalAddress.PostalCode != "94043" {
					t.Error("a refused update changed the customer")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.check != nil {
				tc.check(t, got)
				again, err := e.svc.Customers.Get(tc.id).Do()
				if err != nil {
					t.Fatal(err)
				}
				tc.check(t, again)
			}
		})
	}
}
