package emulator

import (
	"net/http"
	"slices"
)

// The subscription methods that act on one existing subscription: get,
// delete, changeSeats, changePlan, changeRenewalSettings, startPaidService,
// suspend and activate. Insert and transfers are in
// subscription_insert.go, list in paging.go.

// ourSub resolves the path's customer and subscription, refusing customers
// we may not manage (403) before unknown subscriptions (404).
func (st *store) ourSub(customerID, subscriptionID string, call *Call) (*subscription, *apiError) {
	c, err := st.resolve(customerID)
	if err != nil {
		return nil, err
	}
	call.CustomerID = c.id
	if err := c.access(); err != nil {
		return nil, err
	}
	sub := st.findSub(c, subscriptionID)
	if sub == nil || sub.foreign {
		return nil, errNotFound(msgSubscriptionNotFound)
	}
	call.SubscriptionID = sub.id
	return sub, nil
}

// withSub serves a method on one of our subscriptions: fn runs under the
// lock with the subscription resolved.
func (s *Server) withSub(w http.ResponseWriter, r *http.Request, fn func(sub *subscription, now int64, call *Call) (any, *apiError)) {
	cid, sid := r.PathValue("customerId"), r.PathValue("subscriptionId")
	s.serve(w, r, func(now int64, call *Call) (any, *apiError) {
		sub, err := s.st.ourSub(cid, sid, call)
		if err != nil {
			return nil, err
		}
		return fn(sub, now, call)
	})
}

// getSubscription serves reseller.subscriptions.get.
func (s *Server) getSubscription(w http.ResponseWriter, r *http.Request) {
	s.withSub(w, r, func(sub *subscription, _ int64, _ *Call) (any, *apiError) {
		return viewSubscription(sub), nil
	})
}

// deleteSubscription serves reseller.subscriptions.delete (E17).
func (s *Server) deleteSubscription(w http.ResponseWriter, r *http.Request) {
	kind := r.URL.Query().Get("deletionType")
	switch kind {
	case "":
		writeError(w, errRequiredParam("deletionType"))
		return
	case "cancel", "transfer_to_direct":
	default:
		writeError(w, errInvalid(msgDeletionTypeInvalid))
		return
	}
	s.withSub(w, r, func(sub *subscription, now int64, call *Call) (any, *apiError) {
		if !sub.cust.hasAdmin {
			return nil, errConditionNotMet(msgNoAdmin)
		}
		if kind == "cancel" && sub.sku.workspace() {
			return nil, errInvalid(msgCancelNotForWorkspace)
		}
		s.st.notify(EventCancelled, sub, now, cancelReason(kind))
		s.st.removeSub(sub)
		call.Applied = true
		return noContent{}, nil
	})
}

// seatsInput is a Seats body; pointers tell which fields were sent.
type seatsInput struct {
	NumberOfSeats         *jsonInt `json:"numberOfSeats"`
	MaximumNumberOfSeats  *jsonInt `json:"maximumNumberOfSeats"`
	LicensedNumberOfSeats *jsonInt `json:"licensedNumberOfSeats"`
}

// strictLicensed means no licensedNumberOfSeats value may be sent.
const strictLicensed = -1

// seatCount reads the seat field plan uses from in: E8 when the read-only
// licensedNumberOfSeats is sent (unless it just echoes echo, D4), E7 when
// the other plan's field is sent, required when none is.
func seatCount(plan string, in *seatsInput, echo int64) (int64, *apiError) {
	field := "seats.maximumNumberOfSeats"
	if isAnnual(plan) {
		field = "seats.numberOfSeats"
	}
	if in == nil {
		return 0, errRequiredField(field)
	}
	if in.LicensedNumberOfSeats != nil && int64(*in.LicensedNumberOfSeats) != echo {
		return 0, errInvalid(msgLicensedReadOnly)
	}
	want, other := in.MaximumNumberOfSeats, in.NumberOfSeats
	if isAnnual(plan) {
		want, other = in.NumberOfSeats, in.MaximumNumberOfSeats
	}
	if other != nil {
		return 0, errInvalid(msgSeatsWrongField)
	}
	if want == nil {
		return 0, errRequiredField(field)
	}
	n := int64(*want)
	switch {
	case n < 1:
		return 0, errInvalid(msgSeatsNotPositive)
	case n > maxSeatsPerCustomer:
		return 0, errInvalid(msgSeatsAboveMax)
	}
	return n, nil
}

// seatLimits applies the caps that depend on the subscription: the trial's
// 10 seats (E9) and a SKU's own maximum (Cloud Identity Free's 50).
func seatLimits(k *sku, inTrial bool, n int64) *apiError {
	if inTrial && n > trialSeatCap {
		return errInvalid(msgTrialSeatCap)
	}
	if k.maxSeats > 0 && n > k.maxSeats {
		return errInvalid(msgFreeSeatCap)
	}
	return nil
}

