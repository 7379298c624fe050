package emulator

import (
	"bytes"
	"container/heap"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// State is the emulator's whole state in the Reseller API's own resource
// shapes: what `--state FILE` loads, `--save-state FILE` and
// GET /emulator/v1/state write, and Options.Initial takes. Output-only
// fields (kind, status, skuName, resourceUiUrl, …) are written for
// reading and ignored when loading; the only fields Google does not have
// are in each resource's "emulator" object.
type State struct {
	// Time is the emulated time the state was taken at. Loading a state
	// whose time is after the clock starts the emulated clock there, so a
	// saved state resumes where it stopped; an older one lets the time
	// rules catch up.
	Time time.Time `json:"time,omitzero"`
	// Customers are customers.get resources.
	Customers []Customer `json:"customers"`
	// Subscriptions are subscriptions.get resources; customerId names the
	// customer (by ID), and a missing subscriptionId is minted.
	Subscriptions []Subscription `json:"subscriptions"`
	// Notifications is the resellernotify registration (getwatchdetails).
	Notifications *Notifications `json:"notifications,omitempty"`
}

// Customer is a Customer resource with the emulator's extras.
type Customer struct {
	Kind                   string          `json:"kind,omitempty"`
	CustomerID             string          `json:"customerId"`
	CustomerDomain         string          `json:"customerDomain"`
	CustomerDomainVerified *bool           `json:"customerDomainVerified,omitempty"` // default: true, false for team customers
	CustomerType           string          `json:"customerType,omitempty"`           // "domain" (default) or "team"
	AlternateEmail         string          `json:"alternateEmail,omitempty"`
	PhoneNumber            string          `json:"phoneNumber,omitempty"`
	PostalAddress          *Address        `json:"postalAddress,omitempty"`
	PrimaryAdmin           *PrimaryAdmin   `json:"primaryAdmin,omitempty"`
	ResourceUIURL          string          `json:"resourceUiUrl,omitempty"`
	Emulator               *CustomerExtras `json:"emulator,omitempty"`
}

// Address is a customer's postal address.
type Address struct {
	Kind             string `json:"kind,omitempty"`
	ContactName      string `json:"contactName,omitempty"`
	OrganizationName string `json:"organizationName,omitempty"`
	AddressLine1     string `json:"addressLine1,omitempty"`
	AddressLine2     string `json:"addressLine2,omitempty"`
	AddressLine3     string `json:"addressLine3,omitempty"`
	Locality         string `json:"locality,omitempty"`
	Region           string `json:"region,omitempty"`
	PostalCode       string `json:"postalCode,omitempty"`
	CountryCode      string `json:"countryCode,omitempty"`
}

// PrimaryAdmin is a team customer's administrator.
type PrimaryAdmin struct {
	PrimaryEmail string `json:"primaryEmail"`
}

// Owners of a customer (CustomerExtras.Owner).
const (
	OwnerReseller      = "reseller"      // the emulated reseller: full access
	OwnerGoogle        = "google"        // a Google-direct customer: transferable with its token
	OwnerOtherReseller = "otherReseller" // another reseller's: 403 on every change
)

// CustomerExtras is what the emulator knows of a customer that the
// resource does not show.
type CustomerExtras struct {
	// Owner is who sells the customer its subscriptions: "reseller"
	// (default), "google" or "otherReseller".
	Owner string `json:"owner,omitempty"`
	// AccessRevoked: the customer turned off reseller access (403 on
	// every call).
	AccessRevoked bool `json:"accessRevoked,omitempty"`
	// NoAdmin: the account has no administrator, so subscriptions.delete
	// answers 412.
	NoAdmin bool `json:"noAdmin,omitempty"`
	// TermsNotAccepted: an emerging-market customer without the terms of
	// service, so Workspace inserts answer 412.
	TermsNotAccepted bool `json:"termsNotAccepted,omitempty"`
	// TransferToken is the customerAuthToken another reseller needs; it
	// is valid for 30 days from TransferTokenCreated (epoch ms; default:
	// the load time).
	TransferToken        string `json:"transferToken,omitempty"`
	TransferTokenCreated int64  `json:"transferTokenCreated,omitempty,string"`
}

// Subscription is a Subscription resource with the emulator's extras.
// Times are epoch milliseconds, sent as strings as Google does.
type Subscription struct {
	Kind              string              `json:"kind,omitempty"`
	CustomerID        string              `json:"customerId"`
	CustomerDomain    string              `json:"customerDomain,omitempty"`
	SubscriptionID    string              `json:"subscriptionId,omitempty"`
	SkuID             string              `json:"skuId"`
	SkuName           string              `json:"skuName,omitempty"`
	BillingMethod     string              `json:"billingMethod,omitempty"` // OFFLINE: no commitment interval
	CreationTime      int64               `json:"creationTime,omitempty,string"`
	Plan              Plan                `json:"plan"`
	Seats             Seats               `json:"seats"`
	TrialSettings     *TrialSettings      `json:"trialSettings,omitempty"`
	RenewalSettings   *RenewalSettings    `json:"renewalSettings,omitempty"`
	PurchaseOrderID   string              `json:"purchaseOrderId,omitempty"`
	DealCode          string              `json:"dealCode,omitempty"`
	Status            string              `json:"status,omitempty"` // follows suspensionReasons
	SuspensionReasons []string            `json:"suspensionReasons,omitempty"`
	TransferInfo      json.RawMessage     `json:"transferInfo,omitempty"` // output only
	ResourceUIURL     string              `json:"resourceUiUrl,omitempty"`
	Emulator          *SubscriptionExtras `json:"emulator,omitempty"`
}

// Plan is a subscription's payment plan. ANNUAL means ANNUAL_MONTHLY_PAY.
type Plan struct {
	PlanName           string    `json:"planName"`
	IsCommitmentPlan   bool      `json:"isCommitmentPlan,omitempty"`
	CommitmentInterval *Interval `json:"commitmentInterval,omitempty"`
}

// Interval is an annual commitment term, in epoch milliseconds.
type Interval struct {
	StartTime int64 `json:"startTime,string"`
	EndTime   int64 `json:"endTime,string"`
}

// Seats holds numberOfSeats (annual plans) or maximumNumberOfSeats, and
// the users holding a licence.
type Seats struct {
	Kind                  string `json:"kind,omitempty"`
	NumberOfSeats         *int64 `json:"numberOfSeats,omitempty"`
	MaximumNumberOfSeats  *int64 `json:"maximumNumberOfSeats,omitempty"`
	LicensedNumberOfSeats int64  `json:"licensedNumberOfSeats"`
}

// TrialSettings says whether a subscription is in its free trial.
type TrialSettings struct {
	IsInTrial    bool  `json:"isInTrial"`
	TrialEndTime int64 `json:"trialEndTime,omitempty,string"` // default: creation + the SKU's trial length
}

// RenewalSettings is an annual plan's renewal type.
type RenewalSettings struct {
	Kind        string `json:"kind,omitempty"`
	RenewalType string `json:"renewalType"`
}

// SubscriptionExtras is what the emulator knows of a subscription that the
// resource does not show.
type SubscriptionExtras struct {
	// Foreign: sold by Google or another reseller, so it shows only in
	// transferable listings. Always true for a customer whose owner is
	// not the reseller.
	Foreign bool `json:"foreign,omitempty"`
	// SuspendedAt is when RESELLER_INITIATED was added (epoch ms); 60
	// days later the subscription is cancelled. Default: the load time.
	SuspendedAt int64 `json:"suspendedAt,omitempty,string"`
}

// Notifications is the push-notification registration.
type Notifications struct {
	TopicName                    string   `json:"topicName,omitempty"`
	ServiceAccountEmailAddresses []string `json:"serviceAccountEmailAddresses,omitempty"`
}

// ReadState decodes a state file. Unknown fields are errors, so a typo
// does not load as a silently different state.
func ReadState(r io.Reader) (*State, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var st State
	if err := dec.Decode(&st); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("trailing data after the state object")
	}
	return &st, nil
}

