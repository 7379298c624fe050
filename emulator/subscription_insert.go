package emulator

import "net/http"

// subscriptions.insert: a purchase, an upgrade/downgrade (a new
// subscription replacing the old one), or, with customerAuthToken, a
// transfer from Google or another reseller (E12, E18, D1, D4).

// subscriptionInput is a Subscription request body. Output-only fields a
// client may echo back (creationTime, status, …) are ignored.
type subscriptionInput struct {
	SkuID *string `json:"skuId"`
	Plan  *struct {
		PlanName *string `json:"planName"`
	} `json:"plan"`
	Seats           *seatsInput `json:"seats"`
	RenewalSettings *struct {
		RenewalType *string `json:"renewalType"`
	} `json:"renewalSettings"`
	PurchaseOrderID *string `json:"purchaseOrderId"`
	DealCode        *string `json:"dealCode"`
}

// order is a validated subscriptionInput, before seats.
type order struct {
	sku         *sku
	plan        string
	renewalType string
	po, deal    string
}

// parseOrder checks the fields every insert needs: skuId, plan (known and
// offered for the SKU), renewal type, and the lengths of purchaseOrderId
// and dealCode.
func parseOrder(in *subscriptionInput) (order, *apiError) {
	var o order
	id := deref(in.SkuID)
	if id == "" {
		return o, errRequiredField("skuId")
	}
	o.sku = catalogue[id]
	if o.sku == nil {
		return o, errInvalid(msgSkuUnknown)
	}
	name := ""
	if in.Plan != nil {
		name = deref(in.Plan.PlanName)
	}
	if name == "" {
		return o, errRequiredField("plan.planName")
	}
	plan, ok := parsePlan(name)
	if !ok {
		return o, errInvalid(msgPlanNameInvalid)
	}
	if !o.sku.allows(plan) {
		return o, errInvalid(msgPlanNotForSku)
	}
	o.plan = plan
	if in.RenewalSettings != nil && isAnnual(plan) {
		if t := deref(in.RenewalSettings.RenewalType); t != "" {
			if !annualRenewal(t) {
				return o, errInvalid(msgRenewalTypeInvalid)
			}
			o.renewalType = t
		}
	}
	o.po, o.deal = deref(in.PurchaseOrderID), deref(in.DealCode)
	return o, checkOrderFields(o.po, o.deal)
}

// insertSubscription serves reseller.subscriptions.insert.
func (s *Server) insertSubscription(w http.ResponseWriter, r *http.Request) {
	cid := r.PathValue("customerId")
	q := r.URL.Query()
	action, sourceSku, token := q.Get("action"), q.Get("sourceSkuId"), q.Get("customerAuthToken")
	switch action {
	case "", "actionUnspecified", "buy", "switch":
	default:
		writeError(w, errInvalid(msgActionInvalid))
		return
	}
	if action == "switch" && sourceSku == "" {
		writeError(w, errRequiredParam("sourceSkuId"))
		return
	}
	var in subscriptionInput
	if err := decodeBody(r, &in); err != nil {
		writeError(w, err)
		return
	}
	s.serve(w, r, func(now int64, call *Call) (any, *apiError) {
		c, err := s.st.resolve(cid)
		if err != nil {
			return nil, err
		}
		call.CustomerID = c.id
		if c.revoked {
			return nil, errForbidden(msgResellerAccessRevoked)
		}
		if token != "" {
			return s.transfer(c, &in, token, action, now, call, batchFrom(r.Context()))
		}
		if c.owner != ownedByUs {
			return nil, errForbidden(msgNotYourCustomer)
		}
		o, err := parseOrder(&in)
		if err != nil {
			return nil, err
		}
		return s.purchase(c, o, in.Seats, action, sourceSku, now, call)
	})
}

