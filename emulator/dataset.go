package emulator

import (
	"container/heap"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
)

// The demo dataset: the fixture customers of fixtures.go, each showing one
// rule, plus generated customers with a realistic mix of SKUs, plans and
// states. Everything is relative to the emulator's start time and, for the
// generated part, deterministic for Options.Seed. Generation avoids
// per-row formatting and allocates rows in slabs so 50,000 customers load
// in a fraction of a second.

// loadDataset fills st for opts, with now as the start time (epoch ms),
// counting the generated customers in built as it goes.
func loadDataset(st *store, opts Options, now int64, built *atomic.Int64) {
	addFixtures(st, now)
	if n := generatedCustomers(opts); n > 0 {
		st.reserve(n, 3*n+n/2)
		generate(st, n, opts.Seed, now, built)
	}
	st.sortIndex()
	heap.Init(&st.timeline)
}

// reserve sizes the maps and index for about customers and subs more rows,
// so loading does not rehash them again and again.
func (st *store) reserve(customers, subs int) {
	grow := func(m map[string]*subscription, n int) map[string]*subscription {
		out := make(map[string]*subscription, len(m)+n)
		for k, v := range m {
			out[k] = v
		}
		return out
	}
	cs := make(map[string]*customer, len(st.customers)+customers)
	for k, v := range st.customers {
		cs[k] = v
	}
	ds := make(map[string][]*customer, len(st.byDomain)+customers)
	for k, v := range st.byDomain {
		ds[k] = v
	}
	st.customers, st.byDomain, st.subs = cs, ds, grow(st.subs, subs)
	st.index = slices.Grow(st.index, subs)
	st.timeline = slices.Grow(st.timeline, subs)
}

// bulkAdd is addSub without keeping the index and timeline ordered; the
// loader sorts both once at the end.
func (st *store) bulkAdd(s *subscription) {
	st.subs[s.id] = s
	s.cust.subs = append(s.cust.subs, s)
	if st.listed(s) {
		st.index = append(st.index, s)
	}
	st.timeline.scheduleBulk(s)
}

// commitmentAround sets s's current annual interval: the yearly
// anniversary of its creation that contains now.
func commitmentAround(s *subscription, now int64) {
	k := (now - s.created) / yearMS
	s.commitStart = s.created + k*yearMS
	s.commitEnd = s.commitStart + yearMS
}