// WriteState encodes st as indented JSON, the format ReadState reads.
func WriteState(w io.Writer, st *State) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(st)
}

// initialStore builds the starting state: Options.Initial, else the demo
// dataset. A state taken later than the clock moves the clock there.
// With background, the demo dataset's generated customers are built after
// it returns (Options.Background): s.ready is closed once they are.
func (s *Server) initialStore(background bool) (*store, error) {
	st := newStore()
	init := s.opts.Initial
	if init == nil {
		s.total = generatedCustomers(s.opts)
		now := s.clock().UnixMilli()
		if !background {
			loadDataset(st, s.opts, now, &s.built)
			s.markReady()
			return st, nil
		}
		// The start time is taken now, so a dataset built in the
		// background is the one built at once.
		go func() {
			if s.opts.hold != nil {
				<-s.opts.hold
			}
			loadDataset(st, s.opts, now, &s.built)
			s.markReady()
		}()
		return st, nil
	}
	defer s.markReady()
	if base := s.base(); init.Time.After(base) {
		s.offset.Store(int64(init.Time.Sub(base)))
	}
	if err := st.load(init, s.clock().UnixMilli()); err != nil {
		return nil, err
	}
	return st, nil
}

// load adds every customer and subscription of in to an empty store.
func (st *store) load(in *State, now int64) error {
	for i := range in.Customers {
		c, err := st.importCustomer(&in.Customers[i], now)
		if err != nil {
			return fmt.Errorf("customers[%d]: %w", i, err)
		}
		if st.customers[c.id] != nil {
			return fmt.Errorf("customers[%d]: customerId %q appears twice", i, c.id)
		}
		st.addCustomer(c)
	}
	for i := range in.Subscriptions {
		sub, err := st.importSubscription(&in.Subscriptions[i], now)
		if err != nil {
			return fmt.Errorf("subscriptions[%d]: %w", i, err)
		}
		st.bulkAdd(sub)
	}
	if n := in.Notifications; n != nil {
		st.topic = n.TopicName
		if st.topic == "" && len(n.ServiceAccountEmailAddresses) > 0 {
			st.topic = topicName
		}
		st.serviceAccounts = slices.Clone(n.ServiceAccountEmailAddresses)
	}
	st.sortIndex()
	heap.Init(&st.timeline)
	return nil
}

