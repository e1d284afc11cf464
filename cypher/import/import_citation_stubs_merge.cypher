// Works known only as reference targets: created as stubs (stub = true) unless they already exist; a later
// full record fills them in (import_works_upsert sets stub = false).
// $ids: work ids (W…).
UNWIND $ids AS id
MERGE (w:Work {id: id})
ON CREATE SET w.stub = true
