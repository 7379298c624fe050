package emulator

// Every error message the emulator sends, in one place. Each rule has its
// own text because the client's troubleshooting catalogue tells rules that
// share a code and reason (the five changeSeats 400 invalid) apart by
// message. Changing a text here changes the wire contract.
const (
	// Auth (E21).
	msgCredentialsMissing = "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential."
	msgInvalidCredentials = "Request had invalid authentication credentials."
	msgScopeInsufficient  = "Request had insufficient authentication scopes."

	// Routing and request syntax.
	msgNoSuchMethod     = "Not Found: the URL does not name a Reseller API method."
	msgMethodNotAllowed = "Method Not Allowed: this Reseller API resource does not accept that HTTP method."
	msgParseError       = "Invalid JSON payload received."
	msgRequiredField    = "Required field: %s"     // 400 required
	msgRequiredParam    = "Required parameter: %s" // 400 required

	// Customers (E2–E4, E10, E15, D2, D3).
	msgCustomerNotFound         = "Resource not found: customer"
	msgMultipleTeams            = "Multiple teams exist on this domain"
	msgNotYourCustomer          = "Forbidden: this customer is not managed by your reseller account."
	msgResellerAccessRevoked    = "Forbidden: the customer has turned off reseller access in the Admin console."
	msgCustomerExists           = "The customer already exists: transfer its subscriptions before registering it."
	msgDomainInvalid            = "Invalid value for customerDomain."
	msgDomainWWW                = "Invalid value for customerDomain: do not include the www prefix."
	msgDomainImmutable          = "customerDomain can't be changed through the Reseller API."
	msgCustomerTypeInvalid      = "Invalid value for customerType: use domain or team."
	msgCustomerTypeImmutable    = "You cannot update customerType"
	msgAlternateEmailInvalid    = "Invalid value for alternateEmail."
	msgAlternateEmailSameDomain = "alternateEmail must not be on the customer's domain."
	msgPrimaryEmailInvalid      = "Invalid value for primaryAdmin.primaryEmail."
	msgPostalCodeInvalid        = "Invalid value for postalAddress.postalCode for this country."
	msgCountryCodeInvalid       = "Invalid value for postalAddress.countryCode: use a 2-letter ISO 3166 code."
	msgCountryNotResellable     = "Google Workspace can't be resold in this country (postalAddress.countryCode)."
	msgAddressFieldTooLong      = "postalAddress fields are limited to 255 characters."
	msgTransferTokenInvalid     = "Forbidden: the customerAuthToken is invalid or has expired (transfer tokens are valid for 30 days)."

	// Subscriptions: lookup and state (E1).
	msgSubscriptionNotFound = "Resource not found: subscription"
	msgSuspended            = "Bad Request: the subscription is suspended or cancelled; activate it before changing it."

	// changeSeats (E5–E9) and seat counts in general.
	msgSeatsAnnualDecrease = "Seats cannot be reduced for annual plans."
	msgSeatsBelowUsers     = "The number of seats can't be lower than the number of users in the account."
	msgSeatsWrongField     = "The seats provided are not valid: annual plans use numberOfSeats, flexible and trial plans use maximumNumberOfSeats."
	msgLicensedReadOnly    = "Licensed number of seats field is read-only"
	msgTrialSeatCap        = "Trial subscriptions are limited to 10 seats."
	msgSeatsNotPositive    = "The number of seats must be at least 1."
	msgSeatsAboveMax       = "The number of seats exceeds the maximum of 50000 users per customer."
	msgFreeSeatCap         = "Cloud Identity Free is limited to 50 seats."

	// Plans, renewal, trial, suspension (E16).
	msgPlanNameInvalid      = "Invalid value for planName."
	msgPlanNotForSku        = "This plan is not available for this SKU."
	msgAnnualPlanChange     = "You can't update an annual commitment plan"
	msgNoTrialReturn        = "A subscription can't go back to a trial plan."
	msgDealCodeMismatch     = "The dealCode differs from the deal code already on the subscription."
	msgDealCodeTooLong      = "dealCode is limited to 100 characters."
	msgPurchaseOrderTooLong = "purchaseOrderId is limited to 80 characters."
	msgRenewalNotAnnual     = "Renewal settings apply only to annual commitment plans (ANNUAL_MONTHLY_PAY, ANNUAL_YEARLY_PAY)."
	msgRenewalTypeInvalid   = "Invalid value for renewalType."
	msgNotInTrial           = "The subscription is not in a free trial."
	msgNoPaymentPlan        = "No payment plan is assigned to this trial: call changePlan first."
	msgCannotSuspendTrial   = "You can't suspend TRIAL subscriptions and other free subscription types"
	msgSuspendAddOnsFirst   = "Cancel the customer's Google Drive storage and Google Vault subscriptions before suspending Google Workspace."
	msgActivateNotReseller  = "The subscription was not suspended by the reseller; activate can't lift this suspension."

	// subscriptions.delete (E17).
	msgNoAdmin               = "The customer's account has no administrator. Add an administrator, then retry."
	msgDeletionTypeInvalid   = "Invalid value for deletionType: use cancel or transfer_to_direct."
	msgCancelNotForWorkspace = "deletionType cancel does not apply to a Google Workspace subscription: use transfer_to_direct."

	// subscriptions.insert (E18, D1).
	msgSkuUnknown               = "Invalid value for skuId."
	msgSubscriptionExists       = "The customer already has a subscription for this SKU."
	msgNotEligible              = "Customer is not eligible to purchase this subscription"
	msgSkuNotResellable         = "This SKU can't be resold."
	msgEmergingTos              = "The terms of service for reselling Google Workspace to this emerging-market customer have not been accepted."
	msgActionInvalid            = "Invalid value for action: use buy or switch."
	msgSourceSkuNotFound        = "The customer has no subscription for sourceSkuId."
	msgSwitchNotAllowed         = "This SKU change is not an allowed upgrade or downgrade path."
	msgAnnualDowngrade          = "An annual commitment plan can't be downgraded mid-term: set its renewal to SWITCH_TO_PAY_AS_YOU_GO, then change the SKU after renewal."
	msgYearlyUpgrade            = "An ANNUAL_YEARLY_PAY subscription can't be upgraded directly."
	msgEnterpriseDowngradeSeats = "A downgrade from Enterprise to Business is possible only with 300 seats or fewer."
	msgUnverifiedDomainUpgrade  = "Enterprise Essentials can be upgraded to Enterprise only after the customer's domain is verified."
	msgVaultNeedsWorkspace      = "Google Vault requires an active Google Workspace subscription."

	// Transfers (E12, D4).
	msgTransferBelowMinimum = "The number of seats is below transferInfo.minimumTransferableSeats."
	msgTransferDealCode     = "Transfers don't work with discount deal codes."
	msgTransferSkuMismatch  = "Transfer the subscription with its current SKU first, then switch SKU."
	msgTransferSuspended    = "This suspended subscription can't be transferred."
	msgTransferTrial        = "A transferred subscription can't start a trial."
	// The rule is Google's; its code and the all-or-nothing batch are the
	// emulator's inference (transfer_rules.go), and the messages say so.
	msgTransferTogether   = "This subscription must be transferred together with the customer's Google Workspace, Google Drive storage, Google Vault and legacy (Google-Apps-For-Postini, Google-Apps-Lite, Google-Vault-Former-Employee) subscriptions, all in one batch request. (Emulator: 412 conditionNotMet is inferred; Google documents the rule, not its error.)"
	msgTransferSetRefused = "Another transfer of this customer's set (Google Workspace with its Drive storage, Vault and legacy subscriptions) was refused in this batch, so none of them was transferred. (Emulator: all-or-nothing is inferred.)"

	// The batch endpoint.
	msgBatchContentType = "A batch request must be multipart/mixed with a boundary."
	msgBatchMalformed   = "A batch part is not a valid HTTP request."
	msgBatchPartType    = "Each batch part must have Content-Type: application/http."
	msgBatchTooMany     = "A batch request holds at most 1000 calls."
	msgBatchEmpty       = "A batch request must hold at least one call."
	msgBatchNested      = "A batch part can't be a batch request."

	// subscriptions.list.
	msgMaxResultsInvalid = "Invalid value for maxResults: use an integer from 1 to 100."
	msgPageTokenInvalid  = "Invalid value for pageToken."

	// resellernotify.
	msgServiceAccountInvalid = "Invalid value for serviceAccountEmailAddress."
)