// importCustomer checks one Customer and builds the stored record.
func (st *store) importCustomer(in *Customer, now int64) (*customer, error) {
	id := strings.TrimSpace(in.CustomerID)
	if id == "" {
		return nil, errors.New("customerId is required")
	}
	domain := strings.ToLower(strings.TrimSpace(in.CustomerDomain))
	if domain == "" || !validDomain(domain) {
		return nil, fmt.Errorf("customer %s: customerDomain %q is not a domain name", id, in.CustomerDomain)
	}
	c := &customer{id: id, domain: domain, owner: ownedByUs, hasAdmin: true,
		alternateEmail: in.AlternateEmail, phone: in.PhoneNumber}
	switch in.CustomerType {
	case "", "domain":
	case "team":
		c.team = true
	default:
		return nil, fmt.Errorf("customer %s: customerType %q is neither domain nor team", id, in.CustomerType)
	}
	c.verified = !c.team
	if in.CustomerDomainVerified != nil {
		c.verified = *in.CustomerDomainVerified
	}
	if a := in.PostalAddress; a != nil {
		c.addr = address{contactName: a.ContactName, organizationName: a.OrganizationName,
			addressLine1: a.AddressLine1, addressLine2: a.AddressLine2, addressLn3: a.AddressLine3,
			locality: a.Locality, region: a.Region, postalCode: a.PostalCode, country: strings.ToUpper(a.CountryCode)}
	}
	if in.PrimaryAdmin != nil {
		c.primaryEmail = in.PrimaryAdmin.PrimaryEmail
	}
	if x := in.Emulator; x != nil {
		switch x.Owner {
		case "", OwnerReseller:
		case OwnerGoogle:
			c.owner = ownedByGoogle
		case OwnerOtherReseller:
			c.owner = ownedByOtherReseller
		default:
			return nil, fmt.Errorf("customer %s: emulator.owner %q is not reseller, google or otherReseller", id, x.Owner)
		}
		c.revoked, c.hasAdmin, c.emerging = x.AccessRevoked, !x.NoAdmin, x.TermsNotAccepted
		c.transferToken, c.tokenCreated = x.TransferToken, x.TransferTokenCreated
		if c.transferToken != "" && c.tokenCreated == 0 {
			c.tokenCreated = now
		}
	}
	return c, nil
}

