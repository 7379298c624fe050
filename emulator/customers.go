package emulator

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

// customers.get, insert, update (PUT) and patch.

// customerInput is a Customer request body; pointers tell a field that was
// sent from one that was not (PATCH merges only what was sent).
type customerInput struct {
	CustomerID     *string       `json:"customerId"`
	CustomerDomain *string       `json:"customerDomain"`
	CustomerType   *string       `json:"customerType"`
	AlternateEmail *string       `json:"alternateEmail"`
	PhoneNumber    *string       `json:"phoneNumber"`
	PostalAddress  *addressInput `json:"postalAddress"`
	PrimaryAdmin   *struct {
		PrimaryEmail *string `json:"primaryEmail"`
	} `json:"primaryAdmin"`
}

type addressInput struct {
	ContactName      *string `json:"contactName"`
	OrganizationName *string `json:"organizationName"`
	AddressLine1     *string `json:"addressLine1"`
	AddressLine2     *string `json:"addressLine2"`
	AddressLine3     *string `json:"addressLine3"`
	Locality         *string `json:"locality"`
	Region           *string `json:"region"`
	PostalCode       *string `json:"postalCode"`
	CountryCode      *string `json:"countryCode"`
}

// merge returns a with the fields in sent over it.
func (in *addressInput) merge(a address) address {
	if in == nil {
		return a
	}
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = strings.TrimSpace(*v)
		}
	}
	set(&a.contactName, in.ContactName)
	set(&a.organizationName, in.OrganizationName)
	set(&a.addressLine1, in.AddressLine1)
	set(&a.addressLine2, in.AddressLine2)
	set(&a.addressLn3, in.AddressLine3)
	set(&a.locality, in.Locality)
	set(&a.region, in.Region)
	set(&a.postalCode, in.PostalCode)
	set(&a.country, in.CountryCode)
	a.country = strings.ToUpper(a.country)
	return a
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// resolve finds a customer by ID or by primary domain. A domain with team
// customers cannot name one of them (D2): only their IDs can.
func (st *store) resolve(idOrDomain string) (*customer, *apiError) {
	if c := st.customers[idOrDomain]; c != nil {
		return c, nil
	}
	list := st.byDomain[strings.ToLower(idOrDomain)]
	if len(list) == 0 {
		return nil, errNotFound(msgCustomerNotFound)
	}
	for _, c := range list {
		if c.team {
			return nil, errInvalid(msgMultipleTeams)
		}
	}
	return list[0], nil
}

// access reports why the caller may not manage c (E10), or nil.
func (c *customer) access() *apiError {
	switch {
	case c.revoked:
		return errForbidden(msgResellerAccessRevoked)
	case c.owner != ownedByUs:
		return errForbidden(msgNotYourCustomer)
	}
	return nil
}

// tokenValid reports whether tok is c's transfer token and younger than
// 30 days at now (E12).
func (c *customer) tokenValid(tok string, now int64) bool {
	if c.transferToken == "" || subtle.ConstantTimeCompare([]byte(tok), []byte(c.transferToken)) != 1 {
		return false
	}
	return now >= c.tokenCreated && now < c.tokenCreated+transferTokenDays*dayMS
}

// getCustomer serves reseller.customers.get: the full record for our
// customers, the minimal record for others'.
func (s *Server) getCustomer(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("customerId")
	s.serve(w, r, func(now int64, call *Call) (any, *apiError) {
		c, err := s.st.resolve(id)
		if err != nil {
			return nil, err
		}
		call.CustomerID = c.id
		switch {
		case c.revoked:
			return nil, errForbidden(msgResellerAccessRevoked)
		case c.owner != ownedByUs:
			return viewMinimalCustomer(c), nil
		}
		return viewCustomer(c), nil
	})
}

