// Who takes part in an invitation, for the mails that follow a send or an answer: the sender, the owner of the
// invited record, the record and the invitation's state. Called only after a write the session was allowed to make.
// $invite_id.
MATCH (sender:User)-[:SENT]->(i:Invitation {id: $invite_id})-[:TO]->(r:Researcher)
OPTIONAL MATCH (:Ownership {researcherId: r.id})-[:HELD_BY]->(owner:User)
RETURN i { .id, .status, .message } AS invitation, sender { .displayName, .email } AS sender,
       owner { .displayName, .email } AS owner, r { .id, .name } AS researcher
