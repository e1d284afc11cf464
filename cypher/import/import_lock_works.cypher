// Lock a batch's works, in key order, before anything about them is read: an import holding these locks is the
// only writer of their edges until it commits, so "new to the graph" and the stored state it reads stay true.
// Works not in the graph yet are created as stubs (stub = true), which the batch then fills in; a stub has no
// outgoing edges, so it counts as new. The lock is the write of a property that is removed at once (the locks
// are held to the end of the transaction; see docs/integrity.md).
// $ids: work ids (W…), sorted.
UNWIND $ids AS id
MERGE (w:Work {id: id})
ON CREATE SET w.stub = true
SET w._lock = true
REMOVE w._lock
