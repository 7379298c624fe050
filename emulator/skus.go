package emulator

import "slices"

// The product catalogue of Google's products page
// (https://developers.google.com/workspace/admin/reseller/v1/how-tos/products): SKUs, the plans each accepts, and the
// Google Workspace upgrade/downgrade matrix.

// sku is one product SKU.
type sku struct {
	id, name, product string
	plans             []string // plans insert and changePlan accept
	team              bool     // team (email-verified) customers may buy it
	notResellable     bool     // insert answers 412 (E18)
	addOn             bool     // Drive/Vault: cancel before suspending Workspace
	trialDays         int64    // trial length (30, Chrome 60)
	maxSeats          int64    // 0: the 50,000 users-per-customer limit
}

// SKU IDs the rules name.
const (
	skuBusinessStarter  = "1010020027"
	skuBusinessStandard = "1010020028"
	skuBusinessPlus     = "1010020025"
	skuEnterpriseStd    = "1010020026"
	skuEnterprisePlus   = "1010020020"
	skuEssentials       = "1010060001"
	skuEntEssentials    = "1010060003"
	skuGSuiteBasic      = "Google-Apps-For-Business"
	skuGSuiteBusiness   = "Google-Apps-Unlimited"
	skuVault            = "Google-Vault"
	skuChrome           = "Google-Chrome-Device-Management"
	skuCloudIdentity    = "1010010001"
	skuDrive200GB       = "Google-Drive-storage-200GB"
	productWorkspace    = "Google-Apps"
	productDrive        = "Google-Drive-storage"
	productVault        = "Google-Vault"
	maxSeatsPerCustomer = 50000
	trialSeatCap        = 10
	enterpriseToBizCap  = 300
)

var (
	plansWorkspace = []string{planAnnualMonthly, planAnnualYearly, planFlexible, planTrial}
	plansPaid      = []string{planAnnualMonthly, planAnnualYearly, planFlexible}
)

// catalogue lists every SKU of the products page.
var catalogue = func() map[string]*sku {
	m := map[string]*sku{}
	add := func(product, id, name string, plans []string, opts ...func(*sku)) {
		s := &sku{id: id, name: name, product: product, plans: plans, trialDays: trialDays}
		for _, o := range opts {
			o(s)
		}
		m[id] = s
	}
	team := func(s *sku) { s.team = true }
	legacy := func(s *sku) { s.notResellable = true }
	addOn := func(s *sku) { s.addOn = true }
	ws := productWorkspace
	add(ws, skuBusinessStarter, "Google Workspace Business Starter", plansWorkspace)
	add(ws, skuBusinessStandard, "Google Workspace Business Standard", plansWorkspace)
	add(ws, skuBusinessPlus, "Google Workspace Business Plus", plansWorkspace)
	add(ws, skuEntEssentials, "Google Workspace Enterprise Essentials", []string{planAnnualMonthly}, team)
	add(ws, "1010020029", "Google Workspace Enterprise Starter", plansWorkspace)
	add(ws, skuEnterpriseStd, "Google Workspace Enterprise Standard", plansWorkspace)
	add(ws, skuEnterprisePlus, "Google Workspace Enterprise Plus", plansWorkspace)
	add(ws, skuEssentials, "Google Workspace Essentials", []string{planFlexible}, team)
	add(ws, "1010060005", "Google Workspace Enterprise Essentials Plus", plansWorkspace)
	add(ws, "1010020030", "Google Workspace Frontline Starter", plansWorkspace)
	add(ws, "1010020031", "Google Workspace Frontline Standard", plansWorkspace)
	add(ws, "1010020034", "Google Workspace Frontline Plus", plansWorkspace)
	add(ws, "1010020035", "Google Workspace Business Continuity", plansWorkspace)
	add(ws, "1010020036", "Google Workspace Business Continuity Plus", plansWorkspace)
	add(ws, skuGSuiteBusiness, "G Suite Business", plansPaid, legacy)
	add(ws, skuGSuiteBasic, "G Suite Basic", plansPaid, legacy)
	add(ws, "Google-Apps-Lite", "G Suite Lite", plansPaid, legacy)
	add(ws, "Google-Apps-For-Postini", "Google Apps Message Security", plansPaid, legacy)
	for _, g := range [][2]string{
		{"1010470001", "Gemini Enterprise"}, {"1010470002", "Gemini Labs"},
		{"1010470003", "Gemini Business"}, {"1010470006", "Gemini Security"},
		{"1010470007", "Gemini Meet"}, {"1010470008", "AI Ultra Access"},
		{"1010470009", "AI Expanded Access"},
	} {
		add("101047", g[0], g[1], plansPaid)
	}
	for _, a := range [][2]string{
		{"1010340004", "Google Workspace Enterprise Standard - Archived User"},
		{"1010340001", "Google Workspace Enterprise Plus - Archived User"},
		{"1010340005", "Google Workspace Business Starter - Archived User"},
		{"1010340006", "Google Workspace Business Standard - Archived User"},
		{"1010340003", "Google Workspace Business Plus - Archived User"},
		{"1010340002", "G Suite Business - Archived User"},
	} {
		add("101034", a[0], a[1], plansPaid)
	}
	add("101038", "1010380001", "AppSheet Core", plansPaid)
	add("101038", "1010380002", "AppSheet Enterprise Standard", plansPaid)
	add("101038", "1010380003", "AppSheet Enterprise Plus", plansPaid)
	add("101054", "1010540001", "AppSheet User Pass", plansPaid)
	for _, size := range []string{"20GB", "50GB", "200GB", "400GB", "1TB", "2TB", "4TB", "8TB", "16TB"} {
		add(productDrive, "Google-Drive-storage-"+size, "Google Drive Storage "+size, []string{planFlexible}, addOn)
	}
	add(productVault, skuVault, "Google Vault", []string{planFlexible, planTrial}, addOn)
	add(productVault, "Google-Vault-Former-Employee", "Google Vault - Former Employee", []string{planFlexible}, addOn, legacy)
	add(skuChrome, skuChrome, "Chrome Enterprise", []string{planAnnualMonthly, planTrial},
		func(s *sku) { s.trialDays = 60 })
	add("101001", skuCloudIdentity, "Cloud Identity", []string{planFree}, func(s *sku) { s.maxSeats = 50 })
	add("101005", "1010050001", "Cloud Identity Premium", plansPaid)
	add("101050", "1010500001", "Colab Pro", plansPaid)
	add("101050", "1010500002", "Colab Pro+", plansPaid)
	return m
}()

