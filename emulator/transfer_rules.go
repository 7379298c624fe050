package emulator

import "context"

// Transfers that must move together. Google's description of
// subscriptions.insert: a Google Workspace subscription whose customer
// also holds Google Drive storage or Google Vault subscriptions is
// transferred with them, in one batch request; on their own the transfers
// fail. The legacy SKUs Google-Apps-For-Postini, Google-Apps-Lite and
// Google-Vault-Former-Employee must be included too
// (https://developers.google.com/workspace/admin/reseller/v1/how-tos/manage_subscriptions#transfer_a_subscription).
//
// Google documents neither the code of the refusal nor what happens to the
// other transfers of a batch when one of them is refused. The emulator's
// choices, marked inferred in its messages and the README:
//   - an individual transfer (or a batch missing a member of the set) is
//     412 conditionNotMet, as the other transfer preconditions are;
//   - the set is the customer's Workspace, Drive storage, Vault and the
//     three legacy SKUs' subscriptions that can be transferred at all; a
//     member suspended for a reason that blocks its transfer stays behind
//     and is not required;
//   - the set moves all or nothing: when one member's transfer is refused,
//     the others in the batch are refused too (412), so a customer is never
//     left half transferred.

// mustIncludeLegacy are the legacy SKUs a transfer must include when the
// customer holds them.
var mustIncludeLegacy = map[string]bool{
	"Google-Apps-For-Postini":      true,
	"Google-Apps-Lite":             true,
	"Google-Vault-Former-Employee": true,
}

// legacySuccessor is the SKU a transferable listing recommends for a legacy
// SKU (inferred: Google names no table). A legacy SKU without a successor
// here is transferred as itself.
var legacySuccessor = map[string]string{
	skuGSuiteBasic:     skuBusinessStarter,
	skuGSuiteBusiness:  skuBusinessStandard,
	"Google-Apps-Lite": skuBusinessStarter,
}

// legacy reports whether k is a legacy SKU: the listing names it in
// transferInfo.currentLegacySkuId.
func (k *sku) legacy() bool {
	return k.notResellable && (k.product == productWorkspace || k.product == productVault)
}

// transferSku is the SKU a transfer of s orders: the recommended successor
// of a legacy SKU, else s's own.
func transferSku(s *subscription) *sku {
	if id, ok := legacySuccessor[s.sku.id]; ok {
		return catalogue[id]
	}
	return s.sku
}

// transferable reports whether s's suspension, if any, lets it move.
func transferable(s *subscription) bool {
	for _, r := range s.reasons {
		if !transferOK[r] {
			return false
		}
	}
	return true
}

// inTransferSet reports whether s is of a product that moves with a
// Workspace subscription.
func inTransferSet(s *subscription) bool {
	k := s.sku
	return k.product == productWorkspace || k.product == productDrive || k.product == productVault ||
		mustIncludeLegacy[k.id]
}

// transferSet returns the foreign subscriptions of c that must be
// transferred together with src, src included, or nil when src may move
// on its own: when c holds no Workspace subscription among them, or
// nothing to move with it.
func transferSet(c *customer, src *subscription) []*subscription {
	if !inTransferSet(src) {
		return nil
	}
	var set []*subscription
	workspace, addOn := false, false
	for _, x := range c.subs {
		if !x.foreign || !inTransferSet(x) || (x != src && !transferable(x)) {
			continue
		}
		set = append(set, x)
		if x.sku.workspace() && !mustIncludeLegacy[x.sku.id] {
			workspace = true
		} else {
			addOn = true
		}
	}
	if !workspace || !addOn {
		return nil
	}
	return set
}

// batchKey carries a batch's transfers in its parts' contexts.
type batchKey struct{}

// batchTransfers are the transfers a batch holds, by customer ID, and
// the customers whose set has had a member refused.
type batchTransfers struct {
	skus    map[string]map[string]bool // customer ID → SKU IDs ordered
	refused map[string]bool            // customer ID → a member was refused
	// checking is set while the batch checks its transfers before any is
	// applied: transfer validates and stops there.
	checking bool
}

func withBatch(ctx context.Context, b *batchTransfers) context.Context {
	return context.WithValue(ctx, batchKey{}, b)
}

func batchFrom(ctx context.Context) *batchTransfers {
	b, _ := ctx.Value(batchKey{}).(*batchTransfers)
	return b
}

// checkSet refuses a transfer of src whose set is not whole: outside a
// batch when src has a set, in a batch when a member's SKU is missing or
// a member was refused.
func checkSet(b *batchTransfers, c *customer, src *subscription) *apiError {
	set := transferSet(c, src)
	if set == nil {
		return nil
	}
	if b == nil {
		return errConditionNotMet(msgTransferTogether)
	}
	for _, x := range set {
		if !b.skus[c.id][transferSku(x).id] {
			return errConditionNotMet(msgTransferTogether)
		}
	}
	if b.refused[c.id] {
		return errConditionNotMet(msgTransferSetRefused)
	}
	return nil
}

// showLegacy makes a transferable listing's item for a legacy SKU show the
// SKU to transfer to, with the one the customer has in
// transferInfo.currentLegacySkuId.
func showLegacy(v *wireSubscription, s *subscription) {
	if !s.sku.legacy() {
		return
	}
	k := transferSku(s)
	v.SkuID, v.SkuName = k.id, k.name
	v.TransferInfo.CurrentLegacySkuID = s.sku.id
}
