// Whether the database holds no researchers and no works yet (`make run` seeds only an empty database).
RETURN NOT EXISTS { MATCH (:Researcher) } AND NOT EXISTS { MATCH (:Work) } AS empty
