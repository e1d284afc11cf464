"""The small web UI: server-rendered profile page and the graph explorer."""