// changeSeats serves reseller.subscriptions.changeSeats (E1, E5–E9).
func (s *Server) changeSeats(w http.ResponseWriter, r *http.Request) {
	var in seatsInput
	if err := decodeBody(r, &in); err != nil {
		writeError(w, err)
		return
	}
	s.withSub(w, r, func(sub *subscription, now int64, call *Call) (any, *apiError) {
		if sub.suspended() {
			return nil, errBadRequest(msgSuspended)
		}
		n, err := seatCount(sub.plan, &in, strictLicensed)
		if err != nil {
			return nil, err
		}
		if err := seatLimits(sub.sku, sub.inTrial, n); err != nil {
			return nil, err
		}
		if sub.annual() && !sub.inTrial && n < sub.seats {
			return nil, errInvalid(msgSeatsAnnualDecrease)
		}
		if n < sub.licensed {
			return nil, errInvalid(msgSeatsBelowUsers)
		}
		call.Applied = n != sub.seats
		sub.seats = n
		if call.Applied && sub.annual() && !sub.inTrial {
			s.st.notify(EventCommitmentChanged, sub, now, "")
		}
		return viewSubscription(sub), nil
	})
}

// changePlanInput is a ChangePlanRequest body.
type changePlanInput struct {
	PlanName        *string     `json:"planName"`
	Seats           *seatsInput `json:"seats"`
	PurchaseOrderID *string     `json:"purchaseOrderId"`
	DealCode        *string     `json:"dealCode"`
}

// parsePlan maps a request plan name to the stored one; ANNUAL, as sent
// in responses, is accepted for ANNUAL_MONTHLY_PAY.
func parsePlan(name string) (string, bool) {
	switch name {
	case "ANNUAL", planAnnualMonthly:
		return planAnnualMonthly, true
	case planAnnualYearly, planFlexible, planTrial, planFree:
		return name, true
	}
	return "", false
}

// checkOrderFields applies the length limits of purchaseOrderId (80) and
// dealCode (100).
func checkOrderFields(po, deal string) *apiError {
	if len([]rune(po)) > 80 {
		return errInvalid(msgPurchaseOrderTooLong)
	}
	if len([]rune(deal)) > 100 {
		return errInvalid(msgDealCodeTooLong)
	}
	return nil
}

// changePlan serves reseller.subscriptions.changePlan. A trial may
// get any payment plan (it starts when the trial ends or at
// startPaidService); a flexible plan may move to annual; an annual plan
// can't change. A trial suspended TRIAL_ENDED is revived by a plan, which
// starts at once.
func (s *Server) changePlan(w http.ResponseWriter, r *http.Request) {
	var in changePlanInput
	if err := decodeBody(r, &in); err != nil {
		writeError(w, err)
		return
	}
	s.withSub(w, r, func(sub *subscription, now int64, call *Call) (any, *apiError) {
		revive := len(sub.reasons) == 1 && sub.reasons[0] == reasonTrialEnded
		if sub.suspended() && !revive {
			return nil, errBadRequest(msgSuspended)
		}
		if deref(in.PlanName) == "" {
			return nil, errRequiredField("planName")
		}
		plan, ok := parsePlan(*in.PlanName)
		if !ok || plan == planFree {
			return nil, errInvalid(msgPlanNameInvalid)
		}
		po, deal := deref(in.PurchaseOrderID), deref(in.DealCode)
		if err := checkOrderFields(po, deal); err != nil {
			return nil, err
		}
		if !sub.sku.allows(plan) {
			return nil, errInvalid(msgPlanNotForSku)
		}
		switch {
		case sub.inTrial:
		case sub.annual():
			return nil, errInvalid(msgAnnualPlanChange)
		case plan == planTrial:
			return nil, errInvalid(msgNoTrialReturn)
		}
		n, err := seatCount(plan, in.Seats, strictLicensed)
		if err != nil {
			return nil, err
		}
		if err := seatLimits(sub.sku, sub.inTrial, n); err != nil {
			return nil, err
		}
		if n < sub.licensed {
			return nil, errInvalid(msgSeatsBelowUsers)
		}
		if deal != "" && sub.dealCode != "" && deal != sub.dealCode {
			return nil, errInvalid(msgDealCodeMismatch)
		}
		wasAnnual := sub.annual()
		sub.plan, sub.seats = plan, n
		if in.PurchaseOrderID != nil {
			sub.purchaseOrderID = po
		}
		if deal != "" {
			sub.dealCode = deal
		}
		switch {
		case sub.inTrial:
			// The plan is assigned, not started.
		case revive:
			sub.dropReason(reasonTrialEnded)
			if sub.annual() {
				startCommitment(sub, now)
			}
			s.st.notify(EventSuspensionRevoked, sub, now, "")
		case sub.annual() && !wasAnnual:
			startCommitment(sub, now)
			s.st.notify(EventPlanSwitched, sub, now, "")
		}
		s.st.timeline.schedule(sub)
		call.Applied = true
		return viewSubscription(sub), nil
	})
}