// addFixtures adds the customers of fixtures.go. Their subscription IDs
// are fixed (1000001–1000015) because they are loaded first.
func addFixtures(st *store, now int64) {
	days := func(d int64) int64 { return now - d*dayMS }
	us := func(org, contact, line1, city, region, zip string) address {
		return address{contactName: contact, organizationName: org, addressLine1: line1,
			locality: city, region: region, postalCode: zip, country: "US"}
	}
	mk := func(id, domain string, o owner, a address, alt string) *customer {
		c := &customer{id: id, domain: domain, owner: o, hasAdmin: true, verified: true,
			addr: a, alternateEmail: alt, phone: "+1 650-555-0100"}
		st.addCustomer(c)
		return c
	}
	sub := func(c *customer, skuID, plan string, seats, licensed, createdDaysAgo int64) *subscription {
		s := &subscription{id: st.newSubID(), cust: c, sku: catalogue[skuID], plan: plan,
			seats: seats, licensed: licensed, created: days(createdDaysAgo),
			foreign: c.owner != ownedByUs}
		if isAnnual(plan) {
			commitmentAround(s, now)
			s.renewalType = defaultRenewal(plan)
		}
		return s
	}

	acme := mk(IDAcmeAnnual, DomainAcmeAnnual, ownedByUs,
		us("Acme Annual Inc.", "Alex Cruz", "1600 Amphitheatre Pkwy", "Mountain View", "CA", "94043"),
		"it-billing@acme-holdings.example")
	s := sub(acme, skuBusinessStandard, planAnnualMonthly, 50, 42, 200)
	s.purchaseOrderID = "ACME-2025-001"
	st.bulkAdd(s)

	flex := mk(IDFlex, DomainFlex, ownedByUs,
		us("Flex Works LLC", "Dana Reyes", "500 Market St", "San Francisco", "CA", "94105"),
		"admin@flexworks-mail.example")
	st.bulkAdd(sub(flex, skuBusinessStarter, planFlexible, 20, 15, 400))

	trial := mk(IDTrial, DomainTrial, ownedByUs,
		us("Trial Labs", "Sam Patel", "1 Main St", "Austin", "TX", "73301"),
		"owner@trial-labs-mail.example")
	s = sub(trial, skuBusinessStandard, planTrial, 5, 3, 10)
	s.inTrial, s.trialEnd = true, s.created+trialDays*dayMS
	st.bulkAdd(s)

	susp := mk(IDSuspended, DomainSuspended, ownedByUs,
		us("Suspended Goods Co.", "Morgan Lee", "42 Elm St", "Portland", "OR", "97205"),
		"accounts@suspended-goods-mail.example")
	s = sub(susp, skuBusinessPlus, planFlexible, 30, 12, 300)
	s.reasons, s.suspendedAt = []string{reasonReseller}, days(5)
	st.bulkAdd(s)

	noAdmin := mk(IDNoAdmin, DomainNoAdmin, ownedByUs,
		us("No Admin Ltd", "Chris Wu", "9 Pine Rd", "Seattle", "WA", "98101"),
		"contact@noadmin-mail.example")
	noAdmin.hasAdmin = false
	st.bulkAdd(sub(noAdmin, skuBusinessStarter, planFlexible, 10, 4, 150))

	other := mk(IDOtherReseller, DomainOtherReseller, ownedByOtherReseller,
		us("Other Reseller Client", "Pat Kim", "77 Oak Ave", "Denver", "CO", "80202"),
		"it@other-client-mail.example")
	st.bulkAdd(sub(other, skuBusinessStandard, planAnnualMonthly, 40, 38, 500))

	revoked := mk(IDRevoked, DomainRevoked, ownedByUs,
		us("Revoked Access Corp", "Jordan Blake", "3 Birch Ln", "Boston", "MA", "02108"),
		"admin@revoked-corp-mail.example")
	revoked.revoked = true
	st.bulkAdd(sub(revoked, skuBusinessStarter, planAnnualYearly, 25, 20, 250))

	for i, t := range []struct{ id, email, contact string }{
		{IDTeam1, "ana.lima@teams.example", "Ana Lima"},
		{IDTeam2, "ben.okafor@teams.example", "Ben Okafor"},
	} {
		c := mk(t.id, DomainTeams, ownedByUs,
			us("Team "+strconv.Itoa(i+1)+" at teams.example", t.contact, "10 Team Way", "Chicago", "IL", "60601"), "")
		c.team, c.verified, c.primaryEmail = true, false, t.email
		st.bulkAdd(sub(c, skuEssentials, planFlexible, int64(10-5*i), int64(6-3*i), int64(90+30*i)))
	}

	xfer := mk(IDTransfer, DomainTransfer, ownedByGoogle,
		us("Transfer Ready Inc.", "Riley Stone", "200 Congress Ave", "Austin", "TX", "78701"),
		"admin@transfer-ready-mail.example")
	xfer.transferToken, xfer.tokenCreated = TransferToken, days(2)
	st.bulkAdd(sub(xfer, skuBusinessStandard, planFlexible, 30, 25, 700))
	st.bulkAdd(sub(xfer, skuDrive200GB, planFlexible, 5, 5, 600))

	expired := mk(IDExpiredToken, DomainExpiredToken, ownedByGoogle,
		us("Expired Token LLC", "Casey Moore", "8 River Rd", "Miami", "FL", "33101"),
		"admin@expired-token-mail.example")
	expired.transferToken, expired.tokenCreated = ExpiredTransferToken, days(40)
	st.bulkAdd(sub(expired, skuBusinessStarter, planFlexible, 10, 8, 800))

	emerging := mk(IDEmerging, DomainEmerging, ownedByUs,
		address{contactName: "Ngozi Adeyemi", organizationName: "Emerging Markets Ltd",
			addressLine1: "12 Marina Rd", locality: "Lagos", region: "LA", postalCode: "101001", country: "NG"},
		"admin@emerging-mail.example")
	emerging.emerging, emerging.phone = true, "+234 1 555 0100"
	st.bulkAdd(sub(emerging, "1010050001", planFlexible, 15, 10, 120))

	// Added last to keep the IDs above stable. Google Vault makes
	// transfer.example's Workspace, Drive and Vault a set that moves only
	// together, in one batch (transfer_rules.go); Chrome Enterprise is a
	// transferable listing item that can't be transferred, suspended by
	// Google (abuse review), and being of another product it does not hold
	// the set back.
	st.bulkAdd(sub(xfer, skuVault, planFlexible, 25, 25, 500))
	s = sub(xfer, skuChrome, planAnnualMonthly, 10, 10, 400)
	s.reasons = []string{reasonOther}
	st.bulkAdd(s)
}

