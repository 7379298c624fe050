package emulator

import (
	"slices"
	"strconv"
	"strings"
)

// owner says who sells a customer its subscriptions.
type owner uint8

const (
	ownedByUs            owner = iota // the emulated reseller
	ownedByOtherReseller              // another reseller: minimal record, 403
	ownedByGoogle                     // a direct Google customer: minimal record, transferable
)

// Plan names as stored. ANNUAL_MONTHLY_PAY is sent as ANNUAL (wire.go).
const (
	planAnnualMonthly = "ANNUAL_MONTHLY_PAY"
	planAnnualYearly  = "ANNUAL_YEARLY_PAY"
	planFlexible      = "FLEXIBLE"
	planTrial         = "TRIAL"
	planFree          = "FREE"
)

// Suspension reasons (Subscription.suspensionReasons) and statuses.
const (
	reasonPendingTOS    = "PENDING_TOS_ACCEPTANCE"
	reasonRenewalCancel = "RENEWAL_WITH_TYPE_CANCEL"
	reasonReseller      = "RESELLER_INITIATED"
	reasonTrialEnded    = "TRIAL_ENDED"
	reasonOther         = "OTHER"
	statusActive        = "ACTIVE"
	statusSuspended     = "SUSPENDED"
)

// Durations of the time rules, in epoch milliseconds or days.
const (
	dayMS             int64 = 24 * 60 * 60 * 1000
	yearMS                  = 365 * dayMS
	trialDays               = 30
	suspensionDays          = 60 // a reseller suspension longer than this cancels
	transferTokenDays       = 30
)

// address is a customer's postal address.
type address struct {
	contactName, organizationName          string
	addressLine1, addressLine2, addressLn3 string
	locality, region, postalCode, country  string
}

// customer is one Google customer known to the emulator, ours or not.
type customer struct {
	id     string
	domain string // lower case; shared by several team customers
	team   bool   // customerType "team" (email-verified)
	owner  owner
	// revoked: the customer turned off reseller access (403 on every call).
	revoked  bool
	hasAdmin bool // false: subscriptions.delete answers 412 (E17)
	emerging bool // emerging market without ToS: Workspace inserts 412 (E18)
	verified bool // customerDomainVerified

	alternateEmail, phone, primaryEmail string
	addr                                address

	// transferToken lets another reseller list and transfer this customer's
	// subscriptions for 30 days after tokenCreated (epoch ms).
	transferToken string
	tokenCreated  int64

	subs []*subscription // live subscriptions, ours and foreign
}

// subscription is one live subscription. Times are epoch milliseconds.
type subscription struct {
	id   string
	cust *customer
	sku  *sku
	// foreign: sold by Google or another reseller, so not ours to manage;
	// it shows only in transferable listings.
	foreign bool
	deleted bool

	plan     string // stored name (ANNUAL_MONTHLY_PAY, not ANNUAL)
	inTrial  bool
	trialEnd int64 // 0: never in trial
	seats    int64 // numberOfSeats (annual) or maximumNumberOfSeats
	licensed int64 // users holding a licence

	renewalType     string
	purchaseOrderID string
	dealCode        string
	reasons         []string // suspension reasons; empty means ACTIVE
	suspendedAt     int64    // when RESELLER_INITIATED was added
	offline         bool     // billingMethod OFFLINE: no commitmentInterval
	created         int64
	commitStart     int64
	commitEnd       int64

	gen uint32 // bumps on every reschedule; stale timeline events skip
}

// store is the emulator's whole state. Every method expects Server.mu held.
type store struct {
	customers map[string]*customer   // by ID
	byDomain  map[string][]*customer // by lower-case primary domain
	subs      map[string]*subscription
	// index holds our customers' own subscriptions sorted by pageKey, so
	// the all-subscriptions list is a binary search and a short scan.
	index    []*subscription
	timeline timeline

	nextSubID  int64
	nextCustID int64

	topic           string
	serviceAccounts []string
	// pending are the push notifications of the current change, written
	// by Server.flushEvents before the lock is released.
	pending []Event
}

func newStore() *store {
	return &store{
		customers:  map[string]*customer{},
		byDomain:   map[string][]*customer{},
		subs:       map[string]*subscription{},
		nextSubID:  1000001,
		nextCustID: 1,
	}
}

// addCustomer registers c under its ID and domain.
func (st *store) addCustomer(c *customer) {
	st.customers[c.id] = c
	st.byDomain[c.domain] = append(st.byDomain[c.domain], c)
}

// newCustomerID mints an ID for customers.insert ("C2" + 7 digits), a
// range neither the fixtures nor the generated customers use.
func (st *store) newCustomerID() string {
	for {
		id := "C2" + pad7(st.nextCustID)
		st.nextCustID++
		if st.customers[id] == nil {
			return id
		}
	}
}

// newSubID mints a numeric subscription ID that no subscription holds (a
// loaded state may hold any).
func (st *store) newSubID() string {
	for {
		id := strconv.FormatInt(st.nextSubID, 10)
		st.nextSubID++
		if st.subs[id] == nil {
			return id
		}
	}
}

// pad7 formats n with at least 7 digits.
func pad7(n int64) string {
	var b [20]byte
	s := strconv.AppendInt(b[:0], n, 10)
	if len(s) >= 7 {
		return string(s)
	}
	return strings.Repeat("0", 7-len(s)) + string(s)
}

// addSub attaches s to its customer, the ID map, the paging index (when it
// is ours) and the timeline.
func (st *store) addSub(s *subscription) {
	st.subs[s.id] = s
	s.cust.subs = append(s.cust.subs, s)
	if st.listed(s) {
		st.indexInsert(s)
	}
	st.timeline.schedule(s)
}

// removeSub deletes s everywhere; its pending timeline event goes stale.
func (st *store) removeSub(s *subscription) {
	if st.listed(s) {
		st.indexRemove(s)
	}
	s.deleted = true
	s.gen++
	delete(st.subs, s.id)
	c := s.cust
	if i := slices.Index(c.subs, s); i >= 0 {
		c.subs = slices.Delete(c.subs, i, i+1)
	}
}

// listed reports whether s belongs in the all-subscriptions list.
func (st *store) listed(s *subscription) bool {
	return !s.foreign && s.cust.owner == ownedByUs
}

// findSub returns customer c's subscription id, ours or foreign.
func (st *store) findSub(c *customer, id string) *subscription {
	s := st.subs[id]
	if s == nil || s.cust != c {
		return nil
	}
	return s
}

// suspended reports whether s has any suspension reason.
func (s *subscription) suspended() bool { return len(s.reasons) > 0 }

// hasReason reports whether r is among s's suspension reasons.
func (s *subscription) hasReason(r string) bool { return slices.Contains(s.reasons, r) }

// annual reports whether s is on an annual commitment plan.
func (s *subscription) annual() bool { return isAnnual(s.plan) }

func isAnnual(plan string) bool { return plan == planAnnualMonthly || plan == planAnnualYearly }
