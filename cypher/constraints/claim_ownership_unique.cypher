// At most one owner per researcher: the transaction approving a claim creates the Ownership node, so two
// approvals racing for the same record cannot both commit.
CREATE CONSTRAINT claim_ownership_unique IF NOT EXISTS FOR (n:Ownership) REQUIRE n.researcherId IS UNIQUE