// allows reports whether the SKU can be on plan.
func (k *sku) allows(plan string) bool { return slices.Contains(k.plans, plan) }

// workspace reports whether k is a Google Workspace SKU (the product the
// emerging-market terms of service and Vault's prerequisite are about).
func (k *sku) workspace() bool { return k.product == productWorkspace }

// Kinds of SKU change in Google's upgrade and downgrade matrix.
const (
	moveUp           = 'u'
	moveDown         = 'd'
	moveDownMax300   = 'D' // Enterprise → Business: only with ≤ 300 seats
	moveUpIfVerified = 'U' // Enterprise Essentials → Enterprise: verified domain
)

// upgradeMatrix maps {from, to} to the kind of move; absent = not allowed.
var upgradeMatrix = func() map[[2]string]byte {
	const (
		basic, business, starter = skuGSuiteBasic, skuGSuiteBusiness, skuBusinessStarter
		standard, plus           = skuBusinessStandard, skuBusinessPlus
		entStd, entPlus, entEss  = skuEnterpriseStd, skuEnterprisePlus, skuEntEssentials
	)
	rows := map[string]map[string]byte{
		basic:    {starter: moveUp, standard: moveUp, plus: moveUp, entStd: moveUp, entPlus: moveUp},
		business: {starter: moveDown, standard: moveUp, plus: moveUp, entStd: moveUp, entPlus: moveUp},
		starter:  {standard: moveUp, plus: moveUp, entStd: moveUp, entPlus: moveUp},
		standard: {starter: moveDown, plus: moveUp, entStd: moveUp, entPlus: moveUp},
		plus:     {starter: moveDown, standard: moveDown, entStd: moveUp, entPlus: moveUp},
		entStd:   {starter: moveDownMax300, standard: moveDownMax300, plus: moveDownMax300, entPlus: moveUp},
		entPlus:  {starter: moveDownMax300, standard: moveDownMax300, plus: moveDownMax300, entStd: moveDown},
		entEss:   {entStd: moveUpIfVerified, entPlus: moveUpIfVerified},
	}
	m := map[[2]string]byte{}
	for from, tos := range rows {
		for to, kind := range tos {
			m[[2]string{from, to}] = kind
		}
	}
	return m
}()

// inMatrix reports whether a SKU takes part in upgrades/downgrades, so an
// insert of another such SKU is a switch rather than a second purchase.
func inMatrix(id string) bool {
	switch id {
	case skuGSuiteBasic, skuGSuiteBusiness, skuBusinessStarter, skuBusinessStandard,
		skuBusinessPlus, skuEnterpriseStd, skuEnterprisePlus, skuEntEssentials:
		return true
	}
	return false
}
