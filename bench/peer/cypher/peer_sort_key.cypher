// The peer's Work.sortKey: the publication date, '0000-00-00' for a citation stub (no date), so that references
// sort newest first with stubs last, as the service's work_read_by_ids orders them.
RETURN coalesce(this.sortDate, '0000-00-00') AS k
