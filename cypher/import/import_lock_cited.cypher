// Lock works a batch cites or stops citing (those in the graph), in key order, so values derived from their
// incoming CITES can be refreshed exactly. Missing ones are created as stubs later, under the Work.id constraint.
// $ids: work ids (W…), sorted.
UNWIND $ids AS id
MATCH (w:Work {id: id})
SET w._lock = true
REMOVE w._lock