// suspensionReasons are the values of Subscription.suspensionReasons.
var suspensionReasons = []string{reasonPendingTOS, reasonRenewalCancel, reasonReseller, reasonTrialEnded, reasonOther}

// importSubscription checks one Subscription against the catalogue and
// the plan rules, and builds the stored record; now fills the defaults.
func (st *store) importSubscription(in *Subscription, now int64) (*subscription, error) {
	c := st.customers[in.CustomerID]
	if c == nil {
		return nil, fmt.Errorf("customerId %q is not among the customers", in.CustomerID)
	}
	id := in.SubscriptionID
	if id == "" {
		id = st.newSubID()
	} else if st.subs[id] != nil {
		return nil, fmt.Errorf("subscriptionId %q appears twice", id)
	}
	fail := func(format string, a ...any) error {
		return fmt.Errorf("subscription %s of %s: %s", id, c.id, fmt.Sprintf(format, a...))
	}
	k := catalogue[in.SkuID]
	if k == nil {
		return nil, fail("skuId %q is not in the catalogue", in.SkuID)
	}
	plan, ok := parsePlan(in.Plan.PlanName)
	if !ok {
		return nil, fail("plan.planName %q is not a plan", in.Plan.PlanName)
	}
	if !k.allows(plan) {
		return nil, fail("%s is not offered on plan %s", k.id, plan)
	}
	sub := &subscription{id: id, cust: c, sku: k, plan: plan, licensed: in.Seats.LicensedNumberOfSeats,
		created: in.CreationTime, purchaseOrderID: in.PurchaseOrderID, dealCode: in.DealCode,
		offline: in.BillingMethod == "OFFLINE"}
	if sub.created == 0 {
		sub.created = now
	}
	seats := in.Seats.MaximumNumberOfSeats
	if isAnnual(plan) || seats == nil {
		seats = cmpOr(in.Seats.NumberOfSeats, in.Seats.MaximumNumberOfSeats)
	}
	if seats == nil || *seats < 1 {
		return nil, fail("seats: numberOfSeats (annual plans) or maximumNumberOfSeats must be 1 or more")
	}
	sub.seats = *seats
	if err := checkOrderFields(sub.purchaseOrderID, sub.dealCode); err != nil {
		return nil, fail("%s", err.Message)
	}
	if t := in.TrialSettings; t != nil {
		sub.inTrial, sub.trialEnd = t.IsInTrial, t.TrialEndTime
		if sub.inTrial && sub.trialEnd == 0 {
			sub.trialEnd = sub.created + k.trialDays*dayMS
		}
	}
	if r := in.RenewalSettings; r != nil && r.RenewalType != "" {
		if !annualRenewal(r.RenewalType) {
			return nil, fail("renewalSettings.renewalType %q is not a renewal type", r.RenewalType)
		}
		if !isAnnual(plan) {
			return nil, fail("renewalSettings apply to annual plans only")
		}
		sub.renewalType = r.RenewalType
	}
	if isAnnual(plan) && !sub.inTrial {
		if sub.renewalType == "" {
			sub.renewalType = defaultRenewal(plan)
		}
		if iv := in.Plan.CommitmentInterval; iv != nil && !sub.offline {
			if iv.EndTime <= iv.StartTime {
				return nil, fail("plan.commitmentInterval ends before it starts")
			}
			sub.commitStart, sub.commitEnd = iv.StartTime, iv.EndTime
		} else if !sub.offline {
			commitmentAround(sub, now)
		}
	}
	for _, r := range in.SuspensionReasons {
		if !slices.Contains(suspensionReasons, r) {
			return nil, fail("suspensionReasons: %q is not a suspension reason", r)
		}
		sub.addReason(r)
	}
	if in.Status == statusSuspended && !sub.suspended() {
		return nil, fail("status SUSPENDED needs its suspensionReasons")
	}
	if x := in.Emulator; x != nil {
		sub.foreign, sub.suspendedAt = x.Foreign, x.SuspendedAt
	}
	sub.foreign = sub.foreign || c.owner != ownedByUs
	if sub.hasReason(reasonReseller) && sub.suspendedAt == 0 {
		sub.suspendedAt = now
	}
	if !sub.foreign {
		if other := ownSubWithSku(c, k.id); other != nil {
			return nil, fail("the customer already has subscription %s to %s", other.id, k.id)
		}
	}
	return sub, nil
}