// Word lists for generated domains: first words cover the alphabet so a
// two- or three-letter prefix finds a handful to a few hundred customers.
var (
	domainFirst = strings.Fields(`acorn alder alpine amber anchor apex arbor archer aspen atlas aurora
		azure badger bayside beacon birch bluebird bolt bramble bridge brook cadence canyon cardinal cascade
		cedar cinder clover cobalt copper coral crest crystal dawn delta drift dune eagle echo ember evergreen
		falcon fern fjord forge foxglove garnet glacier granite grove harbor hazel heron highland horizon
		indigo iris iron ivy jade jasper juniper kestrel keystone kite lagoon lantern laurel linden lumen
		magnolia maple marble meadow mesa monarch nimbus noble northwind nova oak oasis onyx orchard osprey
		pacific peak pebble pine pioneer prairie quail quarry quartz raven redwood ridge river rowan saffron
		sage sierra silver spruce stone summit tango teal thistle timber topaz tundra umber union upland
		valley vector velvet verde vista walnut willow wren xenon yarrow yellowfin zenith zephyr`)
	domainSecond = strings.Fields(`analytics apps bakery bio builders cafe capital care clinic cloud
		consulting craft data design dental digital energy engineering farms finance fitness foods freight
		games group health homes hotels industries insurance labs law legal logistics media medical motors
		music networks partners pharma photo print realty research retail robotics school security software
		solar studio systems tech textiles tours trading travel ventures vision wellness works`)
	firstNames = strings.Fields(`Alex Amara Ben Carla Chen Dana Diego Elena Emeka Fatima Grace Hana Ivan
		Jonas Kai Lena Luca Maya Mei Nina Omar Priya Quinn Rafael Sara Tariq Uma Victor Wei Yara Zoe`)
	lastNames = strings.Fields(`Adams Baker Costa Dubois Evans Fischer Garcia Haddad Ito Jensen Khan Lopez
		Müller Nakamura Okafor Patel Rossi Silva Tanaka Novak Walker Yilmaz Zhang Kowalski Murphy`)
)

// region is a country the generator places customers in.
type region struct {
	code, tld, phone string
	postal           string   // '9' a digit, 'A' a letter, anything else as is
	cities           []string // cities[i] lies in states[i] when states is set
	states           []string
	suffixes         []string // company forms used there
}

