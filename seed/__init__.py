"""The demo seed: the modelled profile (data/core.json) and a deterministic demo network around it."""