// purchase buys o for our customer c, switching from an existing Workspace
// SKU when the insert is an upgrade or downgrade.
func (s *Server) purchase(c *customer, o order, seatsIn *seatsInput, action, sourceSku string, now int64, call *Call) (any, *apiError) {
	k := o.sku
	switch {
	case c.team && !k.team:
		return nil, errConditionNotMet(msgNotEligible)
	case k.notResellable:
		return nil, errConditionNotMet(msgSkuNotResellable)
	case c.emerging && k.workspace():
		return nil, errConditionNotMet(msgEmergingTos)
	case ownSubWithSku(c, k.id) != nil:
		return nil, errDuplicate(msgSubscriptionExists)
	case k.product == productVault && !hasActiveWorkspace(c):
		return nil, errConditionNotMet(msgVaultNeedsWorkspace)
	}
	var src *subscription
	switch action {
	case "switch":
		if src = ownSubWithSku(c, sourceSku); src == nil {
			return nil, errInvalid(msgSourceSkuNotFound)
		}
	case "buy":
	default:
		src = switchSource(c, k)
	}
	var licensed int64
	if src != nil {
		licensed = src.licensed
	}
	n, err := seatCount(o.plan, seatsIn, licensed)
	if err != nil {
		return nil, err
	}
	if err := seatLimits(k, o.plan == planTrial, n); err != nil {
		return nil, err
	}
	if src != nil {
		if err := checkSwitch(c, src, k, n); err != nil {
			return nil, err
		}
	}
	if n < licensed {
		return nil, errInvalid(msgSeatsBelowUsers)
	}
	sub := s.st.newSubscription(c, k, o, n, now)
	sub.licensed = licensed
	if src != nil {
		s.st.notify(EventCancelled, src, now, CancelSubsumingSku)
		s.st.removeSub(src) // "terminates the previous subscription"
	}
	s.st.addSub(sub)
	s.st.notify(purchaseEvent(src, k), sub, now, "")
	call.SubscriptionID, call.Applied = sub.id, true
	return viewSubscription(sub), nil
}

// newSubscription builds an active subscription created now.
func (st *store) newSubscription(c *customer, k *sku, o order, seats, now int64) *subscription {
	sub := &subscription{
		id: st.newSubID(), cust: c, sku: k, plan: o.plan, seats: seats, created: now,
		renewalType: o.renewalType, purchaseOrderID: o.po, dealCode: o.deal,
	}
	switch {
	case o.plan == planTrial:
		sub.inTrial, sub.trialEnd = true, now+k.trialDays*dayMS
	case isAnnual(o.plan):
		startCommitment(sub, now)
	}
	return sub
}

// ownSubWithSku returns c's own subscription to skuID, if any.
func ownSubWithSku(c *customer, skuID string) *subscription {
	for _, x := range c.subs {
		if !x.foreign && x.sku.id == skuID {
			return x
		}
	}
	return nil
}

// hasActiveWorkspace reports whether c has an active Workspace
// subscription of ours (Vault's prerequisite).
func hasActiveWorkspace(c *customer) bool {
	for _, x := range c.subs {
		if !x.foreign && x.sku.workspace() && !x.suspended() {
			return true
		}
	}
	return false
}

// switchSource finds the subscription an insert of k replaces when no
// action is given: another SKU of the upgrade matrix.
func switchSource(c *customer, k *sku) *subscription {
	if !inMatrix(k.id) {
		return nil
	}
	for _, x := range c.subs {
		if !x.foreign && x.sku.id != k.id && inMatrix(x.sku.id) {
			return x
		}
	}
	return nil
}

// checkSwitch applies the upgrade/downgrade rules for src → k with n seats.
func checkSwitch(c *customer, src *subscription, k *sku, n int64) *apiError {
	if src.suspended() {
		return errBadRequest(msgSuspended)
	}
	move := upgradeMatrix[[2]string{src.sku.id, k.id}]
	if move == 0 {
		// Outside the matrix, a switch stays within one product (Drive
		// storage sizes, Gemini editions).
		if inMatrix(k.id) || inMatrix(src.sku.id) || src.sku.product != k.product {
			return errInvalid(msgSwitchNotAllowed)
		}
		move = moveUp
	}
	committed := src.annual() && !src.inTrial
	switch move {
	case moveDown, moveDownMax300:
		if committed {
			return errInvalid(msgAnnualDowngrade)
		}
		if move == moveDownMax300 && n > enterpriseToBizCap {
			return errInvalid(msgEnterpriseDowngradeSeats)
		}
	case moveUp, moveUpIfVerified:
		if committed && src.plan == planAnnualYearly {
			return errInvalid(msgYearlyUpgrade)
		}
		if move == moveUpIfVerified && !c.verified {
			return errInvalid(msgUnverifiedDomainUpgrade)
		}
	}
	return nil
}