var regions = []region{
	{"US", ".com", "+1 ", "99999", []string{"Austin", "Denver", "Chicago", "Seattle", "Boston"}, []string{"TX", "CO", "IL", "WA", "MA"}, []string{"Inc.", "LLC", "Co."}},
	{"GB", ".co.uk", "+44 ", "A9 9AA", []string{"London", "Leeds", "Bristol"}, nil, []string{"Ltd", "LLP"}},
	{"DE", ".de", "+49 ", "99999", []string{"Berlin", "Hamburg", "München"}, nil, []string{"GmbH", "AG"}},
	{"FR", ".fr", "+33 ", "99999", []string{"Paris", "Lyon", "Nantes"}, nil, []string{"SAS", "SARL"}},
	{"CA", ".ca", "+1 ", "A9A 9A9", []string{"Toronto", "Vancouver", "Montréal"}, []string{"ON", "BC", "QC"}, []string{"Inc.", "Ltd"}},
	{"AU", ".com.au", "+61 ", "9999", []string{"Sydney", "Melbourne", "Perth"}, []string{"NSW", "VIC", "WA"}, []string{"Pty Ltd"}},
	{"NL", ".nl", "+31 ", "9999 AA", []string{"Amsterdam", "Utrecht"}, nil, []string{"BV"}},
	{"ES", ".es", "+34 ", "99999", []string{"Madrid", "Valencia"}, nil, []string{"S.L.", "S.A."}},
	{"IT", ".it", "+39 ", "99999", []string{"Milano", "Torino"}, nil, []string{"S.r.l.", "S.p.A."}},
	{"JP", ".jp", "+81 ", "999-9999", []string{"Tokyo", "Osaka"}, nil, []string{"K.K."}},
	{"IN", ".in", "+91 ", "999999", []string{"Bengaluru", "Pune"}, nil, []string{"Pvt Ltd"}},
	{"BR", ".com.br", "+55 ", "99999-999", []string{"São Paulo", "Curitiba"}, nil, []string{"Ltda."}},
}

var otherTLDs = []string{".net", ".org", ".io", ".co", ".app"}

// Shared suspension-reason slices: subscriptions never modify them in
// place (addReason and dropReason copy).
var (
	reasonsReseller = []string{reasonReseller}
	reasonsTOS      = []string{reasonPendingTOS}
	reasonsOther    = []string{reasonOther}
	reasonsTrial    = []string{reasonTrialEnded}
	reasonsRenewal  = []string{reasonRenewalCancel}
)

// addOnSKUs are the add-ons a generated customer may hold besides its
// Workspace subscription.
var addOnSKUs = []string{
	skuDrive200GB, "Google-Drive-storage-1TB", "Google-Drive-storage-20GB", skuVault,
	"1010470003", "1010470001", skuChrome, "1010380001", "1010050001",
}

// gen holds the generator's state: its random stream and row slabs.
type gen struct {
	st    *store
	r     *rand.Rand
	now   int64
	subs  []subscription
	custs []customer
	buf   []byte

	// incident marks the customers whose Workspace subscription is
	// incident material, and inc is its own random stream, so the rest of
	// the dataset stays what the seed made it before incidents existed.
	incident map[int]incidentKind
	inc      *rand.Rand
}

// generatedCustomers is how many customers opts asks to generate.
func generatedCustomers(opts Options) int {
	switch {
	case opts.Customers == 0:
		return DefaultCustomers
	case opts.Customers < 0:
		return 0
	}
	return opts.Customers
}

// incidentKind is what an incident did to a customer's Workspace
// subscription.
type incidentKind uint8

const (
	incidentSuspended incidentKind = iota + 1 // suspended by the reseller yesterday (a billing problem)
	incidentTrialEnds                         // a trial that ends within 7 days
	incidentAtCap                             // a flexible plan at its cap
)

// Incident material per generated customer: one in 50 suspended by a
// billing problem, one in 80 in a trial about to end, one in 80 at its
// cap (40, 25 and 25 at the default 2,000 customers); at least one each.
const (
	incidentSuspendedPer = 50
	incidentTrialPer     = 80
	incidentCapPer       = 80
)

