package emulator

import (
	"net/mail"
	"regexp"
	"strings"
)

// Field validation for customers (E2–E4).

const maxAddressField = 255

// isoCountries holds every ISO 3166-1 alpha-2 code.
var isoCountries = func() map[string]bool {
	const codes = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
		"CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
		"GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
		"KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
		"MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
		"SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
		"UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
	m := map[string]bool{}
	for _, c := range strings.Fields(codes) {
		m[c] = true
	}
	return m
}()

// notResellable are countries where Google Workspace can't be resold
// (sanctioned destinations, plus Antarctica and Bouvet Island, which have
// no resellers) — E3.
var notResellable = map[string]bool{"CU": true, "IR": true, "KP": true, "SY": true, "AQ": true, "BV": true}

// postalPatterns are the postal code formats checked per country (E2);
// other countries get a generic shape check.
var postalPatterns = map[string]*regexp.Regexp{
	"US": regexp.MustCompile(`^\d{5}(-\d{4})?$`),
	"CA": regexp.MustCompile(`^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$`),
	"GB": regexp.MustCompile(`^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$`),
	"DE": regexp.MustCompile(`^\d{5}$`),
	"FR": regexp.MustCompile(`^\d{5}$`),
	"ES": regexp.MustCompile(`^\d{5}$`),
	"IT": regexp.MustCompile(`^\d{5}$`),
	"MX": regexp.MustCompile(`^\d{5}$`),
	"NL": regexp.MustCompile(`^\d{4} ?[A-Za-z]{2}$`),
	"AU": regexp.MustCompile(`^\d{4}$`),
	"NZ": regexp.MustCompile(`^\d{4}$`),
	"BE": regexp.MustCompile(`^\d{4}$`),
	"CH": regexp.MustCompile(`^\d{4}$`),
	"AT": regexp.MustCompile(`^\d{4}$`),
	"DK": regexp.MustCompile(`^\d{4}$`),
	"NO": regexp.MustCompile(`^\d{4}$`),
	"SE": regexp.MustCompile(`^\d{3} ?\d{2}$`),
	"PL": regexp.MustCompile(`^\d{2}-\d{3}$`),
	"PT": regexp.MustCompile(`^\d{4}-\d{3}$`),
	"JP": regexp.MustCompile(`^\d{3}-?\d{4}$`),
	"IN": regexp.MustCompile(`^\d{6}$`),
	"SG": regexp.MustCompile(`^\d{6}$`),
	"BR": regexp.MustCompile(`^\d{5}-?\d{3}$`),
	"IE": regexp.MustCompile(`^[A-Za-z\d]{3} ?[A-Za-z\d]{4}$`),
}

var (
	genericPostal = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$`)
	domainLabel   = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
	phoneShape    = regexp.MustCompile(`^\+[1-9][0-9 ().-]{5,24}$`)
)

// validPostalCode reports whether code fits country's format.
func validPostalCode(country, code string) bool {
	if re, ok := postalPatterns[country]; ok {
		return re.MatchString(code)
	}
	return genericPostal.MatchString(code)
}

// validDomain reports whether d (lower case) is a plausible DNS name with
// at least two labels.
func validDomain(d string) bool {
	if len(d) > 253 || !strings.Contains(d, ".") {
		return false
	}
	for _, l := range strings.Split(d, ".") {
		if !domainLabel.MatchString(l) {
			return false
		}
	}
	return true
}

// emailDomain returns the lower-case domain of a bare address, or "" if
// the address is not valid.
func emailDomain(addr string) string {
	a, err := mail.ParseAddress(addr)
	if err != nil || a.Address != addr || a.Name != "" {
		return ""
	}
	at := strings.LastIndexByte(addr, '@')
	d := strings.ToLower(addr[at+1:])
	if !validDomain(d) {
		return ""
	}
	return d
}

// onDomain reports whether emailDom is domain or one of its subdomains.
func onDomain(emailDom, domain string) bool {
	return emailDom == domain || strings.HasSuffix(emailDom, "."+domain)
}

// validPhone reports whether p starts with + and a country code and has
// enough digits to be a real number; invalid numbers are dropped silently.
func validPhone(p string) bool {
	if !phoneShape.MatchString(p) {
		return false
	}
	digits := 0
	for _, r := range p {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	return digits >= 7 && digits <= 15
}

// validateAddress checks a complete address (after merging a PATCH):
// required fields when required, 255 characters per field, the country
// (known, resellable) and the postal code for it.
func validateAddress(a address) *apiError {
	for _, f := range []string{a.contactName, a.organizationName, a.addressLine1, a.addressLine2,
		a.addressLn3, a.locality, a.region, a.postalCode, a.country} {
		if len([]rune(f)) > maxAddressField {
			return errInvalid(msgAddressFieldTooLong)
		}
	}
	for _, req := range []struct{ v, name string }{
		{a.contactName, "postalAddress.contactName"},
		{a.organizationName, "postalAddress.organizationName"},
		{a.country, "postalAddress.countryCode"},
		{a.postalCode, "postalAddress.postalCode"},
	} {
		if strings.TrimSpace(req.v) == "" {
			return errRequiredField(req.name)
		}
	}
	if !isoCountries[a.country] {
		return errInvalid(msgCountryCodeInvalid)
	}
	if notResellable[a.country] {
		return errInvalid(msgCountryNotResellable)
	}
	if !validPostalCode(a.country, a.postalCode) {
		return errInvalid(msgPostalCodeInvalid)
	}
	return nil
}
