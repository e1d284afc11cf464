"""ScholarGraph: a scholarly knowledge graph (Neo4j) served through GraphQL. Installed, the repository root is this package."""