// generate adds n customers, C1 followed by seven digits, with about three
// subscriptions each, counting them in built every thousand.
func generate(st *store, n int, seed int64, now int64, built *atomic.Int64) {
	g := &gen{st: st, r: rand.New(rand.NewPCG(uint64(seed), 0x7e5017d)), now: now,
		inc: rand.New(rand.NewPCG(uint64(seed), 0x1c1de47))}
	g.incident = pickIncidents(g.inc, n)
	for i := range n {
		g.customer(i)
		if (i+1)%1000 == 0 {
			built.Store(int64(i + 1))
		}
	}
	built.Store(int64(n))
}

// pickIncidents chooses which of n customers the incidents hit, distinct
// customers for each kind.
func pickIncidents(r *rand.Rand, n int) map[int]incidentKind {
	counts := []struct {
		kind incidentKind
		n    int
	}{
		{incidentSuspended, max(1, n/incidentSuspendedPer)},
		{incidentTrialEnds, max(1, n/incidentTrialPer)},
		{incidentAtCap, max(1, n/incidentCapPer)},
	}
	out := map[int]incidentKind{}
	for _, c := range counts {
		for k := 0; k < c.n && len(out) < n; {
			i := r.IntN(n)
			if out[i] == 0 {
				out[i] = c.kind
				k++
			}
		}
	}
	return out
}

// applyIncident turns s, a customer's Workspace subscription, into
// incident material of kind, with the incident stream alone.
func (g *gen) applyIncident(s *subscription, kind incidentKind) {
	r := g.inc
	switch kind {
	case incidentSuspended:
		if s.inTrial || len(s.reasons) > 0 {
			// Out of trial and of any earlier suspension, whose time
			// rules would otherwise still run.
			g.flexible(s)
		}
		// Suspended yesterday within a few hours of each other.
		s.reasons, s.suspendedAt = reasonsReseller, g.now-dayMS-r.Int64N(6*60*60*1000)
	case incidentTrialEnds:
		// 23 to 29 days into its 30: it ends within the next 7 days.
		s.renewalType, s.commitStart, s.commitEnd, s.offline, s.reasons = "", 0, 0, false, nil
		s.created = g.now - (trialDays-7+r.Int64N(7))*dayMS - r.Int64N(dayMS)
		s.inTrial, s.trialEnd = true, s.created+trialDays*dayMS
		s.seats = 1 + r.Int64N(trialSeatCap)
		s.licensed = min(max(s.licensed, 1), s.seats)
		if r.IntN(3) == 0 {
			s.plan = planFlexible
		} else {
			s.plan = planTrial
		}
	case incidentAtCap:
		g.flexible(s)
		s.reasons = nil
		s.seats = max(s.licensed, 1)
		s.licensed = s.seats
	}
}

// flexible moves s to a flexible plan out of trial and out of any term.
func (g *gen) flexible(s *subscription) {
	s.plan, s.inTrial, s.trialEnd = planFlexible, false, 0
	s.renewalType, s.commitStart, s.commitEnd, s.offline = "", 0, 0, false
	s.seats = max(s.seats, s.licensed)
}

// newSub returns a zeroed subscription from the current slab.
func (g *gen) newSub() *subscription {
	if len(g.subs) == 0 {
		g.subs = make([]subscription, 4096)
	}
	s := &g.subs[0]
	g.subs = g.subs[1:]
	return s
}

func (g *gen) newCustomer() *customer {
	if len(g.custs) == 0 {
		g.custs = make([]customer, 1024)
	}
	c := &g.custs[0]
	g.custs = g.custs[1:]
	return c
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

// pattern expands a postal-code pattern.
func (g *gen) pattern(p string) string {
	b := g.buf[:0]
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '9':
			b = append(b, byte('0'+g.r.IntN(10)))
		case 'A':
			b = append(b, byte('A'+g.r.IntN(26)))
		default:
			b = append(b, p[i])
		}
	}
	g.buf = b
	return string(b)
}

func title(w string) string { return strings.ToUpper(w[:1]) + w[1:] }