// renewalTypes are the values of RenewalSettings.renewalType.
var renewalTypes = []string{
	"AUTO_RENEW_MONTHLY_PAY", "AUTO_RENEW_YEARLY_PAY",
	"RENEW_CURRENT_USERS_MONTHLY_PAY", "RENEW_CURRENT_USERS_YEARLY_PAY",
	"RENEW_ON_PROPOSED_OFFER", "SWITCH_TO_PAY_AS_YOU_GO", "CANCEL",
}

func annualRenewal(t string) bool { return slices.Contains(renewalTypes, t) }

// defaultRenewal is the renewal an annual plan gets when none is given:
// renew with the current users, paid as the plan is paid.
func defaultRenewal(plan string) string {
	if plan == planAnnualYearly {
		return "RENEW_CURRENT_USERS_YEARLY_PAY"
	}
	return "RENEW_CURRENT_USERS_MONTHLY_PAY"
}

// changeRenewalSettings serves reseller.subscriptions.changeRenewalSettings
// (E16): annual plans only.
func (s *Server) changeRenewalSettings(w http.ResponseWriter, r *http.Request) {
	var in struct {
		RenewalType *string `json:"renewalType"`
	}
	if err := decodeBody(r, &in); err != nil {
		writeError(w, err)
		return
	}
	s.withSub(w, r, func(sub *subscription, _ int64, call *Call) (any, *apiError) {
		if sub.suspended() {
			return nil, errBadRequest(msgSuspended)
		}
		if !sub.annual() {
			return nil, errConditionNotMet(msgRenewalNotAnnual)
		}
		t := deref(in.RenewalType)
		if t == "" {
			return nil, errRequiredField("renewalType")
		}
		if !annualRenewal(t) {
			return nil, errInvalid(msgRenewalTypeInvalid)
		}
		call.Applied = t != sub.renewalType
		sub.renewalType = t
		return viewSubscription(sub), nil
	})
}

// startPaidService serves reseller.subscriptions.startPaidService:
// it ends the trial of a subscription that has a payment plan.
func (s *Server) startPaidService(w http.ResponseWriter, r *http.Request) {
	s.withSub(w, r, func(sub *subscription, now int64, call *Call) (any, *apiError) {
		if sub.suspended() {
			return nil, errBadRequest(msgSuspended)
		}
		if !sub.inTrial {
			return nil, errConditionNotMet(msgNotInTrial)
		}
		if sub.plan == planTrial {
			return nil, errConditionNotMet(msgNoPaymentPlan)
		}
		endTrial(sub, now)
		s.st.timeline.schedule(sub)
		s.st.notify(EventTrialEnded, sub, now, "")
		call.Applied = true
		return viewSubscription(sub), nil
	})
}

// suspend serves reseller.subscriptions.suspend.
func (s *Server) suspend(w http.ResponseWriter, r *http.Request) {
	s.withSub(w, r, func(sub *subscription, now int64, call *Call) (any, *apiError) {
		if sub.suspended() {
			return nil, errBadRequest(msgSuspended)
		}
		if sub.inTrial || sub.plan == planTrial || sub.plan == planFree {
			return nil, errConditionNotMet(msgCannotSuspendTrial)
		}
		if sub.sku.workspace() && hasActiveAddOn(sub.cust) {
			return nil, errConditionNotMet(msgSuspendAddOnsFirst)
		}
		sub.addReason(reasonReseller)
		sub.suspendedAt = now
		s.st.timeline.schedule(sub)
		s.st.notify(EventSuspended, sub, now, "")
		call.Applied = true
		return viewSubscription(sub), nil
	})
}

// hasActiveAddOn reports whether c has an active Drive or Vault
// subscription of ours, which must go before Workspace is suspended.
func hasActiveAddOn(c *customer) bool {
	for _, x := range c.subs {
		if !x.foreign && x.sku.addOn && !x.suspended() {
			return true
		}
	}
	return false
}

// activate serves reseller.subscriptions.activate: it lifts only a
// reseller suspension, and is a no-op on an active subscription so a
// retried call succeeds.
func (s *Server) activate(w http.ResponseWriter, r *http.Request) {
	s.withSub(w, r, func(sub *subscription, now int64, call *Call) (any, *apiError) {
		if !sub.suspended() {
			return viewSubscription(sub), nil
		}
		if !sub.hasReason(reasonReseller) {
			return nil, errConditionNotMet(msgActivateNotReseller)
		}
		sub.dropReason(reasonReseller)
		sub.suspendedAt = 0
		if sub.annual() && !sub.suspended() && sub.commitEnd > 0 && sub.commitEnd <= now {
			// A suspended annual plan does not renew; activating after
			// its renewal date starts a new year on the activation day.
			startCommitment(sub, now)
		}
		s.st.timeline.schedule(sub)
		s.st.notify(EventSuspensionRevoked, sub, now, "")
		call.Applied = true
		return viewSubscription(sub), nil
	})
}

// cancelReason is the push notification's cancellation reason for a
// subscriptions.delete of kind.
func cancelReason(deletionType string) string {
	if deletionType == "transfer_to_direct" {
		return CancelTransferredOut
	}
	return CancelResellerInitiated
}