func cmpOr(ps ...*int64) *int64 {
	for _, p := range ps {
		if p != nil {
			return p
		}
	}
	return nil
}

// snapshot is the whole state, customers in ID order and subscriptions in
// ID order (numeric IDs by value).
func (st *store) snapshot(now time.Time) *State {
	out := &State{Time: now.UTC(), Customers: []Customer{}, Subscriptions: []Subscription{}}
	ids := make([]string, 0, len(st.customers))
	for id := range st.customers {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		out.Customers = append(out.Customers, exportCustomer(st.customers[id]))
	}
	subs := make([]*subscription, 0, len(st.subs))
	for _, s := range st.subs {
		subs = append(subs, s)
	}
	slices.SortFunc(subs, func(a, b *subscription) int { return compareIDs(a.id, b.id) })
	for _, s := range subs {
		out.Subscriptions = append(out.Subscriptions, exportSubscription(s))
	}
	if st.topic != "" || len(st.serviceAccounts) > 0 {
		out.Notifications = &Notifications{TopicName: st.topic, ServiceAccountEmailAddresses: slices.Clone(st.serviceAccounts)}
	}
	return out
}

// compareIDs orders numeric IDs by value, then others as strings.
func compareIDs(a, b string) int {
	na, ea := strconv.ParseInt(a, 10, 64)
	nb, eb := strconv.ParseInt(b, 10, 64)
	switch {
	case ea == nil && eb == nil:
		return int(min(max(na-nb, -1), 1))
	case ea == nil:
		return -1
	case eb == nil:
		return 1
	}
	return strings.Compare(a, b)
}

// exportCustomer is c's full resource with its extras.
func exportCustomer(c *customer) Customer {
	var out Customer
	recode(viewCustomer(c), &out)
	x := CustomerExtras{AccessRevoked: c.revoked, NoAdmin: !c.hasAdmin, TermsNotAccepted: c.emerging,
		TransferToken: c.transferToken, TransferTokenCreated: c.tokenCreated}
	switch c.owner {
	case ownedByGoogle:
		x.Owner = OwnerGoogle
	case ownedByOtherReseller:
		x.Owner = OwnerOtherReseller
	}
	if x != (CustomerExtras{}) {
		out.Emulator = &x
	}
	return out
}

// exportSubscription is s's resource with its extras.
func exportSubscription(s *subscription) Subscription {
	var out Subscription
	recode(viewSubscription(s), &out)
	if out.TrialSettings != nil && !out.TrialSettings.IsInTrial && out.TrialSettings.TrialEndTime == 0 {
		out.TrialSettings = nil
	}
	x := SubscriptionExtras{Foreign: s.foreign}
	if s.hasReason(reasonReseller) {
		x.SuspendedAt = s.suspendedAt
	}
	if x != (SubscriptionExtras{}) {
		out.Emulator = &x
	}
	return out
}