// customer generates customer i and its subscriptions.
func (g *gen) customer(i int) {
	r := g.r
	reg := regions[0]
	if r.IntN(100) >= 45 {
		reg = regions[1+r.IntN(len(regions)-1)]
	}
	w1, w2 := g.pick(domainFirst), g.pick(domainSecond)
	b := append(g.buf[:0], w1...)
	if r.IntN(5) == 0 {
		b = append(b, '-')
	}
	b = append(b, w2...)
	stem := len(b)
	switch t := r.IntN(10); {
	case t < 5:
		b = append(b, ".com"...)
	case t < 9:
		b = append(b, reg.tld...)
	default:
		b = append(b, g.pick(otherTLDs)...)
	}
	domain := string(b)
	if g.st.byDomain[domain] != nil {
		// Taken: number the stem, as real companies do.
		tail := string(b[stem:])
		b = strconv.AppendInt(b[:stem], int64(i), 10)
		domain = string(append(b, tail...))
	}
	g.buf = b

	first, last := g.pick(firstNames), g.pick(lastNames)
	city := r.IntN(len(reg.cities))
	c := g.newCustomer()
	*c = customer{
		id:       "C1" + pad7(int64(i+1)),
		domain:   domain,
		owner:    ownedByUs,
		hasAdmin: true,
		verified: r.IntN(20) != 0,
		alternateEmail: strings.ToLower(first) + "." + strings.ToLower(strings.ReplaceAll(last, "ü", "u")) +
			"@" + w1 + "-mail.example",
		phone: reg.phone + g.pattern("999 555 9999"),
		addr: address{
			contactName:      first + " " + last,
			organizationName: title(w1) + " " + title(w2) + " " + g.pick(reg.suffixes),
			addressLine1:     strconv.Itoa(1+r.IntN(400)) + " " + title(g.pick(domainFirst)) + " Street",
			locality:         reg.cities[city],
			postalCode:       g.pattern(reg.postal),
			country:          reg.code,
		},
	}
	if reg.states != nil {
		c.addr.region = reg.states[city]
	}
	g.st.addCustomer(c)

	users := int64(1 + r.ExpFloat64()*35)
	users = min(users, 5000)
	main := g.workspace(c, users)
	if kind := g.incident[i]; kind != 0 {
		g.applyIncident(main, kind)
	}
	g.st.bulkAdd(main)
	addOns := 0
	switch p := r.IntN(100); {
	case p < 10:
	case p < 35:
		addOns = 1
	case p < 70:
		addOns = 2
	case p < 90:
		addOns = 3
	default:
		addOns = 4
	}
	start := r.IntN(len(addOnSKUs))
	for j := range addOns {
		g.st.bulkAdd(g.addOn(c, addOnSKUs[(start+j*2)%len(addOnSKUs)], users, main.created))
	}
}

// workspace generates a customer's Google Workspace subscription.
func (g *gen) workspace(c *customer, users int64) *subscription {
	r := g.r
	s := g.newSub()
	s.id, s.cust = g.st.newSubID(), c
	switch p := r.IntN(100); {
	case p < 35:
		s.sku = catalogue[skuBusinessStarter]
	case p < 70:
		s.sku = catalogue[skuBusinessStandard]
	case p < 84:
		s.sku = catalogue[skuBusinessPlus]
	case p < 92:
		s.sku = catalogue[skuEnterpriseStd]
	case p < 98:
		s.sku = catalogue[skuEnterprisePlus]
	default:
		s.sku = catalogue["1010020030"] // Frontline Starter
	}
	s.licensed = users
	s.created = g.now - r.Int64N(3*365)*dayMS - r.Int64N(dayMS) - dayMS
	switch p := r.IntN(100); {
	case p < 42:
		g.annual(s, planAnnualMonthly)
	case p < 52:
		g.annual(s, planAnnualYearly)
	case p < 91:
		s.plan = planFlexible
		s.seats = users + r.Int64N(users/3+3)
	default:
		g.trial(s)
	}
	g.maybeSuspend(s)
	return s
}

