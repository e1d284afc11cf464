"""Resolver functions: validate arguments, call the graph or a loader, build schema types."""