// transferOK are the suspension reasons a subscription may carry and still
// be transferred.
var transferOK = map[string]bool{reasonPendingTOS: true, reasonTrialEnded: true, reasonRenewalCancel: true}

// transfer moves one of c's subscriptions from Google or another reseller
// to us. It keeps the SKU (or takes a legacy SKU's successor), mints a new
// subscription ID, and makes c ours. b is the batch the call is part of,
// or nil: a subscription that must move with others moves only in a
// batch holding them all (transfer_rules.go).
func (s *Server) transfer(c *customer, in *subscriptionInput, token, action string, now int64, call *Call, b *batchTransfers) (any, *apiError) {
	src, o, n, err := checkTransfer(c, in, token, action, now)
	if err == nil {
		err = checkSet(b, c, src)
	}
	if err != nil {
		if b != nil && b.checking && src != nil && transferSet(c, src) != nil {
			b.refused[c.id] = true // the rest of the set is refused with it
		}
		return nil, err
	}
	if b != nil && b.checking {
		return viewSubscription(src), nil // checked, not applied
	}
	from := c.owner
	c.owner = ownedByUs
	sub := s.st.newSubscription(c, o.sku, o, n, now)
	sub.licensed = src.licensed
	s.st.removeSub(src)
	s.st.addSub(sub)
	s.st.notify(transferEvent(from), sub, now, "")
	call.SubscriptionID, call.Applied = sub.id, true
	return viewSubscription(sub), nil
}

// checkTransfer applies a transfer's own rules and returns the foreign
// subscription it moves (set once known, even with an error), the order
// and the seat count.
func checkTransfer(c *customer, in *subscriptionInput, token, action string, now int64) (*subscription, order, int64, *apiError) {
	if !c.tokenValid(token, now) {
		return nil, order{}, 0, errForbidden(msgTransferTokenInvalid)
	}
	if action == "switch" {
		return nil, order{}, 0, errInvalid(msgTransferSkuMismatch)
	}
	o, err := parseOrder(in)
	if err != nil {
		return nil, o, 0, err
	}
	var src *subscription
	for _, x := range c.subs {
		if x.foreign && transferSku(x).id == o.sku.id {
			src = x
			break
		}
	}
	switch {
	case o.deal != "":
		return src, o, 0, errInvalid(msgTransferDealCode)
	case o.plan == planTrial:
		return src, o, 0, errInvalid(msgTransferTrial)
	case src == nil && ownSubWithSku(c, o.sku.id) != nil:
		return nil, o, 0, errDuplicate(msgSubscriptionExists)
	case src == nil:
		return nil, o, 0, errInvalid(msgTransferSkuMismatch)
	}
	n, err := seatCount(o.plan, in.Seats, src.licensed)
	if err != nil {
		return src, o, 0, err
	}
	if err := seatLimits(o.sku, false, n); err != nil {
		return src, o, 0, err
	}
	if n < transferInfoFor(src).MinimumTransferableSeats {
		return src, o, 0, errInvalid(msgTransferBelowMinimum)
	}
	if !transferable(src) {
		return src, o, 0, errConditionNotMet(msgTransferSuspended)
	}
	return src, o, n, nil
}

// purchaseEvent is the push notification of an insert: a new subscription,
// or an upgrade or downgrade from src.
func purchaseEvent(src *subscription, k *sku) string {
	if src == nil {
		return EventCreated
	}
	switch upgradeMatrix[[2]string{src.sku.id, k.id}] {
	case moveDown, moveDownMax300:
		return EventDowngrade
	}
	return EventUpgrade
}

// transferEvent is the push notification of a transfer in: from Google
// direct the subscription is converted (the customer is already ours when
// its second subscription moves); from another reseller it is new to this
// reseller.
func transferEvent(from owner) string {
	if from == ownedByOtherReseller {
		return EventCreated
	}
	return EventConverted
}
