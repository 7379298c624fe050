package emulator

import (
	"encoding/json"
	"io"
	"strconv"
)

// Push notifications. Google publishes subscription events to the
// reseller's Pub/Sub topic once resellernotify.register has created it;
// Pub/Sub cannot be reached here, so the emulator writes each event, in
// the JSON Google puts (base64-encoded) in the Pub/Sub message's data, as
// one line to Options.Events. Event types and reasons are Google's
// (https://developers.google.com/workspace/admin/reseller/v1/how-tos/push).

// Event types the emulator produces.
const (
	EventCreated           = "NEW_SUBSCRIPTION_CREATED"
	EventTrialEnded        = "SUBSCRIPTION_TRIAL_ENDED"
	EventPlanSwitched      = "PRICE_PLAN_SWITCHED"
	EventCommitmentChanged = "COMMITMENT_CHANGED"
	EventRenewed           = "SUBSCRIPTION_RENEWED"
	EventSuspended         = "SUBSCRIPTION_SUSPENDED"
	EventSuspensionRevoked = "SUBSCRIPTION_SUSPENSION_REVOKED"
	EventCancelled         = "SUBSCRIPTION_CANCELLED"
	EventConverted         = "SUBSCRIPTION_CONVERTED"
	EventUpgrade           = "SUBSCRIPTION_UPGRADE"
	EventDowngrade         = "SUBSCRIPTION_DOWNGRADE"
)

// Cancellation reasons (Event.SubscriptionCancellationReason).
const (
	CancelTransferredOut    = "TRANSFERRED_OUT"
	CancelSubsumingSku      = "PURCHASE_OF_SUBSUMING_SKU"
	CancelResellerInitiated = "RESELLER_INITIATED"
	CancelOther             = "OTHER"
)

// Event is one push notification, with Google's snake_case keys.
type Event struct {
	SkuID              string      `json:"sku_id"`
	EventType          string      `json:"event_type"`
	CustomerDomainName string      `json:"customer_domain_name"`
	SubscriptionID     string      `json:"subscription_id"`
	CustomerID         string      `json:"customer_id"`
	MessageID          string      `json:"message_id"`
	PublishTime        PublishTime `json:"publish_time"`
	ResellerCustomerID string      `json:"reseller_customer_id"`
	// SubscriptionSuspensionReasons come with SUBSCRIPTION_SUSPENDED.
	SubscriptionSuspensionReasons []string `json:"subscription_suspension_reasons,omitempty"`
	// SubscriptionCancellationReason comes with SUBSCRIPTION_CANCELLED.
	SubscriptionCancellationReason string `json:"subscription_cancellation_reason,omitempty"`
}

// PublishTime is a protobuf Timestamp.
type PublishTime struct {
	Seconds int64 `json:"seconds"`
	Nanos   int32 `json:"nanos"`
}

// eventSink numbers events and writes them, one JSON line each. It is
// used only with Server.mu held, which keeps the lines in order.
type eventSink struct {
	w      io.Writer
	nextID int64
}

// notify queues an event about sub at t (epoch ms) when the topic exists.
// Suspension reasons are taken from sub for SUBSCRIPTION_SUSPENDED.
func (st *store) notify(eventType string, sub *subscription, t int64, cancelReason string) {
	if st.topic == "" {
		return
	}
	e := Event{
		SkuID:              sub.sku.id,
		EventType:          eventType,
		CustomerDomainName: sub.cust.domain,
		SubscriptionID:     sub.id,
		CustomerID:         sub.cust.id,
		PublishTime:        PublishTime{Seconds: t / 1000, Nanos: int32(t%1000) * 1_000_000},
		ResellerCustomerID: ResellerID,
	}
	switch eventType {
	case EventSuspended:
		e.SubscriptionSuspensionReasons = append([]string(nil), sub.reasons...)
	case EventCancelled:
		e.SubscriptionCancellationReason = cancelReason
	}
	st.pending = append(st.pending, e)
}

// flushEvents writes the queued events; Server.mu must be held. A writer
// that fails loses those lines, never the change they describe.
func (s *Server) flushEvents() {
	pending := s.st.pending
	s.st.pending = nil
	if s.events.w == nil {
		return
	}
	for _, e := range pending {
		s.events.nextID++
		e.MessageID = strconv.FormatInt(s.events.nextID, 10)
		b, err := json.Marshal(e)
		if err != nil {
			continue
		}
		_, _ = s.events.w.Write(append(b, '\n'))
	}
}
