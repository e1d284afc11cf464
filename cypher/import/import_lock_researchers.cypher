// Lock the researchers a batch touches (authors before and after the write), in key order, creating missing ones
// (their name and ORCID fill in from import_researchers_merge or their own record). Every writer of AUTHORED,
// COAUTHOR and WORKS_ON takes these locks first, so the derived edges it writes or recomputes are exact.
// $ids: researcher ids (A…), sorted.
UNWIND $ids AS id
MERGE (r:Researcher {id: id})
SET r._lock = true
REMOVE r._lock
