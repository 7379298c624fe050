package emulator

import "container/heap"

// The time rules: a trial ends after 30 days (its assigned plan starts, or
// it is suspended TRIAL_ENDED), an annual commitment renews at its end as
// its renewalType says (CANCEL suspends it RENEWAL_WITH_TYPE_CANCEL), and a
// reseller suspension longer than 60 days cancels the subscription. They
// are evaluated against Options.Clock on every request, so tests move a
// fake clock instead of sleeping. Each subscription has at most one pending
// event, kept in a min-heap; rescheduling bumps the subscription's
// generation so an older event is skipped when it surfaces.

type eventKind uint8

const (
	evTrialEnd eventKind = iota + 1
	evCommitmentEnd
	evSuspensionLimit
)

type event struct {
	at   int64
	sub  *subscription
	gen  uint32
	kind eventKind
}

// timeline is a min-heap of events by due time.
type timeline []event

func (t timeline) Len() int           { return len(t) }
func (t timeline) Less(i, j int) bool { return t[i].at < t[j].at }
func (t timeline) Swap(i, j int)      { t[i], t[j] = t[j], t[i] }

// Push implements heap.Interface.
func (t *timeline) Push(x any) { *t = append(*t, x.(event)) }

// Pop implements heap.Interface.
func (t *timeline) Pop() any {
	old := *t
	e := old[len(old)-1]
	old[len(old)-1] = event{}
	*t = old[:len(old)-1]
	return e
}

// nextEvent is the one rule that will next change s on its own.
func nextEvent(s *subscription) (eventKind, int64) {
	switch {
	case s.deleted:
		return 0, 0
	case s.inTrial:
		return evTrialEnd, s.trialEnd
	case s.hasReason(reasonReseller):
		return evSuspensionLimit, s.suspendedAt + suspensionDays*dayMS
	case s.annual() && !s.suspended() && s.commitEnd > 0:
		return evCommitmentEnd, s.commitEnd
	}
	return 0, 0
}

// schedule replaces s's pending event after a change to s.
func (t *timeline) schedule(s *subscription) {
	s.gen++
	if kind, at := nextEvent(s); kind != 0 {
		heap.Push(t, event{at: at, sub: s, gen: s.gen, kind: kind})
	}
}

// scheduleBulk queues s's event without keeping the heap ordered; call
// heap.Init afterwards (used while loading the dataset).
func (t *timeline) scheduleBulk(s *subscription) {
	s.gen++
	if kind, at := nextEvent(s); kind != 0 {
		*t = append(*t, event{at: at, sub: s, gen: s.gen, kind: kind})
	}
}

// advance applies every event due at or before now, in time order.
func (st *store) advance(now int64) {
	for len(st.timeline) > 0 && st.timeline[0].at <= now {
		e := heap.Pop(&st.timeline).(event)
		s := e.sub
		if s.deleted || s.gen != e.gen {
			continue
		}
		switch e.kind {
		case evTrialEnd:
			endTrial(s, e.at)
			st.notify(EventTrialEnded, s, e.at, "")
			if s.hasReason(reasonTrialEnded) {
				st.notify(EventSuspended, s, e.at, "")
			}
		case evCommitmentEnd:
			renew(s, e.at)
			switch {
			case s.hasReason(reasonRenewalCancel):
				st.notify(EventSuspended, s, e.at, "")
			case s.annual():
				st.notify(EventRenewed, s, e.at, "")
			}
		case evSuspensionLimit:
			st.notify(EventCancelled, s, e.at, CancelResellerInitiated)
			st.removeSub(s)
			continue
		}
		st.timeline.schedule(s)
	}
}

// endTrial ends s's trial at t: the assigned plan starts, or, with none
// assigned, the subscription is suspended TRIAL_ENDED.
func endTrial(s *subscription, t int64) {
	s.inTrial = false
	s.trialEnd = t
	switch {
	case s.plan == planTrial:
		s.addReason(reasonTrialEnded)
	case s.annual():
		startCommitment(s, t)
	}
}

// startCommitment starts a one-year commitment at t with the default
// renewal when none is set.
func startCommitment(s *subscription, t int64) {
	s.commitStart, s.commitEnd = t, t+yearMS
	if s.renewalType == "" || !annualRenewal(s.renewalType) {
		s.renewalType = defaultRenewal(s.plan)
	}
}

// renew applies s's renewalType at the end of its commitment.
func renew(s *subscription, t int64) {
	switch s.renewalType {
	case "AUTO_RENEW_MONTHLY_PAY":
		s.plan = planAnnualMonthly
	case "AUTO_RENEW_YEARLY_PAY":
		s.plan = planAnnualYearly
	case "RENEW_CURRENT_USERS_MONTHLY_PAY":
		s.plan, s.seats = planAnnualMonthly, max(s.licensed, 1)
	case "RENEW_CURRENT_USERS_YEARLY_PAY":
		s.plan, s.seats = planAnnualYearly, max(s.licensed, 1)
	case "RENEW_ON_PROPOSED_OFFER":
		s.seats = max(s.seats, s.licensed)
	case "SWITCH_TO_PAY_AS_YOU_GO":
		s.plan, s.seats = planFlexible, max(s.seats, s.licensed)
		s.commitStart, s.commitEnd, s.renewalType = 0, 0, ""
		return
	case "CANCEL":
		s.addReason(reasonRenewalCancel)
		return
	default:
		s.seats = max(s.licensed, 1)
	}
	s.commitStart, s.commitEnd = t, t+yearMS
}

// addReason adds a suspension reason once, copying for the same reason.
func (s *subscription) addReason(r string) {
	if !s.hasReason(r) {
		s.reasons = append(s.reasons[:len(s.reasons):len(s.reasons)], r)
	}
}

// dropReason removes a suspension reason. It builds a new slice because
// generated subscriptions may share one reasons slice.
func (s *subscription) dropReason(r string) {
	var out []string
	for _, x := range s.reasons {
		if x != r {
			out = append(out, x)
		}
	}
	s.reasons = out
}
