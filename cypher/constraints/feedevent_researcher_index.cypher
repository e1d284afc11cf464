// The feed reads the events of the researchers a user follows.
CREATE INDEX feedevent_researcher_index IF NOT EXISTS FOR (n:FeedEvent) ON (n.researcherId)
