// Invitations are keyed by our own id (inv_…).
CREATE CONSTRAINT invitation_id_unique IF NOT EXISTS FOR (n:Invitation) REQUIRE n.id IS UNIQUE
