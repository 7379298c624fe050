package emulator

// The demo fixtures: customers at fixed domains and IDs, each showing one rule
// of the Reseller API. The README's demo tour and the tests name them.
const (
	// ResellerID is the emulated reseller's own customer ID.
	ResellerID = "C0reseller"

	DomainAcmeAnnual    = "acme-annual.example"
	DomainFlex          = "flex.example"
	DomainTrial         = "trial.example"
	DomainSuspended     = "suspended.example"
	DomainNoAdmin       = "no-admin.example"
	DomainOtherReseller = "other-reseller.example"
	DomainRevoked       = "revoked.example"
	DomainTeams         = "teams.example"
	DomainTransfer      = "transfer.example"
	DomainExpiredToken  = "expired-token.example"
	DomainEmerging      = "emerging.example"

	IDAcmeAnnual    = "C0acme001"
	IDFlex          = "C0flex001"
	IDTrial         = "C0trial01"
	IDSuspended     = "C0susp001"
	IDNoAdmin       = "C0noadm01"
	IDOtherReseller = "C0other01"
	IDRevoked       = "C0revok01"
	IDTeam1         = "C0team001" // a team customer on teams.example
	IDTeam2         = "C0team002" // a second team customer on teams.example
	IDTransfer      = "C0xfer001"
	IDExpiredToken  = "C0xexp001"
	IDEmerging      = "C0emrg001"

	// TransferToken is transfer.example's valid customerAuthToken.
	TransferToken = "5c1a9e0b7d3f42e8a6b4c2d0e9f8a7b6"
	// ExpiredTransferToken is expired-token.example's token, generated more
	// than 30 days before the emulator's start.
	ExpiredTransferToken = "0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b"

	// EmergingSKU is the SKU whose insert for emerging.example is refused
	// with 412 conditionNotMet (terms of service not accepted for this
	// emerging-market customer): Google Workspace Business Starter.
	EmergingSKU = "1010020027"
)