// recode copies a wire view into its exported twin through JSON, so the
// two can never disagree on a field's encoding.
func recode(from, to any) {
	b, err := json.Marshal(from)
	if err == nil {
		err = json.NewDecoder(bytes.NewReader(b)).Decode(to)
	}
	if err != nil {
		panic("emulator: wire view does not decode as its exported type: " + err.Error())
	}
}

// State returns the emulator's whole state as of now.
func (s *Server) State() *State {
	<-s.ready // built in the background (Options.Background)
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock()
	s.st.advance(now.UnixMilli())
	s.flushEvents()
	return s.st.snapshot(now)
}

// PutCustomer adds c, or replaces the customer with its ID (keeping that
// customer's subscriptions).
func (s *Server) PutCustomer(c Customer) error {
	<-s.ready // built in the background (Options.Background)
	s.mu.Lock()
	defer s.mu.Unlock()
	nc, err := s.st.importCustomer(&c, s.clock().UnixMilli())
	if err != nil {
		return err
	}
	old := s.st.customers[nc.id]
	if old == nil {
		s.st.addCustomer(nc)
		return nil
	}
	if old.domain != nc.domain {
		list := s.st.byDomain[old.domain]
		if i := slices.Index(list, old); i >= 0 {
			s.st.byDomain[old.domain] = slices.Delete(list, i, i+1)
		}
		if len(s.st.byDomain[old.domain]) == 0 {
			delete(s.st.byDomain, old.domain)
		}
		s.st.byDomain[nc.domain] = append(s.st.byDomain[nc.domain], old)
	}
	subs := old.subs
	wasListed := old.owner == ownedByUs
	for _, x := range subs {
		if wasListed && !x.foreign {
			s.st.indexRemove(x)
		}
	}
	*old = *nc
	old.subs = subs
	for _, x := range subs {
		x.foreign = x.foreign || old.owner != ownedByUs
		if s.st.listed(x) {
			s.st.indexInsert(x)
		}
	}
	return nil
}

// PutSubscription adds sub, or replaces the subscription with its ID, and
// returns it as stored (with its minted ID and the defaults filled in).
// Its customer must exist.
func (s *Server) PutSubscription(sub Subscription) (Subscription, error) {
	<-s.ready // built in the background (Options.Background)
	s.mu.Lock()
	defer s.mu.Unlock()
	var old *subscription
	if sub.SubscriptionID != "" {
		old = s.st.subs[sub.SubscriptionID]
		if old != nil {
			s.st.removeSub(old)
		}
	}
	ns, err := s.st.importSubscription(&sub, s.clock().UnixMilli())
	if err != nil {
		if old != nil {
			old.deleted = false
			s.st.addSub(old)
		}
		return Subscription{}, err
	}
	s.st.addSub(ns)
	return exportSubscription(ns), nil
}

// Reset returns the emulator to its starting state (Options.Initial, or a
// fresh demo dataset as of the base clock): the clock's advance, targeted
// faults and the notification registration are undone too. The call log
// is kept.
func (s *Server) Reset() {
	<-s.ready // built in the background (Options.Background)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.offset.Store(0)
	st, err := s.initialStore(false)
	if err != nil {
		panic("emulator: the starting state loaded once and now does not: " + err.Error())
	}
	s.st = st
	s.targeted.clear()
}

// Advance moves the emulated clock forward by d and applies every time
// rule that falls due: trials end, annual terms renew or are cancelled per
// their renewal type, and reseller suspensions older than 60 days cancel
// the subscription. It returns the new emulated time.
func (s *Server) Advance(d time.Duration) (time.Time, error) {
	<-s.ready // built in the background (Options.Background)
	if d < 0 {
		return time.Time{}, fmt.Errorf("duration %s is negative: the clock only moves forward", d)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.offset.Add(int64(d))
	now := s.clock()
	s.st.advance(now.UnixMilli())
	s.flushEvents()
	return now, nil
}
