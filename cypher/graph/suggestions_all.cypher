// Every researcher id, in key order (a full recomputation of the stored suggestions).
MATCH (r:Researcher)
RETURN r.id AS id ORDER BY id
