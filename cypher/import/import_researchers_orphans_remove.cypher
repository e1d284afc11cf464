// Remove researchers an update left with no tie: no authorship, no own author record (updatedDate), and nothing a
// user attached (follow, claim, invitation, ownership). Those with a user tie stay (see docs/integrity.md).
// Only researchers a batch dropped from a byline are passed, under the batch's locks.
// $ids: researcher ids (A…).
UNWIND $ids AS id
MATCH (r:Researcher {id: id})
WHERE r.updatedDate IS NULL
  AND NOT EXISTS { (r)-[:AUTHORED]->() }
  AND NOT EXISTS { (r)<-[:FOLLOWS|CLAIMS|TO]-() }
  AND NOT EXISTS { MATCH (:Ownership {researcherId: id}) }
DETACH DELETE r