// insertCustomer serves reseller.customers.insert (D3).
func (s *Server) insertCustomer(w http.ResponseWriter, r *http.Request) {
	var in customerInput
	if err := decodeBody(r, &in); err != nil {
		writeError(w, err)
		return
	}
	token := r.URL.Query().Get("customerAuthToken")
	s.serve(w, r, func(now int64, call *Call) (any, *apiError) {
		domain := strings.ToLower(strings.TrimSpace(deref(in.CustomerDomain)))
		if domain == "" {
			return nil, errRequiredField("customerDomain")
		}
		if strings.HasPrefix(domain, "www.") {
			return nil, errInvalid(msgDomainWWW)
		}
		if !validDomain(domain) {
			return nil, errInvalid(msgDomainInvalid)
		}
		team := false
		switch deref(in.CustomerType) {
		case "", "domain", "customerTypeUnspecified":
		case "team":
			team = true
		default:
			return nil, errInvalid(msgCustomerTypeInvalid)
		}
		addr := in.PostalAddress.merge(address{})
		if err := validateAddress(addr); err != nil {
			return nil, err
		}
		alt := strings.TrimSpace(deref(in.AlternateEmail))
		if err := checkAlternateEmail(alt, domain, team); err != nil {
			return nil, err
		}
		var primary string
		if team {
			if in.PrimaryAdmin != nil {
				primary = strings.TrimSpace(deref(in.PrimaryAdmin.PrimaryEmail))
			}
			if primary == "" {
				return nil, errRequiredField("primaryAdmin.primaryEmail")
			}
			if emailDomain(primary) == "" {
				return nil, errInvalid(msgPrimaryEmailInvalid)
			}
		}
		phone := strings.TrimSpace(deref(in.PhoneNumber))
		if !validPhone(phone) {
			phone = "" // "silently ignored if invalid"
		}

		existing := s.st.byDomain[domain]
		if len(existing) > 0 && !(team && allTeams(existing)) {
			// The domain has a customer: only a transfer token lets a
			// reseller register it; otherwise 409 (D3).
			target := existing[0]
			if token == "" || target.team || target.owner == ownedByUs {
				return nil, errDuplicate(msgCustomerExists)
			}
			if !target.tokenValid(token, now) {
				return nil, errForbidden(msgTransferTokenInvalid)
			}
			target.owner, target.revoked = ownedByUs, false
			target.addr, target.alternateEmail = addr, alt
			if phone != "" {
				target.phone = phone
			}
			call.CustomerID, call.Applied = target.id, true
			return viewCustomer(target), nil
		}
		c := &customer{
			id:             s.st.newCustomerID(),
			domain:         domain,
			team:           team,
			owner:          ownedByUs,
			hasAdmin:       true,
			alternateEmail: alt,
			phone:          phone,
			primaryEmail:   primary,
			addr:           addr,
		}
		s.st.addCustomer(c)
		call.CustomerID, call.Applied = c.id, true
		return viewCustomer(c), nil
	})
}

func allTeams(list []*customer) bool {
	for _, c := range list {
		if !c.team {
			return false
		}
	}
	return true
}

// checkAlternateEmail applies the alternateEmail rules: required for domain
// customers, a valid address, and not on the customer's own domain (E4).
func checkAlternateEmail(alt, domain string, team bool) *apiError {
	if alt == "" {
		if team {
			return nil
		}
		return errRequiredField("alternateEmail")
	}
	d := emailDomain(alt)
	if d == "" {
		return errInvalid(msgAlternateEmailInvalid)
	}
	if onDomain(d, domain) {
		return errInvalid(msgAlternateEmailSameDomain)
	}
	return nil
}

// patchCustomer serves reseller.customers.patch: only the fields sent change.
func (s *Server) patchCustomer(w http.ResponseWriter, r *http.Request) {
	s.changeCustomer(w, r, true)
}

// updateCustomer serves reseller.customers.update: the mutable fields are
// replaced by the body's.
func (s *Server) updateCustomer(w http.ResponseWriter, r *http.Request) {
	s.changeCustomer(w, r, false)
}

func (s *Server) changeCustomer(w http.ResponseWriter, r *http.Request, patch bool) {
	id := r.PathValue("customerId")
	var in customerInput
	if err := decodeBody(r, &in); err != nil {
		writeError(w, err)
		return
	}
	s.serve(w, r, func(now int64, call *Call) (any, *apiError) {
		c, err := s.st.resolve(id)
		if err != nil {
			return nil, err
		}
		call.CustomerID = c.id
		if err := c.access(); err != nil {
			return nil, err
		}
		if t := deref(in.CustomerType); t != "" && t != c.customerType() {
			return nil, errInvalid(msgCustomerTypeImmutable)
		}
		if d := strings.ToLower(strings.TrimSpace(deref(in.CustomerDomain))); d != "" && d != c.domain {
			return nil, errInvalid(msgDomainImmutable)
		}
		alt, phone, addr := c.alternateEmail, c.phone, c.addr
		if patch {
			if in.AlternateEmail != nil {
				alt = strings.TrimSpace(*in.AlternateEmail)
			}
			addr = in.PostalAddress.merge(addr)
		} else {
			alt = strings.TrimSpace(deref(in.AlternateEmail))
			addr = in.PostalAddress.merge(address{})
		}
		// PUT replaces every mutable field: a phone number left out (or
		// sent empty) is cleared. An invalid one is ignored, never an
		// error, and never clears the one on file.
		p := strings.TrimSpace(deref(in.PhoneNumber))
		switch {
		case validPhone(p):
			phone = p
		case !patch && p == "":
			phone = ""
		}
		if err := validateAddress(addr); err != nil {
			return nil, err
		}
		if err := checkAlternateEmail(alt, c.domain, c.team); err != nil {
			return nil, err
		}
		call.Applied = alt != c.alternateEmail || phone != c.phone || addr != c.addr
		c.alternateEmail, c.phone, c.addr = alt, phone, addr
		return viewCustomer(c), nil
	})
}
