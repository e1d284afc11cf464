// Lock the institutions a batch writes, in key order, creating missing ones, so the check "has the institution's
// own record been imported (updatedDate)?" and the write that depends on it happen under one lock: an embedded
// copy never overwrites the institution's own record, whatever runs at the same time.
// $ids: institution ids (I…), sorted.
UNWIND $ids AS id
MERGE (i:Institution {id: id})
SET i._lock = true
REMOVE i._lock