// annual puts s on an annual plan with a renewal type mix.
func (g *gen) annual(s *subscription, plan string) {
	r := g.r
	s.plan = plan
	s.seats = s.licensed + r.Int64N(s.licensed/5+2)
	commitmentAround(s, g.now)
	yearly := plan == planAnnualYearly
	switch p := r.IntN(100); {
	case p < 70:
		s.renewalType = defaultRenewal(plan)
	case p < 85:
		s.renewalType = map[bool]string{false: "AUTO_RENEW_MONTHLY_PAY", true: "AUTO_RENEW_YEARLY_PAY"}[yearly]
	case p < 93:
		s.renewalType = "SWITCH_TO_PAY_AS_YOU_GO"
	case p < 97:
		s.renewalType = "RENEW_ON_PROPOSED_OFFER"
	default:
		s.renewalType = "CANCEL"
	}
	if r.IntN(100) == 0 {
		s.offline = true
	}
	if r.IntN(4) == 0 {
		s.purchaseOrderID = "PO-" + pad7(r.Int64N(10_000_000))
	}
}

// trial makes s a running trial, half of them with a payment plan chosen.
func (g *gen) trial(s *subscription) {
	r := g.r
	s.created = g.now - (1+r.Int64N(trialDays-1))*dayMS - r.Int64N(dayMS)
	s.inTrial, s.trialEnd = true, s.created+trialDays*dayMS
	s.seats = 1 + r.Int64N(trialSeatCap)
	s.licensed = min(s.licensed, s.seats)
	switch r.IntN(4) {
	case 0:
		s.plan = planFlexible
	case 1:
		s.plan = planAnnualMonthly
	default:
		s.plan = planTrial
	}
}

// maybeSuspend suspends about 3% of subscriptions, for every documented
// reason, keeping each state consistent with the time rules.
func (g *gen) maybeSuspend(s *subscription) {
	r := g.r
	if s.inTrial || r.IntN(100) >= 3 {
		return
	}
	switch p := r.IntN(100); {
	case p < 40:
		s.reasons, s.suspendedAt = reasonsReseller, g.now-r.Int64N(suspensionDays-1)*dayMS
	case p < 65:
		s.reasons = reasonsTOS
	case p < 80:
		s.reasons = reasonsOther
	case p < 90:
		// A trial that ended without a plan, a while ago.
		s.plan, s.renewalType, s.commitStart, s.commitEnd = planTrial, "", 0, 0
		s.created = g.now - (trialDays+1+r.Int64N(300))*dayMS
		s.trialEnd = s.created + trialDays*dayMS
		s.seats, s.licensed = min(s.seats, trialSeatCap), min(s.licensed, trialSeatCap)
		s.reasons = reasonsTrial
	default:
		// An annual plan whose commitment ended with renewal type CANCEL.
		s.plan, s.renewalType = planAnnualMonthly, "CANCEL"
		s.seats = max(s.seats, s.licensed)
		s.commitEnd = g.now - (1+r.Int64N(200))*dayMS
		s.commitStart = s.commitEnd - yearMS
		s.created = min(s.created, s.commitStart)
		s.reasons = reasonsRenewal
	}
}

// addOn generates an add-on subscription bought after the Workspace one.
func (g *gen) addOn(c *customer, skuID string, users, after int64) *subscription {
	r := g.r
	s := g.newSub()
	s.id, s.cust, s.sku = g.st.newSubID(), c, catalogue[skuID]
	s.created = after + r.Int64N(g.now-after)
	s.licensed = max(1, users*int64(20+r.IntN(81))/100)
	switch {
	case s.sku.id == skuChrome:
		s.licensed = 5 + r.Int64N(200)
		g.annual(s, planAnnualMonthly)
	case s.sku.allows(planAnnualMonthly) && r.IntN(3) == 0:
		g.annual(s, planAnnualMonthly)
	default:
		s.plan = planFlexible
		s.seats = s.licensed + r.Int64N(s.licensed/4+2)
	}
	if r.IntN(100) < 2 {
		s.reasons = reasonsOther
	}
	return s
}
