package edit

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"resold/client"
	"resold/tui/common"
	"resold/tui/form"
	"resold/tui/message"
)

// seatsSpec changes the number of seats. The form asks for "seats"; the
// client sends the field the plan needs (numberOfSeats on annual plans,
// maximumNumberOfSeats otherwise).
func seatsSpec(c common.Common, sub client.Subscription) spec {
	limit := sub.SeatLimit()
	hint := fmt.Sprintf("Sent as maximumNumberOfSeats: the most users the customer may license, at least the %d licensed now.", sub.LicensedSeats)
	switch {
	case sub.Plan.IsAnnual() && !sub.InTrial:
		hint = "Sent as numberOfSeats, what Google bills: an annual commitment can only go up until the renewal."
	case sub.InTrial || sub.Plan == client.PlanTrial:
		hint = fmt.Sprintf("Sent as maximumNumberOfSeats: at most %d while the trial runs; starting paid service lifts the cap.", client.TrialSeatCap)
	}
	field := form.Text(c, "seats", seatsShort(sub.Plan), "", fmt.Sprintf("now %d", limit), 7).WithHint(hint)
	s := spec{
		kind: message.EditSeats, title: "Change the seats", question: "Change the seats?", crumb: "seats",
		done: "Seats changed", method: "subscriptions.changeSeats",
		sub: &sub, customerID: sub.CustomerID, subscriptionID: sub.ID, about: aboutSub(sub),
		intro:  subIntro(sub),
		fields: []form.Field{field},
	}
	s.check = func(f form.Model) []problem {
		n, p := parseSeats(f.Value("seats"), "seats")
		if p != nil {
			return []problem{*p}
		}
		if n == limit {
			return []problem{local("seats", fmt.Sprintf("Already %d: nothing to change", n), "Enter another number of seats.")}
		}
		return invalid("seats", client.ValidateSeats(sub, n))
	}
	s.changes = func(f form.Model) []change {
		return []change{{key: "seats", label: seatsLabel(sub.Plan), before: strconv.Itoa(limit), after: strings.TrimSpace(f.Value("seats"))}}
	}
	s.send = func(f form.Model) func(context.Context, common.API) (result, error) {
		n, _ := parseSeats(f.Value("seats"), "seats")
		return func(ctx context.Context, api common.API) (result, error) {
			return subResult(api.ChangeSeats(ctx, sub, n))
		}
	}
	s.rebuild = func(now client.Subscription) (spec, bool) { return seatsSpec(c, now), true }
	return s
}

// parseSeats reads a seat count typed into field key.
func parseSeats(text, key string) (int, *problem) {
	text = strings.TrimSpace(text)
	if text == "" {
		p := local(key, "Enter the number of seats", "Type a whole number, e.g. 25.")
		return 0, &p
	}
	n, err := strconv.Atoi(text)
	if err != nil {
		p := local(key, "Not a whole number of seats", "Type digits only, e.g. 25.")
		return 0, &p
	}
	return n, nil
}
